import type { PostgrestError, SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { LatLng } from '$lib/geo/cells';
import { WHOLE_WORLD, type Bounds } from '$lib/geo/view-boxes';
import type { DirectorySort } from '$lib/directory/directory';
import { filtersForDatabase, type MapFilters } from '$lib/directory/filters';
import type { DirectoryEntry } from '$lib/directory/types';
import type { MapItems, MapViewData } from '$lib/map/map-items';
import { VIEW_ZOOM_RANGE } from '$lib/map/view-params';
import { QueryError } from './query-error';

/**
 * What the map and the directory show: practitioners, crews, congregations and gatherings, read
 * with the visitor's own request-scoped client through the `map_items`, `map_view` and
 * `directory_list` database functions. They decide who is in every list and count, at which
 * precision, for the visitor's audience, so nothing here filters by visibility.
 */
type Client = SupabaseClient<Database>;

export interface DirectoryPage {
	entries: DirectoryEntry[];
	/** Everyone who matched the filters, across all pages (at most 1,000 with a person filter). */
	total: number;
	/** True when a person filter matched more than 1,000: `total` is then 1,000. */
	totalCapped: boolean;
	/** The cursor of the page after this one (to pass as `after`), or null on the last page. */
	next: string | null;
}

/**
 * One page of the directory by keyset, from the `directory_list` database function: everyone the
 * visitor may see who matches the filters, at the visitor's audience precision, with distances
 * from `near` (rounded to each cell's size) when a place is given. Sorting by distance needs
 * `near`. The first page without `after`; the next one with the `next` this one gave, for the
 * same sort and place. Null when the database does not take `after` as one of its cursors (a
 * changed link, or one made for another order).
 */
export async function listDirectoryPage(
	supabase: Client,
	{
		after,
		pageSize,
		sort,
		near,
		filters
	}: {
		after?: string;
		pageSize: number;
		sort: DirectorySort;
		near?: LatLng;
		filters: MapFilters;
	}
): Promise<DirectoryPage | null> {
	const { data, error } = await supabase.rpc('directory_list', {
		after,
		page_size: pageSize,
		sort,
		near_lat: near?.lat,
		near_lng: near?.lng,
		filters: filtersForDatabase(filters)
	});
	if (error) {
		if (after !== undefined && isCursorRefusal(error)) return null;
		throw new QueryError('list the directory', error);
	}
	// The function's jsonb is typed as Json; its shape is documented with the `directory_list`
	// database function and checked by tests/integration/map-data.test.ts.
	const page = data as unknown as {
		items: DirectoryEntry[];
		next: string | null;
		total: number;
		total_capped: boolean;
	};
	return {
		entries: page.items,
		total: page.total,
		totalCapped: page.total_capped,
		next: page.next
	};
}

/** `directory_list`'s refusal of an `after` it did not give (22023, naming `after`). */
function isCursorRefusal(error: PostgrestError): boolean {
	return error.code === '22023' && error.message.startsWith('after ');
}

/** A box as the map's database functions take it. */
function boxArgs([west, south, east, north]: Bounds) {
	return { min_lat: south, min_lng: west, max_lat: north, max_lng: east };
}

/** What the map asks for by default: enough for a region, never silently cut short. */
const MAP_ITEMS_LIMIT = 5000;

/**
 * Everything the visitor may see in a box (the whole world by default), matching the filters,
 * at the visitor's audience precision, from the `map_items` database function. At most
 * `maxItems` items, in a stable order; `truncated` says when more matched (`total` how many).
 * A box whose west is east of its east crosses the antimeridian.
 */
export async function listMapItems(
	supabase: Client,
	{
		bounds = WHOLE_WORLD,
		filters,
		maxItems = MAP_ITEMS_LIMIT
	}: { bounds?: Bounds; filters: MapFilters; maxItems?: number }
): Promise<MapItems> {
	const { data, error } = await supabase.rpc('map_items', {
		...boxArgs(bounds),
		max_items: maxItems,
		filters: filtersForDatabase(filters)
	});
	if (error) throw new QueryError('list map items', error);
	// Typed as Json by the generator; the shape is documented with the `map_items` database
	// function and checked by tests/integration/map-data.test.ts.
	return data as unknown as MapItems;
}

/** Up to this many matches the map gets every item; above it, counts by place. */
const MAP_VIEW_ITEMS_LIMIT = 2000;

/**
 * What the map shows in a box at a zoom, matching the filters, at the visitor's audience
 * precision, from the `map_view` database function: every item when at most `maxItems` match,
 * else counts by place, finer at higher zooms; "narrow", with a null total, when the search or
 * person filters would read more people in the box than it scans at once. A fractional zoom (MapLibre's) counts as the
 * whole zoom below it. A box whose west is east of its east crosses the antimeridian.
 */
export async function listMapView(
	supabase: Client,
	{
		bounds,
		zoom,
		filters,
		maxItems = MAP_VIEW_ITEMS_LIMIT
	}: { bounds: Bounds; zoom: number; filters: MapFilters; maxItems?: number }
): Promise<MapViewData> {
	const { data, error } = await supabase.rpc('map_view', {
		...boxArgs(bounds),
		zoom: Math.min(VIEW_ZOOM_RANGE.max, Math.max(VIEW_ZOOM_RANGE.min, Math.floor(zoom))),
		max_items: maxItems,
		filters: filtersForDatabase(filters)
	});
	if (error) throw new QueryError('read the map view', error);
	// Typed as Json by the generator; the shape is documented with the `map_view` database
	// function and checked by tests/integration/map-view.test.ts.
	return data as unknown as MapViewData;
}
