import type { ColourScheme } from './colour-scheme';
import type { LayerSpecification, StyleSpecification } from './style-types';

/**
 * Calm colours for the offline basemap. Labels keep at least 7:1 contrast with the land they sit
 * on in both schemes; borders stay quiet so the practitioners' points stand out.
 */
export const basemapPalettes = {
	light: {
		water: '#d6e4ec',
		land: '#f4f1ea',
		border: '#a8a193',
		label: '#474b50',
		labelHalo: '#f4f1ea'
	},
	dark: {
		water: '#0e1a21',
		land: '#1f272c',
		border: '#56626b',
		label: '#c3ccd2',
		labelHalo: '#1f272c'
	}
} satisfies Record<ColourScheme, Record<string, string>>;

/** Where the basemap's GeoJSON is served, from the `/basemap/*` endpoints. */
export interface BasemapDataUrls {
	land: string;
	borders: string;
	countryLabels: string;
}

const ATTRIBUTION = '<a href="https://www.naturalearthdata.com/">Natural Earth</a>';

/**
 * The offline basemap: Natural Earth land, borders and country names, with no tiles, sprites or
 * glyphs to download. The style has no `glyphs` URL on purpose: MapLibre then draws label text
 * with the browser's own fonts (TinySDF), treating `text-font` as CSS font families and falling
 * back to `sans-serif`, so labels render with no network at all.
 */
export function basemapStyle(scheme: ColourScheme, urls: BasemapDataUrls): StyleSpecification {
	const palette = basemapPalettes[scheme];
	// Natural Earth 1:50m holds no more detail past this zoom; tiles are overzoomed beyond it.
	const maxzoom = 7;
	const layers: LayerSpecification[] = [
		{ id: 'water', type: 'background', paint: { 'background-color': palette.water } },
		{ id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': palette.land } },
		{
			id: 'country-borders',
			type: 'line',
			source: 'country-borders',
			layout: { 'line-join': 'round' },
			paint: {
				'line-color': palette.border,
				'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.5, 6, 1.25]
			}
		},
		{
			id: 'country-labels',
			type: 'symbol',
			source: 'country-labels',
			layout: {
				'text-field': ['get', 'name'],
				'text-font': ['Noto Sans Regular'],
				'text-size': ['interpolate', ['linear'], ['zoom'], 1, 10, 4, 13, 7, 16],
				'text-max-width': 7,
				'text-padding': 6,
				// Bigger countries are placed first, so their names win when labels collide.
				'symbol-sort-key': ['-', ['get', 'area']]
			},
			paint: {
				'text-color': palette.label,
				'text-halo-color': palette.labelHalo,
				'text-halo-width': 1.25
			}
		}
	];
	return {
		version: 8,
		name: `Microsolidarity offline basemap (${scheme})`,
		sources: {
			land: { type: 'geojson', data: urls.land, maxzoom, attribution: ATTRIBUTION },
			'country-borders': { type: 'geojson', data: urls.borders, maxzoom },
			'country-labels': { type: 'geojson', data: urls.countryLabels, maxzoom }
		},
		layers
	};
}
