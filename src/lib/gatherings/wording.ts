/**
 * The words for a gathering's fields, RSVPs and statuses, kept apart from the database's values.
 * What each kind is called stays with the other kinds on the map (`GATHERING_KIND_NAMES` in
 * `groups/wording.ts`); this adds what a form and a gathering's page say about the rest.
 */
import type { Enums } from '$lib/database.types';
import { GATHERING_KIND_NAMES } from '$lib/groups/wording';

export type GatheringKind = Enums<'gathering_kind'>;
export type GatheringStatus = Enums<'gathering_status'>;
export type RsvpAnswer = Enums<'rsvp_answer'>;
export type RsvpState = Enums<'rsvp_state'>;

/** The kinds as someone chooses one, with what each is. */
export const GATHERING_KIND_CHOICES = [
	{
		value: 'camp',
		label: GATHERING_KIND_NAMES.camp,
		description: 'Several days together, often with nights on site.'
	},
	{
		value: 'regional_gathering',
		label: GATHERING_KIND_NAMES.regional_gathering,
		description: 'A day or a weekend for the crews and people of a region.'
	},
	{
		value: 'congregation_meeting',
		label: GATHERING_KIND_NAMES.congregation_meeting,
		description: 'A congregation meeting in person.'
	},
	{
		value: 'call',
		label: GATHERING_KIND_NAMES.call,
		description: 'Online, often repeating, like the monthly network call.'
	},
	{
		value: 'program',
		label: GATHERING_KIND_NAMES.program,
		description: 'A series of sessions, like four workshops over two weeks.'
	},
	{
		value: 'workshop',
		label: GATHERING_KIND_NAMES.workshop,
		description: 'One session to learn or practise something together.'
	}
] as const satisfies readonly { value: GatheringKind; label: string; description: string }[];

/** A gathering's status, as its page and a host's lists state it. */
export const GATHERING_STATUS_NAMES: Record<GatheringStatus, string> = {
	draft: 'Draft: only its hosts see it',
	published: 'Published',
	cancelled: 'Cancelled'
};

/** How people sign up, as a host chooses it. */
export const REGISTRATION_CHOICES = [
	{
		value: 'open',
		label: 'Open',
		description: 'Anyone who may see it can say they are going, while there are places.'
	},
	{
		value: 'approval',
		label: 'By approval',
		description: 'Hosts approve or decline each person who asks to come.'
	}
] as const;

export type Registration = (typeof REGISTRATION_CHOICES)[number]['value'];

/** How a gathering meets, as a host chooses it. */
export const GATHERING_MODE_CHOICES = [
	{ value: 'in_person', label: 'In person', description: 'At a venue: an address and a point.' },
	{ value: 'online', label: 'Online', description: 'Through a joining link.' },
	{ value: 'mixed', label: 'In person and online', description: 'A venue and a joining link.' }
] as const;

export type GatheringMode = (typeof GATHERING_MODE_CHOICES)[number]['value'];

/** How a gathering meets, in a sentence on its page. */
export const GATHERING_MODE_NAMES: Record<string, string> = {
	in_person: 'In person',
	online: 'Online',
	mixed: 'In person and online'
};

/** What a gathering offers for access, as a host chooses it and its page lists it. */
export const ACCESSIBILITY_CHOICES = [
	{ value: 'step_free', label: 'Step-free access' },
	{ value: 'quiet_space', label: 'A quiet space' },
	{ value: 'sign_language', label: 'Sign language interpretation' },
	{ value: 'childcare', label: 'Childcare' },
	{ value: 'dietary', label: 'Dietary needs catered for' }
] as const;

export type AccessibilityOffer = (typeof ACCESSIBILITY_CHOICES)[number]['value'];

/** The three answers, as the RSVP buttons say them. */
export const RSVP_ANSWER_CHOICES = [
	{ value: 'going', label: 'Going' },
	{ value: 'interested', label: 'Interested' },
	{ value: 'not_going', label: 'Not going' }
] as const satisfies readonly { value: RsvpAnswer; label: string }[];

/** Where someone stands, in a host's list and the CSV export. */
export const RSVP_STANDING_NAMES = {
	confirmed: 'Going',
	waitlisted: 'On the waitlist',
	pending: 'Asked to come',
	declined: 'Declined by a host',
	interested: 'Interested',
	not_going: 'Not going'
} as const satisfies Record<Exclude<RsvpState, never> | Exclude<RsvpAnswer, 'going'>, string>;

/** An RSVP's standing: its state when going, else its answer. */
export function rsvpStanding({
	answer,
	state
}: {
	answer: RsvpAnswer;
	state: RsvpState | null;
}): keyof typeof RSVP_STANDING_NAMES {
	if (answer === 'going') return state ?? 'pending';
	return answer;
}

/** How a person whose profile the reader may not see is listed among attendees. */
export const UNNAMED_ATTENDEE = 'Someone who keeps their profile private';
