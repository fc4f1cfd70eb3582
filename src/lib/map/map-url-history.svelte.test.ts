import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { MapUrlHistory } from './map-url-history.svelte';
import type { MapUrlState } from './url-state';

const utrechtView = { center: [5.12, 52.09] as [number, number], zoom: 9 };
const lisbonView = { center: [-9.14, 38.72] as [number, number], zoom: 7 };

describe('MapUrlHistory', () => {
	/** The history entry the page is on, as SvelteKit's `page` gives it. */
	let entry: MapUrlState = $state({ view: null, hiddenKinds: [], selectedId: null });
	let pushState: Mock<(url: string, state: { map: MapUrlState }) => void>;
	let replaceState: typeof pushState;
	let onrestoreview: Mock<(view: MapUrlState['view']) => void>;
	let stop: () => void;

	/** The map page, opened at `query` on the history entry `opened`. */
	function open(query: string, opened: MapUrlState) {
		history.replaceState(null, '', `/map${query}`);
		entry = opened;
		let urlState!: MapUrlHistory;
		stop = $effect.root(() => {
			urlState = new MapUrlHistory({
				entry: () => entry,
				path: '/map',
				pushState,
				replaceState,
				onrestoreview
			});
		});
		flushSync();
		return urlState;
	}

	/** What SvelteKit's shallow routing does with an entry: the address bar follows its URL. */
	function writesAddressBar(url: string) {
		history.replaceState(null, '', url);
	}

	beforeEach(() => {
		pushState = vi.fn(writesAddressBar);
		replaceState = vi.fn(writesAddressBar);
		onrestoreview = vi.fn<(view: MapUrlState['view']) => void>();
	});

	afterEach(() => stop());

	it('starts from the entry the page opens on, without writing or moving anything', () => {
		const urlState = open('?lat=52.09&lng=5.12&z=9&layers=practitioner&sel=ada', {
			view: utrechtView,
			hiddenKinds: ['crew', 'congregation', 'gathering'],
			selectedId: 'ada'
		});

		expect(urlState.view).toEqual(utrechtView);
		expect(urlState.hiddenKinds).toEqual(['crew', 'congregation', 'gathering']);
		expect(urlState.selectedId).toBe('ada');
		expect(pushState).not.toHaveBeenCalled();
		expect(replaceState).not.toHaveBeenCalled();
		expect(onrestoreview).not.toHaveBeenCalled();
	});

	describe('when the map moves', () => {
		it('replaces the entry, keeping the filters in the URL', () => {
			const urlState = open('?stage=hosting', { view: null, hiddenKinds: [], selectedId: null });
			urlState.moved(utrechtView);

			expect(replaceState).toHaveBeenCalledWith('/map?stage=hosting&lat=52.09&lng=5.12&z=9', {
				map: { view: utrechtView, hiddenKinds: [], selectedId: null }
			});
			expect(pushState).not.toHaveBeenCalled();
		});

		it('writes nothing when the URL already says where it is', () => {
			const urlState = open('?lat=52.09&lng=5.12&z=9', {
				view: utrechtView,
				hiddenKinds: [],
				selectedId: null
			});
			urlState.moved(utrechtView);

			expect(replaceState).not.toHaveBeenCalled();
		});
	});

	it('replaces the entry when the layers change', () => {
		const urlState = open('', { view: null, hiddenKinds: [], selectedId: null });
		urlState.hide(['practitioner']);

		expect(replaceState).toHaveBeenCalledWith('/map?layers=crew%2Ccongregation%2Cgathering', {
			map: { view: null, hiddenKinds: ['practitioner'], selectedId: null }
		});
	});

	it('adds an entry for a choice and for closing its card, so back undoes each', () => {
		const urlState = open('?lat=52.09&lng=5.12&z=9', {
			view: utrechtView,
			hiddenKinds: [],
			selectedId: null
		});
		urlState.select('ada');
		urlState.select(null);

		expect(pushState.mock.calls).toEqual([
			[
				'/map?lat=52.09&lng=5.12&z=9&sel=ada',
				{ map: { view: utrechtView, hiddenKinds: [], selectedId: 'ada' } }
			],
			[
				'/map?lat=52.09&lng=5.12&z=9',
				{ map: { view: utrechtView, hiddenKinds: [], selectedId: null } }
			]
		]);
	});

	it('gives the filter form the view and layers to keep, not the selection', () => {
		const urlState = open('', {
			view: utrechtView,
			hiddenKinds: ['gathering'],
			selectedId: 'ada'
		});

		expect(urlState.keptParams).toEqual({
			lat: '52.09',
			lng: '5.12',
			z: '9',
			layers: 'practitioner,crew,congregation'
		});
	});

	describe('when back or forward goes to another entry', () => {
		it('shows what the entry says, and moves the map to its view', () => {
			const urlState = open('', { view: utrechtView, hiddenKinds: [], selectedId: 'ada' });

			entry = { view: lisbonView, hiddenKinds: ['crew'], selectedId: null };
			flushSync();

			expect(urlState.view).toEqual(lisbonView);
			expect(urlState.hiddenKinds).toEqual(['crew']);
			expect(urlState.selectedId).toBeNull();
			expect(onrestoreview).toHaveBeenCalledExactlyOnceWith(lisbonView);
		});

		it('leaves the map where it is for an entry without a view', () => {
			const urlState = open('', { view: utrechtView, hiddenKinds: [], selectedId: 'ada' });

			entry = { view: null, hiddenKinds: [], selectedId: null };
			flushSync();

			expect(urlState.selectedId).toBeNull();
			expect(urlState.view).toEqual(utrechtView);
			expect(onrestoreview).not.toHaveBeenCalled();
		});
	});

	it('does not apply its own writes again when the page gives them back', () => {
		const urlState = open('', { view: utrechtView, hiddenKinds: [], selectedId: null });
		urlState.select('ada');
		// The map has moved on since (an eased move), and SvelteKit gives the pushed entry back.
		urlState.view = lisbonView;
		entry = { view: utrechtView, hiddenKinds: [], selectedId: 'ada' };
		flushSync();

		expect(urlState.view).toEqual(lisbonView);
		expect(onrestoreview).not.toHaveBeenCalled();
	});
});
