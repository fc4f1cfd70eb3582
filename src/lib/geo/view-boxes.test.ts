import { describe, expect, it } from 'vitest';
import {
	MAX_LATITUDE,
	boundsAround,
	boundsOfPoints,
	contains,
	containsBox,
	normaliseBounds,
	padBounds,
	wrapLongitude
} from './view-boxes';

describe('wrapLongitude', () => {
	it.each([
		[0, 0],
		[180, 180],
		[-180, -180],
		[190, -170],
		[-190, 170],
		[540, 180 - 360]
	])('puts %d at %d', (lng, wrapped) => {
		expect(wrapLongitude(lng)).toBe(wrapped);
	});
});

describe('normaliseBounds', () => {
	it('leaves a box inside the world as it is', () => {
		expect(normaliseBounds([4, 51, 6, 53])).toEqual([4, 51, 6, 53]);
	});

	it('wraps a view panned across the antimeridian into a crossing box', () => {
		expect(normaliseBounds([170, -20, 190, -10])).toEqual([170, -20, -170, -10]);
	});

	it('is the whole width when the view shows all of it, and stops at Mercator', () => {
		expect(normaliseBounds([-300, -89, 300, 89])).toEqual([-180, -MAX_LATITUDE, 180, MAX_LATITUDE]);
	});
});

describe('padBounds', () => {
	it('grows a box by half its size on every side', () => {
		expect(padBounds([4, 51, 6, 53])).toEqual([3, 50, 7, 54]);
	});

	it('grows across the antimeridian', () => {
		expect(padBounds([176, -20, 178, -18])).toEqual([175, -21, 179, -17]);
		expect(padBounds([178, -20, 180, -18])).toEqual([177, -21, -179, -17]);
	});

	it('is the whole width once grown past it', () => {
		expect(padBounds([-100, -10, 100, 10])).toEqual([-180, -20, 180, 20]);
	});
});

describe('contains', () => {
	it('tells points in a box from points outside it', () => {
		expect(contains([4, 51, 6, 53], { lat: 52, lng: 5 })).toBe(true);
		expect(contains([4, 51, 6, 53], { lat: 52, lng: 7 })).toBe(false);
		expect(contains([4, 51, 6, 53], { lat: 50, lng: 5 })).toBe(false);
	});

	it('finds points on both sides of the antimeridian in a crossing box', () => {
		expect(contains([170, -20, -170, -10], { lat: -17.8, lng: 179.5 })).toBe(true);
		expect(contains([170, -20, -170, -10], { lat: -13.8, lng: -179.5 })).toBe(true);
		expect(contains([170, -20, -170, -10], { lat: -15, lng: 0 })).toBe(false);
	});
});

describe('containsBox', () => {
	it('holds a box inside it and not one that sticks out', () => {
		expect(containsBox([3, 50, 7, 54], [4, 51, 6, 53])).toBe(true);
		expect(containsBox([3, 50, 7, 54], [4, 51, 8, 53])).toBe(false);
		expect(containsBox([3, 50, 7, 54], [4, 49, 6, 53])).toBe(false);
	});

	it('holds a box inside a crossing box, on either side', () => {
		expect(containsBox([170, -30, -170, 0], [175, -20, -175, -10])).toBe(true);
		expect(containsBox([170, -30, -170, 0], [-179, -20, -175, -10])).toBe(true);
		expect(containsBox([170, -30, -170, 0], [160, -20, 175, -10])).toBe(false);
	});

	it('holds anything within its latitudes when it is the whole width', () => {
		expect(containsBox([-180, -60, 180, 60], [170, -20, -170, -10])).toBe(true);
	});
});

describe('boundsAround', () => {
	it('is the whole width at the world zoom', () => {
		const [west, south, east, north] = boundsAround({
			center: [10, 30],
			zoom: 1,
			size: { width: 1600, height: 1000 }
		});
		expect([west, east]).toEqual([-180, 180]);
		// 500 px below 30° N on a 1024 px world is Mercator y 0.4126 + 0.4883: 80.79° S.
		expect(south).toBeCloseTo(-80.79, 2);
		expect(north).toBe(MAX_LATITUDE);
	});

	it('is a region around the centre further in', () => {
		// 1024 px at zoom 8 is 1024 / (512 × 256) of 360°: 2.8125°.
		const [west, south, east, north] = boundsAround({
			center: [5, 52],
			zoom: 8,
			size: { width: 1024, height: 512 }
		});
		expect(west).toBeCloseTo(3.59375, 6);
		expect(east).toBeCloseTo(6.40625, 6);
		// 256 px each way is 0.00195 of Mercator y, about 0.43° of latitude at 52° N.
		expect(south).toBeCloseTo(51.565, 3);
		expect(north).toBeCloseTo(52.431, 3);
	});
});

describe('boundsOfPoints', () => {
	it('is null when there are no items', () => {
		expect(boundsOfPoints([])).toBeNull();
	});

	it('spans every item as [west, south, east, north]', () => {
		const items = [
			{ lat: 52.09, lng: 5.12 },
			{ lat: -33.87, lng: 151.21 },
			{ lat: -34.6, lng: -58.38 }
		];
		expect(boundsOfPoints(items)).toEqual([-58.38, -34.6, 151.21, 52.09]);
	});

	it('is a single point for one item', () => {
		expect(boundsOfPoints([{ lat: 52.09, lng: 5.12 }])).toEqual([5.12, 52.09, 5.12, 52.09]);
	});

	describe('when the points lie all round the world', () => {
		const vancouver = { lat: 49.28, lng: -123.13 };
		const buenosAires = { lat: -34.6, lng: -58.38 };
		const utrecht = { lat: 52.09, lng: 5.12 };
		const sydney = { lat: -33.87, lng: 151.21 };

		it('goes east from Australia across the Pacific and the Americas to Europe', () => {
			// The widest gap (146°) is between Utrecht and Sydney, wider than the 86° across the
			// antimeridian: the box is 214° wide instead of 274°.
			expect(boundsOfPoints([utrecht, sydney, vancouver, buenosAires])).toEqual([
				151.21, -34.6, 5.12, 52.09
			]);
		});

		it('keeps west of east when the widest gap is across the antimeridian', () => {
			const auckland = { lat: -36.85, lng: 174.76 };
			const melbourne = { lat: -37.81, lng: 144.96 };
			const bristol = { lat: 51.45, lng: -2.59 };
			expect(boundsOfPoints([melbourne, bristol, utrecht, auckland])).toEqual([
				-2.59, -37.81, 174.76, 52.09
			]);
		});

		it('does not cross the antimeridian on a tie', () => {
			// Gaps of 180° each way.
			expect(
				boundsOfPoints([
					{ lat: 0, lng: -90 },
					{ lat: 10, lng: 90 }
				])
			).toEqual([-90, 0, 90, 10]);
		});
	});
});
