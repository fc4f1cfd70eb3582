/**
 * The words for the kinds of thing on the map and for crews', congregations' and gatherings'
 * fields, kept apart from the database's values. Everything that names a kind or a status (the
 * map's clusters, list, card and search, the group and gathering pages) takes its words from
 * here, so one concept has one wording; where two places show two wordings of one concept, both
 * stand here side by side. It lives with the groups because all of it but the word
 * "practitioner" is about groups and gatherings; a person's own choices (practices, openness,
 * pathway) are worded in `people/choices.ts`.
 */
import type { Enums } from '$lib/database.types';
import type { MapItemKind } from '$lib/map/map-items';

/** What one of each kind is called, as a label: in lists, cards, search results and pages. */
export const KIND_NAMES: Record<MapItemKind, string> = {
	practitioner: 'Practitioner',
	crew: 'Crew',
	congregation: 'Congregation',
	gathering: 'Gathering'
};

/** What all of each kind are called, as a label: the map legend's checkboxes. */
export const KIND_PLURAL_NAMES: Record<MapItemKind, string> = {
	practitioner: 'Practitioners',
	crew: 'Crews',
	congregation: 'Congregations',
	gathering: 'Gatherings'
};

/** A noun for one and for many, to count with (see `countOf`). */
export type Nouns = readonly [one: string, many: string];

/** Each kind counted in running text: "3 practitioners, 2 crews" under a cluster. */
export const KIND_COUNT_NOUNS: Record<MapItemKind, Nouns> = {
	practitioner: ['practitioner', 'practitioners'],
	crew: ['crew', 'crews'],
	congregation: ['congregation', 'congregations'],
	gathering: ['gathering', 'gatherings']
};

/** The map's search finds people by name, so its answer counts them as people: "1 person and 1 crew". */
export const SEARCH_COUNT_NOUNS: Record<MapItemKind, Nouns> = {
	...KIND_COUNT_NOUNS,
	practitioner: ['person', 'people']
};

/** "1 crew", "3 crews". */
export function countOf(count: number, [one, many]: Nouns): string {
	return `${count} ${count === 1 ? one : many}`;
}

export const GATHERING_KIND_NAMES: Record<Enums<'gathering_kind'>, string> = {
	camp: 'Camp',
	regional_gathering: 'Regional gathering',
	call: 'Call'
};

/** A group's status, as its page states it. */
export const GROUP_STATUS_NAMES: Record<Enums<'group_status'>, string> = {
	forming: 'Forming',
	open: 'Open to new members',
	full: 'Full',
	paused: 'Paused',
	closed: 'Closed'
};

/** A group's status in the short line its entry on the map has room for, when seats are not counted. */
export const GROUP_STATUS_SHORT_NAMES: Record<Enums<'group_status'>, string> = {
	...GROUP_STATUS_NAMES,
	open: 'Open'
};

/** How a group meets; the database keeps this as text, so a page shows an unknown mode as it is. */
export const MEETING_MODE_NAMES: Record<string, string> = {
	in_person: 'Meets in person',
	online: 'Meets online',
	mixed: 'Meets in person and online'
};

/** Who sees a group or a gathering. */
export const SHARED_WITH: Record<Enums<'group_visibility'>, string> = {
	public: 'Shared with everyone',
	members: 'Shared with signed-in members'
};
