import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { repairAntimeridian, repairRing, wrapLongitude } from './antimeridian';

describe('repairRing', () => {
	it('leaves a ring that does not reach the antimeridian alone', () => {
		const ring = [
			[0, 0],
			[1, 0],
			[1, 1],
			[0, 0]
		];
		expect(repairRing(ring)).toBe(ring);
	});

	describe('when a ring east of the antimeridian has its cut vertices at -180', () => {
		it('moves them to +180', () => {
			// The shape of Fiji's largest island in world-atlas.
			const ring = [
				[179.5, -16.5],
				[-180, -16.4],
				[-180, -16.6],
				[180, -16.6],
				[179.5, -16.5]
			];
			expect(repairRing(ring)).toEqual([
				[179.5, -16.5],
				[180, -16.4],
				[180, -16.6],
				[180, -16.6],
				[179.5, -16.5]
			]);
		});
	});

	describe('when a ring west of the antimeridian has its cut vertices at +180', () => {
		it('moves them to -180', () => {
			const ring = [
				[-179, 65],
				[180, 65],
				[180, 66],
				[-179, 66],
				[-179, 65]
			];
			expect(repairRing(ring)).toEqual([
				[-179, 65],
				[-180, 65],
				[-180, 66],
				[-179, 66],
				[-179, 65]
			]);
		});
	});

	describe('when a ring straddles the antimeridian', () => {
		it('continues its longitudes past 180 instead of jumping back', () => {
			const ring = [
				[179, 0],
				[-179, 0],
				[-179, 1],
				[179, 1],
				[179, 0]
			];
			expect(repairRing(ring)).toEqual([
				[179, 0],
				[181, 0],
				[181, 1],
				[179, 1],
				[179, 0]
			]);
		});

		it('keeps it in the world where most of it lies', () => {
			const ring = [
				[-179, 0],
				[179.5, 0],
				[179.5, 1],
				[-179, 1],
				[-178, 1],
				[-179, 0]
			];
			expect(repairRing(ring).map(([lng]) => lng)).toEqual([
				-179, -180.5, -180.5, -179, -178, -179
			]);
		});
	});

	describe('when a ring goes all the way round the south pole', () => {
		it('closes it along the pole where it crosses the antimeridian', () => {
			const ring = [
				[-180, -70],
				[0, -65],
				[179, -70],
				[-180, -70]
			];
			expect(repairRing(ring)).toEqual([
				[-180, -70],
				[0, -65],
				[179, -70],
				[180, -70],
				[180, -90],
				[-180, -90],
				[-180, -70],
				[-180, -70]
			]);
		});
	});
});

describe('repairAntimeridian', () => {
	it('repairs every ring of every polygon', () => {
		const chukotka: Polygon = {
			type: 'Polygon',
			coordinates: [
				[
					[178, 66],
					[-180, 66],
					[-180, 68],
					[178, 68],
					[178, 66]
				]
			]
		};
		const repaired = repairAntimeridian({
			type: 'MultiPolygon',
			coordinates: [chukotka.coordinates]
		});
		expect(repaired.coordinates[0][0].map(([lng]) => lng)).toEqual([178, 180, 180, 178, 178]);
	});
});

describe('wrapLongitude', () => {
	it('brings longitudes past the antimeridian back into [-180, 180)', () => {
		expect([181, -181, 540, 180, -180, 12.5].map(wrapLongitude)).toEqual([
			-179, 179, -180, -180, -180, 12.5
		]);
	});
});
