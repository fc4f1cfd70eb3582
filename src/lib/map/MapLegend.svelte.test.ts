import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import MapLegend from './MapLegend.svelte';

afterEach(cleanup);

describe('MapLegend', () => {
	it('names the five scales, smallest first', () => {
		render(MapLegend, { hiddenKinds: [], onchange: () => {} });

		const scales = screen.getAllByRole('listitem').map((item) => item.textContent);
		expect(scales.map((text) => text?.trim().split(/\s+/)[0])).toEqual([
			'Self',
			'Partner',
			'Crew',
			'Congregation',
			'Network'
		]);
	});

	it('has a checkbox for each kind on the map, ticked unless hidden', () => {
		render(MapLegend, { hiddenKinds: ['crew'], onchange: () => {} });

		expect(screen.getByRole('checkbox', { name: 'Practitioners' })).toBeChecked();
		expect(screen.getByRole('checkbox', { name: 'Crews' })).not.toBeChecked();
		expect(screen.getByRole('checkbox', { name: 'Congregations' })).toBeChecked();
		expect(screen.getByRole('checkbox', { name: 'Gatherings' })).toBeChecked();
		expect(screen.getAllByRole('checkbox')).toHaveLength(4);
	});

	describe('when a kind is unticked', () => {
		it('asks to hide it along with those already hidden', async () => {
			const onchange = vi.fn();
			render(MapLegend, { hiddenKinds: ['gathering'], onchange });

			await fireEvent.click(screen.getByRole('checkbox', { name: 'Practitioners' }));

			expect(onchange).toHaveBeenCalledWith(['practitioner', 'gathering']);
		});
	});

	describe('when a hidden kind is ticked again', () => {
		it('asks to show it', async () => {
			const onchange = vi.fn();
			render(MapLegend, { hiddenKinds: ['crew', 'gathering'], onchange });

			await fireEvent.click(screen.getByRole('checkbox', { name: 'Crews' }));

			expect(onchange).toHaveBeenCalledWith(['gathering']);
		});
	});

	it('shows how many of each kind there are, when known', () => {
		render(MapLegend, { hiddenKinds: [], onchange: () => {}, counts: { practitioner: 7 } });

		expect(screen.getByRole('checkbox', { name: 'Practitioners (7)' })).toBeChecked();
	});
});
