import { randomUUID } from 'node:crypto';
import type { Locator } from 'playwright-core';
import { inject } from 'vitest';
import { countsByPlaceName, type CrewRadar } from '../../src/lib/radar/radar';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowserPage } from '../support/browser';
import { closeDatabase } from '../support/privacy';
import { signIn } from '../support/sign-in';
import { memberWithProfile, serviceClient, signInAs, type Member } from '../support/supabase';

const appUrl = inject('appUrl');

/**
 * The crew radar in a browser: the seeded cluster in Leeds as Lena sees it (read only, so the
 * seed stays as it is for other tests), and alerts with people of this run's own, in Hammerfest,
 * where nobody else lives.
 */
const token = `e2e-radar-${randomUUID().slice(0, 6)}`;
const hammerfest = { lat: 70.6634, lng: 23.6821 };

function openToCrewing(name: string, at?: { lat: number; lng: number }): Promise<Member> {
	return memberWithProfile(
		`${name}-${token}`.toLowerCase(),
		{ display_name: `${name} ${token}`, visibility: 'members', open_to: ['crewing'] },
		at
	);
}

afterAll(closeDatabase);

/** Where a link goes on this site: the server writes it relative to the page, as `./me`. */
async function pathOf(link: Locator): Promise<string> {
	const url = new URL(await link.evaluate((anchor: HTMLAnchorElement) => anchor.href));
	return `${url.pathname}${url.search}${url.hash}`;
}

describe.skipIf(!inject('browserTests'))('the crew radar', () => {
	const { currentPage } = useBrowserPage();

	it('counts the seeded cluster in Leeds by place, on a map and in a list', async () => {
		const lena = await signInAs('lena@example.org');
		const { data } = await lena.client.rpc('crew_radar', { radius_km: 25 });
		const expected = data as unknown as CrewRadar;
		expect(expected.total).toBeGreaterThanOrEqual(3);

		const page = currentPage();
		await signIn(page, 'lena@example.org');
		await page.getByRole('banner').getByRole('link', { name: 'Crew radar' }).click();

		const total = page.getByTestId('radar-total');
		await total.waitFor();
		expect(await total.innerText()).toContain(
			`${expected.total} people open to crewing are within 25 km`
		);
		const places = page.getByRole('list', { name: 'People open to crewing, by place' });
		expect(await places.getByRole('listitem').allInnerTexts()).toEqual(
			countsByPlaceName(expected.cells).map(
				({ placeLabel, count }) => `${placeLabel}: ${count} ${count === 1 ? 'person' : 'people'}`
			)
		);
		const map = page.getByTestId('network-map');
		await map.and(page.locator('[data-state="ready"]')).waitFor();
		expect(await map.getAttribute('data-point-count')).toBe(String(expected.total));
		const people = page.getByRole('group', { name: 'People open to crewing within 25 km' });
		for (const name of ['Omar Haddad', 'Pia Kowalczyk', 'Sol Ferreira']) {
			expect(await people.getByRole('checkbox', { name }).count()).toBe(1);
		}
		await expectNoSeriousA11yViolations(page);

		await people.getByRole('checkbox', { name: 'Omar Haddad' }).check();
		await people.getByRole('checkbox', { name: 'Sol Ferreira' }).check();
		await page.getByRole('button', { name: 'Start a crew with these people' }).click();
		await page.waitForURL(/\/groups\/new\?/);
		const invited = new URL(page.url()).searchParams.get('invite')?.split(',');
		const ids = Object.fromEntries(expected.people.map((p) => [p.display_name, p.id]));
		expect(invited).toEqual([ids['Omar Haddad'], ids['Sol Ferreira']]);
	});

	it('widens the radius when asked', async () => {
		const page = currentPage();
		await signIn(page, 'lena@example.org');
		await page.goto(`${appUrl}/radar`);
		await page.getByLabel('How far to look').selectOption('200');
		await page.getByRole('button', { name: 'Show who is near' }).click();

		await page.waitForURL(/radius=200/);
		expect(await page.getByTestId('radar-total').innerText()).toContain('within 200 km');
	});

	it('tells an alert once it fires, in the radar and the inbox', async () => {
		const page = currentPage();
		const seeker = await openToCrewing('Seeker', hammerfest);
		await signIn(page, seeker.email);
		await page.goto(`${appUrl}/radar`);
		await page.getByText('Nobody else open to crewing is within 25 km').waitFor();
		await expectNoSeriousA11yViolations(page);

		const alerts = page.getByRole('region', { name: 'Radar alerts' });
		await alerts.getByLabel('People').fill('2');
		await alerts.getByRole('button', { name: 'Add alert' }).click();
		await alerts.locator('li[data-state="waiting"]').waitFor();
		expect(await alerts.getByRole('listitem').innerText()).toContain(
			'When at least 2 people within 25 km: waiting'
		);

		await openToCrewing('Neighbour', hammerfest);
		await openToCrewing('Other', hammerfest);
		// What the notify worker does on each pass.
		const fired = await serviceClient().rpc('fire_radar_alerts');
		expect(fired.error).toBeNull();

		await page.reload();
		await alerts.locator('li[data-state="fired"]').waitFor();
		await page.getByRole('banner').getByRole('link', { name: 'Inbox, 1 unread' }).click();
		const alert = page.getByRole('main').getByRole('listitem').filter({ hasText: 'Crew radar:' });
		expect(await alert.innerText()).toContain(
			'Crew radar: 2 people open to crewing are within 25 km of you.'
		);
		await alert.getByRole('link', { name: /^Open the crew radar/ }).click();
		await page.waitForURL(/\/radar$/);
		expect(await page.getByTestId('radar-total').innerText()).toContain('2 people');
	});

	it('tells a stranger to sign in', async () => {
		const page = currentPage();
		await page.goto(`${appUrl}/radar`);

		await page.getByRole('heading', { level: 1, name: 'Crew radar' }).waitFor();
		expect(await pathOf(page.getByRole('main').getByRole('link', { name: 'Sign in' }))).toBe(
			'/login?next=%2Fradar'
		);
		await expectNoSeriousA11yViolations(page);
	});

	it('tells a member who is not open to crewing what to change', async () => {
		const page = currentPage();
		const member = await memberWithProfile(
			`closed-${token}`,
			{ display_name: `Closed ${token}`, open_to: [] },
			hammerfest
		);
		await signIn(page, member.email);
		await page.goto(`${appUrl}/radar`);

		const link = page.getByRole('link', { name: 'Say you are open to crewing in your profile' });
		expect(await pathOf(link)).toBe('/me#open-to-crewing');
		await expectNoSeriousA11yViolations(page);
	});
});
