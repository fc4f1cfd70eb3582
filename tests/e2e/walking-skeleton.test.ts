import { inject } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowserPage } from '../support/browser';
import { anonymousClient } from '../support/supabase';

const appUrl = inject('appUrl');

describe.skipIf(!inject('browserTests'))('the walking skeleton in a browser', () => {
	const { browser, currentPage } = useBrowserPage();

	describe('for an anonymous visitor', () => {
		it('draws everyone and everything they may see on a map canvas', async () => {
			const page = currentPage();
			// Everything an anonymous visitor may see, of every kind, as the database says.
			const { data: visible } = await anonymousClient().rpc('map_items', {
				min_lat: -90,
				min_lng: -180,
				max_lat: 90,
				max_lng: 180
			});
			const { total: count, items } = visible as { total: number; items: { kind: string }[] };
			expect(new Set(items.map(({ kind }) => kind))).toEqual(
				new Set(['practitioner', 'crew', 'congregation', 'gathering'])
			);

			await page.goto(`${appUrl}/map`);
			const map = page.getByTestId('network-map');
			await map.and(page.locator('[data-state="ready"]')).waitFor();
			expect(await map.getAttribute('data-point-count')).toBe(String(count));
			await expect.poll(() => page.locator('canvas.maplibregl-canvas').count()).toBe(1);
			const canvas = await page.locator('canvas.maplibregl-canvas').boundingBox();
			expect(canvas!.width).toBeGreaterThan(200);
			expect(canvas!.height).toBeGreaterThan(200);
			await expectNoSeriousA11yViolations(page);
		});

		it('lists public practitioners in the directory and no one who shares less', async () => {
			const page = currentPage();
			await page.goto(`${appUrl}/directory`);
			const main = page.getByRole('main');
			await expect.poll(() => main.getByText('Ada Fernhill').count()).toBeGreaterThan(0);
			// Chidi shares with members only; Ivo with nobody.
			expect(await main.getByText('Chidi Marsh').count()).toBe(0);
			expect(await main.getByText('Ivo Calder').count()).toBe(0);
			await expectNoSeriousA11yViolations(page);
		});
	});

	describe('signing in', () => {
		it('works through the link in the local mailbox, and shows members-only practitioners', async () => {
			const page = currentPage();
			const { apiUrl, mailboxUrl } = inject('stack');
			await page.goto(`${appUrl}/login`);
			await expectNoSeriousA11yViolations(page);
			await page.getByLabel('Email address').fill('farah@example.org');
			await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
			await page.getByRole('heading', { name: /check your email/i }).waitFor();
			await expectNoSeriousA11yViolations(page);

			const mailbox = await browser().newPage();
			await mailbox.goto(`${mailboxUrl}?to=farah@example.org`);
			const link = mailbox.locator(`a[href^="${apiUrl}/auth/v1/verify"]`).first();
			const href = await link.getAttribute('href');
			expect(href).toContain('redirect_to=');
			await mailbox.close();

			await page.goto(href!);
			await page.getByText('Signed in as').waitFor();
			// The header names her as people know her, not by her email address.
			const header = page.getByRole('banner');
			expect(await header.getByText('Farah Quill').count()).toBe(1);
			expect(await header.getByText('farah@example.org').count()).toBe(0);
			await expectNoSeriousA11yViolations(page);

			await page.goto(`${appUrl}/directory`);
			await expect.poll(() => page.getByRole('main').getByText('Chidi Marsh').count()).toBe(1);
			expect(await page.getByRole('main').getByText('Ivo Calder').count()).toBe(0);
			await expectNoSeriousA11yViolations(page);
		});

		it('works by typing the code from the email, without JavaScript, refusing a wrong one', async () => {
			const { mailboxUrl } = inject('stack');
			// Both forms are plain forms: this browser runs none of the app's JavaScript.
			const context = await browser().newContext({ javaScriptEnabled: false });
			const page = await context.newPage();
			await page.goto(`${appUrl}/login?next=/directory`);
			await page.getByLabel('Email address').fill('hana@example.org');
			await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
			await page.getByRole('heading', { name: /check your email/i }).waitFor();

			const mailbox = await browser().newPage();
			await mailbox.goto(`${mailboxUrl}?to=hana@example.org`);
			// Newest first.
			const email = await mailbox.locator('pre').first().innerText();
			await mailbox.close();
			const code = email.match(/Or enter this code: (\d{6})/)?.[1];
			if (!code) throw new Error(`No code in: ${email}`);

			// One digit off: refused beside the field, with the address kept for the next try.
			const wrong = `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;
			const field = page.getByRole('textbox', { name: 'Code from the email' });
			await field.fill(wrong);
			await page.getByRole('button', { name: 'Sign in with the code' }).click();
			await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
			expect(
				await page.getByText('That code is wrong, used or expired.', { exact: false }).count()
			).toBe(1);
			expect(await field.inputValue()).toBe(wrong);
			expect(await page.getByRole('main').getByText('hana@example.org').count()).toBe(1);

			await field.fill(code);
			await page.getByRole('button', { name: 'Sign in with the code' }).click();
			await page.waitForURL(`${appUrl}/directory`);
			expect(await page.getByRole('banner').getByText('Signed in as Hana Sokol').count()).toBe(1);
			// Members see people who share with members only.
			expect(await page.getByRole('main').getByText('Chidi Marsh').count()).toBe(1);
			await context.close();
		});
	});
});
