import { inject } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowserPage } from '../support/browser';
import { signIn } from '../support/sign-in';

const appUrl = inject('appUrl');

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
