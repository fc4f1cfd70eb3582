/**
 * Distances over the Earth as the database measures them, and points as unit vectors, for the
 * planner's arithmetic on the sphere. Pure, with exact-value tests.
 */
import type { LatLng } from './cells';

/**
 * The Earth's radius in km as PostgreSQL's `earthdistance` extension takes it (`earth()` is
 * 6,378,168 m), so a distance here agrees with the distances the database gives (`nearest_towns`).
 */
export const EARTH_RADIUS_KM = 6378.168;

const RADIANS_PER_DEGREE = Math.PI / 180;

/** A point on the unit sphere: x towards (0°, 0°), y towards (0°, 90° E), z towards the North Pole. */
export type UnitVector = readonly [x: number, y: number, z: number];

export function toUnitVector({ lat, lng }: LatLng): UnitVector {
	const phi = lat * RADIANS_PER_DEGREE;
	const lambda = lng * RADIANS_PER_DEGREE;
	return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
}

/** The point a (not necessarily unit) vector points at; longitude 0 at the poles. */
export function fromVector([x, y, z]: UnitVector): LatLng {
	const lat = Math.atan2(z, Math.hypot(x, y)) / RADIANS_PER_DEGREE;
	const lng = x === 0 && y === 0 ? 0 : Math.atan2(y, x) / RADIANS_PER_DEGREE;
	return { lat, lng };
}

/**
 * The angle between two unit vectors, in radians. atan2 of the cross and dot products stays
 * accurate for points metres apart, where the arc cosine of the dot product loses them.
 */
export function angleBetween(a: UnitVector, b: UnitVector): number {
	const cross = Math.hypot(
		a[1] * b[2] - a[2] * b[1],
		a[2] * b[0] - a[0] * b[2],
		a[0] * b[1] - a[1] * b[0]
	);
	return Math.atan2(cross, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]);
}

/** The great-circle distance between two points, in km. */
export function greatCircleKm(from: LatLng, to: LatLng): number {
	return angleBetween(toUnitVector(from), toUnitVector(to)) * EARTH_RADIUS_KM;
}
