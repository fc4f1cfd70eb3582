/**
 * How MapLibre draws the map's items: one GeoJSON source of supercluster's view, MapLibre's
 * three-layer cluster recipe, the colours of each kind, and rings for the selected and the
 * highlighted item.
 */
import type { FeatureCollection } from 'geojson';
import type { MapPoints } from './clusters';
import type { ColourScheme } from './colour-scheme';
import type { MapItemKind } from './map-items';
import type {
	ExpressionSpecification,
	LayerSpecification,
	SourceSpecification
} from './style-types';

/** The one source the map draws items from: supercluster's view, already clustered. */
export const MAP_ITEM_SOURCE_ID = 'map-items';

export const mapItemLayerIds = {
	clusters: 'map-item-clusters',
	clusterCounts: 'map-item-cluster-counts',
	clusterKinds: 'map-item-cluster-kinds',
	points: 'map-item-points',
	details: 'map-item-details',
	selected: 'map-item-selected',
	highlighted: 'map-item-highlighted'
} as const;

// The named filters of MapLibre's cluster recipe. Clusters carry their own `count` (see
// clusters.ts): supercluster's point_count counts a place's counts as one.
const isCluster: ExpressionSpecification = ['has', 'count'];
const isSingleItem: ExpressionSpecification = ['!', ['has', 'count']];

export function isSelectedItem(selectedId: string | null): ExpressionSpecification {
	return ['all', isSingleItem, ['==', ['get', 'id'], selectedId ?? '']];
}

/**
 * Each kind keeps at least 4.5:1 contrast with the land and water under it (WCAG 1.4.11 asks
 * 3:1), and cluster counts at least 4.5:1 with their circle.
 */
export const mapItemPalettes = {
	light: {
		kinds: {
			practitioner: '#1b6a7f',
			crew: '#8a4b00',
			congregation: '#6b3fa0',
			gathering: '#a3263f'
		},
		cluster: '#2f3a44',
		outline: '#ffffff',
		count: '#ffffff',
		selected: '#a63c17',
		labelText: '#1d2125',
		labelHalo: '#ffffff'
	},
	dark: {
		kinds: {
			practitioner: '#7fcbdc',
			crew: '#f0b35e',
			congregation: '#c3a6f0',
			gathering: '#f59ab0'
		},
		cluster: '#d5dde3',
		outline: '#0e1a21',
		count: '#0e1a21',
		selected: '#f4a27e',
		labelText: '#eef2f5',
		labelHalo: '#0e1a21'
	}
} satisfies Record<
	ColourScheme,
	{
		kinds: Record<MapItemKind, string>;
		cluster: string;
		outline: string;
		count: string;
		selected: string;
		labelText: string;
		labelHalo: string;
	}
>;

/**
 * Point radius grows with the scale a kind stands for: a person, a crew, a congregation; a
 * gathering sits between a crew and a congregation.
 */
export const kindRadius = {
	practitioner: 6,
	crew: 8,
	gathering: 9,
	congregation: 10
} satisfies Record<MapItemKind, number>;

/** A plain GeoJSON source: the clustering happens in supercluster, not in MapLibre. */
export function mapItemSource(view: MapPoints): SourceSpecification {
	return { type: 'geojson', data: view as FeatureCollection };
}

function byKind(values: Record<MapItemKind, string | number>): ExpressionSpecification {
	return [
		'match',
		['get', 'kind'],
		'crew',
		values.crew,
		'congregation',
		values.congregation,
		'gathering',
		values.gathering,
		values.practitioner
	];
}

/**
 * A small label under a point or cluster, from one of its properties. Dropped where labels would
 * collide: the list beside the map and the card always say it all.
 */
function labelUnder(
	id: string,
	{
		filter,
		field,
		offsetEms,
		palette
	}: {
		filter: ExpressionSpecification;
		field: string;
		/** How far below the centre, in ems of the label's text. */
		offsetEms: number;
		palette: (typeof mapItemPalettes)[ColourScheme];
	}
): LayerSpecification {
	return {
		id,
		type: 'symbol',
		source: MAP_ITEM_SOURCE_ID,
		filter,
		layout: {
			'text-field': ['get', field],
			'text-font': ['Noto Sans Regular'],
			'text-size': 11,
			'text-anchor': 'top',
			'text-offset': [0, offsetEms],
			'text-max-width': 9,
			'text-optional': true
		},
		paint: {
			'text-color': palette.labelText,
			'text-halo-color': palette.labelHalo,
			'text-halo-width': 1.5
		}
	};
}

/**
 * MapLibre's three-layer cluster recipe, plus a ring around the selected item and a halo around
 * the one whose entry in the list is hovered or focused.
 */
export function mapItemLayers(
	scheme: ColourScheme,
	selectedId: string | null,
	highlightedId: string | null = null
): LayerSpecification[] {
	const palette = mapItemPalettes[scheme];
	const source = MAP_ITEM_SOURCE_ID;
	return [
		{
			id: mapItemLayerIds.clusters,
			type: 'circle',
			source,
			filter: isCluster,
			paint: {
				'circle-color': palette.cluster,
				'circle-radius': ['step', ['get', 'count'], 14, 10, 18, 100, 24, 1000, 30],
				'circle-stroke-color': palette.outline,
				'circle-stroke-width': 2
			}
		},
		{
			id: mapItemLayerIds.clusterCounts,
			type: 'symbol',
			source,
			filter: isCluster,
			layout: {
				// No glyphs URL: MapLibre draws these digits with the browser's own fonts.
				'text-field': ['get', 'count_label'],
				'text-font': ['Noto Sans Bold'],
				'text-size': 13,
				'text-allow-overlap': true
			},
			paint: { 'text-color': palette.count }
		},
		// What a mixed cluster holds, under it: "3 practitioners, 2 crews".
		labelUnder(mapItemLayerIds.clusterKinds, {
			filter: ['all', isCluster, ['!=', ['get', 'kinds_label'], '']],
			field: 'kinds_label',
			offsetEms: 1.9,
			palette
		}),
		{
			id: mapItemLayerIds.points,
			type: 'circle',
			source,
			filter: isSingleItem,
			paint: {
				'circle-color': byKind(palette.kinds),
				'circle-radius': byKind(kindRadius),
				'circle-stroke-color': palette.outline,
				'circle-stroke-width': 2
			}
		},
		// A crew's open seats, a gathering's dates, under the point.
		labelUnder(mapItemLayerIds.details, {
			filter: ['all', isSingleItem, ['has', 'detail']],
			field: 'detail',
			offsetEms: 0.9,
			palette
		}),
		{
			id: mapItemLayerIds.highlighted,
			type: 'circle',
			source,
			filter: isSelectedItem(highlightedId),
			paint: {
				'circle-color': 'rgba(0, 0, 0, 0)',
				'circle-radius': 11,
				'circle-stroke-color': palette.cluster,
				'circle-stroke-width': 3
			}
		},
		{
			id: mapItemLayerIds.selected,
			type: 'circle',
			source,
			filter: isSelectedItem(selectedId),
			paint: {
				'circle-color': 'rgba(0, 0, 0, 0)',
				'circle-radius': 13,
				'circle-stroke-color': palette.selected,
				'circle-stroke-width': 3
			}
		}
	];
}
