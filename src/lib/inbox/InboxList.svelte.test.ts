import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import InboxList from './InboxList.svelte';
import { CREW_ID, inboxNotification } from './factories';
import type { InboxNotification } from './inbox';

const REQUEST_ID = '11111111-2222-4333-8444-555555555555';
const INVITATION_ID = '66666666-7777-4888-9999-aaaaaaaaaaaa';

function renderOne(overrides: Partial<InboxNotification>) {
	const notification = inboxNotification(overrides);
	render(InboxList, { notifications: [notification] });
	return { notification, item: screen.getByRole('listitem') };
}

describe('InboxList', () => {
	describe('says each kind in plain words, with a link to what it is about', () => {
		it.each<[string, Partial<InboxNotification>, string, string]>([
			[
				'a request to join',
				{ kind: 'request_received', body: 'We just moved to Bristol.' },
				'Ada Fernhill asked to join Bristol Makers Crew.',
				`/groups/${CREW_ID}`
			],
			[
				'a request accepted',
				{ kind: 'request_decided', body: 'accepted' },
				'Your request to join Bristol Makers Crew was accepted.',
				`/groups/${CREW_ID}`
			],
			[
				'an invitation',
				{ kind: 'invitation_received' },
				'Ada Fernhill invited you to join Bristol Makers Crew.',
				`/groups/${CREW_ID}`
			],
			[
				'someone joining',
				{ kind: 'member_joined', body: 'Bo Lindqvist' },
				'Bo Lindqvist joined Bristol Makers Crew.',
				`/groups/${CREW_ID}`
			],
			[
				'someone leaving',
				{ kind: 'member_left' },
				'A member left Bristol Makers Crew.',
				`/groups/${CREW_ID}`
			],
			[
				'being removed',
				{ kind: 'member_removed' },
				'A host removed you from Bristol Makers Crew.',
				`/groups/${CREW_ID}`
			],
			[
				'a crew asking to join a congregation',
				{
					kind: 'congregation_request_received',
					group_name: 'Ghent Congregation',
					body: 'Bristol Makers Crew'
				},
				'Ada Fernhill asked for Bristol Makers Crew to join Ghent Congregation.',
				`/groups/${CREW_ID}`
			],
			[
				'a radar alert',
				{
					kind: 'radar_alert',
					group_id: null,
					group_name: null,
					actor_name: null,
					body: '3 people open to crewing are within 25 km of you.'
				},
				'Crew radar: 3 people open to crewing are within 25 km of you.',
				'/radar'
			]
		])('%s', (_kind, overrides, words, href) => {
			const { item } = renderOne(overrides);

			expect(item).toHaveTextContent(words);
			const link = within(item).getByRole('link');
			expect(link).toHaveAttribute('href', href);
			// Its name says which notification it belongs to, among many links alike.
			expect(link).toHaveAccessibleName(expect.stringContaining(words.replace(/\.$/, '')));
		});

		it('quotes the message that came with a request', () => {
			const { item } = renderOne({ kind: 'request_received', body: 'We just moved to Bristol.' });

			expect(within(item).getByText('“We just moved to Bristol.”')).toBeInTheDocument();
		});

		it('has no link for a group that has since been deleted', () => {
			const { item } = renderOne({ kind: 'member_left', group_id: null });

			expect(within(item).queryByRole('link')).not.toBeInTheDocument();
		});
	});

	describe('unread and read', () => {
		it('marks an unread one as new, in words, with a button to mark it read', () => {
			const { notification, item } = renderOne({ kind: 'member_left' });

			expect(item).toHaveAttribute('data-state', 'unread');
			expect(item).toHaveTextContent(/^New: A member left Bristol Makers Crew/);
			const button = within(item).getByRole('button', { name: /^Mark read/ });
			const form = button.closest('form')!;
			expect(form).toHaveAttribute('method', 'POST');
			expect(form).toHaveAttribute('action', '?/read');
			expect(within(form).getByDisplayValue(notification.id)).toHaveAttribute(
				'name',
				'notification_id'
			);
		});

		it('shows a read one plainly, with nothing to mark', () => {
			const { item } = renderOne({ kind: 'member_left', read_at: '2026-12-02T10:00:00Z' });

			expect(item).toHaveAttribute('data-state', 'read');
			expect(item).not.toHaveTextContent('New');
			expect(within(item).queryByRole('button')).not.toBeInTheDocument();
		});
	});

	describe('answering from the inbox', () => {
		it('offers accept and decline for an open invitation', () => {
			const { notification, item } = renderOne({
				kind: 'invitation_received',
				invitation_id: INVITATION_ID,
				invitation: { status: 'open' }
			});

			const accept = within(item).getByRole('button', {
				name: 'Accept: Ada Fernhill invited you to join Bristol Makers Crew'
			});
			expect(accept).toHaveAttribute('value', 'accept');
			expect(within(item).getByRole('button', { name: /^Decline/ })).toHaveAttribute(
				'value',
				'decline'
			);
			const form = accept.closest('form')!;
			expect(form).toHaveAttribute('action', '?/answer');
			const posted = new FormData(form);
			expect(Object.fromEntries(posted)).toEqual({
				notification_id: notification.id,
				answer_kind: 'invitation',
				answer_id: INVITATION_ID
			});
		});

		it('offers accept and decline for an open request', () => {
			const { item } = renderOne({
				kind: 'request_received',
				request_id: REQUEST_ID,
				request: { status: 'open' }
			});

			const form = within(item)
				.getByRole('button', { name: /^Accept/ })
				.closest('form')!;
			expect(new FormData(form).get('answer_kind')).toBe('request');
			expect(new FormData(form).get('answer_id')).toBe(REQUEST_ID);
		});

		it('says what became of a request no longer open, and offers nothing', () => {
			const { item } = renderOne({
				kind: 'request_received',
				request_id: REQUEST_ID,
				request: { status: 'withdrawn' }
			});

			expect(item).toHaveTextContent('They took this request back.');
			expect(within(item).queryByRole('button', { name: /^Accept/ })).not.toBeInTheDocument();
		});

		it('says what the invitee answered', () => {
			const { item } = renderOne({
				kind: 'invitation_received',
				invitation_id: INVITATION_ID,
				invitation: { status: 'accepted' },
				read_at: '2026-12-02T10:00:00Z'
			});

			expect(item).toHaveTextContent('You accepted this invitation.');
			expect(within(item).queryByRole('button')).not.toBeInTheDocument();
		});

		it('shows why an answer was refused beside the item it was about, and nowhere else', () => {
			const refused = inboxNotification({
				kind: 'request_received',
				request_id: REQUEST_ID,
				request: { status: 'open' }
			});
			const other = inboxNotification({ kind: 'member_left' });
			render(InboxList, {
				notifications: [refused, other],
				answerError: {
					notificationId: refused.id,
					message: 'Bristol Makers Crew is full: there is no seat left.'
				}
			});

			const [first, second] = screen.getAllByRole('listitem');
			expect(within(first).getByRole('alert')).toHaveTextContent(
				'Bristol Makers Crew is full: there is no seat left.'
			);
			expect(within(first).getByRole('button', { name: /^Accept/ })).toHaveAccessibleDescription(
				'Bristol Makers Crew is full: there is no seat left.'
			);
			expect(within(second).queryByRole('alert')).not.toBeInTheDocument();
		});
	});

	it('lists them in the order given (the newest first, as the inbox reads them)', () => {
		render(InboxList, {
			notifications: [
				inboxNotification({ kind: 'member_joined', body: 'Newest' }),
				inboxNotification({ kind: 'member_joined', body: 'Oldest' })
			]
		});

		const items = screen.getAllByRole('listitem');
		expect(items[0]).toHaveTextContent('Newest joined');
		expect(items[1]).toHaveTextContent('Oldest joined');
	});

	it('tells a reporter the outcome of their report, linking nowhere else', () => {
		const { item } = renderOne({
			kind: 'report_outcome',
			group_id: null,
			group_name: null,
			actor_name: null,
			body: 'actioned'
		});
		expect(item).toHaveTextContent('A moderator reviewed your report and took action.');
		expect(within(item).queryByRole('link')).not.toBeInTheDocument();
	});

	describe('offers to report what was received', () => {
		it('links a request to join and an invitation to their report pages', () => {
			render(InboxList, {
				notifications: [
					inboxNotification({ kind: 'request_received', request_id: REQUEST_ID }),
					inboxNotification({ kind: 'invitation_received', invitation_id: INVITATION_ID })
				]
			});

			const [request, invitation] = screen.getAllByRole('listitem');
			expect(
				within(request).getByRole('link', {
					name: 'Report this request: Ada Fernhill asked to join Bristol Makers Crew'
				})
			).toHaveAttribute('href', `/report/join_request/${REQUEST_ID}`);
			expect(
				within(invitation).getByRole('link', { name: /^Report this invitation/ })
			).toHaveAttribute('href', `/report/invitation/${INVITATION_ID}`);
		});

		it('offers nothing to report on news of one’s own', () => {
			renderOne({ kind: 'request_decided', body: 'accepted', request_id: REQUEST_ID });
			expect(screen.queryByRole('link', { name: /^Report/ })).not.toBeInTheDocument();
		});
	});
});
