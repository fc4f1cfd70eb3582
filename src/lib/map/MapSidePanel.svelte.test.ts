import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { crewItem, gatheringItem, mapItem } from '$lib/map/factories';
import type { MapItem } from '$lib/map/map-items';
import MapSidePanel from './MapSidePanel.svelte';

afterEach(cleanup);

const ada = mapItem();
const bram = mapItem({ id: 'bram', name: 'Bram Oakes', place_label: null });
const cleo = mapItem({
	id: 'cleo',
	name: 'Cleo Marsh',
	place_label: 'Utrecht area, NL',
	pathway_stage: 'hosting',
	practices: ['crewing', 'conflict_work'],
	open_to: ['hosting_a_crew', 'collaborating'],
	languages: ['Dutch', 'English']
});

/** `count` people named "Person 001", "Person 002", … */
function people(count: number): MapItem[] {
	return Array.from({ length: count }, (_, index) => {
		const number = String(index + 1).padStart(3, '0');
		return mapItem({ id: `p${number}`, name: `Person ${number}` });
	});
}

const defaults = {
	items: [cleo, ada, bram],
	inViewCount: 3,
	selected: null,
	signedIn: true,
	directoryHref: '/directory?near=utrecht'
};

function entryNames(): string[] {
	return screen
		.getAllByRole('listitem')
		.map((entry) => within(entry).getByRole('heading', { level: 3 }).textContent?.trim() ?? '');
}

/** The words a card's description list gives for a term. */
function detailOf(card: HTMLElement, term: string): string | undefined {
	return within(card).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent?.trim();
}

describe('MapSidePanel', () => {
	describe('listing what is in view', () => {
		it('lists everyone by name, in alphabetical order', () => {
			render(MapSidePanel, defaults);

			expect(entryNames()).toEqual(['Ada Fernhill', 'Bram Oakes', 'Cleo Marsh']);
		});

		it('orders people with the same name by id, so the order never jumps', () => {
			const adaTwo = mapItem({ id: 'ada-2', name: 'Ada Fernhill', place_label: 'Leiden, NL' });
			render(MapSidePanel, { ...defaults, items: [ada, adaTwo], inViewCount: 2 });

			expect(screen.getAllByRole('listitem')[0]).toHaveTextContent('near Utrecht, NL');
			expect(screen.getAllByRole('listitem')[1]).toHaveTextContent('Leiden, NL');
			expect(screen.getAllByRole('listitem')[0]).not.toHaveTextContent('Leiden');
		});

		it('heads the list with how many are in view, as a target for "Skip the map"', () => {
			render(MapSidePanel, defaults);

			const heading = screen.getByRole('heading', { level: 2, name: 'In view (3)' });
			expect(heading).toHaveAttribute('id', 'in-view');
			expect(heading).toHaveAttribute('tabindex', '-1');
		});

		it('links each practitioner’s name to their page, with their place', () => {
			render(MapSidePanel, defaults);

			expect(screen.getByRole('link', { name: 'Ada Fernhill' })).toHaveAttribute('href', '/p/ada');
			expect(screen.getAllByRole('listitem')[0]).toHaveTextContent('near Utrecht, NL');
		});

		it('marks the entry the map points at as current', () => {
			render(MapSidePanel, { ...defaults, highlightedId: 'bram' });

			const [adaEntry, bramEntry] = screen.getAllByRole('listitem');
			expect(bramEntry).toHaveAttribute('aria-current', 'true');
			expect(adaEntry).not.toHaveAttribute('aria-current');
		});

		it('offers the directory under the list', () => {
			render(MapSidePanel, defaults);

			expect(screen.getByRole('link', { name: 'See them in the directory' })).toHaveAttribute(
				'href',
				'/directory?near=utrecht'
			);
		});
	});

	describe('with more than a hundred in view', () => {
		// Role queries check each element's visibility, which is slow over hundreds of entries in
		// jsdom; `hidden: true` skips that check, and nothing in this component hides entries.
		const entries = () => screen.getAllByRole('listitem', { hidden: true });
		const showMore = () => screen.queryByText('Show more', { selector: 'button' });

		it('shows the first hundred and says how many there are', () => {
			render(MapSidePanel, { ...defaults, items: people(340), inViewCount: 340 });

			expect(entries()).toHaveLength(100);
			expect(screen.getByText(/Showing 100 of 340/)).toBeInTheDocument();
		});

		it('shows a hundred more at a time, and focuses the first new one', async () => {
			render(MapSidePanel, { ...defaults, items: people(340), inViewCount: 340 });

			await fireEvent.click(showMore()!);

			expect(entries()).toHaveLength(200);
			expect(screen.getByText(/Showing 200 of 340/)).toBeInTheDocument();
			expect(document.activeElement).toHaveAccessibleName('Show Person 101 on the map');
		});

		it('stops offering more once everyone is shown', async () => {
			render(MapSidePanel, { ...defaults, items: people(150), inViewCount: 150 });

			await fireEvent.click(showMore()!);

			expect(entries()).toHaveLength(150);
			expect(showMore()).not.toBeInTheDocument();
		});
	});

	describe('pointing the map at an entry', () => {
		it('reports the entry under the pointer, and null when it leaves', async () => {
			const onhover = vi.fn();
			render(MapSidePanel, { ...defaults, onhover });

			const bramEntry = screen.getAllByRole('listitem')[1];
			await fireEvent.pointerEnter(bramEntry);
			expect(onhover).toHaveBeenLastCalledWith('bram');

			await fireEvent.pointerLeave(bramEntry);
			expect(onhover).toHaveBeenLastCalledWith(null);
		});

		it('reports the entry holding focus, and null when focus leaves it', async () => {
			const onhover = vi.fn();
			render(MapSidePanel, { ...defaults, onhover });

			screen.getByRole('button', { name: 'Show Cleo Marsh on the map' }).focus();
			expect(onhover).toHaveBeenLastCalledWith('cleo');

			screen.getByRole('heading', { name: 'In view (3)' }).focus();
			expect(onhover).toHaveBeenLastCalledWith(null);
		});

		it('does not report leaving while focus moves within an entry', () => {
			const onhover = vi.fn();
			render(MapSidePanel, { ...defaults, onhover });

			screen.getByRole('link', { name: 'Ada Fernhill' }).focus();
			screen.getByRole('button', { name: 'Show Ada Fernhill on the map' }).focus();

			expect(onhover).not.toHaveBeenCalledWith(null);
			expect(onhover).toHaveBeenLastCalledWith('ada');
		});

		it('asks to show an entry on the map when it is chosen', async () => {
			const onselect = vi.fn();
			render(MapSidePanel, { ...defaults, onselect });

			await fireEvent.click(screen.getByRole('button', { name: 'Show Bram Oakes on the map' }));

			expect(onselect).toHaveBeenCalledExactlyOnceWith('bram');
		});
	});

	describe('with crews and gatherings in view', () => {
		const crew = crewItem();
		const camp = gatheringItem();

		it('says what each is, its open seats or its dates, and where', () => {
			render(MapSidePanel, { ...defaults, items: [crew, camp], inViewCount: 2 });

			const entries = screen.getAllByRole('listitem');
			expect(entries[0]).toHaveTextContent('Crew, 3 open seats of 6, near Ghent, BE');
			expect(entries[1]).toHaveTextContent('Gathering, 6–8 February 2027, Melbourne area, AU');
			expect(within(entries[0]).getByRole('link', { name: crew.name })).toHaveAttribute(
				'href',
				`/groups/${crew.id}`
			);
			expect(within(entries[1]).getByRole('link', { name: camp.name })).toHaveAttribute(
				'href',
				`/gatherings/${camp.id}`
			);
		});

		it('gives a crew’s card its seats and a gathering’s card its dates', async () => {
			const { rerender } = render(MapSidePanel, { ...defaults, selected: crew });
			const crewCard = screen.getByRole('article', { name: 'Ghent Thursday crew' });
			expect(detailOf(crewCard, 'Seats')).toBe('3 open seats of 6');
			expect(within(crewCard).queryByText('Dates')).not.toBeInTheDocument();

			await rerender({ selected: camp });
			const campCard = screen.getByRole('article', { name: 'Summer camp' });
			expect(detailOf(campCard, 'Dates')).toBe('6–8 February 2027');
			expect(within(campCard).queryByText('Seats')).not.toBeInTheDocument();
		});
	});

	describe('when an item is selected', () => {
		it('shows its card instead of the list, with its details in words', () => {
			render(MapSidePanel, { ...defaults, selected: cleo });

			const card = screen.getByRole('article', { name: 'Cleo Marsh' });
			expect(screen.queryByRole('list')).not.toBeInTheDocument();
			expect(card).toHaveTextContent('Practitioner, Utrecht area, NL');
			expect(detailOf(card, 'Pathway stage')).toBe('Hosting');
			expect(detailOf(card, 'Practices')).toBe('Crewing, Conflict work');
			expect(detailOf(card, 'Open to')).toBe('Hosting a crew, Collaborating on meaningful work');
			expect(detailOf(card, 'Languages')).toBe('Dutch, English');
		});

		it('leaves out what the item does not say', () => {
			render(MapSidePanel, { ...defaults, selected: bram });

			const card = screen.getByRole('article', { name: 'Bram Oakes' });
			expect(within(card).queryByRole('term')).not.toBeInTheDocument();
			expect(card).toHaveTextContent('Practitioner');
		});

		it('links to the practitioner’s page', () => {
			render(MapSidePanel, { ...defaults, selected: cleo });

			expect(screen.getByRole('link', { name: 'See Cleo Marsh’s page' })).toHaveAttribute(
				'href',
				'/p/cleo'
			);
		});

		it('links crews and congregations to their group page, gatherings to theirs', async () => {
			const crew = mapItem({ kind: 'crew', id: 'crew-1', name: 'Ghent Parents Crew' });
			const congregation = mapItem({ kind: 'congregation', id: 'cong-1', name: 'Scheldt Valley' });
			const camp = mapItem({ kind: 'gathering', id: 'camp-1', name: 'Summer Camp' });
			const pageLink = (name: string) => screen.getByRole('link', { name: `See ${name}’s page` });

			const { rerender } = render(MapSidePanel, { ...defaults, selected: crew });
			expect(pageLink('Ghent Parents Crew')).toHaveAttribute('href', '/groups/crew-1');
			await rerender({ selected: congregation });
			expect(pageLink('Scheldt Valley')).toHaveAttribute('href', '/groups/cong-1');
			await rerender({ selected: camp });
			expect(pageLink('Summer Camp')).toHaveAttribute('href', '/gatherings/camp-1');
		});

		it('moves focus to the card’s heading when the card opens', async () => {
			const { rerender } = render(MapSidePanel, defaults);

			await rerender({ selected: cleo });

			await waitFor(() =>
				expect(screen.getByRole('heading', { level: 2, name: 'Cleo Marsh' })).toHaveFocus()
			);
		});

		it('leaves focus alone for a card already open when the page loads', async () => {
			render(MapSidePanel, { ...defaults, selected: cleo });
			await Promise.resolve();

			expect(screen.getByRole('heading', { name: 'Cleo Marsh' })).not.toHaveFocus();
		});

		it('asks to close the card from "Back to the list"', async () => {
			const onclose = vi.fn();
			render(MapSidePanel, { ...defaults, selected: cleo, onclose });

			await fireEvent.click(screen.getByRole('button', { name: 'Back to the list' }));

			expect(onclose).toHaveBeenCalledOnce();
		});

		it('returns focus to the entry the card was for when it closes', async () => {
			const { rerender } = render(MapSidePanel, defaults);
			await rerender({ selected: bram });
			await waitFor(() =>
				expect(screen.getByRole('heading', { name: 'Bram Oakes' })).toHaveFocus()
			);

			await rerender({ selected: null });

			await waitFor(() =>
				expect(screen.getByRole('button', { name: 'Show Bram Oakes on the map' })).toHaveFocus()
			);
		});

		it('leaves focus where it is when the card is closed from elsewhere, like the map', async () => {
			const map = document.body.appendChild(document.createElement('button'));
			const { rerender } = render(MapSidePanel, defaults);
			await rerender({ selected: bram });
			await waitFor(() =>
				expect(screen.getByRole('heading', { name: 'Bram Oakes' })).toHaveFocus()
			);

			map.focus();
			await rerender({ selected: null });
			await new Promise((resolve) => setTimeout(resolve, 0));

			expect(map).toHaveFocus();
			map.remove();
		});

		it('returns focus to the list heading when that entry is no longer listed', async () => {
			const { rerender } = render(MapSidePanel, defaults);
			await rerender({ selected: bram });
			await waitFor(() =>
				expect(screen.getByRole('heading', { name: 'Bram Oakes' })).toHaveFocus()
			);

			await rerender({ selected: null, items: [ada, cleo], inViewCount: 2 });

			await waitFor(() =>
				expect(screen.getByRole('heading', { name: 'In view (2)' })).toHaveFocus()
			);
		});
	});

	describe('when the view holds too many to list', () => {
		it('says how many, and offers zooming in or the directory', () => {
			render(MapSidePanel, { ...defaults, items: null, inViewCount: 12345 });

			expect(screen.queryByRole('list')).not.toBeInTheDocument();
			expect(screen.getByRole('heading', { name: 'In view (12,345)' })).toBeInTheDocument();
			expect(
				screen.getByText(/12,345 in view\. Zoom in to list them, or/, { selector: 'p' })
			).toHaveTextContent('12,345 in view. Zoom in to list them, or browse them in the directory.');
			expect(screen.getByRole('link', { name: 'browse them in the directory' })).toHaveAttribute(
				'href',
				'/directory?near=utrecht'
			);
		});
	});

	describe('when the filters had too many people to read in the view', () => {
		const narrow = {
			...defaults,
			items: null,
			inViewCount: null,
			filters: { openTo: ['crewing'] },
			unfilteredHref: '/map?lat=52&lng=5&z=4',
			directoryHref: '/directory?open_to=crewing'
		};

		it('says to zoom in or clear a filter, never that nobody is here or how many', () => {
			render(MapSidePanel, narrow);

			expect(
				screen.getByText('Too many people here to filter at this zoom: zoom in or clear a filter.')
			).toBeInTheDocument();
			expect(screen.queryByText(/found nothing|Nobody on the map/)).not.toBeInTheDocument();
			expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(/^In view$/);
			expect(screen.getByRole('button', { name: 'Show the list' })).toBeInTheDocument();
		});

		it('offers to clear the filters, or to browse the matches in the directory', () => {
			render(MapSidePanel, narrow);

			expect(screen.getByRole('link', { name: 'Clear the filters' })).toHaveAttribute(
				'href',
				'/map?lat=52&lng=5&z=4'
			);
			expect(
				screen.getByRole('link', { name: 'Browse the matches in the directory' })
			).toHaveAttribute('href', '/directory?open_to=crewing');
		});

		it('names the search when it is the search that reads too many', () => {
			render(MapSidePanel, { ...narrow, filters: { q: 'gardening' } });

			expect(screen.getByRole('link', { name: 'Clear the search' })).toBeInTheDocument();
		});
	});

	describe('when nobody is in view', () => {
		it('suggests moving the map, without the sign-in line for members', () => {
			render(MapSidePanel, { ...defaults, items: [], inViewCount: 0 });

			expect(
				screen.getByText('Nobody on the map in this view. Zoom out or move the map.')
			).toBeInTheDocument();
			expect(screen.queryByRole('link', { name: 'Sign in' })).not.toBeInTheDocument();
		});

		it('tells visitors that signing in may show more people', () => {
			render(MapSidePanel, { ...defaults, items: [], inViewCount: 0, signedIn: false });

			expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
			expect(screen.getByRole('link', { name: 'Sign in' }).parentElement).toHaveTextContent(
				'Sign in to see practitioners who share only with members.'
			);
		});
	});

	describe('when the search or the filters find nothing in view', () => {
		const empty = {
			...defaults,
			items: [],
			inViewCount: 0,
			unfilteredHref: '/map?lat=52&lng=5&z=9'
		};

		it('says the search found nothing, naming it, and offers to clear it', () => {
			render(MapSidePanel, { ...empty, filters: { q: 'gardening' } });

			expect(
				screen.getByText('The search for “gardening” found nothing in this view.')
			).toBeInTheDocument();
			expect(screen.queryByText(/Zoom out or move the map/)).not.toBeInTheDocument();
			expect(screen.getByRole('link', { name: 'Clear the search' })).toHaveAttribute(
				'href',
				'/map?lat=52&lng=5&z=9'
			);
		});

		it('names the search with the filters, and offers to clear both', () => {
			render(MapSidePanel, { ...empty, filters: { q: 'gardening', pathwayStage: ['hosting'] } });

			expect(
				screen.getByText(
					'The search for “gardening” with these filters found nothing in this view.'
				)
			).toBeInTheDocument();
			expect(screen.getByRole('link', { name: 'Clear the search and filters' })).toHaveAttribute(
				'href',
				'/map?lat=52&lng=5&z=9'
			);
		});

		it('says the filters found nothing, and offers to clear them', () => {
			render(MapSidePanel, { ...empty, filters: { openTo: ['crewing'], withinDays: 7 } });

			expect(screen.getByText('The filters found nothing in this view.')).toBeInTheDocument();
			expect(screen.getByRole('link', { name: 'Clear the filters' })).toHaveAttribute(
				'href',
				'/map?lat=52&lng=5&z=9'
			);
		});

		it('still tells visitors that signing in may show more people', () => {
			render(MapSidePanel, { ...empty, filters: { q: 'gardening' }, signedIn: false });

			expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
		});

		it('lists what they find as ever', () => {
			render(MapSidePanel, { ...defaults, filters: { q: 'a' } });

			expect(entryNames()).toEqual(['Ada Fernhill', 'Bram Oakes', 'Cleo Marsh']);
			expect(screen.queryByText(/found nothing/)).not.toBeInTheDocument();
		});
	});

	describe('while the list is updating', () => {
		it('says so politely, and keeps the list meanwhile', () => {
			render(MapSidePanel, { ...defaults, loading: true });

			expect(screen.getByRole('status')).toHaveTextContent('Updating the list…');
			expect(screen.getAllByRole('listitem')).toHaveLength(3);
		});

		it('says nothing once it is up to date', () => {
			render(MapSidePanel, defaults);

			expect(screen.getByRole('status').textContent).toBe('');
		});
	});

	describe('as a bottom sheet on phones', () => {
		it('has a handle that opens and closes the list, saying how many are in view', async () => {
			render(MapSidePanel, defaults);

			const handle = screen.getByRole('button', { name: 'Show the list (3)' });
			expect(handle).toHaveAttribute('aria-expanded', 'false');

			await fireEvent.click(handle);

			expect(handle).toHaveAttribute('aria-expanded', 'true');
			expect(handle).toHaveAccessibleName('Hide the list (3)');
		});

		it('opens on the list when "Back to the list" is pressed', async () => {
			render(MapSidePanel, { ...defaults, selected: cleo, onclose: () => {} });

			await fireEvent.click(screen.getByRole('button', { name: 'Back to the list' }));

			expect(screen.getByRole('button', { name: 'Hide the list (3)' })).toHaveAttribute(
				'aria-expanded',
				'true'
			);
		});
	});
});
