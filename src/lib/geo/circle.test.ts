import { describe, expect, it } from 'vitest';
import { circleBounds, circlePolygon, destination } from './circle';
import { greatCircleKm } from './great-circle';

// A degree of the equator, or of any meridian, is 6378.168 km × π / 180.
const DEGREE_KM = (6378.168 * Math.PI) / 180;

describe('destination', () => {
	it('goes a degree north along a meridian, and a degree east along the equator', () => {
		const north = destination({ lat: 0, lng: 0 }, { km: DEGREE_KM, bearing: 0 });
		expect(north.lat).toBeCloseTo(1, 12);
		expect(north.lng).toBeCloseTo(0, 12);
		const east = destination({ lat: 0, lng: 0 }, { km: DEGREE_KM, bearing: 90 });
		expect(east.lat).toBeCloseTo(0, 12);
		expect(east.lng).toBeCloseTo(1, 12);
	});
});

describe('circlePolygon', () => {
	it('is a closed ring of points all the radius away from the centre', () => {
		const centre = { lat: 52.09, lng: 5.12 };
		const [ring] = circlePolygon(centre, 80, 16).coordinates;
		expect(ring).toHaveLength(17);
		expect(ring[16]).toEqual(ring[0]);
		for (const [lng, lat] of ring) expect(greatCircleKm(centre, { lat, lng })).toBeCloseTo(80, 9);
	});

	it('starts due north and goes clockwise', () => {
		const [ring] = circlePolygon({ lat: 0, lng: 0 }, DEGREE_KM, 4).coordinates;
		// + 0 makes a rounded -0 plain 0.
		const rounded = ring.map(([lng, lat]) => [
			Math.round(lng * 1e9) / 1e9 + 0,
			Math.round(lat * 1e9) / 1e9 + 0
		]);
		expect(rounded).toEqual([
			[0, 1],
			[1, 0],
			[0, -1],
			[-1, 0],
			[0, 1]
		]);
	});

	it('runs on past 180° across the antimeridian rather than wrapping', () => {
		const [west, , east] = circleBounds({ lat: 0, lng: 179.5 }, DEGREE_KM);
		expect(west).toBeCloseTo(178.5, 9);
		expect(east).toBeCloseTo(180.5, 9);
	});
});

describe('circleBounds', () => {
	it('is a degree either side of a circle of a degree’s radius on the equator', () => {
		const [west, south, east, north] = circleBounds({ lat: 0, lng: 0 }, DEGREE_KM);
		expect([west, south, east, north].map((value) => Math.round(value * 1e9) / 1e9)).toEqual([
			-1, -1, 1, 1
		]);
	});
});
