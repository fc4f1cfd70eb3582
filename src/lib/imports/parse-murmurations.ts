/**
 * A movement's people as Murmurations profiles (https://murmurations.network, the `people_schema`
 * and `organizations_schema` fields): a JSON array of profiles, or the index's answer
 * `{ "data": [...] }`. Each entry gives
 *
 * - `name`;
 * - its address, `primary_url` or `profile_url` (or `url`): the same profile in a later file is
 *   the same person;
 * - a point, `geolocation: { lat, lon }` or `latitude` and `longitude`, or else a place,
 *   `locality` with `country_iso_3166` or `country_name`;
 * - an address to invite, `email` or `contact_details.email`. Murmurations profiles are public and
 *   most carry none: those are reported and skipped, as nobody is put on the map uninvited.
 *
 * Problems name the entry's place in the list (from 1) and its address.
 *
 * Imports stay relative: `npm run import` runs this outside SvelteKit.
 */
import {
	ImportFileError,
	normaliseEmail,
	problemWith,
	readCoordinate,
	readPrecision,
	readVisibility,
	type ImportRow,
	type ParsedList
} from './import-row';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** The profiles of a Murmurations file: an array, or an index answer's `data`. */
function profilesOf(document: unknown): unknown[] {
	if (Array.isArray(document)) return document;
	if (isObject(document) && Array.isArray(document.data)) return document.data;
	if (isObject(document) && text(document.name)) return [document];
	throw new ImportFileError(
		'the JSON is neither an array of Murmurations profiles nor an object with a "data" array of them'
	);
}

export function parseMurmurations(json: string): ParsedList {
	let document: unknown;
	try {
		document = JSON.parse(json);
	} catch (error) {
		throw new ImportFileError(`the file is not JSON: ${(error as Error).message}`);
	}
	const result: ParsedList = { rows: [], problems: [] };
	profilesOf(document).forEach((profile, index) => {
		const line = index + 1;
		if (!isObject(profile)) {
			result.problems.push({ line, message: `entry ${line}: not a profile (an object)` });
			return;
		}
		const url = text(profile.primary_url) || text(profile.profile_url) || text(profile.url);
		const where = url ? `entry ${line} (${url})` : `entry ${line}`;
		const problem = (message: string) =>
			result.problems.push({ line, message: `${where}: ${message}` });

		const contact = isObject(profile.contact_details) ? profile.contact_details : {};
		const email = normaliseEmail(text(profile.email) || text(contact.email));
		const geolocation = isObject(profile.geolocation) ? profile.geolocation : {};
		const rawLat = geolocation.lat ?? profile.latitude;
		const rawLng = geolocation.lon ?? geolocation.lng ?? profile.longitude;
		const lat = readCoordinate(rawLat, 90);
		const lng = readCoordinate(rawLng, 180);
		if (lat === null || lng === null) {
			problem(`the point (${String(rawLat)}, ${String(rawLng)}) is not a latitude and a longitude`);
			return;
		}
		const visibility = readVisibility(text(profile.visibility));
		const precision = readPrecision(text(profile.precision));
		if (visibility === null || precision === null) {
			problem('visibility or precision is not one the map knows');
			return;
		}
		const place = text(profile.locality);
		const country = text(profile.country_iso_3166) || text(profile.country_name);
		const row: ImportRow = {
			line,
			name: text(profile.name),
			email,
			...(lat !== undefined && lng !== undefined
				? { lat, lng }
				: place
					? { place, ...(country ? { country } : {}) }
					: {}),
			...(visibility ? { visibility } : {}),
			...(precision ? { precision } : {}),
			...(url ? { profile_url: url } : {})
		};
		const missing = problemWith(row);
		if (missing) problem(missing);
		else result.rows.push(row);
	});
	return result;
}
