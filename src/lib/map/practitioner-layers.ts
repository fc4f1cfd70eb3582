import type { PractitionerPoints } from '$lib/geo/practitioner-points';
import type { ColourScheme } from './colour-scheme';
import type {
	ExpressionSpecification,
	LayerSpecification,
	SourceSpecification
} from './style-types';

export const PRACTITIONER_SOURCE_ID = 'practitioners';

export const practitionerLayerIds = {
	clusters: 'practitioner-clusters',
	clusterCounts: 'practitioner-cluster-counts',
	points: 'practitioner-points',
	selected: 'practitioner-selected'
} as const;

/**
 * Clustering options for MapLibre's built-in clustering: the walking skeleton's stand-in until
 * supercluster takes over.
 */
export const clusterOptions = {
	/** Points closer than this, in screen pixels, join a cluster. */
	clusterRadius: 48,
	/** Past this zoom every point is drawn on its own, even where cells coincide. */
	clusterMaxZoom: 8
} as const;

// The named filters of MapLibre's cluster recipe.
export const isCluster: ExpressionSpecification = ['has', 'point_count'];
export const isSinglePractitioner: ExpressionSpecification = ['!', ['has', 'point_count']];

export function isSelectedPractitioner(selectedId: string | null): ExpressionSpecification {
	return ['all', isSinglePractitioner, ['==', ['get', 'id'], selectedId ?? '']];
}

/**
 * Points keep at least 3:1 contrast with the land and water under them (WCAG 1.4.11) and cluster
 * counts at least 4.5:1 with their circle.
 */
export const practitionerPalettes = {
	light: { point: '#1b6a7f', outline: '#ffffff', count: '#ffffff', selected: '#a63c17' },
	dark: { point: '#7fcbdc', outline: '#0e1a21', count: '#0e1a21', selected: '#f4a27e' }
} satisfies Record<ColourScheme, Record<string, string>>;

export function practitionerSource(points: PractitionerPoints): SourceSpecification {
	return { type: 'geojson', data: points, cluster: true, ...clusterOptions };
}

/** MapLibre's three-layer cluster recipe, plus a ring around the selected practitioner. */
export function practitionerLayers(
	scheme: ColourScheme,
	selectedId: string | null
): LayerSpecification[] {
	const palette = practitionerPalettes[scheme];
	const source = PRACTITIONER_SOURCE_ID;
	return [
		{
			id: practitionerLayerIds.clusters,
			type: 'circle',
			source,
			filter: isCluster,
			paint: {
				'circle-color': palette.point,
				'circle-radius': ['step', ['get', 'point_count'], 14, 10, 18, 50, 24],
				'circle-stroke-color': palette.outline,
				'circle-stroke-width': 2
			}
		},
		{
			id: practitionerLayerIds.clusterCounts,
			type: 'symbol',
			source,
			filter: isCluster,
			layout: {
				// No glyphs URL: MapLibre draws these digits with the browser's own fonts.
				'text-field': ['get', 'point_count_abbreviated'],
				'text-font': ['Noto Sans Bold'],
				'text-size': 13,
				'text-allow-overlap': true
			},
			paint: { 'text-color': palette.count }
		},
		{
			id: practitionerLayerIds.points,
			type: 'circle',
			source,
			filter: isSinglePractitioner,
			paint: {
				'circle-color': palette.point,
				'circle-radius': 7,
				'circle-stroke-color': palette.outline,
				'circle-stroke-width': 2
			}
		},
		{
			id: practitionerLayerIds.selected,
			type: 'circle',
			source,
			filter: isSelectedPractitioner(selectedId),
			paint: {
				'circle-color': 'rgba(0, 0, 0, 0)',
				'circle-radius': 11,
				'circle-stroke-color': palette.selected,
				'circle-stroke-width': 3
			}
		}
	];
}
