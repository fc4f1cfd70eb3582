import { describe, expect, it } from 'vitest';
import {
	PEOPLE_VIEW_LAYERS,
	REGION_MAP_SOURCES,
	regionLayers,
	regionMapSources
} from './region-map-layers';

const data = {
	circle: { lat: 53.8, lng: -1.55, radiusKm: 50 },
	focus: { lat: 53.8, lng: -1.55 },
	cells: [{ lat: 53.8, lng: -1.55, people: 4, open_to_gatherings: 2 }],
	groups: [{ lat: 53.79, lng: -1.54, kind: 'crew' as const, name: 'Leeds Crew' }],
	meetingPoint: { lat: 53.75, lng: -1.6 },
	towns: [
		{ lat: 53.7965, lng: -1.5478, name: 'Leeds, GB' },
		{ lat: 53.7939, lng: -1.7521, name: 'Bradford, GB' }
	]
};

describe('regionMapSources', () => {
	it('draws the circle, each place with its count, the groups, and the point with its numbered towns', () => {
		const sources = regionMapSources(data);

		expect(sources[REGION_MAP_SOURCES.region].features).toHaveLength(1);
		expect(sources[REGION_MAP_SOURCES.drawing].features).toEqual([]);
		expect(sources[REGION_MAP_SOURCES.people].features).toEqual([
			{
				type: 'Feature',
				geometry: { type: 'Point', coordinates: [-1.55, 53.8] },
				properties: { people: 4, count_label: '4' }
			}
		]);
		expect(sources[REGION_MAP_SOURCES.groups].features[0].properties).toEqual({
			kind: 'crew',
			name: 'Leeds Crew'
		});
		expect(
			sources[REGION_MAP_SOURCES.suggestions].features.map((feature) => feature.properties)
		).toEqual([
			{ role: 'point', number: '' },
			{ role: 'town', number: '1', name: 'Leeds, GB' },
			{ role: 'town', number: '2', name: 'Bradford, GB' }
		]);
	});

	it('draws no circle for a country', () => {
		expect(regionMapSources({ ...data, circle: null })[REGION_MAP_SOURCES.region].features).toEqual(
			[]
		);
	});
});

describe('regionLayers', () => {
	it('shows the people as counts or as density, never both', () => {
		for (const view of ['counts', 'density'] as const) {
			const visible = regionLayers('light', view)
				.filter((layer) => layer.layout && 'visibility' in layer.layout)
				.filter((layer) => layer.layout?.visibility === 'visible')
				.map((layer) => layer.id);
			expect(visible).toEqual(PEOPLE_VIEW_LAYERS[view]);
		}
	});
});
