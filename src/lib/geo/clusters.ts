/**
 * Clustering of everything on the map (practitioners, crews, congregations, gatherings) at once,
 * with supercluster. Pure: no DOM, no MapLibre, so the same code runs on the main thread and in
 * the clustering worker.
 *
 * Points that share a published cell sit at exactly the same place, because of privacy snapping.
 * They are never spread out into made-up positions: views are asked for at most at
 * `clusterDefaults.maxZoom`, where anything still together is a cluster whose members the map
 * lists (`membersOf`) instead of zooming further.
 */
import Supercluster from 'supercluster';
import type { Feature, Point } from 'geojson';
import type { Bounds } from './practitioner-points';

export const MAP_ITEM_KINDS = ['practitioner', 'crew', 'congregation', 'gathering'] as const;
export type MapItemKind = (typeof MAP_ITEM_KINDS)[number];

/** The part of a map item that clustering needs; the map data's `MapItem` has these and more. */
export interface ClusterableItem {
	kind: MapItemKind;
	id: string;
	name: string;
	lat: number;
	lng: number;
}

export const clusterDefaults = {
	/** Items closer than this, in screen pixels, join a cluster. */
	radius: 48,
	/**
	 * The deepest zoom that clusters, and the deepest the map zooms to. Published cells are ~1 km
	 * at their finest; at zoom 10 a 48 px radius is a few kilometres, so what is still together
	 * here is one place, and opens as a list.
	 */
	maxZoom: 10,
	/** Two items at one place are already a cluster: nothing is drawn on top of another. */
	minPoints: 2
} as const;

/** How many of each kind a cluster holds. */
export type KindCounts = Record<MapItemKind, number>;

/** A single item on the map. */
export interface ItemPointProperties {
	kind: MapItemKind;
	id: string;
	name: string;
}

/** A cluster: supercluster's own fields plus the count of each kind. */
export interface ClusterPointProperties extends KindCounts {
	cluster: true;
	cluster_id: number;
	point_count: number;
	point_count_abbreviated: string | number;
}

export type ItemPoint = Feature<Point, ItemPointProperties>;
export type ClusterPoint = Feature<Point, ClusterPointProperties>;
export type MapPoint = ItemPoint | ClusterPoint;
/** A view: a GeoJSON FeatureCollection whose features are told apart with `isClusterPoint`. */
export interface MapPoints {
	type: 'FeatureCollection';
	features: MapPoint[];
}

export type ClusterIndex = Supercluster<ItemPointProperties, KindCounts>;

export function isClusterPoint(point: MapPoint): point is ClusterPoint {
	return 'cluster' in point.properties && point.properties.cluster === true;
}

function noKinds(): KindCounts {
	return { practitioner: 0, crew: 0, congregation: 0, gathering: 0 };
}

/** Indexes the items once; views are then cheap to ask for at any zoom. */
export function buildClusterIndex(items: readonly ClusterableItem[]): ClusterIndex {
	const index: ClusterIndex = new Supercluster<ItemPointProperties, KindCounts>({
		...clusterDefaults,
		map: ({ kind }) => ({ ...noKinds(), [kind]: 1 }),
		reduce: (total, counts) => {
			for (const kind of MAP_ITEM_KINDS) total[kind] += counts[kind];
		}
	});
	return index.load(
		items.map(({ kind, id, name, lat, lng }) => ({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [lng, lat] },
			properties: { kind, id, name }
		}))
	);
}

/** Clamps to the zooms the index clusters at, so items at one place never come apart. */
export function clusterZoom(zoom: number): number {
	return Math.max(0, Math.min(Math.floor(zoom), clusterDefaults.maxZoom));
}

/** The clusters and single items within `[west, south, east, north]` at a map zoom. */
export function clustersInView(index: ClusterIndex, bounds: Bounds, zoom: number): MapPoints {
	return {
		type: 'FeatureCollection',
		features: index.getClusters(bounds, clusterZoom(zoom)) as MapPoint[]
	};
}

/**
 * The zoom at which a cluster comes apart, or null when it never does on this map (its members
 * share one place): then the map lists them instead.
 */
export function expansionZoom(index: ClusterIndex, clusterId: number): number | null {
	const zoom = index.getClusterExpansionZoom(clusterId);
	return zoom > clusterDefaults.maxZoom ? null : zoom;
}

/** Every item in a cluster, for the list a cluster opens at the deepest zoom. */
export function membersOf(index: ClusterIndex, clusterId: number): ItemPointProperties[] {
	return index.getLeaves(clusterId, Infinity).map((leaf) => leaf.properties);
}
