import { describe, expect, it } from 'vitest';
import { composeEmail, type OutboxEmail, type OutboxNotification } from './compose';

const SITE = 'https://map.example.org/';
const FROM = 'Microsolidarity map <map@example.org>';
const GROUP_ID = '7b0f1b1e-2f55-4c71-9d3e-0a5b2e6c9d10';
const TOKEN = '5d1c0c3a-8b8e-4f3e-9a57-3c2f1d0e9b88';

const outbox = (overrides: Partial<OutboxEmail> = {}): OutboxEmail => ({
	id: 'a1b2c3d4-0000-4000-8000-000000000001',
	to_address: 'bo@example.org',
	digest: false,
	settings_token: TOKEN,
	...overrides
});

const notification = (overrides: Partial<OutboxNotification> = {}): OutboxNotification => ({
	id: 'n-1',
	kind: 'request_received',
	group_id: GROUP_ID,
	actor_name: 'Ada Fernhill',
	group_name: 'Bristol Makers Crew',
	gathering_id: null,
	gathering_name: null,
	body: 'Hello! I make furniture.\nCould I join?',
	created_at: '2026-12-03T09:00:00Z',
	...overrides
});

describe('when one notification is sent at once', () => {
	const email = composeEmail({
		email: outbox(),
		notifications: [notification()],
		siteUrl: SITE,
		from: FROM
	});

	it('says what happened in its subject, to the outbox row’s address', () => {
		expect(email).toMatchObject({
			from: FROM,
			to: 'bo@example.org',
			subject: 'Ada Fernhill asked to join Bristol Makers Crew'
		});
	});

	it('quotes the message and links to the group and to this kind’s setting', () => {
		expect(email.text).toBe(`Ada Fernhill asked to join Bristol Makers Crew, with this message:

> Hello! I make furniture.
> Could I join?

Open the group’s page: https://map.example.org/groups/${GROUP_ID}

--
You get an email at once about requests to join your groups. Change that: https://map.example.org/email-settings/${TOKEN}?kind=request_received
`);
		expect(email.html).toContain(
			'<blockquote><p>Hello! I make furniture.<br>Could I join?</p></blockquote>'
		);
		expect(email.html).toContain(
			`<a href="https://map.example.org/email-settings/${TOKEN}?kind=request_received">Change that</a>`
		);
	});

	it('offers the setting as List-Unsubscribe, and is one message however often it is sent', () => {
		expect(email.headers['List-Unsubscribe']).toBe(
			`<https://map.example.org/email-settings/${TOKEN}?kind=request_received>`
		);
		expect(email.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
		expect(email.messageId).toBe('<a1b2c3d4-0000-4000-8000-000000000001@microsolidarity-map>');
	});

	it('leaves out the quote when nothing was written', () => {
		const plain = composeEmail({
			email: outbox(),
			notifications: [notification({ kind: 'member_left', body: '' })],
			siteUrl: SITE,
			from: FROM
		});
		expect(plain.text.split('\n').slice(0, 2)).toEqual([
			'A member left Bristol Makers Crew.',
			`Open the group’s page: https://map.example.org/groups/${GROUP_ID}`
		]);
		expect(plain.html).not.toContain('blockquote');
	});
});

describe('when names and messages hold markup', () => {
	it('escapes them in the HTML part and keeps them as written in the text part', () => {
		const email = composeEmail({
			email: outbox(),
			notifications: [
				notification({ actor_name: '<b>Eve</b>', body: '<img src=x onerror=alert(1)>' })
			],
			siteUrl: SITE,
			from: FROM
		});
		expect(email.html).not.toContain('<img');
		expect(email.html).not.toContain('<b>Eve');
		expect(email.html).toContain('&lt;b&gt;Eve&lt;/b&gt; asked to join');
		expect(email.text).toContain('> <img src=x onerror=alert(1)>');
	});

	it('keeps the subject on one line', () => {
		const email = composeEmail({
			email: outbox(),
			notifications: [notification({ group_name: 'Bristol\r\nBcc: everyone@example.org' })],
			siteUrl: SITE,
			from: FROM
		});
		expect(email.subject).toBe('Ada Fernhill asked to join Bristol Bcc: everyone@example.org');
	});
});

describe('when a daily summary tells several notifications', () => {
	const email = composeEmail({
		email: outbox({ digest: true }),
		notifications: [
			notification({
				id: 'n-2',
				kind: 'member_joined',
				body: 'Cy Okafor',
				created_at: '2026-12-03T15:00:00Z'
			}),
			notification({ id: 'n-1', created_at: '2026-12-03T09:00:00Z' }),
			notification({
				id: 'n-3',
				kind: 'invitation_received',
				actor_name: 'Dee Marsh',
				group_name: 'Ghent Crew',
				body: '',
				created_at: '2026-12-03T18:00:00Z'
			})
		],
		siteUrl: SITE,
		from: FROM
	});

	it('counts them in its subject', () => {
		expect(email.subject).toBe('Your daily summary: 3 updates');
	});

	it('tells each, oldest first, with its own link, and links to every setting at once', () => {
		expect(email.text)
			.toBe(`Here is what happened on the microsolidarity map since your last summary.

Ada Fernhill asked to join Bristol Makers Crew, with this message:

> Hello! I make furniture.
> Could I join?

Open the group’s page: https://map.example.org/groups/${GROUP_ID}

Cy Okafor joined Bristol Makers Crew.
Open the group’s page: https://map.example.org/groups/${GROUP_ID}

Dee Marsh invited you to join Ghent Crew.
Open your inbox: https://map.example.org/inbox

Your inbox: https://map.example.org/inbox

--
You get these as a daily summary. Choose which emails you get, and when: https://map.example.org/email-settings/${TOKEN}
`);
		expect(email.headers['List-Unsubscribe']).toBe(
			`<https://map.example.org/email-settings/${TOKEN}>`
		);
		expect(email.html.match(/<section>/g)).toHaveLength(3);
	});

	it('is a summary even when the day held one notification', () => {
		const one = composeEmail({
			email: outbox({ digest: true }),
			notifications: [notification()],
			siteUrl: SITE,
			from: FROM
		});
		expect(one.subject).toBe('Your daily summary: 1 update');
		expect(one.headers['List-Unsubscribe']).toBe(
			`<https://map.example.org/email-settings/${TOKEN}>`
		);
	});
});

describe('when there is nothing to tell', () => {
	it('refuses, rather than send an empty email', () => {
		expect(() =>
			composeEmail({ email: outbox(), notifications: [], siteUrl: SITE, from: FROM })
		).toThrow(/tells nothing/);
	});
});
