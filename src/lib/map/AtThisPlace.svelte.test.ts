import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AtThisPlace, { type PlaceMembers } from './AtThisPlace.svelte';
import type { DrawnItem } from './map-items';

function item(id: string, name: string, kind: DrawnItem['kind'] = 'practitioner'): DrawnItem {
	return { kind, id, name, lat: 52.1065, lng: 5.1855 };
}

const ada = item('ada', 'Ada Fernhill');
const bram = item('bram', 'Bram Oakes');
const noor = item('noor', 'Noor de Vries');
const crew = item('crew', 'Ghent Parents Crew', 'crew');
const utrecht = { lat: 52.1065, lng: 5.1855 };

function place(overrides: Partial<PlaceMembers> = {}): PlaceMembers {
	return { count: 2, items: [noor, ada], places: [], ...overrides };
}

/** A promise and the functions that settle it, to answer when the test says. */
function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((yes, no) => ([resolve, reject] = [yes, no]));
	return { promise, resolve, reject };
}

function names() {
	return within(screen.getByRole('dialog'))
		.getAllByRole('button', { name: /Practitioner|Crew/ })
		.map((button) => button.querySelector('.member-name')?.textContent);
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe('AtThisPlace', () => {
	it('lists who is at the place by name, with their kind, in a dialog named by their count', () => {
		render(AtThisPlace, { place: place({ count: 3, items: [noor, crew, ada] }) });

		const dialog = screen.getByRole('dialog', { name: '3 at this place' });
		expect(names()).toEqual(['Ada Fernhill', 'Ghent Parents Crew', 'Noor de Vries']);
		expect(within(dialog).getByRole('button', { name: /Ghent Parents Crew/ })).toHaveTextContent(
			/Crew$/
		);
	});

	it('moves focus to its heading when it opens', () => {
		render(AtThisPlace, { place: place() });

		expect(screen.getByRole('heading', { name: '2 at this place' })).toHaveFocus();
	});

	it('marks the chosen one, and says which is chosen next', async () => {
		const onselect = vi.fn();
		render(AtThisPlace, { place: place(), selectedId: 'noor', onselect });

		expect(screen.getByRole('button', { name: /Noor de Vries/ })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		expect(screen.getByRole('button', { name: /Ada Fernhill/ })).toHaveAttribute(
			'aria-pressed',
			'false'
		);
		await fireEvent.click(screen.getByRole('button', { name: /Ada Fernhill/ }));
		expect(onselect).toHaveBeenCalledExactlyOnceWith(ada);
	});

	it('closes with its Close button and with Escape', async () => {
		const onclose = vi.fn();
		render(AtThisPlace, { place: place(), onclose });

		await fireEvent.click(screen.getByRole('button', { name: 'Close' }));
		expect(onclose).toHaveBeenCalledTimes(1);
		await fireEvent.keyDown(screen.getByRole('heading', { name: '2 at this place' }), {
			key: 'Escape'
		});
		expect(onclose).toHaveBeenCalledTimes(2);
	});

	it('says how many more there are than it lists, and where to find them', () => {
		render(AtThisPlace, { place: place({ count: 5 }) });

		expect(screen.getByRole('dialog')).toHaveTextContent(
			'3 more here are too many to list on the map; the directory lists everyone.'
		);
	});

	describe('when it holds counts by place', () => {
		it('asks who is at their places, then lists them with the rest, once each', async () => {
			const answer = deferred<DrawnItem[]>();
			const loadItemsAt = vi.fn(() => answer.promise);
			render(AtThisPlace, {
				place: place({ count: 3, items: [noor], places: [utrecht] }),
				loadItemsAt
			});

			expect(loadItemsAt).toHaveBeenCalledExactlyOnceWith([utrecht]);
			expect(screen.getByRole('status')).toHaveTextContent('Loading the list…');
			answer.resolve([bram, noor, ada]);

			expect(await screen.findByRole('button', { name: /Bram Oakes/ })).toBeInTheDocument();
			expect(names()).toEqual(['Ada Fernhill', 'Bram Oakes', 'Noor de Vries']);
			expect(screen.queryByRole('status')).not.toBeInTheDocument();
		});

		it('says when the list could not be loaded', async () => {
			vi.spyOn(console, 'error').mockImplementation(() => {});
			render(AtThisPlace, {
				place: place({ items: [], places: [utrecht] }),
				loadItemsAt: () => Promise.reject(new Error('offline'))
			});

			expect(await screen.findByRole('alert')).toHaveTextContent(
				'The list could not be loaded. Try again.'
			);
		});

		it('points to the directory when it cannot ask', () => {
			render(AtThisPlace, { place: place({ items: [], places: [utrecht] }) });

			expect(screen.getByRole('dialog')).toHaveTextContent('The directory lists everyone here.');
		});

		it('lists the place opened last, whatever the place before it answers later', async () => {
			const first = deferred<DrawnItem[]>();
			const second = deferred<DrawnItem[]>();
			const loadItemsAt = vi
				.fn()
				.mockReturnValueOnce(first.promise)
				.mockReturnValueOnce(second.promise);
			const { rerender } = render(AtThisPlace, {
				place: place({ count: 1, items: [], places: [utrecht] }),
				loadItemsAt
			});

			await rerender({
				place: place({ count: 1, items: [], places: [{ lat: 51.05, lng: 3.71 }] })
			});
			second.resolve([crew]);
			await screen.findByRole('button', { name: /Ghent Parents Crew/ });
			first.resolve([ada]);
			await first.promise;
			await tick();

			expect(names()).toEqual(['Ghent Parents Crew']);
		});
	});

	describe('when what it was opened with stays the same', () => {
		it('keeps its list as the chosen item changes', async () => {
			const opened = place();
			const { rerender } = render(AtThisPlace, { place: opened, selectedId: null });

			await rerender({ place: opened, selectedId: 'ada' });

			expect(names()).toEqual(['Ada Fernhill', 'Noor de Vries']);
			expect(screen.getByRole('button', { name: /Ada Fernhill/ })).toHaveAttribute(
				'aria-pressed',
				'true'
			);
		});
	});
});
