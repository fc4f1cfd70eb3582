import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RegionSummary from './RegionSummary.svelte';
import { regionPlan } from './factories';

describe('RegionSummary', () => {
	it('says how many people are there and how many of them are open to gatherings', () => {
		render(RegionSummary, { plan: regionPlan() });

		expect(screen.getByTestId('plan-totals')).toHaveTextContent(
			'7 people you can see are here, and 4 of them are open to gatherings. There is 1 crew and 0 congregations.'
		);
	});

	it('lists the people by place, most first: the map’s equivalent', () => {
		render(RegionSummary, { plan: regionPlan() });

		const rows = within(screen.getByRole('table', { name: 'People by place' })).getAllByRole('row');
		const cells = rows.map((row) =>
			[...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim())
		);
		expect(cells).toEqual([
			['Place', 'People', 'Open to gatherings'],
			['near Leeds, GB', '5', '3'],
			['near Manchester, GB', '2', '1']
		]);
	});

	it('links each crew and congregation to its page', () => {
		render(RegionSummary, { plan: regionPlan() });

		expect(screen.getByRole('link', { name: 'Leeds Makers Crew' })).toHaveAttribute(
			'href',
			'/groups/00000000-0000-4000-8000-000000000071'
		);
		expect(screen.getByText('Crew, near Leeds, GB')).toBeInTheDocument();
	});

	it('says so when nobody the member can see is there', () => {
		render(RegionSummary, {
			plan: regionPlan({
				cells: [],
				groups: [],
				totals: { people: 0, open_to_gatherings: 0, crews: 0, congregations: 0 }
			})
		});

		expect(screen.getByTestId('plan-totals')).toHaveTextContent(
			'Nobody you can see is in this region yet. There are 0 crews and 0 congregations.'
		);
		expect(screen.queryByRole('table')).not.toBeInTheDocument();
	});
});
