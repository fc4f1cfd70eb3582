import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { basemapStyle, type BasemapDataUrls } from './basemap-style';
import { MAP_ITEM_SOURCE_ID, mapItemLayers, mapItemSource } from './map-item-layers';

const urls: BasemapDataUrls = {
	land: '/basemap/land.geojson',
	borders: '/basemap/country-borders.geojson',
	countryLabels: '/basemap/country-labels.geojson'
};

describe('basemapStyle', () => {
	it('needs nothing from the network: no glyphs, sprites or remote sources', () => {
		const style = basemapStyle('light', urls);
		expect(style.glyphs).toBeUndefined();
		expect(style.sprite).toBeUndefined();
		const sourceData = Object.values(style.sources).map((source) =>
			'data' in source ? source.data : undefined
		);
		expect(sourceData).toEqual([urls.land, urls.borders, urls.countryLabels]);
	});

	it('draws water, land, borders and country names, in that order', () => {
		expect(basemapStyle('light', urls).layers.map((layer) => layer.id)).toEqual([
			'water',
			'land',
			'country-borders',
			'country-labels'
		]);
	});

	it('uses dark colours in the dark scheme', () => {
		const water = (scheme: 'light' | 'dark') => {
			const layer = basemapStyle(scheme, urls).layers[0];
			return layer.type === 'background' ? layer.paint?.['background-color'] : undefined;
		};
		expect(water('light')).toBe('#d6e4ec');
		expect(water('dark')).toBe('#0e1a21');
	});
});

describe('the basemap with the practitioners added, as the map loads it', () => {
	it.each(['light', 'dark'] as const)('is a valid MapLibre style in the %s scheme', (scheme) => {
		const basemap = basemapStyle(scheme, urls);
		const style = {
			...basemap,
			sources: {
				...basemap.sources,
				[MAP_ITEM_SOURCE_ID]: mapItemSource({ type: 'FeatureCollection', features: [] })
			},
			layers: [...basemap.layers, ...mapItemLayers(scheme, 'ada')]
		};
		expect(validateStyleMin(style)).toEqual([]);
	});
});
