import { describe, expect, it } from 'vitest';
import { isForbiddenCrossSitePost } from './csrf';

const site = 'https://map.example.org';

function post(path: string, headers: Record<string, string>, method = 'POST') {
	const url = new URL(path, site);
	return isForbiddenCrossSitePost(new Request(url, { method, headers }), url);
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('isForbiddenCrossSitePost', () => {
	it('lets the site post its own forms', () => {
		expect(post('/me?/delete', { ...form, origin: site })).toBe(false);
	});

	it('refuses a form post from another site, or from nowhere, as SvelteKit does', () => {
		expect(post('/me?/delete', { ...form, origin: 'https://evil.example' })).toBe(true);
		expect(post('/me?/delete', form)).toBe(true);
		expect(post('/inbox?/readAll', { 'content-type': 'multipart/form-data; boundary=x' })).toBe(
			true
		);
		expect(post('/inbox?/readAll', { 'content-type': 'text/plain' }, 'DELETE')).toBe(true);
	});

	it('leaves alone what a form cannot send: other methods and content types', () => {
		expect(post('/me', { origin: 'https://evil.example' }, 'GET')).toBe(false);
		expect(post('/map/view', { 'content-type': 'application/json' })).toBe(false);
	});

	it('takes a mail program’s one-click post to an email settings link from anywhere', () => {
		const token = '5f0c2a53-7c1e-4d0e-9a53-2f1e3c4b5a69';
		expect(post(`/email-settings/${token}?kind=radar_alert`, form)).toBe(false);
		expect(post(`/email-settings/${token}/`, { ...form, origin: 'https://mail.example' })).toBe(
			false
		);
	});

	it('does not stretch that to other pages under it, or to the signed-in settings', () => {
		expect(post('/email-settings/x/y', form)).toBe(true);
		expect(post('/settings/email', form)).toBe(true);
	});

	it('takes a one-click decline of an import invitation from anywhere, and nothing else there', () => {
		const token = 'ab'.repeat(32);
		expect(post(`/join/${token}/decline`, { ...form, origin: 'https://mail.example' })).toBe(false);
		// Confirming needs the person's own session, so it stays a same-site post.
		expect(post(`/join/${token}?/confirm`, form)).toBe(true);
		expect(post(`/join/${token}`, form)).toBe(true);
		expect(post(`/join/${token}/decline/more`, form)).toBe(true);
	});
});
