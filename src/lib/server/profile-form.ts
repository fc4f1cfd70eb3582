import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { PlaceLabel } from '$lib/people/audience';
import { MIN_PLACE_QUERY, type Place } from '$lib/people/places';
import {
	checkProfileForm,
	EMPTY_PROFILE_FORM,
	pointFromText,
	profileFormValues,
	type ProfileField,
	type ProfileFormErrors,
	type ProfileFormValues
} from '$lib/people/validation';
import { PLAIN_TEXT_MESSAGE } from '$lib/plain-text';
import { placeSearchProblem } from '$lib/search-limits';
import { readPlaceLabels, searchPlaces } from './places';
import { saveOwnProfile } from './profiles';
import { plainTextConstraint, plainTextField, QueryError } from './query-error';
import { leaveIfAccountGone, requireUser } from './visitor';

/**
 * The profile form's actions, shared by onboarding (`/welcome`) and editing (`/me`). Each one
 * answers with the form's values, so nothing typed is lost whichever button was pressed, and
 * with the labels for the point in them, so the audience preview works without JavaScript.
 */
type Client = SupabaseClient<Database>;

/** What the profile form's actions hand back to the page. */
export interface ProfileFormState {
	values: ProfileFormValues;
	errors?: ProfileFormErrors;
	placeLabels?: PlaceLabel[] | null;
	placeResults?: Place[];
}

/** The form's fields, to find the one a refusal of the database is about. */
const PROFILE_FIELDS = Object.keys(EMPTY_PROFILE_FORM) as ProfileField[];

const NOT_SAVED =
	'Your profile could not be saved just now. Everything you typed is still here: try again in a moment.';

/** Checks and saves the form. Resolves to a failure to show, or null once it is saved. */
export async function saveProfileForm(
	supabase: Client,
	{ formData, onboard }: { formData: FormData; onboard: boolean }
): Promise<ActionFailure<ProfileFormState> | null> {
	const result = checkProfileForm(profileFormValues(formData));
	if (!result.ok) {
		return fail(400, {
			values: result.values,
			errors: result.errors,
			placeLabels: await labelsForForm(supabase, result.values)
		});
	}
	const { profile, location } = result.value;
	try {
		await saveOwnProfile(supabase, { changes: profile, location, onboard });
	} catch (error) {
		// The form refuses what the database does; should the database refuse more, its refusal
		// goes beside the field it names (or above the form, for the lists' one constraint).
		if (error instanceof QueryError && plainTextConstraint(error.cause)) {
			const field = plainTextField(error.cause, PROFILE_FIELDS) ?? 'form';
			return fail(400, {
				values: result.values,
				errors: { [field]: PLAIN_TEXT_MESSAGE },
				placeLabels: await labelsForForm(supabase, result.values)
			});
		}
		await leaveIfAccountGone(supabase);
		console.error('Saving a profile failed', error);
		return fail(503, {
			values: result.values,
			errors: { form: NOT_SAVED },
			placeLabels: await labelsForForm(supabase, result.values)
		});
	}
	return null;
}

/**
 * The place search of a form without JavaScript: the places found, or the message for the search
 * field and the status to answer with. Shared by every form that takes a place.
 */
export async function searchPlacesForForm(
	supabase: Client,
	typed: string
): Promise<{ places: Place[] } | { status: 400 | 404 | 503; message: string }> {
	const query = typed.trim();
	const tooLong = placeSearchProblem(query);
	if (tooLong) return { status: 400, message: tooLong };
	if (query.length < MIN_PLACE_QUERY) {
		return {
			status: 400,
			message: `Type at least ${MIN_PLACE_QUERY} letters of a place name to search.`
		};
	}
	let places: Place[];
	try {
		places = await searchPlaces(supabase, query);
	} catch (error) {
		console.error('Place search failed', error);
		return {
			status: 503,
			message: 'The place search is not answering. Try again, or enter coordinates.'
		};
	}
	if (places.length === 0) {
		return {
			status: 404,
			message: `No places found for “${query}”. Check the spelling, or try a bigger town nearby.`
		};
	}
	return { places };
}

/**
 * A form's place fields once a place is chosen from the search results without JavaScript: its
 * button's value is `lat,lng,name`. Null when the value is not one.
 */
export function chosenPlaceFields(formData: FormData): {
	lat: string;
	lng: string;
	location_source: 'search';
	place_name: string;
	place_query: '';
} | null {
	const chosen = String(formData.get('use_place') ?? '').match(/^(-?[\d.]+),(-?[\d.]+),(.*)$/s);
	const lat = Number(chosen?.[1]);
	const lng = Number(chosen?.[2]);
	if (!chosen || !(Math.abs(lat) <= 90) || !(Math.abs(lng) <= 180)) return null;
	return {
		lat: String(lat),
		lng: String(lng),
		location_source: 'search',
		place_name: chosen[3],
		place_query: ''
	};
}

/** Asks a form to choose one of the places found again. */
export const CHOOSE_A_PLACE = 'Choose one of the places found, or search again.';

/** The place search without JavaScript: the form comes back with the places found. */
export async function findPlaceForForm(
	supabase: Client,
	formData: FormData
): Promise<ProfileFormState | ActionFailure<ProfileFormState>> {
	const values = profileFormValues(formData);
	const [found, placeLabels] = await Promise.all([
		searchPlacesForForm(supabase, values.place_query),
		labelsForForm(supabase, values)
	]);
	if ('message' in found) {
		return fail(found.status, { values, placeLabels, errors: { place_query: found.message } });
	}
	return { values, placeLabels, placeResults: found.places };
}

/**
 * A place chosen from the search results without JavaScript: the form comes back with that point
 * in it (not yet saved).
 */
export async function usePlaceForForm(
	supabase: Client,
	formData: FormData
): Promise<ProfileFormState | ActionFailure<ProfileFormState>> {
	const values = profileFormValues(formData);
	const chosen = chosenPlaceFields(formData);
	if (!chosen) {
		return fail(400, {
			values,
			placeLabels: await labelsForForm(supabase, values),
			errors: { place_query: CHOOSE_A_PLACE }
		});
	}
	const withPlace: ProfileFormValues = { ...values, ...chosen };
	return { values: withPlace, placeLabels: await labelsForForm(supabase, withPlace) };
}

/** The preview's labels for the point in the form, or null when it has none (or on failure). */
export async function labelsForForm(
	supabase: Client,
	values: Pick<ProfileFormValues, 'lat' | 'lng'>
): Promise<PlaceLabel[] | null> {
	const point = pointFromText(values);
	if (!point) return null;
	try {
		return await readPlaceLabels(supabase, point);
	} catch (error) {
		console.warn('Could not look up place labels for the preview', error);
		return null;
	}
}

/** How a form's place search answers without JavaScript: searching, and taking a place found. */
type PlaceStep<State> = (supabase: Client, formData: FormData) => Promise<State> | State;

/**
 * The place search's form actions (the way to choose a place without JavaScript) for a form that
 * takes a place: `findPlace` and `usePlace`, for signed-in people.
 */
export function formPlaceActions<Found, Used>({
	find,
	use
}: {
	find: PlaceStep<Found>;
	use: PlaceStep<Used>;
}) {
	return {
		findPlace: async ({ locals, url, request }: RequestEvent) => {
			requireUser(locals, url);
			return find(locals.supabase, await request.formData());
		},
		usePlace: async ({ locals, url, request }: RequestEvent) => {
			requireUser(locals, url);
			return use(locals.supabase, await request.formData());
		}
	};
}

/** The place search's form actions, for every page that holds the profile form. */
export const placeActions = formPlaceActions({ find: findPlaceForForm, use: usePlaceForForm });
