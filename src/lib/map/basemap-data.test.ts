import { describe, expect, it } from 'vitest';
import { countryBordersGeoJson, countryLabelsGeoJson, landGeoJson } from './basemap-data';

describe('countryLabelsGeoJson', () => {
	const labels = countryLabelsGeoJson().features;
	const labelFor = (name: string) => labels.find((label) => label.properties.name === name);

	it('has one named point per country', () => {
		expect(labels.length).toBeGreaterThan(200);
		expect(labels.every((label) => label.properties.name.length > 0)).toBe(true);
		expect(new Set(labels.map((label) => label.properties.name)).size).toBe(labels.length);
	});

	it('labels a country on its mainland, not an overseas part', () => {
		// France's geometry includes French Guiana, Réunion and more; the label belongs in Europe.
		const [lng, lat] = labelFor('France')?.geometry.coordinates ?? [];
		expect(lng).toBeGreaterThan(-5);
		expect(lng).toBeLessThan(8);
		expect(lat).toBeGreaterThan(42);
		expect(lat).toBeLessThan(51);
	});

	it('ranks bigger countries higher so their names win collisions', () => {
		const area = (name: string) => labelFor(name)?.properties.area ?? 0;
		expect(area('Russia')).toBeGreaterThan(area('Netherlands'));
	});
});

describe('landGeoJson', () => {
	it('is polygons with coordinates rounded to three decimals', () => {
		const { features } = landGeoJson();
		expect(features.length).toBeGreaterThan(0);
		for (const { geometry } of features) {
			expect(['Polygon', 'MultiPolygon']).toContain(geometry.type);
		}
		const firstPosition = JSON.stringify(features[0].geometry.coordinates).match(/-?\d+\.?\d*/g);
		expect(firstPosition?.every((n) => (n.split('.')[1] ?? '').length <= 3)).toBe(true);
	});
});

describe('countryBordersGeoJson', () => {
	it('is a single multi-line of shared borders', () => {
		const { features } = countryBordersGeoJson();
		expect(features).toHaveLength(1);
		expect(features[0].geometry.type).toBe('MultiLineString');
		expect(features[0].geometry.coordinates.length).toBeGreaterThan(100);
	});
});
