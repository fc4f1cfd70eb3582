/**
 * A movement's list as a CSV file (RFC 4180): a header row naming the columns, in any order and
 * case, then one person a row. Fields may be quoted ("Smith, Ann"), with "" for a quote inside
 * and line breaks inside quotes; a byte-order mark and blank lines are ignored.
 *
 * Columns: name, email, and either place (with an optional country) or lat and lng (latitude and
 * longitude, lon, long); optional visibility, precision and id. Each problem names its line.
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
	splitPlace,
	type ImportRow,
	type ParsedList
} from './import-row';

/** The names each column goes by in a header, in lower case. */
const COLUMN_NAMES = {
	name: ['name', 'display_name', 'full name'],
	email: ['email', 'e-mail', 'email address'],
	place: ['place', 'city', 'town', 'locality'],
	country: ['country', 'country_code'],
	lat: ['lat', 'latitude'],
	lng: ['lng', 'lon', 'long', 'longitude'],
	visibility: ['visibility', 'who sees'],
	precision: ['precision'],
	id: ['id', 'external_id']
} as const;

type Column = keyof typeof COLUMN_NAMES;

interface Record {
	/** The line the record starts on, from 1. */
	line: number;
	fields: string[];
}

/** Splits CSV text into records, with the line each one starts on. */
export function csvRecords(text: string): Record[] {
	const records: Record[] = [];
	let fields: string[] = [];
	let field = '';
	let quoted = false;
	let line = 1;
	let startLine = 1;
	let fieldStarted = false;
	const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const endRecord = () => {
		fields.push(field);
		// A blank line is no record.
		if (fields.length > 1 || fields[0] !== '') records.push({ line: startLine, fields });
		fields = [];
		field = '';
		fieldStarted = false;
	};
	for (let index = 0; index < source.length; index++) {
		const char = source[index];
		if (quoted) {
			if (char === '"') {
				if (source[index + 1] === '"') {
					field += '"';
					index++;
				} else {
					quoted = false;
				}
			} else {
				if (char === '\n') line++;
				field += char;
			}
			continue;
		}
		if (char === '"' && !fieldStarted) {
			quoted = true;
			fieldStarted = true;
		} else if (char === ',') {
			fields.push(field);
			field = '';
			fieldStarted = false;
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && source[index + 1] === '\n') index++;
			endRecord();
			line++;
			startLine = line;
		} else {
			field += char;
			fieldStarted = true;
		}
	}
	if (quoted) throw new ImportFileError(`line ${startLine}: a quoted field is never closed`);
	if (field !== '' || fields.length > 0) endRecord();
	return records;
}

/** Which field of a record holds each column, from the header. */
function readHeader(header: Record): Partial<{ [column in Column]: number }> {
	const found: Partial<{ [column in Column]: number }> = {};
	header.fields.forEach((raw, index) => {
		const name = raw.trim().toLowerCase();
		for (const [column, names] of Object.entries(COLUMN_NAMES) as [Column, readonly string[]][]) {
			if (names.includes(name) && found[column] === undefined) found[column] = index;
		}
	});
	const missing = [
		found.name === undefined && 'name',
		found.email === undefined && 'email',
		found.place === undefined &&
			(found.lat === undefined || found.lng === undefined) &&
			'place (or lat and lng)'
	].filter(Boolean);
	if (missing.length > 0) {
		throw new ImportFileError(
			`line ${header.line}: the header has no ${missing.join(', no ')} column; it names ${header.fields
				.map((field) => `“${field.trim()}”`)
				.join(', ')}`
		);
	}
	return found;
}

export function parseCsv(text: string): ParsedList {
	const [header, ...records] = csvRecords(text);
	if (!header)
		throw new ImportFileError('the file is empty: it needs a header row and a row a person');
	const columns = readHeader(header);
	const result: ParsedList = { rows: [], problems: [] };
	for (const record of records) {
		const field = (column: Column) => {
			const index = columns[column];
			return index === undefined ? '' : (record.fields[index] ?? '').trim();
		};
		const problem = (message: string) =>
			result.problems.push({ line: record.line, message: `line ${record.line}: ${message}` });

		const lat = readCoordinate(field('lat'), 90);
		const lng = readCoordinate(field('lng'), 180);
		const visibility = readVisibility(field('visibility'));
		const precision = readPrecision(field('precision'));
		if (lat === null) {
			problem(`latitude “${field('lat')}” is not a number from -90 to 90`);
			continue;
		}
		if (lng === null) {
			problem(`longitude “${field('lng')}” is not a number from -180 to 180`);
			continue;
		}
		if ((lat === undefined) !== (lng === undefined)) {
			problem('a point needs both lat and lng');
			continue;
		}
		if (visibility === null) {
			problem(
				`visibility “${field('visibility')}” is not one of public, members, crewmates, only_me`
			);
			continue;
		}
		if (precision === null) {
			problem(
				`precision “${field('precision')}” is not one of neighbourhood, town, area, region, country`
			);
			continue;
		}
		const row: ImportRow = {
			line: record.line,
			name: field('name'),
			email: normaliseEmail(field('email')),
			...(lat !== undefined && lng !== undefined
				? { lat, lng }
				: field('country')
					? { place: field('place'), country: field('country') }
					: splitPlace(field('place'))),
			...(visibility ? { visibility } : {}),
			...(precision ? { precision } : {}),
			...(field('id') ? { external_id: field('id') } : {})
		};
		const missing = problemWith(row);
		if (missing) problem(missing);
		else result.rows.push(row);
	}
	return result;
}
