/**
 * Published cells: the grid a practitioner's point is snapped to before anyone else sees it.
 *
 * A cell is a Web Mercator tile named by its quadkey (Bing Maps' tile system): one digit per zoom
 * level, most significant first, each digit `(x bit) + 2 * (y bit)`. A coarser cell is a prefix
 * of every finer cell inside it, so aggregating by zoom is a `left(cell, zoom)`.
 *
 * The database computes the published cells (the `private.cell_at` database function,
 * guarantee 2 in DESIGN.md); this is the same arithmetic in TypeScript for the live
 * preview while someone picks their place. Both use the OpenStreetMap form of the projection,
 * `y = (1 - ln(tan φ + 1 / cos φ) / π) / 2`, with φ in radians as PostgreSQL's `radians()`
 * computes it, and floor to the tile, so they agree but for rounding in the last bit at a tile's
 * very edge. An integration test compares them.
 * https://learn.microsoft.com/en-us/bingmaps/articles/bing-maps-tile-system (quadkeys)
 * https://wiki.openstreetmap.org/wiki/Slippy_map_tilenames (tile numbers)
 */
import type { Enums } from '$lib/database.types';

export type Precision = Enums<'location_precision'>;

/** Precision levels from finest to coarsest. */
export const PRECISIONS = [
	'neighbourhood',
	'town',
	'area',
	'region',
	'country'
] as const satisfies readonly Precision[];

/**
 * The tile zoom of each precision: a tile at zoom z is 40 075 km / 2^z wide at the equator and
 * narrower by cos(latitude) north and south of it (about 0.6 of that in Utrecht).
 */
export const PRECISION_ZOOM: Readonly<Record<Precision, number>> = {
	neighbourhood: 15, // ~1.2 km at the equator, ~0.75 km at 52° N
	town: 13, // ~4.9 km
	area: 11, // ~20 km
	region: 9, // ~78 km
	country: 5 // ~1250 km: the label, not the cell, says which country
};

/** Web Mercator's latitude limit, where the square world map ends (Bing's constant). */
export const MAX_LATITUDE = 85.05112878;

/** PostgreSQL's `radians()` multiplies by this constant rather than dividing by 180. */
const RADIANS_PER_DEGREE = Math.PI / 180;

/** Deep enough for any use here (zoom 15 is the finest precision) while x and y stay exact. */
export const MAX_ZOOM = 30;

export interface Tile {
	x: number;
	y: number;
	zoom: number;
}

export interface LatLng {
	lat: number;
	lng: number;
}

export interface CellBounds {
	west: number;
	south: number;
	east: number;
	north: number;
}

/**
 * The tile holding a point. A point on a tile's west or north edge belongs to that tile, so the
 * equator and the prime meridian fall in the south-east quadrant. Latitudes beyond the Mercator
 * limit are clamped to it (the poles land in the top and bottom rows); longitude 180 is the same
 * meridian as -180 and lands in column 0.
 */
export function tileAt({ lat, lng, zoom }: LatLng & { zoom: number }): Tile {
	assertZoom(zoom);
	if (!Number.isFinite(lat) || lat < -90 || lat > 90) {
		throw new RangeError(`Latitude must be a number from -90 to 90, not ${lat}.`);
	}
	if (!Number.isFinite(lng) || lng < -180 || lng > 180) {
		throw new RangeError(`Longitude must be a number from -180 to 180, not ${lng}.`);
	}
	const tilesAcross = 2 ** zoom;
	const clampedLat = Math.min(Math.max(lat, -MAX_LATITUDE), MAX_LATITUDE);
	const radians = clampedLat * RADIANS_PER_DEGREE;
	const mercatorY = (1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2;
	return {
		x: Math.floor(((lng + 180) / 360) * tilesAcross) % tilesAcross,
		// The clamped limit is a hair past the map's true edge, so y can be -0.000… or n + 0.000….
		y: Math.min(Math.max(Math.floor(mercatorY * tilesAcross), 0), tilesAcross - 1),
		zoom
	};
}

/** The quadkey of the cell holding a point at a zoom. */
export function cellAt(point: LatLng & { zoom: number }): string {
	return quadkeyOf(tileAt(point));
}

/** A tile's quadkey: one digit per zoom level, `(x bit) + 2 * (y bit)`, most significant first. */
export function quadkeyOf({ x, y, zoom }: Tile): string {
	let quadkey = '';
	for (let level = zoom; level > 0; level--) {
		const bit = 2 ** (level - 1);
		quadkey += String((Math.floor(x / bit) % 2) + 2 * (Math.floor(y / bit) % 2));
	}
	return quadkey;
}

/** The tile a quadkey names. Throws on anything but digits 0 to 3. */
export function tileOf(quadkey: string): Tile {
	if (!/^[0-3]*$/.test(quadkey)) {
		throw new RangeError(`A cell is a quadkey of digits 0 to 3, not "${quadkey}".`);
	}
	assertZoom(quadkey.length);
	let x = 0;
	let y = 0;
	for (const digit of quadkey) {
		const value = Number(digit);
		x = x * 2 + (value % 2);
		y = y * 2 + Math.floor(value / 2);
	}
	return { x, y, zoom: quadkey.length };
}

/** The centre of a cell in Mercator space (not the midpoint of its latitudes). */
export function cellCentre(quadkey: string): LatLng {
	const { x, y, zoom } = tileOf(quadkey);
	const tilesAcross = 2 ** zoom;
	return {
		lat: latitudeAt((y + 0.5) / tilesAcross),
		lng: longitudeAt((x + 0.5) / tilesAcross)
	};
}

/** A cell's edges in degrees. */
export function cellBounds(quadkey: string): CellBounds {
	const { x, y, zoom } = tileOf(quadkey);
	const tilesAcross = 2 ** zoom;
	return {
		west: longitudeAt(x / tilesAcross),
		south: latitudeAt((y + 1) / tilesAcross),
		east: longitudeAt((x + 1) / tilesAcross),
		north: latitudeAt(y / tilesAcross)
	};
}

/** Longitude of a Mercator x from 0 (west edge) to 1 (east edge). */
function longitudeAt(mercatorX: number): number {
	return mercatorX * 360 - 180;
}

/** Latitude of a Mercator y from 0 (top edge) to 1 (bottom edge). */
function latitudeAt(mercatorY: number): number {
	return (Math.atan(Math.sinh(Math.PI * (1 - 2 * mercatorY))) * 180) / Math.PI;
}

function assertZoom(zoom: number) {
	if (!Number.isInteger(zoom) || zoom < 0 || zoom > MAX_ZOOM) {
		throw new RangeError(`Zoom must be a whole number from 0 to ${MAX_ZOOM}, not ${zoom}.`);
	}
}
