import type { Enums } from '$lib/database.types';
import { DEFAULT_WITHIN_KM } from '$lib/groups/group-filters';
import { GATHERING_KIND_NAMES } from '$lib/groups/wording';

/**
 * What a public feed's URL asks for: `/gatherings/feed.ics?kind=camp&kind=call&country=GB`, or
 * `?near=Utrecht&within=100` (a place's gazetteer id or name, and km around it). Pure, so the
 * route and the feeds' own page (/settings/calendar) read and write it alike.
 */

type GatheringKind = Enums<'gathering_kind'>;

export interface FeedQuery {
	/** Only these kinds; none means every kind. */
	kinds: GatheringKind[];
	/** An ISO 3166 alpha-2 code ('GB'), or null for every country. */
	country: string | null;
	/** What the URL gave as the place to measure from, or null. */
	near: string | null;
	/** How far from `near`, in km. */
	withinKm: number;
}

/** How far around a place a feed may reach, as the list's database function allows. */
export const FEED_KM = { min: 10, max: 2000 };

const KINDS = Object.keys(GATHERING_KIND_NAMES) as GatheringKind[];

export function parseFeedQuery(
	params: URLSearchParams
): { query: FeedQuery } | { problem: string } {
	const kinds = params.getAll('kind').flatMap((value) => value.split(','));
	for (const kind of kinds) {
		if (!KINDS.includes(kind as GatheringKind)) {
			return { problem: `“${kind}” is not a kind of gathering: use ${KINDS.join(', ')}.` };
		}
	}
	const country = params.get('country')?.trim().toUpperCase() || null;
	if (country !== null && !/^[A-Z]{2}$/.test(country)) {
		return { problem: 'country is a two-letter country code, such as GB or NL.' };
	}
	const near = params.get('near')?.trim() || null;
	const within = params.get('within')?.trim() || null;
	if (within !== null && near === null) {
		return { problem: 'within needs near: the place to measure from.' };
	}
	if (
		within !== null &&
		(!/^\d+$/.test(within) || +within < FEED_KM.min || +within > FEED_KM.max)
	) {
		return {
			problem: `within is a distance in km, a whole number from ${FEED_KM.min} to ${FEED_KM.max}.`
		};
	}
	return {
		query: {
			kinds: [...new Set(kinds as GatheringKind[])],
			country,
			near,
			withinKm: within === null ? DEFAULT_WITHIN_KM : Number(within)
		}
	};
}

/** The URL search of a feed that asks for `query` ('' when it asks for everything). */
export function feedSearch(query: Partial<FeedQuery>): string {
	const params = new URLSearchParams();
	for (const kind of query.kinds ?? []) params.append('kind', kind);
	if (query.country) params.set('country', query.country);
	if (query.near) {
		params.set('near', query.near);
		params.set('within', String(query.withinKm ?? DEFAULT_WITHIN_KM));
	}
	const search = params.toString();
	return search ? `?${search}` : '';
}
