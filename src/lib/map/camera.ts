/**
 * Where the network map looks first, and how it moves when a cluster is clicked or an item is
 * shown. Plain functions over the few camera methods of a MapLibre map (`CameraMap`), so they are
 * tested with a fake map, with the exact calls they make.
 */
import type { LatLng } from '$lib/geo/cells';
import { WORLD_VIEW, boundsOfPoints, type Bounds } from '$lib/geo/view-boxes';
import type { ClusterClient } from './cluster-client';
import { clusterDefaults } from './clusters';

export const cameraDefaults = {
	/** Room around everything on the network in the first view, in pixels. */
	fitPadding: 48,
	/** The first view goes no closer than this, so a network at one place still shows where it is. */
	fitMaxZoom: 5,
	/** How far in to go, at least, when showing one item chosen from outside the map. */
	showZoom: 5,
	/** How many zooms a click on a count-only place (no members to ask about) goes in. */
	countZoomStep: 2,
	/** Deeper than this, items at one place would only be drawn on top of each other. */
	maxZoom: clusterDefaults.maxZoom
} as const;

/** Where the map looks: its centre as `[lng, lat]`, its zoom and what is in view. */
export interface MapView {
	center: [number, number];
	zoom: number;
	bounds: Bounds;
}

/** A centre as `[lng, lat]` and a zoom, as the URL and MapLibre's `jumpTo` give them. */
export interface CameraPosition {
	center: [number, number];
	zoom: number;
}

/** The part of a MapLibre map the camera uses; MapLibre's `Map` is one. */
export interface CameraMap {
	getCenter(): { lng: number; lat: number };
	getZoom(): number;
	getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number };
	easeTo(options: CameraPosition): unknown;
	flyTo(options: CameraPosition): unknown;
	jumpTo(options: CameraPosition): unknown;
}

/** The first view as MapLibre's `Map` options take it: a position, or a box to fit. */
export type FirstView =
	CameraPosition | { bounds: Bounds; fitBoundsOptions: { padding: number; maxZoom: number } };

/**
 * The view the map opens on: the one asked for (a shared link, a reload), or else everything on
 * the network (items and counts by place), the short way round the world; the whole world when
 * there is nothing.
 */
export function firstView(asked: CameraPosition | undefined, points: readonly LatLng[]): FirstView {
	if (asked) return asked;
	const bounds = boundsOfPoints(points);
	if (!bounds) return WORLD_VIEW;
	return {
		bounds,
		fitBoundsOptions: { padding: cameraDefaults.fitPadding, maxZoom: cameraDefaults.fitMaxZoom }
	};
}

export function viewOf(map: CameraMap): MapView {
	const { lng, lat } = map.getCenter();
	const bounds = map.getBounds();
	return {
		center: [lng, lat],
		zoom: map.getZoom(),
		bounds: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
	};
}

/** A cluster as it was clicked: where it is drawn, supercluster's id (null for counts alone). */
export interface ClickedCluster {
	center: [number, number];
	clusterId: number | null;
	/** How many it stands for. */
	count: number;
}

/** What a cluster that never comes apart holds, to list: its items' ids, its counts' places. */
export interface ClusterAtOnePlace {
	count: number;
	itemIds: string[];
	places: LatLng[];
}

/**
 * A click on a cluster: zooms to where it comes apart and answers null, or, when it never does
 * (its members share one place), answers what to list. Counts by place alone have no expansion
 * zoom to ask for: they zoom in a few steps, and are listed at the deepest zoom.
 */
export async function openCluster(
	map: CameraMap,
	{ center, clusterId, count }: ClickedCluster,
	clusters: Pick<ClusterClient, 'getClusterExpansionZoom' | 'getLeaves'>
): Promise<ClusterAtOnePlace | null> {
	const { maxZoom, countZoomStep } = cameraDefaults;
	if (clusterId === null) {
		const [lng, lat] = center;
		if (map.getZoom() >= maxZoom) return { count, itemIds: [], places: [{ lat, lng }] };
		map.easeTo({ center, zoom: Math.min(map.getZoom() + countZoomStep, maxZoom) });
		return null;
	}
	const zoom = await clusters.getClusterExpansionZoom(clusterId);
	if (zoom !== null) {
		map.easeTo({ center, zoom });
		return null;
	}
	const leaves = await clusters.getLeaves(clusterId);
	return { count, itemIds: leaves.items.map(({ id }) => id), places: leaves.countedPlaces };
}

/** Brings a point into view, going in to `zoom` if the map is further out. */
export function showPoint(
	map: CameraMap,
	{ lat, lng }: LatLng,
	zoom: number = cameraDefaults.showZoom
) {
	map.easeTo({ center: [lng, lat], zoom: Math.max(map.getZoom(), zoom) });
}

/** Flies to a place chosen from outside the map, no deeper than the map goes. */
export function flyToPlace(map: CameraMap, { center, zoom }: CameraPosition) {
	map.flyTo({ center, zoom: Math.min(zoom, cameraDefaults.maxZoom) });
}

/** Moves at once to a view restored from elsewhere (the URL), unless the map is already there. */
export function jumpToView(map: CameraMap, next: CameraPosition) {
	const { lng, lat } = map.getCenter();
	const [nextLng, nextLat] = next.center;
	const there =
		Math.abs(lng - nextLng) < 1e-4 &&
		Math.abs(lat - nextLat) < 1e-4 &&
		Math.abs(map.getZoom() - next.zoom) < 0.01;
	if (!there) map.jumpTo({ center: next.center, zoom: next.zoom });
}
