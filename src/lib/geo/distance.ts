/**
 * Distances between points on the Earth, and how precisely a distance to a published cell may be
 * said. Pure, with exact-value tests.
 */
import type { Bounds } from './view-boxes';
import type { LatLng } from './cells';

/** The radius of the earthdistance extension's sphere, so the app and the database agree. */
export const EARTH_RADIUS_KM = 6378.168;

const RADIANS_PER_DEGREE = Math.PI / 180;

/** The great-circle distance between two points, in kilometres (haversine). */
export function distanceKm(from: LatLng, to: LatLng): number {
	const dLat = (to.lat - from.lat) * RADIANS_PER_DEGREE;
	const dLng = (to.lng - from.lng) * RADIANS_PER_DEGREE;
	const a =
		Math.sin(dLat / 2) ** 2 +
		Math.cos(from.lat * RADIANS_PER_DEGREE) *
			Math.cos(to.lat * RADIANS_PER_DEGREE) *
			Math.sin(dLng / 2) ** 2;
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * The size a distance to a cell is rounded to, by the cell's length (its zoom), as the directory
 * rounds them (`directory_page`): a neighbourhood 1 km, a town 5, an area 20, a region 100.
 */
export function cellSizeKm(cell: string): number {
	if (cell.length >= 15) return 1;
	if (cell.length >= 13) return 5;
	if (cell.length >= 11) return 20;
	if (cell.length >= 9) return 100;
	return 1000;
}

/** A distance to a cell's centre rounded to the cell's size, never below one size. */
export function roundedDistanceKm(km: number, cell: string): number {
	const size = cellSizeKm(cell);
	return Math.max(Math.round(km / size), 1) * size;
}

/**
 * A box holding every point within `km` of a centre, for an index to narrow a search before the
 * distances are measured: `[west, south, east, north]`, its west east of its east when it crosses
 * the antimeridian, the whole width of the world near a pole.
 */
export function boundsWithin(centre: LatLng, km: number): Bounds {
	const angle = km / EARTH_RADIUS_KM;
	const latSpan = angle / RADIANS_PER_DEGREE;
	const south = centre.lat - latSpan;
	const north = centre.lat + latSpan;
	if (south <= -90 || north >= 90) {
		return [-180, Math.max(south, -90), 180, Math.min(north, 90)];
	}
	// The widest a circle gets is where a great circle touches it, not along the parallel.
	const sinSpan = Math.sin(angle) / Math.cos(centre.lat * RADIANS_PER_DEGREE);
	if (sinSpan >= 1) return [-180, south, 180, north];
	const lngSpan = Math.asin(sinSpan) / RADIANS_PER_DEGREE;
	const wrap = (lng: number) => ((((lng + 180) % 360) + 360) % 360) - 180;
	return [wrap(centre.lng - lngSpan), south, wrap(centre.lng + lngSpan), north];
}
