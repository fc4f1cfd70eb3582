/**
 * The map's data, as the `map_items` and `map_view` database functions give it: the things on
 * the map (`MapItem`, one type told apart by `kind`) and the counts by place sent instead when a
 * view holds too many (`PlaceCount`). The server module, the clustering and its worker, the
 * layers, the side panel, the search and the map page all speak these types.
 */
import type { Enums, Tables } from '$lib/database.types';
import type { LatLng } from '$lib/geo/cells';

/** The kinds of thing on the map, in the order of the scales: a person, a crew, ... */
export const MAP_ITEM_KINDS = [
	'practitioner',
	'crew',
	'congregation',
	'gathering'
] as const satisfies readonly ('practitioner' | Enums<'group_kind'> | 'gathering')[];
export type MapItemKind = (typeof MAP_ITEM_KINDS)[number];

type Profile = Tables<'profiles'>;
type Group = Tables<'groups'>;
type Gathering = Tables<'gatherings'>;

/**
 * What every item has: `lat` / `lng` are the centre of `cell`, at the visitor's audience
 * precision (never an exact location).
 */
interface PlacedItem {
	id: string;
	name: string;
	lat: number;
	lng: number;
	/** The quadkey of the published (members) or public (anonymous visitors) cell. */
	cell: string;
	place_label: string | null;
}

type PractitionerFields = Pick<Profile, 'open_to' | 'practices' | 'pathway_stage' | 'languages'>;

interface GroupFields {
	/** Closed groups are never on the map. */
	status: Group['status'];
	size_limit: Group['size_limit'];
	/** How many more may join a forming or open group with a size limit; else null. */
	seats_open: number | null;
}

interface GatheringFields {
	/** Dates (ISO 8601), shown in `time_zone`; ended gatherings are never on the map. */
	starts_at: Gathering['starts_at'];
	ends_at: Gathering['ends_at'];
	time_zone: Gathering['time_zone'];
	gathering_kind: Gathering['kind'];
}

/**
 * The fields of the other kinds: the database sends every field on every item, empty lists and
 * nulls where they do not apply, so they can be read on any item without asking its kind first.
 */
type NotApplicable<Fields> = {
	[Field in keyof Fields]: Fields[Field] extends readonly unknown[] ? [] : null;
};

export interface PractitionerItem
	extends
		PlacedItem,
		PractitionerFields,
		NotApplicable<GroupFields>,
		NotApplicable<GatheringFields> {
	kind: 'practitioner';
}

/** A crew or a congregation: a group. */
export interface GroupItem
	extends
		PlacedItem,
		NotApplicable<PractitionerFields>,
		GroupFields,
		NotApplicable<GatheringFields> {
	kind: Group['kind'];
}

export interface GatheringItem
	extends
		PlacedItem,
		NotApplicable<PractitionerFields>,
		NotApplicable<GroupFields>,
		GatheringFields {
	kind: 'gathering';
}

/** One thing on the map; its `kind` says which fields apply. */
export type MapItem = PractitionerItem | GroupItem | GatheringItem;

/**
 * What the map draws of an item: all clustering needs (and all that crosses to its worker), and
 * the line drawn under its point (a crew's open seats, a gathering's dates), when it has one.
 */
export type DrawnItem = Pick<MapItem, 'kind' | 'id' | 'name' | 'lat' | 'lng'> & {
	detail?: string | null;
};

/** What is on the map in a box: at most the items asked for, and whether more matched. */
export interface MapItems {
	items: MapItem[];
	/** Everything that matched, shown or not. */
	total: number;
	/** True exactly when `total` is more than `items.length`. */
	truncated: boolean;
}

/**
 * Counts at one place, as the `map_view` database function gives them: the average of the
 * counted people's points (at the visitor's audience precision), then how many of each kind.
 */
export type PlaceCount = [
	lat: number,
	lng: number,
	practitioners: number,
	crews: number,
	congregations: number,
	gatherings: number
];

/**
 * What the map shows for a box and a zoom, from the `map_view` database function: every item
 * when few match (`detail: 'items'`), counts by place when many (`detail: 'counts'`), and
 * nothing when a search or person filters would have to read too many people to answer
 * (`detail: 'narrow'`, see `NarrowView`). Nothing is ever cut short.
 */
export type MapViewData = ListedView | NarrowView;

/** Every item, or counts by place: the other list is empty. */
export interface ListedView {
	/** Everything that matched in the box; the counts by place add up to it. */
	total: number;
	detail: 'items' | 'counts';
	/** All the matched items, in cell then id order, when `detail` is `'items'`. */
	items: MapItem[];
	/** Counts by quadkey prefix (zoom + 5 characters), in quadkey order, when `detail` is `'counts'`. */
	counts: PlaceCount[];
}

/**
 * The answer when the search or the person filters (open to, practices, pathway stage,
 * languages) would read more than `limit` people in the box: no total and nothing to draw, so
 * that the map says to zoom in or clear a filter rather than show a wrong count.
 */
export interface NarrowView {
	total: null;
	detail: 'narrow';
	items: [];
	counts: [];
	/** How many people a filtered view may read. */
	limit: number;
}

/** How many of each kind. */
export type KindCounts = Record<MapItemKind, number>;

/** Where a place's counts are. */
export function placeOf([lat, lng]: PlaceCount): LatLng {
	return { lat, lng };
}

/** A place's counts, by kind. */
export function kindCountsOf([
	,
	,
	practitioner,
	crew,
	congregation,
	gathering
]: PlaceCount): KindCounts {
	return { practitioner, crew, congregation, gathering };
}

/** How many a place's counts stand for, all kinds together. */
export function totalOf(place: PlaceCount): number {
	const [, , ...counts] = place;
	return counts.reduce((sum, count) => sum + count, 0);
}

/** A place's counts of the kinds `keep` says yes to, the others none. */
export function keepKinds(place: PlaceCount, keep: (kind: MapItemKind) => boolean): PlaceCount {
	const counts = kindCountsOf(place);
	const [lat, lng] = place;
	const kept = (kind: MapItemKind) => (keep(kind) ? counts[kind] : 0);
	return [lat, lng, kept('practitioner'), kept('crew'), kept('congregation'), kept('gathering')];
}
