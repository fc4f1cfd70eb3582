import { inject } from 'vitest';
import { startBuiltApp, type BuiltApp } from '../../scripts/built-app.ts';
import { freePort } from '../../scripts/local-stack/processes.ts';
import { appSession, expiredSessionCookie, type AppSession } from '../support/app-session';

/**
 * The built app's headers, as production serves them (adapter-node), fetched without a browser:
 * the content security policy, framing, sniffing and referrer rules, the session cookie's
 * attributes, and that nothing private is kept by a cache. `map.test.ts` shows the map still
 * draws under the policy.
 */

const appUrl = inject('appUrl');
// Seeded (supabase/seed.sql): Noor hosts the monthly network call.
const HOST_EMAIL = 'noor@example.org';
const NETWORK_CALL = '00000000-0000-4000-a000-000000000018';

function get(path: string, { cookie, base = appUrl }: { cookie?: string; base?: string } = {}) {
	return fetch(`${base}${path}`, {
		redirect: 'manual',
		headers: cookie ? { cookie } : {}
	});
}

/** A CSP header as directive → sources. */
function directives(header: string | null): Map<string, string[]> {
	const parsed = new Map<string, string[]>();
	for (const part of (header ?? '').split(';')) {
		const [name, ...sources] = part.trim().split(/\s+/);
		if (name) parsed.set(name, sources);
	}
	return parsed;
}

describe.skipIf(!inject('browserTests'))('the built app’s security headers', () => {
	let host: AppSession;
	beforeAll(async () => {
		host = await appSession(HOST_EMAIL);
	});

	it('sends a content security policy with a fresh nonce for each page', async () => {
		const [first, second] = await Promise.all([get('/map'), get('/map')]);
		expect(first.status).toBe(200);
		const policy = directives(first.headers.get('content-security-policy'));
		expect(policy.get('default-src')).toEqual(["'self'"]);
		expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
		expect(policy.get('object-src')).toEqual(["'none'"]);
		expect(policy.get('base-uri')).toEqual(["'self'"]);
		expect(policy.get('form-action')).toEqual(["'self'"]);
		expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
		expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
		const scripts = policy.get('script-src') ?? [];
		expect(scripts).not.toContain("'unsafe-inline'");
		expect(scripts).not.toContain("'unsafe-eval'");
		const nonce = scripts.find((source) => source.startsWith("'nonce-"));
		expect(nonce).toBeDefined();
		// The page's own inline script carries it; another request gets another.
		expect(await first.text()).toContain(`nonce="${nonce?.slice(7, -1)}"`);
		expect(second.headers.get('content-security-policy')).not.toContain(nonce);
	});

	it('forbids framing and sniffing and keeps paths out of other sites’ referrers', async () => {
		for (const path of ['/map', '/places?q=Utrecht', '/basemap/style.json', '/nowhere']) {
			const response = await get(path);
			expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(response.headers.get('x-frame-options'), path).toBe('DENY');
			expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
		}
	});

	it('keeps every page and answer for a signed-in person out of every cache', async () => {
		const privatePaths = [
			'/me',
			'/me/export',
			'/inbox',
			'/settings/email',
			'/settings/calendar',
			'/map',
			'/directory',
			`/p/${host.userId}`,
			`/gatherings/${NETWORK_CALL}`,
			`/gatherings/${NETWORK_CALL}/rsvps`,
			`/gatherings/${NETWORK_CALL}/attendees.csv`,
			`/gatherings/${NETWORK_CALL}/calendar.ics`,
			'/map/view?west=-180&south=-85&east=180&north=85&zoom=1',
			'/places?q=Utrecht',
			// Redirects too: where one leads can depend on who asks.
			'/welcome'
		];
		for (const path of privatePaths) {
			const response = await get(path, { cookie: host.cookie });
			expect(response.status, path).toBeLessThan(400);
			expect(response.headers.get('cache-control'), path).toBe('private, no-store');
		}
	});

	it('keeps what is the same for everyone cacheable, signed in or not', async () => {
		for (const path of ['/basemap/style.json', '/gatherings/feed.ics']) {
			const response = await get(path, { cookie: host.cookie });
			expect(response.status, path).toBe(200);
			expect(response.headers.get('cache-control'), path).toMatch(/^public, max-age=\d+$/);
		}
	});

	it('keeps a page whose address is its key out of every cache', async () => {
		for (const path of [
			'/email-settings/00000000-0000-4000-8000-00000000dead',
			`/join/${'0'.repeat(64)}`
		]) {
			const response = await get(path);
			expect(response.status, path).toBe(404);
			expect(response.headers.get('cache-control'), path).toBe('private, no-store');
		}
	});

	it('sets the session cookies HttpOnly, SameSite=Lax, for the whole site', async () => {
		// A session of its own: refreshing it uses up its refresh token.
		const session = await appSession(HOST_EMAIL);
		const response = await get('/map', { cookie: expiredSessionCookie(session) });
		expect(response.status).toBe(200);
		const cookies = response.headers.getSetCookie();
		expect(cookies.length).toBeGreaterThan(0);
		for (const cookie of cookies) {
			expect(cookie).toMatch(/^sb-[\w-]+-auth-token(\.\d+)?=/);
			expect(cookie).toMatch(/; HttpOnly/i);
			expect(cookie).toMatch(/; SameSite=Lax/i);
			expect(cookie).toMatch(/; Path=\//);
			// Plain http here, so not Secure: a browser would drop a Secure cookie over http.
			expect(cookie).not.toMatch(/; Secure/i);
		}
		expect(response.headers.get('cache-control')).toBe('private, no-store');
	});

	describe('served at an https address', () => {
		let httpsApp: BuiltApp;
		beforeAll(async () => {
			// TLS ends in front of the app, as behind a proxy: ORIGIN says the address is https.
			const port = await freePort();
			httpsApp = await startBuiltApp({
				port,
				stack: inject('stack'),
				origin: `https://127.0.0.1:${port}`
			});
		});
		afterAll(async () => {
			await httpsApp?.stop();
		});

		it('sets the session cookies Secure as well', async () => {
			const session = await appSession(HOST_EMAIL);
			const response = await get('/map', {
				cookie: expiredSessionCookie(session),
				base: httpsApp.appUrl
			});
			expect(response.status).toBe(200);
			const cookies = response.headers.getSetCookie();
			expect(cookies.length).toBeGreaterThan(0);
			for (const cookie of cookies) {
				expect(cookie).toMatch(/; HttpOnly/i);
				expect(cookie).toMatch(/; Secure/i);
			}
		});
	});
});
