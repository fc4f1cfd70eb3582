import { describe, expect, it } from 'vitest';
import {
	isPrivateResponse,
	sessionCookieAttributes,
	withSecurityHeaders
} from './security-headers';

const site = 'https://map.example.org';

function privacyOf(path: string, { cookie, response }: { cookie?: string; response?: Response }) {
	const url = new URL(path, site);
	const request = new Request(url, { headers: cookie ? { cookie } : {} });
	return isPrivateResponse(request, url, response ?? new Response('page'));
}

describe('isPrivateResponse', () => {
	it('is private for a request with a session, chunked or not', () => {
		expect(privacyOf('/map', { cookie: 'sb-abcd-auth-token=base64-x' })).toBe(true);
		expect(privacyOf('/map', { cookie: 'theme=dark; sb-127-auth-token.0=base64-x' })).toBe(true);
	});

	it('is private when it sets a cookie, and for a page keyed by its address', () => {
		const setsCookie = new Response('', { headers: { 'set-cookie': 'a=b' } });
		expect(privacyOf('/auth/callback', { response: setsCookie })).toBe(true);
		expect(privacyOf('/email-settings/0f6e', {})).toBe(true);
		expect(privacyOf(`/join/${'ab'.repeat(32)}`, {})).toBe(true);
	});

	it('is not private for an anonymous visitor', () => {
		expect(privacyOf('/map', {})).toBe(false);
		expect(privacyOf('/map', { cookie: 'theme=dark; sb-abcd-auth-token-code-verifier=x' })).toBe(
			false
		);
	});
});

describe('withSecurityHeaders', () => {
	it('forbids sniffing and framing and keeps paths out of referrers, on every response', () => {
		const response = withSecurityHeaders(new Response('{}'), { isPrivate: false });
		expect(Object.fromEntries(response.headers)).toMatchObject({
			'x-content-type-options': 'nosniff',
			'x-frame-options': 'DENY',
			'referrer-policy': 'strict-origin-when-cross-origin'
		});
		expect(response.headers.get('cache-control')).toBeNull();
	});

	it('keeps a private response out of every cache, whatever it said', () => {
		for (const said of [undefined, 'max-age=60', 'private, max-age=60', 'no-store']) {
			const response = new Response('', { headers: said ? { 'cache-control': said } : {} });
			expect(
				withSecurityHeaders(response, { isPrivate: true }).headers.get('cache-control'),
				said
			).toBe('private, no-store');
		}
	});

	it('leaves a response that says it is public, the same for everyone, as it is', () => {
		const response = new Response('', { headers: { 'cache-control': 'public, max-age=900' } });
		expect(withSecurityHeaders(response, { isPrivate: true }).headers.get('cache-control')).toBe(
			'public, max-age=900'
		);
	});

	it('copies a response whose headers cannot change', async () => {
		const fetched = Response.redirect(`${site}/map`, 303);
		const response = withSecurityHeaders(fetched, { isPrivate: true });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`${site}/map`);
		expect(response.headers.get('cache-control')).toBe('private, no-store');
	});
});

describe('sessionCookieAttributes', () => {
	it('makes the session cookies HttpOnly everywhere and Secure over https', () => {
		expect(sessionCookieAttributes(new URL(site))).toEqual({
			path: '/',
			httpOnly: true,
			secure: true,
			sameSite: 'lax'
		});
		expect(sessionCookieAttributes(new URL('http://localhost:5173/me'))).toMatchObject({
			httpOnly: true,
			secure: false
		});
	});
});
