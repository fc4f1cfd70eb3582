import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import MeetingPoints from './MeetingPoints.svelte';
import { meetingSuggestion } from './factories';

const values = {
	town: '2644688',
	name: 'Regional gathering near Leeds',
	kind: 'regional_gathering',
	first_day: '2027-01-28',
	time_zone: 'UTC'
};
const props = {
	suggestion: meetingSuggestion(),
	openCount: 4,
	inviteRegion: { lat: 53.8008, lng: -1.5491, radius_km: 100 },
	values,
	action: '?near=Leeds&km=100&/propose'
};

describe('MeetingPoints', () => {
	it('says where the fairest point is, for how many', () => {
		render(MeetingPoints, props);

		expect(screen.getByTestId('meeting-point')).toHaveTextContent(
			'The fairest point to meet, with the least travel in all for the 4 people open to gatherings here, is at 53.731, -1.712 (the ring on the map).'
		);
	});

	it('lists the towns nearest it, numbered as on the map, with the shares within 50, 100 and 200 km', () => {
		render(MeetingPoints, props);

		const table = screen.getByRole('table', { name: /Suggested towns/ });
		const rows = within(table)
			.getAllByRole('row')
			.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim()));
		expect(rows).toEqual([
			['Town', 'From the point', 'Within 50 km', 'Within 100 km', 'Within 200 km'],
			['1. Leeds, GB', '13 km', '75% (3 of 4)', '100% (4 of 4)', '100% (4 of 4)'],
			['2. Bradford, GB', '8 km', '100% (4 of 4)', '100% (4 of 4)', '100% (4 of 4)']
		]);
	});

	it('proposes a gathering in a chosen town, posting the region to invite with it', () => {
		render(MeetingPoints, props);

		const proposal = screen.getByRole('form', { name: 'Propose a gathering here' });
		expect(proposal).toHaveAttribute('method', 'POST');
		expect(proposal).toHaveAttribute('action', '?near=Leeds&km=100&/propose');
		expect(within(proposal).getByRole('radio', { name: 'Leeds, GB' })).toBeChecked();
		expect(within(proposal).getByRole('radio', { name: 'Bradford, GB' })).not.toBeChecked();
		expect(within(proposal).getByRole('textbox', { name: 'Name' })).toHaveValue(
			'Regional gathering near Leeds'
		);
		expect(within(proposal).getByRole('combobox', { name: 'Kind' })).toHaveValue(
			'regional_gathering'
		);
		const hidden = Object.fromEntries(
			[...proposal.querySelectorAll<HTMLInputElement>('input[type=hidden]')].map((input) => [
				input.name,
				input.value
			])
		);
		expect(hidden).toEqual({ lat: '53.800800', lng: '-1.549100', km: '100' });
		expect(
			within(proposal).getByRole('button', { name: 'Propose a gathering here' })
		).toBeVisible();
	});

	it('shows a refused proposal again with what to fix, beside each field and at the top', () => {
		render(MeetingPoints, {
			...props,
			values: { ...values, name: '' },
			errors: { name: 'Give the gathering a name.' }
		});

		const summary = screen.getByRole('alert', { name: 'The gathering was not proposed' });
		expect(within(summary).getByRole('link', { name: 'Give the gathering a name.' })).toBeVisible();
		expect(screen.getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(
			'Give the gathering a name.'
		);
	});

	it('says why there is no meeting point when nobody is open to gatherings, and how that changes', () => {
		render(MeetingPoints, { ...props, suggestion: null, openCount: 0, values: null });

		expect(
			screen.getByText(/Nobody you can see here has said they are open to gatherings yet/)
		).toBeVisible();
		expect(screen.getByRole('link', { name: 'their profile' })).toHaveAttribute('href', '/me');
		expect(screen.queryByRole('form')).not.toBeInTheDocument();
	});
});
