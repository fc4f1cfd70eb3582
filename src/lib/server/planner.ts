import { fail, redirect, type ActionFailure } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { placeGuessNotice } from '$lib/directory/directory';
import { allDayBounds } from '$lib/gatherings/time';
import type { LatLng } from '$lib/geo/cells';
import { meetingAreaCell } from '$lib/groups/group-form';
import { geometricMedian } from '$lib/planner/meeting-point';
import {
	openToGatherings,
	withShares,
	type MeetingSuggestion,
	type RegionPlan,
	type Town
} from '$lib/planner/plan';
import {
	checkProposal,
	proposalDefaults,
	type ProposalErrors,
	type ProposalValues
} from '$lib/planner/proposal';
import {
	planRegionArgument,
	type ParsedRegion,
	type PlanRegionArgument,
	type RegionErrors
} from '$lib/planner/region-choice';
import { createGathering } from './gatherings';
import { listCongregations } from './groups';
import { findPlace } from './places';
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
		near_lat: lat,
		near_lng: lng,
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

/** What the planner page shows, beside the forms choosing a region. */
export type PlanView =
	| { kind: 'choose' }
	| { kind: 'refused'; refusal: string }
	| {
			kind: 'plan';
			plan: RegionPlan;
			suggestion: MeetingSuggestion | null;
			/** Said when the place typed was not found by its name, and the closest match was used. */
			placeNotice: string | null;
			/** The proposal form's first values: the first suggested town, eight weeks ahead. */
			proposal: ProposalValues | null;
	  };

/** What the page needs for a region chosen in its URL (the forms' choices come with it). */
export async function readPlanPage(
	supabase: Client,
	{ parsed, today }: { parsed: ParsedRegion; today: string }
): Promise<{
	view: PlanView;
	errors: RegionErrors;
	countries: { code: string; name: string }[];
	congregations: { id: string; name: string }[];
}> {
	const [countries, congregations] = await Promise.all([
		listCountries(supabase),
		listCongregations(supabase)
	]);
	const lists = { countries, congregations };
	const errors = { ...parsed.errors };
	const choice = parsed.choice;
	if (!choice) return { view: { kind: 'choose' }, errors, ...lists };

	let region: PlanRegionArgument;
	let placeNotice: string | null = null;
	if (choice.kind === 'place') {
		const place = await findPlace(supabase, choice.near);
		if (!place) {
			errors.near = `No place called “${choice.near}” is known here: try the nearest town or city.`;
			return { view: { kind: 'choose' }, errors, ...lists };
		}
		placeNotice = placeGuessNotice(choice.near, place);
		region = { lat: place.lat, lng: place.lng, radius_km: choice.radiusKm };
	} else {
		region = planRegionArgument(choice);
	}

	const answer = await readRegionPlan(supabase, region);
	if (!answer.ok) return { view: { kind: 'refused', refusal: answer.refusal }, errors, ...lists };
	const plan = answer.value;
	const suggestion = await suggestMeetingPoint(supabase, plan);
	const [firstTown] = suggestion?.towns ?? [];
	const proposal = firstTown
		? proposalDefaults({ townId: firstTown.id, townName: firstTown.name, today })
		: null;
	return { view: { kind: 'plan', plan, suggestion, placeNotice, proposal }, errors, ...lists };
}

/** What a refused proposal hands back to the page: the form as typed, and what to fix. */
export interface ProposalState {
	proposalValues: ProposalValues;
	proposalErrors: ProposalErrors;
}

const NOT_PROPOSED =
	'The gathering could not be made just now. Everything you chose is still here: try again in a moment.';

/**
 * Makes the draft gathering a proposal asks for, in the chosen town's area (a cell no finer than
 * a town), on its first day (all day, in its time zone), with the region to invite when it is
 * published; then goes to its edit page, where the hosts set the rest.
 */
export async function proposeGathering(
	supabase: Client,
	{ formData, today }: { formData: FormData; today: string }
): Promise<ActionFailure<ProposalState>> {
	const checked = checkProposal(formData, today);
	if (!checked.ok) {
		return fail(400, { proposalValues: checked.values, proposalErrors: checked.errors });
	}
	const { proposal, values } = checked;
	let created: Outcome<string>;
	try {
		const town = await findPlace(supabase, String(proposal.townId));
		if (!town) {
			return fail(400, {
				proposalValues: values,
				proposalErrors: { town: 'Choose one of the suggested towns.' }
			});
		}
		const { startsAt, endsAt } = allDayBounds({
			firstDay: proposal.firstDay,
			lastDay: proposal.firstDay,
			timeZone: proposal.timeZone
		});
		// A draft with the visitor as its host (the database makes every new one so), or its refusal.
		created = await createGathering(supabase, {
			gathering: {
				kind: proposal.kind,
				name: proposal.name,
				starts_at: startsAt,
				ends_at: endsAt,
				time_zone: proposal.timeZone,
				all_day: true,
				area_cell: meetingAreaCell(town),
				meeting_mode: 'in_person'
			},
			venue: null,
			inviteRegion: proposal.inviteRegion
		});
	} catch (error) {
		console.error('Proposing a gathering failed', error);
		return fail(503, { proposalValues: values, proposalErrors: { form: NOT_PROPOSED } });
	}
	if (!created.ok) {
		return fail(409, { proposalValues: values, proposalErrors: { form: created.refusal } });
	}
	redirect(303, `/gatherings/${created.value}/edit`);
}
