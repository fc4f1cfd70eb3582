/**
 * The box and zoom of a `/map/view` request in its URL (`?west=&south=&east=&north=&zoom=`), read
 * by the endpoint and written by the browser. Pure and free of server imports, so both sides
 * agree on one format.
 */

import type { Bounds } from '$lib/geo/view-boxes';

export interface ViewParams {
	bounds: Bounds;
	/** MapLibre's zoom, possibly fractional. */
	zoom: number;
}

/**
 * The zooms a view may be asked for at, as the `map_view` database function takes them: the
 * finer the zoom, the finer its counts by place.
 */
export const VIEW_ZOOM_RANGE = { min: 0, max: 24 } as const;

/** Each edge's name and the degrees it may take; west > east is allowed (the antimeridian). */
const EDGES = [
	['west', 180],
	['south', 90],
	['east', 180],
	['north', 90]
] as const;

/** A number from a parameter, or null when it is missing, blank or not a finite number. */
function numberParam(params: URLSearchParams, name: string): number | null {
	const text = params.get(name);
	if (text === null || text.trim() === '') return null;
	const value = Number(text);
	return Number.isFinite(value) ? value : null;
}

/**
 * The box and zoom in a URL's parameters, or a sentence naming the first parameter that is
 * missing or out of range. A west edge east of the east edge is a box across the antimeridian.
 */
export function parseViewParams(params: URLSearchParams): ViewParams | { problem: string } {
	const edges: number[] = [];
	for (const [name, limit] of EDGES) {
		const value = numberParam(params, name);
		if (value === null) return { problem: `${name} must be a number of degrees.` };
		if (value < -limit || value > limit) {
			return { problem: `${name} must be between -${limit} and ${limit} degrees.` };
		}
		edges.push(value);
	}
	const [west, south, east, north] = edges;
	if (south > north) return { problem: 'south must not be north of north.' };
	const zoom = numberParam(params, 'zoom');
	if (zoom === null || zoom < VIEW_ZOOM_RANGE.min || zoom > VIEW_ZOOM_RANGE.max) {
		return {
			problem: `zoom must be a number from ${VIEW_ZOOM_RANGE.min} to ${VIEW_ZOOM_RANGE.max}.`
		};
	}
	return { bounds: [west, south, east, north], zoom };
}

/** The URL parameters for a box and zoom, as `parseViewParams` reads them. */
export function viewParams(bounds: Bounds, zoom: number): URLSearchParams {
	const [west, south, east, north] = bounds;
	return new URLSearchParams({
		west: String(west),
		south: String(south),
		east: String(east),
		north: String(north),
		zoom: String(zoom)
	});
}
