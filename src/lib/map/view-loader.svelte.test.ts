import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bounds } from '$lib/geo/view-boxes';
import { mapItem, narrowView } from './factories';
import type { MapViewData } from './map-items';
import { ViewLoader, boxAroundPlaces, servesView, type LoadedView } from './view-loader.svelte';

/** A request the fake server holds until the test answers it. */
interface HeldRequest {
	url: URL;
	signal: AbortSignal | undefined;
	answer: (body: unknown, status?: number) => void;
}

let requests: HeldRequest[];

beforeEach(() => {
	requests = [];
	vi.stubGlobal(
		'fetch',
		vi.fn(
			(url: string, init?: RequestInit) =>
				new Promise<Response>((resolve, reject) => {
					init?.signal?.addEventListener('abort', () =>
						reject(new DOMException('The request was stopped', 'AbortError'))
					);
					requests.push({
						url: new URL(url, 'http://localhost'),
						signal: init?.signal ?? undefined,
						answer: (body, status = 200) => resolve(new Response(JSON.stringify(body), { status }))
					});
				})
		)
	);
});

afterEach(() => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

/** Lets a request's answer be read and handled. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const ada = mapItem();
/** What the page loaded: counts by place at zoom 7 for a box around the Netherlands. */
const pageData: LoadedView = {
	data: { total: 40, detail: 'counts', items: [], counts: [[52.09, 5.12, 40, 0, 0, 0]] },
	box: { bounds: [0, 45, 10, 55], zoom: 7, detail: 'counts' }
};
const everyItem: MapViewData = { total: 1, detail: 'items', items: [ada], counts: [] };
/** Utrecht and around, inside what the page loaded. */
const utrecht: Bounds = [4, 51, 6, 53];
/** Lisbon and around, outside it. */
const lisbon: Bounds = [-10, 38, -8, 40];

function loader(initial: () => LoadedView = () => pageData) {
	return new ViewLoader({ initial, filters: () => new URLSearchParams('stage=hosting') });
}

/** Edges equal to within floating point's rounding. */
const nearly = (bounds: Bounds) => bounds.map((edge) => expect.closeTo(edge, 9));

/** A request's box and zoom, and its other parameters. */
function asked({ url }: HeldRequest) {
	const params = Object.fromEntries(url.searchParams);
	const { west, south, east, north, zoom, ...rest } = params;
	return { path: url.pathname, bounds: [west, south, east, north].map(Number), zoom, rest };
}

describe('servesView', () => {
	const view = { bounds: [4, 51, 6, 53] as Bounds, zoom: 7.4 };

	it('serves any zoom inside the box when every item was loaded', () => {
		expect(servesView({ bounds: [3, 50, 7, 54], zoom: 4, detail: 'items' }, view)).toBe(true);
	});

	it('serves its own zoom, and the one below, when it holds counts by place', () => {
		expect(servesView({ bounds: [3, 50, 7, 54], zoom: 7, detail: 'counts' }, view)).toBe(true);
		expect(servesView({ bounds: [3, 50, 7, 54], zoom: 8, detail: 'counts' }, view)).toBe(true);
		expect(servesView({ bounds: [3, 50, 7, 54], zoom: 6, detail: 'counts' }, view)).toBe(false);
		expect(servesView({ bounds: [3, 50, 7, 54], zoom: 9, detail: 'counts' }, view)).toBe(false);
	});

	it('serves only its own zoom when the filters had too many people to read', () => {
		expect(servesView({ bounds: [3, 50, 7, 54], zoom: 7, detail: 'narrow' }, view)).toBe(true);
		expect(servesView({ bounds: [3, 50, 7, 54], zoom: 6, detail: 'narrow' }, view)).toBe(false);
		expect(servesView({ bounds: [3, 50, 7, 54], zoom: 8, detail: 'narrow' }, view)).toBe(false);
	});

	it('never serves a view outside the box', () => {
		expect(servesView({ bounds: [3, 50, 5, 54], zoom: 7, detail: 'items' }, view)).toBe(false);
	});
});

describe('boxAroundPlaces', () => {
	it('is the box around the places, a hair wider', () => {
		expect(
			boxAroundPlaces([
				{ lat: 52.09, lng: 5.12 },
				{ lat: 52.1, lng: 5.1 }
			])
		).toEqual(nearly([5.0999, 52.0899, 5.1201, 52.1001]));
	});

	it('stops at the antimeridian', () => {
		expect(boxAroundPlaces([{ lat: -16.5, lng: 180 }])).toEqual([
			179.9999, -16.5001, 180, -16.4999
		]);
	});
});

describe('ViewLoader', () => {
	it('holds the page’s data while the map moves within what it serves', () => {
		const views = loader();
		views.follow({ bounds: utrecht, zoom: 7.6 });

		expect(views.data).toEqual(pageData.data);
		expect(views.loading).toBe(false);
		expect(requests).toHaveLength(0);
	});

	it('notes what is in view, as a box in -180..180', () => {
		const views = loader();
		views.follow({ bounds: [-190, 51, -170, 53], zoom: 7 });

		expect(views.inViewBounds).toEqual([170, 51, -170, 53]);
	});

	describe('when the map moves where the data does not reach', () => {
		it('asks for the view with a margin, at its whole zoom, with the filters', async () => {
			const views = loader();
			views.follow({ bounds: lisbon, zoom: 7.6 });

			expect(views.loading).toBe(true);
			expect(requests.map(asked)).toEqual([
				{ path: '/map/view', bounds: [-11, 37, -7, 41], zoom: '7', rest: { stage: 'hosting' } }
			]);

			requests[0].answer(everyItem);
			await settle();
			expect(views.loaded).toEqual({
				data: everyItem,
				box: { bounds: [-11, 37, -7, 41], zoom: 7, detail: 'items' }
			});
			expect(views.loading).toBe(false);
		});

		it('asks again at another zoom, as counts by place are made for one', () => {
			const views = loader();
			views.follow({ bounds: utrecht, zoom: 8.2 });

			expect(requests.map(asked)).toEqual([
				{ path: '/map/view', bounds: [3, 50, 7, 54], zoom: '8', rest: { stage: 'hosting' } }
			]);
		});

		it('stops an older request when the map moves on before it answers', async () => {
			const views = loader();
			views.follow({ bounds: lisbon, zoom: 7 });
			views.follow({ bounds: utrecht, zoom: 9 });

			expect(requests[0].signal?.aborted).toBe(true);
			expect(requests[1].signal?.aborted).toBe(false);
			await settle();
			expect(views.loading).toBe(true);
			expect(views.failed).toBe(false);

			requests[1].answer(everyItem);
			await settle();
			expect(views.loaded.box).toEqual({ bounds: [3, 50, 7, 54], zoom: 9, detail: 'items' });
			expect(views.loading).toBe(false);
		});
	});

	describe('when the filters had too many people to read in the view', () => {
		it('holds the answer as it came, with no total, while the map stays at its zoom', async () => {
			const views = loader();
			views.follow({ bounds: lisbon, zoom: 7.2 });
			requests[0].answer(narrowView());
			await settle();

			expect(views.data).toEqual(narrowView());
			expect(views.loaded.box.detail).toBe('narrow');
			views.follow({ bounds: [-9.5, 38.5, -8.5, 39.5], zoom: 7.8 });
			expect(requests).toHaveLength(1);
		});

		it('asks again as soon as the map zooms in, where fewer may be few enough', async () => {
			const views = loader();
			views.follow({ bounds: lisbon, zoom: 7 });
			requests[0].answer(narrowView());
			await settle();

			views.follow({ bounds: [-9.5, 38.5, -8.5, 39.5], zoom: 8 });
			expect(requests.map(asked)[1]).toMatchObject({ zoom: '8', rest: { stage: 'hosting' } });
			requests[1].answer(everyItem);
			await settle();
			expect(views.data).toEqual(everyItem);
		});
	});

	describe('when a request fails', () => {
		it('says so, keeps what it had, and asks for the same view again on retry', async () => {
			vi.spyOn(console, 'error').mockImplementation(() => {});
			const views = loader();
			views.follow({ bounds: lisbon, zoom: 7 });
			requests[0].answer({ message: 'Down' }, 503);
			await settle();

			expect(views.failed).toBe(true);
			expect(views.loading).toBe(false);
			expect(views.data).toEqual(pageData.data);

			views.retry();
			expect(requests.map(asked)[1]).toEqual(requests.map(asked)[0]);
			requests[1].answer(everyItem);
			await settle();
			expect(views.failed).toBe(false);
			expect(views.data).toEqual(everyItem);
		});

		it('has nothing to retry before the map has reported a view', () => {
			loader().retry();

			expect(requests).toHaveLength(0);
		});
	});

	it('takes the page’s data again when the page loads new data (new filters)', async () => {
		let initial = $state(pageData);
		const views = loader(() => initial);
		views.follow({ bounds: lisbon, zoom: 7 });
		requests[0].answer(everyItem);
		await settle();
		expect(views.data).toEqual(everyItem);

		const filtered: LoadedView = {
			data: { total: 0, detail: 'items', items: [], counts: [] },
			box: { bounds: [0, 45, 10, 55], zoom: 7, detail: 'items' }
		};
		initial = filtered;
		expect(views.loaded).toEqual(filtered);
	});

	describe('listing everyone at a cluster’s places', () => {
		it('asks for every item just around them, with the filters, and knows them after', async () => {
			const views = loader();
			const listed = views.itemsAt([{ lat: 52.09, lng: 5.12 }]);

			expect(requests.map(asked)).toEqual([
				{
					path: '/map/view',
					bounds: nearly([5.1199, 52.0899, 5.1201, 52.0901]),
					zoom: '24',
					rest: { stage: 'hosting' }
				}
			]);
			requests[0].answer(everyItem);
			expect(await listed).toEqual([ada]);
			expect(views.knownItem('ada')).toEqual(ada);
			// Not in the data the map draws: the list holds it, not the map.
			expect(views.loadedItem('ada')).toBeUndefined();
			expect(views.loading).toBe(false);
		});
	});
});
