/**
 * One person of a list a movement brings (`npm run import`), as both parsers give it and the
 * database's `stage_imports` takes it. Pure: no I/O, so the parsers' tests give exact values.
 *
 * Imports stay relative: `npm run import` runs this outside SvelteKit.
 */
import { PRECISION_VALUES, VISIBILITY_VALUES, isOneOf } from '../people/choices';
import type { Precision, Visibility } from '../people/choices';

export interface ImportRow {
	/** Where the person is in the file: the CSV line their row starts on, or the JSON entry (from 1). */
	line: number;
	name: string;
	email: string;
	/** An exact point, or else `place` (and `country`), which the database finds in the gazetteer. */
	lat?: number;
	lng?: number;
	place?: string;
	/** A country's ISO code or English name, to tell places of the same name apart. */
	country?: string;
	visibility?: Visibility;
	precision?: Precision;
	/** A Murmurations profile's address: the same profile in a later file is the same person. */
	profile_url?: string;
	external_id?: string;
}

/** A row that cannot be imported, and why, with where it is in the file. */
export interface ImportProblem {
	line: number;
	message: string;
}

export interface ParsedList {
	rows: ImportRow[];
	problems: ImportProblem[];
}

/** A file that cannot be read at all (no header, bad JSON): nothing of it is imported. */
export class ImportFileError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ImportFileError';
	}
}

/** A plausible address, as the database checks it too; lower case and trimmed. */
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function normaliseEmail(value: string): string {
	return value.trim().toLowerCase();
}

export function isEmail(value: string): boolean {
	return EMAIL.test(value) && value.length <= 254;
}

/** The words people write for each visibility, as well as the database's own. */
const VISIBILITY_WORDS: Record<string, Visibility> = {
	everyone: 'public',
	'only me': 'only_me',
	'only-me': 'only_me',
	private: 'only_me'
};

/** British and American spellings both. */
const PRECISION_WORDS: Record<string, Precision> = { neighborhood: 'neighbourhood' };

export function readVisibility(value: string): Visibility | undefined | null {
	const word = value.trim().toLowerCase();
	if (!word) return undefined;
	const visibility = VISIBILITY_WORDS[word] ?? word;
	return isOneOf(VISIBILITY_VALUES, visibility) ? visibility : null;
}

export function readPrecision(value: string): Precision | undefined | null {
	const word = value.trim().toLowerCase();
	if (!word) return undefined;
	const precision = PRECISION_WORDS[word] ?? word;
	return isOneOf(PRECISION_VALUES, precision) ? precision : null;
}

/**
 * A coordinate from a file: a number within `limit` either side of zero, undefined when empty,
 * null when it is not one.
 */
export function readCoordinate(value: unknown, limit: number): number | undefined | null {
	if (value === undefined || value === null || value === '') return undefined;
	const number = typeof value === 'number' ? value : Number(String(value).trim());
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return Number.isFinite(number) && Math.abs(number) <= limit ? number : null;
}

/**
 * "Utrecht, NL" or "Bristol, United Kingdom": the place and its country; "Utrecht": the place
 * alone. Only the last comma separates them, so "Washington, D.C., US" keeps its own.
 */
export function splitPlace(value: string): { place?: string; country?: string } {
	const text = value.trim();
	if (!text) return {};
	const comma = text.lastIndexOf(',');
	if (comma < 0) return { place: text };
	const place = text.slice(0, comma).trim();
	const country = text.slice(comma + 1).trim();
	return country && place ? { place, country } : { place: place || country };
}

/**
 * Checks what every row needs, whichever file it came from: a name, an address, and a point or a
 * place. Returns the problem's words, or null when the row is good.
 */
export function problemWith(row: Partial<ImportRow>): string | null {
	if (!row.email) return 'no email address: the person cannot be invited';
	if (!isEmail(row.email)) return `“${row.email}” is not an email address`;
	if (!row.name) return 'no name';
	if (row.name.length > 80) return 'the name is longer than 80 characters';
	if (row.lat === undefined && row.lng === undefined && !row.place) {
		return 'no place and no coordinates';
	}
	return null;
}
