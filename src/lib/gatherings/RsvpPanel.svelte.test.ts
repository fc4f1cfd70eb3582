import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RsvpPanel from './RsvpPanel.svelte';
import type { RsvpPanelState } from './rsvp-state';

function panel(state: RsvpPanelState, extra: Record<string, unknown> = {}) {
	render(RsvpPanel, {
		state,
		gatheringName: 'North Sea Camp',
		loginHref: '/login?next=%2Fgatherings%2Fg',
		welcomeHref: '/welcome',
		rsvpsHref: '/gatherings/g/rsvps',
		editHref: '/gatherings/g/edit',
		...extra
	});
	return screen.getByRole('region');
}

const open = (
	changes: Partial<Extract<RsvpPanelState, { kind: 'open' }>> = {}
): RsvpPanelState => ({
	kind: 'open',
	answer: null,
	state: null,
	full: false,
	approval: false,
	...changes
});

/** What a button posts, and where. */
function submitted(button: HTMLElement) {
	const form = button.closest('form')!;
	const data = new FormData(form, button as HTMLButtonElement);
	return { action: form.getAttribute('action'), answer: data.get('answer') };
}

describe('RsvpPanel', () => {
	it('sends a visitor who is not signed in to sign in, and back', () => {
		const region = panel({ kind: 'signedOut' });
		expect(region).toHaveAttribute('data-state', 'signedOut');
		expect(
			within(region).getByRole('link', { name: 'Sign in to say you are coming' })
		).toHaveAttribute('href', '/login?next=%2Fgatherings%2Fg');
		expect(within(region).queryByRole('button')).not.toBeInTheDocument();
	});

	it('offers the three answers, each posting to the page’s rsvp action', () => {
		const region = panel(open());
		expect(region).toHaveAttribute('data-state', 'unanswered');
		expect(region).toHaveAccessibleName('Are you coming?');
		const buttons = within(region).getAllByRole('button');
		expect(buttons.map((button) => button.textContent?.trim())).toEqual([
			'Going',
			'Interested',
			'Not going'
		]);
		expect(buttons.map(submitted)).toEqual([
			{ action: '?/rsvp', answer: 'going' },
			{ action: '?/rsvp', answer: 'interested' },
			{ action: '?/rsvp', answer: 'not_going' }
		]);
	});

	it('says going joins the waitlist when every place is taken', () => {
		const region = panel(open({ full: true }));
		expect(region).toHaveTextContent('Every place is taken');
		expect(within(region).getByRole('button', { name: 'Join the waitlist' })).toBeInTheDocument();
	});

	it('asks the hosts in approval mode', () => {
		const region = panel(open({ approval: true }));
		expect(within(region).getByRole('button', { name: 'Ask to come' })).toBeInTheDocument();
	});

	it('marks the answer given, and says where it stands', () => {
		const region = panel(open({ answer: 'going', state: 'waitlisted', full: true }));
		expect(region).toHaveAttribute('data-state', 'waitlisted');
		expect(region).toHaveTextContent('You are on the waitlist.');
		expect(within(region).getByRole('button', { name: 'Going' })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		expect(within(region).getByRole('button', { name: 'Not going' })).toHaveAttribute(
			'aria-pressed',
			'false'
		);
	});

	it('offers nothing more after a host declined, and says so without blame', () => {
		const region = panel(open({ answer: 'going', state: 'declined' }));
		expect(region).toHaveAttribute('data-state', 'declined');
		expect(region).toHaveTextContent('Its hosts did not take your sign-up this time.');
		expect(within(region).queryByRole('button')).not.toBeInTheDocument();
	});

	it('shows the database’s refusal beside the answers', () => {
		const region = panel(open(), {
			refused: {
				action: 'rsvp',
				message: 'North Sea Camp is not taking a sign-up from you at the moment.'
			}
		});
		expect(within(region).getByRole('alert')).toHaveTextContent(
			'North Sea Camp is not taking a sign-up from you at the moment.'
		);
		expect(within(region).getByRole('button', { name: 'Going' })).toHaveAccessibleDescription(
			'North Sea Camp is not taking a sign-up from you at the moment.'
		);
	});

	it('takes hosts to the sign-ups and the edit page instead', () => {
		const region = panel({ kind: 'host' });
		expect(region).toHaveAttribute('data-state', 'host');
		expect(within(region).getByRole('link', { name: /See who is coming/ })).toHaveAttribute(
			'href',
			'/gatherings/g/rsvps'
		);
		expect(within(region).getByRole('link', { name: 'change North Sea Camp' })).toHaveAttribute(
			'href',
			'/gatherings/g/edit'
		);
	});

	it('says why a gathering takes no answers', () => {
		const region = panel({ kind: 'closed', reason: 'North Sea Camp is over.' });
		expect(region).toHaveTextContent('North Sea Camp is over.');
		expect(within(region).queryByRole('button')).not.toBeInTheDocument();
	});
});
