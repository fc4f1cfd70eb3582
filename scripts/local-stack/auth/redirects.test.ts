import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config.ts';
import { chooseRedirect, isAllowedRedirect } from './redirects.ts';

function configWith(additionalRedirectUrls: string[]) {
	return resolveConfig({
		pool: null as never,
		jwtSecret: 'secret',
		apiUrl: 'http://127.0.0.1:54321',
		siteUrl: 'http://localhost:5173',
		additionalRedirectUrls,
		mailbox: null as never,
		log: () => {}
	});
}

describe('where a sign-in link may lead', () => {
	const config = configWith(['http://127.0.0.1:5173/**', 'https://app.example.org/auth/callback']);

	it('anywhere on the site URL’s own origin', () => {
		expect(isAllowedRedirect(config, 'http://localhost:5173/auth/callback?next=%2Fme')).toBe(true);
		expect(isAllowedRedirect(config, 'http://localhost:5173')).toBe(true);
	});

	it('nowhere else on the site URL’s host: not another port, not another scheme', () => {
		expect(isAllowedRedirect(config, 'http://localhost:5174/auth/callback')).toBe(false);
		expect(isAllowedRedirect(config, 'https://localhost:5173/auth/callback')).toBe(false);
		expect(isAllowedRedirect(config, 'http://localhost/auth/callback')).toBe(false);
	});

	it('to a listed URL, matched as a glob on its path, on exactly its origin', () => {
		expect(isAllowedRedirect(config, 'http://127.0.0.1:5173/auth/callback?next=%2F')).toBe(true);
		expect(isAllowedRedirect(config, 'https://app.example.org/auth/callback')).toBe(true);
		expect(isAllowedRedirect(config, 'https://app.example.org/auth/callback/x')).toBe(false);
		expect(isAllowedRedirect(config, 'http://127.0.0.1:5174/auth/callback')).toBe(false);
		expect(isAllowedRedirect(config, 'https://127.0.0.1:5173/auth/callback')).toBe(false);
		expect(isAllowedRedirect(config, 'http://127.0.0.1:5173.evil.example/')).toBe(false);
		expect(isAllowedRedirect(config, 'http://127.0.0.1:5173@evil.example/')).toBe(false);
	});

	it('never to another scheme, whatever the list says', () => {
		const loose = configWith(['javascript:**', 'http://localhost:5173/**']);
		expect(isAllowedRedirect(loose, 'javascript:alert(1)//localhost:5173/')).toBe(false);
	});

	it('falls back to the site URL when nothing offered is allowed', () => {
		expect(chooseRedirect(config, 'http://localhost:9999/', null)).toBe('http://localhost:5173/');
		expect(chooseRedirect(config, 'http://evil.example/', 'http://127.0.0.1:5173/x')).toBe(
			'http://127.0.0.1:5173/x'
		);
	});
});
