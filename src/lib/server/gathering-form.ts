import { fail, redirect, type ActionFailure } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Json } from '$lib/database.types';
import {
	checkGatheringForm,
	gatheringFormValues,
	type GatheringFormErrors,
	type GatheringFormValues
} from '$lib/gatherings/gathering-form';
import type { Place } from '$lib/people/places';
import { createGathering, setGatheringStatus, updateGathering } from './gatherings';
import {
	CHOOSE_A_PLACE,
	chosenPlaceFields,
	formPlaceActions,
	searchPlacesForForm
} from './profile-form';

/**
 * The gathering form's actions (`/gatherings/new`, `/gatherings/<id>/edit`): checking, saving as
 * a draft or publishing, and the place search without JavaScript. Each answers with the form's
 * values, so nothing typed is lost whichever button was pressed.
 */
type Client = SupabaseClient<Database>;

/** What the gathering form's actions hand back to the page. */
export interface GatheringFormState {
	values: GatheringFormValues;
	errors?: GatheringFormErrors;
	placeResults?: Place[];
}

const NOT_SAVED =
	'The gathering could not be saved just now. Everything you typed is still here: try again in a moment.';

/** Where a refusal goes: beside the field it is about, or above the form. */
function errorsFor(refusal: string): GatheringFormErrors {
	if (/time zone/i.test(refusal)) return { time_zone: refusal };
	if (/host group/i.test(refusal)) return { host_group_id: refusal };
	return { form: refusal };
}

/** Whether the button pressed was "Publish". */
function publishing(formData: FormData): boolean {
	return formData.get('intent') === 'publish';
}

/**
 * Creates a draft from the posted form (with the planner's region, if it came from there), and
 * publishes it when that was the button. Lands on the new gathering's page, or, when publishing
 * was refused after the draft was made, on its edit page saying so.
 */
export async function createGatheringFromForm(
	supabase: Client,
	{ formData, inviteRegion }: { formData: FormData; inviteRegion: Json | null }
): Promise<ActionFailure<GatheringFormState>> {
	const publish = publishing(formData);
	const result = checkGatheringForm(gatheringFormValues(formData), { publishing: publish });
	if (!result.ok) return fail(400, { values: result.values, errors: result.errors });
	let created;
	try {
		created = await createGathering(supabase, { ...result.value, inviteRegion });
	} catch (error) {
		console.error('Creating a gathering failed', error);
		return fail(503, { values: result.values, errors: { form: NOT_SAVED } });
	}
	if (!created.ok) return fail(400, { values: result.values, errors: errorsFor(created.refusal) });
	const id = created.value;
	if (!publish) redirect(303, `/gatherings/${id}?saved`);
	const published = await setGatheringStatus(supabase, {
		id,
		name: result.value.gathering.name,
		status: 'published'
	});
	redirect(
		303,
		published.ok ? `/gatherings/${id}?published` : `/gatherings/${id}/edit?unpublished`
	);
}

/** Saves a host's changes from the posted form, publishing a draft when that was the button. */
export async function saveGatheringFromForm(
	supabase: Client,
	{ formData, gathering }: { formData: FormData; gathering: { id: string; name: string } }
): Promise<ActionFailure<GatheringFormState>> {
	const publish = publishing(formData);
	const result = checkGatheringForm(gatheringFormValues(formData), { publishing: publish });
	if (!result.ok) return fail(400, { values: result.values, errors: result.errors });
	try {
		const saved = await updateGathering(supabase, { ...gathering, ...result.value });
		if (!saved.ok) return fail(400, { values: result.values, errors: errorsFor(saved.refusal) });
		if (publish) {
			const published = await setGatheringStatus(supabase, { ...gathering, status: 'published' });
			if (!published.ok) {
				return fail(400, { values: result.values, errors: errorsFor(published.refusal) });
			}
		}
	} catch (error) {
		console.error('Saving a gathering failed', error);
		return fail(503, { values: result.values, errors: { form: NOT_SAVED } });
	}
	redirect(303, `/gatherings/${gathering.id}?${publish ? 'published' : 'saved'}`);
}

/** The place search's form actions, for both pages with the gathering form. */
export const gatheringPlaceActions = formPlaceActions({
	find: async (
		supabase,
		formData
	): Promise<GatheringFormState | ActionFailure<GatheringFormState>> => {
		const values = gatheringFormValues(formData);
		const found = await searchPlacesForForm(supabase, values.place_query);
		if ('message' in found) {
			return fail(found.status, { values, errors: { place_query: found.message } });
		}
		return { values, placeResults: found.places };
	},
	use: (_supabase, formData): GatheringFormState | ActionFailure<GatheringFormState> => {
		const values = gatheringFormValues(formData);
		const chosen = chosenPlaceFields(formData);
		if (!chosen) return fail(400, { values, errors: { place_query: CHOOSE_A_PLACE } });
		return { values: { ...values, ...chosen } };
	}
});
