import { error } from '@sveltejs/kit';
import { WHOLE_WORLD, WORLD_VIEW, boundsAround, padBounds } from '$lib/geo/view-boxes';
import { parseMapUrlState } from '$lib/map/url-state';
import { filterProblems, parseFilters } from '$lib/directory/filters';
import { listMapView } from '$lib/server/map-data';
import { searchLimitProblem } from '$lib/search-limits';
import type { PageServerLoad } from './$types';

/**
 * The map's size before the browser says: a large screen, so the first answer covers what most
 * screens show and the browser rarely has to ask again at once.
 */
const ASSUMED_MAP_SIZE = { width: 1600, height: 1000 };

export const load: PageServerLoad = async ({ locals, url }) => {
	const tooLong = searchLimitProblem(url.searchParams);
	if (tooLong) error(400, tooLong);
	const filters = parseFilters(url.searchParams);
	const { view } = parseMapUrlState(url.searchParams);
	const bounds = view ? padBounds(boundsAround({ ...view, size: ASSUMED_MAP_SIZE })) : WHOLE_WORLD;
	// Without a view in the URL, the whole world, counted by place as for the world view.
	const zoom = Math.floor(view?.zoom ?? WORLD_VIEW.zoom);
	const mapData = await listMapView(locals.supabase, { bounds, zoom, filters });
	return {
		mapData,
		loadedBox: { bounds, zoom, detail: mapData.detail },
		filters,
		problems: filterProblems(url.searchParams)
	};
};
