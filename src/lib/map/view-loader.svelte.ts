/**
 * What the map holds for its view, kept in step as it moves. The server's first answer serves
 * until the map moves where it does not reach; then `/map/view` is asked for the new view with a
 * margin around it, so small moves need no request, one request at a time (a newer view stops an
 * older request). Also asks for everyone at the places of a cluster that never comes apart.
 */
import { resolve } from '$app/paths';
import { containsBox, normaliseBounds, padBounds, type Bounds } from '$lib/geo/view-boxes';
import type { MapItem, MapViewData } from './map-items';
import { VIEW_ZOOM_RANGE, viewParams } from './view-params';

/** What the map has loaded: the box it asked for, at which zoom, and whether it got every item. */
export interface LoadedBox {
	bounds: Bounds;
	/** The whole zoom the data was aggregated for. */
	zoom: number;
	detail: MapViewData['detail'];
}

/** The data for a view, and the box and zoom it was asked for. */
export interface LoadedView {
	data: MapViewData;
	box: LoadedBox;
}

/** A view as the map reports it: what is in view, and the zoom it is seen at. */
interface ShownView {
	bounds: Bounds;
	zoom: number;
}

/**
 * Whether what was loaded still serves a view: every item in a box serves any zoom inside it.
 * Counts by place serve the zoom they were made for and the one below it: clustering gathers
 * counts a zoom finer as it gathers items (the map's first view, fitted to the network, is often
 * a little out from the zoom the server guessed), but coarser counts would lump apart places
 * together, and much finer ones would send more than a view needs. "Too many to filter here"
 * serves its own zoom only: zoomed in, the view may hold few enough to filter.
 */
export function servesView(loaded: LoadedBox, view: ShownView): boolean {
	if (!containsBox(loaded.bounds, normaliseBounds(view.bounds))) return false;
	const zoom = Math.floor(view.zoom);
	switch (loaded.detail) {
		case 'items':
			return true;
		case 'counts':
			return loaded.zoom === zoom || loaded.zoom === zoom + 1;
		case 'narrow':
			return loaded.zoom === zoom;
	}
}

/**
 * The box just around some places, a hair wider than they are: asked for at the deepest zoom, it
 * gives everyone at those places and nobody else.
 */
export function boxAroundPlaces(places: readonly { lat: number; lng: number }[]): Bounds {
	const margin = 1e-4;
	const lats = places.map(({ lat }) => lat);
	const lngs = places.map(({ lng }) => lng);
	return [
		Math.max(-180, Math.min(...lngs) - margin),
		Math.min(...lats) - margin,
		Math.min(180, Math.max(...lngs) + margin),
		Math.max(...lats) + margin
	];
}

/** Asks `/map/view` what a box holds at a zoom, for the filters given (the map's URL's). */
export async function fetchMapView({
	bounds,
	zoom,
	filters,
	signal
}: {
	bounds: Bounds;
	zoom: number;
	filters: URLSearchParams;
	signal?: AbortSignal;
}): Promise<MapViewData> {
	const params = viewParams(bounds, zoom);
	for (const [name, value] of filters) params.append(name, value);
	const response = await fetch(`${resolve('/map/view')}?${params}`, { signal });
	if (!response.ok) throw new Error(`The map's data answered ${response.status}`);
	return (await response.json()) as MapViewData;
}

export class ViewLoader {
	readonly #filters: () => URLSearchParams;
	/** The view the map reported last, to ask for again after a failure. */
	#lastView: ShownView | null = null;
	/** The request under way, stopped when the map moves on before it answers. */
	#request: AbortController | null = null;
	/** The items listed at places, so choosing one of them can show its card. */
	readonly #atPlaces: Record<string, MapItem> = {};

	/**
	 * What the map holds: `initial` (the server's answer for the page), replaced as the map moves
	 * to where it does not reach, and `initial` again when it changes (new filters are a
	 * navigation, so the server answers for them).
	 */
	loaded: LoadedView;
	/** True while a request for the view is under way. */
	loading = $state(false);
	/** True when the last request for the view failed; `retry` asks again. */
	failed = $state(false);
	/** What is in view (normalised) once the map says; null until then, and without the map. */
	inViewBounds = $state.raw<Bounds | null>(null);

	constructor({
		initial,
		filters
	}: {
		/** The server's answer for the page; read reactively. */
		initial: () => LoadedView;
		/** The filters to ask with, as URL parameters; read when asking. */
		filters: () => URLSearchParams;
	}) {
		this.#filters = filters;
		this.loaded = $derived(initial());
	}

	/** The data the map holds. */
	get data(): MapViewData {
		return this.loaded.data;
	}

	/** The map shows `view` now: notes what is in view, and asks for it unless it is loaded. */
	follow(view: ShownView) {
		this.#lastView = view;
		this.inViewBounds = normaliseBounds(view.bounds);
		if (!servesView(this.loaded.box, view)) void this.#load(view);
	}

	/** Asks again for the view the map reported last. */
	retry() {
		if (this.#lastView) void this.#load(this.#lastView);
	}

	/** Asks for what a view holds, with a margin around it, at its whole zoom. */
	async #load(view: ShownView) {
		this.#request?.abort();
		const request = new AbortController();
		this.#request = request;
		const bounds = padBounds(view.bounds);
		const zoom = Math.floor(view.zoom);
		this.loading = true;
		try {
			const data = await fetchMapView({
				bounds,
				zoom,
				filters: this.#filters(),
				signal: request.signal
			});
			this.loaded = { data, box: { bounds, zoom, detail: data.detail } };
			this.failed = false;
		} catch (error) {
			if (request.signal.aborted) return;
			console.error('The map could not load this view', error);
			this.failed = true;
		} finally {
			if (this.#request === request) {
				this.loading = false;
				this.#request = null;
			}
		}
	}

	/** Everyone at the places of a cluster that never comes apart, for its list. */
	async itemsAt(places: readonly { lat: number; lng: number }[]): Promise<MapItem[]> {
		const { items } = await fetchMapView({
			bounds: boxAroundPlaces(places),
			// At one place, every item is asked for: the deepest zoom never counts by place.
			zoom: VIEW_ZOOM_RANGE.max,
			filters: this.#filters()
		});
		for (const item of items) this.#atPlaces[item.id] = item;
		return items;
	}

	/** The item with this id in the data the map holds. */
	loadedItem(id: string): MapItem | undefined {
		return this.data.items.find((item) => item.id === id);
	}

	/** The item with this id in the data the map holds, or in a list of those at a place. */
	knownItem(id: string): MapItem | undefined {
		return this.loadedItem(id) ?? this.#atPlaces[id];
	}
}
