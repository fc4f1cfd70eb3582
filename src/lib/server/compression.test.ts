import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressResponse } from './compression';

const page = '<!doctype html><title>Map</title>' + '<li>Ada Lovelace, near Ghent</li>'.repeat(200);

function request(acceptEncoding: string | null = 'gzip, deflate, br', method = 'GET') {
	const headers = new Headers();
	if (acceptEncoding !== null) headers.set('accept-encoding', acceptEncoding);
	return new Request('http://localhost/map', { method, headers });
}

function html(body: string | null = page, headers: Record<string, string> = {}, status = 200) {
	return new Response(body, {
		status,
		headers: { 'content-type': 'text/html; charset=utf-8', ...headers }
	});
}

/** Whether the response to a request goes out gzipped, rather than as it is. */
function gzips(request: Request, response: Response = html()): boolean {
	return compressResponse(request, response) !== response;
}

/** Whether a page goes out gzipped to a client whose `Accept-Encoding` says this. */
function acceptsGzip(acceptEncoding: string | null): boolean {
	return gzips(request(acceptEncoding));
}

describe('which encodings the client accepts', () => {
	it('takes gzip when it is named, or allowed by *, with a quality above zero', () => {
		expect(acceptsGzip('gzip')).toBe(true);
		expect(acceptsGzip('br, GZIP;q=0.5')).toBe(true);
		expect(acceptsGzip('x-gzip')).toBe(true);
		expect(acceptsGzip('*')).toBe(true);
		expect(acceptsGzip('br, *;q=0.1')).toBe(true);
	});

	it('refuses it when it is missing, ruled out, or ruled out by *', () => {
		expect(acceptsGzip(null)).toBe(false);
		expect(acceptsGzip('')).toBe(false);
		expect(acceptsGzip('identity')).toBe(false);
		expect(acceptsGzip('br, deflate')).toBe(false);
		expect(acceptsGzip('gzip;q=0')).toBe(false);
		expect(acceptsGzip('*;q=0')).toBe(false);
		expect(acceptsGzip('gzip;q=0, *')).toBe(false);
		expect(acceptsGzip('gzip;q=nonsense')).toBe(false);
	});
});

describe('what is worth compressing', () => {
	it('compresses pages, JSON and other text', () => {
		expect(gzips(request(), html())).toBe(true);
		expect(gzips(request(), html(page, { 'content-type': 'application/json' }))).toBe(true);
		expect(gzips(request(), html(page, { 'content-type': 'application/geo+json' }))).toBe(true);
		expect(gzips(request(), html(page, { 'content-type': 'text/plain' }))).toBe(true);
	});

	it('leaves alone what the client cannot take or asked for without a body', () => {
		expect(gzips(request(null), html())).toBe(false);
		expect(gzips(request('br'), html())).toBe(false);
		expect(gzips(request('gzip', 'HEAD'), html())).toBe(false);
	});

	it('leaves alone what is compressed, tiny, binary, streamed, bodiless or not to be transformed', () => {
		const cases = [
			html(page, { 'content-encoding': 'br' }),
			html(page, { 'content-length': '512' }),
			html(page, { 'content-type': 'image/png' }),
			html(page, { 'content-type': 'application/octet-stream' }),
			html(page, { 'content-type': 'application/jsonp' }),
			html(page, { 'content-type': 'text/event-stream' }),
			html(page, { 'cache-control': 'private, no-transform' }),
			html(null, {}, 204),
			html(null, {}, 304),
			html(null)
		];
		for (const response of cases) expect(gzips(request(), response)).toBe(false);
	});
});

describe('compressResponse', () => {
	it('gzips the body, keeping status and headers, and tells caches it varies', async () => {
		const original = html(page, {
			'content-length': String(page.length),
			'set-cookie': 'sb=1; Path=/',
			etag: '"abc"',
			vary: 'Cookie'
		});
		const response = compressResponse(request(), original);

		expect(response.status).toBe(200);
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(response.headers.get('set-cookie')).toBe('sb=1; Path=/');
		expect(response.headers.get('vary')).toBe('Cookie, Accept-Encoding');
		expect(response.headers.get('etag')).toBe('W/"abc"');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBeLessThan(page.length / 10);
		expect(gunzipSync(bytes).toString('utf8')).toBe(page);
	});

	it('keeps an error status, and a weak validator as it is', async () => {
		const response = compressResponse(request(), html(page, { etag: 'W/"x"' }, 404));
		expect(response.status).toBe(404);
		expect(response.headers.get('etag')).toBe('W/"x"');
		expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8')).toBe(page);
	});

	it('returns the very response when it should not compress', () => {
		const original = html();
		expect(compressResponse(request('identity'), original)).toBe(original);
	});
});
