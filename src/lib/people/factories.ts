/**
 * Test data: what `place_labels_for` and `search_places` answer for places the tests use.
 * Shapes only; the values are what the database gives for these points.
 */
import type { PlaceLabel } from './audience';
import type { Place } from './places';

/** `place_labels_for(52.0907, 5.1214)`: Utrecht Centraal. */
export function utrechtLabels(): PlaceLabel[] {
	// Four public people share Utrecht's area square in the seed: strangers see the area.
	const area = {
		stranger_precision: 'area',
		stranger_cell: '12020211123',
		stranger_lat: 52.1065,
		stranger_lng: 5.1855,
		stranger_label: 'Utrecht area, NL'
	} as const;
	return [
		{
			precision: 'neighbourhood',
			cell: '120202111232030',
			lat: 52.0898,
			lng: 5.1251,
			label: 'near Utrecht, NL',
			...area
		},
		{
			precision: 'town',
			cell: '1202021112320',
			lat: 52.0898,
			lng: 5.1306,
			label: 'near Utrecht, NL',
			...area
		},
		{
			precision: 'area',
			cell: '12020211123',
			lat: 52.1065,
			lng: 5.1855,
			label: 'Utrecht area, NL',
			...area
		},
		{
			precision: 'region',
			cell: '120202111',
			lat: 52.2155,
			lng: 4.9219,
			label: 'around Amsterdam, NL',
			stranger_precision: 'region',
			stranger_cell: '120202111',
			stranger_lat: 52.2155,
			stranger_lng: 4.9219,
			stranger_label: 'around Amsterdam, NL'
		},
		{
			precision: 'country',
			cell: '12020',
			lat: 52.4827,
			lng: 5.625,
			label: 'Netherlands',
			stranger_precision: 'country',
			stranger_cell: '12020',
			stranger_lat: 52.4827,
			stranger_lng: 5.625,
			stranger_label: 'Netherlands'
		}
	];
}

/**
 * The same point as if fewer than three people shared with everyone around it: strangers would
 * see the region at most precisions, and nobody in a country with fewer than three.
 */
export function loneUtrechtLabels({ inCountry = true } = {}): PlaceLabel[] {
	const region = utrechtLabels()[3];
	return utrechtLabels().map((row) =>
		!inCountry
			? {
					...row,
					stranger_precision: null,
					stranger_cell: null,
					stranger_lat: null,
					stranger_lng: null,
					stranger_label: null
				}
			: row.precision === 'country'
				? row
				: {
						...row,
						stranger_precision: 'region',
						stranger_cell: region.cell,
						stranger_lat: region.lat,
						stranger_lng: region.lng,
						stranger_label: region.label
					}
	);
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

/** Another Utrecht, a village in Florida: for lists that must tell two places of one name apart. */
export function utrechtFlorida(): Place {
	return place({
		id: 4173283,
		country_code: 'US',
		country_name: 'United States',
		population: 0,
		lat: 28.5,
		lng: -81.2
	});
}

/**
 * The profile form as a browser posts it (repeated names for checkboxes), with a name and the
 * privacy defaults unless `fields` say otherwise.
 */
export function profileFormData(fields: Record<string, string | string[]> = {}): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries({
		display_name: 'Ada Fernhill',
		precision: 'area',
		visibility: 'members',
		...fields
	})) {
		for (const item of Array.isArray(value) ? value : [value]) data.append(name, item);
	}
	return data;
}
