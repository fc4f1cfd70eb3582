import { render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RegionMap from './RegionMap.svelte';

const data = { circle: null, focus: null, cells: [], groups: [], meetingPoint: null, towns: [] };

describe('RegionMap', () => {
	it('is a named region of the page, not drawing until asked to', () => {
		render(RegionMap, { data, label: 'Map of Leeds' });

		const map = screen.getByRole('region', { name: 'Map of Leeds' });
		expect(map).toBe(screen.getByTestId('region-map'));
		expect(map).toHaveAttribute('data-drawing', 'off');
	});

	describe('in a browser without WebGL 2', () => {
		it('points to the forms and the lists instead, and offers no drawing', async () => {
			render(RegionMap, { data, ondraw: () => {} });

			const map = screen.getByTestId('region-map');
			await waitFor(() => expect(map).toHaveAttribute('data-state', 'error'));
			expect(map).toHaveTextContent(
				'Your browser cannot show the map (it needs WebGL 2). Choose a region with the forms, and read what is in it in the lists on this page.'
			);
			expect(screen.queryByRole('button', { name: 'Draw a circle' })).not.toBeInTheDocument();
		});
	});

	it('says what each mark on it is, for what it shows', () => {
		render(RegionMap, {
			data: {
				...data,
				cells: [{ lat: 53.8, lng: -1.55, people: 3, open_to_gatherings: 1 }],
				groups: [{ lat: 53.8, lng: -1.55, kind: 'crew' as const, name: 'Leeds Crew' }],
				meetingPoint: { lat: 53.8, lng: -1.55 },
				towns: [{ lat: 53.79, lng: -1.54, name: 'Leeds, GB' }]
			},
			view: 'density'
		});

		const legend = screen.getByRole('list', { name: 'What the marks on the map are' });
		expect(
			within(legend)
				.getAllByRole('listitem')
				.map((item) => item.textContent?.trim())
		).toEqual([
			'Where people are most',
			'Crew',
			'The fairest point to meet',
			'A suggested town, numbered as in the list'
		]);
	});
});
