import type { MapItemKind } from './clusters';

/** `[west, south, east, north]`, as MapLibre's `fitBounds` takes it. */
export type Bounds = [number, number, number, number];

/** What the network map draws and lists: the fields of the map data's `MapItem` it uses. */
export interface MapViewItem {
	kind: MapItemKind;
	id: string;
	name: string;
	lat: number;
	lng: number;
	place_label: string | null;
	/** A crew's open seats or a gathering's dates, drawn under its point. */
	detail?: string | null;
}

/** The smallest box holding every item, or null when there are none. */
export function boundsOfItems(items: readonly { lat: number; lng: number }[]): Bounds | null {
	if (items.length === 0) return null;
	let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const { lat, lng } of items) {
		west = Math.min(west, lng);
		south = Math.min(south, lat);
		east = Math.max(east, lng);
		north = Math.max(north, lat);
	}
	return [west, south, east, north];
}
