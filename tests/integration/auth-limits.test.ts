import { createServerClient } from '@supabase/ssr';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AuthOptions } from '../../scripts/local-stack/auth/index.ts';
import { AUTH_DEFAULTS } from '../../scripts/local-stack/auth/index.ts';
import { createApiKeys } from '../../scripts/local-stack/keys.ts';
import { forwardingFetch } from '../../src/lib/server/auth-forwarding';
import { startAuthServer, type AuthServer } from '../support/auth-server';

/**
 * The local auth server's limits, and what its answers give away, each on an auth server of its
 * own (own limits, own secret) on the stack's database: one person's sign-in attempts must not
 * use up everyone's, a forged address must not buy a fresh allowance, guessing codes is limited
 * per address, and how long an answer takes must not tell whether an address has an account.
 */

const stack = inject('stack');
const createdEmails: string[] = [];
let db: pg.Pool;
const servers: AuthServer[] = [];

beforeAll(() => {
	db = new pg.Pool({ connectionString: stack.dbUrl, max: 4 });
});

afterEach(async () => {
	await Promise.all(servers.splice(0).map((server) => server.close()));
});

afterAll(async () => {
	await db.query(`delete from auth.users where email = any($1)`, [createdEmails]);
	await db.end();
});

function newEmail(label: string): string {
	const email = `auth-limits-${label}-${randomUUID().slice(0, 8)}@example.com`;
	createdEmails.push(email);
	return email;
}

async function server(options: Partial<AuthOptions>): Promise<AuthServer> {
	const started = await startAuthServer(db, options);
	servers.push(started);
	return started;
}

/** A request to the auth server as an app's server or a browser makes it, with `key` as apikey. */
function post(
	to: AuthServer,
	input: { path: string; key: string; body: unknown; forwardedFor?: string }
): Promise<Response> {
	return fetch(`${to.apiUrl}/auth/v1${input.path}`, {
		method: 'POST',
		headers: {
			apikey: input.key,
			Authorization: `Bearer ${input.key}`,
			'Content-Type': 'application/json',
			...(input.forwardedFor ? { 'Sb-Forwarded-For': input.forwardedFor } : {})
		},
		body: JSON.stringify(input.body)
	});
}

const askForEmail = (
	to: AuthServer,
	input: { key: string; forwardedFor?: string; email?: string }
) => post(to, { path: '/otp', body: { email: input.email ?? newEmail('ask') }, ...input });

async function errorCode(response: Response): Promise<string | undefined> {
	return ((await response.json()) as { error_code?: string; code?: string }).error_code;
}

describe('when an app’s server asks for sign-in emails on behalf of its visitors', () => {
	const limits = { emailSendIntervalSeconds: 0, requestsPerHourPerIp: 3 };

	it('counts each visitor it names with the secret key against their own address', async () => {
		const auth = await server({ rateLimits: limits });
		const visitorA = '198.51.100.10';
		for (let request = 0; request < 3; request++) {
			const answer = await askForEmail(auth, { key: auth.serviceKey, forwardedFor: visitorA });
			expect(answer.status).toBe(200);
		}
		const over = await askForEmail(auth, { key: auth.serviceKey, forwardedFor: visitorA });
		expect(over.status).toBe(429);
		expect(await errorCode(over)).toBe('over_request_rate_limit');

		const visitorB = await askForEmail(auth, {
			key: auth.serviceKey,
			forwardedFor: '198.51.100.11'
		});
		expect(visitorB.status).toBe(200);
	});

	it('ignores an address named with the public key: a client cannot buy a fresh allowance', async () => {
		const auth = await server({ rateLimits: limits });
		for (let request = 0; request < 3; request++) {
			const forged = `203.0.113.${request + 1}`;
			const answer = await askForEmail(auth, { key: auth.anonKey, forwardedFor: forged });
			expect(answer.status).toBe(200);
		}
		const over = await askForEmail(auth, { key: auth.anonKey, forwardedFor: '203.0.113.99' });
		expect(over.status).toBe(429);
	});

	it('ignores an address named with a key signed by anyone but the project', async () => {
		const auth = await server({ rateLimits: limits });
		const { serviceKey: forgedServiceKey } = await createApiKeys(
			'not-the-project-secret-'.repeat(2)
		);
		for (let request = 0; request < 3; request++) {
			const answer = await askForEmail(auth, { key: auth.anonKey });
			expect(answer.status).toBe(200);
		}
		const forged = await askForEmail(auth, {
			key: forgedServiceKey,
			forwardedFor: '203.0.113.50'
		});
		expect(forged.status).toBe(429);
	});

	it('the app’s server client names the visitor, so one visitor’s requests spare another’s', async () => {
		const auth = await server({ rateLimits: limits });
		/** The app's per-request client for a visitor at `address`, as hooks.server.ts makes it. */
		const visitor = (address: string) => {
			const jar = new Map<string, string>();
			return createServerClient(auth.apiUrl, auth.anonKey, {
				global: {
					fetch: forwardingFetch({
						fetch,
						supabaseUrl: auth.apiUrl,
						publicKey: auth.anonKey,
						secretKey: auth.serviceKey,
						clientAddress: () => address
					})
				},
				// Node 20 has no global WebSocket. https://github.com/supabase/supabase-js/issues/1400
				realtime: { transport: WebSocket as never },
				cookies: {
					getAll: () => [...jar].map(([name, value]) => ({ name, value })),
					setAll: (cookies) => cookies.forEach(({ name, value }) => jar.set(name, value))
				}
			});
		};
		const busy = visitor('198.51.100.20');
		for (let request = 0; request < 3; request++) {
			expect((await busy.auth.signInWithOtp({ email: newEmail('busy') })).error).toBeNull();
		}
		const { error } = await busy.auth.signInWithOtp({ email: newEmail('busy') });
		expect(error?.status).toBe(429);
		expect(error?.code).toBe('over_request_rate_limit');

		const other = await visitor('198.51.100.21').auth.signInWithOtp({ email: newEmail('other') });
		expect(other.error).toBeNull();
	});
});

describe('guessing codes', () => {
	it('is limited per address on /verify, by link and by code alike, and spares other visitors', async () => {
		const auth = await server({ rateLimits: { verifyRequestsPerFiveMinutesPerIp: 3 } });
		const email = newEmail('guess');
		const wrongCode = (forwardedFor?: string) =>
			post(auth, {
				path: '/verify',
				key: forwardedFor ? auth.serviceKey : auth.anonKey,
				forwardedFor,
				body: { type: 'email', email, token: '000000' }
			});
		for (let attempt = 0; attempt < 3; attempt++) {
			const answer = await wrongCode();
			expect(answer.status).toBe(403);
			expect(await errorCode(answer)).toBe('otp_expired');
		}
		const over = await wrongCode();
		expect(over.status).toBe(429);
		expect(await errorCode(over)).toBe('over_request_rate_limit');

		const link = await fetch(`${auth.apiUrl}/auth/v1/verify?type=magiclink&token=guessed`, {
			redirect: 'manual'
		});
		expect(link.status).toBe(429);

		const elsewhere = await wrongCode('198.51.100.30');
		expect(elsewhere.status).toBe(403);
	});
});

/**
 * A pool that records the statements each request sends, to compare what the auth server does
 * for a known and an unknown address. No timing: the same statements, in the same order, are what
 * makes the answers take the same time.
 */
function recordingPool(pool: pg.Pool): { pool: pg.Pool; statements: string[] } {
	const statements: string[] = [];
	const record = (text: unknown) =>
		statements.push(
			(typeof text === 'string' ? text : (text as { text: string }).text).replace(/\s+/g, ' ')
		);
	const recorded = <T extends object>(target: T, wrap: (name: string | symbol) => unknown) =>
		new Proxy(target, {
			get(object, name) {
				const replaced = wrap(name);
				if (replaced) return replaced;
				const value = Reflect.get(object, name, object);
				return typeof value === 'function' ? value.bind(object) : value;
			}
		});
	const recordingQuery =
		(client: pg.Pool | pg.PoolClient) =>
		(text: unknown, ...rest: unknown[]) => {
			record(text);
			return (client.query as (...args: unknown[]) => unknown)(text, ...rest);
		};
	const wrapped = recorded(pool, (name) => {
		if (name === 'query') return recordingQuery(pool);
		if (name === 'connect') {
			return async () => {
				const client = await pool.connect();
				return recorded(client, (clientName) =>
					clientName === 'query' ? recordingQuery(client) : undefined
				);
			};
		}
		return undefined;
	});
	return { pool: wrapped, statements };
}

describe('whether an address has an account', () => {
	it('does not change the work of checking a code: the same statements for known and unknown', async () => {
		const { pool, statements } = recordingPool(db);
		const auth = await server({ pool });
		const known = newEmail('known-pending');
		const knownIdle = newEmail('known-idle');
		for (const email of [known, knownIdle]) {
			await post(auth, { path: '/otp', key: auth.anonKey, body: { email } });
		}
		// knownIdle's pending sign-in is used up, so it has an account and nothing to check against.
		const idleCode = /\b(\d{6})\b/.exec(auth.mailbox.list({ to: knownIdle })[0].text)![1];
		const used = await post(auth, {
			path: '/verify',
			key: auth.anonKey,
			body: { type: 'email', email: knownIdle, token: idleCode }
		});
		expect(used.status).toBe(200);

		const workFor = async (email: string) => {
			statements.length = 0;
			const answer = await post(auth, {
				path: '/verify',
				key: auth.anonKey,
				body: { type: 'email', email, token: '000000' }
			});
			return { status: answer.status, body: await answer.text(), statements: [...statements] };
		};
		const withPending = await workFor(known);
		const withNothing = await workFor(knownIdle);
		const unknown = await workFor(newEmail('unknown'));

		expect(withPending.statements.length).toBeGreaterThan(2);
		expect(unknown).toEqual(withPending);
		expect(withNothing).toEqual(withPending);
	});

	it('answers a request for an email no sooner than a fixed time after it came, known or not', async () => {
		// A stopped clock: whatever the work took, the answer waits until the same moment.
		const waits: number[] = [];
		const clock = {
			now: () => 1_000_000,
			sleep: async (ms: number) => {
				waits.push(ms);
			}
		};
		const auth = await server({ clock, rateLimits: { emailSendIntervalSeconds: 0 } });
		const known = newEmail('floor-known');
		await post(auth, { path: '/otp', key: auth.anonKey, body: { email: known } });
		waits.length = 0;

		for (const email of [known, newEmail('floor-unknown')]) {
			const answer = await post(auth, {
				path: '/otp',
				key: auth.anonKey,
				body: { email, create_user: false }
			});
			expect(answer.status).toBe(200);
		}
		expect(waits).toEqual([AUTH_DEFAULTS.otpMinimumAnswerMs, AUTH_DEFAULTS.otpMinimumAnswerMs]);
		expect(AUTH_DEFAULTS.otpMinimumAnswerMs).toBeGreaterThan(0);
	});
});
