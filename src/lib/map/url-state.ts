/**
 * The map's view, layers and selection in the URL (`?lat=&lng=&z=&layers=&sel=`), so reload,
 * back/forward and shared links show the same map, and the filter params the map passes on to its
 * requests and links. Pure: parsing never throws; anything invalid is dropped, and the rest of the
 * query (the filter params) is left as it was.
 */
import { wrapLongitude } from '$lib/geo/antimeridian';
import { FILTER_PARAMS } from '$lib/directory/filters';
import { clusterDefaults } from './clusters';
import { MAP_ITEM_KINDS, type MapItemKind } from './map-items';
// Web Mercator stops here; a centre further north or south cannot be shown.
import { MAX_LATITUDE } from '$lib/geo/view-boxes';

export interface MapUrlState {
	/** The centre as `[lng, lat]` and the zoom; null to fit the map to what it shows. */
	view: { center: [number, number]; zoom: number } | null;
	/** The kinds left off the map. */
	hiddenKinds: MapItemKind[];
	/** The selected item's id. */
	selectedId: string | null;
}

const MAP_URL_PARAMS = ['lat', 'lng', 'z', 'layers', 'sel'] as const;

/** Ids are UUIDs today; anything of this shape is passed on and looked up, never trusted. */
const ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

function numberIn(text: string | null, min: number, max: number): number | null {
	if (text === null || text.trim() === '') return null;
	const value = Number(text);
	return Number.isFinite(value) && value >= min && value <= max ? value : null;
}

export function parseMapUrlState(params: URLSearchParams): MapUrlState {
	const lat = numberIn(params.get('lat'), -MAX_LATITUDE, MAX_LATITUDE);
	const lng = numberIn(params.get('lng'), -180, 180);
	const zoom = numberIn(params.get('z'), 0, clusterDefaults.maxZoom);
	const view =
		lat !== null && lng !== null && zoom !== null
			? { center: [lng, lat] as [number, number], zoom }
			: null;

	const layers = params.get('layers');
	const shown = layers === null ? null : new Set(layers.split(','));
	const hiddenKinds = shown === null ? [] : MAP_ITEM_KINDS.filter((kind) => !shown.has(kind));

	const sel = params.get('sel');
	const selectedId = sel !== null && ID_PATTERN.test(sel) ? sel : null;

	return { view, hiddenKinds, selectedId };
}

/**
 * The query for a map state: `base` with the map's own params replaced. The centre keeps four
 * decimals (about 10 m, finer than any view needs) and the zoom two, so links stay short.
 */
export function mapUrlStateToSearchParams(
	state: MapUrlState,
	base: URLSearchParams = new URLSearchParams()
): URLSearchParams {
	const params = new URLSearchParams(base);
	for (const name of MAP_URL_PARAMS) params.delete(name);
	if (state.view) {
		const [lng, lat] = state.view.center;
		params.set('lat', String(round(lat, 4)));
		// MapLibre's centre goes past ±180 after panning across the antimeridian.
		params.set('lng', String(round(wrapLongitude(lng), 4)));
		params.set('z', String(round(state.view.zoom, 2)));
	}
	if (state.hiddenKinds.length > 0) {
		params.set(
			'layers',
			MAP_ITEM_KINDS.filter((kind) => !state.hiddenKinds.includes(kind)).join(',')
		);
	}
	if (state.selectedId) params.set('sel', state.selectedId);
	return params;
}

function round(value: number, decimals: number): number {
	const factor = 10 ** decimals;
	return Math.round(value * factor) / factor;
}

/** A path with a query, or the path alone when the query is empty. */
export function withQuery(path: string, params: URLSearchParams): string {
	return params.size > 0 ? `${path}?${params}` : path;
}

/**
 * The map's filter parameters in a query, as written there: what the map's requests and its link
 * to the directory pass on.
 */
export function filterParamsOf(params: URLSearchParams): URLSearchParams {
	return new URLSearchParams(
		Object.values(FILTER_PARAMS).flatMap((name) =>
			params.getAll(name).map((value) => [name, value])
		)
	);
}

/**
 * The query that filters the map by a search: `query` in place of any search before it, without
 * the selection (it may not match).
 */
export function searchQuery(params: URLSearchParams, query: string): URLSearchParams {
	return new URLSearchParams([
		...[...params].filter(([name]) => name !== 'sel' && name !== FILTER_PARAMS.q),
		[FILTER_PARAMS.q, query]
	]);
}
