import { describe, expect, it } from 'vitest';
import {
	NOTIFICATION_KIND_NAMES,
	NOTIFICATION_KINDS,
	notificationLink,
	notificationMessage,
	notificationSentence,
	type NotificationWords
} from './wording';

const GROUP_ID = '7b0f1b1e-2f55-4c71-9d3e-0a5b2e6c9d10';

const GATHERING_ID = '00000000-0000-4000-a000-000000000020';

function notification(overrides: Partial<NotificationWords>): NotificationWords {
	return {
		kind: 'request_received',
		group_id: GROUP_ID,
		actor_name: 'Ada Fernhill',
		group_name: 'Bristol Makers Crew',
		gathering_id: null,
		gathering_name: null,
		body: '',
		...overrides
	};
}

describe('notificationSentence', () => {
	it.each<[Partial<NotificationWords>, string]>([
		[{ kind: 'request_received' }, 'Ada Fernhill asked to join Bristol Makers Crew'],
		[
			{ kind: 'request_decided', body: 'accepted' },
			'Your request to join Bristol Makers Crew was accepted'
		],
		[
			{ kind: 'request_decided', body: 'declined' },
			'Your request to join Bristol Makers Crew was declined'
		],
		[{ kind: 'invitation_received' }, 'Ada Fernhill invited you to join Bristol Makers Crew'],
		[
			{ kind: 'invitation_answered', body: 'accepted' },
			'Ada Fernhill accepted your invitation to join Bristol Makers Crew'
		],
		[
			{ kind: 'invitation_answered', body: 'declined' },
			'Ada Fernhill declined your invitation to join Bristol Makers Crew'
		],
		[{ kind: 'member_joined', body: 'Bo Lindqvist' }, 'Bo Lindqvist joined Bristol Makers Crew'],
		[{ kind: 'member_left' }, 'A member left Bristol Makers Crew'],
		[{ kind: 'member_removed' }, 'A host removed you from Bristol Makers Crew'],
		[
			{
				kind: 'congregation_request_received',
				group_name: 'Ghent Congregation',
				body: 'Bristol Makers Crew'
			},
			'Ada Fernhill asked for Bristol Makers Crew to join Ghent Congregation'
		],
		[
			{ kind: 'congregation_request_decided', body: 'accepted: Ghent Congregation' },
			'Ghent Congregation accepted Bristol Makers Crew’s request to join'
		],
		[
			{ kind: 'congregation_request_decided', body: 'declined: Ghent Congregation' },
			'Ghent Congregation declined Bristol Makers Crew’s request to join'
		],
		[
			{
				kind: 'radar_alert',
				group_id: null,
				group_name: null,
				actor_name: null,
				body: '3 people open to crewing are within 25 km of you.'
			},
			'Crew radar: 3 people open to crewing are within 25 km of you'
		],
		...(
			[
				[{ kind: 'rsvp_received' }, 'Ada Fernhill asked to come to West Country Regional Day'],
				[
					{ kind: 'rsvp_decided', body: 'accepted', actor_name: null },
					'Your request to come to West Country Regional Day was accepted'
				],
				[
					{ kind: 'rsvp_decided', body: 'waitlisted', actor_name: null },
					'You were accepted for West Country Regional Day, on the waitlist until a place frees up'
				],
				[
					{ kind: 'rsvp_decided', body: 'declined', actor_name: null },
					'Your request to come to West Country Regional Day was declined'
				],
				[
					{ kind: 'waitlist_moved_up', actor_name: null },
					'A place opened up at West Country Regional Day: you are going'
				],
				[
					{ kind: 'gathering_changed', body: 'time,venue' },
					'West Country Regional Day has a new time and has a new venue or link'
				],
				[
					{ kind: 'gathering_changed', body: 'cancelled' },
					'West Country Regional Day was cancelled'
				],
				[
					{ kind: 'gathering_changed', body: 'occurrence_cancelled:2027-01-05T17:00:00Z' },
					'West Country Regional Day cancelled the meeting of 2027-01-05'
				],
				[
					{ kind: 'gathering_invitation', actor_name: null },
					'You are invited to West Country Regional Day, near you'
				]
			] as [Partial<NotificationWords>, string][]
		).map(([overrides, sentence]): [Partial<NotificationWords>, string] => [
			{
				group_id: null,
				group_name: null,
				gathering_id: GATHERING_ID,
				gathering_name: 'West Country Regional Day',
				...overrides
			},
			sentence
		])
	])('says what happened: %o', (overrides, sentence) => {
		expect(notificationSentence(notification(overrides))).toBe(sentence);
	});

	it('tells a reporter the outcome of their report, and nothing of the other party', () => {
		const outcome = (body: string) =>
			notificationSentence(
				notification({
					kind: 'report_outcome',
					group_id: null,
					actor_name: null,
					group_name: null,
					body
				})
			);
		expect(outcome('actioned')).toBe('A moderator reviewed your report and took action');
		expect(outcome('dismissed')).toBe('A moderator reviewed your report: no action was needed');
		expect(
			notificationLink({ kind: 'report_outcome', group_id: null, gathering_id: null })
		).toEqual({ path: '/inbox', label: 'Open your inbox' });
	});

	it('names someone whose name is gone, and a group whose name is gone', () => {
		expect(notificationSentence(notification({ actor_name: null, group_name: ' ' }))).toBe(
			'Someone asked to join a group'
		);
	});
});

describe('notificationMessage', () => {
	it('gives what the person wrote with a request or an invitation', () => {
		expect(notificationMessage(notification({ body: '  Hello!\nSee you  ' }))).toBe(
			'Hello!\nSee you'
		);
		expect(
			notificationMessage(notification({ kind: 'invitation_received', body: 'Join us' }))
		).toBe('Join us');
	});

	it('has none when nothing was written, or when the body is not a message', () => {
		expect(notificationMessage(notification({ body: '   ' }))).toBeNull();
		expect(
			notificationMessage(notification({ kind: 'request_decided', body: 'accepted' }))
		).toBeNull();
		expect(
			notificationMessage(notification({ kind: 'member_joined', body: 'Bo Lindqvist' }))
		).toBeNull();
	});
});

describe('notificationLink', () => {
	it('sends an invitation to the inbox, where it is answered', () => {
		expect(notificationLink(notification({ kind: 'invitation_received' }))).toEqual({
			path: '/inbox',
			label: 'Open your inbox'
		});
	});

	it('sends a radar alert to the radar', () => {
		expect(notificationLink(notification({ kind: 'radar_alert', group_id: null }))).toEqual({
			path: '/radar',
			label: 'Open the crew radar'
		});
	});

	it('sends everything else to its group’s page, or to the inbox if the group is gone', () => {
		expect(notificationLink(notification({ kind: 'request_received' }))).toEqual({
			path: `/groups/${GROUP_ID}`,
			label: 'Open the group’s page'
		});
		expect(notificationLink(notification({ kind: 'member_left', group_id: null })).path).toBe(
			'/inbox'
		);
	});
});

describe('NOTIFICATION_KIND_NAMES', () => {
	it('names every kind once', () => {
		expect(Object.keys(NOTIFICATION_KIND_NAMES).sort()).toEqual([...NOTIFICATION_KINDS].sort());
		expect(new Set(Object.values(NOTIFICATION_KIND_NAMES)).size).toBe(NOTIFICATION_KINDS.length);
	});
});
