import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RadarAlerts from './RadarAlerts.svelte';
import { parseAlert, type RadarAlert } from './radar';

const waiting: RadarAlert = {
	id: '00000000-0000-4000-8000-0000000000a1',
	min_people: 4,
	radius_km: 50,
	created_at: '2026-11-20T08:00:00Z',
	fired_at: null
};
const fired: RadarAlert = {
	id: '00000000-0000-4000-8000-0000000000a2',
	min_people: 2,
	radius_km: 25,
	created_at: '2026-11-01T08:00:00Z',
	fired_at: '2026-11-28T18:00:00Z'
};
const fresh = { min_people: '3', radius_km: '25' };

describe('RadarAlerts', () => {
	it('lists each alert as waiting or fired, with a button to remove it', () => {
		render(RadarAlerts, { alerts: [waiting, fired], values: fresh });

		const [first, second] = screen.getAllByRole('listitem');
		expect(first).toHaveTextContent(
			'When at least 4 people within 50 km: waiting, since 20 November 2026'
		);
		expect(second).toHaveTextContent(
			'When at least 2 people within 25 km: fired on 28 November 2026'
		);
		const remove = within(first).getByRole('button', {
			name: 'Remove the alert for at least 4 people within 50 km'
		});
		const form = remove.closest('form')!;
		expect(form).toHaveAttribute('action', '?/removeAlert');
		expect(new FormData(form).get('alert_id')).toBe(waiting.id);
	});

	it('says when there are none, and still offers to add one', () => {
		render(RadarAlerts, { alerts: [], values: fresh });

		expect(screen.getByText('You have no radar alerts.')).toBeInTheDocument();
		expect(screen.getByRole('button', { name: 'Add alert' })).toBeInTheDocument();
	});

	it('posts how many people and how far', () => {
		render(RadarAlerts, { alerts: [], values: fresh });

		expect(screen.getByLabelText('People')).toHaveValue('3');
		expect(screen.getByLabelText('Within')).toHaveValue('25');
		const form = screen.getByRole('button', { name: 'Add alert' }).closest('form')!;
		expect(form).toHaveAttribute('action', '?/addAlert');
		expect(parseAlert(new FormData(form))).toEqual({ alert: { min_people: 3, radius_km: 25 } });
	});

	it('shows what was refused, keeping what was typed', () => {
		render(RadarAlerts, {
			alerts: [],
			values: { min_people: '1', radius_km: '25' },
			errors: {
				min_people: 'Give a number of people from 2 to 50.',
				form: 'You have five alerts waiting already: remove one first.'
			}
		});

		const summary = screen.getByRole('alert');
		expect(summary).toHaveTextContent('The alert was not added');
		expect(summary).toHaveTextContent('You have five alerts waiting already: remove one first.');
		const people = screen.getByLabelText('People');
		expect(people).toHaveValue('1');
		expect(people).toHaveAttribute('aria-invalid', 'true');
		expect(people).toHaveAccessibleDescription(
			expect.stringContaining('Give a number of people from 2 to 50.')
		);
	});
});
