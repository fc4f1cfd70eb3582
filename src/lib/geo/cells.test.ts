import { describe, expect, it } from 'vitest';
import { PRECISION_ZOOM, cellAt, cellBounds, cellCentre, quadkeyOf, tileAt, tileOf } from './cells';

// Expected values are worked out independently of the code under test: tile numbers with the
// formula y = (1 - asinh(tan φ) / π) / 2 · 2^z (the code uses ln(tan φ + sec φ), the same value
// by another route), by hand where they are round, and quadkeys by writing x and y in binary
// and adding digit by digit.

/** Utrecht Centraal: 52.0907° N, 5.1214° E. */
const utrecht = { lat: 52.0907, lng: 5.1214 };

/** atan(sinh(π / 2)) in degrees: the latitude of the zoom-2 row edges, ±66.51326044311186°. */
const ZOOM_2_ROW_EDGE = 66.51326044311186;
/** atan(sinh(π)) in degrees: where the square Mercator world ends. */
const MERCATOR_EDGE = 85.0511287798066;

describe('cellAt', () => {
	describe('Utrecht', () => {
		it('is tile (1053, 675) at zoom 11, quadkey 12020211123', () => {
			// x = floor(185.1214 / 360 · 2048) = floor(1053.13) = 1053 = 0b10000011101
			// y = floor(0.32990 · 2048) = floor(675.65) = 675 = 0b01010100011
			// digits (x bit + 2 · y bit): 1 2 0 2 0 2 1 1 1 2 3
			expect(tileAt({ ...utrecht, zoom: 11 })).toEqual({ x: 1053, y: 675, zoom: 11 });
			expect(cellAt({ ...utrecht, zoom: 11 })).toBe('12020211123');
		});

		it('has a cell at every precision, each coarser one a prefix of the finer', () => {
			expect(cellAt({ ...utrecht, zoom: PRECISION_ZOOM.neighbourhood })).toBe('120202111232030');
			expect(cellAt({ ...utrecht, zoom: PRECISION_ZOOM.town })).toBe('1202021112320');
			expect(cellAt({ ...utrecht, zoom: PRECISION_ZOOM.area })).toBe('12020211123');
			expect(cellAt({ ...utrecht, zoom: PRECISION_ZOOM.region })).toBe('120202111');
			expect(cellAt({ ...utrecht, zoom: PRECISION_ZOOM.country })).toBe('12020');
		});
	});

	it('puts Sydney and Reykjavík in their tiles at zoom 11', () => {
		// Sydney: x = floor(331.2093 / 360 · 2048) = 1884, y = 1228
		expect(cellAt({ lat: -33.8688, lng: 151.2093, zoom: 11 })).toBe('31123013300');
		// Reykjavík: x = floor(158.0574 / 360 · 2048) = 899, y = 544
		expect(cellAt({ lat: 64.1466, lng: -21.9426, zoom: 11 })).toBe('03110200011');
	});

	it('makes coarser cells prefixes of finer ones wherever the point is', () => {
		const points = [utrecht, { lat: -33.8688, lng: 151.2093 }, { lat: 0.5, lng: -179.5 }];
		for (const point of points) {
			const finest = cellAt({ ...point, zoom: 15 });
			for (const zoom of [0, 1, 5, 9, 11, 13]) {
				expect(cellAt({ ...point, zoom })).toBe(finest.slice(0, zoom));
			}
		}
	});

	describe('at the equator and the prime meridian', () => {
		it('puts the point where they cross in the south-east quadrant', () => {
			// The point is on the west edge of column 2^z / 2 and the north edge of row 2^z / 2.
			expect(cellAt({ lat: 0, lng: 0, zoom: 1 })).toBe('3');
			expect(cellAt({ lat: 0, lng: 0, zoom: 3 })).toBe('300');
		});

		it('puts a point a hair north of the equator in the row above', () => {
			expect(tileAt({ lat: 0.000001, lng: 0, zoom: 15 })).toEqual({
				x: 16384,
				y: 16383,
				zoom: 15
			});
			expect(tileAt({ lat: -0.000001, lng: 0, zoom: 15 })).toEqual({
				x: 16384,
				y: 16384,
				zoom: 15
			});
		});

		it('puts a point a hair west of the prime meridian in the column before', () => {
			expect(cellAt({ lat: 0.1, lng: -0.000001, zoom: 1 })).toBe('0');
		});
	});

	describe('on exact cell edges', () => {
		it('gives a meridian between two cells to the eastern one', () => {
			// lng -90 is (90 / 360) · 4 = exactly 1 at zoom 2.
			expect(tileAt({ lat: 10, lng: -90, zoom: 2 }).x).toBe(1);
			expect(tileAt({ lat: 10, lng: -90.000001, zoom: 2 }).x).toBe(0);
		});

		it('splits rows at the Mercator latitude of the edge, not at an even spacing', () => {
			expect(tileAt({ lat: ZOOM_2_ROW_EDGE + 0.0001, lng: 0, zoom: 2 }).y).toBe(0);
			expect(tileAt({ lat: ZOOM_2_ROW_EDGE - 0.0001, lng: 0, zoom: 2 }).y).toBe(1);
			expect(tileAt({ lat: -ZOOM_2_ROW_EDGE + 0.0001, lng: 0, zoom: 2 }).y).toBe(2);
			expect(tileAt({ lat: -ZOOM_2_ROW_EDGE - 0.0001, lng: 0, zoom: 2 }).y).toBe(3);
		});
	});

	describe('at the poles', () => {
		it('clamps to the top and bottom rows', () => {
			expect(cellAt({ lat: 90, lng: 0, zoom: 1 })).toBe('1');
			expect(cellAt({ lat: -90, lng: 0, zoom: 1 })).toBe('3');
			expect(cellAt({ lat: 90, lng: -180, zoom: 2 })).toBe('00');
			expect(cellAt({ lat: -90, lng: 179.9999, zoom: 2 })).toBe('33');
		});

		it('treats everything past the Mercator limit as on it', () => {
			expect(cellAt({ lat: 89, lng: 5, zoom: 15 })).toBe(cellAt({ lat: 85.06, lng: 5, zoom: 15 }));
			expect(tileAt({ lat: -89, lng: 5, zoom: 15 }).y).toBe(2 ** 15 - 1);
			expect(tileAt({ lat: 89, lng: 5, zoom: 15 }).y).toBe(0);
		});
	});

	describe('at the antimeridian', () => {
		it('puts 180 and -180 in the same, westernmost column', () => {
			expect(cellAt({ lat: 0, lng: 180, zoom: 2 })).toBe('20');
			expect(cellAt({ lat: 0, lng: -180, zoom: 2 })).toBe('20');
			expect(tileAt({ lat: 0, lng: 180, zoom: 15 }).x).toBe(0);
		});

		it('puts 179.9999 in the easternmost column', () => {
			expect(cellAt({ lat: 0, lng: 179.9999, zoom: 2 })).toBe('31');
			expect(tileAt({ lat: 0, lng: 179.9999, zoom: 15 }).x).toBe(2 ** 15 - 1);
		});
	});

	it('is the whole world, an empty quadkey, at zoom 0', () => {
		expect(cellAt({ ...utrecht, zoom: 0 })).toBe('');
	});

	it('refuses points that are not on the Earth and zooms that are not levels', () => {
		expect(() => cellAt({ lat: 90.1, lng: 0, zoom: 3 })).toThrow(RangeError);
		expect(() => cellAt({ lat: 0, lng: -180.1, zoom: 3 })).toThrow(RangeError);
		expect(() => cellAt({ lat: Number.NaN, lng: 0, zoom: 3 })).toThrow(RangeError);
		expect(() => cellAt({ lat: 0, lng: 0, zoom: 2.5 })).toThrow(RangeError);
		expect(() => cellAt({ lat: 0, lng: 0, zoom: -1 })).toThrow(RangeError);
	});
});

describe('tileOf and quadkeyOf', () => {
	it('read and write the same tile', () => {
		expect(tileOf('12020211123')).toEqual({ x: 1053, y: 675, zoom: 11 });
		expect(quadkeyOf({ x: 1053, y: 675, zoom: 11 })).toBe('12020211123');
		expect(tileOf('')).toEqual({ x: 0, y: 0, zoom: 0 });
	});

	it('refuses anything that is not a quadkey', () => {
		expect(() => tileOf('124')).toThrow('A cell is a quadkey of digits 0 to 3, not "124".');
		expect(() => tileOf('1 2')).toThrow(RangeError);
	});
});

describe('cellCentre', () => {
	it('is the middle of the world for the zoom-0 cell', () => {
		expect(cellCentre('')).toEqual({ lat: 0, lng: 0 });
	});

	it('is half way across each quadrant in Mercator space, not in degrees of latitude', () => {
		// Quadrant 3 is x = y = 1 of 2: lng = 1.5 / 2 · 360 - 180 = 90,
		// lat = atan(sinh(π (1 - 2 · 0.75))) = -atan(sinh(π / 2)).
		const southEast = cellCentre('3');
		expect(southEast.lng).toBe(90);
		expect(southEast.lat).toBeCloseTo(-ZOOM_2_ROW_EDGE, 12);
		const northWest = cellCentre('0');
		expect(northWest.lng).toBe(-90);
		expect(northWest.lat).toBeCloseTo(ZOOM_2_ROW_EDGE, 12);
	});

	it('puts Utrecht’s area dot at the centre of its zoom-11 tile', () => {
		// lng = 1053.5 / 2048 · 360 - 180 = 5.185546875
		// lat = atan(sinh(π (1 - 2 · 675.5 / 2048))) = 52.10650519075…
		const centre = cellCentre('12020211123');
		expect(centre.lng).toBe(5.185546875);
		expect(centre.lat).toBeCloseTo(52.106505190756, 10);
	});

	it('lies in the cell it is the centre of', () => {
		for (const cell of ['', '0', '3', '12020211123', '120202111232030', '333333333333333', '20']) {
			const centre = cellCentre(cell);
			expect(cellAt({ ...centre, zoom: cell.length })).toBe(cell);
		}
	});
});

describe('cellBounds', () => {
	it('gives a quadrant’s edges, out to the Mercator limit', () => {
		const bounds = cellBounds('3');
		expect(bounds.west).toBe(0);
		expect(bounds.east).toBe(180);
		expect(bounds.north).toBe(0);
		expect(bounds.south).toBeCloseTo(-MERCATOR_EDGE, 10);
	});

	it('gives Utrecht’s area cell edges', () => {
		// west = 1053 / 2048 · 360 - 180 = 5.09765625, east = 1054 / 2048 · 360 - 180 = 5.2734375
		const bounds = cellBounds('12020211123');
		expect(bounds.west).toBe(5.09765625);
		expect(bounds.east).toBe(5.2734375);
		expect(bounds.north).toBeGreaterThan(utrecht.lat);
		expect(bounds.south).toBeLessThan(utrecht.lat);
		expect(bounds.north - bounds.south).toBeCloseTo(0.1079, 3);
	});
});
