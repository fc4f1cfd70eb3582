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
 * When a view holds too many items to send, the database sends counts by place instead (groups,
 * see `map_view`). Groups are clustered with the items, weighted by their counts: a cluster's
 * `count` is how many things it stands for, however many groups and items it was made from.
 */
import Supercluster from 'supercluster';
import type { Feature, Point } from 'geojson';
import type { Bounds } from '$lib/geo/view-boxes';

export const MAP_ITEM_KINDS = ['practitioner', 'crew', 'congregation', 'gathering'] as const;
export type MapItemKind = (typeof MAP_ITEM_KINDS)[number];

/** What one item of each kind is called, in lists, cards and search results. */
export const MAP_ITEM_KIND_NAMES: Record<MapItemKind, string> = {
	practitioner: 'Practitioner',
	crew: 'Crew',
	congregation: 'Congregation',
	gathering: 'Gathering'
};

/** The part of a map item that clustering needs; the map data's `MapItem` has these and more. */
export interface ClusterableItem {
	kind: MapItemKind;
	id: string;
	name: string;
	lat: number;
	lng: number;
	/** A crew's open seats or a gathering's dates, drawn under its point. */
	detail?: string | null;
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

/** Counts at one place, from the database's aggregation, with no names or ids. */
export interface ClusterableGroup {
	lat: number;
	lng: number;
	counts: KindCounts;
}

/** A group as supercluster holds it: its counts, marked so `map` tells it from an item. */
export interface GroupPointProperties extends KindCounts {
	group: true;
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
 * kind, and supercluster's id to ask about it. A group left on its own is a cluster too, with a
 * null id: it has no members to list or expansion zoom to ask for.
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

export type ClusterIndex = Supercluster<ItemPointProperties | GroupPointProperties, KindCounts>;

export function isClusterPoint(point: MapPoint): point is ClusterPoint {
	return 'cluster' in point.properties && point.properties.cluster === true;
}

function noKinds(): KindCounts {
	return { practitioner: 0, crew: 0, congregation: 0, gathering: 0 };
}

function isGroup(
	properties: ItemPointProperties | GroupPointProperties
): properties is GroupPointProperties {
	return 'group' in properties;
}

function countsOf(properties: ItemPointProperties | GroupPointProperties): KindCounts {
	if (!isGroup(properties)) return { ...noKinds(), [properties.kind]: 1 };
	const { practitioner, crew, congregation, gathering } = properties;
	return { practitioner, crew, congregation, gathering };
}

/** Indexes the items and groups once; views are then cheap to ask for at any zoom. */
export function buildClusterIndex(
	items: readonly ClusterableItem[],
	groups: readonly ClusterableGroup[] = []
): ClusterIndex {
	const index: ClusterIndex = new Supercluster<
		ItemPointProperties | GroupPointProperties,
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
		...groups.map(({ lat, lng, counts }): Feature<Point, GroupPointProperties> => ({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [lng, lat] },
			properties: { ...counts, group: true }
		}))
	]);
}

function total(counts: KindCounts): number {
	return MAP_ITEM_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
}

/** "12", "1.2k", "34k": short enough for a circle. */
export function abbreviateCount(count: number): string {
	if (count < 1000) return String(count);
	if (count < 10_000) return `${(Math.floor(count / 100) / 10).toString()}k`;
	return `${Math.floor(count / 1000)}k`;
}

const KIND_PLURALS: Record<MapItemKind, [one: string, many: string]> = {
	practitioner: ['practitioner', 'practitioners'],
	crew: ['crew', 'crews'],
	congregation: ['congregation', 'congregations'],
	gathering: ['gathering', 'gatherings']
};

/**
 * "3 practitioners, 2 crews, 1 gathering": every kind a cluster holds, when it holds more than
 * people (a cluster of people only is its count alone).
 */
export function kindsLabel(counts: KindCounts): string {
	if (MAP_ITEM_KINDS.every((kind) => kind === 'practitioner' || counts[kind] === 0)) return '';
	return MAP_ITEM_KINDS.filter((kind) => counts[kind] > 0)
		.map((kind) => {
			const [one, many] = KIND_PLURALS[kind];
			return `${counts[kind]} ${counts[kind] === 1 ? one : many}`;
		})
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
export function clusterZoom(zoom: number): number {
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
		const single = properties as ItemPointProperties | GroupPointProperties;
		if (isGroup(single)) return asClusterPoint(geometry, countsOf(single), null);
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

/**
 * What a cluster holds, for the list it opens at the deepest zoom: its items, and the places of
 * any groups in it (whose members the map then asks the database for).
 */
export function membersOf(
	index: ClusterIndex,
	clusterId: number
): { items: ItemPointProperties[]; groupPlaces: { lat: number; lng: number }[] } {
	const items: ItemPointProperties[] = [];
	const groupPlaces: { lat: number; lng: number }[] = [];
	for (const leaf of index.getLeaves(clusterId, Infinity)) {
		if (isGroup(leaf.properties)) {
			const [lng, lat] = leaf.geometry.coordinates;
			groupPlaces.push({ lat, lng });
		} else items.push(leaf.properties);
	}
	return { items, groupPlaces };
}
