import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { inject } from 'vitest';
import { Mailbox } from '../../scripts/local-stack/mailbox.ts';
import { mailboxMessagesTo as messagesTo } from '../support/mail';

// The local stack's SMTP server: what is sent to it lands in the same mailbox as the auth
// stand-in's emails, page and JSON API alike, and a message is kept once per Message-ID.

const address = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.test`;

function transport(auth?: { user: string; pass: string }) {
	return nodemailer.createTransport({ url: inject('stack').smtpUrl, auth });
}

describe('the local SMTP server', () => {
	it('delivers a message to the mailbox, with its parts, sender, Message-ID and headers', async () => {
		const to = address('ada');
		await transport().sendMail({
			from: 'Microsolidarity map <map@example.test>',
			to,
			subject: 'Ada asked to join Bristol Makers Crew',
			text: 'She wrote: hello',
			html: '<p>She wrote: <q>hello</q></p>',
			messageId: '<one@microsolidarity-map>',
			headers: { 'List-Unsubscribe': '<http://localhost/email-settings/abc>' }
		});

		const [message, ...others] = await messagesTo(to);
		expect(others).toEqual([]);
		expect(message).toMatchObject({
			to,
			from: '"Microsolidarity map" <map@example.test>',
			subject: 'Ada asked to join Bristol Makers Crew',
			text: 'She wrote: hello',
			html: '<p>She wrote: <q>hello</q></p>',
			messageId: '<one@microsolidarity-map>'
		});
		expect(message.headers['list-unsubscribe']).toBe('<http://localhost/email-settings/abc>');
	});

	it('shows the message on the mailbox page, next to the sign-in emails', async () => {
		const to = address('bo');
		await transport().sendMail({
			from: 'map@example.test',
			to,
			subject: 'A kind word',
			text: 'Hi'
		});
		const page = await fetch(`${inject('stack').mailboxUrl}?to=${encodeURIComponent(to)}`);
		const html = await page.text();
		expect(html).toContain('<h2 id="subject-');
		expect(html).toContain('A kind word');
	});

	it('keeps a message sent twice with one Message-ID once, as a retry after a crash sends it', async () => {
		const to = address('cy');
		const mail = { from: 'map@example.test', to, subject: 'Once', text: 'Only once' };
		await transport().sendMail({ ...mail, messageId: '<retried@microsolidarity-map>' });
		await transport().sendMail({ ...mail, messageId: '<retried@microsolidarity-map>' });
		await transport().sendMail({ ...mail, messageId: '<another@microsolidarity-map>' });

		const held = await messagesTo(to);
		expect(held.map((message) => message.messageId).sort()).toEqual([
			'<another@microsolidarity-map>',
			'<retried@microsolidarity-map>'
		]);
	});

	it('gives each recipient of one message a copy, Bcc included', async () => {
		const [first, second] = [address('di'), address('ed')];
		await transport().sendMail({
			from: 'map@example.test',
			to: first,
			bcc: second,
			subject: 'For both',
			text: 'Both',
			messageId: '<both@microsolidarity-map>'
		});
		expect(await messagesTo(first)).toHaveLength(1);
		expect(await messagesTo(second)).toHaveLength(1);
	});

	it('takes mail with or without credentials, so production settings work unchanged', async () => {
		const to = address('fi');
		await transport({ user: 'someone', pass: 'anything' }).sendMail({
			from: 'map@example.test',
			to,
			subject: 'Signed in',
			text: 'With credentials'
		});
		expect(await messagesTo(to)).toHaveLength(1);
	});
});

describe('the mailbox', () => {
	it('keeps a message once per recipient and Message-ID, and gives each message one', () => {
		const mailbox = new Mailbox();
		const mail = { to: 'ada@example.test', subject: 'S', text: 'T', html: '' };
		const first = mailbox.send({ ...mail, messageId: '<x@y>' });
		const again = mailbox.send({ ...mail, to: 'ADA@example.test', messageId: '<x@y>' });
		mailbox.send({ ...mail, to: 'bo@example.test', messageId: '<x@y>' });
		const unnamed = mailbox.send(mail);

		expect(again).toBe(first);
		expect(mailbox.list({ to: 'ada@example.test' })).toHaveLength(2);
		expect(mailbox.list({ to: 'bo@example.test' })).toHaveLength(1);
		expect(unnamed.messageId).toMatch(/^<.+@.+>$/);
		expect(unnamed.messageId).not.toBe(first.messageId);
	});
});

describe('the mailbox’s JSON API, asked from another web page', () => {
	// It holds everyone's sign-in codes. The tests read it from Node and people open its page; no
	// web page needs to read it, so no origin may (a page's fetch sends its Origin, as here).
	const evil = { Origin: 'https://evil.example' };

	it('answers without any CORS permission, so the browser keeps the answer from that page', async () => {
		const { mailboxUrl } = inject('stack');
		const read = await fetch(`${mailboxUrl}/api/messages`, { headers: evil });
		expect(read.status).toBe(200);
		expect(read.headers.get('access-control-allow-origin')).toBeNull();
		expect(read.headers.get('access-control-allow-credentials')).toBeNull();

		const preflight = await fetch(`${mailboxUrl}/api/messages`, {
			method: 'OPTIONS',
			headers: { ...evil, 'Access-Control-Request-Method': 'DELETE' }
		});
		expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
		expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
	});

	it('while the Supabase API itself answers any origin, without credentials, as a hosted project does', async () => {
		const { apiUrl, anonKey } = inject('stack');
		const read = await fetch(`${apiUrl}/rest/v1/profiles?select=id&limit=1`, {
			headers: { ...evil, apikey: anonKey }
		});
		expect(read.status).toBe(200);
		expect(read.headers.get('access-control-allow-origin')).toBe('*');
		expect(read.headers.get('access-control-allow-credentials')).toBeNull();
	});
});
