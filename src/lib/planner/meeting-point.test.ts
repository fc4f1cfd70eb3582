import { describe, expect, it } from 'vitest';
import { greatCircleKm } from '$lib/geo/great-circle';
import { geometricMedian, sharesWithin, type WeightedPlace } from './meeting-point';

const DEGREES = 180 / Math.PI;
const ONE_DEGREE = Math.PI / 180;

/** The total travel to `point`: what the median makes least. */
function totalTravelKm(point: { lat: number; lng: number }, places: readonly WeightedPlace[]) {
	return places.reduce((total, place) => total + place.weight * greatCircleKm(point, place), 0);
}

// Published town cells' centres, with how many people open to gatherings are in each.
const ENGLAND: WeightedPlace[] = [
	{ lat: 53.4808, lng: -2.2426, weight: 7 }, // Manchester
	{ lat: 53.8008, lng: -1.5491, weight: 4 }, // Leeds
	{ lat: 52.4862, lng: -1.8904, weight: 5 }, // Birmingham
	{ lat: 51.4545, lng: -2.5879, weight: 3 }, // Bristol
	{ lat: 51.5072, lng: -0.1276, weight: 9 }, // London
	{ lat: 52.6309, lng: 1.2974, weight: 1 } // Norwich
];

describe('geometricMedian', () => {
	it('has no answer when nobody is counted', () => {
		expect(geometricMedian([])).toBeNull();
		expect(geometricMedian([{ lat: 52, lng: 5, weight: 0 }])).toBeNull();
	});

	it('is the one place where everyone is', () => {
		expect(geometricMedian([{ lat: 52.0908, lng: 5.1222, weight: 4 }])).toEqual({
			lat: 52.0908,
			lng: 5.1222
		});
	});

	it('is the middle of three equal places on a great circle', () => {
		const places = [-1, 0, 1].map((lng) => ({ lat: 0, lng, weight: 2 }));
		expect(geometricMedian(places)).toEqual({ lat: 0, lng: 0 });
	});

	it('is a place whose people outnumber the pull of all the others, exactly', () => {
		const utrecht = { lat: 52.0908, lng: 5.1222 };
		const places = [
			{ ...utrecht, weight: 5 },
			{ lat: 52.3676, lng: 4.9041, weight: 2 }, // Amsterdam
			{ lat: 51.9244, lng: 4.4777, weight: 2 } // Rotterdam
		];
		expect(geometricMedian(places)).toEqual(utrecht);
	});

	it('is the spherical Fermat point of three equal places: 120° between each pair of ways', () => {
		// Seen from the median, the ways to (0°, ±1°) must be 120° from the way north to (2°, 0°),
		// which spherical trigonometry puts at sin(lat) = tan(1°) / √3.
		const places = [
			{ lat: 0, lng: -1, weight: 1 },
			{ lat: 0, lng: 1, weight: 1 },
			{ lat: 2, lng: 0, weight: 1 }
		];
		const median = geometricMedian(places)!;
		expect(median.lng).toBe(0);
		expect(median.lat).toBeCloseTo(Math.asin(Math.tan(ONE_DEGREE) / Math.sqrt(3)) * DEGREES, 9);
	});

	it('weighs each place by its people: five, five and eight balance where cos θ = −8/10', () => {
		// The pulls balance when 8 + 2 · 5 cos θ = 0, θ the bearing to each of the five: tan θ = −3/4,
		// so sin(lat) = tan(1°) · 4/3.
		const places = [
			{ lat: 0, lng: -1, weight: 5 },
			{ lat: 0, lng: 1, weight: 5 },
			{ lat: 2, lng: 0, weight: 8 }
		];
		const median = geometricMedian(places)!;
		expect(median.lng).toBe(0);
		expect(median.lat).toBeCloseTo(Math.asin((Math.tan(ONE_DEGREE) * 4) / 3) * DEGREES, 9);
	});

	it('meets across the antimeridian, not on the far side of the world', () => {
		const places = [179, -179, 180].map((lng) => ({ lat: 0, lng, weight: 1 }));
		expect(geometricMedian(places)).toEqual({ lat: 0, lng: 180 });
	});

	it('gives the same point to the last bit in whatever order the places come', () => {
		const median = geometricMedian(ENGLAND);
		expect(geometricMedian([...ENGLAND].reverse())).toEqual(median);
		expect(
			geometricMedian([ENGLAND[3], ENGLAND[0], ENGLAND[5], ...ENGLAND.slice(1, 3), ENGLAND[4]])
		).toEqual(median);
	});

	it('makes the total travel less than anywhere a kilometre away, or any place itself', () => {
		const median = geometricMedian(ENGLAND)!;
		const least = totalTravelKm(median, ENGLAND);
		const kmInLat = 1 / 111.3;
		const kmInLng = kmInLat / Math.cos(median.lat * ONE_DEGREE);
		for (const [north, east] of [
			[1, 0],
			[-1, 0],
			[0, 1],
			[0, -1],
			[0.7, 0.7],
			[-0.7, 0.7],
			[0.7, -0.7],
			[-0.7, -0.7]
		]) {
			const nearby = { lat: median.lat + north * kmInLat, lng: median.lng + east * kmInLng };
			expect(totalTravelKm(nearby, ENGLAND)).toBeGreaterThan(least);
		}
		for (const place of ENGLAND) expect(totalTravelKm(place, ENGLAND)).toBeGreaterThan(least);
	});

	it('lies between the weighted places, pulled towards London', () => {
		const median = geometricMedian(ENGLAND)!;
		expect(median.lat).toBeGreaterThan(51.5);
		expect(median.lat).toBeLessThan(53);
		expect(median.lng).toBeGreaterThan(-2.3);
		expect(median.lng).toBeLessThan(-0.5);
	});
});

describe('sharesWithin', () => {
	// Along the equator a degree is 6378.168 km × π / 180 = 111.3200 km.
	const places: WeightedPlace[] = [
		{ lat: 0, lng: 0.4, weight: 3 }, // 44.5 km
		{ lat: 0, lng: 0.8, weight: 2 }, // 89.1 km
		{ lat: 0, lng: 1.5, weight: 4 }, // 167.0 km
		{ lat: 0, lng: -3, weight: 1 } // 334.0 km
	];

	it('counts the people within 50, 100 and 200 km, and their share of everyone counted', () => {
		expect(sharesWithin({ lat: 0, lng: 0 }, places)).toEqual([
			{ km: 50, people: 3, share: 0.3 },
			{ km: 100, people: 5, share: 0.5 },
			{ km: 200, people: 9, share: 0.9 }
		]);
	});

	it('counts the people at the point itself within any distance', () => {
		expect(sharesWithin({ lat: 0, lng: 1.5 }, places, [1])).toEqual([
			{ km: 1, people: 4, share: 0.4 }
		]);
	});

	it('says a share of nothing when nobody is counted', () => {
		expect(sharesWithin({ lat: 0, lng: 0 }, [{ lat: 0, lng: 0, weight: 0 }], [50])).toEqual([
			{ km: 50, people: 0, share: 0 }
		]);
	});
});
