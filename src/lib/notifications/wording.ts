/**
 * The words for notifications: the one sentence that says what happened, the message a person
 * wrote with it, where to go to act on it, and what each kind is called where people choose
 * which emails they get. The inbox and the emails both take their words from here, so a
 * notification reads the same wherever it is shown.
 *
 * Imports stay relative: the notification worker runs this outside SvelteKit (`npm run notify`).
 */

import type { Enums, Tables } from '$lib/database.types';

export type NotificationKind = Enums<'notification_kind'>;

/**
 * What a notification says, as the database keeps it: the names as they were at the time, and
 * in `body` the person's message, the name of who joined or which crew asks, the radar's count,
 * or for a decision 'accepted' or 'declined' (see the notifications migration).
 */
export type NotificationWords = Pick<
	Tables<'notifications'>,
	'kind' | 'group_id' | 'actor_name' | 'group_name' | 'body' | 'gathering_id' | 'gathering_name'
>;

/** Every kind, in the order the email settings list them. */
export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
	'request_received',
	'request_decided',
	'invitation_received',
	'invitation_answered',
	'member_joined',
	'member_left',
	'member_removed',
	'congregation_request_received',
	'congregation_request_decided',
	'radar_alert',
	'rsvp_received',
	'rsvp_decided',
	'waitlist_moved_up',
	'gathering_changed',
	'gathering_invitation',
	'report_outcome'
];

/** What the emails of each kind are about, in running text: "Emails about {name}". */
export const NOTIFICATION_KIND_NAMES: Record<NotificationKind, string> = {
	request_received: 'requests to join your groups',
	request_decided: 'answers to your requests to join',
	invitation_received: 'invitations to join a group',
	invitation_answered: 'answers to your invitations',
	member_joined: 'new members of your groups',
	member_left: 'members leaving your groups',
	member_removed: 'being removed from a group',
	congregation_request_received: 'crews asking to join your congregation',
	congregation_request_decided: 'answers to your crew’s requests to join a congregation',
	radar_alert: 'crew radar alerts',
	rsvp_received: 'people asking to come to your gatherings',
	rsvp_decided: 'answers to your requests to come to a gathering',
	waitlist_moved_up: 'a place opening for you at a gathering',
	gathering_changed: 'changes to gatherings you are going to',
	gathering_invitation: 'invitations to gatherings near you',
	report_outcome: 'the outcome of reports you made'
};

/** Names kept empty (an account deleted since, a profile without a name yet) read as these. */
const SOMEONE = 'Someone';
const A_GROUP = 'a group';
const A_GATHERING = 'a gathering';

/** One sentence, without a full stop: "Ada Fernhill asked to join Bristol Makers Crew". */
export function notificationSentence(notification: NotificationWords): string {
	const actor = notification.actor_name?.trim() || SOMEONE;
	const group = notification.group_name?.trim() || A_GROUP;
	const gathering = notification.gathering_name?.trim() || A_GATHERING;
	const accepted = notification.body === 'accepted';
	switch (notification.kind) {
		case 'request_received':
			return `${actor} asked to join ${group}`;
		case 'request_decided':
			return accepted
				? `Your request to join ${group} was accepted`
				: `Your request to join ${group} was declined`;
		case 'invitation_received':
			return `${actor} invited you to join ${group}`;
		case 'invitation_answered':
			return `${actor} ${accepted ? 'accepted' : 'declined'} your invitation to join ${group}`;
		case 'member_joined':
			// The body names who joined; the actor is whoever let them in.
			return `${notification.body.trim() || SOMEONE} joined ${group}`;
		case 'member_left':
			// Not named: the member list shows each member only as their own profile allows.
			return `A member left ${group}`;
		case 'member_removed':
			return `A host removed you from ${group}`;
		case 'congregation_request_received':
			// The body names the crew that asks; the group is the congregation.
			return `${actor} asked for ${notification.body.trim() || 'their crew'} to join ${group}`;
		case 'congregation_request_decided': {
			// The body is "accepted: Scheldt Valley Congregation"; the group is the crew that asked.
			const [answer, ...congregation] = notification.body.split(': ');
			const named = congregation.join(': ').trim() || 'the congregation';
			return `${named} ${answer === 'accepted' ? 'accepted' : 'declined'} ${group}’s request to join`;
		}
		case 'radar_alert': {
			// The body is the database's own sentence: "3 people open to crewing are within 25 km of you."
			const count = notification.body.trim().replace(/\.$/, '');
			return `Crew radar: ${count || 'enough people open to crewing are near you'}`;
		}
		case 'rsvp_received':
			return `${actor} asked to come to ${gathering}`;
		case 'rsvp_decided':
			// The body is the decision: accepted, waitlisted (accepted, but the places are taken) or declined.
			if (notification.body === 'waitlisted') {
				return `You were accepted for ${gathering}, on the waitlist until a place frees up`;
			}
			return `Your request to come to ${gathering} was ${accepted ? 'accepted' : 'declined'}`;
		case 'waitlist_moved_up':
			return `A place opened up at ${gathering}: you are going`;
		case 'gathering_changed':
			return `${gathering} ${gatheringChanges(notification.body)}`;
		case 'gathering_invitation':
			return `You are invited to ${gathering}, near you`;
		case 'report_outcome':
			// The body is the outcome only: who was reported, and what was done, stay with moderators.
			return notification.body === 'actioned'
				? 'A moderator reviewed your report and took action'
				: 'A moderator reviewed your report: no action was needed';
	}
}

/**
 * What changed, from the body the database writes ("time,venue", "cancelled",
 * "occurrence_cancelled:2027-01-05T17:00:00Z"), as the rest of a sentence.
 */
function gatheringChanges(body: string): string {
	const changes = body.split(',').filter(Boolean);
	if (changes.includes('cancelled')) return 'was cancelled';
	const words: string[] = [];
	if (changes.includes('time')) words.push('has a new time');
	if (changes.includes('venue')) words.push('has a new venue or link');
	const occurrences = changes.filter((change) => change.startsWith('occurrence_cancelled:'));
	if (occurrences.length > 0) {
		// The date of the cancelled start in UTC: the gathering's page, which the link opens, shows
		// its local time.
		const dates = occurrences.map((change) => change.slice('occurrence_cancelled:'.length, -10));
		words.push(`cancelled the meeting of ${dates.join(', ')}`);
	}
	return words.length > 0 ? words.join(' and ') : 'has changed';
}

/** The message the person wrote with a request or an invitation, if they wrote one. */
export function notificationMessage(notification: NotificationWords): string | null {
	if (notification.kind !== 'request_received' && notification.kind !== 'invitation_received') {
		return null;
	}
	return notification.body.trim() || null;
}

/**
 * Where to act on it, and what the link says: an invitation is answered from the inbox, a radar
 * alert is seen on the radar, and everything else happened in a group, whose page has the tools
 * for it.
 */
export function notificationLink(
	notification: Pick<NotificationWords, 'kind' | 'group_id'> &
		Partial<Pick<NotificationWords, 'gathering_id'>>
): {
	path: string;
	label: string;
} {
	if (notification.gathering_id) {
		return { path: `/gatherings/${notification.gathering_id}`, label: 'Open the gathering’s page' };
	}
	if (notification.kind === 'radar_alert') {
		return { path: '/radar', label: 'Open the crew radar' };
	}
	if (notification.kind === 'invitation_received' || !notification.group_id) {
		return { path: '/inbox', label: 'Open your inbox' };
	}
	return { path: `/groups/${notification.group_id}`, label: 'Open the group’s page' };
}
