import type pg from 'pg';
import type { Mailbox } from '../mailbox.ts';

export interface AuthOptions {
	/** Superuser connection to the local database. */
	pool: pg.Pool;
	jwtSecret: string;
	/** Public URL of the gateway, e.g. http://127.0.0.1:54321 (links in emails use it). */
	apiUrl: string;
	/** Where sign-in links lead by default, e.g. http://localhost:5173. */
	siteUrl: string;
	/** Further redirect targets: exact URLs or GoTrue-style globs such as http://127.0.0.1:4173/** */
	additionalRedirectUrls?: string[];
	mailbox: Mailbox;
	log: (line: string) => void;
	rateLimits?: AuthRateLimits;
	accessTokenLifetimeSeconds?: number;
	/** How long an emailed link and code stay valid. */
	otpLifetimeSeconds?: number;
	/**
	 * How long after a refresh token was rotated it may still be presented (a second tab or a
	 * server render racing the browser) and get the session's current token; after that, reuse
	 * counts as theft and ends the session.
	 */
	refreshTokenReuseIntervalSeconds?: number;
	/** Believe X-Forwarded-For for the client address (only behind a proxy you control). */
	trustProxy?: boolean;
	/**
	 * What an answer waits on (see AUTH_DEFAULTS.otpMinimumAnswerMs). Tests replace it to see
	 * how long an answer waits without measuring time.
	 */
	clock?: AuthClock;
}

export interface AuthRateLimits {
	emailSendIntervalSeconds?: number;
	requestsPerHourPerIp?: number;
	verifyRequestsPerFiveMinutesPerIp?: number;
}

export interface AuthClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

const realClock: AuthClock = {
	now: () => performance.now(),
	sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
};

/**
 * Defaults follow a hosted Supabase project (GoTrue's own defaults) unless noted, so the app
 * meets the same limits locally as in production.
 */
export const AUTH_DEFAULTS = {
	accessTokenLifetimeSeconds: 3600,
	/** GOTRUE_SMTP_MAX_FREQUENCY: one email per address per minute. 0 turns the limit off. */
	emailSendIntervalSeconds: 60,
	/** Requests for an email (POST /otp) per client address per hour. 0 turns the limit off. */
	requestsPerHourPerIp: 30,
	/**
	 * GOTRUE_RATE_LIMIT_VERIFY: requests to /verify (a code, a link) per client address per five
	 * minutes. 0 turns the limit off.
	 */
	verifyRequestsPerFiveMinutesPerIp: 30,
	/**
	 * The soonest POST /otp answers, from when it came. Whether the address has an account (and,
	 * with create_user, whether one is made for it) changes the work done, and the work done
	 * would change how long the answer takes: everyone waits until the same moment instead. It
	 * is above what the work takes on a busy machine, and about what sending a real email takes.
	 */
	otpMinimumAnswerMs: 300,
	/** GOTRUE_MAILER_OTP_EXP. */
	otpLifetimeSeconds: 3600,
	/**
	 * Wrong codes tolerated for one pending sign-in before it is thrown away. Not in GoTrue,
	 * which relies on per-address limits on /verify; here the tests share one address, so a
	 * per-code limit is what stops anyone from walking the million six-digit codes.
	 */
	maxFailedOtpAttempts: 5,
	/** How long an issued PKCE auth code may wait to be exchanged (GoTrue: 5 minutes). */
	flowStateLifetimeSeconds: 300,
	/** GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL. */
	refreshTokenReuseIntervalSeconds: 10,
	trustProxy: false
} as const;

export interface AuthConfig {
	jwtSecret: string;
	/** apiUrl + /auth/v1, without a trailing slash: the `iss` of access tokens and the base of links. */
	authUrl: string;
	siteUrl: string;
	additionalRedirectUrls: string[];
	accessTokenLifetimeSeconds: number;
	emailSendIntervalSeconds: number;
	requestsPerHourPerIp: number;
	verifyRequestsPerFiveMinutesPerIp: number;
	otpMinimumAnswerMs: number;
	otpLifetimeSeconds: number;
	maxFailedOtpAttempts: number;
	flowStateLifetimeSeconds: number;
	refreshTokenReuseIntervalSeconds: number;
	trustProxy: boolean;
	clock: AuthClock;
}

function nonNegative(name: string, value: number): number {
	if (!Number.isFinite(value) || value < 0) {
		throw new Error(`Auth option ${name} must be a non-negative number, got ${value}`);
	}
	return value;
}

export function resolveConfig(options: AuthOptions): AuthConfig {
	if (!options.jwtSecret) throw new Error('Auth option jwtSecret is required');
	const apiUrl = new URL(options.apiUrl);
	const siteUrl = new URL(options.siteUrl);
	const limits = options.rateLimits ?? {};
	return {
		jwtSecret: options.jwtSecret,
		authUrl: `${apiUrl.origin}${apiUrl.pathname.replace(/\/+$/, '')}/auth/v1`,
		siteUrl: siteUrl.href,
		additionalRedirectUrls: options.additionalRedirectUrls ?? [],
		accessTokenLifetimeSeconds: nonNegative(
			'accessTokenLifetimeSeconds',
			options.accessTokenLifetimeSeconds ?? AUTH_DEFAULTS.accessTokenLifetimeSeconds
		),
		emailSendIntervalSeconds: nonNegative(
			'rateLimits.emailSendIntervalSeconds',
			limits.emailSendIntervalSeconds ?? AUTH_DEFAULTS.emailSendIntervalSeconds
		),
		requestsPerHourPerIp: nonNegative(
			'rateLimits.requestsPerHourPerIp',
			limits.requestsPerHourPerIp ?? AUTH_DEFAULTS.requestsPerHourPerIp
		),
		verifyRequestsPerFiveMinutesPerIp: nonNegative(
			'rateLimits.verifyRequestsPerFiveMinutesPerIp',
			limits.verifyRequestsPerFiveMinutesPerIp ?? AUTH_DEFAULTS.verifyRequestsPerFiveMinutesPerIp
		),
		otpMinimumAnswerMs: AUTH_DEFAULTS.otpMinimumAnswerMs,
		otpLifetimeSeconds: nonNegative(
			'otpLifetimeSeconds',
			options.otpLifetimeSeconds ?? AUTH_DEFAULTS.otpLifetimeSeconds
		),
		maxFailedOtpAttempts: AUTH_DEFAULTS.maxFailedOtpAttempts,
		flowStateLifetimeSeconds: AUTH_DEFAULTS.flowStateLifetimeSeconds,
		refreshTokenReuseIntervalSeconds: nonNegative(
			'refreshTokenReuseIntervalSeconds',
			options.refreshTokenReuseIntervalSeconds ?? AUTH_DEFAULTS.refreshTokenReuseIntervalSeconds
		),
		trustProxy: options.trustProxy ?? AUTH_DEFAULTS.trustProxy,
		clock: options.clock ?? realClock
	};
}
