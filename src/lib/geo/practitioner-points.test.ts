import { describe, expect, it } from 'vitest';
import type { MapPractitioner } from '$lib/practitioners/types';
import { boundsOfItems, practitionersAsMapItems } from './practitioner-points';

function practitioner(overrides: Partial<MapPractitioner> = {}): MapPractitioner {
	return {
		id: '00000000-0000-4000-8000-000000000001',
		display_name: 'Ada Fernhill',
		place_label: 'Utrecht, NL',
		published_lat: 52.09,
		published_lng: 5.12,
		...overrides
	};
}

describe('practitionersAsMapItems', () => {
	it('puts each practitioner on the map at their published point', () => {
		expect(practitionersAsMapItems([practitioner()])).toEqual([
			{
				kind: 'practitioner',
				id: '00000000-0000-4000-8000-000000000001',
				name: 'Ada Fernhill',
				lat: 52.09,
				lng: 5.12,
				place_label: 'Utrecht, NL'
			}
		]);
	});

	it('leaves out people who have not published a location', () => {
		const items = practitionersAsMapItems([
			practitioner({ id: 'a', published_lat: null, published_lng: null }),
			practitioner({ id: 'b' })
		]);
		expect(items.map(({ id }) => id)).toEqual(['b']);
	});

	it('keeps a missing place label as null', () => {
		const [item] = practitionersAsMapItems([practitioner({ place_label: null })]);
		expect(item.place_label).toBeNull();
	});
});

describe('boundsOfItems', () => {
	it('is null when there are no items', () => {
		expect(boundsOfItems([])).toBeNull();
	});

	it('spans every item as [west, south, east, north]', () => {
		const items = practitionersAsMapItems([
			practitioner({ id: 'utrecht' }),
			practitioner({ id: 'sydney', published_lat: -33.87, published_lng: 151.21 }),
			practitioner({ id: 'buenos-aires', published_lat: -34.6, published_lng: -58.38 })
		]);
		expect(boundsOfItems(items)).toEqual([-58.38, -34.6, 151.21, 52.09]);
	});

	it('is a single point for one item', () => {
		expect(boundsOfItems([{ lat: 52.09, lng: 5.12 }])).toEqual([5.12, 52.09, 5.12, 52.09]);
	});
});
