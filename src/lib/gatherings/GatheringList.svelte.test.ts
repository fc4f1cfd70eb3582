import { render, screen, within } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it } from 'vitest';
import GatheringList, { type GatheringSummary } from './GatheringList.svelte';

const empty = createRawSnippet(() => ({ render: () => '<p>Nothing here yet.</p>' }));

function gathering(overrides: Partial<GatheringSummary> = {}): GatheringSummary {
	return {
		id: '00000000-0000-4000-b000-000000000001',
		kind: 'call',
		name: 'Network Call',
		description: 'The monthly call of the whole network.',
		status: 'published',
		starts_at: '2027-01-05T19:00:00Z',
		ends_at: '2027-01-05T20:30:00Z',
		time_zone: 'Europe/London',
		all_day: false,
		recurrence: 'FREQ=MONTHLY;BYDAY=1TU',
		cancelled_occurrences: [],
		meeting_mode: 'online',
		capacity: null,
		going_count: 12,
		area_label: 'near London, GB',
		distance_km: null,
		...overrides
	};
}

describe('GatheringList', () => {
	it('gives the next date of a series in its own zone, how it repeats, and who is going', () => {
		render(GatheringList, {
			gatherings: [gathering()],
			now: '2027-03-10T12:00:00Z',
			empty
		});
		const item = screen.getByRole('listitem');
		expect(within(item).getByRole('link', { name: 'Network Call' })).toHaveAttribute(
			'href',
			'/gatherings/00000000-0000-4000-b000-000000000001'
		);
		// The first Tuesday of April 2027, in summer time.
		expect(item).toHaveTextContent('Tue 6 Apr 2027, 19:00–20:30 BST');
		expect(item).toHaveTextContent('Every month on the first Tuesday');
		expect(item).toHaveTextContent('12 going');
		// Online: no area to name.
		expect(item).not.toHaveTextContent('near London');
	});

	it('says a gathering is cancelled, and how far one is from the place asked about', () => {
		render(GatheringList, {
			gatherings: [
				gathering({
					status: 'cancelled',
					kind: 'camp',
					recurrence: null,
					meeting_mode: 'in_person',
					distance_km: 20
				})
			],
			now: '2026-12-01T00:00:00Z',
			empty
		});
		const item = screen.getByRole('listitem');
		expect(item).toHaveTextContent('Cancelled: Camp');
		expect(item).toHaveTextContent('In person, near London, GB, about 20 km away');
		expect(item).not.toHaveTextContent('going');
	});

	it('shows what to do next when there is nothing to list', () => {
		render(GatheringList, { gatherings: [], now: '2027-01-01T00:00:00Z', empty });
		expect(screen.getByText('Nothing here yet.')).toBeInTheDocument();
		expect(screen.queryByRole('list')).not.toBeInTheDocument();
	});
});
