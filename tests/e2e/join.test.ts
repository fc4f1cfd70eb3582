import { inject } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowserPage } from '../support/browser';
import { importAddress, invite, listName, stage, stagedRow } from '../support/imports';
import { mailboxMessagesTo } from '../support/mail';
import { closeDatabase, database, groundTruth } from '../support/privacy';

const appUrl = inject('appUrl');

/**
 * Someone a movement imported answers their invitation in a browser: sees what would be published,
 * chooses who sees it and how precisely, signs in with the invited address and is on the map; or
 * declines, and nothing of them is kept. People here live in Riga, Latvia.
 */
const riga = { lat: 56.9496, lng: 24.1052 };

afterAll(closeDatabase);

describe.skipIf(!inject('browserTests'))('an import invitation', () => {
	const { currentPage } = useBrowserPage();

	it('shows what would be published, and puts the person on the map once they sign in', async () => {
		const page = currentPage();
		const source = listName('Riga circle');
		const email = importAddress('riga');
		await stage(source, [{ name: 'Rita From Riga', email, ...riga, visibility: 'members' }]);
		const token = await invite(source, email);

		await page.goto(`${appUrl}/join/${token}`);
		const invitation = page.locator('section[data-state="open"]');
		await invitation.getByRole('heading', { name: `${source} invites you onto the map` }).waitFor();
		expect(await invitation.innerText()).toContain('Rita From Riga');
		expect(await invitation.innerText()).toMatch(/r…@example\.test/);
		await expectNoSeriousA11yViolations(page);

		await page.getByRole('radio', { name: /^Everyone/ }).check();
		await page.getByRole('radio', { name: /^Town/ }).check();
		await page.getByRole('button', { name: 'Sign in to confirm' }).click();

		// Signing in with the invited address brings the person back to the invitation.
		await page.waitForURL(/\/login\?next=/);
		await page.getByLabel('Email address').fill(email);
		await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
		await page.getByRole('heading', { name: /check your email/i }).waitFor();
		const link = (await mailboxMessagesTo(email))
			.map((message) => message.text.match(/http\S+\/auth\/v1\/verify\S+/))
			.find(Boolean);
		expect(link).toBeTruthy();
		await page.goto(link![0]);
		await page.waitForURL(new RegExp(`/join/${token}$`));
		// The choices made before signing in were kept.
		expect(await page.getByRole('radio', { name: /^Everyone/ }).isChecked()).toBe(true);
		expect(await page.getByRole('radio', { name: /^Town/ }).isChecked()).toBe(true);
		await page.getByRole('button', { name: 'Put me on the map' }).click();

		await page.waitForURL(/\/join\/answered\?answer=published$/);
		const done = page.locator('section[data-state="published"]');
		await done.getByRole('heading', { name: 'You are on the map' }).waitFor();
		const { profile_id } = (await stagedRow(source, email)) as { profile_id: string };
		expect(await groundTruth(profile_id)).toMatchObject({
			display_name: 'Rita From Riga',
			visibility: 'public',
			precision: 'town',
			exact_lat: riga.lat,
			exact_lng: riga.lng
		});
		await expectNoSeriousA11yViolations(page);
	});

	it('declines in one press, and nothing about the person is kept', async () => {
		const page = currentPage();
		const source = listName('Riga decline');
		const email = importAddress('riga-no');
		await stage(source, [{ name: 'Nils', email, ...riga }]);
		const token = await invite(source, email);

		await page.goto(`${appUrl}/join/${token}`);
		await page.getByRole('link', { name: 'No, thank you' }).click();
		await page.getByRole('heading', { name: `Decline the invitation from ${source}?` }).waitFor();
		await page.getByRole('button', { name: 'Yes, delete it' }).click();
		await page.locator('section[data-state="declined"]').waitFor();
		await expectNoSeriousA11yViolations(page);
		expect(await stagedRow(source, email)).toBeNull();

		// The link opens nothing now, and says so.
		await page.goto(`${appUrl}/join/${token}`);
		await page.getByRole('heading', { name: 'This link opens no invitation' }).waitFor();
	});

	it('is declined by a mail program’s one-click unsubscribe, posted from anywhere', async () => {
		const source = listName('Riga one-click');
		const email = importAddress('riga-oneclick');
		await stage(source, [{ name: 'Olga', email, ...riga }]);
		const token = await invite(source, email);
		// RFC 8058: the mail program's own servers post this to the List-Unsubscribe address.
		const response = await fetch(`${appUrl}/join/${token}/decline`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: 'https://mail.example'
			},
			body: 'List-Unsubscribe=One-Click',
			redirect: 'manual'
		});
		// SvelteKit answers a post that does not ask for HTML with its action's result as JSON.
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			type: 'redirect',
			location: '/join/answered?answer=declined'
		});
		expect(await stagedRow(source, email)).toBeNull();
	});

	it('says when it has run out, and offers nothing to confirm', async () => {
		const page = currentPage();
		const source = listName('Riga late');
		const email = importAddress('riga-late');
		await stage(source, [{ name: 'Lauris', email, ...riga }]);
		const token = await invite(source, email);
		await database().query(
			`update private.imported_people set invited_at = now() - interval '31 days' where source = $1`,
			[source]
		);
		await page.goto(`${appUrl}/join/${token}`);
		const expired = page.locator('section[data-state="expired"]');
		await expired.getByRole('heading', { name: 'This invitation has run out' }).waitFor();
		expect(await expired.innerText()).not.toContain('Lauris');
		expect(
			await page
				.getByRole('button')
				.filter({ hasText: /confirm|map/i })
				.count()
		).toBe(0);
	});
});
