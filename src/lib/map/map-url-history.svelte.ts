/**
 * The map's view, layers and selection, kept in step with the URL and the browser's history, so
 * reload, back, forward and shared links show the same map. Moving the map and changing layers
 * replace the history entry; choosing something adds one, so back undoes it. Each entry carries
 * its state too, as SvelteKit's shallow routing leaves `page.url` as it was and gives an entry's
 * state back on back and forward.
 */
import { untrack } from 'svelte';
import type { MapItemKind } from './map-items';
import { mapUrlStateToSearchParams, withQuery, type MapUrlState } from './url-state';

type MapView = NonNullable<MapUrlState['view']>;

/** SvelteKit's `pushState` and `replaceState`, as the map calls them. */
type WriteHistory = (url: string, state: { map: MapUrlState }) => void;

/** A map state as one string, to tell whether two states show the same map. */
function stateKey({ view, hiddenKinds, selectedId }: MapUrlState): string {
	return JSON.stringify([view?.center, view?.zoom, hiddenKinds, selectedId]);
}

export class MapUrlHistory {
	readonly #path: string;
	readonly #pushState: WriteHistory;
	readonly #replaceState: WriteHistory;
	/** The state the page shows, as `stateKey` writes it: what history entries compare with. */
	#shownKey: string;

	/** The centre and zoom in the URL: where the map looks, or null to fit it to what it shows. */
	view = $state.raw<MapView | null>(null);
	/** The kinds left off the map. */
	hiddenKinds = $state<MapItemKind[]>([]);
	/** The selected item's id; the map binds to it. */
	selectedId = $state<string | null>(null);

	/**
	 * Starts from the entry the page opened on, then follows the entries back and forward go to:
	 * must be made while a component starts, as it keeps an effect.
	 */
	constructor(options: {
		/** The current history entry's map state: its own state, or its URL's when loaded there. */
		entry: () => MapUrlState;
		/** The map page's path, resolved. */
		path: string;
		pushState: WriteHistory;
		replaceState: WriteHistory;
		/** Called with the view an entry from back or forward shows, for the map to move there. */
		onrestoreview: (view: MapView) => void;
	}) {
		this.#path = options.path;
		this.#pushState = options.pushState;
		this.#replaceState = options.replaceState;
		const opened = untrack(options.entry);
		this.view = opened.view;
		this.hiddenKinds = opened.hiddenKinds;
		this.selectedId = opened.selectedId;
		this.#shownKey = stateKey(opened);

		// The page's own writes are already shown, and applying them again would move the map back
		// to where a write found it (say, before an eased move to a chosen item had ended).
		$effect(() => {
			const entry = options.entry();
			untrack(() => {
				const view = this.#restore(entry);
				if (view) options.onrestoreview(view);
			});
		});
	}

	/** The state as the URL writes it. */
	get state(): MapUrlState {
		return { view: this.view, hiddenKinds: [...this.hiddenKinds], selectedId: this.selectedId };
	}

	/**
	 * The view and layers as form fields, for the filter form to carry. Not the selection: the
	 * chosen item may not match the new filters.
	 */
	get keptParams(): Record<string, string> {
		return Object.fromEntries(mapUrlStateToSearchParams({ ...this.state, selectedId: null }));
	}

	/** The map moved to `view`: the entry says where it is now. */
	moved({ center, zoom }: MapView) {
		this.view = { center, zoom };
		this.#write('replace');
	}

	/** The legend changed which kinds are left off: the entry says so. */
	hide(hiddenKinds: MapItemKind[]) {
		this.hiddenKinds = hiddenKinds;
		this.#write('replace');
	}

	/** Something was chosen, or the card closed (null): a new entry, so back undoes it. */
	select(id: string | null) {
		this.selectedId = id;
		this.#write('push');
	}

	#write(history: 'push' | 'replace') {
		const state = this.state;
		this.#shownKey = stateKey(state);
		// The address bar's query, which has the filters: `page.url` lags behind shallow routing.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once here, never kept
		const current = new URLSearchParams(location.search);
		const params = mapUrlStateToSearchParams(state, current);
		if (history === 'replace' && params.toString() === current.toString()) return;
		const url = withQuery(this.#path, params);
		if (history === 'push') this.#pushState(url, { map: state });
		else this.#replaceState(url, { map: state });
	}

	/** Shows what an entry says, unless the page shows it already; gives the view to move to. */
	#restore(entry: MapUrlState): MapView | null {
		const key = stateKey(entry);
		if (key === this.#shownKey) return null;
		this.#shownKey = key;
		if (entry.hiddenKinds.join() !== this.hiddenKinds.join()) this.hiddenKinds = entry.hiddenKinds;
		if (entry.selectedId !== this.selectedId) this.selectedId = entry.selectedId;
		if (entry.view) this.view = entry.view;
		return entry.view;
	}
}
