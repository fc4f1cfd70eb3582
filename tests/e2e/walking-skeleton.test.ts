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
	});
});
