import { error } from '@sveltejs/kit';
import { pageCount, parsePageNumber } from '$lib/components/pagination';
import { parseSort, placeGuessNotice } from '$lib/directory/directory';
import { filterProblems, parseFilters } from '$lib/directory/filters';
import { findPlace } from '$lib/server/places';
import { listDirectoryPage } from '$lib/server/map-data';
import { searchLimitProblem } from '$lib/search-limits';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;
/** Far beyond any directory, and within the database's integer page numbers. */
const MAX_PAGE = 100_000;

export const load: PageServerLoad = async ({ locals, url }) => {
	const params = url.searchParams;
	const tooLong = searchLimitProblem(params);
	if (tooLong) error(400, tooLong);
	const page = parsePageNumber(params.get('page'));
	if (page === null) error(400, 'Page numbers are whole numbers from 1, as in ?page=2.');
	if (page > MAX_PAGE) error(404, `There is no page ${page} of the directory.`);

	const filters = parseFilters(params);
	const problems = filterProblems(params);
	const near = params.get('near')?.trim() ?? '';
	const place = near ? await findPlace(locals.supabase, near) : null;
	if (near && !place) {
		problems.push(`No place called “${near}” is known here: try the nearest town or city.`);
	}
	const { sort, problem: sortProblem } = parseSort(params.get('sort'), {
		placeChosen: place !== null || near !== ''
	});
	if (sortProblem) problems.push(sortProblem);

	const query = {
		filters,
		sort,
		near: place ? place.name : near,
		place,
		placeNotice: place && placeGuessNotice(near, place),
		problems
	};
	// Bad parameters list nothing rather than guess: the form keeps what was asked for, and the
	// page says what to change.
	if (problems.length > 0) {
		return { ...query, entries: [], total: 0, page: 1, pageCount: 1 };
	}

	const { entries, total } = await listDirectoryPage(locals.supabase, {
		page,
		pageSize: PAGE_SIZE,
		sort,
		near: place ?? undefined,
		filters
	});
	const pages = pageCount(total, PAGE_SIZE);
	if (page > pages) {
		error(
			404,
			`There is no page ${page} of the directory: it has ${pages} page${pages === 1 ? '' : 's'}.`
		);
	}
	return { ...query, entries, total, page, pageCount: pages };
};
