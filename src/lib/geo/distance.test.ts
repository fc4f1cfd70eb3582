import { describe, expect, it } from 'vitest';
import { boundsWithin, cellSizeKm, distanceKm, roundedDistanceKm } from './distance';

const ghent = { lat: 51.0543, lng: 3.7174 };
const bruges = { lat: 51.2093, lng: 3.2247 };

describe('distanceKm', () => {
	it('measures along the great circle', () => {
		// The spherical law of cosines on earthdistance's sphere gives 38.501 km.
		expect(distanceKm(ghent, bruges)).toBeCloseTo(38.501, 3);
	});

	it('is zero from a point to itself, and the same both ways', () => {
		expect(distanceKm(ghent, ghent)).toBe(0);
		expect(distanceKm(bruges, ghent)).toBe(distanceKm(ghent, bruges));
	});

	it('goes the short way across the antimeridian', () => {
		expect(distanceKm({ lat: 0, lng: 179.5 }, { lat: 0, lng: -179.5 })).toBeCloseTo(111.3, 0);
	});
});

describe('roundedDistanceKm', () => {
	it('rounds to the size of the cell: a town’s 5 km, an area’s 20 km', () => {
		expect(cellSizeKm('1202021112320')).toBe(5);
		expect(cellSizeKm('12020211123')).toBe(20);
		expect(roundedDistanceKm(38.3, '1202021112320')).toBe(40);
		expect(roundedDistanceKm(38.3, '12020211123')).toBe(40);
		expect(roundedDistanceKm(27, '12020211123')).toBe(20);
	});

	it('never says less than one cell away', () => {
		expect(roundedDistanceKm(0.4, '1202021112320')).toBe(5);
	});
});

describe('boundsWithin', () => {
	it('holds every point at the distance, in each direction', () => {
		const [west, south, east, north] = boundsWithin(ghent, 50);
		for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
			const r = (bearing * Math.PI) / 180;
			const angle = 49.99 / 6378.168;
			const lat1 = (ghent.lat * Math.PI) / 180;
			const lat2 = Math.asin(
				Math.sin(lat1) * Math.cos(angle) + Math.cos(lat1) * Math.sin(angle) * Math.cos(r)
			);
			const lng2 =
				(ghent.lng * Math.PI) / 180 +
				Math.atan2(
					Math.sin(r) * Math.sin(angle) * Math.cos(lat1),
					Math.cos(angle) - Math.sin(lat1) * Math.sin(lat2)
				);
			const point = { lat: (lat2 * 180) / Math.PI, lng: (lng2 * 180) / Math.PI };
			expect(point.lat).toBeGreaterThanOrEqual(south);
			expect(point.lat).toBeLessThanOrEqual(north);
			expect(point.lng).toBeGreaterThanOrEqual(west);
			expect(point.lng).toBeLessThanOrEqual(east);
		}
	});

	it('crosses the antimeridian with its west east of its east', () => {
		const [west, , east] = boundsWithin({ lat: -17.7, lng: 179.9 }, 50);
		expect(west).toBeGreaterThan(179);
		expect(east).toBeLessThan(-179);
	});

	it('spans every longitude around a pole', () => {
		expect(boundsWithin({ lat: 89.9, lng: 10 }, 50)).toEqual([-180, expect.any(Number), 180, 90]);
	});
});
