import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { grantModerator, serviceClient } from '../../scripts/moderators';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowser } from '../support/browser';
import { createGroup } from '../support/groups';
import { closeDatabase, database, practitionersNamedWith } from '../support/privacy';
import { useSignedInPages } from '../support/sign-in';
import { membersNamedWith, type Member } from '../support/supabase';

const appUrl = inject('appUrl');

/**
 * Moderation from end to end, in a browser: a member reports a person on the map, a moderator
 * (granted with the admin command's function) suspends them from the queue, and the person is
 * gone from the map, the directory and their page; the reporter is told the outcome; the
 * suspended person sees why and can still export their data; the moderator lifts the suspension,
 * and the audit log has both. The reported person lives in Burkina Faso, where nobody else in the
 * browser tests does (see tests/support/privacy.ts), so the map's list there is theirs alone.
 */
const token = `e2e-mod-${randomUUID().slice(0, 6)}`;
const member = membersNamedWith(token);
const practitioner = practitionersNamedWith(token);
const ouagadougou = { lat: 12.3714, lng: -1.5197 };
const mapView = `?lat=${ouagadougou.lat}&lng=${ouagadougou.lng}&z=9`;

let reporter: Member;
let moderator: Member;
let reported: Member;
const reportedName = `${token} Idrissa`;
const details = `${token}: sends the same message to everyone, again and again`;

beforeAll(async () => {
	[reporter, moderator, reported] = await Promise.all([
		member('Reporter'),
		member('Moderator'),
		// On the map for everyone, at area precision.
		practitioner('Idrissa', ouagadougou)
	]);
	const { apiUrl, serviceKey } = inject('stack');
	await grantModerator(serviceClient(apiUrl, serviceKey), { email: moderator.email });
});

afterAll(async () => {
	const { apiUrl, serviceKey } = inject('stack');
	await serviceClient(apiUrl, serviceKey)
		.from('moderators')
		.delete()
		.eq('profile_id', moderator.id);
	await database().query('delete from public.groups where name like $1', [`${token}%`]);
	await closeDatabase();
});

/** Opens the map around Ouagadougou and waits until its list is drawn for that view. */
async function mapListAroundOuagadougou(page: Page) {
	await page.goto(`${appUrl}/map${mapView}`);
	await page.getByTestId('network-map').and(page.locator('[data-drawn-view]')).waitFor();
	return page.getByRole('region', { name: /^In view/ });
}

/** The directory's answer for this run's people: its summary, and whether it lists the person. */
async function directoryOfThisRun(page: Page) {
	await page.goto(`${appUrl}/directory?q=${token}`);
	const main = page.getByRole('main');
	return {
		summary: await main.getByRole('status').innerText(),
		listed: await main.getByRole('link', { name: reportedName, exact: true }).count()
	};
}

describe.skipIf(!inject('browserTests'))('reports and moderation', () => {
	const browser = useBrowser();
	const signedIn = useSignedInPages(browser);

	it('takes a report to a suspension, the person off the map, and back', async () => {
		// The reporter sees the person on the map and in the directory, and reports them.
		const reporting = await signedIn(reporter);
		const list = await mapListAroundOuagadougou(reporting);
		await list.getByRole('heading', { name: 'In view (1)' }).waitFor();
		await list.getByRole('button', { name: `Show ${reportedName} on the map` }).waitFor();
		// The reporter, the moderator (both members) and the person.
		expect(await directoryOfThisRun(reporting)).toEqual({
			summary: '3 practitioners matching your choices, in name order.',
			listed: 1
		});

		await reporting.goto(`${appUrl}/p/${reported.id}`);
		await reporting.getByRole('link', { name: `Report ${reportedName}` }).click();
		await reporting.getByRole('heading', { level: 1, name: `Report ${reportedName}` }).waitFor();
		await expectNoSeriousA11yViolations(reporting);
		// Without a reason, the form says so and keeps the details.
		const form = reporting.getByRole('form', { name: `Report ${reportedName}` });
		await form.getByLabel('Details (optional)').fill(details);
		await form.getByRole('button', { name: 'Send the report' }).click();
		await reporting.getByText('Choose the reason that fits best.').first().waitFor();
		expect(await form.getByLabel('Details (optional)').inputValue()).toBe(details);
		await expectNoSeriousA11yViolations(reporting);
		await form.getByRole('radio', { name: 'Spam' }).check();
		await form.getByRole('button', { name: 'Send the report' }).click();
		await reporting
			.getByRole('status')
			.getByText(
				'Thanks: a moderator will look at it. We will tell you the outcome, not the details.'
			)
			.waitFor();
		await expectNoSeriousA11yViolations(reporting);

		// The moderator finds it in the queue with its context, and suspends the person until lifted.
		const moderating = await signedIn(moderator);
		await moderating.goto(`${appUrl}/moderation`);
		await moderating.getByRole('heading', { level: 1, name: 'Moderation' }).waitFor();
		const report = moderating.getByRole('article', { name: reportedName });
		await report.waitFor();
		const shown = await report.innerText();
		expect(shown).toContain('Spam');
		expect(shown).toContain(details);
		expect(shown).toContain(`${token} Reporter`);
		// Moderators see the place strangers see: none for someone alone in their area (k = 3).
		expect(shown).toContain('Place shown to everyone\nNone');
		await expectNoSeriousA11yViolations(moderating);
		await report.getByRole('radio', { name: 'Until a moderator lifts it' }).check();
		await report.getByLabel('Note for the audit log (optional)').fill(`${token} repeated spam`);
		await report.getByRole('button', { name: `Suspend ${reportedName}` }).click();
		await moderating
			.getByRole('status')
			.getByText(`${reportedName} is suspended, and the reporter is told action was taken.`)
			.waitFor();
		const suspended = moderating.getByRole('region', { name: /^Suspended people/ });
		await suspended.getByText(`${reportedName}`, { exact: false }).first().waitFor();
		expect(await suspended.innerText()).toContain('until a moderator lifts it');
		expect(await report.count()).toBe(0);

		// The person is gone from the map, the directory and their page.
		const emptied = await mapListAroundOuagadougou(reporting);
		await emptied.getByRole('heading', { name: 'In view (0)' }).waitFor();
		expect(
			await emptied.getByRole('button', { name: `Show ${reportedName} on the map` }).count()
		).toBe(0);
		expect(await directoryOfThisRun(reporting)).toEqual({
			summary: '2 practitioners matching your choices, in name order.',
			listed: 0
		});
		const profile = await reporting.goto(`${appUrl}/p/${reported.id}`);
		expect(profile?.status()).toBe(404);

		// The reporter is told the outcome, and nothing of the other party.
		await reporting.goto(`${appUrl}/inbox`);
		const outcome = reporting
			.getByRole('main')
			.getByRole('listitem')
			.filter({ hasText: 'A moderator reviewed your report and took action.' });
		await outcome.waitFor();
		expect(await outcome.innerText()).not.toContain(reportedName);
		await expectNoSeriousA11yViolations(reporting);

		// The suspended person signs in, sees why, can still export, and cannot change anything.
		const suspendedPage = await signedIn(reported);
		await suspendedPage.goto(`${appUrl}/me`);
		const notice = suspendedPage.getByRole('region', {
			name: 'Your account is suspended until a moderator lifts it.'
		});
		await notice.waitFor();
		expect(await notice.innerText()).toContain(`${token} repeated spam`);
		await expectNoSeriousA11yViolations(suspendedPage);
		const exported = await suspendedPage.request.get(
			new URL(
				(await notice.getByRole('link', { name: 'export your data' }).getAttribute('href'))!,
				appUrl
			).href
		);
		expect(exported.status()).toBe(200);
		expect(JSON.stringify(await exported.json())).toContain(reportedName);
		// A write the database refuses them is said as the database says it, not as a server error.
		const refused = suspendedPage.waitForResponse(
			(response) => response.request().method() === 'POST' && response.url().includes('/me')
		);
		await suspendedPage.getByRole('button', { name: "Confirm I'm still here" }).click();
		expect((await refused).status()).toBe(403);
		await suspendedPage.getByRole('heading', { level: 1, name: 'Sorry' }).waitFor();
		expect(await suspendedPage.locator('h1 + p').innerText()).toMatch(/^Your account is suspended/);

		// The moderator lifts the suspension; the audit log has both actions.
		await suspended.getByRole('button', { name: `Lift the suspension of ${reportedName}` }).click();
		await moderating
			.getByRole('status')
			.getByText(`${reportedName}’s suspension is lifted.`)
			.waitFor();
		await moderating.getByText('Nobody is suspended.').waitFor();
		await moderating.getByText(/^No open reports\./).waitFor();
		const log = moderating.getByRole('table', { name: 'Moderation actions, newest first' });
		const rows = await log.getByRole('row').allInnerTexts();
		const ours = rows.filter((row) => /Suspended until lifted|Lifted a suspension/.test(row));
		expect(
			ours.slice(0, 2).map((row) => row.match(/Suspended until lifted|Lifted a suspension/)?.[0])
		).toEqual(['Lifted a suspension', 'Suspended until lifted']);
		await expectNoSeriousA11yViolations(moderating);

		// And they are back on the map.
		const back = await mapListAroundOuagadougou(reporting);
		await back.getByRole('heading', { name: 'In view (1)' }).waitFor();
	});

	it('works on a phone, by keyboard: a crew reported and hidden', async () => {
		const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
		const crewName = `${token} Ouaga Gardeners Crew`;
		const crewId = await createGroup({ kind: 'crew', name: crewName, at: ouagadougou });
		/** Whether the page is wider than the screen: a phone would scroll sideways. */
		const overflows = (page: Page) =>
			page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

		const reporting = await signedIn(reporter, phone);
		await reporting.goto(`${appUrl}/groups/${crewId}`);
		await reporting.getByRole('link', { name: `Report ${crewName}` }).press('Enter');
		const form = reporting.getByRole('form', { name: `Report ${crewName}` });
		await form.getByRole('radio', { name: 'Inappropriate' }).press('Space');
		await form.getByRole('button', { name: 'Send the report' }).press('Enter');
		await reporting
			.getByRole('status')
			.getByText(/^Thanks: a moderator will look at it/)
			.waitFor();
		expect(await overflows(reporting)).toBe(false);

		const moderating = await signedIn(moderator, phone);
		await moderating.goto(`${appUrl}/moderation`);
		const report = moderating.getByRole('article', { name: crewName });
		expect(await report.innerText()).toContain('Inappropriate');
		expect(await overflows(moderating)).toBe(false);
		await expectNoSeriousA11yViolations(moderating);
		await report.getByRole('button', { name: `Hide the item (${crewName})` }).press('Enter');
		await moderating
			.getByRole('status')
			.getByText(
				`${crewName} is hidden from everyone but moderators, and the reporter is told action was taken.`
			)
			.waitFor();
		const log = moderating.getByRole('table', { name: 'Moderation actions, newest first' });
		expect(await log.getByRole('row').nth(1).innerText()).toContain('Hid the item');
		expect(await overflows(moderating)).toBe(false);

		// Hidden: its page is a 404 for the reporter.
		expect((await reporting.goto(`${appUrl}/groups/${crewId}`))?.status()).toBe(404);
	});
});
