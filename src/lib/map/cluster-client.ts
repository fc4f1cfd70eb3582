/**
 * The map's cluster index, on the main thread for small data and in a web worker once data
 * passes `WORKER_THRESHOLD` items, behind one asynchronous interface.
 */
import type { Bounds } from '$lib/geo/view-boxes';
import type { ClusterMembers, MapPoints } from './clusters';
import type { DrawnItem, PlaceCount } from './map-items';
import {
	createClusterAnswerer,
	type ClusterAnswers,
	type ClusterRequest,
	type NumberedAnswer
} from './cluster-requests';

/**
 * Below this many items indexing takes a few milliseconds, less than starting a worker; above it
 * indexing grows long enough to drop frames, so it moves off the main thread.
 */
export const WORKER_THRESHOLD = 3000;

export interface ClusterClient {
	getClusters(bounds: Bounds, zoom: number): Promise<MapPoints>;
	getLeaves(clusterId: number): Promise<ClusterMembers>;
	getClusterExpansionZoom(clusterId: number): Promise<number | null>;
	/** Stops the worker, if there is one. */
	destroy(): void;
}

type Ask = <Type extends ClusterRequest['type']>(
	request: Extract<ClusterRequest, { type: Type }>
) => Promise<ClusterAnswers[Type]>;

function clientAsking(ask: Ask, destroy: () => void): ClusterClient {
	return {
		getClusters: (bounds, zoom) => ask({ type: 'getClusters', bounds, zoom }),
		getLeaves: (clusterId) => ask({ type: 'getLeaves', clusterId }),
		getClusterExpansionZoom: (clusterId) => ask({ type: 'getClusterExpansionZoom', clusterId }),
		destroy
	};
}

/**
 * The name of the user-timing measure each main-thread clustering step leaves behind, so
 * `npm run bench:map` can tell the time spent clustering from the rest of a long task.
 */
export const CLUSTER_MEASURE = 'map:cluster';

/** Clusters on the main thread. */
function createMainThreadClusterClient(
	items: readonly DrawnItem[],
	counts: readonly PlaceCount[] = []
): ClusterClient {
	const answer = createClusterAnswerer();
	const timed = (request: ClusterRequest) => {
		const start = performance.now();
		const answered = answer(request);
		performance.measure(`${CLUSTER_MEASURE}:${request.type}`, { start });
		return answered;
	};
	timed({ type: 'load', items: toPlainItems(items), counts: [...counts] });
	const ask: Ask = async (request) => timed(request) as never;
	return clientAsking(ask, () => {});
}

/** Clusters in a web worker; the worker is loaded only when it is needed. */
async function createWorkerClusterClient(
	items: readonly DrawnItem[],
	counts: readonly PlaceCount[] = []
): Promise<ClusterClient> {
	const { default: ClusterWorker } = await import('./cluster.worker?worker');
	const worker = new ClusterWorker();
	const waiting = new Map<
		number,
		{ resolve: (answer: never) => void; reject: (e: Error) => void }
	>();
	let nextRequestId = 0;

	worker.addEventListener('message', (event: MessageEvent<NumberedAnswer>) => {
		const reply = event.data;
		const pending = waiting.get(reply.requestId);
		if (!pending) return;
		waiting.delete(reply.requestId);
		if ('error' in reply) pending.reject(new Error(reply.error));
		else pending.resolve(reply.answer as never);
	});

	const ask: Ask = (request) =>
		new Promise((resolve, reject) => {
			const requestId = nextRequestId++;
			waiting.set(requestId, { resolve, reject });
			worker.postMessage({ ...request, requestId });
		});

	await ask({ type: 'load', items: toPlainItems(items), counts: [...counts] });
	return clientAsking(ask, () => {
		worker.terminate();
		for (const { reject } of waiting.values()) reject(new Error('The cluster worker stopped'));
		waiting.clear();
	});
}

/** Picks the main thread or a worker by how much there is to cluster. */
export function createClusterClient(
	items: readonly DrawnItem[],
	counts: readonly PlaceCount[] = []
): Promise<ClusterClient> {
	const workerAvailable = typeof Worker !== 'undefined';
	return workerAvailable && items.length + counts.length >= WORKER_THRESHOLD
		? createWorkerClusterClient(items, counts)
		: Promise.resolve(createMainThreadClusterClient(items, counts));
}

/** Only what clustering needs crosses to the worker: not the rest of each item. */
function toPlainItems(items: readonly DrawnItem[]): DrawnItem[] {
	return items.map(({ kind, id, name, lat, lng, detail }) => ({
		kind,
		id,
		name,
		lat,
		lng,
		detail
	}));
}
