import { describe, expect, it, vi } from 'vitest';
import {
	firstView,
	flyToPlace,
	jumpToView,
	openCluster,
	showPoint,
	viewOf,
	type CameraMap
} from './camera';

/** A map standing still at a centre and zoom, recording how it is asked to move. */
function fakeMap({ lng = 5.19, lat = 52.1, zoom = 6 } = {}) {
	return {
		getCenter: () => ({ lng, lat }),
		getZoom: () => zoom,
		getBounds: () => ({
			getWest: () => 4.5,
			getSouth: () => 51.8,
			getEast: () => 5.9,
			getNorth: () => 52.4
		}),
		easeTo: vi.fn(),
		flyTo: vi.fn(),
		jumpTo: vi.fn()
	} satisfies CameraMap;
}

/** A cluster index answering one expansion zoom and one list of leaves. */
function fakeClusters({
	expansionZoom = null as number | null,
	itemIds = [] as string[],
	countedPlaces = [] as { lat: number; lng: number }[]
} = {}) {
	return {
		getClusterExpansionZoom: vi.fn(async () => expansionZoom),
		getLeaves: vi.fn(async () => ({
			items: itemIds.map((id) => ({ kind: 'practitioner' as const, id, name: id })),
			countedPlaces
		}))
	};
}

describe('firstView', () => {
	it('is the view asked for, when there is one', () => {
		const asked = { center: [5.19, 52.1] as [number, number], zoom: 9 };
		expect(firstView(asked, [{ lat: -33.87, lng: 151.21 }])).toBe(asked);
	});

	it('fits everything on the network, the short way round the world, no closer than zoom 5', () => {
		const points = [
			{ lat: 49.28, lng: -123.13 },
			{ lat: 52.09, lng: 5.12 },
			{ lat: -33.87, lng: 151.21 }
		];
		expect(firstView(undefined, points)).toEqual({
			bounds: [151.21, -33.87, 5.12, 52.09],
			fitBoundsOptions: { padding: 48, maxZoom: 5 }
		});
	});

	it('shows the whole world when there is nothing to fit', () => {
		expect(firstView(undefined, [])).toEqual({ center: [10, 30], zoom: 1 });
	});
});

describe('viewOf', () => {
	it('reads the centre, zoom and box of the map', () => {
		expect(viewOf(fakeMap())).toEqual({
			center: [5.19, 52.1],
			zoom: 6,
			bounds: [4.5, 51.8, 5.9, 52.4]
		});
	});
});

describe('openCluster', () => {
	describe('when the cluster comes apart', () => {
		it('eases to the zoom where it does, and lists nothing', async () => {
			const map = fakeMap({ zoom: 3 });
			const clusters = fakeClusters({ expansionZoom: 7 });

			const members = await openCluster(
				map,
				{ center: [4.9, 52.37], clusterId: 12, count: 5 },
				clusters
			);

			expect(members).toBeNull();
			expect(clusters.getClusterExpansionZoom).toHaveBeenCalledWith(12);
			expect(map.easeTo.mock.calls).toEqual([[{ center: [4.9, 52.37], zoom: 7 }]]);
			expect(clusters.getLeaves).not.toHaveBeenCalled();
		});
	});

	describe('when its members share one place', () => {
		it('lists its items and the places of its counts, and stays where it is', async () => {
			const map = fakeMap({ zoom: 10 });
			const clusters = fakeClusters({
				itemIds: ['ada', 'bram'],
				countedPlaces: [{ lat: 52.1, lng: 5.18 }]
			});

			const members = await openCluster(
				map,
				{ center: [5.18, 52.1], clusterId: 3, count: 9 },
				clusters
			);

			expect(members).toEqual({
				count: 9,
				itemIds: ['ada', 'bram'],
				places: [{ lat: 52.1, lng: 5.18 }]
			});
			expect(clusters.getLeaves).toHaveBeenCalledWith(3);
			expect(map.easeTo).not.toHaveBeenCalled();
		});
	});

	describe('when it is counts at one place, with no members to ask about', () => {
		it('zooms in two steps towards it', async () => {
			const map = fakeMap({ zoom: 4.5 });
			const clusters = fakeClusters();

			const members = await openCluster(
				map,
				{ center: [2.35, 48.86], clusterId: null, count: 40 },
				clusters
			);

			expect(members).toBeNull();
			expect(map.easeTo.mock.calls).toEqual([[{ center: [2.35, 48.86], zoom: 6.5 }]]);
			expect(clusters.getClusterExpansionZoom).not.toHaveBeenCalled();
		});

		it('goes no deeper than the deepest zoom', async () => {
			const map = fakeMap({ zoom: 9 });

			await openCluster(map, { center: [2.35, 48.86], clusterId: null, count: 40 }, fakeClusters());

			expect(map.easeTo.mock.calls).toEqual([[{ center: [2.35, 48.86], zoom: 10 }]]);
		});

		it('lists the place at the deepest zoom', async () => {
			const map = fakeMap({ zoom: 10 });

			const members = await openCluster(
				map,
				{ center: [2.35, 48.86], clusterId: null, count: 40 },
				fakeClusters()
			);

			expect(members).toEqual({ count: 40, itemIds: [], places: [{ lat: 48.86, lng: 2.35 }] });
			expect(map.easeTo).not.toHaveBeenCalled();
		});
	});
});

describe('showPoint', () => {
	it('eases to the point, going in to zoom 5 from further out', () => {
		const map = fakeMap({ zoom: 2 });
		showPoint(map, { lat: 45.75, lng: 4.86 });
		expect(map.easeTo.mock.calls).toEqual([[{ center: [4.86, 45.75], zoom: 5 }]]);
	});

	it('keeps a closer zoom', () => {
		const map = fakeMap({ zoom: 8 });
		showPoint(map, { lat: 45.75, lng: 4.86 });
		expect(map.easeTo.mock.calls).toEqual([[{ center: [4.86, 45.75], zoom: 8 }]]);
	});

	it('goes in to the zoom it is given', () => {
		const map = fakeMap({ zoom: 2 });
		showPoint(map, { lat: 45.75, lng: 4.86 }, 8);
		expect(map.easeTo.mock.calls).toEqual([[{ center: [4.86, 45.75], zoom: 8 }]]);
	});
});

describe('flyToPlace', () => {
	it('flies to the place at its zoom', () => {
		const map = fakeMap();
		flyToPlace(map, { center: [-9.14, 38.71], zoom: 9 });
		expect(map.flyTo.mock.calls).toEqual([[{ center: [-9.14, 38.71], zoom: 9 }]]);
	});

	it('goes no deeper than the deepest zoom', () => {
		const map = fakeMap();
		flyToPlace(map, { center: [-9.14, 38.71], zoom: 14 });
		expect(map.flyTo.mock.calls).toEqual([[{ center: [-9.14, 38.71], zoom: 10 }]]);
	});
});

describe('jumpToView', () => {
	it('jumps to a view elsewhere', () => {
		const map = fakeMap({ lng: 5.19, lat: 52.1, zoom: 6 });
		jumpToView(map, { center: [-2.6, 51.45], zoom: 7 });
		expect(map.jumpTo.mock.calls).toEqual([[{ center: [-2.6, 51.45], zoom: 7 }]]);
	});

	it('stays put when the map is already there, to within rounding in the URL', () => {
		const map = fakeMap({ lng: 5.19001, lat: 52.09999, zoom: 6.004 });
		jumpToView(map, { center: [5.19, 52.1], zoom: 6 });
		expect(map.jumpTo).not.toHaveBeenCalled();
	});
});
