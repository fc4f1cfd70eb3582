/**
 * Test data: what `place_labels_for` and `search_places` answer for places the tests use.
 * Shapes only; the values are what the database gives for these points.
 */
import type { PlaceLabel } from './audience';
import type { Place } from './places';

/** `place_labels_for(52.0907, 5.1214)`: Utrecht Centraal. */
export function utrechtLabels(): PlaceLabel[] {
	return [
		{
			precision: 'neighbourhood',
			cell: '120202111232030',
			lat: 52.0898,
			lng: 5.1251,
			label: 'near Utrecht, NL'
		},
		{
			precision: 'town',
			cell: '1202021112320',
			lat: 52.0898,
			lng: 5.1306,
			label: 'near Utrecht, NL'
		},
		{
			precision: 'area',
			cell: '12020211123',
			lat: 52.1065,
			lng: 5.1855,
			label: 'Utrecht area, NL'
		},
		{
			precision: 'region',
			cell: '120202111',
			lat: 52.2155,
			lng: 4.9219,
			label: 'around Amsterdam, NL'
		},
		{ precision: 'country', cell: '12020', lat: 52.4827, lng: 5.625, label: 'Netherlands' }
	];
}

export function place(overrides: Partial<Place> = {}): Place {
	return {
		id: 2745912,
		name: 'Utrecht',
		country_code: 'NL',
		country_name: 'Netherlands',
		region: null,
		population: 290529,
		lat: 52.09083,
		lng: 5.12222,
		...overrides
	};
}
