import { describe, expect, it } from 'vitest';
import {
	buildClusterIndex,
	clusterDefaults,
	clustersInView,
	expansionZoom,
	isClusterPoint,
	membersOf,
	type ClusterPoint,
	type MapPoints
} from './clusters';
import type { DrawnItem, PlaceCount } from './map-items';
import type { Bounds } from '$lib/geo/view-boxes';

/** Three items share Utrecht's published cell; the others are on their own. */
const items: DrawnItem[] = [
	{ kind: 'practitioner', id: 'ada', name: 'Ada Fernhill', lat: 52.09, lng: 5.12 },
	{ kind: 'practitioner', id: 'bo', name: 'Bo Lindqvist', lat: 52.09, lng: 5.12 },
	{ kind: 'crew', id: 'crew-utrecht', name: 'Utrecht Thursday crew', lat: 52.09, lng: 5.12 },
	{ kind: 'gathering', id: 'camp-amsterdam', name: 'Amsterdam camp', lat: 52.37, lng: 4.89 },
	{ kind: 'congregation', id: 'congregation-lisbon', name: 'Lisbon', lat: 38.72, lng: -9.14 },
	{ kind: 'practitioner', id: 'wanjiru', name: 'Wanjiru Kamau', lat: -1.29, lng: 36.82 },
	{ kind: 'practitioner', id: 'fiji', name: 'Mere Tuilagi', lat: -17.8, lng: 179.5 },
	{ kind: 'crew', id: 'samoa-crew', name: 'Apia crew', lat: -13.8, lng: -179.5 }
];

const WORLD: Bounds = [-180, -85, 180, 85];

/** What a view shows, in a form that reads well in an expectation. */
function summary(view: MapPoints) {
	return view.features.map((point) =>
		isClusterPoint(point)
			? {
					count: point.properties.count,
					practitioner: point.properties.practitioner,
					crew: point.properties.crew,
					congregation: point.properties.congregation,
					gathering: point.properties.gathering
				}
			: point.properties.id
	);
}

/** Supercluster's id of a cluster made by clustering (not a place's counts left alone). */
function clusterIdOf(cluster: ClusterPoint): number {
	const id = cluster.properties.cluster_id;
	if (id === null) throw new Error('expected a cluster made by supercluster');
	return id;
}

function clusterAt(view: MapPoints, lng: number, lat: number) {
	const cluster = view.features.filter(isClusterPoint).find(({ geometry }) => {
		const [x, y] = geometry.coordinates;
		return Math.abs(x - lng) < 0.01 && Math.abs(y - lat) < 0.01;
	});
	if (!cluster) throw new Error(`no cluster at ${lng}, ${lat}`);
	return cluster;
}

describe('the cluster options', () => {
	it('cluster within 48 px, from two items, down to zoom 10', () => {
		expect(clusterDefaults).toEqual({ radius: 48, maxZoom: 10, minPoints: 2 });
	});
});

describe('clustersInView', () => {
	const index = buildClusterIndex(items);

	describe('at the whole-world zoom', () => {
		it('gathers western Europe into one cluster and counts each kind in it', () => {
			expect(summary(clustersInView(index, WORLD, 0))).toEqual([
				{ count: 5, practitioner: 2, crew: 1, congregation: 1, gathering: 1 },
				'wanjiru',
				'fiji',
				'samoa-crew'
			]);
		});
	});

	describe('at a country zoom', () => {
		it('keeps Utrecht and Amsterdam together and lets Lisbon go', () => {
			expect(summary(clustersInView(index, WORLD, 5))).toEqual([
				{ count: 4, practitioner: 2, crew: 1, congregation: 0, gathering: 1 },
				'congregation-lisbon',
				'wanjiru',
				'fiji',
				'samoa-crew'
			]);
		});
	});

	describe('when items share one published cell', () => {
		it('keeps them as one cluster at the deepest zoom, at the cell itself', () => {
			const view = clustersInView(index, [4, 51, 6, 53], clusterDefaults.maxZoom);

			expect(summary(view)).toEqual([
				{ count: 3, practitioner: 2, crew: 1, congregation: 0, gathering: 0 },
				'camp-amsterdam'
			]);
			const [lng, lat] = clusterAt(view, 5.12, 52.09).geometry.coordinates;
			expect(lng).toBeCloseTo(5.12, 5);
			expect(lat).toBeCloseTo(52.09, 5);
		});

		it('never fans them out, however far the map zooms in', () => {
			const view = clustersInView(index, [4, 51, 6, 53], 18);

			expect(summary(view)).toEqual([
				{ count: 3, practitioner: 2, crew: 1, congregation: 0, gathering: 0 },
				'camp-amsterdam'
			]);
		});
	});

	describe('when the view crosses the antimeridian', () => {
		it('shows the items on both sides of it', () => {
			expect(summary(clustersInView(index, [170, -30, -170, 0], 5))).toEqual([
				'fiji',
				'samoa-crew'
			]);
		});
	});

	it('gives a single item its kind, id and name only', () => {
		const [lisbon] = clustersInView(index, [-10, 38, -9, 39], 5).features;

		expect(lisbon).toEqual({
			type: 'Feature',
			geometry: {
				type: 'Point',
				coordinates: [expect.closeTo(-9.14, 5), expect.closeTo(38.72, 5)]
			},
			properties: { kind: 'congregation', id: 'congregation-lisbon', name: 'Lisbon' }
		});
	});

	it('is empty when nothing is on the map', () => {
		expect(clustersInView(buildClusterIndex([]), WORLD, 3).features).toEqual([]);
	});
});

describe('expansionZoom', () => {
	const index = buildClusterIndex(items);

	it('is the zoom at which a cluster of separate places comes apart', () => {
		const europe = clusterAt(clustersInView(index, WORLD, 5), 5.06, 52.16);

		expect(expansionZoom(index, clusterIdOf(europe))).toBe(7);
	});

	it('is null for a cluster whose members share one place, so the map lists them', () => {
		const utrecht = clusterAt(clustersInView(index, WORLD, 7), 5.12, 52.09);

		expect(expansionZoom(index, clusterIdOf(utrecht))).toBeNull();
	});
});

describe('membersOf', () => {
	it('lists every item of a cluster, not only the first ten', () => {
		const crowd: DrawnItem[] = Array.from({ length: 12 }, (_, n) => ({
			kind: 'practitioner',
			id: `person-${n}`,
			name: `Person ${n}`,
			lat: 52.09,
			lng: 5.12
		}));
		const index = buildClusterIndex(crowd);
		const [cluster] = clustersInView(index, WORLD, clusterDefaults.maxZoom).features;
		if (!cluster || !isClusterPoint(cluster)) throw new Error('expected one cluster');

		const { items: members, countedPlaces } = membersOf(index, clusterIdOf(cluster));

		expect(members).toHaveLength(12);
		expect(members.map(({ id }) => id).sort()).toEqual(crowd.map(({ id }) => id).sort());
		expect(countedPlaces).toEqual([]);
	});

	it('gives each member its kind and name', () => {
		const index = buildClusterIndex(items);
		const utrecht = clusterAt(clustersInView(index, WORLD, 8), 5.12, 52.09);

		const { items: members } = membersOf(index, clusterIdOf(utrecht));

		expect(members.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
			{ kind: 'practitioner', id: 'ada', name: 'Ada Fernhill' },
			{ kind: 'practitioner', id: 'bo', name: 'Bo Lindqvist' },
			{ kind: 'crew', id: 'crew-utrecht', name: 'Utrecht Thursday crew' }
		]);
	});
});

describe('with counts by place from the database', () => {
	const counts: PlaceCount[] = [
		[52.09, 5.12, 40, 0, 0, 0],
		[52.37, 4.9, 25, 0, 0, 0],
		[-1.29, 36.82, 7, 0, 0, 0]
	];

	it('counts what the counts stand for, not how many places there are', () => {
		const index = buildClusterIndex([], counts);
		expect(summary(clustersInView(index, WORLD, 0))).toEqual([
			{ count: 65, practitioner: 65, crew: 0, congregation: 0, gathering: 0 },
			{ count: 7, practitioner: 7, crew: 0, congregation: 0, gathering: 0 }
		]);
	});

	it('draws a place’s counts left on their own as a cluster with no id, labelled by its count', () => {
		const index = buildClusterIndex([], counts);
		const nairobi = clusterAt(clustersInView(index, WORLD, 3), 36.82, -1.29);
		expect(nairobi.properties).toMatchObject({
			cluster: true,
			cluster_id: null,
			count: 7,
			count_label: '7'
		});
	});

	it('clusters counts with items, adding each item once', () => {
		const index = buildClusterIndex(
			[{ kind: 'crew', id: 'crew-utrecht', name: 'Utrecht crew', lat: 52.09, lng: 5.12 }],
			counts
		);
		const netherlands = clustersInView(index, WORLD, 3)
			.features.filter(isClusterPoint)
			.find(({ properties }) => properties.crew === 1);
		expect(netherlands?.properties).toMatchObject({ count: 66, practitioner: 65, crew: 1 });
	});

	it('gives the places of the counts in a cluster that never comes apart', () => {
		const index = buildClusterIndex(
			[{ kind: 'crew', id: 'crew-utrecht', name: 'Utrecht crew', lat: 52.09, lng: 5.12 }],
			[[52.09, 5.12, 3, 0, 0, 0]]
		);
		const [cluster] = clustersInView(index, WORLD, clusterDefaults.maxZoom).features;
		if (!cluster || !isClusterPoint(cluster)) throw new Error('expected one cluster');
		expect(expansionZoom(index, clusterIdOf(cluster))).toBeNull();
		const { items: members, countedPlaces } = membersOf(index, clusterIdOf(cluster));
		expect(members).toEqual([{ kind: 'crew', id: 'crew-utrecht', name: 'Utrecht crew' }]);
		// Back from supercluster's projection: the same place, to far better than a metre.
		expect(countedPlaces).toHaveLength(1);
		expect(countedPlaces[0]?.lat).toBeCloseTo(52.09, 9);
		expect(countedPlaces[0]?.lng).toBeCloseTo(5.12, 9);
	});
});

describe('an item with a detail', () => {
	it('carries it to its point, and items without one carry none', () => {
		const index = buildClusterIndex([
			{ kind: 'crew', id: 'crew', name: 'Crew', lat: 10, lng: 10, detail: '3 open seats of 6' },
			{ kind: 'practitioner', id: 'ada', name: 'Ada', lat: -10, lng: -10, detail: null }
		]);
		const properties = clustersInView(index, WORLD, 3).features.map((point) => point.properties);
		expect(properties).toContainEqual({
			kind: 'crew',
			id: 'crew',
			name: 'Crew',
			detail: '3 open seats of 6'
		});
		expect(properties).toContainEqual({ kind: 'practitioner', id: 'ada', name: 'Ada' });
	});
});

/** The properties of the cluster that a place's counts, left on their own, are drawn as. */
function drawnCounts([practitioner, crew, congregation, gathering]: number[]) {
	const index = buildClusterIndex([], [[0, 0, practitioner, crew, congregation, gathering]]);
	const [point] = clustersInView(index, WORLD, 0).features;
	if (!point || !isClusterPoint(point)) throw new Error('expected one cluster');
	return point.properties;
}

describe('what a cluster says it holds (kinds_label)', () => {
	it('is empty for people only: their count says it all', () => {
		expect(drawnCounts([12, 0, 0, 0]).kinds_label).toBe('');
	});

	it('names every kind a mixed cluster holds, in the order of the scales', () => {
		expect(drawnCounts([3, 2, 0, 1]).kinds_label).toBe('3 practitioners, 2 crews, 1 gathering');
		expect(drawnCounts([0, 1, 2, 0]).kinds_label).toBe('1 crew, 2 congregations');
	});

	it('is what a clustered view gives a mixed cluster', () => {
		const index = buildClusterIndex(items);
		const utrecht = clusterAt(clustersInView(index, WORLD, 8), 5.12, 52.09);
		expect(utrecht.properties.kinds_label).toBe('2 practitioners, 1 crew');
	});
});

describe('how a cluster writes its count (count_label)', () => {
	it.each([
		[0, '0'],
		[999, '999'],
		[1000, '1k'],
		[1234, '1.2k'],
		[9999, '9.9k'],
		[12_345, '12k'],
		[100_000, '100k']
	])('writes %i as %s', (count, label) => {
		expect(drawnCounts([count, 0, 0, 0]).count_label).toBe(label);
	});
});
