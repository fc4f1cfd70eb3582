/**
 * The crew radar: how many people open to crewing are within a radius of the visitor, as the
 * database's `crew_radar` counts them (only people the visitor may see, at the place the map shows
 * them to the visitor, never finer), its standing alerts, and starting a crew with people on it.
 */
import type { FieldOption } from '$lib/components/Field.svelte';
import type { Tables } from '$lib/database.types';
import { boundsOfPoints } from '$lib/geo/view-boxes';
import { cameraDefaults, type CameraPosition } from '$lib/map/camera';
import type { PlaceCount } from '$lib/map/map-items';
import { isUuid } from '$lib/uuid';

/** A place on the radar: a published cell, where the map shows it, and how many are in it. */
export interface RadarCell {
	cell: string;
	lat: number;
	lng: number;
	place_label: string | null;
	count: number;
}

/** Someone on the radar, as the visitor may see them. */
export interface RadarPerson {
	id: string;
	display_name: string;
	place_label: string | null;
}

/** What `crew_radar(radius_km)` answers. */
export interface CrewRadar {
	radius_km: number;
	/** The visitor's own place, at their own precision. */
	place_label: string | null;
	/** Everyone counted: the cells' counts add up to it, and the people are as many. */
	total: number;
	/** Most first. */
	cells: RadarCell[];
	/** Nearest first. */
	people: RadarPerson[];
}

/** Why the radar cannot count for this visitor yet, from the function's hint. */
export type RadarHint = 'not_open_to_crewing' | 'no_place';

export type RadarAlert = Pick<
	Tables<'radar_alerts'>,
	'id' | 'min_people' | 'radius_km' | 'created_at' | 'fired_at'
>;

/** The radii the database accepts (km), and those the form offers. */
export const RADIUS_LIMITS = { min: 10, max: 200 } as const;
export const DEFAULT_RADIUS_KM = 25;
export const RADIUS_OPTIONS: readonly FieldOption[] = [10, 25, 50, 100, 200].map((km) => ({
	value: km,
	label: `${km} km`
}));

/** How many people an alert may wait for (the database's bounds). */
export const ALERT_PEOPLE_LIMITS = { min: 2, max: 50 } as const;

/** A crew is 3 to 8 people: the one starting it invites up to 7. */
export const MOST_TO_INVITE = 7;

function wholeNumberIn(value: unknown, { min, max }: { min: number; max: number }): number | null {
	if (typeof value !== 'string' || !/^\d+$/.test(value.trim())) return null;
	const number = Number(value);
	return number >= min && number <= max ? number : null;
}

const RADIUS_PROBLEM = `Choose a radius from ${RADIUS_LIMITS.min} to ${RADIUS_LIMITS.max} km.`;

/** The radius in `?radius=`: the default without one, or what is wrong with it. */
export function parseRadius(value: string | null): { radiusKm: number } | { problem: string } {
	if (value === null || value === '') return { radiusKm: DEFAULT_RADIUS_KM };
	const radiusKm = wholeNumberIn(value, RADIUS_LIMITS);
	return radiusKm === null ? { problem: RADIUS_PROBLEM } : { radiusKm };
}

/** The alert form's fields, kept as typed so a refused form shows them again. */
export interface AlertFormValues {
	min_people: string;
	radius_km: string;
}

export type PostedAlert =
	| { alert: { min_people: number; radius_km: number } }
	| { values: AlertFormValues; errors: Partial<Record<keyof AlertFormValues, string>> };

/** Reads "tell me when at least N of us are within R km". */
export function parseAlert(form: FormData): PostedAlert {
	const values = {
		min_people: String(form.get('min_people') ?? ''),
		radius_km: String(form.get('radius_km') ?? '')
	};
	const minPeople = wholeNumberIn(values.min_people, ALERT_PEOPLE_LIMITS);
	const radiusKm = wholeNumberIn(values.radius_km, RADIUS_LIMITS);
	const errors: Partial<Record<keyof AlertFormValues, string>> = {};
	if (minPeople === null) {
		errors.min_people = `Give a number of people from ${ALERT_PEOPLE_LIMITS.min} to ${ALERT_PEOPLE_LIMITS.max}.`;
	}
	if (radiusKm === null) errors.radius_km = RADIUS_PROBLEM;
	if (minPeople === null || radiusKm === null) return { values, errors };
	return { alert: { min_people: minPeople, radius_km: radiusKm } };
}

/** The people chosen to start a crew with, or what is wrong with the choice (and who was chosen). */
export function parseChosenPeople(
	form: FormData
): { ids: string[] } | { problem: string; chosen: string[] } {
	const ids = [...new Set(form.getAll('invite').map(String))];
	const problem =
		ids.length === 0
			? 'Choose at least one person to start a crew with.'
			: ids.length > MOST_TO_INVITE
				? `A crew is 3 to 8 people: choose at most ${MOST_TO_INVITE} to invite (you make the 8th).`
				: !ids.every(isUuid)
					? 'Choose people from the list.'
					: null;
	return problem ? { problem, chosen: ids } : { ids };
}

/**
 * The form to start a crew, with these people to invite once it is made: `?invite=<id>,<id>`
 * (UUIDs need no escaping). A path for a redirect, as the form lives on another page.
 */
export function startCrewPath(ids: readonly string[]): string {
	return `/groups/new?invite=${ids.join(',')}`;
}

/**
 * How the radar's map opens: on the middle of the counted places, as close as shows a circle of
 * the radius across the map's height (about 320 px of it); undefined when nothing is counted.
 * Web Mercator: at zoom 0 the world's 40,075 km are 512 px, and a pixel shrinks on the ground
 * with the cosine of the latitude.
 */
export function radarCamera(
	radar: Pick<CrewRadar, 'radius_km' | 'cells'>
): CameraPosition | undefined {
	const bounds = boundsOfPoints(radar.cells);
	if (!bounds) return undefined;
	const [west, south, east, north] = bounds;
	// A box across the antimeridian has its west greater than its east.
	const middleLng = (((west + (east < west ? east + 360 : east)) / 2 + 540) % 360) - 180;
	const lat = (south + north) / 2;
	const metresPerPixel = (radar.radius_km * 2 * 1000) / 320;
	const zoom = Math.log2((78_271.5 * Math.cos((lat * Math.PI) / 180)) / metresPerPixel);
	return {
		center: [middleLng, lat],
		zoom: Math.min(Math.max(zoom, 1), cameraDefaults.maxZoom)
	};
}

/** The radar's cells as the map's counts by place: everyone on the radar is a practitioner. */
export function cellsAsPlaceCounts(cells: readonly RadarCell[]): PlaceCount[] {
	return cells.map(({ lat, lng, count }) => [lat, lng, count, 0, 0, 0]);
}

/**
 * The counts by place name, most first, for the list beside the map: several cells can share a
 * name ("near Leeds, GB"), and one line per name reads better than the same name three times.
 */
export function countsByPlaceName(
	cells: readonly RadarCell[]
): { placeLabel: string | null; count: number }[] {
	const byName = new Map<string | null, number>();
	for (const { place_label, count } of cells) {
		byName.set(place_label, (byName.get(place_label) ?? 0) + count);
	}
	return [...byName]
		.map(([placeLabel, count]) => ({ placeLabel, count }))
		.sort((a, b) => b.count - a.count);
}
