import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { cellBounds } from './cells';

/** Whose view of a person a square on the map shows. */
export type SquareAudience = 'members' | 'strangers';

export interface CellSquareProperties {
	audience: SquareAudience;
	cell: string;
}

export type CellSquares = FeatureCollection<Polygon, CellSquareProperties>;

/**
 * The published cells of a point as squares to draw: where the dot goes for members and for
 * strangers, so the person picking their place sees how little it gives away. A cell's edges
 * run along meridians and Mercator rows, so its four corners make the whole square.
 */
export function toCellSquares(
	cells: readonly { audience: SquareAudience; cell: string }[]
): CellSquares {
	const features = cells.map(({ audience, cell }): Feature<Polygon, CellSquareProperties> => {
		const { west, south, east, north } = cellBounds(cell);
		return {
			type: 'Feature',
			geometry: {
				type: 'Polygon',
				coordinates: [
					[
						[west, north],
						[east, north],
						[east, south],
						[west, south],
						[west, north]
					]
				]
			},
			properties: { audience, cell }
		};
	});
	return { type: 'FeatureCollection', features };
}
