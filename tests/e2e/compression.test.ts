import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { inject } from 'vitest';

const appUrl = inject('appUrl');

interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

/** A GET that hands back the bytes as sent (fetch would decompress them out of sight). */
function get(path: string, headers: Record<string, string>): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		request(`${appUrl}${path}`, { headers }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () =>
				resolve({
					status: response.statusCode ?? 0,
					headers: response.headers,
					body: Buffer.concat(chunks)
				})
			);
			response.on('error', reject);
		})
			.on('error', reject)
			.end();
	});
}

// The built app as production runs it (adapter-node), so no browser is needed; it is started
// with the browser tests.
describe.skipIf(!inject('browserTests'))('the built app’s responses', () => {
	it('sends /map gzipped to a browser that takes gzip, with the same page inside', async () => {
		const plain = await get('/map', {});
		const gzipped = await get('/map', { 'accept-encoding': 'gzip, deflate, br' });

		expect(plain.status).toBe(200);
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(gzipped.status).toBe(200);
		expect(gzipped.headers['content-encoding']).toBe('gzip');
		expect(gzipped.headers.vary).toMatch(/Accept-Encoding/i);
		expect(gzipped.body.length).toBeLessThan(plain.body.length / 3);
		const page = gunzipSync(gzipped.body).toString('utf8');
		expect(page).toMatch(/<h1[^>]*>/);
		// Both carry the map's data for the same view (the bodies differ only in per-request ids).
		expect(page.length).toBeGreaterThan(plain.body.length * 0.9);
		expect(page.length).toBeLessThan(plain.body.length * 1.1);
	});

	it('gzips the JSON the map asks for as it moves', async () => {
		const view = '/map/view?west=-180&south=-85&east=180&north=85&zoom=1';
		const gzipped = await get(view, { 'accept-encoding': 'gzip' });
		expect(gzipped.status).toBe(200);
		expect(gzipped.headers['content-encoding']).toBe('gzip');
		const data = JSON.parse(gunzipSync(gzipped.body).toString('utf8')) as { total: number };
		expect(data.total).toBeGreaterThan(0);
	});

	it('leaves small answers as they are', async () => {
		const tiny = await get('/places?q=x', { 'accept-encoding': 'gzip' });
		expect(tiny.status).toBe(400);
		expect(tiny.headers['content-encoding']).toBeUndefined();
		expect(JSON.parse(tiny.body.toString('utf8'))).toHaveProperty('message');
	});
});
