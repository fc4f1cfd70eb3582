import { error, redirect } from '@sveltejs/kit';
import { keysetPageNumber, pageCount, parsePageNumber } from '$lib/components/pagination';
import { cursorFromParam, cursorParam } from '$lib/directory/cursor';
import { directoryKeysetQuery, parseSort, placeGuessNotice } from '$lib/directory/directory';
import { filterProblems, parseFilters } from '$lib/directory/filters';
import { findPlace } from '$lib/server/places';
import { listDirectoryPage } from '$lib/server/map-data';
import { searchLimitProblem } from '$lib/search-limits';
import type { DirectoryEntry } from '$lib/directory/types';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

/**
 * The directory pages by keyset: a page is found from `?after=`, the cursor the page before it
 * gave, never from `?page=`, which only says which page it is ("Page 2 of 3").
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const params = url.searchParams;
	const tooLong = searchLimitProblem(params);
	if (tooLong) error(400, tooLong);
	const page = parsePageNumber(params.get('page'));
	if (page === null) error(400, 'Page numbers are whole numbers from 1, as in ?page=2.');
	const firstPageHref = `/directory${directoryKeysetQuery(params, null)}`;
	const expired = {
		message: 'This page link has expired or was changed: start again from the first page.',
		next: { href: firstPageHref, text: 'Go to the first page' }
	};
	const afterParam = params.get('after');
	// An old numbered link (?page=3) has no cursor to find its page from: start at the first.
	if (afterParam === null && page > 1) redirect(303, firstPageHref);
	const after = afterParam === null ? undefined : cursorFromParam(afterParam);
	if (after === null) error(400, expired);

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
		return { ...query, ...noPages };
	}

	const listed = await listDirectoryPage(locals.supabase, {
		after,
		pageSize: PAGE_SIZE,
		sort,
		near: place ?? undefined,
		filters
	});
	if (listed === null) error(400, expired);
	const pages = listed.totalCapped ? null : pageCount(listed.total, PAGE_SIZE);
	const shownPage = keysetPageNumber({ cursor: after !== undefined, page, pageCount: pages });
	return {
		...query,
		entries: listed.entries,
		total: listed.total,
		totalCapped: listed.totalCapped,
		page: shownPage,
		pageCount: pages,
		onFirstPage: after === undefined,
		next: listed.next === null ? null : cursorParam(listed.next)
	};
};

/** What the page shows when it lists nothing. */
const noPages = {
	entries: [] as DirectoryEntry[],
	total: 0,
	totalCapped: false,
	page: 1,
	pageCount: 1,
	onFirstPage: true,
	next: null
};
