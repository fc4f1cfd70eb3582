import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowser } from '../support/browser';
import { mailboxMessagesTo } from '../support/mail';

const appUrl = inject('appUrl');

/** The sign-in link the local auth server mailed to an address. */
async function signInLink(email: string) {
	const { apiUrl } = inject('stack');
	const [message] = await mailboxMessagesTo(email);
	const link = message.text.match(new RegExp(`${apiUrl}/auth/v1/verify\\S+`));
	if (!link) throw new Error(`No sign-in link in: ${message.text}`);
	return link[0];
}

describe.skipIf(!inject('browserTests'))('adding yourself to the map', () => {
	const browser = useBrowser();

	it('signs a new person in, places them, and shows strangers only their area', async () => {
		const email = `newcomer-${randomUUID().slice(0, 8)}@example.test`;
		const name = `Robin ${randomUUID().slice(0, 4)}`;
		const member = await browser().newContext();
		const page = await member.newPage();

		await page.goto(`${appUrl}/login`);
		await expectNoSeriousA11yViolations(page);
		await page.getByLabel('Email address').fill(email);
		await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
		await page.getByRole('heading', { name: /check your email/i }).waitFor();
		await page.goto(await signInLink(email));
		await page.waitForURL(/\/welcome/);
		// "Use my location" is drawn once the page's JavaScript runs: from then on the place
		// search works in place rather than through a form submit.
		await page.getByRole('button', { name: 'Use my location' }).waitFor();
		await expectNoSeriousA11yViolations(page);
		// A new account has no name until its owner gives one: not even their email's first part.
		expect(await page.getByLabel('Your name').inputValue()).toBe('');
		expect(await page.getByRole('banner').getByText(email.split('@')[0]).count()).toBe(0);

		// Joining without a name is refused, beside the field, and keeps what was typed.
		const bio = 'Looking for a crew of neighbours.';
		await page.getByLabel('One line about yourself').fill(bio);
		await page.getByRole('button', { name: 'Save and join the network' }).click();
		await page.getByRole('alert').getByText('Enter your name, or the name you go by.').waitFor();
		expect(page.url()).toMatch(/\/welcome/);
		const nameField = page.getByRole('textbox', { name: 'Your name' });
		expect(await nameField.getAttribute('aria-invalid')).toBe('true');
		expect(await nameField.getAttribute('aria-describedby')).toContain('display-name-error');
		expect(await page.getByLabel('One line about yourself').inputValue()).toBe(bio);
		await page.getByRole('button', { name: 'Use my location' }).waitFor();

		await page.getByLabel('Your name').fill(name);
		await page.getByLabel('Search for your town or city').fill('Utrecht');
		await page.getByRole('button', { name: 'Search places' }).click();
		// Polled so that a failure says what the search said instead (no places, an error).
		await expect
			.poll(() => page.locator('.place-search [role="status"]').innerText(), { timeout: 15_000 })
			.toMatch(/places? found/);
		await page
			.getByRole('list', { name: 'Places found' })
			.getByRole('button', { name: /^Utrecht, Netherlands/ })
			.click();
		await page.getByRole('radio', { name: 'Town' }).check();
		await page.getByRole('radio', { name: 'Everyone' }).check();
		await page.getByRole('button', { name: 'Save and join the network' }).click();

		await page.waitForURL(/\/p\/[0-9a-f-]+/);
		const profileUrl = page.url().split('?')[0];
		await page.getByRole('heading', { name }).waitFor();
		expect(await page.getByRole('banner').getByText(`Signed in as ${name}`).count()).toBe(1);
		const memberView = await page.getByRole('main').innerText();
		expect(memberView).toMatch(/near [^,]+, NL/);
		await expectNoSeriousA11yViolations(page);

		const stranger = await (await browser().newContext()).newPage();
		await stranger.goto(profileUrl);
		await stranger.getByRole('heading', { name }).waitFor();
		const strangerView = await stranger.getByRole('main').innerText();
		// Four seeded public people share this area cell, so strangers see the area, no finer.
		expect(strangerView).toMatch(/ area, NL/);
		expect(strangerView).not.toMatch(/near [^,]+, NL/);
		await expectNoSeriousA11yViolations(stranger);

		await stranger.goto(`${appUrl}/directory`);
		await expect.poll(() => stranger.getByRole('main').getByText(name).count()).toBe(1);
		await stranger.context().close();
		await member.close();
	});
});
