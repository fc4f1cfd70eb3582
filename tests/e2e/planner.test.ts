import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowserPage } from '../support/browser';
import { closeDatabase, database } from '../support/privacy';
import { signIn } from '../support/sign-in';
import { membersNamedWith, serviceClient, type Member } from '../support/supabase';

const appUrl = inject('appUrl');

/**
 * The regional planner in a browser, with people of this run's own in Cambodia, where nobody else
 * lives: choosing a region by keyboard and by drawing on the map, what is there, where to meet,
 * and proposing a gathering there, up to the draft it makes (the whole journey, from the plan to
 * an invitation, is the lead's, in the gatherings' journeys).
 */
const token = `e2e-plan-${randomUUID().slice(0, 6)}`;
const member = membersNamedWith(token);
const phnomPenh = { lat: 11.5564, lng: 104.9282 };
// About 65 km south of Phnom Penh.
const takeo = { lat: 10.9908, lng: 104.7849 };
// About 75 km north-east.
const kampongCham = { lat: 11.9934, lng: 105.4635 };

let planner: Member;

beforeAll(async () => {
	[planner] = await Promise.all([
		member('Planner', { open_to: [] }, phnomPenh),
		member('Ana', { open_to: ['gatherings'] }, phnomPenh),
		member('Bun', { open_to: ['gatherings'] }, phnomPenh),
		member('Chan', { open_to: ['gatherings'] }, takeo),
		member('Dara', { open_to: ['crewing'] }, kampongCham)
	]);
});

afterAll(async () => {
	await database().query('delete from public.gatherings where name like $1', [`${token}%`]);
	await closeDatabase();
});

describe.skipIf(!inject('browserTests'))('the regional planner', () => {
	const { currentPage } = useBrowserPage();

	it('tells a visitor who is not signed in what it is, and to sign in', async () => {
		const page = currentPage();
		await page.goto(`${appUrl}/plan?near=Phnom+Penh&km=120`);

		await page.getByText('The planner is for members.').waitFor();
		expect(
			await page.getByRole('main').getByRole('link', { name: 'Sign in' }).getAttribute('href')
		).toMatch(/login\?next=%2Fplan$/);
		expect(await page.getByRole('form', { name: 'Around a place' }).count()).toBe(0);
		await expectNoSeriousA11yViolations(page);
	});

	it('plans around a place chosen by keyboard: who is there, where to meet, and a draft there', async () => {
		const page = currentPage();
		await signIn(page, planner.email);
		await page.getByRole('banner').getByRole('link', { name: 'Plan' }).click();
		await page.getByRole('heading', { level: 1, name: 'Plan a gathering' }).waitFor();
		await expectNoSeriousA11yViolations(page);

		const place = page.getByRole('form', { name: 'Around a place' });
		await place.getByRole('searchbox', { name: 'Town or city' }).fill('Phnom Penh');
		await place.getByRole('spinbutton', { name: 'Radius in km' }).fill('120');
		await place.getByRole('spinbutton', { name: 'Radius in km' }).press('Enter');

		await page.getByRole('heading', { name: /^The region: 120 km around/ }).waitFor();
		expect(await page.getByTestId('plan-totals').innerText()).toBe(
			'5 people you can see are here, and 3 of them are open to gatherings. There are 0 crews and 0 congregations.'
		);
		const places = page.getByRole('table', { name: 'People by place' });
		expect(await places.getByRole('row').count()).toBe(4);
		await page.getByTestId('region-map').and(page.locator('[data-state="ready"]')).waitFor();

		// Two of the three open to gatherings live in Phnom Penh: the point is there.
		const towns = page.getByRole('table', { name: /Suggested towns/ });
		expect(await towns.getByRole('row').count()).toBe(4);
		const first = towns.getByRole('row').nth(1);
		expect(await first.getByRole('rowheader').innerText()).toMatch(/^1\. .+, KH$/);
		// From there Ana and Bun are within 50 km, and Chan, about 65 km away, within 100.
		expect(await first.getByRole('cell').allInnerTexts()).toEqual([
			expect.stringMatching(/^\d+ km$/),
			'67% (2 of 3)',
			'100% (3 of 3)',
			'100% (3 of 3)'
		]);
		await page.getByRole('radio', { name: 'As density' }).check();
		await expectNoSeriousA11yViolations(page);

		const proposal = page.getByRole('form', { name: 'Propose a gathering here' });
		await proposal.getByRole('textbox', { name: 'Name' }).fill(`${token} Mekong day`);
		await proposal.getByRole('button', { name: 'Propose a gathering here' }).click();
		await page.waitForURL(/\/gatherings\/[0-9a-f-]{36}\/edit$/);

		const id = new URL(page.url()).pathname.split('/')[2];
		const { data: draft } = await serviceClient()
			.from('gatherings')
			.select('name, status, all_day, invite_region, area_label, created_by')
			.eq('id', id)
			.single();
		expect(draft).toMatchObject({
			name: `${token} Mekong day`,
			status: 'draft',
			all_day: true,
			invite_region: { radius_km: 120 },
			created_by: planner.id
		});
		expect(draft!.area_label).toMatch(/KH$/);
	});

	it('plans the circle drawn on the map: a click at its middle and one at its edge', async () => {
		const page = currentPage();
		await signIn(page, planner.email);
		await page.goto(`${appUrl}/plan?near=Phnom+Penh&km=120`);
		const map = page.getByTestId('region-map');
		await map.and(page.locator('[data-state="ready"]')).waitFor();

		await page.getByRole('button', { name: 'Draw a circle' }).click();
		await map.and(page.locator('[data-drawing="centre"]')).waitFor();
		expect(await page.getByRole('status').filter({ hasText: 'Click the middle' }).count()).toBe(1);
		const canvas = (await map.locator('canvas.maplibregl-canvas').boundingBox())!;
		const middle = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
		await page.mouse.click(middle.x, middle.y);
		await map.and(page.locator('[data-drawing="edge"]')).waitFor();
		await page.mouse.click(middle.x + canvas.width / 8, middle.y);

		await page.waitForURL(/\/plan\?lat=[\d.-]+&lng=[\d.-]+&km=\d+$/);
		const drawn = new URL(page.url()).searchParams;
		// The map opened on the 120 km circle, so its middle is near the middle of Phnom Penh.
		expect(Math.abs(Number(drawn.get('lat')) - 11.56)).toBeLessThan(0.2);
		expect(Math.abs(Number(drawn.get('lng')) - 104.92)).toBeLessThan(0.2);
		expect(Number(drawn.get('km'))).toBeGreaterThan(5);
		expect(Number(drawn.get('km'))).toBeLessThan(120);
		await page
			.getByRole('heading', { name: /^The region: \d+ km around 11\.\d+, 104\.\d+$/ })
			.waitFor();
	});
});
