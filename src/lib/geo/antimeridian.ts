import type { MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Makes polygons from a spherical source (such as `world-atlas`, built for d3) draw correctly on
 * a flat map, where an edge from 179.9° to -180° would run the whole width of the world.
 *
 * - A ring that crosses the antimeridian and comes back (Chukotka, Fiji) is unwrapped: its
 *   longitudes are made continuous, going past 180° where need be. MapLibre draws the part past
 *   180° on the other side of the map.
 * - A ring that goes all the way round a pole (Antarctica) crosses once; it is closed along the
 *   pole instead.
 */
export function repairAntimeridian<G extends Polygon | MultiPolygon>(geometry: G): G {
	if (geometry.type === 'Polygon') {
		return { ...geometry, coordinates: geometry.coordinates.map(repairRing) };
	}
	return {
		...geometry,
		coordinates: (geometry as MultiPolygon).coordinates.map((polygon) => polygon.map(repairRing))
	};
}

/** Neighbouring vertices further apart than this in longitude are on either side of ±180°. */
const MAX_STEP = 180;

export function repairRing(ring: Position[]): Position[] {
	const crossings: number[] = [];
	let offset = 0;
	const unwrapped = ring.map((position, i) => {
		const step = i === 0 ? 0 : position[0] - ring[i - 1][0];
		if (Math.abs(step) > MAX_STEP) {
			crossings.push(i - 1);
			offset -= Math.sign(step) * 360;
		}
		return offset === 0 ? position : [position[0] + offset, ...position.slice(1)];
	});
	if (crossings.length === 0) return ring;
	if (offset !== 0) return crossings.length === 1 ? closeAlongPole(ring, crossings[0]) : ring;

	// Keep the ring in the copy of the world most of it lies in.
	const meanLongitude = unwrapped.reduce((sum, [lng]) => sum + lng, 0) / unwrapped.length;
	const shift = meanLongitude > 180 ? -360 : meanLongitude < -180 ? 360 : 0;
	return shift === 0 ? unwrapped : unwrapped.map(([lng, ...rest]) => [lng + shift, ...rest]);
}

/** Brings a longitude back into [-180, 180). */
export function wrapLongitude(lng: number): number {
	return ((((lng + 180) % 360) + 360) % 360) - 180;
}

function closeAlongPole(ring: Position[], crossing: number): Position[] {
	const [fromLng, fromLat] = ring[crossing];
	const [toLng, toLat] = ring[crossing + 1];
	const pole = fromLat < 0 ? -90 : 90;
	const fromSide = fromLng > toLng ? 180 : -180;
	const detour: Position[] = [
		[fromSide, fromLat],
		[fromSide, pole],
		[-fromSide, pole],
		[-fromSide, toLat]
	];
	return [...ring.slice(0, crossing + 1), ...detour, ...ring.slice(crossing + 1)];
}
