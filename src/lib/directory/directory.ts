/**
 * How the directory is ordered and how it says distances: pure, shared by the page's load and
 * its filter form.
 */
import { placeName, type Place } from '$lib/people/places';

export const DIRECTORY_SORT_CHOICES = [
	{ value: 'name', label: 'Name' },
	{ value: 'recent', label: 'Recently confirmed' },
	{ value: 'distance', label: 'Distance from the place' }
] as const;

export type DirectorySort = (typeof DIRECTORY_SORT_CHOICES)[number]['value'];

export const DIRECTORY_SORTS: readonly DirectorySort[] = DIRECTORY_SORT_CHOICES.map(
	({ value }) => value
);

/**
 * The order a `?sort=` parameter asks for: by distance when a place is chosen and no order is
 * given, by name otherwise. A problem (one sentence) for an order the directory does not know,
 * or for distance with no place to measure from.
 */
export function parseSort(
	value: string | null,
	{ placeChosen }: { placeChosen: boolean }
): { sort: DirectorySort; problem?: string } {
	const fallback: DirectorySort = placeChosen ? 'distance' : 'name';
	const wanted = value?.trim() ?? '';
	if (wanted === '') return { sort: fallback };
	const sort = DIRECTORY_SORTS.find((known) => known === wanted);
	if (!sort) {
		return {
			sort: fallback,
			problem: `“${wanted}” is not a way to sort the directory: use ${DIRECTORY_SORTS.join(', ')}.`
		};
	}
	if (sort === 'distance' && !placeChosen) {
		return { sort: 'name', problem: 'Choose a place (near) to sort by distance from it.' };
	}
	return { sort };
}

/** "about 20 km": distances are rounded to a cell's size, never exact. */
export function formatDistance(km: number): string {
	return `about ${km.toLocaleString('en-GB')} km`;
}

/** The query string of the same directory listing on another page: `?near=Utrecht&page=2`. */
export function directoryPageQuery(current: URLSearchParams, page: number): string {
	const params = new URLSearchParams(current);
	params.delete('page');
	if (page > 1) params.set('page', String(page));
	const query = params.toString();
	return query ? `?${query}` : '';
}

/**
 * The query string of the same directory listing on a page found by keyset: the first page
 * (`null`), or the page after a cursor, with its number (when known) for saying where it is
 * (`?near=Utrecht&after=eyJ…&page=2`). The cursor finds the page; the number never does.
 */
export function directoryKeysetQuery(
	current: URLSearchParams,
	next: { after: string; page: number | null } | null
): string {
	const params = new URLSearchParams(current);
	params.delete('after');
	params.delete('page');
	if (next) {
		params.set('after', next.after);
		if (next.page !== null) params.set('page', String(next.page));
	}
	const query = params.toString();
	return query ? `?${query}` : '';
}

/**
 * What to say about the place a typed `near` was read as: nothing when the visitor named it (its
 * name, its full name, or the gazetteer id the place search offers), else which place the search
 * took it for, so that a typo never silently measures from somewhere else.
 */
export function placeGuessNotice(
	near: string,
	place: Pick<Place, 'id' | 'name' | 'region' | 'country_name'>
): string | null {
	const typed = near.trim().toLocaleLowerCase('en');
	const named = [String(place.id), place.name, placeName(place)].map((name) =>
		name.toLocaleLowerCase('en')
	);
	if (named.includes(typed)) return null;
	return `No place is called “${near.trim()}”: distances are from ${placeName(place)}, the closest match.`;
}
