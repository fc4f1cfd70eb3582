/**
 * The fixed choices on a profile, in the order the form offers them, with the words people see.
 * The values are the database's enums; the order and the words are the app's.
 */
import type { Enums } from '$lib/database.types';
import { PRECISIONS, type Precision } from '$lib/geo/cells';

export type { Precision };
export type Visibility = Enums<'profile_visibility'>;
export type Practice = Enums<'practice'>;
export type PathwayStage = Enums<'pathway_stage'>;
export type Openness = Enums<'openness'>;

export interface Choice<Value extends string> {
	value: Value;
	label: string;
	/** One line saying what choosing it means. */
	description: string;
}

export const PRECISION_CHOICES = [
	{
		value: 'neighbourhood',
		label: 'Neighbourhood',
		description: 'Within about 1 km. Close enough to tell roughly which streets you live near.'
	},
	{
		value: 'town',
		label: 'Town',
		description: 'Within about 5 km: which town, or which part of a city.'
	},
	{
		value: 'area',
		label: 'Area',
		description: 'Within about 20 km: a town and the places around it.'
	},
	{
		value: 'region',
		label: 'Region',
		description: 'Within about 100 km: a province or a large region.'
	},
	{ value: 'country', label: 'Country', description: 'Only which country you are in.' }
] as const satisfies readonly Choice<Precision>[];

export const VISIBILITY_CHOICES = [
	{
		value: 'public',
		label: 'Everyone',
		description:
			'Anyone, signed in or not. People who are not signed in see your place no closer than the area.'
	},
	{
		value: 'members',
		label: 'Members',
		description: 'People signed in to the network map.'
	},
	{
		value: 'crewmates',
		label: 'Crewmates',
		description: 'Only people who share a crew with you.'
	},
	{
		value: 'only_me',
		label: 'Only me',
		description: 'Nobody else: you are on no map and in no list.'
	}
] as const satisfies readonly Choice<Visibility>[];

export const PRACTICE_CHOICES = [
	{ value: 'crewing', label: 'Crewing', description: 'Meeting regularly with a small crew.' },
	{
		value: 'congregating',
		label: 'Congregating',
		description: 'Gathering several crews as a congregation.'
	},
	{ value: 'facilitation', label: 'Facilitation', description: 'Holding the process for groups.' },
	{
		value: 'hosting_gatherings',
		label: 'Hosting gatherings',
		description: 'Camps, regional gatherings and calls.'
	},
	{
		value: 'conflict_work',
		label: 'Conflict work',
		description: 'Helping people through conflict.'
	},
	{
		value: 'meaningful_work',
		label: 'Meaningful work',
		description: 'Finding or making work that matters, together.'
	},
	{ value: 'mentoring', label: 'Mentoring', description: 'Walking alongside other practitioners.' }
] as const satisfies readonly Choice<Practice>[];

export const PATHWAY_STAGE_CHOICES = [
	{
		value: 'curious',
		label: 'Curious',
		description: 'Finding out about microsolidarity, maybe looking for a first crew.'
	},
	{
		value: 'practising',
		label: 'Practising',
		description: 'In a crew or congregation, practising regularly.'
	},
	{
		value: 'hosting',
		label: 'Hosting',
		description: 'Hosting a crew, a congregation or gatherings for others.'
	},
	{
		value: 'weaving',
		label: 'Weaving',
		description: 'Connecting hosts and groups across the wider network.'
	}
] as const satisfies readonly Choice<PathwayStage>[];

export const OPENNESS_CHOICES = [
	{ value: 'crewing', label: 'Joining a crew', description: 'I would like to be in a crew.' },
	{
		value: 'hosting_a_crew',
		label: 'Hosting a crew',
		description: 'I could start or host a crew.'
	},
	{ value: 'gatherings', label: 'Gatherings', description: 'Invite me to camps and gatherings.' },
	{ value: 'mentoring', label: 'Mentoring', description: 'Giving or receiving mentoring.' },
	{
		value: 'collaborating',
		label: 'Collaborating on meaningful work',
		description: 'Working on something that matters together.'
	}
] as const satisfies readonly Choice<Openness>[];

export const PRECISION_VALUES: readonly Precision[] = PRECISIONS;
export const VISIBILITY_VALUES: readonly Visibility[] = VISIBILITY_CHOICES.map(
	({ value }) => value
);
export const PRACTICE_VALUES: readonly Practice[] = PRACTICE_CHOICES.map(({ value }) => value);
export const PATHWAY_STAGE_VALUES: readonly PathwayStage[] = PATHWAY_STAGE_CHOICES.map(
	({ value }) => value
);
export const OPENNESS_VALUES: readonly Openness[] = OPENNESS_CHOICES.map(({ value }) => value);

/** The word for a value, as the form shows it; for lists of chosen values on a profile page. */
export function labelOf<Value extends string>(
	choices: readonly Choice<Value>[],
	value: Value
): string {
	return choices.find((choice) => choice.value === value)?.label ?? value;
}

/** Narrows a string from a form to one of a set of values. */
export function isOneOf<Value extends string>(
	values: readonly Value[],
	candidate: string
): candidate is Value {
	return (values as readonly string[]).includes(candidate);
}
