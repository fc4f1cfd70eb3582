/**
 * The region a member plans for, as it lives in the planner's URL, so every region is a link and
 * the forms choosing it work without JavaScript:
 *
 * - a circle drawn on the map: `/plan?lat=52.09&lng=5.12&km=80`;
 * - a circle around a place, the keyboard's way to the same: `/plan?near=Utrecht&km=80`;
 * - a country: `/plan?country=NL`;
 * - a congregation: `/plan?congregation=<uuid>`.
 *
 * Pure, so the page's load and its forms read URLs the same way.
 */
import { isUuid } from '$lib/uuid';

/** The radii `plan_region` accepts, in km, and the one the form starts with. */
export const RADIUS_LIMITS = { min: 1, max: 1000 } as const;
export const DEFAULT_RADIUS_KM = 100;

/** The URL parameter of each field. */
export const REGION_PARAMS = {
	near: 'near',
	lat: 'lat',
	lng: 'lng',
	radiusKm: 'km',
	country: 'country',
	congregation: 'congregation'
} as const;

export type RegionField = keyof typeof REGION_PARAMS;

/** What the forms hold, as typed, so a refused choice shows again as it was. */
export type RegionFormValues = Record<RegionField, string>;

export type RegionErrors = Partial<Record<RegionField, string>>;

export type RegionChoice =
	| { kind: 'circle'; lat: number; lng: number; radiusKm: number }
	| { kind: 'place'; near: string; radiusKm: number }
	| { kind: 'country'; country: string }
	| { kind: 'congregation'; congregationId: string };

/** A region as `plan_region` takes it (and as a gathering's `invite_region` keeps a circle or country). */
export type PlanRegionArgument =
	| { lat: number; lng: number; radius_km: number }
	| { country: string }
	| { congregation_id: string };

/** The region chosen, or null with what is wrong (nothing, when none is chosen yet). */
export interface ParsedRegion {
	choice: RegionChoice | null;
	values: RegionFormValues;
	errors: RegionErrors;
}

const RADIUS_PROBLEM = `Give a radius in whole km, from ${RADIUS_LIMITS.min} to ${RADIUS_LIMITS.max}.`;

function wholeKm(text: string): number | null {
	if (!/^\d{1,4}$/.test(text)) return null;
	const km = Number(text);
	return km >= RADIUS_LIMITS.min && km <= RADIUS_LIMITS.max ? km : null;
}

function coordinate(text: string, limit: number): number | null {
	if (!/^-?\d{1,3}(\.\d+)?$/.test(text)) return null;
	const value = Number(text);
	return Math.abs(value) <= limit ? value : null;
}

/**
 * The region in a URL's parameters, or what is wrong with it, one sentence per field. A congregation
 * wins over a country, a country over a circle, and a drawn circle over a place: each form sends
 * only its own fields, so more than one comes only from a hand-made link. No region at all is not
 * a problem: the page asks for one.
 */
export function parseRegionChoice(params: URLSearchParams): ParsedRegion {
	const values = Object.fromEntries(
		Object.entries(REGION_PARAMS).map(([field, param]) => [field, (params.get(param) ?? '').trim()])
	) as RegionFormValues;
	const errors: RegionErrors = {};

	if (values.congregation) {
		if (isUuid(values.congregation)) {
			return {
				choice: { kind: 'congregation', congregationId: values.congregation },
				values,
				errors
			};
		}
		errors.congregation = 'Choose a congregation from the list.';
		return { choice: null, values, errors };
	}
	if (values.country) {
		const country = values.country.toUpperCase();
		if (/^[A-Z]{2}$/.test(country)) return { choice: { kind: 'country', country }, values, errors };
		errors.country = 'Choose a country from the list.';
		return { choice: null, values, errors };
	}

	const drawn = values.lat !== '' || values.lng !== '';
	if (!drawn && !values.near) {
		if (values.radiusKm) errors.near = 'Give a place to draw the circle around.';
		return { choice: null, values, errors };
	}
	const radiusKm = values.radiusKm === '' ? DEFAULT_RADIUS_KM : wholeKm(values.radiusKm);
	if (radiusKm === null) errors.radiusKm = RADIUS_PROBLEM;
	if (drawn) {
		const lat = coordinate(values.lat, 90);
		const lng = coordinate(values.lng, 180);
		if (lat === null) errors.lat = 'The circle’s centre needs a latitude from -90 to 90.';
		if (lng === null) errors.lng = 'The circle’s centre needs a longitude from -180 to 180.';
		if (lat === null || lng === null || radiusKm === null) return { choice: null, values, errors };
		return { choice: { kind: 'circle', lat, lng, radiusKm }, values, errors };
	}
	if (values.near.length < 2) errors.near = 'Type at least 2 letters of a town or city.';
	if (radiusKm === null || errors.near) return { choice: null, values, errors };
	return { choice: { kind: 'place', near: values.near, radiusKm }, values, errors };
}

/** The argument of `plan_region` for a choice, a place's circle once the place is found. */
export function planRegionArgument(
	choice: Exclude<RegionChoice, { kind: 'place' }>
): PlanRegionArgument {
	switch (choice.kind) {
		case 'circle':
			return { lat: choice.lat, lng: choice.lng, radius_km: choice.radiusKm };
		case 'country':
			return { country: choice.country };
		case 'congregation':
			return { congregation_id: choice.congregationId };
	}
}

/** The planner's URL for a circle, as the map's drawing makes it. */
export function circleSearch({
	lat,
	lng,
	radiusKm
}: {
	lat: number;
	lng: number;
	radiusKm: number;
}): string {
	// Four decimals (about 10 m) say where a circle of a kilometre or more is drawn.
	return `?${new URLSearchParams({
		[REGION_PARAMS.lat]: lat.toFixed(4),
		[REGION_PARAMS.lng]: lng.toFixed(4),
		[REGION_PARAMS.radiusKm]: String(radiusKm)
	})}`;
}
