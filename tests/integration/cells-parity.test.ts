import pg from 'pg';
import { inject } from 'vitest';
import { cellAt, cellCentre, PRECISION_ZOOM } from '../../src/lib/geo/cells';

// The browser previews cells with src/lib/geo/cells.ts; the database publishes them with
// private.cell_at / private.cell_centre. They must agree to the digit, or the preview lies.

const points = [
	{ name: 'Utrecht Centraal', lat: 52.0907, lng: 5.1214 },
	{ name: 'the equator at the prime meridian', lat: 0, lng: 0 },
	{ name: 'just west of the antimeridian', lat: -17.7134, lng: 179.9999 },
	{ name: 'the antimeridian itself', lat: 64.7, lng: 180 },
	{ name: 'its other name', lat: 64.7, lng: -180 },
	{ name: 'beyond the projection near the north pole', lat: 89.9, lng: 12.5 },
	{ name: 'the south pole', lat: -90, lng: -45 },
	{ name: 'Buenos Aires', lat: -34.6037, lng: -58.3816 }
];

describe('cells in the database and in the browser', () => {
	let db: pg.Client;
	beforeAll(async () => {
		db = new pg.Client(inject('stack').dbUrl);
		await db.connect();
	});
	afterAll(async () => {
		await db?.end();
	});

	for (const point of points) {
		it(`agree on every precision's cell and centre at ${point.name}`, async () => {
			for (const zoom of Object.values(PRECISION_ZOOM)) {
				const { rows } = await db.query<{ cell: string; lat: number; lng: number }>(
					`select cell, centre.lat, centre.lng
					from private.cell_at($1, $2, $3) cell, private.cell_centre(cell) centre`,
					[point.lat, point.lng, zoom]
				);
				const cell = cellAt({ ...point, zoom });
				expect(rows[0].cell).toBe(cell);
				expect(rows[0].cell).toHaveLength(zoom);
				const centre = cellCentre(cell);
				expect(rows[0].lat).toBeCloseTo(centre.lat, 9);
				expect(rows[0].lng).toBeCloseTo(centre.lng, 9);
			}
		});
	}
});
