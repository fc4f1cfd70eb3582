import { inject } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowserPage } from '../support/browser';

const appUrl = inject('appUrl');

// Seeded ids (supabase/seed.sql).
const NAIROBI_EVENING_CREW = '00000000-0000-4000-a000-000000000005';
const MELBOURNE_GARDEN_CREW = '00000000-0000-4000-a000-000000000006';

describe.skipIf(!inject('browserTests'))('crew, congregation and gathering pages', () => {
	const { currentPage } = useBrowserPage();

	it('are reached from the map’s card, and link to one another', async () => {
		const page = currentPage();
		await page.goto(`${appUrl}/map`);
		const search = page.getByRole('combobox', { name: 'Search places and people' });
		await search.fill('Ghent Parents');
		await page.getByRole('option', { name: /Ghent Parents Crew/ }).click();
		await page.getByRole('link', { name: 'See Ghent Parents Crew’s page' }).click();

		await page.getByRole('heading', { level: 1, name: 'Ghent Parents Crew' }).waitFor();
		expect(new URL(page.url()).pathname).toBe('/groups/00000000-0000-4000-a000-000000000002');
		const crewPage = await page.getByRole('main').innerText();
		expect(crewPage).toContain('3 open seats of 6');
		expect(crewPage).toContain('every other Tuesday');
		await expectNoSeriousA11yViolations(page);

		await page.getByRole('link', { name: 'Scheldt Valley Congregation' }).click();
		await page.getByRole('heading', { level: 1, name: 'Scheldt Valley Congregation' }).waitFor();
		const crews = page.getByRole('region', { name: 'Crews' });
		// The seed's congregation holds two crews.
		expect(await crews.getByRole('link').allInnerTexts()).toEqual([
			'Ghent Cyclists Crew',
			'Ghent Parents Crew'
		]);
		await expectNoSeriousA11yViolations(page);
	});

	it('take a gathering back to the map with its card open', async () => {
		const page = currentPage();
		await page.goto(`${appUrl}/map?within=365`);
		const list = page.getByRole('region', { name: /^In view/ });
		await list.getByRole('link', { name: 'Yarra Valley Summer Camp' }).click();

		await page.getByRole('heading', { level: 1, name: 'Yarra Valley Summer Camp' }).waitFor();
		expect(await page.getByRole('main').innerText()).toMatch(/\d{1,2}[– ].* \d{4}/);
		await expectNoSeriousA11yViolations(page);

		await page.getByRole('link', { name: 'See Yarra Valley Summer Camp on the map' }).click();
		await page.waitForURL(/\/map\?/);
		await page.getByTestId('network-map').and(page.locator('[data-state="ready"]')).waitFor();
		const card = page.getByRole('article', { name: 'Yarra Valley Summer Camp' });
		await expect.poll(() => card.getByRole('definition').first().textContent()).toMatch(/\d{4}/);
		expect(new URL(page.url()).searchParams.get('sel')).toBe(
			'00000000-0000-4000-a000-000000000011'
		);
	});

	it('say nothing of a members-only crew to an anonymous visitor', async () => {
		const page = currentPage();
		const response = await page.goto(`${appUrl}/groups/${NAIROBI_EVENING_CREW}`);
		expect(response?.status()).toBe(404);
		expect(await page.getByRole('main').innerText()).toContain(
			'There is no crew or congregation here, or it is shared only with members.'
		);
		expect(await page.getByRole('main').innerText()).not.toContain('Nairobi');
		await expectNoSeriousA11yViolations(page);
	});

	it('show a closed crew as closed, with no way to a map that leaves it out', async () => {
		const page = currentPage();
		await page.goto(`${appUrl}/groups/${MELBOURNE_GARDEN_CREW}`);
		await page.getByRole('heading', { level: 1, name: 'Melbourne Garden Crew' }).waitFor();
		expect(await page.getByRole('main').innerText()).toContain('Closed');
		expect(await page.getByRole('link', { name: /on the map$/ }).count()).toBe(0);
		await expectNoSeriousA11yViolations(page);
	});
});
