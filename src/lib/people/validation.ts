/**
 * Reads the profile form. Every field is checked here, with a message that names the field and
 * says what is wrong, before anything reaches the database; the database's own checks (lengths,
 * enums, URL shape) are the same rules and have the last word.
 *
 * Pure: no Supabase, no SvelteKit, so the form's rules are unit-tested on their own.
 */
import {
	OPENNESS_VALUES,
	PATHWAY_STAGE_VALUES,
	PRACTICE_VALUES,
	PRECISION_VALUES,
	VISIBILITY_VALUES,
	isOneOf,
	type Openness,
	type PathwayStage,
	type Practice,
	type Precision,
	type Visibility
} from './choices';
import type { LatLng } from '$lib/geo/cells';
import { plainTextErrors } from '$lib/plain-text';
import { isUuid } from '$lib/uuid';

/** Whether a string is a profile id (a UUID), before it is sent to the database. */
export const isProfileId = isUuid;

/** Where the point in the form came from; see `LocationPicker`. */
export type LocationSource = 'search' | 'map' | 'device';

export const LOCATION_SOURCES: readonly LocationSource[] = ['search', 'map', 'device'];

/** The limits, the same as the database's checks on `profiles`. */
export const LIMITS = {
	displayName: 80,
	bio: 280,
	pronouns: 40,
	tag: 40,
	interests: 20,
	languages: 10,
	listItem: 120,
	listItems: 10,
	website: 200,
	discordHandle: 40
} as const;

/** Everything the form holds, exactly as typed, so a failed submit can give it all back. */
export interface ProfileFormValues {
	display_name: string;
	bio: string;
	/** The exact point: only its owner ever sees it. */
	lat: string;
	lng: string;
	/** Where the point came from: a place search, the map, the device, or '' when unknown. */
	location_source: string;
	/** The name of the place chosen from the search, to show beside the point. */
	place_name: string;
	/** What was typed into the place search. */
	place_query: string;
	precision: string;
	visibility: string;
	/** Free tags, comma separated. */
	interests: string;
	practices: string[];
	pathway_stage: string;
	open_to: string[];
	/** One per line. */
	offers: string;
	needs: string;
	pronouns: string;
	/** Comma separated. */
	languages: string;
	website: string;
	discord_handle: string;
}

export type ProfileField = keyof ProfileFormValues;

/** A message per field that is wrong, and `form` for what went wrong with the submit itself. */
export type ProfileFormErrors = Partial<Record<ProfileField | 'form', string>>;

/** The columns of `profiles` the form changes. */
export interface ProfileChanges {
	display_name: string;
	bio: string;
	pronouns: string | null;
	languages: string[];
	interests: string[];
	practices: Practice[];
	pathway_stage: PathwayStage | null;
	open_to: Openness[];
	offers: string[];
	needs: string[];
	website: string | null;
	discord_handle: string | null;
	visibility: Visibility;
	precision: Precision;
}

export interface ProfileSubmission {
	profile: ProfileChanges;
	/** The exact point to place, or null to leave the location as it is. */
	location: LatLng | null;
}

export type ProfileFormResult =
	| { ok: true; value: ProfileSubmission; values: ProfileFormValues }
	| { ok: false; errors: ProfileFormErrors; values: ProfileFormValues };

/** A new profile's form: the private-leaning defaults, members and area. */
export const EMPTY_PROFILE_FORM: ProfileFormValues = {
	display_name: '',
	bio: '',
	lat: '',
	lng: '',
	location_source: '',
	place_name: '',
	place_query: '',
	precision: 'area',
	visibility: 'members',
	interests: '',
	practices: [],
	pathway_stage: '',
	open_to: [],
	offers: '',
	needs: '',
	pronouns: '',
	languages: '',
	website: '',
	discord_handle: ''
};

/** The form's fields as posted, untouched (only missing fields become empty). */
export function profileFormValues(formData: FormData): ProfileFormValues {
	const text = (name: ProfileField) => {
		const value = formData.get(name);
		return typeof value === 'string' ? value : '';
	};
	const all = (name: ProfileField) =>
		formData.getAll(name).filter((value): value is string => typeof value === 'string');
	return {
		display_name: text('display_name'),
		bio: text('bio'),
		lat: text('lat'),
		lng: text('lng'),
		location_source: text('location_source'),
		place_name: text('place_name'),
		place_query: text('place_query'),
		precision: text('precision'),
		visibility: text('visibility'),
		interests: text('interests'),
		practices: all('practices'),
		pathway_stage: text('pathway_stage'),
		open_to: all('open_to'),
		offers: text('offers'),
		needs: text('needs'),
		pronouns: text('pronouns'),
		languages: text('languages'),
		website: text('website'),
		discord_handle: text('discord_handle')
	};
}

/** The form for a saved profile and its saved point. */
export function formValuesFromProfile(
	profile: ProfileChanges,
	location: LatLng | null
): ProfileFormValues {
	return {
		...EMPTY_PROFILE_FORM,
		display_name: profile.display_name,
		bio: profile.bio,
		lat: location ? String(location.lat) : '',
		lng: location ? String(location.lng) : '',
		precision: profile.precision,
		visibility: profile.visibility,
		interests: profile.interests.join(', '),
		practices: [...profile.practices],
		pathway_stage: profile.pathway_stage ?? '',
		open_to: [...profile.open_to],
		offers: profile.offers.join('\n'),
		needs: profile.needs.join('\n'),
		pronouns: profile.pronouns ?? '',
		languages: profile.languages.join(', '),
		website: profile.website ?? '',
		discord_handle: profile.discord_handle ?? ''
	};
}

/** Reads and checks a posted profile form. */
export function readProfileForm(formData: FormData): ProfileFormResult {
	return checkProfileForm(profileFormValues(formData));
}

/** Checks the form's values, in the order the form shows its fields. */
export function checkProfileForm(values: ProfileFormValues): ProfileFormResult {
	const errors: ProfileFormErrors = {};

	const displayName = collapseSpaces(values.display_name);
	if (displayName === '') errors.display_name = 'Enter your name, or the name you go by.';
	else if (lengthOf(displayName) > LIMITS.displayName) {
		errors.display_name = tooLong('Your name', LIMITS.displayName, lengthOf(displayName));
	}

	const bio = values.bio.trim();
	if (lengthOf(bio) > LIMITS.bio) {
		errors.bio = tooLong('The line about yourself', LIMITS.bio, lengthOf(bio));
	}

	const { point: location, errors: pointErrors } = readPoint(values);
	Object.assign(errors, pointErrors);

	const precision = values.precision;
	if (!isOneOf(PRECISION_VALUES, precision)) {
		errors.precision = 'Choose how precisely to show where you are.';
	}
	const visibility = values.visibility;
	if (!isOneOf(VISIBILITY_VALUES, visibility)) {
		errors.visibility = 'Choose who can see your profile.';
	}

	const { tags: interests, error: interestsError } = readTags(values.interests, {
		noun: 'interest',
		max: LIMITS.interests
	});
	if (interestsError) errors.interests = interestsError;

	const practices = values.practices.filter((value) => isOneOf(PRACTICE_VALUES, value));
	if (practices.length !== values.practices.length) {
		errors.practices = 'Choose practices from the list.';
	}

	const pathwayStage = values.pathway_stage;
	if (pathwayStage !== '' && !isOneOf(PATHWAY_STAGE_VALUES, pathwayStage)) {
		errors.pathway_stage = 'Choose a stage from the list, or none.';
	}

	const openTo = values.open_to.filter((value) => isOneOf(OPENNESS_VALUES, value));
	if (openTo.length !== values.open_to.length) {
		errors.open_to = 'Choose what you are open to from the list.';
	}

	const offers = readLines(values.offers, { field: 'offers', noun: 'offer', errors });
	const needs = readLines(values.needs, { field: 'needs', noun: 'need', errors });

	const pronouns = collapseSpaces(values.pronouns);
	if (lengthOf(pronouns) > LIMITS.pronouns) {
		errors.pronouns = tooLong('Pronouns', LIMITS.pronouns, lengthOf(pronouns));
	}

	const { tags: languages, error: languagesError } = readTags(values.languages, {
		noun: 'language',
		max: LIMITS.languages
	});
	if (languagesError) errors.languages = languagesError;

	const website = readWebsite(values.website.trim(), errors);

	const discordHandle = values.discord_handle.trim().replace(/^@/, '');
	if (lengthOf(discordHandle) > LIMITS.discordHandle) {
		errors.discord_handle = tooLong(
			'A Discord handle',
			LIMITS.discordHandle,
			lengthOf(discordHandle)
		);
	} else if (/\s/.test(discordHandle)) {
		errors.discord_handle = 'A Discord handle has no spaces in it, like ada_fernhill.';
	}

	// Last, so it says what is really wrong with a field that also seems too long, say.
	Object.assign(errors, plainTextErrors(values, { multiline: ['bio', 'offers', 'needs'] }));

	if (Object.keys(errors).length > 0) return { ok: false, errors, values };
	return {
		ok: true,
		values,
		value: {
			profile: {
				display_name: displayName,
				bio,
				pronouns: pronouns || null,
				languages,
				interests,
				practices: practices as Practice[],
				pathway_stage: pathwayStage === '' ? null : (pathwayStage as PathwayStage),
				open_to: openTo as Openness[],
				offers,
				needs,
				website,
				discord_handle: discordHandle || null,
				visibility: visibility as Visibility,
				precision: precision as Precision
			},
			location
		}
	};
}

/**
 * The precision and visibility the form holds, for the preview and the map to show while they
 * are chosen: a value the form does not know shows as the new profile's default.
 */
export function chosenPrivacy(values: Pick<ProfileFormValues, 'precision' | 'visibility'>): {
	precision: Precision;
	visibility: Visibility;
} {
	return {
		precision: isOneOf(PRECISION_VALUES, values.precision) ? values.precision : 'area',
		visibility: isOneOf(VISIBILITY_VALUES, values.visibility) ? values.visibility : 'members'
	};
}

/** The source of the point in the form, if it is one the form knows. */
export function locationSourceOf(values: Pick<ProfileFormValues, 'location_source'>) {
	const source = values.location_source;
	return isOneOf(LOCATION_SOURCES, source) ? source : null;
}

/** A decimal number as people type it: `52.09`, `-0.5`, `.5`, or `52,09` with a decimal comma. */
const DECIMAL = /^[-+−]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

/**
 * The point in the form's coordinate fields, or null while they do not hold one: for the map and
 * the preview, which follow the fields as they are typed in. Saving reads them with messages.
 */
export function pointFromText({ lat, lng }: Pick<ProfileFormValues, 'lat' | 'lng'>): LatLng | null {
	const point = { lat: readDecimal(lat.trim()), lng: readDecimal(lng.trim()) };
	if (point.lat === null || point.lat < -90 || point.lat > 90) return null;
	if (point.lng === null || point.lng < -180 || point.lng > 180) return null;
	return { lat: point.lat, lng: point.lng };
}

/**
 * The point in a form's coordinate fields, with a message for each field that is wrong: no point
 * when both are empty. Shared by every form that takes a place (a profile's, a group's).
 */
export function readPoint({ lat, lng }: { lat: string; lng: string }): {
	point: LatLng | null;
	errors: { lat?: string; lng?: string };
} {
	const latText = lat.trim();
	const lngText = lng.trim();
	if (latText === '' && lngText === '') return { point: null, errors: {} };
	if (latText === '') {
		return {
			point: null,
			errors: { lat: 'Enter a latitude as well as the longitude, or pick the place on the map.' }
		};
	}
	if (lngText === '') {
		return {
			point: null,
			errors: { lng: 'Enter a longitude as well as the latitude, or pick the place on the map.' }
		};
	}
	const latValue = readDecimal(latText);
	const lngValue = readDecimal(lngText);
	const errors: { lat?: string; lng?: string } = {};
	if (latValue === null || latValue < -90 || latValue > 90) {
		errors.lat = 'Latitude must be a number from -90 to 90, like 52.09.';
	}
	if (lngValue === null || lngValue < -180 || lngValue > 180) {
		errors.lng = 'Longitude must be a number from -180 to 180, like 5.12.';
	}
	if (errors.lat || errors.lng || latValue === null || lngValue === null) {
		return { point: null, errors };
	}
	return { point: { lat: latValue, lng: lngValue }, errors };
}

function readDecimal(text: string): number | null {
	if (!DECIMAL.test(text)) return null;
	const value = Number(text.replace(',', '.').replace('−', '-'));
	return Number.isFinite(value) ? value : null;
}

/**
 * Comma-separated tags (interests, languages), trimmed, without empties or repeats (ignoring case),
 * with what is wrong when one is too long or there are too many.
 */
export function readTags(
	text: string,
	{ noun, max }: { noun: string; max: number }
): { tags: string[]; error?: string } {
	const tags: string[] = [];
	const seen = new Set<string>();
	for (const part of text.split(/[,\n]/)) {
		const tag = collapseSpaces(part);
		const key = tag.toLocaleLowerCase();
		if (tag === '' || seen.has(key)) continue;
		seen.add(key);
		tags.push(tag);
	}
	const long = tags.find((tag) => lengthOf(tag) > LIMITS.tag);
	if (long !== undefined) {
		return {
			tags,
			error: `Each ${noun} can be at most ${LIMITS.tag} characters long: “${shorten(long)}” has ${lengthOf(long)}.`
		};
	}
	if (tags.length > max) {
		return {
			tags,
			error: `Add at most ${max} ${noun}s, separated by commas (you have ${tags.length}).`
		};
	}
	return { tags };
}

/** One item per line, trimmed, without empty lines. */
function readLines(
	text: string,
	{ field, noun, errors }: { field: 'offers' | 'needs'; noun: string; errors: ProfileFormErrors }
): string[] {
	const lines = text
		.split(/\r?\n/)
		.map(collapseSpaces)
		.filter((line) => line !== '');
	const longIndex = lines.findIndex((line) => lengthOf(line) > LIMITS.listItem);
	if (longIndex !== -1) {
		errors[field] =
			`Each ${noun} can be at most ${LIMITS.listItem} characters long: line ${longIndex + 1} has ${lengthOf(lines[longIndex])}.`;
	} else if (lines.length > LIMITS.listItems) {
		errors[field] =
			`List at most ${LIMITS.listItems} ${noun}s, one per line (you have ${lines.length}).`;
	}
	return lines;
}

function readWebsite(text: string, errors: ProfileFormErrors): string | null {
	if (text === '') return null;
	if (lengthOf(text) > LIMITS.website) {
		errors.website = tooLong('A website address', LIMITS.website, lengthOf(text));
		return null;
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		errors.website = /^[a-z]+:/i.test(text)
			? 'Enter a website address like https://example.org.'
			: 'Start the website address with https://, like https://example.org.';
		return null;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		errors.website = 'A website address starts with https:// or http://.';
		return null;
	}
	if (!url.hostname.includes('.')) {
		errors.website = 'Enter a website address like https://example.org.';
		return null;
	}
	// The database checks for a lower-case scheme; "HTTPS://Example.org" is the same address.
	return text.replace(/^https?:/i, (scheme) => scheme.toLowerCase());
}

/** Trimmed, with every run of spaces as one. */
export function collapseSpaces(text: string): string {
	return text.trim().replace(/\s+/g, ' ');
}

/** Length in characters as PostgreSQL's `char_length` counts them (code points). */
export function lengthOf(text: string): number {
	return [...text].length;
}

/** "Your name can be at most 80 characters long (it has 81)." */
export function tooLong(what: string, max: number, length: number): string {
	return `${what} can be at most ${max} characters long (it has ${length}).`;
}

function shorten(text: string): string {
	const characters = [...text];
	return characters.length > 24 ? `${characters.slice(0, 24).join('')}…` : text;
}
