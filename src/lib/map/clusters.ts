/**
 * Clustering of everything on the map (practitioners, crews, congregations, gatherings) at once,
 * with supercluster. Pure: no DOM, no MapLibre, so the same code runs on the main thread and in
 * the clustering worker.
 *
 * Points that share a published cell sit at exactly the same place, because of privacy snapping.
 * They are never spread out into made-up positions: views are asked for at most at
 * `clusterDefaults.maxZoom`, where anything still together is a cluster whose members the map
 * lists (`membersOf`) instead of zooming further.
 *
 * When a view holds too many items to send, the database sends counts by place instead
 * (`PlaceCount`, see `map_view`). They are clustered with the items, weighted by their counts: a
 * cluster's `count` is how many things it stands for, however many places and items it was made
 * from.
 */
import Supercluster from 'supercluster';
import type { Feature, Point } from 'geojson';
import type { Bounds } from '$lib/geo/view-boxes';
import type { LatLng } from '$lib/geo/cells';
import { KIND_COUNT_NOUNS, countOf } from '$lib/groups/wording';
import {
	MAP_ITEM_KINDS,
	kindCountsOf,
	type DrawnItem,
	type KindCounts,
	type MapItemKind,
	type PlaceCount
} from './map-items';

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

/** A place's counts as supercluster holds them: marked, so `map` tells them from an item. */
interface PlaceCountProperties extends KindCounts {
	place_count: true;
}

/** A single item on the map. */
export interface ItemPointProperties {
	kind: MapItemKind;
	id: string;
	name: string;
	/** Only when the item has one. */
	detail?: string;
}

/**
 * A cluster: how many it stands for (`count`, and `count_label` to draw), the count of each
 * kind, and supercluster's id to ask about it. A place's counts left on their own are a cluster
 * too, with a null id: they have no members to list or expansion zoom to ask for.
 */
export interface ClusterPointProperties extends KindCounts {
	cluster: true;
	cluster_id: number | null;
	count: number;
	count_label: string;
	/** What it holds besides people, in words ("2 crews, 1 gathering"); empty for people only. */
	kinds_label: string;
}

export type ItemPoint = Feature<Point, ItemPointProperties>;
export type ClusterPoint = Feature<Point, ClusterPointProperties>;
export type MapPoint = ItemPoint | ClusterPoint;
/** A view: a GeoJSON FeatureCollection whose features are told apart with `isClusterPoint`. */
export interface MapPoints {
	type: 'FeatureCollection';
	features: MapPoint[];
}

export type ClusterIndex = Supercluster<ItemPointProperties | PlaceCountProperties, KindCounts>;

export function isClusterPoint(point: MapPoint): point is ClusterPoint {
	return 'cluster' in point.properties && point.properties.cluster === true;
}

function noKinds(): KindCounts {
	return { practitioner: 0, crew: 0, congregation: 0, gathering: 0 };
}

function isPlaceCount(
	properties: ItemPointProperties | PlaceCountProperties
): properties is PlaceCountProperties {
	return 'place_count' in properties;
}

function countsOf(properties: ItemPointProperties | PlaceCountProperties): KindCounts {
	if (!isPlaceCount(properties)) return { ...noKinds(), [properties.kind]: 1 };
	const { practitioner, crew, congregation, gathering } = properties;
	return { practitioner, crew, congregation, gathering };
}

/** Indexes the items and counts by place once; views are then cheap to ask for at any zoom. */
export function buildClusterIndex(
	items: readonly DrawnItem[],
	counts: readonly PlaceCount[] = []
): ClusterIndex {
	const index: ClusterIndex = new Supercluster<
		ItemPointProperties | PlaceCountProperties,
		KindCounts
	>({
		...clusterDefaults,
		map: countsOf,
		reduce: (total, counts) => {
			for (const kind of MAP_ITEM_KINDS) total[kind] += counts[kind];
		}
	});
	return index.load([
		...items.map(({ kind, id, name, lat, lng, detail }): Feature<Point, ItemPointProperties> => ({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [lng, lat] },
			properties: detail ? { kind, id, name, detail } : { kind, id, name }
		})),
		...counts.map((place): Feature<Point, PlaceCountProperties> => ({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [place[1], place[0]] },
			properties: { ...kindCountsOf(place), place_count: true }
		}))
	]);
}

function total(counts: KindCounts): number {
	return MAP_ITEM_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
}

/** "12", "1.2k", "34k": short enough for a circle. */
function abbreviateCount(count: number): string {
	if (count < 1000) return String(count);
	if (count < 10_000) return `${(Math.floor(count / 100) / 10).toString()}k`;
	return `${Math.floor(count / 1000)}k`;
}

/**
 * "3 practitioners, 2 crews, 1 gathering": every kind a cluster holds, when it holds more than
 * people (a cluster of people only is its count alone).
 */
function kindsLabel(counts: KindCounts): string {
	if (MAP_ITEM_KINDS.every((kind) => kind === 'practitioner' || counts[kind] === 0)) return '';
	return MAP_ITEM_KINDS.filter((kind) => counts[kind] > 0)
		.map((kind) => countOf(counts[kind], KIND_COUNT_NOUNS[kind]))
		.join(', ');
}

function asClusterPoint(
	coordinates: Point,
	counts: KindCounts,
	clusterId: number | null
): ClusterPoint {
	const count = total(counts);
	return {
		type: 'Feature',
		geometry: coordinates,
		properties: {
			...counts,
			cluster: true,
			cluster_id: clusterId,
			count,
			count_label: abbreviateCount(count),
			kinds_label: kindsLabel(counts)
		}
	};
}

/** Clamps to the zooms the index clusters at, so items at one place never come apart. */
function clusterZoom(zoom: number): number {
	return Math.max(0, Math.min(Math.floor(zoom), clusterDefaults.maxZoom));
}

/** The clusters and single items within `[west, south, east, north]` at a map zoom. */
export function clustersInView(index: ClusterIndex, bounds: Bounds, zoom: number): MapPoints {
	const features = index.getClusters(bounds, clusterZoom(zoom)).map((feature): MapPoint => {
		const { properties, geometry } = feature;
		if ('cluster' in properties && properties.cluster) {
			const { cluster_id, practitioner, crew, congregation, gathering } =
				properties as KindCounts & { cluster_id: number };
			return asClusterPoint(geometry, { practitioner, crew, congregation, gathering }, cluster_id);
		}
		const single = properties as ItemPointProperties | PlaceCountProperties;
		if (isPlaceCount(single)) return asClusterPoint(geometry, countsOf(single), null);
		return { type: 'Feature', geometry, properties: single };
	});
	return { type: 'FeatureCollection', features };
}

/**
 * The zoom at which a cluster comes apart, or null when it never does on this map (its members
 * share one place): then the map lists them instead.
 */
export function expansionZoom(index: ClusterIndex, clusterId: number): number | null {
	const zoom = index.getClusterExpansionZoom(clusterId);
	return zoom > clusterDefaults.maxZoom ? null : zoom;
}

/** What a cluster holds: its items, and the places of any counts in it. */
export interface ClusterMembers {
	items: ItemPointProperties[];
	/** Where the cluster's counts by place are, for the map to ask the database who is there. */
	countedPlaces: LatLng[];
}

/** What a cluster holds, for the list it opens at the deepest zoom. */
export function membersOf(index: ClusterIndex, clusterId: number): ClusterMembers {
	const items: ItemPointProperties[] = [];
	const countedPlaces: LatLng[] = [];
	for (const leaf of index.getLeaves(clusterId, Infinity)) {
		if (isPlaceCount(leaf.properties)) {
			const [lng, lat] = leaf.geometry.coordinates;
			countedPlaces.push({ lat, lng });
		} else items.push(leaf.properties);
	}
	return { items, countedPlaces };
}
