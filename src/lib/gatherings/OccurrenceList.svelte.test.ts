import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import OccurrenceList from './OccurrenceList.svelte';

const occurrences = [
	{ startsAt: '2027-01-05T17:00:00.000Z', endsAt: '2027-01-05T18:00:00.000Z', cancelled: true },
	{ startsAt: '2027-02-02T17:00:00.000Z', endsAt: '2027-02-02T18:00:00.000Z', cancelled: false }
];

describe('OccurrenceList', () => {
	it('marks a cancelled date and lets a host cancel another, posting its start', () => {
		render(OccurrenceList, {
			occurrences,
			timeZone: 'Europe/London',
			allDay: false,
			canCancel: true
		});
		const [cancelled, next] = screen.getAllByRole('listitem');
		expect(cancelled).toHaveTextContent('Tue 5 Jan 2027, 17:00–18:00 GMT');
		expect(cancelled).toHaveTextContent('Cancelled');
		expect(within(cancelled).queryByRole('button')).not.toBeInTheDocument();
		const button = within(next).getByRole('button', {
			name: 'Cancel this date: Tue 2 Feb 2027, 17:00–18:00 GMT'
		});
		const form = button.closest('form')!;
		expect(form).toHaveAttribute('action', '?/cancelOccurrence');
		expect(new FormData(form).get('starts_at')).toBe('2027-02-02T17:00:00.000Z');
	});

	it('offers nobody else a button, and shows a refusal beside its date', () => {
		render(OccurrenceList, {
			occurrences,
			timeZone: 'Europe/London',
			allDay: false,
			canCancel: false,
			refused: {
				action: 'cancelOccurrence',
				target: '2027-02-02T17:00:00.000Z',
				message: 'Only the hosts of the call can cancel a date.'
			}
		});
		expect(screen.queryByRole('button')).not.toBeInTheDocument();
		expect(within(screen.getAllByRole('listitem')[1]).getByRole('alert')).toHaveTextContent(
			'Only the hosts of the call can cancel a date.'
		);
	});

	it('says when the series is over', () => {
		render(OccurrenceList, { occurrences: [], timeZone: 'UTC', allDay: false, canCancel: true });
		expect(screen.getByText('No more dates: the series is over.')).toBeInTheDocument();
	});
});
