import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import JoinPanel from './JoinPanel.svelte';
import type { JoinState } from './join-state';

function panel(state: JoinState, extra: Record<string, unknown> = {}) {
	render(JoinPanel, {
		state,
		groupName: 'Bristol Makers Crew',
		kindWord: 'crew',
		loginHref: '/login?next=%2Fgroups%2Fb',
		welcomeHref: '/welcome',
		editHref: '/groups/b/edit',
		...extra
	});
	return screen.getByRole('region');
}

/** The form a button submits: its action, and what it posts with that button. */
function submitted(button: HTMLElement): { action: string | null; fields: Record<string, string> } {
	const form = button.closest('form')!;
	const data = new FormData(form, button as HTMLButtonElement);
	return {
		action: form.getAttribute('action'),
		fields: Object.fromEntries([...data].map(([name, value]) => [name, String(value)]))
	};
}

describe('JoinPanel', () => {
	it('sends a visitor who is not signed in to sign in, and back', () => {
		const region = panel({ kind: 'signedOut' });
		expect(region).toHaveAccessibleName('Join this crew');
		expect(within(region).getByRole('link', { name: 'Sign in to ask to join' })).toHaveAttribute(
			'href',
			'/login?next=%2Fgroups%2Fb'
		);
		expect(within(region).queryByRole('button')).not.toBeInTheDocument();
	});

	it('asks someone not yet on the map to add themselves first', () => {
		const region = panel({ kind: 'notOnboarded' });
		expect(within(region).getByRole('link', { name: 'Add yourself to the map' })).toHaveAttribute(
			'href',
			'/welcome'
		);
		expect(within(region).queryByRole('button')).not.toBeInTheDocument();
	});

	it('says why a group takes nobody, with nothing to press', () => {
		const region = panel({
			kind: 'notTaking',
			reason: 'Bristol Makers Crew is full: there is no seat left.'
		});
		expect(region).toHaveTextContent('Bristol Makers Crew is full: there is no seat left.');
		expect(within(region).queryByRole('button')).not.toBeInTheDocument();
	});

	it('lets a member ask to join with a short message', () => {
		const region = panel({ kind: 'canAsk' });
		const message = within(region).getByRole('textbox', {
			name: 'A short message to its members (optional)'
		});
		expect(message).toHaveAttribute('name', 'message');
		expect(submitted(within(region).getByRole('button', { name: 'Ask to join' }))).toEqual({
			action: '?/join',
			fields: { message: '' }
		});
	});

	it('shows the database’s refusal beside the request, keeping the message typed', () => {
		const region = panel(
			{ kind: 'canAsk' },
			{
				refused: {
					action: 'join',
					message: 'Bristol Makers Crew is not taking a request from you at the moment.'
				},
				joinMessage: 'Hello, I make chairs.'
			}
		);
		expect(within(region).getByRole('alert')).toHaveTextContent(
			'Bristol Makers Crew is not taking a request from you at the moment.'
		);
		expect(within(region).getByRole('textbox')).toHaveValue('Hello, I make chairs.');
		expect(within(region).getByRole('button', { name: 'Ask to join' })).toHaveAccessibleDescription(
			'Bristol Makers Crew is not taking a request from you at the moment.'
		);
	});

	it('leaves out a refusal of another action', () => {
		const region = panel(
			{ kind: 'canAsk' },
			{ refused: { action: 'leave', message: 'You are not in Bristol Makers Crew.' } }
		);
		expect(within(region).queryByRole('alert')).not.toBeInTheDocument();
	});

	it('shows a pending request with a way to take it back', () => {
		const region = panel({ kind: 'requested', requestId: 'req-1', message: 'Hello!' });
		expect(region).toHaveAccessibleName('Your request');
		expect(region).toHaveTextContent('Your request is waiting for its members to answer.');
		expect(region).toHaveTextContent('Hello!');
		expect(
			submitted(within(region).getByRole('button', { name: 'Withdraw your request' }))
		).toEqual({ action: '?/withdrawRequest', fields: { request_id: 'req-1' } });
	});

	it('lets an invited person accept or decline', () => {
		const region = panel({
			kind: 'invited',
			invitationId: 'inv-1',
			inviterName: 'Dalia Brightwater',
			message: 'Join us?'
		});
		expect(region).toHaveAccessibleName('You are invited');
		expect(region).toHaveTextContent('Dalia Brightwater invited you to join Bristol Makers Crew.');
		expect(submitted(within(region).getByRole('button', { name: 'Accept and join' }))).toEqual({
			action: '?/answerInvitation',
			fields: { invitation_id: 'inv-1', accept: 'yes' }
		});
		expect(submitted(within(region).getByRole('button', { name: 'Decline' }))).toEqual({
			action: '?/answerInvitation',
			fields: { invitation_id: 'inv-1', accept: 'no' }
		});
	});

	it('lets a member leave', () => {
		const region = panel({ kind: 'member', role: 'member', lastHost: false, alone: false });
		expect(region).toHaveAccessibleName('You are a member');
		expect(
			submitted(within(region).getByRole('button', { name: 'Leave Bristol Makers Crew' }))
		).toEqual({ action: '?/leave', fields: {} });
	});

	it('tells the last host to hand over or close, instead of offering to leave', () => {
		const region = panel({ kind: 'member', role: 'host', lastHost: true, alone: false });
		expect(region).toHaveAccessibleName('You host this crew');
		expect(region).toHaveTextContent('You are its last host.');
		expect(within(region).getByRole('link', { name: 'close the crew' })).toHaveAttribute(
			'href',
			'/groups/b/edit'
		);
		expect(within(region).queryByRole('button')).not.toBeInTheDocument();
	});

	it('tells someone alone in a group that leaving closes it', () => {
		const region = panel({ kind: 'member', role: 'host', lastHost: false, alone: true });
		expect(region).toHaveTextContent('You are its only member: leaving closes the crew.');
	});

	it('marks its state for tests that wait for it', () => {
		expect(panel({ kind: 'canAsk' })).toHaveAttribute('data-state', 'canAsk');
	});
});
