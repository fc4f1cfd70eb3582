import nodemailer from 'nodemailer';
import { inject } from 'vitest';
import type { MailMessage } from '../../scripts/local-stack/mailbox.ts';
import { sendOutbox, type MailTransport } from '../../src/lib/server/outbox/send-outbox';
import { serviceClient } from './supabase';

export type { MailMessage };

/** What the stack's mailbox holds for an address, newest first, as its JSON API gives it. */
export async function mailboxMessagesTo(email: string): Promise<MailMessage[]> {
	const { mailboxUrl } = inject('stack');
	const response = await fetch(`${mailboxUrl}/api/messages?to=${encodeURIComponent(email)}`);
	if (!response.ok) throw new Error(`The mailbox answered ${response.status}`);
	return (await response.json()) as MailMessage[];
}

/** A transport to the stack's SMTP server, whose mail lands in its mailbox. */
export function stackSmtp() {
	return nodemailer.createTransport({ url: inject('stack').smtpUrl });
}

export const TEST_SITE_URL = 'http://app.example.test';
export const TEST_MAIL_FROM = 'Microsolidarity map <map@example.test>';

/**
 * One pass of the notification worker against the stack, as `npm run notify` runs it: it sends
 * every email due on the stack, other files' too. Its log lines go to `log`.
 */
export function sendNotificationEmails({
	transport,
	recipients,
	log = []
}: {
	transport: MailTransport;
	/**
	 * Whose emails to send: a test's own people. Every file shares one stack, and any of them may
	 * queue hundreds of other people's emails at any moment.
	 */
	recipients: { id: string }[];
	log?: string[];
}) {
	return sendOutbox({
		supabase: serviceClient(),
		transport,
		siteUrl: TEST_SITE_URL,
		from: TEST_MAIL_FROM,
		recipientIds: recipients.map((recipient) => recipient.id),
		log: (line) => log.push(line)
	});
}
