import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowserPage } from '../support/browser';

const appUrl = inject('appUrl');

interface MailboxMessage {
	text: string;
}

/** Signs the page in as a seeded member through the link the local auth server mailed. */
async function signIn(page: Page, email: string) {
	const { mailboxUrl, apiUrl } = inject('stack');
	await page.goto(`${appUrl}/login`);
	await page.getByLabel('Email address').fill(email);
	await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
	await page.getByRole('heading', { name: /check your email/i }).waitFor();
	const response = await fetch(`${mailboxUrl}/api/messages?to=${encodeURIComponent(email)}`);
	// Newest first.
	const [latest] = (await response.json()) as MailboxMessage[];
	const link = latest?.text.match(new RegExp(`${apiUrl}/auth/v1/verify\\S+`));
	if (!link) throw new Error(`No sign-in link mailed to ${email}`);
	await page.goto(link[0]);
	await page.getByText('Signed in as').waitFor();
}

// The other browser tests check the pages they pass through; these are the ones they do not.
describe.skipIf(!inject('browserTests'))('pages no other browser test visits', () => {
	const { currentPage } = useBrowserPage();

	it('has no serious accessibility problems on the home page', async () => {
		const page = currentPage();
		await page.goto(appUrl);
		await page.getByRole('heading', { level: 1 }).waitFor();
		await expectNoSeriousA11yViolations(page);
	});

	it('has none on the login page explaining an expired link', async () => {
		const page = currentPage();
		await page.goto(`${appUrl}/login?error=link_expired`);
		await page.getByText(/has expired or was already used/).waitFor();
		await expectNoSeriousA11yViolations(page);
	});

	it('has none on the login form showing what is wrong with an address', async () => {
		const page = currentPage();
		await page.goto(`${appUrl}/login`);
		const email = page.getByLabel('Email address');
		// Skip the browser's own check so the server's answer is what is shown.
		await email.evaluate((input) => input.closest('form')?.setAttribute('novalidate', ''));
		await email.fill('not an address');
		await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
		await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
		await expectNoSeriousA11yViolations(page);
	});

	it('has none on the login page refusing the code from the email', async () => {
		const page = currentPage();
		await page.goto(`${appUrl}/login`);
		await page.getByLabel('Email address').fill('ivo@example.org');
		await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
		const code = page.getByLabel('Code from the email');
		await code.fill('12345');
		await page.getByRole('button', { name: 'Sign in with the code' }).click();
		await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
		await expectNoSeriousA11yViolations(page);
	});

	it('has none on a member’s own settings page', async () => {
		const page = currentPage();
		await signIn(page, 'ada@example.org');
		const response = await page.goto(`${appUrl}/me`);
		expect(response?.status()).toBe(200);
		await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
		await expectNoSeriousA11yViolations(page);
	});
});
