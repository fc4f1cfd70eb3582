import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml } from '../../src/lib/html.ts';

/**
 * The local stack's mail catcher, like the Supabase CLI's Inbucket: the auth stand-in "sends"
 * its emails here instead of to a mail server, and the local SMTP server (`smtp.ts`) delivers
 * here what the notification worker sends. Messages live in memory only, newest last, and are
 * also printed to the terminal so a sign-in link is one click away while developing.
 */

export interface MailMessage {
	id: string;
	/**
	 * The Message-ID header, angle brackets included. A message whose Message-ID the mailbox
	 * already holds for the same recipient is stored once, as real mail stores do: a sender
	 * that retries after a crash, with the same Message-ID, delivers nothing twice.
	 */
	messageId: string;
	from: string;
	to: string;
	subject: string;
	text: string;
	html: string;
	/** The header lines as received, by lower-case name (empty for the auth stand-in's emails). */
	headers: Record<string, string>;
	/** ISO 8601 */
	sentAt: string;
}

export type OutgoingMail = Pick<MailMessage, 'to' | 'subject' | 'text' | 'html'> &
	Partial<Pick<MailMessage, 'messageId' | 'from' | 'headers'>>;

export interface MailboxOptions {
	log?: (line: string) => void;
	/** How many messages to keep; the oldest are dropped first. */
	capacity?: number;
}

const DEFAULT_CAPACITY = 200;
/** Who the auth stand-in's emails come from, like GoTrue's default sender. */
const AUTH_SENDER = 'noreply@localhost';
const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

export class Mailbox {
	readonly #messages: MailMessage[] = [];
	readonly #log: (line: string) => void;
	readonly #capacity: number;

	constructor(options: MailboxOptions = {}) {
		this.#log = options.log ?? (() => {});
		this.#capacity = Math.max(1, options.capacity ?? DEFAULT_CAPACITY);
	}

	/** Stores a message, or returns the one already held with its Message-ID for its recipient. */
	send(mail: OutgoingMail): MailMessage {
		const id = randomUUID();
		const messageId = mail.messageId ?? `<${id}@mailbox.local>`;
		const held = this.#messages.find(
			(message) =>
				message.messageId === messageId && message.to.toLowerCase() === mail.to.toLowerCase()
		);
		if (held) {
			this.#log(`Mail to ${mail.to}: ${mail.subject} (already here as ${messageId}: kept once)`);
			return held;
		}
		const message: MailMessage = {
			id,
			messageId,
			from: mail.from ?? AUTH_SENDER,
			to: mail.to,
			subject: mail.subject,
			text: mail.text,
			html: mail.html,
			headers: mail.headers ?? {},
			sentAt: new Date().toISOString()
		};
		this.#messages.push(message);
		if (this.#messages.length > this.#capacity) {
			this.#messages.splice(0, this.#messages.length - this.#capacity);
		}
		const links = mail.text.match(URL_PATTERN) ?? [];
		this.#log(`Mail to ${message.to}: ${message.subject}`);
		for (const link of links) this.#log(`  ${link}`);
		return message;
	}

	/** Newest first. `to` matches the recipient without regard to case. */
	list(filter: { to?: string } = {}): MailMessage[] {
		const to = filter.to?.trim().toLowerCase();
		return this.#messages.filter((message) => !to || message.to.toLowerCase() === to).reverse();
	}

	clear(filter: { to?: string } = {}): void {
		const to = filter.to?.trim().toLowerCase();
		if (!to) {
			this.#messages.length = 0;
			return;
		}
		for (let index = this.#messages.length - 1; index >= 0; index--) {
			if (this.#messages[index].to.toLowerCase() === to) this.#messages.splice(index, 1);
		}
	}

	/**
	 * Serves the mailbox for the gateway. `path` is what follows /mailbox, with its query string:
	 * '' or '/' is the page, '/api/messages' the JSON API that tests read.
	 */
	async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
		const url = new URL(`http://mailbox.local${path.startsWith('/') ? '' : '/'}${path}`);
		const route = url.pathname.replace(/\/+$/, '') || '/';
		const to = url.searchParams.get('to') ?? undefined;

		if (route === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
			send(res, 200, 'text/html; charset=utf-8', renderPage(this.list({ to }), to));
			return;
		}
		if (route === '/api/messages') {
			if (req.method === 'GET' || req.method === 'HEAD') {
				send(res, 200, 'application/json', JSON.stringify(this.list({ to })));
				return;
			}
			if (req.method === 'DELETE') {
				this.clear({ to });
				res.writeHead(204).end();
				return;
			}
			res.setHeader('Allow', 'GET, HEAD, DELETE');
			send(res, 405, 'application/json', JSON.stringify({ message: 'Method not allowed' }));
			return;
		}
		send(res, 404, 'application/json', JSON.stringify({ message: 'Not found' }));
	}
}

function send(res: ServerResponse, status: number, contentType: string, body: string) {
	res.writeHead(status, {
		'Content-Type': contentType,
		'Cache-Control': 'no-store',
		'Content-Length': Buffer.byteLength(body)
	});
	res.end(body);
}

/**
 * The page shows each message's plain-text body with its links made clickable, never the HTML
 * body itself: a message is whatever a caller put in it, and the page must not run it.
 */
function linkify(text: string): string {
	let html = '';
	let last = 0;
	for (const match of text.matchAll(URL_PATTERN)) {
		const index = match.index ?? 0;
		html += escapeHtml(text.slice(last, index));
		html += `<a href="${escapeHtml(match[0])}">${escapeHtml(match[0])}</a>`;
		last = index + match[0].length;
	}
	return html + escapeHtml(text.slice(last));
}

function renderPage(messages: MailMessage[], to: string | undefined): string {
	const heading = to ? `Mailbox for ${escapeHtml(to)}` : 'Mailbox';
	const items = messages
		.map(
			(message) => `<li>
<article aria-labelledby="subject-${message.id}">
<h2 id="subject-${message.id}">${escapeHtml(message.subject)}</h2>
<dl>
<dt>From</dt><dd>${escapeHtml(message.from)}</dd>
<dt>To</dt><dd><a href="?to=${encodeURIComponent(message.to)}">${escapeHtml(message.to)}</a></dd>
<dt>Sent</dt><dd><time datetime="${message.sentAt}">${escapeHtml(message.sentAt.replace('T', ' ').slice(0, 19))} UTC</time></dd>
</dl>
<pre>${linkify(message.text)}</pre>
</article>
</li>`
		)
		.join('\n');
	const empty = to
		? `<p>No messages for ${escapeHtml(to)} yet. Ask for a sign-in link and it will appear here.</p>`
		: '<p>No messages yet. Ask for a sign-in link in the app and it will appear here.</p>';
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading} · local stack</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
ol { list-style: none; padding: 0; }
article { border: 1px solid #bbb; border-radius: 0.5rem; padding: 0 1rem 1rem; margin-bottom: 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; }
</style>
</head>
<body>
<main>
<h1>${heading}</h1>
<p>Emails sent by the local auth server and to the local SMTP server, newest first. ${to ? '<a href="?">Show all messages</a>. ' : ''}<a href="">Reload</a> to see new ones.</p>
${messages.length ? `<ol>\n${items}\n</ol>` : empty}
</main>
</body>
</html>
`;
}
