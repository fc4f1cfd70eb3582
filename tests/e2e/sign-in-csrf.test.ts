import { randomUUID } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import { inject } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowser } from '../support/browser';
import { requestSignInLink } from '../support/sign-in';

/**
 * Login CSRF, tried as the attacker would: ask for a sign-in link for your own address, take the
 * secret out of it, and get someone else's browser to open the app's callback with it. If that
 * signed them in, they would be in the attacker's account without knowing; what they then put on
 * the map (where they live) the attacker reads from their own account. A link must sign in only
 * the browser that asked for it.
 */

const appUrl = inject('appUrl');

/** The attacker's own sign-in link, asked for through the app's form as anyone can. */
async function attackersLink(context: BrowserContext): Promise<URL> {
	const email = `attacker-${randomUUID().slice(0, 8)}@example.org`;
	return new URL(await requestSignInLink(await context.newPage(), email));
}

/** Whether the browser holds a Supabase session cookie (`sb-<ref>-auth-token`, maybe chunked). */
async function hasSession(context: BrowserContext): Promise<boolean> {
	return (await context.cookies(appUrl)).some((cookie) => /-auth-token(\.\d+)?$/.test(cookie.name));
}

describe.skipIf(!inject('browserTests'))('a sign-in link opened in someone else’s browser', () => {
	const browser = useBrowser();

	it('does not sign them in with the secret of the attacker’s link as a token_hash', async () => {
		const attacker = await browser().newContext();
		const victim = await browser().newContext();
		try {
			const link = await attackersLink(attacker);
			const token = link.searchParams.get('token');
			expect(token).toBeTruthy();

			const page = await victim.newPage();
			const forged = new URL('/auth/callback', appUrl);
			forged.searchParams.set('token_hash', token!);
			// "signup" for a new account, "magiclink" for one that has signed in before.
			forged.searchParams.set('type', link.searchParams.get('type')!);
			// goto resolves once the page it was redirected to has loaded.
			await page.goto(forged.href);
			expect(new URL(page.url()).pathname).toBe('/login');
			await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
			expect(await page.getByRole('alert').innerText()).toMatch(/sign-in link/i);
			expect(await page.getByText('Signed in as').count()).toBe(0);
			expect(await hasSession(victim)).toBe(false);
			await expectNoSeriousA11yViolations(page);
		} finally {
			await attacker.close();
			await victim.close();
		}
	});

	it('does not sign them in with the code the attacker’s link leads to', async () => {
		const attacker = await browser().newContext();
		const victim = await browser().newContext();
		try {
			// The auth server turns the link into a one-time ?code= for the app's callback; only the
			// browser that asked holds the verifier that code is exchanged with.
			const followed = await fetch(await attackersLink(attacker), { redirect: 'manual' });
			const callback = new URL(followed.headers.get('location') ?? '');
			expect(callback.searchParams.get('code')).toBeTruthy();

			const page = await victim.newPage();
			await page.goto(callback.href);
			expect(new URL(page.url()).pathname).toBe('/login');
			await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
			expect(await page.getByText('Signed in as').count()).toBe(0);
			expect(await hasSession(victim)).toBe(false);
		} finally {
			await attacker.close();
			await victim.close();
		}
	});
});
