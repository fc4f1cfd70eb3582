/**
 * What the map page shows of the data it holds: the items and counts by place of the kinds the
 * legend leaves on, how many of each kind the legend counts, and what the list says is in view.
 * Pure, with exact-value tests.
 */
import { contains, type Bounds } from '$lib/geo/view-boxes';
import { datesLine, seatsLine } from '$lib/groups/item-lines';
import {
	MAP_ITEM_KINDS,
	keepKinds,
	kindCountsOf,
	placeOf,
	totalOf,
	type KindCounts,
	type MapItem,
	type MapItemKind,
	type MapViewData,
	type PlaceCount
} from './map-items';

/**
 * What the map and its list say when the search or the filters would have to read too many
 * people in the view to answer (`map_view`'s "narrow").
 */
export const NARROW_VIEW_NOTICE =
	'Too many people here to filter at this zoom: zoom in or clear a filter.';

/** An item with the line the map draws under its point: a crew's open seats, a gathering's dates. */
export type ShownItem = MapItem & { detail: string | null };

/** The items of the kinds not hidden, each with the line drawn under its point. */
export function shownItems(
	items: readonly MapItem[],
	hiddenKinds: readonly MapItemKind[]
): ShownItem[] {
	return items
		.filter(({ kind }) => !hiddenKinds.includes(kind))
		.map((item) => ({ ...item, detail: seatsLine(item) ?? datesLine(item) }));
}

/** The counts by place of the kinds not hidden; places left with none are dropped. */
export function shownCounts(
	counts: readonly PlaceCount[],
	hiddenKinds: readonly MapItemKind[]
): PlaceCount[] {
	return counts
		.map((place) => keepKinds(place, (kind) => !hiddenKinds.includes(kind)))
		.filter((place) => totalOf(place) > 0);
}

/** How many of each kind the data holds, hidden or not, for the legend; kinds with none are left out. */
export function countsByKind({
	items,
	counts
}: Pick<MapViewData, 'items' | 'counts'>): Partial<KindCounts> {
	const byKind: Partial<KindCounts> = {};
	for (const { kind } of items) byKind[kind] = (byKind[kind] ?? 0) + 1;
	for (const place of counts) {
		const atPlace = kindCountsOf(place);
		for (const kind of MAP_ITEM_KINDS) {
			if (atPlace[kind] > 0) byKind[kind] = (byKind[kind] ?? 0) + atPlace[kind];
		}
	}
	return byKind;
}

/**
 * What is in `bounds` (everything when it is null: the map has not said yet): the items when the
 * data has every item, null when it has counts by place, and how many there are either way; no
 * count either (null) when the filters had too many people to read ("narrow").
 */
export function inView<Item extends MapItem>({
	detail,
	items,
	counts,
	bounds
}: {
	detail: MapViewData['detail'];
	items: readonly Item[];
	counts: readonly PlaceCount[];
	bounds: Bounds | null;
}): { items: Item[] | null; count: number | null } {
	if (detail === 'narrow') return { items: null, count: null };
	const within = (point: { lat: number; lng: number }) =>
		bounds === null || contains(bounds, point);
	if (detail === 'items') {
		const itemsInView = items.filter(within);
		return { items: itemsInView, count: itemsInView.length };
	}
	const count = counts
		.filter((place) => within(placeOf(place)))
		.reduce((sum, place) => sum + totalOf(place), 0);
	return { items: null, count };
}
