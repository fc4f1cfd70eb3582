/**
 * "Propose a gathering here": the small form under the suggested towns that makes a draft
 * gathering in one of them, to invite the region planned once it is published. It asks only what
 * a draft needs (which town, a name, the kind, the first day and its time zone); the hosts set the
 * rest on the gathering's edit page. Pure, so the form and its action check alike.
 */
import type { Enums } from '$lib/database.types';
import { addDays, isTimeZone } from '$lib/gatherings/time';
import { GATHERING_KIND_NAMES } from '$lib/groups/wording';
import { plainTextErrors } from '$lib/plain-text';
import type { InviteRegion } from './plan';
import { parseRegionChoice, REGION_PARAMS } from './region-choice';

/** The kinds that meet in a place, which the planner is for. */
export const PROPOSAL_KINDS = [
	'regional_gathering',
	'camp',
	'congregation_meeting',
	'workshop'
] as const satisfies readonly Enums<'gathering_kind'>[];

export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export const PROPOSAL_KIND_CHOICES = PROPOSAL_KINDS.map((kind) => ({
	value: kind,
	label: GATHERING_KIND_NAMES[kind]
}));

/** A draft starts this many days ahead: time to plan, to publish and for people to come. */
export const DAYS_AHEAD = 56;

/** The gathering's name, as the database takes it. */
export const NAME_LENGTH = { min: 1, max: 120 } as const;

export type ProposalField = 'town' | 'name' | 'kind' | 'first_day' | 'time_zone';

/** The form as typed, so a refused proposal shows again as it was. */
export type ProposalValues = Record<ProposalField, string>;

export type ProposalErrors = Partial<Record<ProposalField | 'form', string>>;

export interface Proposal {
	/** The gazetteer id of the town to meet in. */
	townId: number;
	name: string;
	kind: ProposalKind;
	/** 'YYYY-MM-DD', the first day in `timeZone`. */
	firstDay: string;
	timeZone: string;
	inviteRegion: InviteRegion;
}

/** What the form starts with: the first town, a name after it, eight weeks from `today`. */
export function proposalDefaults({
	townId,
	townName,
	today
}: {
	townId: number;
	townName: string;
	today: string;
}): ProposalValues {
	return {
		town: String(townId),
		name: `Regional gathering near ${townName}`,
		kind: 'regional_gathering',
		first_day: addDays(today, DAYS_AHEAD),
		time_zone: 'UTC'
	};
}

/** The region to invite as the form's hidden fields: a country, or a circle. */
export function inviteRegionFields(region: InviteRegion): Record<string, string> {
	return 'country' in region
		? { [REGION_PARAMS.country]: region.country }
		: {
				// Six decimals (about 0.1 m) keep the centre, in the form the region's URL takes.
				[REGION_PARAMS.lat]: region.lat.toFixed(6),
				[REGION_PARAMS.lng]: region.lng.toFixed(6),
				[REGION_PARAMS.radiusKm]: String(region.radius_km)
			};
}

/**
 * Where the proposal form posts: the planner with the region in its URL and the `propose` action,
 * so a refused proposal comes back to the same region (SvelteKit reads the action from the
 * parameter starting with "/", wherever it is).
 */
export function proposeAction(search: URLSearchParams): string {
	const region = [...search].filter(([name]) => !name.startsWith('/'));
	return `?${region.length > 0 ? `${new URLSearchParams(region)}&` : ''}/propose`;
}

function read(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/**
 * Checks a proposal, in the order the form shows its fields. `today` is 'YYYY-MM-DD' where the
 * visitor is, near enough: a first day before it is refused.
 */
export function checkProposal(
	form: FormData,
	today: string
):
	| { ok: true; proposal: Proposal; values: ProposalValues }
	| { ok: false; values: ProposalValues; errors: ProposalErrors } {
	const values: ProposalValues = {
		town: read(form, 'town'),
		name: read(form, 'name'),
		kind: read(form, 'kind'),
		first_day: read(form, 'first_day').trim(),
		time_zone: read(form, 'time_zone').trim()
	};
	const errors: ProposalErrors = {};

	const townId = /^\d{1,15}$/.test(values.town) ? Number(values.town) : null;
	if (townId === null) errors.town = 'Choose one of the suggested towns.';

	const name = values.name.trim().replace(/\s+/g, ' ');
	if (name.length < NAME_LENGTH.min) errors.name = 'Give the gathering a name.';
	else if (name.length > NAME_LENGTH.max) {
		errors.name = `Keep the name to ${NAME_LENGTH.max} characters (it has ${name.length}).`;
	}

	const kind = PROPOSAL_KINDS.find((each) => each === values.kind);
	if (!kind) errors.kind = 'Choose what kind of gathering it is.';

	if (!/^\d{4}-\d{2}-\d{2}$/.test(values.first_day) || !isRealDay(values.first_day)) {
		errors.first_day = 'Give the first day as a date, such as 2027-06-12.';
	} else if (values.first_day < today) {
		errors.first_day = 'Choose a first day from today on.';
	}

	if (!isTimeZone(values.time_zone)) errors.time_zone = 'Choose a time zone from the list.';

	const region = parseRegionChoice(new URLSearchParams(regionParams(form)));
	const inviteRegion = inviteRegionOfChoice(region.choice);
	if (!inviteRegion) errors.form = 'The region to invite was lost: choose the region again.';

	Object.assign(errors, plainTextErrors(values));

	if (Object.keys(errors).length > 0 || townId === null || !kind || !inviteRegion) {
		return { ok: false, values, errors };
	}
	return {
		ok: true,
		values,
		proposal: {
			townId,
			name,
			kind,
			firstDay: values.first_day,
			timeZone: values.time_zone,
			inviteRegion
		}
	};
}

function isRealDay(day: string): boolean {
	const date = new Date(`${day}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

function regionParams(form: FormData): Record<string, string> {
	return Object.fromEntries(
		Object.values(REGION_PARAMS).map((param) => [param, read(form, param)])
	);
}

function inviteRegionOfChoice(
	choice: ReturnType<typeof parseRegionChoice>['choice']
): InviteRegion | null {
	if (choice?.kind === 'country') return { country: choice.country };
	if (choice?.kind === 'circle') {
		return { lat: choice.lat, lng: choice.lng, radius_km: choice.radiusKm };
	}
	return null;
}
