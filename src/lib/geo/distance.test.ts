import { describe, expect, it } from 'vitest';
import { cellSizeKm, roundedDistanceKm } from './distance';

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
