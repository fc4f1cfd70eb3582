/**
 * Test data: a map item as `map_items` and `map_view` give it. A practitioner near Utrecht
 * unless told otherwise; the fields of the other kinds are empty or null, as the database sends
 * them.
 */
import type { MapItem } from './map-items';

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
		status: null,
		size_limit: null,
		seats_open: null,
		starts_at: null,
		ends_at: null,
		time_zone: null,
		gathering_kind: null,
		...overrides
	} as MapItem;
}
