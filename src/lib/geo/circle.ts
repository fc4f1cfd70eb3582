/**
 * A circle on the Earth as a polygon to draw, and the box around it: the region a member draws on
 * the planner's map. Pure, with exact-value tests.
 */
import type { Polygon } from 'geojson';
import type { LatLng } from './cells';
import { EARTH_RADIUS_KM } from './great-circle';
import type { Bounds } from './view-boxes';

const RADIANS_PER_DEGREE = Math.PI / 180;

/** The point `km` from `from` on the initial bearing `bearing` (degrees clockwise from north). */
export function destination(
	from: LatLng,
	{ km, bearing }: { km: number; bearing: number }
): LatLng {
	const angle = km / EARTH_RADIUS_KM;
	const phi = from.lat * RADIANS_PER_DEGREE;
	const theta = bearing * RADIANS_PER_DEGREE;
	const lat = Math.asin(
		Math.sin(phi) * Math.cos(angle) + Math.cos(phi) * Math.sin(angle) * Math.cos(theta)
	);
	const lng =
		from.lng * RADIANS_PER_DEGREE +
		Math.atan2(
			Math.sin(theta) * Math.sin(angle) * Math.cos(phi),
			Math.cos(angle) - Math.sin(phi) * Math.sin(lat)
		);
	return { lat: lat / RADIANS_PER_DEGREE, lng: lng / RADIANS_PER_DEGREE };
}

/**
 * The circle of `radiusKm` around `centre` as a closed ring of `steps` points, north first and
 * clockwise. Longitudes run on past ±180 rather than wrap, so a circle across the antimeridian is
 * drawn whole, as MapLibre draws a ring that leaves -180..180.
 */
export function circlePolygon(centre: LatLng, radiusKm: number, steps = 64): Polygon {
	const ring = Array.from({ length: steps }, (_, step) => {
		const { lat, lng } = destination(centre, { km: radiusKm, bearing: (360 * step) / steps });
		return [lng, lat];
	});
	return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
}

/**
 * The box around a circle, to fit a map to, as `[west, south, east, north]`. West and east may
 * run past ±180 for a circle across the antimeridian (MapLibre's `fitBounds` takes them so).
 */
export function circleBounds(centre: LatLng, radiusKm: number): Bounds {
	const [ring] = circlePolygon(centre, radiusKm).coordinates;
	const lngs = ring.map(([lng]) => lng);
	const lats = ring.map(([, lat]) => lat);
	return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}
