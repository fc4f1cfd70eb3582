/**
 * One email from one row of the outbox: a notification on its own, or a daily summary of
 * several. Pure: the same row and notifications give the same email, Message-ID included, so a
 * send retried after a crash is the same message and a mail store keeps it once.
 *
 * Imports stay relative: the notification worker runs this outside SvelteKit (`npm run notify`).
 */
import type { Tables } from '$lib/database.types';
import { countOf } from '../../groups/wording';
import { escapeHtml } from '../../html';
import {
	NOTIFICATION_KIND_NAMES,
	notificationLink,
	notificationMessage,
	notificationSentence,
	type NotificationWords
} from '../../notifications/wording';

/** The outbox row's fields an email is made from. */
export type OutboxEmail = Pick<
	Tables<'outbox_emails'>,
	'id' | 'to_address' | 'digest' | 'settings_token'
>;

/** A notification as the worker reads it. */
export type OutboxNotification = NotificationWords &
	Pick<Tables<'notifications'>, 'id' | 'created_at'>;

/** What nodemailer's `sendMail` takes, and no more. */
export interface NotificationEmail {
	from: string;
	to: string;
	subject: string;
	text: string;
	html: string;
	messageId: string;
	headers: Record<string, string>;
}

/** The Message-ID of an outbox row's email: the same for every try. */
export function outboxMessageId(outboxId: string): string {
	return `<${outboxId}@microsolidarity-map>`;
}

/**
 * The email for `email`, telling `notifications` (at least one). `siteUrl` is where the app is
 * reached, for the links; `from` the sender.
 */
export function composeEmail({
	email,
	notifications,
	siteUrl,
	from
}: {
	email: OutboxEmail;
	notifications: readonly OutboxNotification[];
	siteUrl: string;
	from: string;
}): NotificationEmail {
	if (notifications.length === 0) throw new Error(`Outbox email ${email.id} tells nothing.`);
	const site = siteUrl.replace(/\/+$/, '');
	const oldestFirst = [...notifications].sort((a, b) => a.created_at.localeCompare(b.created_at));
	const single = !email.digest && oldestFirst.length === 1;
	const settingsUrl = single
		? `${site}/email-settings/${email.settings_token}?kind=${oldestFirst[0].kind}`
		: `${site}/email-settings/${email.settings_token}`;
	const told = oldestFirst.map((notification) => tell(notification, site));
	const parts = single
		? singleEmail(told[0], NOTIFICATION_KIND_NAMES[oldestFirst[0].kind], settingsUrl)
		: summaryEmail(told, email.digest, settingsUrl, site);
	return {
		from,
		to: email.to_address,
		subject: parts.subject.replace(/\s+/g, ' ').trim(),
		text: parts.text,
		html: document(parts.html),
		messageId: outboxMessageId(email.id),
		headers: {
			'List-Unsubscribe': `<${settingsUrl}>`,
			// RFC 8058: a mail program's own "unsubscribe" posts to the link; the page takes it.
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
			// RFC 3834: written by a program, so out-of-office replies are not sent back to it.
			'Auto-Submitted': 'auto-generated'
		}
	};
}

interface Told {
	sentence: string;
	message: string | null;
	url: string;
	label: string;
}

function tell(notification: OutboxNotification, site: string): Told {
	const link = notificationLink(notification);
	return {
		sentence: notificationSentence(notification),
		message: notificationMessage(notification),
		url: `${site}${link.path}`,
		label: link.label
	};
}

function singleEmail(told: Told, kindName: string, settingsUrl: string) {
	const footer = `You get an email at once about ${kindName}.`;
	return {
		subject: told.sentence,
		text: [...toldAsText(told), '', '--', `${footer} Change that: ${settingsUrl}`, ''].join('\n'),
		html: `${toldAsHtml(told)}
<hr>
<p>${escapeHtml(footer)} <a href="${escapeHtml(settingsUrl)}">Change that</a></p>`
	};
}

function summaryEmail(told: Told[], digest: boolean, settingsUrl: string, site: string) {
	const updates = countOf(told.length, ['update', 'updates']);
	const intro = digest
		? 'Here is what happened on the microsolidarity map since your last summary.'
		: 'Here is what happened on the microsolidarity map.';
	const footer = digest ? 'You get these as a daily summary.' : 'You get these at once.';
	const inbox = `${site}/inbox`;
	return {
		subject: digest ? `Your daily summary: ${updates}` : `${updates} on the microsolidarity map`,
		text: [
			intro,
			...told.flatMap((each) => ['', ...toldAsText(each)]),
			'',
			`Your inbox: ${inbox}`,
			'',
			'--',
			`${footer} Choose which emails you get, and when: ${settingsUrl}`,
			''
		].join('\n'),
		html: `<p>${escapeHtml(intro)}</p>
${told.map((each) => `<section>\n${toldAsHtml(each)}\n</section>`).join('\n')}
<p><a href="${escapeHtml(inbox)}">Open your inbox</a></p>
<hr>
<p>${escapeHtml(footer)} <a href="${escapeHtml(settingsUrl)}">Choose which emails you get, and when</a></p>`
	};
}

function toldAsText(told: Told): string[] {
	if (!told.message) return [`${told.sentence}.`, `${told.label}: ${told.url}`];
	const quoted = told.message.split(/\r?\n/).map((line) => (line ? `> ${line}` : '>'));
	return [`${told.sentence}, with this message:`, '', ...quoted, '', `${told.label}: ${told.url}`];
}

function toldAsHtml(told: Told): string {
	const link = `<p><a href="${escapeHtml(told.url)}">${escapeHtml(told.label)}</a></p>`;
	if (!told.message) return `<p>${escapeHtml(told.sentence)}.</p>\n${link}`;
	const quoted = told.message
		.split(/(?:\r?\n){2,}/)
		.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\r?\n/g, '<br>')}</p>`)
		.join('');
	return `<p>${escapeHtml(told.sentence)}, with this message:</p>
<blockquote>${quoted}</blockquote>
${link}`;
}

function document(body: string): string {
	return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
${body}
</body>
</html>
`;
}
