/**
 * What people do with a gathering (answer, cancel an occurrence, decide a sign-up, add or remove a
 * host…), as the pages' form actions name them, and what a page says once one is done. A refused
 * action comes back as a `Refusal` (the database's own message, shown beside the form that was
 * refused), as a group's do. Pure, so the pages, their components and their tests share one
 * vocabulary.
 */
import type { Refusal } from '$lib/groups/group-actions';
import type { RsvpAnswer, RsvpState } from './wording';

export { refusalFor } from '$lib/groups/group-actions';

export const GATHERING_ACTIONS = [
	'rsvp',
	'cancelOccurrence',
	'decide',
	'addHost',
	'removeHost',
	'cancelGathering'
] as const;

export type GatheringAction = (typeof GATHERING_ACTIONS)[number];

export type GatheringRefusal = Refusal<GatheringAction>;

/** A done action, for the page to say so. */
export interface GatheringDone {
	action: GatheringAction;
	target?: string;
	/** For `rsvp`, the answer given and where it left the person; for `decide`, yes or no. */
	answer?: RsvpAnswer;
	state?: RsvpState | null;
	approved?: boolean;
}

/** What the page says once an action is done, in a sentence about the gathering. */
export function gatheringDoneMessage(done: GatheringDone, gatheringName: string): string {
	switch (done.action) {
		case 'rsvp':
			if (done.answer === 'interested') return `You are interested in ${gatheringName}.`;
			if (done.answer === 'not_going') return `You said you are not going to ${gatheringName}.`;
			if (done.state === 'waitlisted') {
				return `${gatheringName} is full: you are on the waitlist, and are told if a place frees.`;
			}
			if (done.state === 'pending') {
				return `You asked to come to ${gatheringName}. Its hosts decide, and you are told in your inbox.`;
			}
			return `You are going to ${gatheringName}: your place is kept.`;
		case 'cancelOccurrence':
			return 'That date is cancelled: everyone going is told.';
		case 'decide':
			if (!done.approved) return 'Declined: they are told.';
			return done.state === 'waitlisted'
				? 'Approved, but every place is taken: they are on the waitlist, and are told.'
				: 'Approved: they have a place, and are told.';
		case 'addHost':
			return 'They host it with you now.';
		case 'removeHost':
			return 'Removed from its hosts.';
		case 'cancelGathering':
			return `${gatheringName} is cancelled: everyone who said they are going is told.`;
	}
}
