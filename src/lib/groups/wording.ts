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
	call: 'Online call',
	congregation_meeting: 'Congregation meeting',
	program: 'Program',
	workshop: 'Workshop'
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

/** What the kinds of group are called where someone chooses one, and what each means. */
export const GROUP_KIND_CHOICES = [
	{
		value: 'crew',
		label: 'Crew',
		description: '3 to 8 people who meet regularly for mutual support.'
	},
	{
		value: 'congregation',
		label: 'Congregation',
		description: 'A larger group, often of several crews, meeting less often.'
	}
] as const satisfies readonly { value: Enums<'group_kind'>; label: string; description: string }[];

/**
 * The statuses a host chooses. 'full' is not one: the database sets it when the members fill the
 * size limit, and opens the group again when a seat frees.
 */
export const HOST_STATUS_CHOICES = [
	{ value: 'forming', label: 'Forming', description: 'Getting started: finding its first people.' },
	{ value: 'open', label: 'Open', description: 'Meeting, with room for new members.' },
	{ value: 'paused', label: 'Paused', description: 'Taking nobody new for now.' },
	{ value: 'closed', label: 'Closed', description: 'Not meeting any more.' }
] as const satisfies readonly {
	value: Exclude<Enums<'group_status'>, 'full'>;
	label: string;
	description: string;
}[];

/** How a group meets, as a choice in a form or a filter (MEETING_MODE_NAMES says it in a sentence). */
export const MEETING_MODE_CHOICES = [
	{ value: 'in_person', label: 'In person' },
	{ value: 'online', label: 'Online' },
	{ value: 'mixed', label: 'In person and online' }
] as const;

export type MeetingMode = (typeof MEETING_MODE_CHOICES)[number]['value'];

/** Who sees a group, as a host chooses it (SHARED_WITH says it on the group's page). */
export const GROUP_VISIBILITY_CHOICES = [
	{
		value: 'public',
		label: 'Everyone',
		description: 'Anyone, signed in or not, sees it on the map and in lists.'
	},
	{
		value: 'members',
		label: 'Members',
		description: 'Only people signed in to the network map.'
	}
] as const satisfies readonly {
	value: Enums<'group_visibility'>;
	label: string;
	description: string;
}[];

/** Someone's role in a group. */
export const ROLE_NAMES: Record<string, string> = {
	host: 'Host',
	member: 'Member'
};

/** How a member whose profile the reader may not see is listed. */
export const UNNAMED_MEMBER = 'A member who keeps their profile private';
