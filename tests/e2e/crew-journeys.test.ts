import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { useBrowserPage } from '../support/browser';
import { cellAt } from '../support/groups';
import { mailboxMessagesTo, sendNotificationEmails, stackSmtp } from '../support/mail';
import { choosePlace } from '../support/places';
import { closeDatabase, database } from '../support/privacy';
import { signIn } from '../support/sign-in';
import { memberWithProfile, type Member } from '../support/supabase';

/**
 * The two journeys the crews work is for, whole, as people make them in a browser: someone finds a
 * crew with a seat on the map and asks to join, a member accepts from the inbox (the email lands
 * in the local mailbox), and the newcomer sees who is in it; and someone alone sets a radar alert,
 * is told when enough people are near, and starts a crew with them, who accept from their inbox.
 * Each makes its own people and places (Galway, Kiruna: nobody else's tests are there).
 */

const appUrl = inject('appUrl');
const token = `journey-${randomUUID().slice(0, 6)}`;
const galway = { lat: 53.2707, lng: -9.0568 };
const kiruna = { lat: 67.8558, lng: 20.2253 };

async function person(
	name: string,
	at?: { lat: number; lng: number },
	openToCrewing = false
): Promise<Member & { name: string }> {
	const displayName = `${name} ${token}`;
	const member = await memberWithProfile(
		`${name}-${token}`.toLowerCase(),
		{
			display_name: displayName,
			visibility: 'members',
			precision: 'town',
			open_to: openToCrewing ? ['crewing'] : []
		},
		at
	);
	return { ...member, name: displayName };
}

/** The group page's one action for the viewer, once it shows this state. */
async function joinPanel(page: Page, state: string) {
	const panel = page.locator(`.join-panel[data-state="${state}"]`);
	await panel.waitFor();
	return panel;
}

async function subjectsTo(member: Member) {
	return (await mailboxMessagesTo(member.email)).map((message) => message.subject);
}

afterAll(async () => {
	await database().query('delete from public.groups where name like $1', [`%${token}%`]);
	await closeDatabase();
});

describe.skipIf(!inject('browserTests'))('crew journeys', () => {
	const { browser, currentPage } = useBrowserPage();

	it('finds a crew with a seat on the map, asks to join, is accepted from the inbox and sees who is in it', async () => {
		const host = await person('Host');
		const crewName = `Galway Journey Crew ${token}`;
		const created = await host.client.rpc('create_group', {
			kind: 'crew',
			name: crewName,
			area_cell: await cellAt(galway, 'town'),
			size_limit: 4,
			status: 'open',
			visibility: 'public',
			purpose: 'Neighbours meeting fortnightly.'
		});
		expect(created.error).toBeNull();
		const seeker = await person('Seeker');

		// The seeker finds it on the map by its name, with its open seats, and opens its page.
		const page = currentPage();
		await signIn(page, seeker.email);
		await page.goto(`${appUrl}/map`);
		await page.getByRole('combobox', { name: 'Search places and people' }).fill(crewName);
		await page.getByRole('option', { name: new RegExp(`^${crewName} Crew`) }).click();
		const card = page.getByRole('article', { name: crewName });
		await expect
			.poll(() => card.getByRole('definition').first().textContent())
			.toBe('3 open seats of 4');
		await card.getByRole('link', { name: `See ${crewName}’s page` }).click();
		await page.getByRole('heading', { level: 1, name: crewName }).waitFor();

		const ask = await joinPanel(page, 'canAsk');
		await ask.getByLabel(/A short message/).fill('I live by the canal and would love to join.');
		await ask.getByRole('button', { name: 'Ask to join' }).click();
		await joinPanel(page, 'requested');

		// The notify worker's pass emails the host at once (their default for requests).
		await sendNotificationEmails({ transport: stackSmtp(), recipients: [host] });
		expect(await subjectsTo(host)).toContain(`${seeker.name} asked to join ${crewName}`);

		// The host accepts from the inbox.
		const hostPage = await (await browser().newContext()).newPage();
		await signIn(hostPage, host.email);
		await hostPage.goto(`${appUrl}/inbox`);
		const request = hostPage
			.getByRole('main')
			.getByRole('listitem')
			.filter({ hasText: `${seeker.name} asked to join` });
		expect(await request.innerText()).toContain('I live by the canal and would love to join.');
		await request.getByRole('button', { name: /^Accept/ }).click();
		await hostPage.getByRole('status').filter({ hasText: 'Request accepted' }).waitFor();
		await hostPage.context().close();

		await sendNotificationEmails({ transport: stackSmtp(), recipients: [seeker] });
		expect(await subjectsTo(seeker)).toContain(`Your request to join ${crewName} was accepted`);

		// The newcomer is a member, and sees who is in it.
		await page.reload();
		await joinPanel(page, 'member');
		const members = page.getByRole('region', { name: 'Who is in it' });
		expect((await members.innerText()).split('\n').join(' ')).toMatch(
			new RegExp(`${host.name}.*${seeker.name}`)
		);
	});

	it('sets a radar alert, is told when enough people are near, and starts a crew with them', async () => {
		const seeker = await person('Loner', kiruna, true);
		const page = currentPage();
		await signIn(page, seeker.email);
		await page.goto(`${appUrl}/radar`);
		await page.getByText('Nobody else open to crewing is within 25 km').waitFor();
		const alerts = page.getByRole('region', { name: 'Radar alerts' });
		await alerts.getByLabel('People').fill('2');
		await alerts.getByRole('button', { name: 'Add alert' }).click();
		await alerts.locator('li[data-state="waiting"]').waitFor();

		const [ines, jon] = [
			await person('Ines', { lat: kiruna.lat + 0.01, lng: kiruna.lng }, true),
			await person('Jon', { lat: kiruna.lat - 0.01, lng: kiruna.lng + 0.02 }, true)
		];
		// The worker's pass fires the alert (and queues and sends what is due).
		const pass = await sendNotificationEmails({ transport: stackSmtp(), recipients: [seeker] });
		expect(pass.alertsFired).toBeGreaterThanOrEqual(1);

		await page.reload();
		await page.getByRole('banner').getByRole('link', { name: 'Inbox, 1 unread' }).click();
		const alert = page.getByRole('main').getByRole('listitem').filter({ hasText: 'Crew radar:' });
		await alert.getByRole('link', { name: /^Open the crew radar/ }).click();
		await page.waitForURL(/\/radar$/);

		const people = page.getByRole('group', { name: 'People open to crewing within 25 km' });
		await people.getByRole('checkbox', { name: ines.name }).check();
		await people.getByRole('checkbox', { name: jon.name }).check();
		await page.getByRole('button', { name: 'Start a crew with these people' }).click();
		await page.waitForURL(/\/groups\/new\?/);

		const crewName = `Kiruna Crew ${token}`;
		await page.getByRole('textbox', { name: 'Name' }).fill(crewName);
		await choosePlace(page, {
			label: 'Search for the town where the group meets',
			query: 'Kiruna',
			place: /^Kiruna, Sweden/
		});
		await page.getByRole('button', { name: 'Start it and invite them' }).click();
		await page.waitForURL(/\/groups\/[0-9a-f-]{36}\?started/);
		await joinPanel(page, 'member');
		const crewUrl = page.url().split('?')[0];

		// Each invited person finds the invitation in their inbox; Ines accepts it there.
		for (const invitee of [ines, jon]) {
			const { data } = await invitee.client.from('notifications').select('kind, group_name');
			expect(data).toContainEqual({ kind: 'invitation_received', group_name: crewName });
		}
		const inesPage = await (await browser().newContext()).newPage();
		await signIn(inesPage, ines.email);
		await inesPage.goto(`${appUrl}/inbox`);
		const invitation = inesPage
			.getByRole('main')
			.getByRole('listitem')
			.filter({ hasText: `invited you to join ${crewName}` });
		await invitation.getByRole('button', { name: /^Accept/ }).click();
		await inesPage
			.getByRole('status')
			.filter({ hasText: /accepted|Welcome/ })
			.waitFor();
		await inesPage.goto(crewUrl);
		await joinPanel(inesPage, 'member');
		expect(await inesPage.getByRole('region', { name: 'Who is in it' }).innerText()).toContain(
			seeker.name
		);
		await inesPage.context().close();
	});
});
