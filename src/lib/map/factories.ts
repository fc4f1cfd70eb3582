/**
 * Test data: a map item as `map_items` and `map_view` give it (a practitioner near Utrecht unless
 * told otherwise; the fields of the other kinds are empty or null, as the database sends them),
 * and `map_view`'s "narrow" answer.
 */
import type { GatheringItem, GroupItem, MapItem, NarrowView, PractitionerItem } from './map-items';

/** A practitioner's group and gathering fields, as the database sends them: all null. */
export const noGroupOrGatheringFields = {
	status: null,
	size_limit: null,
	seats_open: null,
	starts_at: null,
	ends_at: null,
	time_zone: null,
	gathering_kind: null
} as const satisfies Partial<PractitionerItem>;

export function mapItem(overrides: Partial<MapItem> = {}): MapItem {
	// Overrides of another kind's fields make another kind of item, which TypeScript cannot
	// follow through the spread; the tests give each kind only its own fields.
	return {
		kind: 'practitioner',
		id: 'ada',
		name: 'Ada Fernhill',
		lat: 52.0898,
		lng: 5.1306,
		cell: '1202021112320',
		place_label: 'near Utrecht, NL',
		open_to: [],
		practices: [],
		pathway_stage: null,
		languages: [],
		...noGroupOrGatheringFields,
		...overrides
	} as MapItem;
}

/** A crew in Ghent with 3 open seats of 6. */
export function crewItem(overrides: Partial<GroupItem> = {}): MapItem {
	return mapItem({
		kind: 'crew',
		id: 'ghent-crew',
		name: 'Ghent Thursday crew',
		lat: 51.0543,
		lng: 3.7174,
		cell: '1202021230300',
		place_label: 'near Ghent, BE',
		status: 'open',
		size_limit: 6,
		seats_open: 3,
		...overrides
	});
}

/** A camp near Melbourne, 6 to 8 February 2027 there. */
export function gatheringItem(overrides: Partial<GatheringItem> = {}): MapItem {
	return mapItem({
		kind: 'gathering',
		id: 'camp',
		name: 'Summer camp',
		lat: -37.8136,
		lng: 144.9631,
		cell: '3112231300030',
		place_label: 'Melbourne area, AU',
		gathering_kind: 'camp',
		starts_at: '2027-02-05T23:00:00Z',
		ends_at: '2027-02-08T03:00:00Z',
		time_zone: 'Australia/Melbourne',
		...overrides
	});
}

/**
 * `map_view`'s answer when the search or the person filters would read more people in the box
 * than it scans at once (100,000): no total, nothing to draw.
 */
export function narrowView(): NarrowView {
	return { total: null, detail: 'narrow', items: [], counts: [], limit: 100_000 };
}
