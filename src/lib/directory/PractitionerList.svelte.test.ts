import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import PractitionerList from './PractitionerList.svelte';
import type { PractitionerSummary } from './types';

afterEach(cleanup);

const ada: PractitionerSummary = {
	id: 'ada',
	display_name: 'Ada Fernhill',
	place_label: 'Utrecht, NL',
	bio: 'Hosting a crew of parents who meet on Tuesdays.'
};
const bram: PractitionerSummary = { id: 'bram', display_name: 'Bram Oakes', place_label: null };

describe('PractitionerList', () => {
	it('lists each practitioner by name, with their place and bio', () => {
		render(PractitionerList, { practitioners: [ada, bram] });

		const items = screen.getAllByRole('listitem');
		expect(items).toHaveLength(2);
		expect(within(items[0]).getByRole('heading', { level: 2 })).toHaveTextContent('Ada Fernhill');
		expect(items[0]).toHaveTextContent('Utrecht, NL');
		expect(items[0]).toHaveTextContent('Hosting a crew of parents who meet on Tuesdays.');
		expect(within(items[1]).getByRole('heading')).toHaveTextContent('Bram Oakes');
	});

	it('says how far each practitioner is from the chosen place, as an approximation', () => {
		render(PractitionerList, {
			practitioners: [
				{ ...ada, distance_km: 20 },
				{ ...bram, distance_km: 1000 }
			]
		});

		const items = screen.getAllByRole('listitem');
		expect(items[0]).toHaveTextContent('Utrecht, NL, about 20 km away');
		expect(items[1]).toHaveTextContent('about 1,000 km away');
	});

	it('links each name to the practitioner’s profile page', () => {
		render(PractitionerList, { practitioners: [ada, bram] });

		expect(screen.getByRole('link', { name: 'Ada Fernhill' })).toHaveAttribute('href', '/p/ada');
		expect(screen.getByRole('link', { name: 'Bram Oakes' })).toHaveAttribute('href', '/p/bram');
	});

	it('uses the heading level it is given', () => {
		render(PractitionerList, { practitioners: [ada], headingLevel: 3 });

		expect(screen.getByRole('heading', { level: 3, name: 'Ada Fernhill' })).toBeInTheDocument();
	});

	describe('when there is nobody to list', () => {
		it('says so', () => {
			render(PractitionerList, { practitioners: [] });

			expect(screen.queryByRole('list')).not.toBeInTheDocument();
			expect(screen.getByText('There is nobody to list here yet.')).toBeInTheDocument();
		});

		it('shows the empty state it is given, with what to do next', () => {
			const empty = createRawSnippet(() => ({
				render: () => '<p>Nobody has shared their profile yet. <a href="/login">Sign in</a></p>'
			}));
			render(PractitionerList, { practitioners: [], empty });

			expect(screen.getByRole('link', { name: 'Sign in' })).toBeInTheDocument();
		});
	});

	describe('beside a map', () => {
		it('offers to show each practitioner on the map, named for screen readers', async () => {
			const onshow = vi.fn();
			render(PractitionerList, { practitioners: [ada, bram], onshow });

			await fireEvent.click(screen.getByRole('button', { name: 'Show Bram Oakes on the map' }));

			expect(onshow).toHaveBeenCalledExactlyOnceWith('bram');
		});

		it('marks the practitioner the map is showing', () => {
			render(PractitionerList, { practitioners: [ada, bram], selectedId: 'bram', onshow: vi.fn() });

			const [adaItem, bramItem] = screen.getAllByRole('listitem');
			expect(bramItem).toHaveAttribute('aria-current', 'true');
			expect(adaItem).not.toHaveAttribute('aria-current');
		});

		it('has no buttons when there is no map to show anyone on', () => {
			render(PractitionerList, { practitioners: [ada] });

			expect(screen.queryByRole('button')).not.toBeInTheDocument();
		});
	});
});
