import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowserPage } from '../support/browser';
import { downloadedEvents } from '../support/calendar';
import { cellAt } from '../support/groups';
import { closeDatabase, database } from '../support/privacy';
import { signIn } from '../support/sign-in';
import { memberWithProfile, type Member } from '../support/supabase';

const appUrl = inject('appUrl');

/**
 * The calendar files as a calendar app and a browser get them from the built app: the private
 * link made, remade and turned off on /settings/calendar, one gathering's download, and the
 * public feed, each read back with ical.js. Everything meets in Nouakchott, named with this run's
 * token.
 */
const token = `e2e-cal-${randomUUID().slice(0, 6)}`;
const nouakchott = { lat: 18.0735, lng: -15.9582 };
const address = `${token} Avenue Gamal Abdel Nasser 7`;

let host: Member;
let attendee: Member;
const ids = { public: '', membersOnly: '' };

async function person(name: string): Promise<Member> {
	return memberWithProfile(`${name}-${token}`.toLowerCase(), {
		display_name: `${name} ${token}`,
		visibility: 'members'
	});
}

/** A published gathering `host` runs, with a venue, a week from now; its id. */
async function publishedGathering(name: string, visibility: 'public' | 'members'): Promise<string> {
	const starts = new Date(Date.now() + 7 * 86_400_000);
	const { data, error } = await host.client
		.from('gatherings')
		.insert({
			kind: 'workshop',
			name: `${name} ${token}`,
			starts_at: starts.toISOString(),
			ends_at: new Date(starts.getTime() + 3 * 3_600_000).toISOString(),
			time_zone: 'Africa/Nouakchott',
			area_cell: await cellAt(nouakchott, 'town'),
			visibility
		})
		.select('id')
		.single();
	if (error) throw error;
	const venue = await host.client
		.from('gathering_venues')
		.insert({ gathering_id: data.id, address, lat: 18.08, lng: -15.97 });
	if (venue.error) throw venue.error;
	const published = await host.client
		.from('gatherings')
		.update({ status: 'published' })
		.eq('id', data.id);
	if (published.error) throw published.error;
	return data.id;
}

/** What a calendar app makes of the file at `url`: each event's title and place. */
async function calendarAt(request: APIRequestContext, url: string) {
	return (await downloadedEvents(request, url)).map(({ summary, location }) => ({
		summary,
		location
	}));
}

function privateSection(page: Page) {
	return page.getByRole('region', { name: 'Your private calendar link' });
}

beforeAll(async () => {
	[host, attendee] = await Promise.all([person('Host'), person('Attendee')]);
	ids.public = await publishedGathering('Open workshop', 'public');
	ids.membersOnly = await publishedGathering('Members workshop', 'members');
	const going = await attendee.client.rpc('rsvp', { gathering_id: ids.public, answer: 'going' });
	if (going.error) throw going.error;
});

afterAll(async () => {
	await database().query('delete from public.gatherings where name like $1', [`%${token}%`]);
	await closeDatabase();
});

describe.skipIf(!inject('browserTests'))('calendars', () => {
	const { currentPage } = useBrowserPage();

	it('lets a member make their private link, make a new one, and turn it off', async () => {
		const page = currentPage();
		await signIn(page, attendee.email);
		await page.goto(`${appUrl}/me`);
		await page.getByRole('link', { name: 'Put your gatherings in your calendar app' }).click();
		await page.getByRole('heading', { level: 1, name: 'Your calendar' }).waitFor();
		await page.locator('[data-state="off"]').waitFor();
		await expectNoSeriousA11yViolations(page);

		await page.getByRole('button', { name: 'Make my calendar link' }).click();
		await privateSection(page).and(page.locator('[data-state="on"]')).waitFor();
		await page.getByRole('status').getByText('Your calendar link is ready.').waitFor();
		const link = page.getByLabel(/Copy this link/);
		const first = await link.inputValue();
		expect(first).toMatch(new RegExp(`^${appUrl}/calendar/[0-9a-f-]{36}\\.ics$`));
		await expectNoSeriousA11yViolations(page);

		// The calendar app is not signed in: a fresh request context has no cookie.
		const appContext = await page.context().browser()!.newContext();
		const calendarApp = appContext.request;
		expect(await calendarAt(calendarApp, first)).toEqual([
			{ summary: `Open workshop ${token}`, location: address }
		]);

		await page.getByRole('button', { name: 'Make a new link' }).click();
		await page.getByRole('status').getByText('The old one has stopped working.').waitFor();
		const second = await link.inputValue();
		expect(second).not.toBe(first);
		expect(await calendarAt(calendarApp, first)).toEqual([]);
		expect(await calendarAt(calendarApp, second)).toHaveLength(1);

		await page.getByRole('button', { name: 'Turn the link off' }).click();
		await page.locator('[data-state="off"]').waitFor();
		await page.getByRole('status').getByText('Your calendar link is turned off.').waitFor();
		expect(await calendarAt(calendarApp, second)).toEqual([]);
		expect((await calendarApp.get(`${appUrl}/calendar/not-a-token.ics`)).status()).toBe(404);
		await appContext.close();
	});

	it('downloads one gathering with the venue only for those who may read it', async () => {
		const page = currentPage();
		const url = `${appUrl}/gatherings/${ids.public}/calendar.ics`;
		const [anonymous] = await calendarAt(page.request, url);
		expect(anonymous.summary).toBe(`Open workshop ${token}`);
		expect(anonymous.location).not.toContain(address);
		expect(
			(await page.request.get(`${appUrl}/gatherings/${ids.membersOnly}/calendar.ics`)).status()
		).toBe(404);

		await signIn(page, attendee.email);
		const [signedIn] = await calendarAt(page.request, url);
		expect(signedIn.location).toBe(address);
	});

	it('gives everyone the same public feed, without members-only gatherings or venues', async () => {
		const page = currentPage();
		await signIn(page, host.email);
		const feed = await calendarAt(page.request, `${appUrl}/gatherings/feed.ics?country=MR`);
		const ours = feed.filter((event) => event.summary.endsWith(token));
		expect(ours.map((event) => event.summary)).toEqual([`Open workshop ${token}`]);
		expect(ours[0].location).not.toContain(address);

		const near = await calendarAt(
			page.request,
			`${appUrl}/gatherings/feed.ics?near=Nouakchott&within=50&kind=workshop`
		);
		expect(near.map((event) => event.summary)).toContain(`Open workshop ${token}`);

		const refused = await page.request.get(`${appUrl}/gatherings/feed.ics?kind=party`);
		expect(refused.status()).toBe(400);
		const nowhere = await page.request.get(`${appUrl}/gatherings/feed.ics?near=Xqzwv`);
		expect(nowhere.status()).toBe(400);
	});
});
