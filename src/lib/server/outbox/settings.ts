import type SMTPTransport from 'nodemailer/lib/smtp-transport';

/** How the notification worker runs; each can be changed by the environment variable named. */
export const OUTBOX_DEFAULTS = {
	/** NOTIFY_INTERVAL_SECONDS: how often `--watch` runs a pass, so how long "at once" may wait. */
	intervalSeconds: 60,
	/** Outbox emails read per query; a pass reads on until none are left. */
	batchSize: 50,
	/** SMTP_PORT: the submission port, upgraded with STARTTLS, unless SMTP_SECURE says TLS. */
	smtpPort: 587,
	/** A mail server that does not answer is given up on for this pass, not waited for. */
	smtpTimeouts: { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 }
} as const;

export interface OutboxSettings {
	/** The Supabase API, and its secret (service role) key: the outbox is readable by it alone. */
	supabaseUrl: string;
	serviceKey: string;
	/** nodemailer's SMTP transport options. */
	smtp: SMTPTransport.Options;
	/** The sender: `Microsolidarity map <map@example.org>`. */
	from: string;
	/** Where the app is reached, for the links in emails. */
	siteUrl: string;
	intervalSeconds: number;
}

type Env = Record<string, string | undefined>;

/**
 * The worker's settings for a hosted project, from the environment: PUBLIC_SUPABASE_URL,
 * SUPABASE_SERVICE_ROLE_KEY, ORIGIN (the app's address, as adapter-node takes it), MAIL_FROM,
 * and the SMTP server as SMTP_URL or SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER,
 * SMTP_PASSWORD. Every missing or bad one is named in one error.
 */
export function outboxSettingsFromEnv(env: Env): OutboxSettings {
	const problems: string[] = [];
	const required = (name: string) => {
		const value = env[name]?.trim();
		if (!value) problems.push(`${name} is not set`);
		return value ?? '';
	};
	const supabaseUrl = required('PUBLIC_SUPABASE_URL');
	const serviceKey = required('SUPABASE_SERVICE_ROLE_KEY');
	const from = required('MAIL_FROM');
	const siteUrl = required('ORIGIN');
	if (siteUrl && !/^https?:\/\/[^/]+$/.test(siteUrl.replace(/\/+$/, ''))) {
		problems.push(
			`ORIGIN must be the app's address, like https://map.example.org, not "${siteUrl}"`
		);
	}
	const smtp = smtpFromEnv(env, problems);
	const intervalSeconds =
		wholeNumber(env, 'NOTIFY_INTERVAL_SECONDS', problems) ?? OUTBOX_DEFAULTS.intervalSeconds;
	if (problems.length > 0) {
		throw new Error(
			`The notification worker cannot start: ${problems.join('; ')}. See "Email" in the README.`
		);
	}
	return { supabaseUrl, serviceKey, smtp, from, siteUrl, intervalSeconds };
}

function smtpFromEnv(env: Env, problems: string[]): SMTPTransport.Options {
	const url = env.SMTP_URL?.trim();
	if (url) {
		if (!/^smtps?:\/\//.test(url)) problems.push('SMTP_URL must start with smtp:// or smtps://');
		return { url, ...OUTBOX_DEFAULTS.smtpTimeouts };
	}
	const host = env.SMTP_HOST?.trim();
	if (!host) {
		problems.push('SMTP_URL or SMTP_HOST is not set');
		return {};
	}
	const secureValue = env.SMTP_SECURE?.trim().toLowerCase();
	if (secureValue && secureValue !== 'true' && secureValue !== 'false') {
		problems.push(`SMTP_SECURE must be true or false, not "${env.SMTP_SECURE}"`);
	}
	const port = wholeNumber(env, 'SMTP_PORT', problems);
	// Port 465 speaks TLS from the first byte; any other is upgraded with STARTTLS.
	const secure = secureValue ? secureValue === 'true' : port === 465;
	const user = env.SMTP_USER?.trim();
	const pass = env.SMTP_PASSWORD;
	if (Boolean(user) !== Boolean(pass)) {
		problems.push('SMTP_USER and SMTP_PASSWORD go together: set both, or neither');
	}
	return {
		host,
		port: port ?? (secure ? 465 : OUTBOX_DEFAULTS.smtpPort),
		secure,
		auth: user && pass ? { user, pass } : undefined,
		// A password never crosses the network in the clear: without TLS from the start, the
		// server must offer STARTTLS or nothing is sent.
		requireTLS: Boolean(user && pass) && !secure,
		...OUTBOX_DEFAULTS.smtpTimeouts
	};
}

function wholeNumber(env: Env, name: string, problems: string[]): number | undefined {
	const value = env[name]?.trim();
	if (!value) return undefined;
	const parsed = Number(value);
	if (!Number.isInteger(parsed) || parsed < 1) {
		problems.push(`${name} must be a whole number above 0, not "${value}"`);
		return undefined;
	}
	return parsed;
}
