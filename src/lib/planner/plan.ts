/**
 * What the planner shows about a region: the database's `plan_region` answer (only people the
 * member may see, each where the map shows them to this member and never finer), the fairest
 * meeting point for the people there who are open to gatherings, and the towns near it.
 */
import type { LatLng } from '$lib/geo/cells';
import { sharesWithin, type ShareWithin, type WeightedPlace } from './meeting-point';

/** The region as the database settled it: a circle (a congregation's too) or a country. */
export interface PlanRegion {
	lat: number;
	lng: number;
	radius_km: number | null;
	country: string | null;
	/** The country's or the congregation's name; null for a circle. */
	label: string | null;
}

/** A published cell in the region, and how many there the member may see. */
export interface PlanCell {
	cell: string;
	lat: number;
	lng: number;
	label: string | null;
	people: number;
	open_to_gatherings: number;
}

export interface PlanGroup {
	id: string;
	kind: 'crew' | 'congregation';
	name: string;
	area_label: string | null;
	lat: number;
	lng: number;
}

/** What `plan_region(region)` answers. */
export interface RegionPlan {
	region: PlanRegion;
	cells: PlanCell[];
	groups: PlanGroup[];
	totals: { people: number; open_to_gatherings: number; crews: number; congregations: number };
}

/** A row of `nearest_towns`: a gazetteer place and its distance from the meeting point. */
export interface Town {
	id: number;
	name: string;
	country_code: string;
	region: string | null;
	population: number;
	lat: number;
	lng: number;
	distance_km: number;
}

export interface SuggestedTown extends Town {
	/** How many of the people open to gatherings live within 50, 100 and 200 km of it. */
	shares: ShareWithin[];
}

/** The fairest point for the people open to gatherings, and the towns to meet in near it. */
export interface MeetingSuggestion {
	point: LatLng;
	towns: SuggestedTown[];
}

/** The people open to gatherings, by place: what the meeting point is fair to. */
export function openToGatherings(plan: Pick<RegionPlan, 'cells'>): WeightedPlace[] {
	return plan.cells
		.filter((cell) => cell.open_to_gatherings > 0)
		.map(({ lat, lng, open_to_gatherings }) => ({ lat, lng, weight: open_to_gatherings }));
}

/** Each town with the share of the people open to gatherings within 50, 100 and 200 km of it. */
export function withShares(
	towns: readonly Town[],
	places: readonly WeightedPlace[]
): SuggestedTown[] {
	return towns.map((town) => ({ ...town, shares: sharesWithin(town, places) }));
}

/** A gathering's `invite_region`: who is invited when it is published. */
export type InviteRegion = { lat: number; lng: number; radius_km: number } | { country: string };

/**
 * The region planned, as a gathering keeps it to invite the people in it: a country as a country,
 * a circle (a congregation's too) as a circle, its radius rounded up to a whole km so that
 * nobody counted in the plan is left out of the invitations.
 */
export function inviteRegionOf(region: PlanRegion): InviteRegion {
	if (region.country) return { country: region.country };
	return { lat: region.lat, lng: region.lng, radius_km: Math.ceil(region.radius_km ?? 1) };
}

/** "Leeds, GB": a town as the suggestions and the draft's name say it. */
export function townName(town: Pick<Town, 'name' | 'region' | 'country_code'>): string {
	return [town.name, town.region, town.country_code].filter(Boolean).join(', ');
}

/** A share as a whole percentage: "40%". */
export function percent(share: number): string {
	return `${Math.round(share * 100)}%`;
}
