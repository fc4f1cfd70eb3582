import { describe, expect, it } from 'vitest';
import { boundsOfItems } from './practitioner-points';

describe('boundsOfItems', () => {
	it('is null when there are no items', () => {
		expect(boundsOfItems([])).toBeNull();
	});

	it('spans every item as [west, south, east, north]', () => {
		const items = [
			{ lat: 52.09, lng: 5.12 },
			{ lat: -33.87, lng: 151.21 },
			{ lat: -34.6, lng: -58.38 }
		];
		expect(boundsOfItems(items)).toEqual([-58.38, -34.6, 151.21, 52.09]);
	});

	it('is a single point for one item', () => {
		expect(boundsOfItems([{ lat: 52.09, lng: 5.12 }])).toEqual([5.12, 52.09, 5.12, 52.09]);
	});
});
