import { describe, expect, it } from 'vitest';
import { formDataOf } from '$lib/components/factories';
import { inboxNotification } from './factories';
import { answerFor, inboxLinkOf, parseAnswer, unreadBadge } from './inbox';

const REQUEST_ID = '11111111-2222-4333-8444-555555555555';
const NOTIFICATION_ID = '00000000-0000-4000-8000-0000000000ff';

describe('answerFor', () => {
	it('answers only an open request or invitation', () => {
		const open = inboxNotification({ request_id: REQUEST_ID, request: { status: 'open' } });
		expect(answerFor(open)).toEqual({ kind: 'request', id: REQUEST_ID });
		expect(answerFor({ ...open, request: { status: 'accepted' } })).toBeNull();
		// A request the reader may no longer read (they left the group) is not theirs to answer.
		expect(answerFor({ ...open, request: null })).toBeNull();
		expect(answerFor({ ...open, kind: 'member_joined' })).toBeNull();
	});
});

describe('inboxLinkOf', () => {
	it('sends an invitation to its group, where the emails send it to the inbox', () => {
		const invitation = inboxNotification({ kind: 'invitation_received' });
		expect(inboxLinkOf(invitation)).toEqual({
			href: `/groups/${invitation.group_id}`,
			label: 'Open the group’s page'
		});
	});

	it('sends what happened to a gathering to the gathering’s page', () => {
		const moved = inboxNotification({
			kind: 'waitlist_moved_up',
			group_id: null,
			gathering_id: '00000000-0000-4000-a000-000000000021',
			gathering_name: 'Scheldt Valley Winter Meeting'
		});
		expect(inboxLinkOf(moved)).toEqual({
			href: '/gatherings/00000000-0000-4000-a000-000000000021',
			label: 'Open the gathering’s page'
		});
	});
});

describe('parseAnswer', () => {
	it('reads which button was pressed on which item', () => {
		expect(
			parseAnswer(
				formDataOf({
					notification_id: NOTIFICATION_ID,
					answer_kind: 'request',
					answer_id: REQUEST_ID,
					answer: 'decline'
				})
			)
		).toEqual({
			notificationId: NOTIFICATION_ID,
			answer: { kind: 'request', id: REQUEST_ID },
			accept: false
		});
	});

	it('refuses a post that is not one of the inbox’s buttons', () => {
		expect(
			parseAnswer(
				formDataOf({
					notification_id: NOTIFICATION_ID,
					answer_kind: 'group',
					answer_id: REQUEST_ID,
					answer: 'accept'
				})
			)
		).toEqual({ problem: 'Choose Accept or Decline on one of the items below.' });
	});
});

describe('unreadBadge', () => {
	it('counts up to 99, then says 99+', () => {
		expect(unreadBadge(3)).toBe('3');
		expect(unreadBadge(99)).toBe('99');
		expect(unreadBadge(100)).toBe('99+');
	});
});
