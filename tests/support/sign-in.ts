import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { inject } from 'vitest';
import { mailboxMessagesTo } from './mail';

/**
 * Asks for a sign-in email on the app's login page, as anyone can for their own address, and gives
 * the link the local auth server mailed.
 */
export async function requestSignInLink(page: Page, email: string): Promise<string> {
	const { apiUrl } = inject('stack');
	await page.goto(`${inject('appUrl')}/login`);
	await page.getByLabel('Email address').fill(email);
	await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
	await page.getByRole('heading', { name: /check your email/i }).waitFor();
	// The newest sign-in email: notification emails may land in the same mailbox.
	const link = (await mailboxMessagesTo(email))
		.map((message) => message.text.match(new RegExp(`${apiUrl}/auth/v1/verify\\S+`)))
		.find(Boolean);
	if (!link) throw new Error(`No sign-in link mailed to ${email}`);
	return link[0];
}

/** Signs the page in as a seeded member through the link the local auth server mailed. */
export async function signIn(page: Page, email: string) {
	await page.goto(await requestSignInLink(page, email));
	await page.getByText('Signed in as').waitFor();
}

/**
 * Pages signed in as members, each in a browser context of its own (with `options`, a phone's
 * viewport say), for a journey of several people; all closed after the calling `describe`'s tests.
 * Call it in the `describe` body, with `useBrowser()`'s getter.
 */
export function useSignedInPages(browser: () => Browser) {
	const pages: Page[] = [];
	afterAll(async () => {
		await Promise.all(pages.splice(0).map((page) => page.context().close()));
	});
	return async function signedIn(
		someone: { email: string },
		options: BrowserContextOptions = {}
	): Promise<Page> {
		const page = await (await browser().newContext(options)).newPage();
		pages.push(page);
		await signIn(page, someone.email);
		return page;
	};
}
