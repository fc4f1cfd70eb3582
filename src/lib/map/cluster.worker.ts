/**
 * Clusters off the main thread: builds the index and answers the map's questions about it, so
 * indexing tens of thousands of items never blocks panning. Imported with Vite's `?worker`.
 */
import {
	createClusterAnswerer,
	type NumberedAnswer,
	type NumberedRequest
} from './cluster-requests';

const answer = createClusterAnswerer();

self.addEventListener('message', (event: MessageEvent<NumberedRequest>) => {
	const { requestId, ...request } = event.data;
	let reply: NumberedAnswer;
	try {
		reply = { requestId, answer: answer(request) };
	} catch (error) {
		reply = { requestId, error: error instanceof Error ? error.message : String(error) };
	}
	self.postMessage(reply);
});
