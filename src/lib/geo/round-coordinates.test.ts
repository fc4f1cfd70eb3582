import { describe, expect, it } from 'vitest';
import { roundGeometry } from './round-coordinates';

describe('roundGeometry', () => {
	it('rounds a point', () => {
		expect(roundGeometry({ type: 'Point', coordinates: [5.123456, -52.98765] }, 3)).toEqual({
			type: 'Point',
			coordinates: [5.123, -52.988]
		});
	});

	it('rounds every position of a multi-polygon, keeping its nesting', () => {
		const rounded = roundGeometry(
			{
				type: 'MultiPolygon',
				coordinates: [
					[
						[
							[0.00049, 0.0005],
							[1.9999, 0],
							[0, 1.23449],
							[0.00049, 0.0005]
						]
					]
				]
			},
			3
		);
		expect(rounded.coordinates).toEqual([
			[
				[
					[0, 0.001],
					[2, 0],
					[0, 1.234],
					[0, 0.001]
				]
			]
		]);
	});

	it('rounds the members of a geometry collection', () => {
		const rounded = roundGeometry(
			{
				type: 'GeometryCollection',
				geometries: [
					{ type: 'Point', coordinates: [1.25, 2.75] },
					{
						type: 'LineString',
						coordinates: [
							[0.44, 0.46],
							[1.04, 1.06]
						]
					}
				]
			},
			1
		);
		expect(rounded).toEqual({
			type: 'GeometryCollection',
			geometries: [
				{ type: 'Point', coordinates: [1.3, 2.8] },
				{
					type: 'LineString',
					coordinates: [
						[0.4, 0.5],
						[1, 1.1]
					]
				}
			]
		});
	});
});
