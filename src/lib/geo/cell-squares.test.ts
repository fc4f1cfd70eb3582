import { describe, expect, it } from 'vitest';
import { toCellSquares } from './cell-squares';

describe('toCellSquares', () => {
	it('draws a cell as a closed ring of its four corners, clockwise from the north-west', () => {
		// Quadrant 1 (x = 1, y = 0 at zoom 1): from lng 0 to 180, from the equator to the
		// Mercator limit atan(sinh(π)) = 85.0511287798066°.
		const [square] = toCellSquares([{ audience: 'strangers', cell: '1' }]).features;
		const ring = square.geometry.coordinates[0];
		expect(ring).toHaveLength(5);
		expect(ring[0]).toEqual(ring[4]);
		expect(ring.map(([lng]) => lng)).toEqual([0, 180, 180, 0, 0]);
		expect(ring[0][1]).toBeCloseTo(85.0511287798066, 10);
		expect(ring[2][1]).toBe(0);
		expect(square.properties).toEqual({ audience: 'strangers', cell: '1' });
	});

	it('keeps one square per audience, in the order given', () => {
		const squares = toCellSquares([
			{ audience: 'members', cell: '120202111232030' },
			{ audience: 'strangers', cell: '12020211123' }
		]);
		expect(squares.type).toBe('FeatureCollection');
		expect(squares.features.map((feature) => feature.properties.audience)).toEqual([
			'members',
			'strangers'
		]);
		// Utrecht's area cell: lng 1053 / 2048 · 360 - 180 = 5.09765625 to 5.2734375.
		expect(squares.features[1].geometry.coordinates[0][0][0]).toBe(5.09765625);
		expect(squares.features[1].geometry.coordinates[0][1][0]).toBe(5.2734375);
	});

	it('draws nothing for no cells', () => {
		expect(toCellSquares([])).toEqual({ type: 'FeatureCollection', features: [] });
	});
});
