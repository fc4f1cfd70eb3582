import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowserPage } from '../support/browser';
import { cellAt } from '../support/groups';
import { closeDatabase, database } from '../support/privacy';
import { signIn } from '../support/sign-in';
import { memberWithProfile, type Member } from '../support/supabase';

const appUrl = inject('appUrl');

/**
 * The inbox and the email settings in a browser. Each test makes its own people (named with this
 * run's token), so the seeded inboxes stay as the seed made them for other tests.
 */
const token = `e2e-inbox-${randomUUID().slice(0, 6)}`;
const tromso = { lat: 69.6492, lng: 18.9553 };

async function person(name: string): Promise<Member> {
	return memberWithProfile(`${name}-${token}`.toLowerCase(), {
		display_name: `${name} ${token}`,
		visibility: 'members'
	});
}

/** A host whose crew two people have asked to join: two unread notifications. */
async function hostWithTwoRequests(): Promise<Member> {
	const host = await person('Host');
	const { data: crew, error } = await host.client.rpc('create_group', {
		kind: 'crew',
		name: `Crew ${token} ${randomUUID().slice(0, 4)}`,
		area_cell: await cellAt(tromso, 'town'),
		size_limit: 6,
		status: 'open'
	});
	if (error) throw error;
	for (const name of ['Asker', 'Second']) {
		const asker = await person(name);
		const asked = await asker.client.rpc('request_to_join', {
			group_id: crew,
			message: `${name} would like to join`
		});
		if (asked.error) throw asked.error;
	}
	return host;
}

function inboxLink(page: Page) {
	return page.getByRole('banner').getByRole('link', { name: /^Inbox/ });
}

afterAll(async () => {
	await database().query('delete from public.groups where name like $1', [`%${token}%`]);
	await closeDatabase();
});

describe.skipIf(!inject('browserTests'))('the inbox', () => {
	const { browser, currentPage } = useBrowserPage();

	it('shows the unread count in the header, and it drops as notifications are read', async () => {
		const page = currentPage();
		const host = await hostWithTwoRequests();
		await signIn(page, host.email);

		expect(await inboxLink(page).textContent()).toMatch(/Inbox.*2/);
		await page.getByRole('banner').getByRole('link', { name: 'Inbox, 2 unread' }).click();

		await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
		const items = page.getByRole('main').getByRole('listitem');
		expect(await items.count()).toBe(2);
		expect(await items.first().innerText()).toContain(
			`Second ${token} asked to join Crew ${token}`
		);
		expect(await items.first().innerText()).toContain('“Second would like to join”');
		await expectNoSeriousA11yViolations(page);

		await items
			.first()
			.getByRole('button', { name: /^Mark read/ })
			.click();
		await page.locator('li[data-state="read"]').waitFor();
		await page.getByRole('banner').getByRole('link', { name: 'Inbox, 1 unread' }).waitFor();

		await page.getByRole('button', { name: 'Mark all read' }).click();
		await page.getByRole('status').filter({ hasText: 'Everything is marked read.' }).waitFor();
		expect(await page.locator('li[data-state="unread"]').count()).toBe(0);
		expect(await inboxLink(page).textContent()).toMatch(/^\s*Inbox\s*$/);
		await expectNoSeriousA11yViolations(page);
	});

	it('accepts a request from the inbox', async () => {
		const page = currentPage();
		const host = await hostWithTwoRequests();
		await signIn(page, host.email);
		await page.goto(`${appUrl}/inbox`);

		const request = page
			.getByRole('main')
			.getByRole('listitem')
			.filter({ hasText: `Asker ${token} asked to join` });
		await request.getByRole('button', { name: /^Accept/ }).click();

		await page.getByRole('status').filter({ hasText: 'Request accepted' }).waitFor();
		await request.getByText('This request was accepted.').waitFor();
		expect(await request.getAttribute('data-state')).toBe('read');
		await page.getByRole('banner').getByRole('link', { name: 'Inbox, 1 unread' }).waitFor();
		await expectNoSeriousA11yViolations(page);
	});

	it('marks read without JavaScript too', async () => {
		const host = await hostWithTwoRequests();
		const noScript = await (await browser().newContext({ javaScriptEnabled: false })).newPage();
		try {
			await signIn(noScript, host.email);
			await noScript.goto(`${appUrl}/inbox`);
			await noScript
				.getByRole('main')
				.getByRole('listitem')
				.first()
				.getByRole('button', { name: /^Mark read/ })
				.click();
			await noScript.getByRole('banner').getByRole('link', { name: 'Inbox, 1 unread' }).waitFor();
			expect(await noScript.locator('li[data-state="read"]').count()).toBe(1);
		} finally {
			await noScript.context().close();
		}
	});

	it('says what to do next when there is nothing in it', async () => {
		const page = currentPage();
		const newcomer = await person('Newcomer');
		await signIn(page, newcomer.email);
		await page.goto(`${appUrl}/inbox`);

		await page.getByText('Nothing yet.').waitFor();
		expect(await page.getByRole('link', { name: 'find a crew on the map' }).count()).toBe(1);
		await expectNoSeriousA11yViolations(page);
	});
});

describe.skipIf(!inject('browserTests'))('email settings', () => {
	const { currentPage } = useBrowserPage();

	it('are chosen per kind when signed in, and kept', async () => {
		const page = currentPage();
		const member = await person('Settings');
		await signIn(page, member.email);
		await page.goto(`${appUrl}/me`);
		await page.getByRole('link', { name: 'Choose which of them are emailed to you' }).click();

		await page.getByRole('heading', { level: 1, name: 'Email settings' }).waitFor();
		const radar = page.getByRole('group', { name: /^Emails about crew radar alerts/ });
		expect(await radar.getByRole('radio', { name: 'In a daily digest' }).isChecked()).toBe(true);
		await expectNoSeriousA11yViolations(page);
		await radar.getByRole('radio', { name: 'Never' }).check();
		await page.getByRole('button', { name: 'Save email settings' }).click();
		await page.getByRole('status').filter({ hasText: 'Your email settings are saved.' }).waitFor();

		await page.reload();
		expect(
			await page
				.getByRole('group', { name: /^Emails about crew radar alerts/ })
				.getByRole('radio', { name: 'Never' })
				.isChecked()
		).toBe(true);
	});

	it('open from an email’s link without signing in, with its kind first', async () => {
		const page = currentPage();
		const member = await person('Link');
		const emailToken = await emailTokenOf(member);
		await page.goto(`${appUrl}/email-settings/${emailToken}?kind=request_received`);

		await page
			.getByRole('heading', { level: 2, name: 'Emails about requests to join your groups' })
			.waitFor();
		expect(await page.getByText('You get these at once.').count()).toBe(1);
		await expectNoSeriousA11yViolations(page);
		await page.getByRole('button', { name: 'Stop these emails' }).click();

		await page
			.getByRole('status')
			.filter({ hasText: 'Saved. Emails about requests to join your groups: never.' })
			.waitFor();
		await page.getByText('You get none of these emails.').waitFor();
		expect(await deliveryOf(member, 'request_received')).toBe('never');
	});

	it('take a mail program’s one-click post from its own servers', async () => {
		const member = await person('OneClick');
		const emailToken = await emailTokenOf(member);

		// As RFC 8058 says a mail program posts it: no session, no Origin of this site.
		const response = await fetch(`${appUrl}/email-settings/${emailToken}?kind=radar_alert`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'List-Unsubscribe=One-Click'
		});

		expect(response.status).toBe(200);
		expect(await deliveryOf(member, 'radar_alert')).toBe('never');
	});

	it('still refuse any other form posted from another site', async () => {
		const response = await fetch(`${appUrl}/inbox?/readAll`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: 'https://elsewhere.example'
			},
			body: ''
		});

		expect(response.status).toBe(403);
	});

	it('say clearly when a link opens nobody’s settings', async () => {
		const page = currentPage();
		const response = await page.goto(`${appUrl}/email-settings/${randomUUID()}`);

		expect(response?.status()).toBe(404);
		await page
			.getByRole('heading', { level: 1, name: 'This link opens no email settings' })
			.waitFor();
		expect(await page.getByRole('link', { name: 'your email settings' }).count()).toBe(1);
		await expectNoSeriousA11yViolations(page);
	});
});

/** The token in the member's email links, as the outbox makes it. */
async function emailTokenOf(member: Member): Promise<string> {
	const { rows } = await database().query<{ token: string }>(
		'insert into private.email_tokens (profile_id) values ($1) returning token',
		[member.id]
	);
	return rows[0].token;
}

async function deliveryOf(member: Member, kind: string): Promise<string | undefined> {
	const { rows } = await database().query<{ delivery: string }>(
		'select delivery from public.email_settings where profile_id = $1 and kind = $2',
		[member.id, kind]
	);
	return rows[0]?.delivery;
}
