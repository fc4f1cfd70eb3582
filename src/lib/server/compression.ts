/**
 * Gzip for the pages and JSON the app renders. adapter-node serves the built static files
 * precompressed but sends what SvelteKit renders as it is, and `/map` carries the map's data
 * in its HTML: a thousand people in view make it about 370 KB, and about 60 KB gzipped.
 */

/** Text worth compressing; images, fonts and archives are compressed already. */
const COMPRESSIBLE_TYPE =
	/^(text\/[a-z-]+|application\/(json|javascript|xml|x-ndjson|[a-z.-]+\+(json|xml)))\s*(;|$)/i;

/**
 * Answers that are read as they arrive. Gzip holds bytes back until it has enough to compress,
 * so these would arrive late. (A load returning unawaited promises streams its page the same
 * way; none of the app's loads do, and one that starts to should be left out here too.)
 */
const STREAMED_TYPE = /^text\/event-stream\s*(;|$)/i;

/** Bodies known to be smaller than this are sent as they are: gzip would barely help. */
const MIN_BYTES = 1024;

/**
 * Whether an `Accept-Encoding` header allows gzip: named (or `*`) with a quality above zero.
 * Only the last mention counts when a client repeats itself.
 */
function acceptsGzip(acceptEncoding: string | null): boolean {
	if (!acceptEncoding) return false;
	let quality: number | undefined;
	let wildcard: number | undefined;
	for (const part of acceptEncoding.split(',')) {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
		const value = q ? Number(q.slice(2)) : 1;
		if (coding === 'gzip' || coding === 'x-gzip') quality = value;
		else if (coding === '*') wildcard = value;
	}
	const chosen = quality ?? wildcard ?? 0;
	return Number.isFinite(chosen) && chosen > 0;
}

/** Whether this response to this request should go out gzipped. */
function shouldCompress(request: Request, response: Response): boolean {
	if (request.method === 'HEAD' || !response.body) return false;
	if (response.status === 204 || response.status === 206 || response.status === 304) return false;
	if (response.headers.has('content-encoding')) return false;
	if (/\bno-transform\b/i.test(response.headers.get('cache-control') ?? '')) return false;
	const type = response.headers.get('content-type') ?? '';
	if (!COMPRESSIBLE_TYPE.test(type) || STREAMED_TYPE.test(type)) return false;
	const length = response.headers.get('content-length');
	if (length !== null && Number(length) < MIN_BYTES) return false;
	return acceptsGzip(request.headers.get('accept-encoding'));
}

/**
 * The response gzipped as it streams, when the request allows it and it is worth it;
 * otherwise the response itself. Caches are told the body depends on `Accept-Encoding`.
 */
export function compressResponse(request: Request, response: Response): Response {
	if (!shouldCompress(request, response) || !response.body) return response;
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	headers.append('vary', 'Accept-Encoding');
	// The bytes differ from the identity body's, so a strong validator would be wrong.
	const etag = headers.get('etag');
	if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
