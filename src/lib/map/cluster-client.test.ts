import { describe, expect, it } from 'vitest';
import { isClusterPoint } from './clusters';
import type { DrawnItem } from './map-items';
import { WORKER_THRESHOLD, createClusterClient } from './cluster-client';
import { createClusterAnswerer } from './cluster-requests';

const sharedCell: DrawnItem[] = [
	{ kind: 'practitioner', id: 'ada', name: 'Ada Fernhill', lat: 52.09, lng: 5.12 },
	{ kind: 'crew', id: 'crew-utrecht', name: 'Utrecht Thursday crew', lat: 52.09, lng: 5.12 }
];

describe('the cluster answerer', () => {
	it('answers about an empty map before anything is loaded', () => {
		const answer = createClusterAnswerer();

		expect(answer({ type: 'getClusters', bounds: [-180, -85, 180, 85], zoom: 2 })).toEqual({
			type: 'FeatureCollection',
			features: []
		});
	});

	it('replaces what it holds on each load', () => {
		const answer = createClusterAnswerer();
		answer({ type: 'load', items: sharedCell, counts: [] });

		expect(answer({ type: 'load', items: sharedCell.slice(0, 1), counts: [] })).toBe(1);
		expect(answer({ type: 'getClusters', bounds: [4, 51, 6, 53], zoom: 10 })).toMatchObject({
			features: [{ properties: { id: 'ada' } }]
		});
	});
});

describe('createClusterClient', () => {
	describe(`with fewer than ${WORKER_THRESHOLD} items (or no Worker, as in Node)`, () => {
		it('clusters on the main thread and answers every question', async () => {
			const client = await createClusterClient(sharedCell);

			const view = await client.getClusters([4, 51, 6, 53], 10);
			const [cluster] = view.features;
			if (!cluster || !isClusterPoint(cluster)) throw new Error('expected one cluster');
			expect(cluster.properties).toMatchObject({ count: 2, practitioner: 1, crew: 1 });
			const clusterId = cluster.properties.cluster_id;
			if (clusterId === null) throw new Error('expected a cluster made by supercluster');
			expect(await client.getClusterExpansionZoom(clusterId)).toBeNull();
			expect((await client.getLeaves(clusterId)).items.map(({ id }) => id).sort()).toEqual([
				'ada',
				'crew-utrecht'
			]);
			client.destroy();
		});
	});
});
