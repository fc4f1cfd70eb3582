import { error } from '@sveltejs/kit';
import { pageCount, parsePageNumber } from '$lib/components/pagination';
import { placeGuessNotice } from '$lib/directory/directory';
import { parseGroupFilters } from '$lib/groups/group-filters';
import { listGroups } from '$lib/server/groups';
import { findPlace } from '$lib/server/places';
import { searchLimitProblem } from '$lib/search-limits';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;
/** Far beyond any list of groups. */
const MAX_PAGE = 10_000;

export const load: PageServerLoad = async ({ locals, url }) => {
	const params = url.searchParams;
	const tooLong = searchLimitProblem(params);
	if (tooLong) error(400, tooLong);
	const page = parsePageNumber(params.get('page'));
	if (page === null) error(400, 'Page numbers are whole numbers from 1, as in ?page=2.');
	if (page > MAX_PAGE) error(404, `There is no page ${page} of crews and congregations.`);

	const { filters, problems } = parseGroupFilters(params);
	const place = filters.near ? await findPlace(locals.supabase, filters.near) : null;
	if (filters.near && !place) {
		problems.push(`No place called “${filters.near}” is known here: try the nearest town or city.`);
	}
	const query = {
		filters,
		place,
		placeNotice: place && placeGuessNotice(filters.near, place),
		problems
	};
	// Bad parameters list nothing rather than guess: the form keeps what was asked for, and the
	// page says what to change.
	if (problems.length > 0) {
		return { ...query, entries: [], total: 0, page: 1, pageCount: 1 };
	}

	const { entries, total } = await listGroups(locals.supabase, {
		filters,
		place,
		page,
		pageSize: PAGE_SIZE
	});
	const pages = pageCount(total, PAGE_SIZE);
	if (page > pages) {
		error(
			404,
			`There is no page ${page} of crews and congregations: there ${pages === 1 ? 'is 1 page' : `are ${pages} pages`}.`
		);
	}
	return { ...query, entries, total, page, pageCount: pages };
};
