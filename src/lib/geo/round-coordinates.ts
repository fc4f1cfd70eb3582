import type { Geometry } from 'geojson';

type NestedPositions = number | NestedPositions[];

/**
 * Rounds every coordinate of a geometry to `decimals` places. Natural Earth's 1:50m data is
 * quantised to about 0.004°, so three decimals (about 100 m) lose nothing a reader could see and
 * make the basemap files much smaller.
 */
export function roundGeometry<G extends Geometry>(geometry: G, decimals: number): G {
	const factor = 10 ** decimals;
	const round = (value: NestedPositions): NestedPositions =>
		typeof value === 'number' ? Math.round(value * factor) / factor : value.map(round);

	if (geometry.type === 'GeometryCollection') {
		return {
			...geometry,
			geometries: geometry.geometries.map((member) => roundGeometry(member, decimals))
		};
	}
	return { ...geometry, coordinates: round(geometry.coordinates as NestedPositions) };
}
