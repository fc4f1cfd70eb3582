/**
 * The filters the map and the directory share, and how they live in a URL: repeated parameters
 * for several values (`?open_to=crewing&open_to=mentoring&practice=facilitation&stage=hosting&
 * language=Dutch&q=garden`). Pure, so both pages (and the browser) read URLs the same way.
 */
import type { Json } from '$lib/database.types';
import { OPENNESS_VALUES, PATHWAY_STAGE_VALUES, PRACTICE_VALUES } from '$lib/people/choices';
import { SEARCH_LIMITS } from '$lib/search-limits';

export interface MapFilters {
	/** Anyone open to any of these (openness values). */
	openTo?: string[];
	/** Anyone working with any of these practices. */
	practices?: string[];
	/** Anyone at any of these pathway stages. */
	pathwayStage?: string[];
	/** Anyone speaking any of these languages, compared case-insensitively. */
	languages?: string[];
	/** A case-insensitive part of a name or an interest. */
	q?: string;
	/** Only gatherings starting within this many days (one of `WITHIN_DAYS_CHOICES`). */
	withinDays?: number;
}

/** How far ahead the map can look for gatherings, in days, and how each choice reads. */
export const WITHIN_DAYS_CHOICES = [
	{ value: 7, label: 'In the next week' },
	{ value: 30, label: 'In the next month' },
	{ value: 90, label: 'In the next three months' },
	{ value: 365, label: 'In the next year' }
] as const;

const WITHIN_DAYS_VALUES: readonly number[] = WITHIN_DAYS_CHOICES.map(({ value }) => value);

/** The URL parameter of each filter. */
export const FILTER_PARAMS = {
	openTo: 'open_to',
	practices: 'practice',
	pathwayStage: 'stage',
	languages: 'language',
	q: 'q',
	withinDays: 'within'
} as const satisfies Record<keyof MapFilters, string>;

/** The values the fixed-vocabulary filters accept; languages are free text. */
const KNOWN_VALUES = {
	openTo: OPENNESS_VALUES,
	practices: PRACTICE_VALUES,
	pathwayStage: PATHWAY_STAGE_VALUES
} as const;

/** Longer searches and language names than the profile allows cannot match anyone. */
export const MAX_QUERY_LENGTH = SEARCH_LIMITS.words;
export const MAX_LANGUAGE_LENGTH = SEARCH_LIMITS.language;

/** Trimmed, non-empty, without repeats (languages: ignoring case), in the order given. */
function cleanValues(values: string[], caseInsensitive = false): string[] {
	const seen = new Set<string>();
	const cleaned: string[] = [];
	for (const value of values) {
		const trimmed = value.trim();
		const key = caseInsensitive ? trimmed.toLowerCase() : trimmed;
		if (trimmed === '' || seen.has(key)) continue;
		seen.add(key);
		cleaned.push(trimmed);
	}
	return cleaned;
}

/**
 * The filters in a URL's parameters. Values a filter does not know are left out (see
 * `filterProblems` to tell the visitor); a filter with no values is absent.
 */
export function parseFilters(params: URLSearchParams): MapFilters {
	const filters: MapFilters = {};
	for (const key of ['openTo', 'practices', 'pathwayStage'] as const) {
		const known: readonly string[] = KNOWN_VALUES[key];
		const values = cleanValues(params.getAll(FILTER_PARAMS[key])).filter((value) =>
			known.includes(value)
		);
		if (values.length > 0) filters[key] = values;
	}
	const languages = cleanValues(params.getAll(FILTER_PARAMS.languages), true).filter(
		(language) => language.length <= MAX_LANGUAGE_LENGTH
	);
	if (languages.length > 0) filters.languages = languages;
	const q = params.get(FILTER_PARAMS.q)?.trim() ?? '';
	if (q !== '' && q.length <= MAX_QUERY_LENGTH) filters.q = q;
	const within = Number(params.get(FILTER_PARAMS.withinDays));
	if (WITHIN_DAYS_VALUES.includes(within)) filters.withinDays = within;
	return filters;
}

/** What is wrong with a URL's filters, one sentence each, naming the parameter and the reason. */
export function filterProblems(params: URLSearchParams): string[] {
	const problems: string[] = [];
	for (const key of ['openTo', 'practices', 'pathwayStage'] as const) {
		const known: readonly string[] = KNOWN_VALUES[key];
		for (const value of cleanValues(params.getAll(FILTER_PARAMS[key]))) {
			if (!known.includes(value)) {
				problems.push(
					`“${value}” is not a choice for ${FILTER_PARAMS[key]}: use one of ${known.join(', ')}.`
				);
			}
		}
	}
	for (const language of cleanValues(params.getAll(FILTER_PARAMS.languages), true)) {
		if (language.length > MAX_LANGUAGE_LENGTH) {
			problems.push(`A language is at most ${MAX_LANGUAGE_LENGTH} characters long.`);
		}
	}
	if ((params.get(FILTER_PARAMS.q)?.trim().length ?? 0) > MAX_QUERY_LENGTH) {
		problems.push(`A search is at most ${MAX_QUERY_LENGTH} characters long.`);
	}
	const within = params.get(FILTER_PARAMS.withinDays)?.trim() ?? '';
	if (within !== '' && !WITHIN_DAYS_VALUES.includes(Number(within))) {
		problems.push(
			`“${within}” is not a choice for ${FILTER_PARAMS.withinDays}: use one of ${WITHIN_DAYS_VALUES.join(', ')} (days).`
		);
	}
	return problems;
}

/** The URL parameters for filters, in a stable order, so equal filters make equal URLs. */
export function filtersToSearchParams(filters: MapFilters): URLSearchParams {
	const params = new URLSearchParams();
	for (const key of ['openTo', 'practices', 'pathwayStage', 'languages'] as const) {
		for (const value of filters[key] ?? []) params.append(FILTER_PARAMS[key], value);
	}
	if (filters.q) params.set(FILTER_PARAMS.q, filters.q);
	if (filters.withinDays) params.set(FILTER_PARAMS.withinDays, String(filters.withinDays));
	return params;
}

/**
 * How many choices narrow the list: each ticked value, each language and the search count one,
 * as the visitor made them (two boxes ticked under "Open to" are two).
 */
export function countActiveFilters(filters: MapFilters): number {
	return [...filtersToSearchParams(filters).keys()].length;
}

/** Whether any filter narrows the list. */
export function hasFilters(filters: MapFilters): boolean {
	return filtersToSearchParams(filters).toString() !== '';
}

/** The `filters` argument of the map_items and directory_page database functions. */
export function filtersForDatabase(filters: MapFilters): { [key: string]: Json } {
	const json: { [key: string]: Json } = {};
	if (filters.openTo?.length) json.open_to = filters.openTo;
	if (filters.practices?.length) json.practices = filters.practices;
	if (filters.pathwayStage?.length) json.pathway_stage = filters.pathwayStage;
	if (filters.languages?.length) json.languages = filters.languages;
	if (filters.q) json.q = filters.q;
	if (filters.withinDays) json.within_days = filters.withinDays;
	return json;
}
