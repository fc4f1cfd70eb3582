/**
 * Where the viewer stands with a gathering, which decides what its RSVP panel offers: sign in,
 * add yourself to the map first, nothing (a draft, cancelled, or over), the host's tools, or the
 * three answers with the one given marked. Pure, so each state is tested on its own.
 */
import type { GatheringStatus, RsvpAnswer, RsvpState } from './wording';

/**
 * One answer as the database lists it to the caller (`gathering_attendees`). Written out rather
 * than generated: the generated type says every column is there, but the name and place of a
 * person whose profile the caller may not see come back null.
 */
export interface Rsvp {
	profile_id: string;
	display_name: string | null;
	place_label: string | null;
	answer: RsvpAnswer;
	state: RsvpState | null;
	responded_at: string;
	is_host: boolean;
}

export type RsvpPanelState =
	| { kind: 'signedOut' }
	| { kind: 'notOnboarded' }
	/** It takes no answers: `reason` says why. */
	| { kind: 'closed'; reason: string }
	| { kind: 'host' }
	/** Open to answers; `answer` and `state` are the viewer's own, if they gave one. */
	| {
			kind: 'open';
			answer: RsvpAnswer | null;
			state: RsvpState | null;
			/** Every place is taken: going now means the waitlist. */
			full: boolean;
			/** Hosts approve each "going". */
			approval: boolean;
	  };

export interface RsvpStanding {
	signedIn: boolean;
	onboarded: boolean;
	isHost: boolean;
	own: { answer: RsvpAnswer; state: RsvpState | null } | null;
}

export interface RsvpGathering {
	name: string;
	status: GatheringStatus;
	capacity: number | null;
	going_count: number;
	registration: string;
	/** Whether its last occurrence is over. */
	ended: boolean;
}

/** Why a gathering takes no answers, or null while it does. */
export function closedReason(gathering: RsvpGathering): string | null {
	if (gathering.status === 'draft')
		return `${gathering.name} is a draft: it takes answers once it is published.`;
	if (gathering.status === 'cancelled') return `${gathering.name} is cancelled.`;
	if (gathering.ended) return `${gathering.name} is over.`;
	return null;
}

/** The panel's state: hosts first, then whether it takes answers, then the viewer's own. */
export function rsvpPanelState(gathering: RsvpGathering, standing: RsvpStanding): RsvpPanelState {
	if (!standing.signedIn) return { kind: 'signedOut' };
	if (standing.isHost) return { kind: 'host' };
	const reason = closedReason(gathering);
	if (reason) return { kind: 'closed', reason };
	if (!standing.onboarded && !standing.own) return { kind: 'notOnboarded' };
	return {
		kind: 'open',
		answer: standing.own?.answer ?? null,
		state: standing.own?.state ?? null,
		full: gathering.capacity !== null && gathering.going_count >= gathering.capacity,
		approval: gathering.registration === 'approval'
	};
}

/** The panel's `data-state`: the kind, or for an answer given, where it stands. */
export function rsvpDataState(state: RsvpPanelState): string {
	if (state.kind !== 'open') return state.kind;
	if (!state.answer) return 'unanswered';
	if (state.answer === 'going') return state.state ?? 'pending';
	return state.answer;
}

/** What the panel says about the viewer's own answer. */
export function ownAnswerSentence(state: Extract<RsvpPanelState, { kind: 'open' }>): string {
	switch (state.answer) {
		case null:
			if (state.full)
				return 'Every place is taken: if you say you are going, you join the waitlist, and move up when a place frees.';
			if (state.approval) return 'Its hosts approve each sign-up: say you are going to ask them.';
			return 'Let its hosts know whether you are coming.';
		case 'interested':
			return 'You said you are interested. You hear about changes; it keeps no place for you.';
		case 'not_going':
			return 'You said you are not going.';
		case 'going':
			switch (state.state) {
				case 'confirmed':
					return 'You are going: your place is kept. The venue and joining details are below.';
				case 'waitlisted':
					return 'You are on the waitlist. When a place frees, the first on the waitlist moves up and is told.';
				case 'declined':
					return 'Its hosts did not take your sign-up this time.';
				default:
					return 'You asked to come. Its hosts decide, and you are told in your inbox.';
			}
	}
}
