import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, TablesInsert } from '$lib/database.types';
import type { LatLng } from '$lib/geo/cells';
import { geometricMedian } from '$lib/planner/meeting-point';
import {
	openToGatherings,
	withShares,
	type MeetingSuggestion,
	type RegionPlan,
	type Town
} from '$lib/planner/plan';
import type { PlanRegionArgument } from '$lib/planner/region-choice';
import { QueryError, refusable, type Outcome } from './query-error';

/**
 * The regional planner, with the visitor's own request-scoped client: `plan_region` counts only
 * the people the visitor may see, each where the map shows them to the visitor, and a proposed
 * gathering is the visitor's own draft.
 */
type Client = SupabaseClient<Database>;

/** How many towns near the meeting point to suggest. */
export const SUGGESTED_TOWNS = 3;

/** What a region holds for this member, or the database's refusal (a bad region, no such congregation). */
export async function readRegionPlan(
	supabase: Client,
	region: PlanRegionArgument
): Promise<Outcome<RegionPlan>> {
	const answer = await refusable('plan the region', supabase.rpc('plan_region', { region }));
	return answer.ok ? { ok: true, value: answer.value as unknown as RegionPlan } : answer;
}

/** The gazetteer's towns nearest a point, nearest first. */
export async function readNearestTowns(supabase: Client, { lat, lng }: LatLng): Promise<Town[]> {
	const { data, error } = await supabase.rpc('nearest_towns', {
		lat,
		lng,
		max_results: SUGGESTED_TOWNS
	});
	if (error) throw new QueryError('find the towns near the meeting point', error);
	return data;
}

/**
 * The fairest meeting point for the people in the plan who are open to gatherings, with the towns
 * near it and the share of those people within 50, 100 and 200 km of each; null when nobody there
 * is open to gatherings.
 */
export async function suggestMeetingPoint(
	supabase: Client,
	plan: RegionPlan
): Promise<MeetingSuggestion | null> {
	const places = openToGatherings(plan);
	const point = geometricMedian(places);
	if (!point) return null;
	const towns = await readNearestTowns(supabase, point);
	return { point, towns: withShares(towns, places) };
}

/** The countries to plan for, by name. */
export async function listCountries(supabase: Client): Promise<{ code: string; name: string }[]> {
	const { data, error } = await supabase.from('countries').select('code, name').order('name');
	if (error) throw new QueryError('list the countries', error);
	return data;
}

export type ProposedGathering = Pick<
	TablesInsert<'gatherings'>,
	| 'kind'
	| 'name'
	| 'starts_at'
	| 'ends_at'
	| 'time_zone'
	| 'all_day'
	| 'area_cell'
	| 'invite_region'
	| 'meeting_mode'
>;

/**
 * The insert trigger's refusals, written for people: past ten a day (P0001), a profile not yet
 * finished (42501). Row-level security's own 42501 comes only to non-members, whom the page has
 * sent to sign in before they get here.
 */
const REFUSALS = new Set(['P0001', '42501']);

/**
 * Makes a draft gathering with the visitor as its host (the database makes every new one a draft,
 * and its creator a host): its id, or the database's refusal in its own words.
 */
export async function createDraftGathering(
	supabase: Client,
	gathering: ProposedGathering
): Promise<Outcome<string>> {
	const { data, error } = await supabase.from('gatherings').insert(gathering).select('id').single();
	if (error && REFUSALS.has(error.code)) return { ok: false, refusal: error.message };
	if (error) throw new QueryError('make the draft gathering', error);
	return { ok: true, value: data.id };
}
