import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowserPage } from '../support/browser';
import { signIn } from '../support/sign-in';

/**
 * The directory pages by keyset (issue 13): "Next page" follows the cursor the page gave, "First
 * page" goes back, and every link keeps the filters and the order. Old numbered links start again
 * at the first page; a changed or foreign cursor is a 400 that says so, with a way back.
 */

const appUrl = inject('appUrl');

/** Seeded people who speak English and share with members: more than a page of 20 (seed.sql). */
const ENGLISH = 'language=English';

/** The names listed on the page, in order. */
function listedNames(page: Page): Promise<string[]> {
	return page.getByRole('main').getByRole('listitem').getByRole('link').allInnerTexts();
}

function get(path: string) {
	return fetch(`${appUrl}${path}`, { redirect: 'manual', headers: { accept: 'text/html' } });
}

describe.skipIf(!inject('browserTests'))('paging through the directory', () => {
	// A phone's screen: the links wrap onto lines of their own and still work.
	const { currentPage } = useBrowserPage({ viewport: { width: 390, height: 844 } });

	it('walks to the second page by the Next link and back to the first, keeping the filters', async () => {
		const page = currentPage();
		await signIn(page, 'hana@example.org');
		await page.goto(`${appUrl}/directory?${ENGLISH}&sort=name`);
		const pages = page.getByRole('navigation', { name: 'Directory pages' });
		const position = pages.locator('[aria-current="page"]');
		await position.waitFor();
		expect(await position.innerText()).toMatch(/^Page 1 of ([2-9]|\d\d+)$/);
		const pageCount = (await position.innerText()).replace(/^Page 1 of /, '');
		expect(await pages.getByRole('link', { name: 'First page' }).count()).toBe(0);
		const firstNames = await listedNames(page);
		expect(firstNames).toHaveLength(20);
		await expectNoSeriousA11yViolations(page);

		// By keyboard, as the rest of the site.
		const next = pages.getByRole('link', { name: 'Next page' });
		expect(await next.getAttribute('rel')).toBe('next');
		await next.focus();
		await page.keyboard.press('Enter');
		await page.waitForURL(/[?&]after=[\w-]+&page=2$/);
		await pages.getByText(`Page 2 of ${pageCount}`).waitFor();
		const url = new URL(page.url());
		expect(url.searchParams.get('language')).toBe('English');
		expect(url.searchParams.get('sort')).toBe('name');
		const secondNames = await listedNames(page);
		expect(secondNames.length).toBeGreaterThan(0);
		expect(secondNames.filter((name) => firstNames.includes(name))).toEqual([]);
		// The filters are still chosen in the form.
		expect(await page.getByRole('textbox', { name: 'Speaks', exact: true }).inputValue()).toBe(
			'English'
		);
		expect(await page.getByRole('main').getByRole('status').innerText()).toMatch(
			/practitioners matching your choices, in name order\.$/
		);
		expect(await page.title()).toMatch(/^Directory, page 2 · /);
		await expectNoSeriousA11yViolations(page);

		await pages.getByRole('link', { name: 'First page' }).click();
		await page.waitForURL(`${appUrl}/directory?${ENGLISH}&sort=name`);
		await pages.getByText(`Page 1 of ${pageCount}`).waitFor();
		expect(await listedNames(page)).toEqual(firstNames);
	});
});

describe.skipIf(!inject('browserTests'))('links to a page of the directory', () => {
	it('starts an old numbered link again at the first page, keeping the filters', async () => {
		const response = await get(`/directory?${ENGLISH}&page=3&sort=recent`);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/directory?${ENGLISH}&sort=recent`);
	});

	it.each([
		['not a cursor at all', 'page-two!'],
		['changed by hand', Buffer.from('{"s": "name", "n": "Ada"}').toString('base64url')],
		['too long to be one', 'A'.repeat(2000)]
	])('answers a cursor %s with a 400 that offers the first page', async (_, after) => {
		const response = await get(`/directory?${ENGLISH}&after=${after}&page=2`);
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain(
			'This page link has expired or was changed: start again from the first page.'
		);
		expect(html).toContain(`href="/directory?${ENGLISH.replace('&', '&amp;')}"`);
	});

	it('answers a cursor made for another order with the same 400', async () => {
		// A cursor as the directory gives it for the order by name, after Ada Fernhill.
		const byName = Buffer.from(
			JSON.stringify({
				d: null,
				i: '00000000-0000-4000-8000-000000000001',
				n: 'Ada Fernhill',
				p: true,
				s: 'name',
				t: null
			})
		).toString('base64url');
		expect((await get(`/directory?sort=name&after=${byName}&page=2`)).status).toBe(200);

		const response = await get(`/directory?sort=recent&after=${byName}&page=2`);
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('This page link has expired or was changed');
	});
});
