/**
 * How MapLibre draws the planner's region: the circle (or the one being drawn), the people by
 * place as counts or as a density heatmap, the crews and congregations, and the suggested meeting
 * point with its towns. Plain GeoJSON sources, built here from what the page holds.
 */
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { circlePolygon } from '$lib/geo/circle';
import type { LatLng } from '$lib/geo/cells';
import type { ColourScheme } from './colour-scheme';
import { kindRadius, mapItemPalettes } from './map-item-layers';
import type { LayerSpecification, SourceSpecification, StyleSpecification } from './style-types';

/** How the people in a region are drawn: counts at their places, or a density heatmap. */
export type PeopleView = 'counts' | 'density';

export interface RegionCircle extends LatLng {
	radiusKm: number;
}

/** What the region map shows; each part may be empty. */
export interface RegionMapData {
	/** The region's circle; null for a country. */
	circle: RegionCircle | null;
	/** Where the region is (a country's point), to look at when it has nothing to show. */
	focus: LatLng | null;
	cells: readonly (LatLng & { people: number; open_to_gatherings: number })[];
	groups: readonly (LatLng & { kind: 'crew' | 'congregation'; name: string })[];
	meetingPoint: LatLng | null;
	/** The suggested towns, numbered from 1 in the order given. */
	towns: readonly (LatLng & { name: string })[];
}

export const REGION_MAP_SOURCES = {
	region: 'plan-region',
	drawing: 'plan-drawing',
	people: 'plan-people',
	groups: 'plan-groups',
	suggestions: 'plan-suggestions'
} as const;

export const regionLayerIds = {
	regionFill: 'plan-region-fill',
	regionOutline: 'plan-region-outline',
	drawingOutline: 'plan-drawing-outline',
	density: 'plan-people-density',
	peopleCircles: 'plan-people-circles',
	peopleCounts: 'plan-people-counts',
	groups: 'plan-groups',
	meetingPoint: 'plan-meeting-point',
	towns: 'plan-towns',
	townNumbers: 'plan-town-numbers'
} as const;

/** The layers of each view of the people, to show one and hide the other. */
export const PEOPLE_VIEW_LAYERS: Record<PeopleView, readonly string[]> = {
	counts: [regionLayerIds.peopleCircles, regionLayerIds.peopleCounts],
	density: [regionLayerIds.density]
};

/** The region's own colours; people, crews and congregations keep the network map's. */
export const regionPalettes = {
	light: { region: '#1d2125', suggestion: '#a63c17', onSuggestion: '#ffffff' },
	dark: { region: '#eef2f5', suggestion: '#f4a27e', onSuggestion: '#0e1a21' }
} satisfies Record<ColourScheme, Record<'region' | 'suggestion' | 'onSuggestion', string>>;

function point<P>(at: LatLng, properties: P): Feature<Point, P> {
	return {
		type: 'Feature',
		geometry: { type: 'Point', coordinates: [at.lng, at.lat] },
		properties
	};
}

function collection<G extends Point | Polygon, P>(
	features: Feature<G, P>[]
): FeatureCollection<G, P> {
	return { type: 'FeatureCollection', features };
}

export function circleFeatures(circle: RegionCircle | null): FeatureCollection<Polygon> {
	return collection(
		circle
			? [{ type: 'Feature', geometry: circlePolygon(circle, circle.radiusKm), properties: {} }]
			: []
	);
}

/** The GeoJSON of each source for what the map shows (the drawing starts empty). */
export function regionMapSources(data: RegionMapData): Record<string, FeatureCollection> {
	return {
		[REGION_MAP_SOURCES.region]: circleFeatures(data.circle),
		[REGION_MAP_SOURCES.drawing]: circleFeatures(null),
		[REGION_MAP_SOURCES.people]: collection(
			data.cells.map((cell) =>
				point(cell, { people: cell.people, count_label: String(cell.people) })
			)
		),
		[REGION_MAP_SOURCES.groups]: collection(
			data.groups.map((group) => point(group, { kind: group.kind, name: group.name }))
		),
		[REGION_MAP_SOURCES.suggestions]: collection([
			...(data.meetingPoint ? [point(data.meetingPoint, { role: 'point', number: '' })] : []),
			...data.towns.map((town, index) =>
				point(town, { role: 'town', number: String(index + 1), name: town.name })
			)
		])
	};
}

/** The people layers hidden in the view not shown. */
function visibility(layer: string, view: PeopleView): 'visible' | 'none' {
	return PEOPLE_VIEW_LAYERS[view].includes(layer) ? 'visible' : 'none';
}

/** The basemap with the region's sources and layers on top, for one colour scheme. */
export function withRegionLayers(
	style: StyleSpecification,
	{ data, scheme, view }: { data: RegionMapData; scheme: ColourScheme; view: PeopleView }
): StyleSpecification {
	const sources: Record<string, SourceSpecification> = Object.fromEntries(
		Object.entries(regionMapSources(data)).map(([id, features]) => [
			id,
			{ type: 'geojson', data: features }
		])
	);
	return {
		...style,
		sources: { ...style.sources, ...sources },
		layers: [...style.layers, ...regionLayers(scheme, view)]
	};
}

export function regionLayers(scheme: ColourScheme, view: PeopleView): LayerSpecification[] {
	const items = mapItemPalettes[scheme];
	const own = regionPalettes[scheme];
	return [
		{
			id: regionLayerIds.regionFill,
			type: 'fill',
			source: REGION_MAP_SOURCES.region,
			paint: { 'fill-color': own.region, 'fill-opacity': 0.06 }
		},
		{
			id: regionLayerIds.regionOutline,
			type: 'line',
			source: REGION_MAP_SOURCES.region,
			paint: { 'line-color': own.region, 'line-width': 2 }
		},
		{
			id: regionLayerIds.drawingOutline,
			type: 'line',
			source: REGION_MAP_SOURCES.drawing,
			paint: { 'line-color': own.suggestion, 'line-width': 2, 'line-dasharray': [2, 2] }
		},
		{
			// Each place weighs as many as are there; the heat spreads wider as the map zooms in.
			id: regionLayerIds.density,
			type: 'heatmap',
			source: REGION_MAP_SOURCES.people,
			layout: { visibility: visibility(regionLayerIds.density, view) },
			paint: {
				'heatmap-weight': ['get', 'people'],
				'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 3, 0.3, 9, 1],
				'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 3, 12, 9, 40],
				'heatmap-opacity': 0.75
			}
		},
		{
			id: regionLayerIds.peopleCircles,
			type: 'circle',
			source: REGION_MAP_SOURCES.people,
			layout: { visibility: visibility(regionLayerIds.peopleCircles, view) },
			paint: {
				'circle-color': items.kinds.practitioner,
				'circle-radius': ['step', ['get', 'people'], 10, 5, 13, 20, 17, 100, 22],
				'circle-stroke-color': items.outline,
				'circle-stroke-width': 2
			}
		},
		{
			id: regionLayerIds.peopleCounts,
			type: 'symbol',
			source: REGION_MAP_SOURCES.people,
			layout: {
				visibility: visibility(regionLayerIds.peopleCounts, view),
				// No glyphs URL: MapLibre draws these digits with the browser's own fonts.
				'text-field': ['get', 'count_label'],
				'text-font': ['Noto Sans Bold'],
				'text-size': 12,
				'text-allow-overlap': true
			},
			paint: { 'text-color': items.count }
		},
		{
			id: regionLayerIds.groups,
			type: 'circle',
			source: REGION_MAP_SOURCES.groups,
			paint: {
				'circle-color': [
					'match',
					['get', 'kind'],
					'crew',
					items.kinds.crew,
					items.kinds.congregation
				],
				'circle-radius': [
					'match',
					['get', 'kind'],
					'crew',
					kindRadius.crew,
					kindRadius.congregation
				],
				'circle-stroke-color': items.outline,
				'circle-stroke-width': 2
			}
		},
		{
			id: regionLayerIds.meetingPoint,
			type: 'circle',
			source: REGION_MAP_SOURCES.suggestions,
			filter: ['==', ['get', 'role'], 'point'],
			paint: {
				'circle-color': 'rgba(0, 0, 0, 0)',
				'circle-radius': 9,
				'circle-stroke-color': own.suggestion,
				'circle-stroke-width': 4
			}
		},
		{
			id: regionLayerIds.towns,
			type: 'circle',
			source: REGION_MAP_SOURCES.suggestions,
			filter: ['==', ['get', 'role'], 'town'],
			paint: {
				'circle-color': own.suggestion,
				'circle-radius': 11,
				'circle-stroke-color': items.outline,
				'circle-stroke-width': 2
			}
		},
		{
			id: regionLayerIds.townNumbers,
			type: 'symbol',
			source: REGION_MAP_SOURCES.suggestions,
			filter: ['==', ['get', 'role'], 'town'],
			layout: {
				'text-field': ['get', 'number'],
				'text-font': ['Noto Sans Bold'],
				'text-size': 13,
				'text-allow-overlap': true
			},
			paint: { 'text-color': own.onSuggestion }
		}
	];
}
