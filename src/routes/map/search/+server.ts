import { json } from '@sveltejs/kit';
import { searchPlaces } from '$lib/server/places';
import { listMapItems } from '$lib/server/map-data';
import { searchLimitProblem } from '$lib/search-limits';
import type { RequestHandler } from './$types';

/** People in the answer depend on who asks (their audience, their blocks): no shared caches. */
const headers = { 'cache-control': 'private, no-store' };

/** People to offer at once, as many as places. */
const PEOPLE_RESULTS = 8;

/**
 * The map's search box: `/map/search?q=utr` gives places from the gazetteer to fly to (once the
 * query is long enough, see searchPlaces) and the people whose name or interests match, as the
 * visitor may see them: `{ places: Place[], people: MapItem[] }`.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const q = (url.searchParams.get('q') ?? '').trim();
	if (q === '') {
		return json({ message: 'q must name a place or a person.' }, { status: 400, headers });
	}
	const tooLong = searchLimitProblem(url.searchParams);
	if (tooLong) return json({ message: tooLong }, { status: 400, headers });
	const [places, { items: people }] = await Promise.all([
		searchPlaces(locals.supabase, q),
		listMapItems(locals.supabase, { filters: { q }, maxItems: PEOPLE_RESULTS })
	]);
	return json({ places, people }, { headers });
};
