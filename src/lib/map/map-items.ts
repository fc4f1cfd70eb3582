import type { Database } from '$lib/database.types';
import type { MapItemKind } from './clusters';

/**
 * A row of a table in the public schema, as `supabase gen types` describes it. The generated
 * file exports the same helper; this local one keeps the domain types independent of its extras.
 */
type TableRow<TableName extends keyof Database['public']['Tables']> =
	Database['public']['Tables'][TableName]['Row'];

type Profile = TableRow<'profiles'>;
type Group = TableRow<'groups'>;
type Gathering = TableRow<'gatherings'>;

/** The kinds of thing on the map: practitioners, crews, congregations and gatherings. */
export type { MapItemKind };

/**
 * One thing on the map, as the `map_items` database function gives it: `lat` / `lng` are the
 * centre of `cell`, at the visitor's audience precision (never an exact location). Every field
 * is present on every kind: people have null group and gathering fields, groups and gatherings
 * empty person fields.
 */
export interface MapItem {
	kind: MapItemKind;
	id: string;
	name: string;
	lat: number;
	lng: number;
	/** The quadkey of the published (members) or public (anonymous visitors) cell. */
	cell: string;
	place_label: string | null;
	open_to: Profile['open_to'];
	practices: Profile['practices'];
	pathway_stage: Profile['pathway_stage'];
	languages: Profile['languages'];
	/** A crew's or congregation's status; closed groups are never on the map. */
	status: Group['status'] | null;
	size_limit: Group['size_limit'];
	/** How many more may join a forming or open group with a size limit; else null. */
	seats_open: number | null;
	/** A gathering's dates (ISO 8601), shown in its `time_zone`; ended gatherings are never on the map. */
	starts_at: Gathering['starts_at'] | null;
	ends_at: Gathering['ends_at'] | null;
	time_zone: Gathering['time_zone'] | null;
	gathering_kind: Gathering['kind'] | null;
}

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
 * when few match (`detail: 'items'`), counts by place when many (`detail: 'counts'`). The other
 * list is empty; neither is ever cut short.
 */
export interface MapViewData {
	/** Everything that matched in the box; the counts by place add up to it. */
	total: number;
	detail: 'items' | 'counts';
	/** All the matched items, in cell then id order, when `detail` is `'items'`. */
	items: MapItem[];
	/** Counts by quadkey prefix (zoom + 5 characters), in quadkey order, when `detail` is `'counts'`. */
	counts: PlaceCount[];
}

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
