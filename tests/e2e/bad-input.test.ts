import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { PLAIN_TEXT_MESSAGE } from '../../src/lib/plain-text';
import { appSession, expiredSessionCookie } from '../support/app-session';

/**
 * Bad input to the built app, as production serves it (adapter-node), without a browser: a NUL
 * byte or a text-direction override in an address, searches longer than any real one, forms
 * holding characters no name should, and a form posted from an account deleted meanwhile. Each
 * gets a clear 4xx answer, never a 500.
 */

const appUrl = inject('appUrl');
const VIEW = 'west=-10&south=40&east=20&north=60&zoom=4';

function get(path: string, headers: Record<string, string> = {}) {
	return fetch(`${appUrl}${path}`, { redirect: 'manual', headers });
}

/** A form post from the app's own pages, as a browser without JavaScript sends it. */
function post(
	path: string,
	{ cookie, fields }: { cookie: string; fields: Record<string, string> }
) {
	return fetch(`${appUrl}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			cookie,
			origin: appUrl,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html'
		},
		body: new URLSearchParams(fields)
	});
}

/** A profile form a person could save, with `changes`. */
function profileForm(changes: Record<string, string> = {}): Record<string, string> {
	return { display_name: 'Plain Name', precision: 'area', visibility: 'members', ...changes };
}

describe.skipIf(!inject('browserTests'))('bad input to the built app', () => {
	describe('a NUL byte in the address', () => {
		const addresses = [
			'/map/search?q=Utr%00echt',
			'/places?q=Utr%00echt',
			'/directory?q=%00',
			'/directory?near=Utr%00echt',
			`/map/view?${VIEW}&q=a%00b`,
			`/map/view?${VIEW}&language=%00`,
			'/map?q=%00',
			'/gatherings?near=Utr%00echt',
			'/groups?q=%00',
			'/p/%00',
			'/gatherings/feed.ics?near=%00'
		];
		it.each(addresses)('is refused with a 400 saying why: %s', async (address) => {
			const response = await get(address);
			expect(response.status).toBe(400);
			expect(await response.text()).toMatch(/control or text-direction character/);
		});

		it('answers JSON to whoever asks for JSON', async () => {
			const response = await get('/map/search?q=%00', { accept: 'application/json' });
			expect(response.status).toBe(400);
			const body = (await response.json()) as { message: string };
			expect(body.message).toMatch(/NUL byte/);
		});
	});

	it('refuses other control characters and a right-to-left override in a search', async () => {
		for (const address of [
			'/directory?q=a%07b',
			'/directory?q=%E2%80%AEnelA',
			'/places?q=%1BUtr'
		]) {
			const response = await get(address);
			expect(response.status, address).toBe(400);
		}
	});

	describe('a search longer than any real one', () => {
		const long = (length: number) => 'Utrecht'.repeat(length).slice(0, length);
		const addresses = [
			`/places?q=${long(3000)}`,
			`/places?q=${long(101)}`,
			`/map/search?q=${long(1000)}`,
			`/map/view?${VIEW}&q=${long(101)}`,
			`/map/view?${VIEW}${Array.from({ length: 21 }, (_, i) => `&language=L${i}`).join('')}`,
			`/directory?near=${long(1000)}`,
			`/directory?q=${long(101)}`,
			`/groups?near=${long(101)}`,
			`/gatherings?near=${long(101)}`,
			`/gatherings?q=${long(101)}`,
			`/gatherings/feed.ics?near=${long(101)}`
		];
		it.each(addresses.map((address) => [`${address.slice(0, 60)}…`, address]))(
			'is refused with a 400 saying how long a search may be: %s',
			async (_, address) => {
				const response = await get(address);
				expect(response.status).toBe(400);
				expect(await response.text()).toMatch(/at most \d+ (characters|languages)/);
			}
		);

		it('leaves a search of the longest length taken alone', async () => {
			const response = await get(`/places?q=${long(100)}`);
			expect(response.status).toBe(200);
		});
	});

	describe('the profile form', () => {
		it('refuses a right-to-left override in a name, saying so beside the field', async () => {
			const person = await appSession(`bidi-${randomUUID().slice(0, 8)}@example.test`);
			const response = await post('/welcome?/save', {
				cookie: person.cookie,
				fields: profileForm({ display_name: 'Ada \u202enilhgnireF' })
			});
			expect(response.status).toBe(400);
			const page = await response.text();
			// The message is the field's own, which the field names as describing it.
			expect(page).toMatch(
				new RegExp(`id="display-name-error"[^>]*>${PLAIN_TEXT_MESSAGE.slice(0, 40)}`)
			);
			expect(page).toMatch(/aria-describedby="display-name-error/);
			const { data } = await person.client
				.from('profiles')
				.select('display_name')
				.eq('id', person.userId)
				.single();
			expect(data?.display_name).toBe('');
		});

		it('refuses a control character in a name', async () => {
			const person = await appSession(`bell-${randomUUID().slice(0, 8)}@example.test`);
			const response = await post('/welcome?/save', {
				cookie: person.cookie,
				fields: profileForm({ display_name: 'Ada\u0007 Fernhill' })
			});
			expect(response.status).toBe(400);
			expect(await response.text()).toContain(PLAIN_TEXT_MESSAGE.slice(0, 40));
		});

		it('refuses a NUL byte anywhere in a form with a 400', async () => {
			const person = await appSession(`nul-${randomUUID().slice(0, 8)}@example.test`);
			const response = await post('/welcome?/save', {
				cookie: person.cookie,
				fields: profileForm({ bio: 'Hello\u0000' })
			});
			expect(response.status).toBe(400);
		});

		it('answers a save from an account deleted meanwhile by asking to sign in, not a 500', async () => {
			const person = await appSession(`gone-${randomUUID().slice(0, 8)}@example.test`);
			const saved = await post('/welcome?/save', { cookie: person.cookie, fields: profileForm() });
			expect(saved.status).toBe(303);
			const { error } = await person.client.rpc('delete_my_account');
			expect(error).toBeNull();

			// Its cookie as it was, and as it is an hour later, once its access token has run out.
			for (const cookie of [person.cookie, expiredSessionCookie(person)]) {
				for (const path of ['/me?/save', '/welcome?/save']) {
					const response = await post(path, { cookie, fields: profileForm() });
					expect(response.status, path).toBe(303);
					expect(response.headers.get('location'), path).toMatch(/^\/login\?/);
				}
			}
			const page = await get('/me', { cookie: person.cookie });
			expect(page.status).toBe(303);
			expect(page.headers.get('location')).toMatch(/^\/login\?/);
		});
	});
});
