import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowser } from '../support/browser';
import { rsvpPanel } from '../support/gatherings';
import { choosePlace } from '../support/places';
import { signIn } from '../support/sign-in';

const appUrl = inject('appUrl');

// Seeded gatherings (supabase/seed.sql).
const NETWORK_CALL = '00000000-0000-4000-a000-000000000018';

/** A page in a fresh context (no cookie carried over), with or without JavaScript. */
async function freshPage(browser: Browser, javaScriptEnabled = true): Promise<Page> {
	return (await browser.newContext({ javaScriptEnabled })).newPage();
}

/** The day `days` from today, as a date field takes it. */
function dayFromNow(days: number): string {
	return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe.skipIf(!inject('browserTests'))('gatherings', () => {
	const browser = useBrowser();
	const pages: Page[] = [];
	async function page(javaScriptEnabled = true) {
		const opened = await freshPage(browser(), javaScriptEnabled);
		pages.push(opened);
		return opened;
	}
	afterEach(async () => {
		await Promise.all(pages.splice(0).map((opened) => opened.context().close()));
	});

	it('lists and filters gatherings without JavaScript, upcoming and past', async () => {
		const visitor = await page(false);
		await visitor.goto(`${appUrl}/gatherings`);
		await visitor.getByRole('heading', { level: 1, name: 'Gatherings' }).waitFor();
		const list = visitor.getByRole('main');
		await list.getByRole('link', { name: 'European Summer Camp 2027' }).waitFor();
		// Members-only ones are not listed to a visitor.
		expect(await list.getByRole('link', { name: 'Facilitation Workshop' }).count()).toBe(0);

		const filters = visitor.getByRole('form', { name: 'Find gatherings' });
		await filters.getByLabel('Camp').check();
		await filters.getByLabel('Near a place').fill('Erfurt');
		await filters.getByLabel('How far from it').selectOption('200');
		await filters.getByRole('button', { name: 'Show gatherings' }).click();
		await visitor.waitForURL(/[?&]kind=camp/);
		expect(await list.getByRole('status').innerText()).toMatch(
			/^1 upcoming gathering shared with everyone matching your choices, within 200 km of Erfurt/
		);
		await list.getByRole('link', { name: 'European Summer Camp 2027' }).waitFor();
		expect(await list.getByRole('link', { name: /Blue Ridge/ }).count()).toBe(0);
		expect(await filters.getByLabel('Camp').isChecked()).toBe(true);

		await filters.getByLabel('Show').selectOption('past');
		await filters.getByRole('button', { name: 'Show gatherings' }).click();
		await visitor.getByRole('heading', { level: 1, name: 'Past gatherings' }).waitFor();
		await list.getByRole('link', { name: 'European Summer Camp 2026' }).waitFor();

		// A bad parameter lists nothing and says what to change.
		await visitor.goto(`${appUrl}/gatherings?kind=party`);
		await visitor.getByRole('alert').getByText('“party” is not a kind of gathering').waitFor();
	});

	it('has no serious accessibility problems on the list, filtered, empty or refused', async () => {
		const visitor = await page();
		for (const query of [
			'',
			'?kind=camp&near=Erfurt&km=200',
			'?q=nothing-matches-this',
			'?kind=party'
		]) {
			await visitor.goto(`${appUrl}/gatherings${query}`);
			await visitor.getByRole('heading', { level: 1, name: 'Gatherings' }).waitFor();
			await expectNoSeriousA11yViolations(visitor);
		}
		await visitor.getByRole('alert').getByText('“party” is not a kind of gathering').waitFor();
	});

	it('is drafted without JavaScript, with plain form posts, then published', async () => {
		const name = `Tarn Day ${randomUUID().slice(0, 4)}`;
		const host = await page(false);
		await signIn(host, 'vik@example.org');
		await host.goto(`${appUrl}/gatherings/new`);
		await host.getByRole('textbox', { name: 'Name' }).fill(name);
		await host.getByLabel('First day').fill(dayFromNow(45));
		await host.getByLabel('Starts at').fill('10:00');
		await host.getByLabel('Ends at').fill('16:00');
		await host.getByLabel('Time zone').fill('Europe/London');
		await host.getByLabel('Everyone').check();
		await choosePlace(host, {
			label: 'Search for the town of the venue',
			query: 'Lancaster',
			place: /^Lancaster, .*United Kingdom/
		});
		// What was typed before the search is still there.
		expect(await host.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(name);
		await host.getByRole('button', { name: 'Save as a draft' }).click();
		await host.waitForURL(/\/gatherings\/[0-9a-f-]{36}\?saved$/);
		const gatheringUrl = host.url().split('?')[0];
		await host.getByText('Draft: only its hosts see it', { exact: true }).waitFor();
		await host
			.getByRole('status')
			.getByText(`${name} is saved as a draft: only its hosts see it.`)
			.waitFor();

		// Publishing asks for the venue's address first, beside its field.
		await host.goto(`${gatheringUrl}/edit`);
		await host.getByRole('button', { name: 'Publish' }).click();
		await host
			.getByText('Give the venue’s address before publishing: people who come need it.')
			.first()
			.waitFor();
		await host.getByLabel('Venue address (in person)').fill('Market Square, Lancaster');
		await host.getByRole('button', { name: 'Publish' }).click();
		await host.waitForURL(`${gatheringUrl}?published`);
		await rsvpPanel(host, 'host');

		// Anyone signed out now finds it, without its venue.
		const visitor = await page(false);
		await visitor.goto(gatheringUrl);
		await visitor.getByRole('heading', { level: 1, name }).waitFor();
		expect(await visitor.getByText('Market Square, Lancaster').count()).toBe(0);
	});

	it('shows a repeating call’s next dates, cancelled ones marked, and asks a visitor to sign in', async () => {
		const visitor = await page();
		await visitor.goto(`${appUrl}/gatherings/${NETWORK_CALL}`);
		await visitor
			.getByRole('heading', { level: 1, name: 'Microsolidarity Network Call' })
			.waitFor();
		await visitor.getByText('Every month on the first Tuesday').waitFor();
		const dates = visitor.getByRole('region', { name: 'Next dates' });
		expect(await dates.getByRole('listitem').count()).toBeGreaterThan(0);
		const panel = await rsvpPanel(visitor, 'signedOut');
		await panel.getByRole('link', { name: 'Sign in to say you are coming' }).waitFor();
		// The joining link is for hosts and people with a place only.
		expect(await visitor.getByText('meet.example.org').count()).toBe(0);
		await expectNoSeriousA11yViolations(visitor);
	});

	it('is created, refused field by field, published, answered, waitlisted and moved up', async () => {
		const name = `Fjord Workshop ${randomUUID().slice(0, 4)}`;
		const host = await page();
		await signIn(host, 'gus@example.org');
		await host
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Gatherings' })
			.click();
		await host.getByRole('link', { name: 'Create a gathering' }).click();
		await host.getByRole('heading', { level: 1, name: 'Create a gathering' }).waitFor();
		// Drawn once the page's JavaScript runs: the place search works in place.
		await host.getByRole('button', { name: 'Use my location' }).waitFor();
		await expectNoSeriousA11yViolations(host);

		// Publishing an empty form is refused beside each field, keeping what was typed.
		await host.getByLabel('Description').fill('An afternoon by the water.');
		await host.getByRole('button', { name: 'Publish' }).click();
		const summary = host.getByRole('alert').filter({ hasText: 'The gathering was not saved' });
		await summary
			.getByText('Give the gathering a name, like “North Sea Summer Camp 2027”.')
			.waitFor();
		await summary.getByText('Give the first day, like 2027-07-10.').waitFor();
		expect(await host.getByLabel('Description').inputValue()).toBe('An afternoon by the water.');
		expect(await host.getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid')).toBe(
			'true'
		);
		await expectNoSeriousA11yViolations(host);

		await host.getByLabel('Workshop').check();
		await host.getByRole('textbox', { name: 'Name' }).fill(name);
		await host.getByLabel('First day').fill(dayFromNow(30));
		await host.getByLabel('Starts at').fill('14:00');
		await host.getByLabel('Ends at').fill('13:00');
		await host.getByLabel('Time zone').fill('Europe/Oslo');
		await choosePlace(host, {
			label: 'Search for the town of the venue',
			query: 'Bergen',
			place: /^Bergen, .*Norway/
		});
		await host.getByLabel('Venue address').fill('Bryggen 1, Bergen');
		await host.getByRole('textbox', { name: 'Places' }).fill('1');
		await host.getByRole('button', { name: 'Publish' }).click();
		const endsAt = host.getByLabel('Ends at');
		await expect.poll(() => endsAt.getAttribute('aria-invalid')).toBe('true');
		expect(await endsAt.getAttribute('aria-describedby')).toContain('gathering-ends-time-error');
		await host.getByText('It ends after it starts: choose a later end.').first().waitFor();

		await endsAt.fill('17:00');
		await host.getByRole('button', { name: 'Publish' }).click();
		await host.waitForURL(/\/gatherings\/[0-9a-f-]{36}\?published$/);
		const gatheringUrl = host.url().split('?')[0];
		await host.getByRole('heading', { level: 1, name }).waitFor();
		await host.getByRole('status').getByText(`${name} is published`).waitFor();
		await rsvpPanel(host, 'host');
		await host
			.getByRole('region', { name: 'How to get there' })
			.getByText('Bryggen 1, Bergen')
			.waitFor();
		expect(await host.getByRole('main').innerText()).toContain('1 place left of 1');
		await expectNoSeriousA11yViolations(host);

		// The first to answer takes the place and sees the venue.
		const first = await page();
		await signIn(first, 'oren@example.org');
		await first.goto(gatheringUrl);
		let panel = await rsvpPanel(first, 'unanswered');
		expect(await first.getByText('Bryggen 1, Bergen').count()).toBe(0);
		await panel.getByRole('button', { name: 'Going', exact: true }).click();
		panel = await rsvpPanel(first, 'confirmed');
		await first.getByRole('status').getByText(`You are going to ${name}`).waitFor();
		await first
			.getByRole('region', { name: 'How to get there' })
			.getByText('Bryggen 1, Bergen')
			.waitFor();
		await expectNoSeriousA11yViolations(first);

		// The next joins the waitlist, and sees no venue.
		const second = await page();
		await signIn(second, 'mateo@example.org');
		await second.goto(gatheringUrl);
		await (
			await rsvpPanel(second, 'unanswered')
		)
			.getByRole('button', { name: 'Join the waitlist' })
			.click();
		await rsvpPanel(second, 'waitlisted');
		expect(await second.getByText('Bryggen 1, Bergen').count()).toBe(0);

		// The first gives up their place; the waitlist moves.
		await panel.getByRole('button', { name: 'Not going' }).click();
		await rsvpPanel(first, 'not_going');
		await second.reload();
		await rsvpPanel(second, 'confirmed');
		await second.getByText('Bryggen 1, Bergen').waitFor();

		// The host sees everyone who answered, and downloads them.
		await host.goto(`${gatheringUrl}/rsvps`);
		await host.getByRole('heading', { level: 1, name: `Sign-ups for ${name}` }).waitFor();
		const going = host.getByRole('region', { name: /^Going/ });
		await going.getByRole('link', { name: 'Mateo Rivers' }).waitFor();
		await host
			.getByRole('region', { name: 'Not coming' })
			.getByRole('link', { name: 'Oren Blackthorn' })
			.waitFor();
		await expectNoSeriousA11yViolations(host);
		const csv = await host.request.get(`${gatheringUrl}/attendees.csv`);
		expect(csv.status()).toBe(200);
		expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
		const lines = (await csv.text()).split('\r\n');
		expect(lines[0]).toBe('Name,Place,Answer,Host,Answered at (UTC)');
		expect(
			lines.some((line) => line.startsWith('Mateo Rivers,') && line.includes(',Going,no,'))
		).toBe(true);
		// Nobody else downloads it.
		const refused = await second.request.get(`${gatheringUrl}/attendees.csv`);
		expect(refused.status()).toBe(403);

		// The host's edit page keeps the form as saved, and is checked like the new one.
		await host.goto(`${gatheringUrl}/edit`);
		await host.getByRole('heading', { level: 1, name: `Change ${name}` }).waitFor();
		expect(await host.getByLabel('Time zone').inputValue()).toBe('Europe/Oslo');
		expect(await host.getByLabel('Starts at').inputValue()).toBe('14:00');
		await host.getByRole('textbox', { name: 'Places' }).fill('0');
		await host.getByRole('button', { name: 'Save changes' }).click();
		await host
			.getByText(/whole number from 1/)
			.first()
			.waitFor();
		await expectNoSeriousA11yViolations(host);

		// Its people see it on their own page.
		await second.goto(`${appUrl}/me`);
		const own = second.getByRole('region', { name: 'Your gatherings' });
		await own.getByRole('link', { name }).waitFor();
		expect(await own.innerText()).toContain('Going');
	});

	it('lets a member opt in to gathering invitations, and out again', async () => {
		const member = await page();
		await signIn(member, 'uma@example.org');
		await member.goto(`${appUrl}/me`);
		const section = member.getByRole('region', { name: 'Invitations to gatherings near you' });
		await section.getByText('You are not invited to gatherings.').waitFor();
		await section.getByRole('button', { name: 'Invite me to gatherings near me' }).click();
		await section.getByText('You are invited to gatherings near you.').waitFor();
		await member.reload();
		await section.getByRole('button', { name: 'Stop inviting me' }).click();
		await section.getByText('You are not invited to gatherings.').waitFor();
		expect(
			await section.getByRole('button', { name: 'Invite me to gatherings near me' }).count()
		).toBe(1);
	});
});
