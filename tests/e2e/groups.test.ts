import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowserPage } from '../support/browser';
import { choosePlace } from '../support/places';
import { signIn } from '../support/sign-in';

const appUrl = inject('appUrl');

// Seeded ids and people (supabase/seed.sql).
const GHENT_PARENTS_CREW = '00000000-0000-4000-a000-000000000002';
const BRISTOL_MAKERS_CREW = '00000000-0000-4000-a000-000000000003';
const LYON_FACILITATORS_CREW = '00000000-0000-4000-a000-000000000004';
const GDANSK_TEACHERS_CREW = '00000000-0000-4000-a000-000000000009';
const TOVA = '00000000-0000-4000-8000-000000000023';

/** The group page's one action for the viewer, once it shows this state. */
async function joinPanel(page: Page, state: string) {
	const panel = page.locator(`.join-panel[data-state="${state}"]`);
	await panel.waitFor();
	return panel;
}

describe.skipIf(!inject('browserTests'))('starting and running a crew', () => {
	const { browser, currentPage } = useBrowserPage();

	it('starts a crew from a place searched for, lands on its page as host, and invites someone who accepts', async () => {
		const page = currentPage();
		const name = `Zaragoza Walkers ${randomUUID().slice(0, 4)}`;
		await signIn(page, 'sami@example.org');
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Start a crew' })
			.click();
		await page.getByRole('heading', { level: 1, name: 'Start a crew or congregation' }).waitFor();
		// "Use my location" is drawn once the page's JavaScript runs: the search works in place.
		await page.getByRole('button', { name: 'Use my location' }).waitFor();
		await expectNoSeriousA11yViolations(page);

		// Starting it without a name or a place is refused beside each, keeping what was typed.
		await page.getByLabel('Purpose').fill('Walking and talking on Sunday mornings.');
		await page.getByRole('button', { name: 'Start the group' }).click();
		const summary = page.getByRole('alert').filter({ hasText: 'The group was not started' });
		await summary.getByText('Give the group a name, like “Ghent Parents Crew”.').waitFor();
		await summary.getByText(/Choose where the group meets/).waitFor();
		expect(await page.getByLabel('Purpose').inputValue()).toBe(
			'Walking and talking on Sunday mornings.'
		);
		expect(await page.getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid')).toBe(
			'true'
		);
		await expectNoSeriousA11yViolations(page);

		await page.getByRole('textbox', { name: 'Name' }).fill(name);
		await page.getByLabel('Commitment').fill('8 weeks, then we review');
		await choosePlace(page, {
			label: 'Search for the town where the group meets',
			query: 'Zaragoza',
			place: /^Zaragoza, Spain/
		});
		await page.getByText(/^Meeting point: .*Zaragoza, Spain/).waitFor();
		await page.getByRole('button', { name: 'Start the group' }).click();

		await page.waitForURL(/\/groups\/[0-9a-f-]{36}\?started$/);
		const crewUrl = page.url().split('?')[0];
		await page.getByRole('heading', { level: 1, name }).waitFor();
		const hosting = await joinPanel(page, 'member');
		expect(await hosting.getByRole('heading').innerText()).toBe('You host this crew');
		const main = await page.getByRole('main').innerText();
		expect(main).toContain(`${name} is started, and you are its host.`);
		expect(main).toMatch(/near Zaragoza, ES/);
		expect(main).toContain('8 weeks, then we review');
		expect(main).toContain('5 open seats of 6');
		await expectNoSeriousA11yViolations(page);

		// A host invites from the profile of someone they can see.
		await page.goto(`${appUrl}/p/${TOVA}`);
		const invite = page.getByRole('region', { name: `Invite Tova Meadow to ${name}` });
		await invite.getByLabel('A short message (optional)').fill('Sunday walks, come along?');
		await invite.getByRole('button', { name: `Invite to ${name}` }).click();
		await page.getByRole('status').getByText(`Invited to ${name}`).waitFor();
		await expectNoSeriousA11yViolations(page);

		// Tova finds the invitation on their own page and accepts it.
		const tova = await (await browser().newContext()).newPage();
		await signIn(tova, 'tova@example.org');
		await tova.goto(`${appUrl}/me`);
		const own = tova.getByRole('region', { name: 'Your crews and congregations' });
		await own.getByText('Sunday walks, come along?').waitFor();
		await expectNoSeriousA11yViolations(tova);
		await own.getByRole('button', { name: `Accept the invitation to ${name}` }).click();
		await tova.getByRole('status').getByText(`Welcome to ${name}: you are a member now.`).waitFor();
		await own.getByRole('link', { name }).click();
		const member = await joinPanel(tova, 'member');
		expect(await member.getByRole('heading').innerText()).toBe('You are a member');
		const members = tova.getByRole('region', { name: 'Who is in it' });
		expect(await members.getByRole('link').allInnerTexts()).toEqual([
			'Sami Larkspur',
			'Tova Meadow'
		]);
		await tova.context().close();

		// The host pauses it from its edit page.
		await page.goto(crewUrl);
		await page.getByRole('link', { name: `Change ${name}` }).click();
		await page.getByRole('heading', { level: 1, name: `Change ${name}` }).waitFor();
		await page.getByRole('button', { name: 'Use my location' }).waitFor();
		await expectNoSeriousA11yViolations(page);
		await page.getByRole('radio', { name: 'Paused' }).check();
		await page.getByRole('button', { name: 'Save changes' }).click();
		await page.waitForURL(/\?saved$/);
		await page.getByRole('status').getByText('Your changes are saved.').waitFor();
		expect(await page.getByRole('main').innerText()).toContain('Paused');
	});
});

describe.skipIf(!inject('browserTests'))('starting a crew without JavaScript', () => {
	const { currentPage } = useBrowserPage({ javaScriptEnabled: false });

	it('searches places, takes one, and starts the crew with plain form posts', async () => {
		const page = currentPage();
		const name = `Valladolid Readers ${randomUUID().slice(0, 4)}`;
		await signIn(page, 'rosa@example.org');
		await page.goto(`${appUrl}/groups/new?invite=${TOVA}`);
		await page.getByRole('textbox', { name: 'Name' }).fill(name);
		await choosePlace(page, {
			label: 'Search for the town where the group meets',
			query: 'Valladolid',
			place: /^Valladolid, Spain/
		});
		await page.getByText(/^Meeting point: .*Valladolid, Spain/).waitFor();
		// What was typed before the searches is still there.
		expect(await page.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(name);
		await page.getByRole('button', { name: 'Start it and invite them' }).click();

		await page.waitForURL(/\/groups\/[0-9a-f-]{36}\?started&invited=1$/);
		await page.getByRole('heading', { level: 1, name }).waitFor();
		expect(await page.getByRole('main').innerText()).toContain('One invitation is sent.');
	});
});

describe.skipIf(!inject('browserTests'))('a group page’s one action, by viewer', () => {
	const { currentPage } = useBrowserPage();

	it('asks a visitor who is not signed in to sign in, and hides the hosts', async () => {
		const page = currentPage();
		await page.goto(`${appUrl}/groups/${BRISTOL_MAKERS_CREW}`);
		const panel = await joinPanel(page, 'signedOut');
		await panel.getByRole('link', { name: 'Sign in to ask to join' }).click();
		await page.waitForURL(/\/login\?/);
		expect(new URL(page.url()).searchParams.get('next')).toBe(`/groups/${BRISTOL_MAKERS_CREW}`);
		await page.goBack();
		await joinPanel(page, 'signedOut');
		expect(await page.getByRole('main').innerText()).toContain('Sign in to see who hosts it');
		expect(await page.getByRole('region', { name: 'Who is in it' }).count()).toBe(0);
		await expectNoSeriousA11yViolations(page);
	});

	it('lets a member ask to join with a message, and take the request back', async () => {
		const page = currentPage();
		await signIn(page, 'lumi@example.org');
		await page.goto(`${appUrl}/groups/${BRISTOL_MAKERS_CREW}`);
		const panel = await joinPanel(page, 'canAsk');
		await panel.getByLabel('A short message to its members (optional)').fill('I make quilts.');
		await panel.getByRole('button', { name: 'Ask to join' }).click();

		const pending = await joinPanel(page, 'requested');
		expect(await pending.innerText()).toContain('I make quilts.');
		await page
			.getByRole('status')
			.getByText(/You asked to join Bristol Makers Crew/)
			.waitFor();
		await expectNoSeriousA11yViolations(page);

		await pending.getByRole('button', { name: 'Withdraw your request' }).click();
		await joinPanel(page, 'canAsk');
	});

	it('shows the database’s refusal beside the request, keeping the message', async () => {
		const page = currentPage();
		// Bram, in Ghent Parents Crew, has blocked Wren: the refusal does not say why.
		await signIn(page, 'wren@example.org');
		await page.goto(`${appUrl}/groups/${GHENT_PARENTS_CREW}`);
		const panel = await joinPanel(page, 'canAsk');
		await panel.getByLabel('A short message to its members (optional)').fill('Hello, parents!');
		await panel.getByRole('button', { name: 'Ask to join' }).click();
		await panel
			.getByRole('alert')
			.getByText('Ghent Parents Crew is not taking a request from you at the moment.')
			.waitFor();
		expect(await panel.getByRole('textbox').inputValue()).toBe('Hello, parents!');
		await expectNoSeriousA11yViolations(page);
	});

	it('says why a full or paused crew takes nobody', async () => {
		const page = currentPage();
		await signIn(page, 'lumi@example.org');
		await page.goto(`${appUrl}/groups/${LYON_FACILITATORS_CREW}`);
		const full = await joinPanel(page, 'notTaking');
		expect(await full.innerText()).toContain(
			'Lyon Facilitators Crew is full: there is no seat left.'
		);
		expect(await full.getByRole('button').count()).toBe(0);

		await page.goto(`${appUrl}/groups/${GDANSK_TEACHERS_CREW}`);
		const paused = await joinPanel(page, 'notTaking');
		expect(await paused.innerText()).toContain('is paused and takes nobody new for now.');
	});

	it('gives a host the requests to decide, the member list and the host tools', async () => {
		const page = currentPage();
		await signIn(page, 'ada@example.org');
		await page.goto(`${appUrl}/groups/${GHENT_PARENTS_CREW}`);
		await joinPanel(page, 'member');
		const requests = page.getByRole('region', { name: 'Requests to join' });
		expect(await requests.innerText()).toContain('Juno Pereira');
		expect(await requests.innerText()).toContain('We are moving to Ghent in the spring');
		await requests.getByRole('button', { name: 'Accept Juno Pereira' }).waitFor();
		const members = page.getByRole('region', { name: 'Who is in it' });
		expect(await members.getByRole('link').allInnerTexts()).toEqual([
			'Ada Fernhill',
			'Bram Oakes',
			'Noor de Vries'
		]);
		await members.locator('summary', { hasText: 'Bram Oakes' }).click();
		await members.getByRole('button', { name: 'Remove Bram Oakes' }).waitFor();
		await page.getByRole('region', { name: 'Hosting' }).waitFor();
		await expectNoSeriousA11yViolations(page);

		await page.goto(`${appUrl}/me`);
		const own = page.getByRole('region', { name: 'Your crews and congregations' });
		await own.getByText(/Dalia Brightwater invited you to/).waitFor();
		expect(await own.getByRole('link', { name: 'Ghent Parents Crew' }).count()).toBe(1);
	});
});

describe.skipIf(!inject('browserTests'))('the list of crews and congregations', () => {
	const { currentPage } = useBrowserPage();

	it('lists those near a place with a seat, nearest first', async () => {
		const page = currentPage();
		await page.goto(`${appUrl}/groups`);
		await page.getByLabel('Near a place').fill('Gent');
		await page.getByLabel('How far from it').selectOption('50');
		await page.getByLabel('With open seats').check();
		await page.getByRole('button', { name: 'Show groups' }).click();
		await page.waitForURL(/near=Gent/);
		const names = await page.getByRole('main').getByRole('heading', { level: 2 }).allInnerTexts();
		expect(names.slice(0, 2).sort()).toEqual(['Ghent Cyclists Crew', 'Ghent Parents Crew']);
		expect(names).toContain('Scheldt Valley Congregation');
		expect(names).not.toContain('Bristol Makers Crew');
		await expectNoSeriousA11yViolations(page);

		await page.getByRole('link', { name: 'Ghent Parents Crew' }).click();
		await page.getByRole('heading', { level: 1, name: 'Ghent Parents Crew' }).waitFor();
	});

	it('says what to do when nothing matches', async () => {
		const page = currentPage();
		await page.goto(`${appUrl}/groups?forming=1&mode=online`);
		await page
			.getByText('No crew or congregation you can see matches all of these choices.')
			.waitFor();
		await expectNoSeriousA11yViolations(page);

		// Starting one asks a visitor to sign in first, and comes back.
		await page.getByRole('link', { name: 'start a crew', exact: true }).click();
		await page.waitForURL(/\/login\?/);
		expect(new URL(page.url()).searchParams.get('next')).toBe('/groups/new');
	});
});
