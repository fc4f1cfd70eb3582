/**
 * Reads the group form (`/groups/new`, `/groups/<id>/edit`). Every field is checked here, with a
 * message that names the field and says what is wrong, before anything reaches the database; the
 * database's own checks (lengths, the size limits of each kind, the statuses a new group may
 * start with) are the same rules and have the last word.
 *
 * The meeting area is chosen as a point, the way a person chooses their place, but only the town
 * square around it is ever sent: the point itself stays in the browser and this form.
 *
 * Pure: no Supabase, no SvelteKit, so the form's rules are unit-tested on their own.
 */
import type { Enums, Tables } from '$lib/database.types';
import { PRECISION_ZOOM, cellAt, tileOf, type LatLng } from '$lib/geo/cells';
import { isOneOf } from '$lib/people/choices';
import {
	collapseSpaces,
	lengthOf,
	readPoint,
	readTags,
	tooLong,
	LIMITS as PROFILE_LIMITS
} from '$lib/people/validation';
import { plainTextErrors } from '$lib/plain-text';
import { isUuid } from '$lib/uuid';
import {
	GROUP_KIND_CHOICES,
	GROUP_VISIBILITY_CHOICES,
	HOST_STATUS_CHOICES,
	MEETING_MODE_CHOICES
} from './wording';

export type GroupKind = Enums<'group_kind'>;

/** The limits, the same as the database's checks on `groups`. */
export const GROUP_LIMITS = {
	name: 80,
	purpose: 500,
	rhythm: 80,
	commitment: 120,
	languages: PROFILE_LIMITS.languages,
	crewSize: { min: 3, max: 8 },
	/** A congregation is bigger than any crew. */
	congregationMin: 9,
	/** Far beyond any congregation, and well within the database's integers. */
	congregationMax: 10_000
} as const;

/** The zoom of a published meeting area: a town square, never finer. */
export const AREA_ZOOM = PRECISION_ZOOM.town;

/** Everything the form holds, exactly as typed, so a failed submit can give it all back. */
export interface GroupFormValues {
	kind: string;
	name: string;
	purpose: string;
	status: string;
	/** A whole number as typed, or '' for none (congregations only). */
	size_limit: string;
	meeting_mode: string;
	rhythm: string;
	commitment: string;
	/** Comma separated. */
	languages: string;
	visibility: string;
	/** The congregation a new crew asks to join, or ''. */
	congregation_id: string;
	/** A point in the meeting area: never stored, only its town square is. */
	lat: string;
	lng: string;
	/** Where the point came from (see `LocationPicker`), or ''. */
	location_source: string;
	/** The name of the place chosen from the search. */
	place_name: string;
	/** What was typed into the place search. */
	place_query: string;
}

export type GroupField = keyof GroupFormValues;

/** A message per field that is wrong, and `form` for what went wrong with the submit itself. */
export type GroupFormErrors = Partial<Record<GroupField | 'form', string>>;

type Group = Tables<'groups'>;

/** The columns a host writes (with `create_group`, or a plain update of the row). */
export type GroupChanges = Pick<
	Group,
	| 'name'
	| 'purpose'
	| 'status'
	| 'size_limit'
	| 'meeting_mode'
	| 'rhythm'
	| 'commitment'
	| 'languages'
	| 'visibility'
	| 'area_cell'
>;

/** A new group: its description, its kind, and the congregation a crew asks to join. */
export interface NewGroup extends GroupChanges {
	kind: GroupKind;
	congregation_id: string | null;
}

export type GroupFormResult<Value> =
	| { ok: true; value: Value; values: GroupFormValues }
	| { ok: false; errors: GroupFormErrors; values: GroupFormValues };

/** A new group's form: a forming crew of six, shared with members, meeting in person. */
export const EMPTY_GROUP_FORM: GroupFormValues = {
	kind: 'crew',
	name: '',
	purpose: '',
	status: 'forming',
	size_limit: '6',
	meeting_mode: 'in_person',
	rhythm: '',
	commitment: '',
	languages: '',
	visibility: 'members',
	congregation_id: '',
	lat: '',
	lng: '',
	location_source: '',
	place_name: '',
	place_query: ''
};

const KIND_VALUES: readonly GroupKind[] = GROUP_KIND_CHOICES.map(({ value }) => value);
const MEETING_MODE_VALUES: readonly string[] = MEETING_MODE_CHOICES.map(({ value }) => value);
const VISIBILITY_VALUES: readonly string[] = GROUP_VISIBILITY_CHOICES.map(({ value }) => value);
const HOST_STATUS_VALUES: readonly string[] = HOST_STATUS_CHOICES.map(({ value }) => value);
/** The database starts a group forming or open; pausing or closing comes later. */
export const NEW_GROUP_STATUSES = ['forming', 'open'] as const;

/** The form's fields as posted, untouched (only missing fields become empty). */
export function groupFormValues(formData: FormData): GroupFormValues {
	const text = (name: GroupField) => {
		const value = formData.get(name);
		return typeof value === 'string' ? value : '';
	};
	const values = {} as GroupFormValues;
	for (const field of Object.keys(EMPTY_GROUP_FORM) as GroupField[]) values[field] = text(field);
	return values;
}

/**
 * The form for a group as it is: its point is the centre of its published square (the only point
 * there is), and a full group shows as open, which is what a host would choose to keep it.
 */
export function formValuesFromGroup(
	group: Pick<Group, keyof GroupChanges | 'kind' | 'area_lat' | 'area_lng' | 'area_label'>
): GroupFormValues {
	return {
		...EMPTY_GROUP_FORM,
		kind: group.kind,
		name: group.name,
		purpose: group.purpose,
		status: group.status === 'full' ? 'open' : group.status,
		size_limit: group.size_limit === null ? '' : String(group.size_limit),
		meeting_mode: group.meeting_mode,
		rhythm: group.rhythm,
		commitment: group.commitment,
		languages: group.languages.join(', '),
		visibility: group.visibility,
		lat: group.area_lat === null ? '' : String(group.area_lat),
		lng: group.area_lng === null ? '' : String(group.area_lng),
		place_name: group.area_label ?? ''
	};
}

/**
 * The published square for a point: the town square around it, or the group's present square
 * when the point is still inside it, so saving an edit does not make a coarser area finer.
 */
export function meetingAreaCell(point: LatLng, presentCell?: string): string {
	if (presentCell && cellAt({ ...point, zoom: tileOf(presentCell).zoom }) === presentCell) {
		return presentCell;
	}
	return cellAt({ ...point, zoom: AREA_ZOOM });
}

/** Checks a new group's form, in the order the form shows its fields. */
export function checkNewGroupForm(values: GroupFormValues): GroupFormResult<NewGroup> {
	const errors: GroupFormErrors = {};
	const kind = isOneOf(KIND_VALUES, values.kind) ? values.kind : null;
	if (!kind) errors.kind = 'Choose whether this is a crew or a congregation.';
	const changes = checkDescription(values, { kind, statuses: NEW_GROUP_STATUSES, errors });

	let congregationId: string | null = null;
	if (values.congregation_id !== '' && kind === 'crew') {
		if (isUuid(values.congregation_id)) congregationId = values.congregation_id;
		else errors.congregation_id = 'Choose a congregation from the list, or none.';
	}

	if (!changes || !kind || Object.keys(errors).length > 0) return { ok: false, errors, values };
	return { ok: true, values, value: { ...changes, kind, congregation_id: congregationId } };
}

/** Checks the form of a group being changed: its kind and congregation are not the form's. */
export function checkGroupChanges(
	values: GroupFormValues,
	{ kind, areaCell }: { kind: GroupKind; areaCell: string }
): GroupFormResult<GroupChanges> {
	const errors: GroupFormErrors = {};
	const changes = checkDescription(values, {
		kind,
		statuses: HOST_STATUS_VALUES,
		areaCell,
		errors
	});
	if (!changes || Object.keys(errors).length > 0) return { ok: false, errors, values };
	return { ok: true, values, value: changes };
}

function checkDescription(
	values: GroupFormValues,
	{
		kind,
		statuses,
		areaCell,
		errors
	}: {
		kind: GroupKind | null;
		statuses: readonly string[];
		areaCell?: string;
		errors: GroupFormErrors;
	}
): GroupChanges | null {
	const name = collapseSpaces(values.name);
	if (name === '') errors.name = 'Give the group a name, like “Ghent Parents Crew”.';
	else if (lengthOf(name) > GROUP_LIMITS.name) {
		errors.name = tooLong('The name', GROUP_LIMITS.name, lengthOf(name));
	}

	const purpose = values.purpose.trim();
	if (lengthOf(purpose) > GROUP_LIMITS.purpose) {
		errors.purpose = tooLong('The purpose', GROUP_LIMITS.purpose, lengthOf(purpose));
	}

	const status = values.status;
	if (!statuses.includes(status)) {
		errors.status =
			statuses === NEW_GROUP_STATUSES
				? 'Choose forming or open: a new group starts as one of these.'
				: 'Choose a status from the list.';
	}

	const sizeLimit = readSizeLimit(values.size_limit.trim(), kind, errors);

	const meetingMode = values.meeting_mode;
	if (!MEETING_MODE_VALUES.includes(meetingMode)) {
		errors.meeting_mode = 'Choose how the group meets.';
	}

	const rhythm = collapseSpaces(values.rhythm);
	if (lengthOf(rhythm) > GROUP_LIMITS.rhythm) {
		errors.rhythm = tooLong('How often you meet', GROUP_LIMITS.rhythm, lengthOf(rhythm));
	}

	const commitment = collapseSpaces(values.commitment);
	if (lengthOf(commitment) > GROUP_LIMITS.commitment) {
		errors.commitment = tooLong('The commitment', GROUP_LIMITS.commitment, lengthOf(commitment));
	}

	const { tags: languages, error: languagesError } = readTags(values.languages, {
		noun: 'language',
		max: GROUP_LIMITS.languages
	});
	if (languagesError) errors.languages = languagesError;

	const visibility = values.visibility;
	if (!VISIBILITY_VALUES.includes(visibility)) {
		errors.visibility = 'Choose who can see the group.';
	}

	const { point, errors: pointErrors } = readPoint(values);
	Object.assign(errors, pointErrors);
	if (!point && !pointErrors.lat && !pointErrors.lng) {
		errors.place_query =
			'Choose where the group meets: search for a town, click the map, or enter coordinates.';
	}

	// Last, so it says what is really wrong with a field that also seems too long, say.
	Object.assign(errors, plainTextErrors(values, { multiline: ['purpose'] }));

	if (Object.keys(errors).length > 0 || !point || sizeLimit === undefined) return null;
	return {
		name,
		purpose,
		status: status as GroupChanges['status'],
		size_limit: sizeLimit,
		meeting_mode: meetingMode,
		rhythm,
		commitment,
		languages,
		visibility: visibility as GroupChanges['visibility'],
		area_cell: meetingAreaCell(point, areaCell)
	};
}

/** A crew's 3 to 8, or a congregation's 9 or more (or none); undefined when it is wrong. */
function readSizeLimit(
	text: string,
	kind: GroupKind | null,
	errors: GroupFormErrors
): number | null | undefined {
	const { min, max } = GROUP_LIMITS.crewSize;
	if (kind === 'crew') {
		const size = /^\d+$/.test(text) ? Number(text) : NaN;
		if (!(size >= min && size <= max)) {
			errors.size_limit = `A crew is ${min} to ${max} people: choose a size limit from ${min} to ${max}.`;
			return undefined;
		}
		return size;
	}
	if (text === '') return null;
	const size = /^\d+$/.test(text) ? Number(text) : NaN;
	if (!(size >= GROUP_LIMITS.congregationMin && size <= GROUP_LIMITS.congregationMax)) {
		errors.size_limit = `A congregation is bigger than a crew: give a limit from ${GROUP_LIMITS.congregationMin} to ${GROUP_LIMITS.congregationMax.toLocaleString('en-GB')}, or leave it empty for no limit.`;
		return undefined;
	}
	return size;
}

/** The most people a new group invites at once: the database's daily limit of invitations. */
export const MAX_INVITEES = 20;

/**
 * The people to invite into a new group, from `?invite=<id>,<id>` (the radar's "start a crew with
 * these people"): profile ids, each once, in order; anything else is left out.
 */
export function parseInvitees(value: string | null): string[] {
	const ids = (value ?? '')
		.split(',')
		.map((id) => id.trim().toLowerCase())
		.filter(isUuid);
	return [...new Set(ids)].slice(0, MAX_INVITEES);
}
