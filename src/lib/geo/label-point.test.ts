import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { labelPoint, ringArea } from './label-point';

/** A closed, counter-clockwise square ring. */
function square(west: number, south: number, size: number): Position[] {
	return [
		[west, south],
		[west + size, south],
		[west + size, south + size],
		[west, south + size],
		[west, south]
	];
}

function polygon(...rings: Position[][]): Polygon {
	return { type: 'Polygon', coordinates: rings };
}

describe('labelPoint', () => {
	it('puts the label at the centre of a convex shape', () => {
		expect(labelPoint(polygon(square(0, 0, 4)))).toEqual([2, 2]);
	});

	it('labels the largest part of a country made of several', () => {
		const islandsAndMainland = {
			type: 'MultiPolygon' as const,
			coordinates: [[square(10, 10, 1)], [square(0, 0, 6)], [square(-5, -5, 2)]]
		};
		expect(labelPoint(islandsAndMainland)).toEqual([3, 3]);
	});

	it('moves the label onto land when the centroid falls outside a concave shape', () => {
		// A U: 4 wide and 4 tall with a notch 2 wide cut 3 deep from the top. Its centroid,
		// (2, 1.7), is in the notch; the line y = 1.7 crosses land from 0 to 1 and from 3 to 4.
		const u = polygon([
			[0, 0],
			[4, 0],
			[4, 4],
			[3, 4],
			[3, 1],
			[1, 1],
			[1, 4],
			[0, 4],
			[0, 0]
		]);
		expect(labelPoint(u)).toEqual([0.5, 1.7]);
	});

	it('never puts the label in a hole', () => {
		// A 6 by 6 square with a 2 by 2 lake in the middle: the centroid (3, 3) is in the lake.
		const lake = [...square(2, 2, 2)].reverse();
		expect(labelPoint(polygon(square(0, 0, 6), lake))).toEqual([1, 3]);
	});

	it('takes the largest ring as the outline even when it is not listed first', () => {
		const sliverAlongThePole = [
			[-4, -9],
			[4, -9],
			[4, -9.5],
			[-4, -9]
		];
		expect(labelPoint(polygon(sliverAlongThePole, square(0, 0, 4)))).toEqual([2, 2]);
	});

	it('falls back to the first vertex of a shape with no area', () => {
		const sliver = polygon([
			[1, 1],
			[2, 2],
			[1, 1]
		]);
		expect(labelPoint(sliver)).toEqual([1, 1]);
	});
});

describe('ringArea', () => {
	it('is the same whichever way the ring winds', () => {
		expect(ringArea(square(0, 0, 3))).toBe(9);
		expect(ringArea([...square(0, 0, 3)].reverse())).toBe(9);
	});
});
