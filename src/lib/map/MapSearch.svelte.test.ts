import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mapItem } from '$lib/map/factories';
import type { MapItem } from '$lib/map/map-items';
import { place, utrechtFlorida } from '$lib/people/factories';
import type { Place } from '$lib/people/places';
import MapSearch from './MapSearch.svelte';

const utrecht = place();
const ada = mapItem({ name: 'Ada Utrechtse' });

type Found = { places: Place[]; people: MapItem[] };
type Search = (query: string, signal: AbortSignal) => Promise<Found>;

function setup({
	search = vi.fn<Search>(async () => ({ places: [utrecht, utrechtFlorida()], people: [ada] })),
	initialQuery
}: { search?: Search; initialQuery?: string } = {}) {
	const callbacks = {
		onplace: vi.fn(),
		onperson: vi.fn(),
		onfilter: vi.fn(),
		onlocate: vi.fn()
	};
	render(MapSearch, { search, initialQuery, ...callbacks });
	return { search, ...callbacks, input: screen.getByRole('combobox') };
}

/** Types into the box and lets the debounce run out and the search answer. */
async function type(input: HTMLElement, text: string) {
	await fireEvent.input(input, { target: { value: text } });
	await vi.advanceTimersByTimeAsync(250);
}

function key(input: HTMLElement, name: string) {
	return fireEvent.keyDown(input, { key: name });
}

beforeEach(() => {
	vi.useFakeTimers();
});

afterEach(() => {
	cleanup();
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('MapSearch', () => {
	it('is a combobox labelled for what it searches, with its list closed', () => {
		const { input } = setup();

		expect(input).toHaveAccessibleName('Search places and people');
		expect(input).toHaveAttribute('aria-expanded', 'false');
		expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
	});

	it('starts with the query it is given', () => {
		const { input } = setup({ initialQuery: 'facilitation' });

		expect(input).toHaveValue('facilitation');
	});

	describe('searching', () => {
		it('waits until typing stops for a quarter of a second', async () => {
			const { search, input } = setup();

			await fireEvent.input(input, { target: { value: 'Ut' } });
			await vi.advanceTimersByTimeAsync(200);
			await fireEvent.input(input, { target: { value: 'Utr' } });
			await vi.advanceTimersByTimeAsync(200);
			expect(search).not.toHaveBeenCalled();

			await vi.advanceTimersByTimeAsync(50);
			expect(search).toHaveBeenCalledExactlyOnceWith('Utr', expect.any(AbortSignal));
		});

		it('does not search for fewer than two letters', async () => {
			const { search, input } = setup();

			await type(input, ' U ');

			expect(search).not.toHaveBeenCalled();
		});

		it('abandons the previous search when a new one starts', async () => {
			const signals: AbortSignal[] = [];
			const search = vi.fn<Search>(
				(_query, signal) =>
					new Promise((resolve) => {
						signals.push(signal);
						if (signals.length === 2) resolve({ places: [utrecht], people: [] });
					})
			);
			const { input } = setup({ search });

			await type(input, 'Ut');
			await type(input, 'Utr');

			expect(signals.map((signal) => signal.aborted)).toEqual([true, false]);
			expect(screen.getAllByRole('option')).toHaveLength(2);
		});

		it('offers places and people in labelled groups, then everyone matching', async () => {
			const { input } = setup();

			await type(input, 'Utrecht');

			expect(input).toHaveAttribute('aria-expanded', 'true');
			const listbox = screen.getByRole('listbox');
			expect(input).toHaveAttribute('aria-controls', listbox.id);
			const places = within(listbox).getByRole('group', { name: 'Places' });
			expect(
				within(places)
					.getAllByRole('option')
					.map((option) => option.textContent)
			).toEqual(['Utrecht, Netherlands', 'Utrecht, United States']);
			const people = within(listbox).getByRole('group', { name: 'People, crews and gatherings' });
			expect(within(people).getByRole('option')).toHaveTextContent(
				'Ada Utrechtse near Utrecht, NL'
			);
			const options = screen.getAllByRole('option');
			expect(options.at(-1)).toHaveTextContent('Show everyone matching “Utrecht”');
		});

		it('says how many were found', async () => {
			const { input } = setup();

			await type(input, 'Utrecht');

			expect(screen.getByText('2 places and 1 person')).toHaveAttribute('role', 'status');
		});

		it('counts crews and gatherings apart from people', async () => {
			const crew = mapItem({ kind: 'crew', id: 'crew', name: 'Utrecht crew' });
			const camp = mapItem({ kind: 'gathering', id: 'camp', name: 'Utrecht camp' });
			const { input } = setup({
				search: async () => ({ places: [utrecht], people: [ada, crew, camp] })
			});

			await type(input, 'Utrecht');

			expect(screen.getByText('1 place, 1 person, 1 crew and 1 gathering')).toHaveAttribute(
				'role',
				'status'
			);
			const found = within(screen.getByRole('group', { name: 'People, crews and gatherings' }));
			expect(found.getByRole('option', { name: /Utrecht crew/ })).toHaveTextContent(
				'Utrecht crew Crew, near Utrecht, NL'
			);
		});

		it('says when nothing matches, and keeps the list closed', async () => {
			const { input } = setup({ search: async () => ({ places: [], people: [] }) });

			await type(input, 'xyz');

			expect(screen.getByText('No places or people match “xyz”.')).toHaveAttribute(
				'role',
				'status'
			);
			expect(input).toHaveAttribute('aria-expanded', 'false');
		});

		it('says when the search fails', async () => {
			vi.spyOn(console, 'error').mockImplementation(() => {});
			const { input } = setup({
				search: async () => {
					throw new Error('503');
				}
			});

			await type(input, 'Utrecht');

			expect(screen.getByText('Search is not available right now.')).toHaveAttribute(
				'role',
				'status'
			);
		});

		it('says nothing about a search it abandoned itself', async () => {
			const search = vi.fn<Search>(
				(_query, signal) =>
					new Promise((_resolve, reject) => {
						signal.addEventListener('abort', () =>
							reject(new DOMException('Aborted', 'AbortError'))
						);
					})
			);
			const { input } = setup({ search });

			await type(input, 'Ut');
			await type(input, 'Utr');

			expect(screen.queryByText('Search is not available right now.')).not.toBeInTheDocument();
		});
	});

	describe('choosing with the keyboard', () => {
		it('moves through the options with the arrow keys, wrapping at the ends', async () => {
			const { input } = setup();
			await type(input, 'Utrecht');
			const options = screen.getAllByRole('option');

			await key(input, 'ArrowDown');
			expect(input).toHaveAttribute('aria-activedescendant', options[0].id);
			expect(options[0]).toHaveAttribute('aria-selected', 'true');

			await key(input, 'ArrowUp');
			expect(input).toHaveAttribute('aria-activedescendant', options[3].id);

			await key(input, 'ArrowDown');
			expect(input).toHaveAttribute('aria-activedescendant', options[0].id);
			expect(options[3]).toHaveAttribute('aria-selected', 'false');
		});

		it('chooses the active place with Enter, and closes the list', async () => {
			const { input, onplace } = setup();
			await type(input, 'Utrecht');

			await key(input, 'ArrowDown');
			await key(input, 'ArrowDown');
			await key(input, 'Enter');

			expect(onplace).toHaveBeenCalledExactlyOnceWith(utrechtFlorida());
			expect(input).toHaveValue('Utrecht, United States');
			expect(input).toHaveAttribute('aria-expanded', 'false');
		});

		it('chooses the active person with Enter', async () => {
			const { input, onperson, onplace } = setup();
			await type(input, 'Utrecht');

			await key(input, 'ArrowUp');
			await key(input, 'ArrowUp');
			await key(input, 'Enter');

			expect(onperson).toHaveBeenCalledExactlyOnceWith(ada);
			expect(onplace).not.toHaveBeenCalled();
		});

		it('filters the map by what is typed on Enter with no option active', async () => {
			const { input, onfilter, onplace } = setup();
			await type(input, 'facilitation ');

			await key(input, 'Enter');

			expect(onfilter).toHaveBeenCalledExactlyOnceWith('facilitation');
			expect(onplace).not.toHaveBeenCalled();
		});

		it('filters by what is typed even before the search answers', async () => {
			const { input, onfilter, search } = setup();
			await fireEvent.input(input, { target: { value: 'mentoring' } });

			await key(input, 'Enter');
			await vi.advanceTimersByTimeAsync(250);

			expect(onfilter).toHaveBeenCalledExactlyOnceWith('mentoring');
			expect(search).not.toHaveBeenCalled();
		});

		it('closes the list on the first Escape and empties the box on the second', async () => {
			const { input } = setup();
			await type(input, 'Utrecht');

			await key(input, 'Escape');
			expect(input).toHaveAttribute('aria-expanded', 'false');
			expect(input).toHaveValue('Utrecht');

			await key(input, 'Escape');
			expect(input).toHaveValue('');
		});

		it('closes the list on Tab', async () => {
			const { input } = setup();
			await type(input, 'Utrecht');

			await key(input, 'Tab');

			expect(input).toHaveAttribute('aria-expanded', 'false');
		});
	});

	describe('choosing with the mouse', () => {
		it('chooses the place clicked', async () => {
			const { input, onplace } = setup();
			await type(input, 'Utrecht');

			await fireEvent.click(screen.getByRole('option', { name: 'Utrecht, Netherlands' }));

			expect(onplace).toHaveBeenCalledExactlyOnceWith(utrecht);
		});

		it('chooses the person clicked', async () => {
			const { input, onperson } = setup();
			await type(input, 'Utrecht');

			await fireEvent.click(screen.getByRole('option', { name: /Ada Utrechtse/ }));

			expect(onperson).toHaveBeenCalledExactlyOnceWith(ada);
		});

		it('filters by the query from "Show everyone matching"', async () => {
			const { input, onfilter } = setup();
			await type(input, 'Utrecht');

			await fireEvent.click(
				screen.getByRole('option', { name: 'Show everyone matching “Utrecht”' })
			);

			expect(onfilter).toHaveBeenCalledExactlyOnceWith('Utrecht');
		});
	});

	describe('using the visitor’s location', () => {
		type Locate = Geolocation['getCurrentPosition'];

		function stubGeolocation(getCurrentPosition: Locate) {
			vi.stubGlobal('navigator', { ...navigator, geolocation: { getCurrentPosition } });
		}

		it('moves the map to where the browser says, asking once and coarsely', async () => {
			const getCurrentPosition = vi.fn<Locate>((success) =>
				success({ coords: { latitude: 52.09, longitude: 5.12 } } as GeolocationPosition)
			);
			stubGeolocation(getCurrentPosition);
			const { onlocate } = setup();

			await fireEvent.click(screen.getByRole('button', { name: 'Use my location' }));

			expect(onlocate).toHaveBeenCalledExactlyOnceWith({ lat: 52.09, lng: 5.12 });
			expect(getCurrentPosition).toHaveBeenCalledWith(expect.any(Function), expect.any(Function), {
				enableHighAccuracy: false,
				timeout: 10_000,
				maximumAge: 600_000
			});
		});

		it('says it is finding the visitor while the browser answers', async () => {
			stubGeolocation(() => {});
			setup();

			await fireEvent.click(screen.getByRole('button', { name: 'Use my location' }));

			const button = screen.getByRole('button', { name: 'Finding you…' });
			expect(button).toHaveAttribute('aria-busy', 'true');
		});

		it('says the location stays in the browser', () => {
			stubGeolocation(() => {});
			setup();

			expect(screen.getByRole('button', { name: 'Use my location' })).toHaveAccessibleDescription(
				'Your location stays in your browser: it only moves the map.'
			);
		});

		it('says so when the browser will not share the location', async () => {
			stubGeolocation((_success, failure) =>
				failure?.({ code: 1, PERMISSION_DENIED: 1 } as GeolocationPositionError)
			);
			const { onlocate } = setup();

			await fireEvent.click(screen.getByRole('button', { name: 'Use my location' }));

			expect(
				screen.getByText(
					'Your browser did not share your location. You can search for a place instead.'
				)
			).toHaveAttribute('role', 'status');
			expect(onlocate).not.toHaveBeenCalled();
			expect(screen.getByRole('button', { name: 'Use my location' })).toHaveAttribute(
				'aria-busy',
				'false'
			);
		});

		it('says so when the location cannot be found', async () => {
			stubGeolocation((_success, failure) => failure?.({ code: 3 } as GeolocationPositionError));
			setup();

			await fireEvent.click(screen.getByRole('button', { name: 'Use my location' }));

			expect(
				screen.getByText(
					'Your location could not be found. Try again, or search for a place instead.'
				)
			).toHaveAttribute('role', 'status');
		});

		it('offers no button when the browser cannot locate at all', () => {
			const { geolocation: _unused, ...withoutGeolocation } = navigator;
			void _unused;
			vi.stubGlobal('navigator', withoutGeolocation);
			setup();

			expect(screen.queryByRole('button', { name: /location/ })).not.toBeInTheDocument();
		});
	});
});
