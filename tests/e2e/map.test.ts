import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { narrowView } from '../../src/lib/map/factories';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowserPage } from '../support/browser';
import { signIn } from '../support/sign-in';

const appUrl = inject('appUrl');

/** Opens the map at `query` and waits until it has drawn its points. */
async function openMap(page: Page, query = '') {
	await page.goto(`${appUrl}/map${query}`);
	await waitForReadyMap(page);
}

async function waitForReadyMap(page: Page) {
	await page.getByTestId('network-map').and(page.locator('[data-state="ready"]')).waitFor();
}

/**
 * Waits until the map has stopped, with the clusters for where it looks drawn and on screen, and
 * no new data for the view on its way: from then on a click lands on what the map shows. A move
 * takes the mark away as it starts, so this waits for the end of a move started before it.
 */
async function waitForDrawnView(page: Page) {
	await page.getByTestId('network-map').and(page.locator('[data-drawn-view]')).waitFor();
}

/** Clicks the middle of the map, where a shown item or a restored view puts its point. */
async function clickMapCentre(page: Page) {
	const canvas = (await page.locator('canvas.maplibregl-canvas').boundingBox())!;
	await page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
}

/** The names the "In view" list links to. */
function namesInView(page: Page) {
	return page
		.getByRole('region', { name: /^In view/ })
		.getByRole('listitem')
		.getByRole('link')
		.allTextContents();
}

function searchParam(page: Page, name: string) {
	return new URL(page.url()).searchParams.get(name);
}

/** The selected item's card in the side panel. */
function card(page: Page, name: string) {
	return page.getByRole('article', { name });
}

function pointCount(page: Page) {
	return page.getByTestId('network-map').getAttribute('data-point-count');
}

/**
 * What the content security policy refuses on the page from now on, as the browser reports it
 * (a `securitypolicyviolation` event, or its console message for what the page cannot catch).
 */
async function collectRefusals(page: Page): Promise<string[]> {
	const refused: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
	});
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			console.error(`Refused to load ${event.blockedURI} (${event.violatedDirective})`);
		});
	});
	return refused;
}

describe.skipIf(!inject('browserTests'))('the network map for an anonymous visitor', () => {
	const { currentPage } = useBrowserPage();

	describe('under the content security policy', () => {
		it('draws the basemap and the points, in MapLibre’s worker, with nothing refused', async () => {
			const page = currentPage();
			const refused = await collectRefusals(page);
			const response = await page.goto(`${appUrl}/map?lat=52.1&lng=5.19&z=6`);
			expect(response?.headers()['content-security-policy']).toMatch(/worker-src 'self' blob:/);
			await waitForReadyMap(page);
			await waitForDrawnView(page);
			expect(Number(await pointCount(page))).toBeGreaterThan(0);
			await page.getByRole('button', { name: 'Zoom in' }).click();
			await waitForDrawnView(page);
			expect(refused).toEqual([]);
		});
	});

	describe('when a practitioner is shown from the list', () => {
		it('opens their card linking to their profile and puts them in the URL', async () => {
			const page = currentPage();
			await openMap(page);
			await expectNoSeriousA11yViolations(page);
			await page.getByRole('button', { name: 'Show Ada Fernhill on the map' }).click();

			const link = card(page, 'Ada Fernhill').getByRole('link', {
				name: 'See Ada Fernhill’s page'
			});
			await link.waitFor();
			// Focus moves into the card, so a screen reader hears whose it is.
			expect(
				await page.evaluate(() => document.activeElement?.closest('article')?.textContent)
			).toContain('Ada Fernhill');
			expect(await link.getAttribute('href')).toMatch(
				/^\/p\/00000000-0000-4000-8000-000000000001$/
			);
			await expect
				.poll(() => searchParam(page, 'sel'))
				.toBe('00000000-0000-4000-8000-000000000001');
		});
	});

	describe('when the page is reloaded with its URL', () => {
		it('shows the same view and selection', async () => {
			const page = currentPage();
			await openMap(page);
			await page.getByRole('button', { name: 'Show Ada Fernhill on the map' }).click();
			// The eased move has ended, and written where it ended into the URL.
			await waitForDrawnView(page);
			const before = new URL(page.url()).searchParams;

			await page.reload();
			await waitForReadyMap(page);
			await card(page, 'Ada Fernhill').waitFor();
			const after = new URL(page.url()).searchParams;
			expect(after.get('sel')).toBe(before.get('sel'));
			expect(Number(after.get('lat'))).toBeCloseTo(Number(before.get('lat')), 3);
			expect(Number(after.get('lng'))).toBeCloseTo(Number(before.get('lng')), 3);
			expect(Number(after.get('z'))).toBeCloseTo(Number(before.get('z')), 1);
			// The URL is only rewritten when the map moves: zoom in to read where the map really is.
			await page.getByRole('button', { name: 'Zoom in' }).click();
			await expect
				.poll(() => Number(searchParam(page, 'z')))
				.toBeGreaterThan(Number(after.get('z')));
			expect(Number(searchParam(page, 'lat'))).toBeCloseTo(Number(before.get('lat')), 3);
			expect(Number(searchParam(page, 'lng'))).toBeCloseTo(Number(before.get('lng')), 3);
			expect(searchParam(page, 'sel')).toBe(before.get('sel'));
		});

		it('opens a shared link at the view it gives', async () => {
			const page = currentPage();
			await openMap(page, '?lat=52.1&lng=5.19&z=9');
			// The URL only changes when the map moves, so move it: zooming in keeps the centre.
			await page.getByRole('button', { name: 'Zoom in' }).click();
			await expect.poll(() => searchParam(page, 'z')).toBe('10');
			expect(Number(searchParam(page, 'lat'))).toBeCloseTo(52.1, 3);
			expect(Number(searchParam(page, 'lng'))).toBeCloseTo(5.19, 3);
		});
	});

	describe('when going back', () => {
		it('undoes a selection', async () => {
			const page = currentPage();
			await openMap(page);
			await page.getByRole('button', { name: 'Show Ada Fernhill on the map' }).click();
			await card(page, 'Ada Fernhill').waitFor();
			await expect.poll(() => searchParam(page, 'sel')).not.toBeNull();

			await page.goBack();
			await expect.poll(() => searchParam(page, 'sel')).toBeNull();
			await expect.poll(() => card(page, 'Ada Fernhill').count()).toBe(0);
		});

		it('redoes it going forward, and keeps it', async () => {
			const page = currentPage();
			await openMap(page);
			await page.getByRole('button', { name: 'Show Ada Fernhill on the map' }).click();
			await card(page, 'Ada Fernhill').waitFor();
			await expect.poll(() => searchParam(page, 'sel')).not.toBeNull();
			const selected = searchParam(page, 'sel');

			await page.goBack();
			await expect.poll(() => card(page, 'Ada Fernhill').count()).toBe(0);
			await page.goForward();
			await card(page, 'Ada Fernhill').waitFor();
			expect(searchParam(page, 'sel')).toBe(selected);
			// Nothing the map does once it settles may take the selection out of the URL again.
			await waitForDrawnView(page);
			expect(searchParam(page, 'sel')).toBe(selected);
			expect(await card(page, 'Ada Fernhill').count()).toBe(1);
		});
	});

	describe('when a point on the map is clicked', () => {
		it('opens the card of the one it stands for', async () => {
			const page = currentPage();
			await openMap(page);
			// The Lyon crew is alone for hundreds of kilometres: showing it centres the map on its
			// point, on its own.
			await page.getByRole('button', { name: 'Show Lyon Facilitators Crew on the map' }).click();
			await card(page, 'Lyon Facilitators Crew')
				.getByRole('button', { name: 'Back to the list' })
				.click();
			await expect.poll(() => card(page, 'Lyon Facilitators Crew').count()).toBe(0);
			// Let the eased move end before clicking where it now is.
			await waitForDrawnView(page);

			await clickMapCentre(page);

			const crew = card(page, 'Lyon Facilitators Crew');
			await crew.waitFor();
			expect(await crew.textContent()).toContain('Full');
			await expect
				.poll(() => searchParam(page, 'sel'))
				.toBe('00000000-0000-4000-a000-000000000004');
		});
	});

	describe('crews and gatherings', () => {
		it('gives a crew’s card its open seats', async () => {
			const page = currentPage();
			await openMap(page);
			const search = page.getByRole('combobox', { name: 'Search places and people' });
			await search.fill('Ghent Parents');
			await page.getByRole('option', { name: /Ghent Parents Crew/ }).click();

			const crew = card(page, 'Ghent Parents Crew');
			await crew.waitFor();
			await expect
				.poll(() => crew.getByRole('definition').first().textContent())
				.toBe('3 open seats of 6');
			await expectNoSeriousA11yViolations(page);
		});

		it('lists upcoming gatherings with their dates, within the days the filter asks', async () => {
			const page = currentPage();
			const list = page.getByRole('region', { name: /^In view/ });
			const camp = list.getByRole('listitem').filter({ hasText: 'Yarra Valley Summer Camp' });

			await openMap(page, '?within=90');
			await camp.waitFor();
			expect(await camp.textContent()).toMatch(
				/Gathering, \d{1,2}(–| [A-Z][a-z]+ – )\d{1,2} [A-Z][a-z]+ \d{4}/
			);

			await openMap(page, '?within=30');
			await expect.poll(() => list.getByRole('listitem').count()).toBeGreaterThan(0);
			expect(await camp.count()).toBe(0);
			// Crews are not gatherings: the filter leaves them on the map.
			expect(
				await list.getByRole('listitem').filter({ hasText: 'Bristol Makers Crew' }).count()
			).toBe(1);
		});
	});

	describe('when a card is closed', () => {
		it('goes back to the list with focus on the entry it came from', async () => {
			const page = currentPage();
			await openMap(page);
			await page.getByRole('button', { name: 'Show Ada Fernhill on the map' }).click();
			await card(page, 'Ada Fernhill').getByRole('button', { name: 'Back to the list' }).click();

			await expect.poll(() => card(page, 'Ada Fernhill').count()).toBe(0);
			expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
				'Show Ada Fernhill on the map'
			);
			expect(searchParam(page, 'sel')).toBeNull();
		});
	});

	describe('when the filters are used', () => {
		it('shows only who matches, keeping the view, and says how many are active', async () => {
			const page = currentPage();
			await openMap(page, '?lat=52.1&lng=5.19&z=7');
			const everyone = Number(await pointCount(page));
			await page.getByText('Filters', { exact: true }).click();
			await page
				.getByRole('group', { name: 'Pathway stage' })
				.getByRole('checkbox', { name: /^Hosting/ })
				.check();
			await page.getByRole('button', { name: 'Show on the map' }).click();

			await expect.poll(() => searchParam(page, 'stage')).toBe('hosting');
			await waitForReadyMap(page);
			await expect.poll(async () => Number(await pointCount(page))).toBeLessThan(everyone);
			expect(Number(searchParam(page, 'z'))).toBe(7);
			expect(await page.getByText('Filters (1 active)').count()).toBe(1);
			await expectNoSeriousA11yViolations(page);
		});
	});

	describe('when the filters have too many people to read in the view', () => {
		it('says so over the map and in the list, and asks again once zoomed in', async () => {
			const page = currentPage();
			await openMap(page, '?lat=52.1&lng=5.19&z=7&stage=hosting');
			// A network of millions, where the database answers "narrow" for this wide a view.
			const narrow = (url: URL) => url.pathname === '/map/view';
			await page.route(narrow, (route) => route.fulfill({ json: narrowView() }));
			const asked = page.waitForResponse((response) => narrow(new URL(response.url())));
			for (const zoom of [6, 5]) {
				await page.getByRole('button', { name: 'Zoom out' }).click();
				await expect.poll(() => Number(searchParam(page, 'z'))).toBeCloseTo(zoom, 2);
			}
			await asked;

			const notice = 'Too many people here to filter at this zoom: zoom in or clear a filter.';
			const map = page.getByTestId('network-map');
			await map.getByRole('status').getByText(notice).waitFor();
			await waitForDrawnView(page);
			expect(await pointCount(page)).toBe('0');
			const list = page.getByRole('region', { name: 'In view' });
			expect(await list.getByText(notice).count()).toBe(1);
			expect(await list.getByText(/found nothing|Nobody on the map/).count()).toBe(0);
			expect(await list.getByRole('link', { name: 'Clear the filters' }).count()).toBe(1);
			await expectNoSeriousA11yViolations(page);

			// Zoomed in, fewer may be few enough: the map asks the database again.
			await page.unroute(narrow);
			await page.getByRole('button', { name: 'Zoom in' }).click();
			await expect.poll(() => Number(searchParam(page, 'z'))).toBeCloseTo(6, 2);
			await map.getByRole('status').waitFor({ state: 'detached' });
			await waitForDrawnView(page);
			expect(Number(await pointCount(page))).toBeGreaterThan(0);
		});
	});

	describe('when a search finds nothing', () => {
		it('says the search found nothing, not to move the map, and clears it from a link', async () => {
			const page = currentPage();
			await openMap(page);
			const search = page.getByRole('combobox', { name: 'Search places and people' });
			await search.fill('Zzyzx');
			await search.press('Enter');

			await expect.poll(() => searchParam(page, 'q')).toBe('Zzyzx');
			const list = page.getByRole('region', { name: /^In view/ });
			await list.getByText('The search for “Zzyzx” found nothing in this view.').waitFor();
			expect(await list.getByText(/Zoom out or move the map/).count()).toBe(0);

			await list.getByRole('link', { name: 'Clear the search' }).click();
			await list.getByRole('link', { name: 'Ada Fernhill' }).waitFor();
			expect(searchParam(page, 'q')).toBeNull();
		});
	});

	describe('when a place is searched for', () => {
		it('flies there', async () => {
			const page = currentPage();
			await openMap(page);
			const search = page.getByRole('combobox', { name: 'Search places and people' });
			await search.fill('Lisbon');
			await page
				.getByRole('option', { name: /^Lisbon/ })
				.first()
				.waitFor();
			await expectNoSeriousA11yViolations(page);
			await search.press('ArrowDown');
			await search.press('Enter');

			await expect
				.poll(() => Number(searchParam(page, 'lat')), { timeout: 15_000 })
				.toBeCloseTo(38.7, 0);
			expect(Number(searchParam(page, 'lng'))).toBeCloseTo(-9.1, 0);
		});
	});

	describe('when a person is searched for', () => {
		it('opens their card', async () => {
			const page = currentPage();
			await openMap(page);
			const search = page.getByRole('combobox', { name: 'Search places and people' });
			await search.fill('Ada Fern');
			await page.getByRole('option', { name: /Ada Fernhill/ }).click();

			await card(page, 'Ada Fernhill').waitFor();
			await expect.poll(() => searchParam(page, 'sel')).not.toBeNull();
		});
	});

	describe('when a cluster that comes apart is clicked', () => {
		it('zooms in to where it does', async () => {
			const page = currentPage();
			await openMap(page, '?lat=52.1&lng=5.19&z=9');
			// Centred on Utrecht, then zoomed out around it until Utrecht and London are one cluster.
			await page.getByRole('button', { name: 'Show Ada Fernhill on the map' }).click();
			await expect.poll(() => searchParam(page, 'sel')).not.toBeNull();
			await page.keyboard.press('Escape');
			await waitForDrawnView(page);
			for (let step = 0; step < 7; step++) {
				const zoom = Number(searchParam(page, 'z'));
				await page.getByRole('button', { name: 'Zoom out' }).click();
				// Each step out starts where the one before ended.
				await expect.poll(() => Number(searchParam(page, 'z'))).toBeCloseTo(zoom - 1, 2);
			}
			expect(Number(searchParam(page, 'z'))).toBeLessThanOrEqual(2.01);
			const zoomBefore = Number(searchParam(page, 'z'));
			await waitForDrawnView(page);

			await clickMapCentre(page);

			await expect.poll(() => Number(searchParam(page, 'z'))).toBeGreaterThan(zoomBefore);
			expect(await page.getByRole('dialog').count()).toBe(0);
		});
	});

	describe('when a cluster of people sharing one place is clicked', () => {
		const fourAtUtrecht = ['Ada Fernhill', 'Bram Oakes', 'Noor de Vries', 'Wren Holloway'];

		/** Opens the map on Utrecht with Ada's cluster, four people at one place, in the middle. */
		async function openUtrechtCluster(page: Page) {
			await openMap(page, '?lat=52.1&lng=5.19&z=9');
			// Showing someone centres the map on them, so their cluster is under the map's middle.
			await page.getByRole('button', { name: 'Show Ada Fernhill on the map' }).click();
			await waitForDrawnView(page);
			await clickMapCentre(page);
			const dialog = page.getByRole('dialog', { name: '4 at this place' });
			await dialog.waitFor();
			return dialog;
		}

		it('lists them in an "at this place" dialog', async () => {
			const page = currentPage();
			const dialog = await openUtrechtCluster(page);

			expect(await dialog.locator('.member-name').allTextContents()).toEqual(fourAtUtrecht);
			// Focus moves to the list's heading.
			expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
				'4 at this place'
			);
			await expectNoSeriousA11yViolations(page);
		});

		it('keeps the list open while the map loads the data for a wider view', async () => {
			const page = currentPage();
			const dialog = await openUtrechtCluster(page);

			// Two steps out, the view is wider than what was loaded with the page: the map asks for it.
			const viewLoaded = page.waitForResponse((response) =>
				response.url().startsWith(`${appUrl}/map/view?`)
			);
			for (const zoom of [8, 7]) {
				await page.getByRole('button', { name: 'Zoom out' }).click();
				await expect.poll(() => Number(searchParam(page, 'z'))).toBeCloseTo(zoom, 2);
			}
			expect((await viewLoaded).ok()).toBe(true);
			await waitForDrawnView(page);

			expect(await dialog.locator('.member-name').allTextContents()).toEqual(fourAtUtrecht);
		});
	});

	describe('when a shared link to a view is opened', () => {
		it('lists only what is in that view, before the map is moved', async () => {
			const page = currentPage();
			// Bristol: the page loads a wide margin around it, reaching the Netherlands and Belgium.
			await openMap(page, '?lat=51.4552&lng=-2.5967&z=7');
			await waitForDrawnView(page);

			const list = page.getByRole('region', { name: /^In view/ });
			const entries = (await list.getByRole('listitem').allTextContents()).join('\n');
			expect(entries).toContain('Bristol Makers Crew');
			for (const abroad of [
				'Ada Fernhill',
				'Noor de Vries',
				'Ghent Parents Crew',
				'Scheldt Valley Congregation'
			]) {
				expect(entries).not.toContain(abroad);
			}
		});
	});

	describe('when the Practitioners layer is turned off', () => {
		it('takes them off the map and the list, and writes the layers to the URL', async () => {
			const page = currentPage();
			await openMap(page);
			const everything = Number(await pointCount(page));
			const list = page.getByRole('region', { name: /^In view/ });
			expect(await list.getByRole('link', { name: 'Ada Fernhill' }).count()).toBe(1);

			await page.getByRole('checkbox', { name: /Practitioners/ }).uncheck();

			// Crews, congregations and gatherings stay; nobody is listed as a person.
			await expect.poll(async () => Number(await pointCount(page))).toBeLessThan(everything);
			expect(Number(await pointCount(page))).toBeGreaterThan(0);
			expect(await list.getByRole('link', { name: 'Ada Fernhill' }).count()).toBe(0);
			expect(
				await list.getByRole('listitem').filter({ hasText: 'Bristol Makers Crew' }).count()
			).toBe(1);
			const layers = searchParam(page, 'layers');
			expect(layers).not.toBeNull();
			expect(layers!.split(',')).not.toContain('practitioner');
		});
	});

	describe('the list beside the map', () => {
		it('is reached from the skip link, and Tab visits every practitioner in order', async () => {
			const page = currentPage();
			await openMap(page);
			const names = await namesInView(page);
			expect(names).toContain('Ada Fernhill');

			const skipLink = page.getByRole('link', { name: 'Skip the map' });
			for (let step = 0; step < 50; step++) {
				await page.keyboard.press('Tab');
				if (await skipLink.evaluate((link) => link === document.activeElement)) break;
			}
			await page.keyboard.press('Enter');

			const visited: string[] = [];
			for (let step = 0; step < names.length * 3 + 5; step++) {
				await page.keyboard.press('Tab');
				const focused = await page.evaluate(() => {
					const element = document.activeElement;
					const inList = element?.closest('.entries') != null;
					return { inList, isLink: element?.tagName === 'A', text: element?.textContent?.trim() };
				});
				if (!focused.inList) break;
				if (focused.isLink) visited.push(focused.text ?? '');
			}
			expect(visited).toEqual(names);
		});
	});
});

describe.skipIf(!inject('browserTests'))('the network map for a member', () => {
	const { currentPage } = useBrowserPage();

	describe('under the content security policy', () => {
		it('draws the other maps, of your place and of a region to plan, with nothing refused', async () => {
			const page = currentPage();
			const refused = await collectRefusals(page);
			await signIn(page, 'ada@example.org');
			await page.goto(`${appUrl}/me`);
			await page.getByTestId('pin-map').and(page.locator('[data-state="ready"]')).waitFor();
			await page.goto(`${appUrl}/plan?near=Utrecht&km=80`);
			await page.getByTestId('region-map').and(page.locator('[data-state="ready"]')).waitFor();
			expect(refused).toEqual([]);
		});
	});

	describe('when opened with no view in the link', () => {
		it('shows the whole network, the Americas and Europe together', async () => {
			const page = currentPage();
			await signIn(page, 'ada@example.org');
			await openMap(page);
			await waitForDrawnView(page);

			expect(await namesInView(page)).toEqual(
				expect.arrayContaining([
					// Portland, Vancouver, Toronto, Buenos Aires.
					'Oren Blackthorn',
					'Quinn Alder',
					'Uma Fairweather',
					'Mateo Rivers',
					// Utrecht, London, Madrid.
					'Ada Fernhill',
					'Dalia Brightwater',
					'Rosa Thistle'
				])
			);
		});
	});
});

describe.skipIf(!inject('browserTests'))('the network map on a phone', () => {
	const { currentPage } = useBrowserPage({
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true
	});

	it('brings the map to the top of the screen when a card opens, with the card below it', async () => {
		const page = currentPage();
		await openMap(page);
		const map = page.getByTestId('network-map');
		// The search and the filters come first: the map starts partly below the fold.
		expect((await map.boundingBox())!.y).toBeGreaterThan(200);

		await page.getByRole('combobox', { name: 'Search places and people' }).fill('Ghent Parents');
		await page.getByRole('option', { name: /Ghent Parents Crew/ }).click();
		await card(page, 'Ghent Parents Crew').waitFor();

		await expect.poll(async () => Math.round((await map.boundingBox())!.y)).toBe(0);
		const mapBox = (await map.boundingBox())!;
		const sheetBox = (await page.locator('.map-side-panel').boundingBox())!;
		expect(sheetBox.y + sheetBox.height).toBeCloseTo(844, 0);
		expect(mapBox.y + mapBox.height).toBeLessThanOrEqual(sheetBox.y);
		await expectNoSeriousA11yViolations(page);
	});
});
