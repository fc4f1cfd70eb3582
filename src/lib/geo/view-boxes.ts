/**
 * Boxes on the map: a view as a box in -180..180, a box grown by a margin, whether a box holds a
 * point or another box, the box a map shows around a centre. Pure, with exact-value tests. A box is `[west, south, east, north]` in degrees, longitudes in -180..180; a
 * box whose west is greater than its east crosses the antimeridian.
 */
import { wrapLongitude as wrapAround } from './antimeridian';

/** `[west, south, east, north]`, as MapLibre's `fitBounds` takes it. */
export type Bounds = [number, number, number, number];

/** Web Mercator stops here. */
export const MAX_LATITUDE = 85.0511;

/** The whole world as a box: all of it that Web Mercator shows. */
export const WHOLE_WORLD: Bounds = [-180, -MAX_LATITUDE, 180, MAX_LATITUDE];

/**
 * The whole world as a view: its centre `[lng, lat]`, a little north where most of the land is,
 * and the zoom at which the world (1024 px wide) about fills a map.
 */
export const WORLD_VIEW: { center: [number, number]; zoom: number } = {
	center: [10, 30],
	zoom: 1
};

/**
 * A longitude in -180..180, as MapLibre's bounds leave it after panning across the antimeridian.
 * Unlike the antimeridian module's wrap, a box edge at 180 stays 180, so the whole world stays
 * [-180, 180].
 */
export function wrapLongitude(lng: number): number {
	return lng >= -180 && lng <= 180 ? lng : wrapAround(lng);
}

function clampLatitude(lat: number): number {
	return Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
}

/** The width of a box in degrees of longitude, across the antimeridian when it crosses it. */
function widthOf([west, , east]: Bounds): number {
	return west <= east ? east - west : 360 - west + east;
}

/**
 * A view as MapLibre gives it (its west may be below -180 or its east above 180) as a box in
 * -180..180: the whole world's width when it shows all of it.
 */
export function normaliseBounds([west, south, east, north]: Bounds): Bounds {
	if (east - west >= 360) return [-180, clampLatitude(south), 180, clampLatitude(north)];
	return [wrapLongitude(west), clampLatitude(south), wrapLongitude(east), clampLatitude(north)];
}

/**
 * The view grown by `margin` of its size on every side, so panning a little stays inside what
 * was loaded. Latitudes stop at Mercator's edge; a box grown past the whole world's width is it.
 */
export function padBounds(view: Bounds, margin = 0.5): Bounds {
	const [west, south, east, north] = normaliseBounds(view);
	const width = widthOf([west, south, east, north]);
	const height = north - south;
	const grownWidth = width * (1 + 2 * margin);
	if (grownWidth >= 360) {
		return [
			-180,
			clampLatitude(south - height * margin),
			180,
			clampLatitude(north + height * margin)
		];
	}
	return [
		wrapLongitude(west - width * margin),
		clampLatitude(south - height * margin),
		wrapLongitude(east + width * margin),
		clampLatitude(north + height * margin)
	];
}

/** Whether a longitude lies within a box's west and east edges. */
function withinLongitudes(lng: number, [west, , east]: Bounds): boolean {
	return west <= east ? lng >= west && lng <= east : lng >= west || lng <= east;
}

/** Whether a point is in a box. */
export function contains(box: Bounds, { lat, lng }: { lat: number; lng: number }): boolean {
	return lat >= box[1] && lat <= box[3] && withinLongitudes(lng, box);
}

/** Whether `outer` holds all of `inner`, both already normalised. */
export function containsBox(outer: Bounds, inner: Bounds): boolean {
	if (inner[1] < outer[1] || inner[3] > outer[3]) return false;
	if (widthOf(outer) >= 360) return true;
	if (widthOf(inner) > widthOf(outer)) return false;
	// Inner's west edge is in outer, and its east edge is no further from outer's west.
	if (!withinLongitudes(inner[0], outer)) return false;
	const offset = (lng: number) => (((lng - outer[0]) % 360) + 360) % 360;
	return offset(inner[0]) + widthOf(inner) <= widthOf(outer) + 1e-9;
}

/** The tile size MapLibre draws at: the world is 512 px wide at zoom 0. */
const TILE_SIZE = 512;

function mercatorY(lat: number): number {
	const sin = Math.sin((clampLatitude(lat) * Math.PI) / 180);
	return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

function latitudeOf(y: number): number {
	const n = Math.PI - 2 * Math.PI * y;
	return (180 / Math.PI) * Math.atan(0.5 * (Math.exp(n) - Math.exp(-n)));
}

/**
 * The box a map of `size` pixels shows around a centre at a zoom: what the server loads first,
 * before the browser knows the map's real size.
 */
export function boundsAround({
	center: [lng, lat],
	zoom,
	size
}: {
	center: [number, number];
	zoom: number;
	size: { width: number; height: number };
}): Bounds {
	const worldSize = TILE_SIZE * 2 ** zoom;
	const width = (size.width / worldSize) * 360;
	const y = mercatorY(lat);
	const halfHeight = size.height / worldSize / 2;
	const south = clampLatitude(latitudeOf(Math.min(1, y + halfHeight)));
	const north = clampLatitude(latitudeOf(Math.max(0, y - halfHeight)));
	if (width >= 360) return [-180, south, 180, north];
	return normaliseBounds([lng - width / 2, south, lng + width / 2, north]);
}

/**
 * The smallest box holding every point, or null when there are none. It goes the short way round
 * the world: its edges are the two points either side of the widest gap between the points'
 * longitudes. When that gap is not the one across the antimeridian, the box crosses it, and its
 * west is greater than its east (MapLibre's `fitBounds` takes such a box as it is). People in the
 * Americas, Europe and Australia fit in a box from Australia east across the Pacific to Europe,
 * narrower than one from the Americas east to Australia.
 */
export function boundsOfPoints(points: readonly { lat: number; lng: number }[]): Bounds | null {
	if (points.length === 0) return null;
	const lngs = points.map(({ lng }) => lng).sort((a, b) => a - b);
	let [west, east] = [lngs[0], lngs[lngs.length - 1]];
	// The gap across the antimeridian wins a tie, so a box that need not cross it does not.
	let widestGap = 360 - (east - west);
	for (let i = 1; i < lngs.length; i++) {
		const gap = lngs[i] - lngs[i - 1];
		if (gap > widestGap) [widestGap, west, east] = [gap, lngs[i], lngs[i - 1]];
	}
	let [south, north] = [Infinity, -Infinity];
	for (const { lat } of points) [south, north] = [Math.min(south, lat), Math.max(north, lat)];
	return [west, south, east, north];
}
