import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Mailbox } from './mailbox.ts';

/**
 * The local stack's SMTP server, like the Supabase CLI's Inbucket: it accepts whatever is sent
 * to it, for any recipient, and delivers it to the local mailbox, where the auth stand-in's
 * emails land too. So the notification worker sends through SMTP on the local stack exactly as
 * it does in production, and what it sent shows on the mailbox page.
 */

export interface SmtpCatcher {
	/** `smtp://127.0.0.1:<port>`, which nodemailer takes as it is. */
	url: string;
	stop(): Promise<void>;
}

/** Bigger than any notification email; a runaway sender is refused, not held in memory. */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export async function startSmtpCatcher(options: {
	mailbox: Mailbox;
	/** 0 picks a free port. */
	port: number;
	log?: (line: string) => void;
}): Promise<SmtpCatcher> {
	const log = options.log ?? (() => undefined);
	const server = new SMTPServer({
		name: 'localhost',
		banner: 'Microsolidarity local stack mail catcher',
		// Plain SMTP on the loopback interface only: no certificate to make or trust.
		disabledCommands: ['STARTTLS'],
		// Senders configured for a real server (SMTP_USER, SMTP_PASSWORD) work here unchanged:
		// any credentials are accepted, and none are needed.
		authOptional: true,
		allowInsecureAuth: true,
		onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'local' }),
		size: MAX_MESSAGE_BYTES,
		logger: false,
		// A stopping stack should not wait long for a client that keeps its connection open.
		closeTimeout: 1_000,
		onData: (stream, session, callback) => {
			receive(stream, session).then(
				(message) => callback(null, message),
				(error: Error) => {
					log(`could not take a message: ${error.message}`);
					callback(error);
				}
			);
		}
	});
	server.on('error', (error) => log(`SMTP error: ${error.message}`));

	const receive = async (stream: SMTPServerDataStream, session: SMTPServerSession) => {
		const parsed = await simpleParser(stream);
		if (stream.sizeExceeded) {
			throw Object.assign(new Error('Message too big for the local mailbox'), {
				responseCode: 552
			});
		}
		// One copy per recipient, as a server delivers to each mailbox: the envelope says who,
		// whatever the To header claims (Bcc recipients are only in the envelope).
		for (const recipient of session.envelope.rcptTo) {
			options.mailbox.send({
				to: recipient.address,
				from: parsed.from?.text || (session.envelope.mailFrom || { address: '' }).address,
				subject: parsed.subject ?? '',
				text: parsed.text ?? '',
				html: typeof parsed.html === 'string' ? parsed.html : '',
				messageId: parsed.messageId,
				headers: headersOf(parsed)
			});
		}
		return 'Delivered to the local mailbox';
	};

	await new Promise<void>((resolve, reject) => {
		server.server.once('error', reject);
		server.listen(options.port, '127.0.0.1', () => {
			server.server.off('error', reject);
			resolve();
		});
	});
	const address = server.server.address();
	const port = typeof address === 'object' && address ? address.port : options.port;
	return {
		url: `smtp://127.0.0.1:${port}`,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** Each header line as sent, unfolded, by lower-case name; a repeated header keeps its first. */
function headersOf(parsed: ParsedMail): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const { key, line } of parsed.headerLines) {
		if (key in headers) continue;
		headers[key] = line
			.slice(line.indexOf(':') + 1)
			.replace(/\r?\n[ \t]+/g, ' ')
			.trim();
	}
	return headers;
}
