/**
 * Reads the gathering form (`/gatherings/new`, `/gatherings/<id>/edit`). Every field is checked
 * here, with a message that names the field and says what is wrong, before anything reaches the
 * database; the database's own checks (lengths, the end after the start, a known time zone, the
 * recurrence pattern, a venue or a link before publishing) are the same rules and have the last
 * word.
 *
 * Times are typed as the gathering's own wall clock (a day and a time in its time zone) and turned
 * into instants here, with `time.ts`; all-day gatherings run from local midnight of the first day
 * to local midnight after the last.
 *
 * Where: one point, chosen like a group's meeting point. For an in-person or mixed gathering it
 * is the venue (read by hosts and approved attendees only); everyone else sees the town square
 * around it. An online gathering's point only places that square. A draft from the planner has a
 * square and no point yet: the square is kept until a point is chosen.
 *
 * Pure: no Supabase, no SvelteKit, so the form's rules are unit-tested on their own.
 */
import type { Json, Tables, TablesInsert } from '$lib/database.types';
import { meetingAreaCell } from '$lib/groups/group-form';
import { plainTextErrors } from '$lib/plain-text';
import { GROUP_VISIBILITY_CHOICES } from '$lib/groups/wording';
import { isOneOf } from '$lib/people/choices';
import { collapseSpaces, lengthOf, readPoint, tooLong } from '$lib/people/validation';
import { isUuid } from '$lib/uuid';
import { repeatsUntil, ruleProblem } from './recurrence';
import {
	NO_RECURRENCE,
	readRecurrence,
	recurrenceFieldsOf,
	type RecurrenceFields
} from './recurrence-fields';
import {
	allDayBounds,
	allDayDates,
	canonicalTimeZone,
	fromLocalInput,
	localDate,
	localTime
} from './time';
import { isIsoDay } from './gathering-filters';
import {
	ACCESSIBILITY_CHOICES,
	GATHERING_KIND_CHOICES,
	GATHERING_MODE_CHOICES,
	REGISTRATION_CHOICES,
	type GatheringKind
} from './wording';

/** The limits, the same as the database's checks on `gatherings` and `gathering_venues`. */
export const GATHERING_LIMITS = {
	name: 120,
	description: 1000,
	contribution: 200,
	accessibilityNote: 500,
	address: 300,
	onlineUrl: 500,
	/** Far beyond any camp, and well within the database's integers. */
	capacity: 100_000
} as const;

/** Everything the form holds, exactly as typed, so a failed submit can give it all back. */
export interface GatheringFormValues extends RecurrenceFields {
	kind: string;
	name: string;
	description: string;
	visibility: string;
	/** The crew or congregation hosting it, or ''. */
	host_group_id: string;
	/** 'on' when it runs whole days. */
	all_day: string;
	/** The first day, `YYYY-MM-DD`, in the gathering's zone. */
	starts_on: string;
	/** `HH:MM` on the first day; not used for all-day gatherings. */
	starts_time: string;
	/** The last day ('' for the first one). */
	ends_on: string;
	ends_time: string;
	time_zone: string;
	meeting_mode: string;
	/** The venue (in person) or a point in the area (online): see the module's comment. */
	lat: string;
	lng: string;
	location_source: string;
	place_name: string;
	place_query: string;
	/** The square it is shown in now (a draft from the planner, or a saved gathering), or ''. */
	area_cell: string;
	/** Where exactly, for people coming: street, building, how to find the door. */
	address: string;
	online_url: string;
	/** A whole number as typed, or '' for no limit. */
	capacity: string;
	registration: string;
	contribution: string;
	accessibility: string[];
	accessibility_note: string;
}

export type GatheringField = keyof GatheringFormValues;

/** A message per field that is wrong, and `form` for what went wrong with the submit itself. */
export type GatheringFormErrors = Partial<Record<GatheringField | 'form', string>>;

type Gathering = Tables<'gatherings'>;
type Venue = Tables<'gathering_venues'>;

/** The columns a host writes, with a plain insert or update (see the gatherings migration). */
export type GatheringChanges = Pick<
	TablesInsert<'gatherings'>,
	| 'kind'
	| 'name'
	| 'description'
	| 'visibility'
	| 'host_group_id'
	| 'starts_at'
	| 'ends_at'
	| 'time_zone'
	| 'all_day'
	| 'recurrence'
	| 'repeats_until'
	| 'meeting_mode'
	| 'area_cell'
	| 'capacity'
	| 'registration'
	| 'contribution'
	| 'accessibility'
	| 'accessibility_note'
>;

/** What hosts and approved attendees read: the venue and the joining link. */
export type VenueChanges = Pick<Venue, 'address' | 'lat' | 'lng' | 'online_url'>;

export interface GatheringSubmission {
	gathering: GatheringChanges;
	/** The venue and link as the form has them; null when it has neither (nothing to keep). */
	venue: VenueChanges | null;
}

export type GatheringFormResult =
	| { ok: true; value: GatheringSubmission; values: GatheringFormValues }
	| { ok: false; errors: GatheringFormErrors; values: GatheringFormValues };

/** A new gathering's form: a regional gathering for members, in person, open registration. */
export const EMPTY_GATHERING_FORM: GatheringFormValues = {
	kind: 'regional_gathering',
	name: '',
	description: '',
	visibility: 'members',
	host_group_id: '',
	all_day: '',
	starts_on: '',
	starts_time: '',
	ends_on: '',
	ends_time: '',
	time_zone: '',
	...NO_RECURRENCE,
	meeting_mode: 'in_person',
	lat: '',
	lng: '',
	location_source: '',
	place_name: '',
	place_query: '',
	area_cell: '',
	address: '',
	online_url: '',
	capacity: '',
	registration: 'open',
	contribution: '',
	accessibility: [],
	accessibility_note: ''
};

const LIST_FIELDS = ['by_day', 'accessibility'] as const satisfies readonly GatheringField[];

/** The form's fields as posted, untouched (only missing fields become empty). */
export function gatheringFormValues(formData: FormData): GatheringFormValues {
	const values = { ...EMPTY_GATHERING_FORM } as Record<string, string | string[]>;
	for (const field of Object.keys(EMPTY_GATHERING_FORM) as GatheringField[]) {
		if ((LIST_FIELDS as readonly string[]).includes(field)) {
			values[field] = formData
				.getAll(field)
				.filter((value): value is string => typeof value === 'string');
		} else {
			const value = formData.get(field);
			values[field] = typeof value === 'string' ? value : '';
		}
	}
	return values as unknown as GatheringFormValues;
}

/** The form for a gathering as it is, with its venue where the host reads it. */
export function formValuesFromGathering(
	gathering: Pick<Gathering, keyof GatheringChanges | 'area_label'>,
	venue: VenueChanges | null
): GatheringFormValues {
	const zone = gathering.time_zone;
	const days = gathering.all_day
		? allDayDates({ startsAt: gathering.starts_at, endsAt: gathering.ends_at, timeZone: zone })
		: {
				firstDay: localDate(gathering.starts_at, zone),
				lastDay: localDate(gathering.ends_at, zone)
			};
	const point = venue?.lat != null && venue.lng != null ? venue : null;
	return {
		...EMPTY_GATHERING_FORM,
		kind: gathering.kind,
		name: gathering.name,
		description: gathering.description,
		visibility: gathering.visibility,
		host_group_id: gathering.host_group_id ?? '',
		all_day: gathering.all_day ? 'on' : '',
		starts_on: days.firstDay,
		starts_time: gathering.all_day ? '' : localTime(gathering.starts_at, zone),
		ends_on: days.lastDay,
		ends_time: gathering.all_day ? '' : localTime(gathering.ends_at, zone),
		time_zone: zone,
		...recurrenceFieldsOf(gathering.recurrence, zone),
		meeting_mode: gathering.meeting_mode,
		lat: point ? String(point.lat) : '',
		lng: point ? String(point.lng) : '',
		place_name: point ? '' : (gathering.area_label ?? ''),
		area_cell: gathering.area_cell,
		address: venue?.address ?? '',
		online_url: venue?.online_url ?? '',
		capacity: gathering.capacity === null ? '' : String(gathering.capacity),
		registration: gathering.registration,
		contribution: gathering.contribution,
		accessibility: [...gathering.accessibility],
		accessibility_note: gathering.accessibility_note
	};
}

const KIND_VALUES: readonly GatheringKind[] = GATHERING_KIND_CHOICES.map(({ value }) => value);
const MODE_VALUES: readonly string[] = GATHERING_MODE_CHOICES.map(({ value }) => value);
const REGISTRATION_VALUES: readonly string[] = REGISTRATION_CHOICES.map(({ value }) => value);
const VISIBILITY_VALUES: readonly string[] = GROUP_VISIBILITY_CHOICES.map(({ value }) => value);
const ACCESSIBILITY_VALUES: readonly string[] = ACCESSIBILITY_CHOICES.map(({ value }) => value);
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A published square: a quadkey no finer than a town (zoom 13), as the database checks. */
const AREA_CELL = /^[0-3]{5,13}$/;

/** Whether a gathering in this mode has a venue, a link, or both. */
export function needsVenue(mode: string): boolean {
	return mode === 'in_person' || mode === 'mixed';
}
export function needsLink(mode: string): boolean {
	return mode === 'online' || mode === 'mixed';
}

/**
 * Checks the form, in the order it shows its fields. With `publishing`, also what publishing
 * needs: a venue (an address and a point) in person, a joining link online.
 */
export function checkGatheringForm(
	values: GatheringFormValues,
	{ publishing = false }: { publishing?: boolean } = {}
): GatheringFormResult {
	const errors: GatheringFormErrors = {};

	const kind = isOneOf(KIND_VALUES, values.kind) ? values.kind : null;
	if (!kind) errors.kind = 'Choose what kind of gathering it is.';

	const name = collapseSpaces(values.name);
	if (name === '') errors.name = 'Give the gathering a name, like “North Sea Summer Camp 2027”.';
	else if (lengthOf(name) > GATHERING_LIMITS.name) {
		errors.name = tooLong('The name', GATHERING_LIMITS.name, lengthOf(name));
	}

	const description = values.description.trim();
	if (lengthOf(description) > GATHERING_LIMITS.description) {
		errors.description = tooLong(
			'The description',
			GATHERING_LIMITS.description,
			lengthOf(description)
		);
	}

	const hostGroupId = values.host_group_id.trim();
	if (hostGroupId !== '' && !isUuid(hostGroupId)) {
		errors.host_group_id = 'Choose a group you host from the list, or none.';
	}

	const times = readTimes(values, errors);
	const recurrence = readRecurrence(values, {
		startDay: times ? values.starts_on : null,
		timeZone: times?.timeZone ?? null
	});
	Object.assign(errors, recurrence.errors);
	if (times && recurrence.rule) {
		const problem = ruleProblem(recurrence.rule, times);
		if (problem) errors.repeat = problem;
	}

	const meetingMode = values.meeting_mode;
	if (!MODE_VALUES.includes(meetingMode)) errors.meeting_mode = 'Choose how people take part.';

	const area = readArea(values, errors);

	// Typed over several lines, as addresses are; stored as one (the database takes a plain line).
	const address = values.address
		.split(/\r?\n/)
		.map(collapseSpaces)
		.filter((line) => line !== '')
		.join(', ');
	if (lengthOf(address) > GATHERING_LIMITS.address) {
		errors.address = tooLong('The address', GATHERING_LIMITS.address, lengthOf(address));
	}
	const onlineUrl = values.online_url.trim();
	if (onlineUrl !== '') {
		if (lengthOf(onlineUrl) > GATHERING_LIMITS.onlineUrl) {
			errors.online_url = tooLong('The link', GATHERING_LIMITS.onlineUrl, lengthOf(onlineUrl));
		} else if (!isWebAddress(onlineUrl)) {
			errors.online_url =
				'Give the joining link as a web address, like https://meet.example.org/network-call.';
		}
	}

	if (publishing) {
		if (needsVenue(meetingMode) && address === '' && !errors.address) {
			errors.address = 'Give the venue’s address before publishing: people who come need it.';
		}
		if (needsVenue(meetingMode) && area && !area.point && !errors.place_query) {
			errors.place_query =
				'Choose the venue on the map before publishing: search for the town, then place the pin.';
		}
		if (needsLink(meetingMode) && onlineUrl === '' && !errors.online_url) {
			errors.online_url =
				'Give the joining link before publishing: people taking part online need it.';
		}
	}

	const capacityText = values.capacity.trim();
	let capacity: number | null = null;
	if (capacityText !== '') {
		capacity = /^\d+$/.test(capacityText) ? Number(capacityText) : NaN;
		if (!(capacity >= 1 && capacity <= GATHERING_LIMITS.capacity)) {
			errors.capacity =
				'Give the number of places as a whole number from 1, or leave it empty for no limit.';
		}
	}

	const registration = values.registration;
	if (!REGISTRATION_VALUES.includes(registration)) {
		errors.registration = 'Choose how people sign up.';
	}

	const contribution = collapseSpaces(values.contribution);
	if (lengthOf(contribution) > GATHERING_LIMITS.contribution) {
		errors.contribution = tooLong(
			'The contribution',
			GATHERING_LIMITS.contribution,
			lengthOf(contribution)
		);
	}

	const accessibility = ACCESSIBILITY_VALUES.filter((value) =>
		values.accessibility.includes(value)
	);
	if (accessibility.length !== new Set(values.accessibility).size) {
		errors.accessibility = 'Choose what the gathering offers from the list.';
	}
	const accessibilityNote = values.accessibility_note.trim();
	if (lengthOf(accessibilityNote) > GATHERING_LIMITS.accessibilityNote) {
		errors.accessibility_note = tooLong(
			'The note on access',
			GATHERING_LIMITS.accessibilityNote,
			lengthOf(accessibilityNote)
		);
	}

	const visibility = values.visibility;
	if (!VISIBILITY_VALUES.includes(visibility)) errors.visibility = 'Choose who can see it.';

	// Last, so it says what is really wrong with a field that also seems too long, say.
	Object.assign(
		errors,
		plainTextErrors(values, { multiline: ['description', 'address', 'accessibility_note'] })
	);

	if (Object.keys(errors).length > 0 || !kind || !times || !area) {
		return { ok: false, errors, values };
	}
	const venuePoint = needsVenue(meetingMode) ? area.point : null;
	const venue: VenueChanges = {
		address: needsVenue(meetingMode) ? address : '',
		lat: venuePoint?.lat ?? null,
		lng: venuePoint?.lng ?? null,
		online_url: needsLink(meetingMode) && onlineUrl !== '' ? onlineUrl : null
	};
	const hasVenue = venue.address !== '' || venue.lat !== null || venue.online_url !== null;
	return {
		ok: true,
		values,
		value: {
			gathering: {
				kind,
				name,
				description,
				visibility: visibility as Gathering['visibility'],
				host_group_id: hostGroupId === '' ? null : hostGroupId,
				starts_at: times.startsAt,
				ends_at: times.endsAt,
				time_zone: times.timeZone,
				all_day: times.allDay,
				recurrence: recurrence.rule,
				repeats_until: repeatsUntil(recurrence.rule, times.startsAt, times.endsAt, times.timeZone),
				meeting_mode: meetingMode,
				area_cell: area.cell,
				capacity,
				registration: registration as Gathering['registration'],
				contribution,
				accessibility: accessibility as Gathering['accessibility'],
				accessibility_note: accessibilityNote
			},
			venue: hasVenue ? venue : null
		}
	};
}

/** The start and end as instants, or null with a message on each field that is wrong. */
function readTimes(
	values: GatheringFormValues,
	errors: GatheringFormErrors
): { startsAt: string; endsAt: string; timeZone: string; allDay: boolean } | null {
	const allDay = values.all_day !== '';
	const timeZone = canonicalTimeZone(values.time_zone.trim());
	if (values.time_zone.trim() === '') {
		errors.time_zone = 'Give the time zone it happens in, like Europe/Amsterdam.';
	} else if (!timeZone) {
		errors.time_zone = `“${values.time_zone.trim()}” is not a time zone: choose one from the list, like Europe/Amsterdam or America/New_York.`;
	}

	const startsOn = values.starts_on.trim();
	if (startsOn === '') errors.starts_on = 'Give the first day, like 2027-07-10.';
	else if (!isIsoDay(startsOn)) errors.starts_on = 'Give the first day as a date, like 2027-07-10.';
	const endsOn = values.ends_on.trim() === '' ? startsOn : values.ends_on.trim();
	if (values.ends_on.trim() !== '' && !isIsoDay(endsOn)) {
		errors.ends_on = 'Give the last day as a date, like 2027-07-14, or leave it empty for one day.';
	}

	if (!allDay) {
		const startsTime = values.starts_time.trim();
		const endsTime = values.ends_time.trim();
		if (!TIME.test(startsTime)) {
			errors.starts_time = 'Give the start time, like 19:00, or make it an all-day gathering.';
		}
		if (!TIME.test(endsTime)) {
			errors.ends_time = 'Give the end time, like 20:30.';
		}
		if (errors.starts_on || errors.ends_on || errors.starts_time || errors.ends_time || !timeZone) {
			return null;
		}
		const startsAt = fromLocalInput(`${startsOn}T${startsTime}`, timeZone);
		const endsAt = fromLocalInput(`${endsOn}T${endsTime}`, timeZone);
		if (!startsAt || !endsAt) return null;
		if (new Date(endsAt) <= new Date(startsAt)) {
			errors[values.ends_on.trim() === '' ? 'ends_time' : 'ends_on'] =
				'It ends after it starts: choose a later end.';
			return null;
		}
		return { startsAt, endsAt, timeZone, allDay };
	}
	if (errors.starts_on || errors.ends_on || !timeZone) return null;
	if (endsOn < startsOn) {
		errors.ends_on = 'The last day is on or after the first: choose a later day.';
		return null;
	}
	return { ...allDayBounds({ firstDay: startsOn, lastDay: endsOn, timeZone }), timeZone, allDay };
}

/**
 * The square to publish and the point chosen (the venue, in person), or null with a message: a
 * point makes the town square around it (keeping the present square while the point is inside),
 * else the present square stays.
 */
function readArea(
	values: GatheringFormValues,
	errors: GatheringFormErrors
): { cell: string; point: { lat: number; lng: number } | null } | null {
	const { point, errors: pointErrors } = readPoint(values);
	Object.assign(errors, pointErrors);
	if (pointErrors.lat || pointErrors.lng) return null;
	const present = AREA_CELL.test(values.area_cell) ? values.area_cell : undefined;
	if (point) return { cell: meetingAreaCell(point, present), point };
	if (present) return { cell: present, point: null };
	errors.place_query = needsVenue(values.meeting_mode)
		? 'Choose where it happens: search for the town, then place the pin on the venue.'
		: 'Choose the area it is for: search for a town, or click the map.';
	return null;
}

/** A web link as the database takes one: http(s), no spaces, no markup. */
function isWebAddress(text: string): boolean {
	if (!/^https?:\/\/[^\s<>"]+$/.test(text)) return false;
	try {
		return new URL(text).hostname.includes('.');
	} catch {
		return false;
	}
}

/** A planner's proposal carried in `?from_plan=` (see the plan's contract). */
export interface PlanProposal {
	cell: string;
	region: Json;
	label: string;
}

/**
 * The planner's proposal in `?from_plan=`: a square no finer than a town and the region to invite
 * from; null for anything else (the form then starts empty).
 */
export function parsePlanProposal(text: string | null): PlanProposal | null {
	if (!text) return null;
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return null;
	}
	if (typeof parsed !== 'object' || parsed === null) return null;
	const { cell, region, label } = parsed as Record<string, unknown>;
	if (typeof cell !== 'string' || !AREA_CELL.test(cell)) return null;
	if (!isInviteRegion(region)) return null;
	return { cell, region, label: typeof label === 'string' ? label.slice(0, 200) : '' };
}

/** `{lat, lng, radius_km}` (1..1000 km) or `{country}` (two capital letters), as the planner sends. */
function isInviteRegion(region: unknown): region is Json {
	if (typeof region !== 'object' || region === null) return false;
	const { lat, lng, radius_km, country } = region as Record<string, unknown>;
	if (typeof country === 'string')
		return /^[A-Z]{2}$/.test(country) && Object.keys(region).length === 1;
	return (
		typeof lat === 'number' &&
		typeof lng === 'number' &&
		typeof radius_km === 'number' &&
		Math.abs(lat) <= 90 &&
		Math.abs(lng) <= 180 &&
		radius_km >= 1 &&
		radius_km <= 1000 &&
		Object.keys(region).length === 3
	);
}
