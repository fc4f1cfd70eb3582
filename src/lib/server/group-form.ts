import { fail, redirect, type ActionFailure } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import {
	checkGroupChanges,
	checkNewGroupForm,
	groupFormValues,
	type GroupFormErrors,
	type GroupFormValues,
	type GroupKind
} from '$lib/groups/group-form';
import type { Place } from '$lib/people/places';
import { createGroup, updateGroup } from './groups';
import {
	CHOOSE_A_PLACE,
	formPlaceActions,
	chosenPlaceFields,
	searchPlacesForForm
} from './profile-form';
import { refusable } from './query-error';

/**
 * The group form's actions (`/groups/new`, `/groups/<id>/edit`): checking and saving, and the
 * place search without JavaScript. Each answers with the form's values, so nothing typed is lost
 * whichever button was pressed.
 */
type Client = SupabaseClient<Database>;

/** What the group form's actions hand back to the page. */
export interface GroupFormState {
	values: GroupFormValues;
	errors?: GroupFormErrors;
	placeResults?: Place[];
}

/** How one invitation sent with a new group went: sent, or refused with the database's reason. */
export interface InvitationResult {
	inviteeId: string;
	/** The invitee's name as the host sees them, or null where their profile is hidden. */
	name: string | null;
	refusal: string | null;
}

const NOT_SAVED =
	'The group could not be saved just now. Everything you typed is still here: try again in a moment.';

/** Where a refusal of a whole group goes: beside the field it is about, or above the form. */
function errorsFor(refusal: string): GroupFormErrors {
	return /size limit/i.test(refusal) ? { size_limit: refusal } : { form: refusal };
}

/**
 * Starts a group from the posted form, then invites each of `invitees` (people chosen on the
 * radar). Lands on the new group's page; when an invitation is refused, answers with which ones
 * and why instead, with a link to the group.
 */
export async function startGroupFromForm(
	supabase: Client,
	{ formData, invitees }: { formData: FormData; invitees: { id: string; name: string | null }[] }
): Promise<
	| ActionFailure<GroupFormState>
	| { created: { id: string; name: string }; invitations: InvitationResult[] }
> {
	const result = checkNewGroupForm(groupFormValues(formData));
	if (!result.ok) return fail(400, { values: result.values, errors: result.errors });
	let created;
	try {
		created = await createGroup(supabase, result.value);
	} catch (error) {
		console.error('Starting a group failed', error);
		return fail(503, { values: result.values, errors: { form: NOT_SAVED } });
	}
	if (!created.ok) {
		return fail(400, { values: result.values, errors: errorsFor(created.refusal) });
	}
	const id = created.value;
	const invitations: InvitationResult[] = [];
	// One at a time, so the database's daily limit counts them in order.
	for (const invitee of invitees) {
		const sent = await refusable(
			'invite someone to the new group',
			supabase.rpc('invite_to_group', { group_id: id, invitee_id: invitee.id })
		);
		invitations.push({
			inviteeId: invitee.id,
			name: invitee.name,
			refusal: sent.ok ? null : sent.refusal
		});
	}
	if (invitations.every(({ refusal }) => refusal === null)) {
		const query = invitations.length > 0 ? `?started&invited=${invitations.length}` : '?started';
		redirect(303, `/groups/${id}${query}`);
	}
	return { created: { id, name: result.value.name }, invitations };
}

/** Saves a host's changes to their group from the posted form. */
export async function saveGroupFromForm(
	supabase: Client,
	{
		formData,
		group
	}: { formData: FormData; group: { id: string; name: string; kind: GroupKind; area_cell: string } }
): Promise<ActionFailure<GroupFormState> | null> {
	const result = checkGroupChanges(groupFormValues(formData), {
		kind: group.kind,
		areaCell: group.area_cell
	});
	if (!result.ok) return fail(400, { values: result.values, errors: result.errors });
	let saved;
	try {
		saved = await updateGroup(supabase, { id: group.id, name: group.name, changes: result.value });
	} catch (error) {
		console.error('Saving a group failed', error);
		return fail(503, { values: result.values, errors: { form: NOT_SAVED } });
	}
	if (!saved.ok) return fail(400, { values: result.values, errors: errorsFor(saved.refusal) });
	return null;
}

/** The place search of the group form without JavaScript: the form comes back with the places. */
export async function findGroupPlace(
	supabase: Client,
	formData: FormData
): Promise<GroupFormState | ActionFailure<GroupFormState>> {
	const values = groupFormValues(formData);
	const found = await searchPlacesForForm(supabase, values.place_query);
	if ('message' in found) {
		return fail(found.status, { values, errors: { place_query: found.message } });
	}
	return { values, placeResults: found.places };
}

/** A place chosen from the search results without JavaScript: the form comes back with it. */
export function useGroupPlace(formData: FormData): GroupFormState | ActionFailure<GroupFormState> {
	const values = groupFormValues(formData);
	const chosen = chosenPlaceFields(formData);
	if (!chosen) return fail(400, { values, errors: { place_query: CHOOSE_A_PLACE } });
	return { values: { ...values, ...chosen } };
}

/** The place search's form actions, for both pages with the group form. */
export const groupPlaceActions = formPlaceActions({
	find: findGroupPlace,
	use: (_supabase, formData) => useGroupPlace(formData)
});
