import { describe, expect, it } from 'vitest';
import type { MapPractitioner } from '$lib/practitioners/types';
import { boundsOf, toFeatureCollection } from './practitioner-points';

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

describe('toFeatureCollection', () => {
	it('puts each practitioner at their published point, longitude first', () => {
		expect(toFeatureCollection([practitioner()])).toEqual({
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					geometry: { type: 'Point', coordinates: [5.12, 52.09] },
					properties: {
						id: '00000000-0000-4000-8000-000000000001',
						displayName: 'Ada Fernhill',
						placeLabel: 'Utrecht, NL'
					}
				}
			]
		});
	});

	it('leaves out people who have not published a location', () => {
		const points = toFeatureCollection([
			practitioner({ id: 'a', published_lat: null, published_lng: null }),
			practitioner({ id: 'b' })
		]);
		expect(points.features.map((feature) => feature.properties.id)).toEqual(['b']);
	});

	it('keeps a missing place label as null', () => {
		const [feature] = toFeatureCollection([practitioner({ place_label: null })]).features;
		expect(feature.properties.placeLabel).toBeNull();
	});

	it('returns an empty collection for nobody', () => {
		expect(toFeatureCollection([])).toEqual({ type: 'FeatureCollection', features: [] });
	});
});

describe('boundsOf', () => {
	it('is null when there are no points', () => {
		expect(boundsOf(toFeatureCollection([]))).toBeNull();
	});

	it('spans every point as [west, south, east, north]', () => {
		const points = toFeatureCollection([
			practitioner({ id: 'utrecht' }),
			practitioner({ id: 'sydney', published_lat: -33.87, published_lng: 151.21 }),
			practitioner({ id: 'buenos-aires', published_lat: -34.6, published_lng: -58.38 })
		]);
		expect(boundsOf(points)).toEqual([-58.38, -34.6, 151.21, 52.09]);
	});

	it('is a single point for one practitioner', () => {
		expect(boundsOf(toFeatureCollection([practitioner()]))).toEqual([5.12, 52.09, 5.12, 52.09]);
	});
});
