/**
 * The filters of the gatherings list (`/gatherings`), and how they live in its URL:
 * `?when=past&kind=camp&kind=call&from=2027-06-01&to=2027-08-31&near=Ghent&km=100&q=summer&page=2`.
 * Pure, so the page's load and its form read URLs the same way.
 */
import { WITHIN_KM_CHOICES, DEFAULT_WITHIN_KM } from '$lib/groups/group-filters';
import { isOneOf } from '$lib/people/choices';
import { SEARCH_LIMITS } from '$lib/search-limits';
import { GATHERING_KIND_CHOICES, type GatheringKind } from './wording';

export { WITHIN_KM_CHOICES };

export type GatheringWhen = 'upcoming' | 'past';

export interface GatheringFilters {
	/** Upcoming ones soonest first, or past ones latest first. */
	when: GatheringWhen;
	/** Only these kinds; none means every kind. */
	kinds: GatheringKind[];
	/** Only those running on or after this day (`YYYY-MM-DD`), or ''. */
	from: string;
	/** Only those running on or before this day, or ''. */
	to: string;
	/** Words in the name or description, or ''. */
	q: string;
	/** What the visitor typed as the place to measure from (`near`), or ''. */
	near: string;
	/** How far from the place, in km (`km`). */
	withinKm: number;
}

/** The URL parameter of each filter. */
export const GATHERING_FILTER_PARAMS = {
	when: 'when',
	kinds: 'kind',
	from: 'from',
	to: 'to',
	q: 'q',
	near: 'near',
	withinKm: 'km'
} as const satisfies Record<keyof GatheringFilters, string>;

/** The longest search text the list takes: a few words, not an essay. */
export const MAX_QUERY_LENGTH = SEARCH_LIMITS.words;

const KIND_VALUES: readonly GatheringKind[] = GATHERING_KIND_CHOICES.map(({ value }) => value);
const WITHIN_KM_VALUES: readonly number[] = WITHIN_KM_CHOICES.map(({ value }) => value);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is a real calendar day written `YYYY-MM-DD` (no 31 February). */
export function isIsoDay(text: string): boolean {
	if (!ISO_DAY.test(text)) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/**
 * The filters in a URL's parameters, and what is wrong with them, one sentence each naming the
 * parameter and the reason.
 */
export function parseGatheringFilters(params: URLSearchParams): {
	filters: GatheringFilters;
	problems: string[];
} {
	const problems: string[] = [];
	const read = (name: string) => params.get(name)?.trim() ?? '';

	const when = read(GATHERING_FILTER_PARAMS.when);
	if (when !== '' && when !== 'upcoming' && when !== 'past') {
		problems.push(`“${when}” is not a time to list: use upcoming or past.`);
	}

	const kinds: GatheringKind[] = [];
	for (const kind of params.getAll(GATHERING_FILTER_PARAMS.kinds).map((value) => value.trim())) {
		if (kind === '') continue;
		if (isOneOf(KIND_VALUES, kind)) {
			if (!kinds.includes(kind)) kinds.push(kind);
		} else problems.push(`“${kind}” is not a kind of gathering: use ${KIND_VALUES.join(', ')}.`);
	}

	const day = (name: string, words: string) => {
		const value = read(name);
		if (value !== '' && !isIsoDay(value)) {
			problems.push(`“${value}” is not a day to list ${words}: write it as 2027-07-01.`);
			return '';
		}
		return value;
	};
	const from = day(GATHERING_FILTER_PARAMS.from, 'from');
	const to = day(GATHERING_FILTER_PARAMS.to, 'to');
	if (from && to && to < from) {
		problems.push(`The last day (${to}) is before the first (${from}): swap them, or clear one.`);
	}

	const q = read(GATHERING_FILTER_PARAMS.q);
	if ([...q].length > MAX_QUERY_LENGTH) {
		problems.push(`Search for at most ${MAX_QUERY_LENGTH} characters of a name or description.`);
	}

	const km = read(GATHERING_FILTER_PARAMS.withinKm);
	let withinKm = DEFAULT_WITHIN_KM;
	if (WITHIN_KM_VALUES.includes(Number(km))) withinKm = Number(km);
	else if (km !== '') {
		problems.push(
			`“${km}” is not a distance to look within: use one of ${WITHIN_KM_VALUES.join(', ')} (km).`
		);
	}

	return {
		filters: {
			when: when === 'past' ? 'past' : 'upcoming',
			kinds,
			from,
			to,
			q,
			near: read(GATHERING_FILTER_PARAMS.near),
			withinKm
		},
		problems
	};
}

/** How many filters narrow the list (upcoming or past is not a filter: it is which list). */
export function countGatheringFilters(filters: GatheringFilters): number {
	return [filters.kinds.length > 0, filters.from, filters.to, filters.q, filters.near].filter(
		Boolean
	).length;
}

/** The filters as `gathering_page` takes them (see the gatherings migration). */
export function databaseFilters(filters: GatheringFilters): Record<string, unknown> {
	return {
		when: filters.when,
		...(filters.kinds.length > 0 ? { kinds: filters.kinds } : {}),
		...(filters.from ? { from: filters.from } : {}),
		...(filters.to ? { to: filters.to } : {}),
		...(filters.q ? { q: filters.q } : {})
	};
}
