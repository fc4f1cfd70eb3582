import { inject } from 'vitest';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { useBrowserPage } from '../support/browser';
import { closeDatabase, database } from '../support/privacy';
import { signIn } from '../support/sign-in';
import { memberWithProfile } from '../support/supabase';

const appUrl = inject('appUrl');

/** How many sessions the auth server holds for someone: what their access tokens still rest on. */
async function sessionsOf(userId: string): Promise<number> {
	const { rows } = await database().query<{ count: number }>(
		'select count(*)::int as count from auth.sessions where user_id = $1',
		[userId]
	);
	return rows[0].count;
}

afterAll(closeDatabase);

describe.skipIf(!inject('browserTests'))('signing out', () => {
	const { currentPage } = useBrowserPage();

	it('ends every session of theirs at the auth server, this browser’s and another device’s', async () => {
		const page = currentPage();
		// Signed in on "another device" first: through the API, as a phone's browser would be.
		const member = await memberWithProfile('e2e-sign-out');
		await signIn(page, member.email);
		expect(await sessionsOf(member.id)).toBe(2);

		await page.goto(`${appUrl}/logout`);
		await page.getByText('every browser and on every device').waitFor();
		await expectNoSeriousA11yViolations(page);
		await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL(`${appUrl}/`);

		expect(await sessionsOf(member.id)).toBe(0);
		expect(await page.getByText('Signed in as').count()).toBe(0);
		const elsewhere = await member.client.auth.getUser();
		expect(elsewhere.data.user).toBeNull();
	});
});
