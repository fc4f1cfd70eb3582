/**
 * The questions the map asks of its cluster index, and one function that answers them. The same
 * function answers on the main thread and inside `cluster.worker.ts`, so both paths behave alike.
 */
import type { Bounds } from '$lib/geo/view-boxes';
import {
	buildClusterIndex,
	clustersInView,
	expansionZoom,
	membersOf,
	type ClusterIndex,
	type ClusterMembers,
	type MapPoints
} from './clusters';
import type { DrawnItem, PlaceCount } from './map-items';

export type ClusterRequest =
	| { type: 'load'; items: DrawnItem[]; counts: PlaceCount[] }
	| { type: 'getClusters'; bounds: Bounds; zoom: number }
	| { type: 'getLeaves'; clusterId: number }
	| { type: 'getClusterExpansionZoom'; clusterId: number };

/** What each request is answered with. */
export interface ClusterAnswers {
	load: number;
	getClusters: MapPoints;
	getLeaves: ClusterMembers;
	getClusterExpansionZoom: number | null;
}

/** A request as it crosses to the worker, numbered so its answer finds its way back. */
export type NumberedRequest = ClusterRequest & { requestId: number };
export type NumberedAnswer =
	| { requestId: number; answer: ClusterAnswers[ClusterRequest['type']] }
	| { requestId: number; error: string };

/** Holds one index and answers questions about it. */
export function createClusterAnswerer() {
	let index: ClusterIndex = buildClusterIndex([]);

	return function answer(request: ClusterRequest): ClusterAnswers[ClusterRequest['type']] {
		switch (request.type) {
			case 'load':
				index = buildClusterIndex(request.items, request.counts);
				return request.items.length + request.counts.length;
			case 'getClusters':
				return clustersInView(index, request.bounds, request.zoom);
			case 'getLeaves':
				return membersOf(index, request.clusterId);
			case 'getClusterExpansionZoom':
				return expansionZoom(index, request.clusterId);
		}
	};
}
