import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, fromVector, greatCircleKm, toUnitVector } from './great-circle';

describe('greatCircleKm', () => {
	it('measures with the radius earthdistance uses: a degree of the equator is 111.3200 km', () => {
		expect(greatCircleKm({ lat: 0, lng: 0 }, { lat: 0, lng: 1 })).toBeCloseTo(111.32, 4);
	});

	it('measures a quarter of the Earth from the equator to the pole', () => {
		expect(greatCircleKm({ lat: 0, lng: 30 }, { lat: 90, lng: 0 })).toBeCloseTo(
			(EARTH_RADIUS_KM * Math.PI) / 2,
			9
		);
	});

	it('goes the short way across the antimeridian', () => {
		expect(greatCircleKm({ lat: 0, lng: 179.5 }, { lat: 0, lng: -179.5 })).toBeCloseTo(111.32, 4);
	});

	it('is zero between a point and itself', () => {
		expect(greatCircleKm({ lat: 52.09, lng: 5.12 }, { lat: 52.09, lng: 5.12 })).toBe(0);
	});
});

describe('toUnitVector and fromVector', () => {
	it('are each other’s inverse', () => {
		const back = fromVector(toUnitVector({ lat: -33.8688, lng: 151.2093 }));
		expect(back.lat).toBeCloseTo(-33.8688, 12);
		expect(back.lng).toBeCloseTo(151.2093, 12);
	});

	it('put the poles at longitude 0', () => {
		expect(fromVector([0, 0, 2])).toEqual({ lat: 90, lng: 0 });
	});
});
