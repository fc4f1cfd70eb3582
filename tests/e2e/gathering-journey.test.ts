import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowser } from '../support/browser';
import { downloadedEvents } from '../support/calendar';
import {
	gatheringNotices,
	optInToInvitations,
	removeGatherings,
	rsvpPanel
} from '../support/gatherings';
import { closeDatabase } from '../support/privacy';
import { choosePlace } from '../support/places';
import { useSignedInPages } from '../support/sign-in';
import { membersNamedWith, type Member } from '../support/supabase';

const appUrl = inject('appUrl');

/**
 * The whole journey of a gathering, as its people live it in a browser: a member plans a region
 * around Vientiane by keyboard, proposes a gathering there, gives it a venue and one place, and
 * publishes it; the two nearby members who opted in to invitations find theirs in the inbox, one
 * takes the place and the other joins the waitlist; the first cancels, the waitlist moves and its
 * member is told; the calendar file carries the venue to the one now going. Nobody else lives in
 * Laos (see tests/support/privacy.ts), so everything counted here is this run's own.
 */
const token = `e2e-journey-${randomUUID().slice(0, 6)}`;
const member = membersNamedWith(token);
const vientiane = { lat: 17.9757, lng: 102.6331 };
// About 15 km north-west of the centre.
const nearVientiane = { lat: 18.07, lng: 102.53 };
const address = `${token} That Luang Square`;

let planner: Member;
let noy: Member;
let kham: Member;
let sone: Member;

beforeAll(async () => {
	[planner, noy, kham, sone] = await Promise.all([
		member('Planner', { open_to: [] }, vientiane),
		member('Noy', { open_to: ['gatherings'] }, vientiane),
		member('Kham', { open_to: ['gatherings'] }, nearVientiane),
		// Open to gatherings but not to invitations: nobody invites her.
		member('Sone', { open_to: ['gatherings'] }, vientiane)
	]);
	await Promise.all([optInToInvitations(noy), optInToInvitations(kham)]);
});

afterAll(async () => {
	await removeGatherings(token);
	await closeDatabase();
});

/** The inbox item about the gathering named `name` saying `says`, once the inbox shows it. */
async function inboxItem(page: Page, says: string) {
	await page
		.getByRole('banner')
		.getByRole('link', { name: /^Inbox/ })
		.click();
	await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
	const item = page.getByRole('main').getByRole('listitem').filter({ hasText: says });
	await item.waitFor();
	return item;
}

describe.skipIf(!inject('browserTests'))('a gathering, from the plan to the calendar', () => {
	const browser = useBrowser();
	const signedIn = useSignedInPages(browser);

	it('is planned, proposed, published, answered, waitlisted, moved up and downloaded', async () => {
		const name = `${token} Mekong Valley Day`;

		// The planner chooses the region by keyboard alone.
		const host = await signedIn(planner);
		await host.getByRole('banner').getByRole('link', { name: 'Plan' }).click();
		await host.getByRole('heading', { level: 1, name: 'Plan a gathering' }).waitFor();
		const place = host.getByRole('form', { name: 'Around a place' });
		await place.getByRole('searchbox', { name: 'Town or city' }).fill('Vientiane');
		await place.getByRole('spinbutton', { name: 'Radius in km' }).fill('60');
		await place.getByRole('spinbutton', { name: 'Radius in km' }).press('Enter');
		await host.getByRole('heading', { name: /^The region: 60 km around/ }).waitFor();
		expect(await host.getByTestId('plan-totals').innerText()).toBe(
			'4 people you can see are here, and 3 of them are open to gatherings. There are 0 crews and 0 congregations.'
		);
		await host.getByRole('table', { name: /Suggested towns/ }).waitFor();
		await expectNoSeriousA11yViolations(host);

		// Proposing makes a draft there and opens its edit page.
		const proposal = host.getByRole('form', { name: 'Propose a gathering here' });
		await proposal.getByRole('textbox', { name: 'Name' }).fill(name);
		await proposal.getByRole('textbox', { name: 'Name' }).press('Enter');
		await host.waitForURL(/\/gatherings\/[0-9a-f-]{36}\/edit$/);
		const gatheringUrl = host.url().replace(/\/edit$/, '');
		const id = new URL(gatheringUrl).pathname.split('/')[2];
		await host.getByRole('heading', { level: 1, name: `Change ${name}` }).waitFor();
		await expectNoSeriousA11yViolations(host);

		// The host places the venue in the town, gives its address and one place, and publishes.
		await choosePlace(host, {
			label: 'Search for the town of the venue',
			query: 'Vientiane',
			place: /^Vientiane, /
		});
		await host.getByLabel('Venue address').fill(address);
		await host.getByRole('textbox', { name: 'Places' }).fill('1');
		await host.getByRole('button', { name: 'Publish' }).click();
		await host.waitForURL(`${gatheringUrl}?published`);
		await rsvpPanel(host, 'host');
		expect(await host.getByRole('main').innerText()).toContain('1 place left of 1');
		await expectNoSeriousA11yViolations(host);

		// Those who opted in are invited, once; the one who did not, and the host, are not.
		for (const invited of [noy, kham]) {
			expect((await gatheringNotices(invited, id)).map(({ kind }) => kind)).toEqual([
				'gathering_invitation'
			]);
		}
		expect((await gatheringNotices(sone, id)).map(({ kind }) => kind)).toEqual([]);
		expect((await gatheringNotices(planner, id)).map(({ kind }) => kind)).toEqual([]);

		// Noy finds the invitation in the inbox and takes the one place.
		const first = await signedIn(noy);
		const invitation = await inboxItem(first, `You are invited to ${name}, near you`);
		await expectNoSeriousA11yViolations(first);
		await invitation.getByRole('link', { name: 'Open the gathering’s page' }).click();
		await first.getByRole('heading', { level: 1, name }).waitFor();
		expect(await first.getByText(address).count()).toBe(0);
		let panel = await rsvpPanel(first, 'unanswered');
		await panel.getByRole('button', { name: 'Going', exact: true }).click();
		panel = await rsvpPanel(first, 'confirmed');
		await first.getByRole('region', { name: 'How to get there' }).getByText(address).waitFor();
		await expectNoSeriousA11yViolations(first);

		// Kham, invited too, finds it full and joins the waitlist, without the venue.
		const second = await signedIn(kham);
		const his = await inboxItem(second, `You are invited to ${name}, near you`);
		await his.getByRole('link', { name: 'Open the gathering’s page' }).click();
		await (
			await rsvpPanel(second, 'unanswered')
		)
			.getByRole('button', { name: 'Join the waitlist' })
			.click();
		await rsvpPanel(second, 'waitlisted');
		expect(await second.getByText(address).count()).toBe(0);
		await expectNoSeriousA11yViolations(second);

		// Noy cancels: the waitlist moves, and Kham is told in the inbox.
		await panel.getByRole('button', { name: 'Not going' }).click();
		await rsvpPanel(first, 'not_going');
		await inboxItem(second, `A place opened up at ${name}: you are going`);
		await expectNoSeriousA11yViolations(second);
		await second.goto(gatheringUrl);
		await rsvpPanel(second, 'confirmed');
		await second.getByRole('region', { name: 'How to get there' }).getByText(address).waitFor();

		// The calendar file is linked from the page and carries the venue to the one going.
		const link = second.getByRole('link', { name: `Add ${name} to your calendar` });
		const calendarUrl = new URL((await link.getAttribute('href'))!, appUrl).href;
		const going = await downloadedEvents(second.request, calendarUrl);
		expect(going.map(({ summary, location }) => ({ summary, location }))).toEqual([
			{ summary: name, location: expect.stringContaining(address) }
		]);
		// An all-day gathering: a date, not a time.
		expect(going[0].startDate.isDate).toBe(true);

		// Noy, no longer going, gets the same event with its town and not the venue.
		const notGoing = await downloadedEvents(first.request, calendarUrl);
		expect(notGoing.map(({ summary }) => summary)).toEqual([name]);
		expect(notGoing[0].location).not.toContain(address);
	});
});
