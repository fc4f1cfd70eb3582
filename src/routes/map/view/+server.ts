import { json } from '@sveltejs/kit';
import { parseViewParams } from '$lib/map/view-params';
import { parseFilters } from '$lib/directory/filters';
import { listMapView } from '$lib/server/map-data';
import { searchLimitProblem } from '$lib/search-limits';
import type { RequestHandler } from './$types';

/** Every answer depends on who asks (their audience, their blocks): no shared caches. */
const headers = { 'cache-control': 'private, no-store' };

/**
 * What the map shows in a box at a zoom, for the visitor:
 * `/map/view?west=4.5&south=51.9&east=5.6&north=52.4&zoom=9&open_to=crewing`, answered with
 * every item when few match, counts by place when many, "narrow" (no total, nothing to draw) when
 * a search or person filters would read too many people there (MapViewData).
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const tooLong = searchLimitProblem(url.searchParams);
	if (tooLong) return json({ message: tooLong }, { status: 400, headers });
	const view = parseViewParams(url.searchParams);
	if ('problem' in view) return json({ message: view.problem }, { status: 400, headers });
	return json(
		await listMapView(locals.supabase, { ...view, filters: parseFilters(url.searchParams) }),
		{ headers }
	);
};
