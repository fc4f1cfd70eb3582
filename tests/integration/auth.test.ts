import { createClient, type Session, type SupabaseClient } from '@supabase/supabase-js';
import { decodeJwt } from 'jose';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MailMessage } from '../../scripts/local-stack/mailbox.ts';
import { startAuthServer, type AuthServer } from '../support/auth-server';

/**
 * The local auth stand-in, driven the way the app drives it: through supabase-js against the
 * running local stack. Limits that the shared stack keeps high for the test suite are tested
 * on separately started auth servers that share the stack's database.
 */

const stack = inject('stack');
const createdEmails: string[] = [];
let db: pg.Pool;

const clientOptions = {
	auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
	// Node 20 has no global WebSocket; supabase-js needs one for realtime.
	// https://github.com/supabase/supabase-js/issues/1400
	realtime: { transport: WebSocket as never }
} as const;

function newEmail(label: string): string {
	const email = `auth-test-${label}-${randomUUID().slice(0, 8)}@example.com`;
	createdEmails.push(email);
	return email;
}

function anonClient(
	input: { apiUrl?: string; anonKey?: string; flowType?: 'implicit' | 'pkce' } = {}
): SupabaseClient {
	return createClient(input.apiUrl ?? stack.apiUrl, input.anonKey ?? stack.anonKey, {
		...clientOptions,
		auth: { ...clientOptions.auth, flowType: input.flowType ?? 'implicit' }
	});
}

const admin = () => createClient(stack.apiUrl, stack.serviceKey, clientOptions);

async function mailFor(email: string): Promise<MailMessage[]> {
	const response = await fetch(
		`${stack.apiUrl}/mailbox/api/messages?to=${encodeURIComponent(email)}`
	);
	expect(response.status).toBe(200);
	return response.json();
}

function linkAndCode(message: MailMessage): { link: string; code: string } {
	const link = /https?:\/\/\S+\/auth\/v1\/verify\?\S+/.exec(message.text)?.[0];
	const code = /\b(\d{6})\b/.exec(message.text)?.[1];
	if (!link || !code) throw new Error(`No link and code in:\n${message.text}`);
	return { link, code };
}

async function onlyMessageFor(email: string) {
	const messages = await mailFor(email);
	expect(messages).toHaveLength(1);
	return linkAndCode(messages[0]);
}

/** Signs a new (or existing) user in without the mailbox, as other tests will. */
async function signIn(email: string): Promise<{ client: SupabaseClient; session: Session }> {
	const { data, error } = await admin().auth.admin.generateLink({ type: 'magiclink', email });
	expect(error).toBeNull();
	const client = anonClient();
	const verified = await client.auth.verifyOtp({
		email,
		token: data.properties!.email_otp,
		type: 'email'
	});
	expect(verified.error).toBeNull();
	return { client, session: verified.data.session! };
}

function otherCode(code: string): string {
	return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

/** Follows a link one step, as a browser would, without following the redirect. */
async function follow(link: string): Promise<{ status: number; location: URL }> {
	const response = await fetch(link, { redirect: 'manual' });
	return { status: response.status, location: new URL(response.headers.get('location') ?? '') };
}

beforeAll(() => {
	db = new pg.Pool({ connectionString: stack.dbUrl, max: 4 });
});

afterAll(async () => {
	await db.query(`delete from auth.users where email = any($1)`, [createdEmails]);
	await db.end();
});

describe('signing in by email', () => {
	it('sends exactly one email to the address, with a link and a six-digit code', async () => {
		const email = newEmail('one-email');
		const { error } = await anonClient().auth.signInWithOtp({ email });
		expect(error).toBeNull();

		const messages = await mailFor(email);
		expect(messages).toHaveLength(1);
		expect(messages[0].to).toBe(email);
		const { link, code } = linkAndCode(messages[0]);
		const url = new URL(link);
		expect(url.origin + url.pathname).toBe(`${stack.apiUrl}/auth/v1/verify`);
		expect(url.searchParams.get('type')).toBe('signup');
		expect(url.searchParams.get('token')).toMatch(/^[\w-]{40,}$/);
		expect(code).toMatch(/^\d{6}$/);
	});

	it('signs in with the code, with claims naming the user, role, audience and session', async () => {
		const email = newEmail('code');
		await anonClient().auth.signInWithOtp({ email });
		const { code } = await onlyMessageFor(email);

		const client = anonClient();
		const { data, error } = await client.auth.verifyOtp({ email, token: code, type: 'email' });
		expect(error).toBeNull();
		const session = data.session!;
		expect(data.user?.email).toBe(email);
		expect(data.user?.email_confirmed_at).toBeTruthy();
		expect(session.token_type).toBe('bearer');

		const claims = decodeJwt(session.access_token);
		expect(claims.sub).toBe(data.user?.id);
		expect(claims.role).toBe('authenticated');
		expect(claims.aud).toBe('authenticated');
		expect(claims.email).toBe(email);
		expect(claims.is_anonymous).toBe(false);
		expect(claims.iss).toBe(`${stack.apiUrl}/auth/v1`);
		expect(claims.session_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(claims.exp).toBe(session.expires_at);
		expect(claims.exp! - Math.floor(Date.now() / 1000)).toBeGreaterThan(60);
	});

	it('follows the link to the redirect with the session in the fragment', async () => {
		const email = newEmail('link');
		await anonClient().auth.signInWithOtp({ email });
		const { link } = await onlyMessageFor(email);

		const { status, location } = await follow(link);
		expect(status).toBe(303);
		expect(location.href.startsWith(new URL(link).searchParams.get('redirect_to')!)).toBe(true);
		expect(location.search).toBe('');
		const fragment = new URLSearchParams(location.hash.slice(1));
		expect(fragment.get('token_type')).toBe('bearer');
		expect(fragment.get('type')).toBe('signup');
		expect(Number(fragment.get('expires_in'))).toBeGreaterThan(0);
		expect(fragment.get('refresh_token')).toBeTruthy();

		const { data, error } = await anonClient().auth.getUser(fragment.get('access_token')!);
		expect(error).toBeNull();
		expect(data.user?.email).toBe(email);
	});

	it('with PKCE, the link carries ?code= and only the requesting client can exchange it', async () => {
		const email = newEmail('pkce');
		const client = anonClient({ flowType: 'pkce' });
		await client.auth.signInWithOtp({ email });
		const { link } = await onlyMessageFor(email);

		const { status, location } = await follow(link);
		expect(status).toBe(303);
		expect(location.hash).toBe('');
		const code = location.searchParams.get('code')!;
		expect(code).toBeTruthy();

		const forged = await fetch(`${stack.apiUrl}/auth/v1/token?grant_type=pkce`, {
			method: 'POST',
			headers: { apikey: stack.anonKey, 'Content-Type': 'application/json' },
			body: JSON.stringify({ auth_code: code, code_verifier: 'x'.repeat(64) })
		});
		expect(forged.status).toBe(400);
		expect(await forged.json()).toMatchObject({ error_code: 'bad_code_verifier' });

		const { data, error } = await client.auth.exchangeCodeForSession(code);
		expect(error).toBeNull();
		expect(data.user?.email).toBe(email);
		expect(decodeJwt(data.session!.access_token).sub).toBe(data.user?.id);

		const again = await fetch(`${stack.apiUrl}/auth/v1/token?grant_type=pkce`, {
			method: 'POST',
			headers: { apikey: stack.anonKey, 'Content-Type': 'application/json' },
			body: JSON.stringify({ auth_code: code, code_verifier: 'x'.repeat(64) })
		});
		expect(again.status).toBe(404);
		expect(await again.json()).toMatchObject({ error_code: 'flow_state_not_found' });
	});

	it('refuses a wrong code, then refuses the right code once it has been used', async () => {
		const email = newEmail('reuse-code');
		await anonClient().auth.signInWithOtp({ email });
		const { code } = await onlyMessageFor(email);
		const client = anonClient();

		const wrong = await client.auth.verifyOtp({ email, token: otherCode(code), type: 'email' });
		expect(wrong.error?.status).toBe(403);
		expect(wrong.error?.code).toBe('otp_expired');
		expect(wrong.data.session).toBeNull();

		const right = await client.auth.verifyOtp({ email, token: code, type: 'email' });
		expect(right.error).toBeNull();

		const reused = await anonClient().auth.verifyOtp({ email, token: code, type: 'email' });
		expect(reused.error?.code).toBe('otp_expired');
		expect(reused.data.session).toBeNull();
	});

	it('refuses a link that was already followed, redirecting with otp_expired', async () => {
		const email = newEmail('reuse-link');
		await anonClient().auth.signInWithOtp({ email });
		const { link, code } = await onlyMessageFor(email);

		expect(
			new URLSearchParams((await follow(link)).location.hash.slice(1)).has('access_token')
		).toBe(true);
		const second = await follow(link);
		expect(second.status).toBe(303);
		const fragment = new URLSearchParams(second.location.hash.slice(1));
		expect(fragment.get('error')).toBe('access_denied');
		expect(fragment.get('error_code')).toBe('otp_expired');
		expect(fragment.has('access_token')).toBe(false);

		// The code came in the same email: using the link used it up too.
		const viaCode = await anonClient().auth.verifyOtp({ email, token: code, type: 'email' });
		expect(viaCode.error?.code).toBe('otp_expired');
	});

	it('throws the pending sign-in away after five wrong codes', async () => {
		const email = newEmail('guessing');
		await anonClient().auth.signInWithOtp({ email });
		const { code } = await onlyMessageFor(email);
		const client = anonClient();
		for (let attempt = 0; attempt < 5; attempt++) {
			const guess = String((Number(code) + 1 + attempt) % 1_000_000).padStart(6, '0');
			expect(
				(await client.auth.verifyOtp({ email, token: guess, type: 'email' })).error
			).not.toBeNull();
		}
		const right = await client.auth.verifyOtp({ email, token: code, type: 'email' });
		expect(right.error?.code).toBe('otp_expired');
	});

	it('never redirects to a site that is not allowed', async () => {
		const email = newEmail('redirect');
		await anonClient().auth.signInWithOtp({
			email,
			options: { emailRedirectTo: 'https://attacker.example/steal' }
		});
		const { link } = await onlyMessageFor(email);
		expect(new URL(link).searchParams.get('redirect_to')).not.toContain('attacker.example');

		const { location } = await follow(link);
		expect(location.hostname).not.toBe('attacker.example');
		expect(new URLSearchParams(location.hash.slice(1)).has('access_token')).toBe(true);
	});

	it('redirects only to the site’s own origin, never another port or scheme on its host', async () => {
		/** Where the link asked for with `emailRedirectTo` sends its follower. */
		const redirectOf = async (emailRedirectTo?: string) => {
			const email = newEmail('redirect-origin');
			await anonClient().auth.signInWithOtp({ email, options: { emailRedirectTo } });
			return new URL((await onlyMessageFor(email)).link).searchParams.get('redirect_to');
		};
		const site = new URL((await redirectOf())!);
		const callback = `${site.origin}/auth/callback?next=%2Fme`;
		expect(await redirectOf(callback)).toBe(callback);

		const otherPort = new URL(callback);
		otherPort.port = String(Number(site.port || 80) + 1);
		const otherScheme = new URL(callback);
		otherScheme.protocol = site.protocol === 'https:' ? 'http:' : 'https:';
		for (const elsewhere of [
			otherPort.href,
			otherScheme.href,
			`${site.protocol}//${site.host}.evil.example/auth/callback`,
			`${site.protocol}//${site.host}@evil.example/auth/callback`
		]) {
			expect(await redirectOf(elsewhere)).toBe(site.href);
		}
	});

	it('rejects an address that is not one, with validation_failed', async () => {
		const { error } = await anonClient().auth.signInWithOtp({ email: 'not an address' });
		expect(error?.status).toBe(400);
		expect(error?.code).toBe('validation_failed');
	});
});

describe('when the address has no account', () => {
	it('answers exactly as for a known address, and with shouldCreateUser false sends nothing', async () => {
		const known = newEmail('known');
		const unknown = newEmail('unknown');
		const created = await admin().auth.admin.createUser({ email: known, email_confirm: true });
		expect(created.error).toBeNull();

		const ask = (email: string) =>
			fetch(`${stack.apiUrl}/auth/v1/otp`, {
				method: 'POST',
				headers: { apikey: stack.anonKey, 'Content-Type': 'application/json' },
				body: JSON.stringify({ email, create_user: false })
			});
		const [forKnown, forUnknown] = await Promise.all([ask(known), ask(unknown)]);
		expect(forUnknown.status).toBe(forKnown.status);
		expect(await forUnknown.text()).toBe(await forKnown.text());
		expect(forKnown.status).toBe(200);

		expect(await mailFor(known)).toHaveLength(1);
		expect(await mailFor(unknown)).toHaveLength(0);
		const { data } = await admin().auth.admin.listUsers({ perPage: 1000 });
		expect(data.users.some((user) => user.email === unknown)).toBe(false);
	});
});

describe('rate limits', () => {
	let perAddress: AuthServer;
	let perClient: AuthServer;

	beforeAll(async () => {
		perAddress = await startAuthServer(db, {
			rateLimits: { emailSendIntervalSeconds: 60, requestsPerHourPerIp: 0 }
		});
		perClient = await startAuthServer(db, {
			rateLimits: { emailSendIntervalSeconds: 0, requestsPerHourPerIp: 3 }
		});
	});

	afterAll(async () => {
		await perAddress.close();
		await perClient.close();
	});

	it('sends one email per address per interval, then answers 429 over_email_send_rate_limit', async () => {
		const client = anonClient(perAddress);
		const email = newEmail('limit-address');
		expect((await client.auth.signInWithOtp({ email })).error).toBeNull();

		const { error } = await client.auth.signInWithOtp({ email });
		expect(error?.status).toBe(429);
		expect(error?.code).toBe('over_email_send_rate_limit');
		expect(error?.message).toMatch(/only request this after \d+ seconds/);
		expect(perAddress.mailbox.list({ to: email })).toHaveLength(1);

		expect((await client.auth.signInWithOtp({ email: newEmail('limit-other') })).error).toBeNull();
	});

	it('limits unknown addresses the same way, so a 429 reveals nothing', async () => {
		const client = anonClient(perAddress);
		const known = newEmail('limit-known');
		const unknown = newEmail('limit-unknown');
		await admin().auth.admin.createUser({ email: known, email_confirm: true });
		const ask = (email: string) =>
			client.auth.signInWithOtp({ email, options: { shouldCreateUser: false } });

		expect([(await ask(known)).error, (await ask(unknown)).error]).toEqual([null, null]);
		const [again, unknownAgain] = [await ask(known), await ask(unknown)];
		expect(again.error?.code).toBe('over_email_send_rate_limit');
		expect(unknownAgain.error?.code).toBe('over_email_send_rate_limit');
	});

	it('limits requests per client address, then answers 429 over_request_rate_limit', async () => {
		const client = anonClient(perClient);
		for (let request = 0; request < 3; request++) {
			const { error } = await client.auth.signInWithOtp({ email: newEmail(`limit-ip-${request}`) });
			expect(error).toBeNull();
		}
		const { error } = await client.auth.signInWithOtp({ email: newEmail('limit-ip-over') });
		expect(error?.status).toBe(429);
		expect(error?.code).toBe('over_request_rate_limit');
	});
});

describe('sessions', () => {
	it('rotates the refresh token, keeping the session', async () => {
		const { client, session } = await signIn(newEmail('rotate'));
		const first = await client.auth.refreshSession({ refresh_token: session.refresh_token });
		expect(first.error).toBeNull();
		const rotated = first.data.session!;
		expect(rotated.refresh_token).not.toBe(session.refresh_token);
		expect(decodeJwt(rotated.access_token).session_id).toBe(
			decodeJwt(session.access_token).session_id
		);

		const second = await client.auth.refreshSession({ refresh_token: rotated.refresh_token });
		expect(second.error).toBeNull();
		expect(second.data.session!.refresh_token).not.toBe(rotated.refresh_token);
	});

	describe('when an older refresh token is presented again', () => {
		let strict: AuthServer;
		let lenient: AuthServer;

		beforeAll(async () => {
			strict = await startAuthServer(db, { refreshTokenReuseIntervalSeconds: 0 });
			lenient = await startAuthServer(db, { refreshTokenReuseIntervalSeconds: 60 });
		});

		afterAll(async () => {
			await strict.close();
			await lenient.close();
		});

		/** Signs in on `server` and refreshes twice: returns all three refresh tokens. */
		async function rotateTwice(server: AuthServer) {
			const email = newEmail('reuse');
			const adminClient = createClient(server.apiUrl, server.serviceKey, clientOptions);
			const { data } = await adminClient.auth.admin.generateLink({ type: 'magiclink', email });
			const client = anonClient(server);
			const verified = await client.auth.verifyOtp({
				email,
				token: data.properties!.email_otp,
				type: 'email'
			});
			const first = verified.data.session!.refresh_token;
			const second = (await client.auth.refreshSession({ refresh_token: first })).data.session!;
			const current = (await client.auth.refreshSession({ refresh_token: second.refresh_token }))
				.data.session!;
			return { client, first, second: second.refresh_token, current: current.refresh_token };
		}

		it('after the reuse interval, refuses it and ends the whole session', async () => {
			const { client, first, current } = await rotateTwice(strict);

			const reused = await client.auth.refreshSession({ refresh_token: first });
			expect(reused.error?.status).toBe(400);
			expect(reused.error?.code).toBe('refresh_token_already_used');

			// A stolen token was replayed: the token the rightful client holds is revoked too.
			const rightful = await client.auth.refreshSession({ refresh_token: current });
			expect(rightful.error?.code).toBe('refresh_token_already_used');
		});

		it('even after the reuse interval, answers the current token to its parent', async () => {
			// The client sent its refresh but never got the answer; it retries with the same token.
			const { client, second, current } = await rotateTwice(strict);
			const retried = await client.auth.refreshSession({ refresh_token: second });
			expect(retried.error).toBeNull();
			expect(retried.data.session!.refresh_token).toBe(current);
		});

		it('within the reuse interval, answers with the current token (two tabs racing)', async () => {
			const { client, first, current } = await rotateTwice(lenient);
			const raced = await client.auth.refreshSession({ refresh_token: first });
			expect(raced.error).toBeNull();
			expect(raced.data.session!.refresh_token).toBe(current);
		});
	});

	it('returns the signed-in user and merges updates into user_metadata', async () => {
		const email = newEmail('update');
		await admin().auth.admin.createUser({
			email,
			email_confirm: true,
			user_metadata: { keep: 1, drop: 2 }
		});
		const { client } = await signIn(email);

		const updated = await client.auth.updateUser({ data: { display: 'Ada', drop: null } });
		expect(updated.error).toBeNull();
		expect(updated.data.user?.user_metadata).toEqual({ keep: 1, display: 'Ada' });

		const fetched = await client.auth.getUser();
		expect(fetched.data.user?.user_metadata).toEqual({ keep: 1, display: 'Ada' });
		expect(fetched.data.user?.identities?.[0]).toMatchObject({ provider: 'email' });

		const changeEmail = await client.auth.updateUser({ email: newEmail('elsewhere') });
		expect(changeEmail.error?.status).toBe(422);
		expect((await client.auth.getUser()).data.user?.email).toBe(email);
	});

	it('signing out ends the session: its refresh token and access token stop working', async () => {
		const { client, session } = await signIn(newEmail('sign-out'));
		expect((await client.auth.signOut()).error).toBeNull();

		const user = await anonClient().auth.getUser(session.access_token);
		expect(user.data.user).toBeNull();
		expect(user.error?.name).toBe('AuthSessionMissingError');

		const refreshed = await anonClient().auth.refreshSession({
			refresh_token: session.refresh_token
		});
		expect(refreshed.error?.code).toBe('refresh_token_not_found');
	});

	it("signing out with scope local ends only this device's session", async () => {
		const email = newEmail('local-sign-out');
		const here = await signIn(email);
		const elsewhere = await signIn(email);

		expect((await here.client.auth.signOut({ scope: 'local' })).error).toBeNull();
		expect((await anonClient().auth.getUser(here.session.access_token)).error).not.toBeNull();
		const stillIn = await anonClient().auth.getUser(elsewhere.session.access_token);
		expect(stillIn.error).toBeNull();
		expect(stillIn.data.user?.email).toBe(email);
	});
});

describe('the admin API', () => {
	it('creates, finds, lists and deletes users with the service key', async () => {
		const email = newEmail('admin');
		const created = await admin().auth.admin.createUser({
			email,
			email_confirm: true,
			user_metadata: { display_name: 'Bo' },
			app_metadata: { moderator: true }
		});
		expect(created.error).toBeNull();
		const user = created.data.user!;
		expect(user.email).toBe(email);
		expect(user.email_confirmed_at).toBeTruthy();
		expect(user.user_metadata).toEqual({ display_name: 'Bo' });
		expect(user.app_metadata).toMatchObject({ provider: 'email', moderator: true });

		const duplicate = await admin().auth.admin.createUser({ email, email_confirm: true });
		expect(duplicate.error?.code).toBe('email_exists');

		expect((await admin().auth.admin.getUserById(user.id)).data.user?.email).toBe(email);
		const listed = await admin().auth.admin.listUsers({ page: 1, perPage: 1000 });
		expect(listed.error).toBeNull();
		expect(listed.data.users.map((listedUser) => listedUser.id)).toContain(user.id);

		expect((await admin().auth.admin.deleteUser(user.id)).error).toBeNull();
		const gone = await admin().auth.admin.getUserById(user.id);
		expect(gone.error?.status).toBe(404);
	});

	it('pages the user list, newest first', async () => {
		const first = await admin().auth.admin.listUsers({ page: 1, perPage: 1 });
		const second = await admin().auth.admin.listUsers({ page: 2, perPage: 1 });
		expect(first.data.users).toHaveLength(1);
		expect(second.data.users).toHaveLength(1);
		expect(first.data.users[0].id).not.toBe(second.data.users[0].id);
		expect(first.data.users[0].created_at >= second.data.users[0].created_at).toBe(true);
	});

	it('refuses the anon key, a user access token and no token at all', async () => {
		const viaAnon = await anonClient().auth.admin.listUsers();
		expect(viaAnon.error?.status).toBe(403);
		expect(viaAnon.error?.code).toBe('not_admin');

		const { session } = await signIn(newEmail('not-admin'));
		const asUser = createClient(stack.apiUrl, stack.anonKey, {
			...clientOptions,
			global: { headers: { Authorization: `Bearer ${session.access_token}` } }
		});
		const viaUser = await asUser.auth.admin.createUser({ email: newEmail('by-user') });
		expect(viaUser.error?.status).toBe(403);
		expect(viaUser.error?.code).toBe('not_admin');

		const bare = await fetch(`${stack.apiUrl}/auth/v1/admin/users`, {
			headers: { apikey: stack.anonKey }
		});
		expect(bare.status).toBe(401);
	});

	it('bans a user: they can neither sign in nor refresh until the ban is lifted', async () => {
		const email = newEmail('banned');
		const { session } = await signIn(email);
		const userId = decodeJwt(session.access_token).sub!;
		const banned = await admin().auth.admin.updateUserById(userId, { ban_duration: '24h' });
		expect(banned.error).toBeNull();
		expect(Date.parse(banned.data.user!.banned_until!)).toBeGreaterThan(Date.now());

		const refreshed = await anonClient().auth.refreshSession({
			refresh_token: session.refresh_token
		});
		expect(refreshed.error?.code).toBe('user_banned');
		const link = await admin().auth.admin.generateLink({ type: 'magiclink', email });
		const code = link.data.properties!.email_otp;
		const refused = await anonClient().auth.verifyOtp({ email, token: code, type: 'email' });
		expect(refused.error?.code).toBe('user_banned');

		await admin().auth.admin.updateUserById(userId, { ban_duration: 'none' });
		const allowed = await anonClient().auth.verifyOtp({ email, token: code, type: 'email' });
		expect(allowed.error).toBeNull();
	});

	it('generates a sign-in link and code without sending an email', async () => {
		const email = newEmail('generate');
		const { data, error } = await admin().auth.admin.generateLink({ type: 'magiclink', email });
		expect(error).toBeNull();
		expect(data.user?.email).toBe(email);
		expect(data.properties?.email_otp).toMatch(/^\d{6}$/);
		expect(data.properties?.verification_type).toBe('signup');
		expect(new URL(data.properties!.action_link).pathname).toBe('/auth/v1/verify');
		expect(await mailFor(email)).toHaveLength(0);

		await signIn(email);
		const again = await admin().auth.admin.generateLink({ type: 'magiclink', email });
		expect(again.data.properties?.verification_type).toBe('magiclink');
	});

	it('deleting a user ends their sessions and removes what references them', async () => {
		const { client, session } = await signIn(newEmail('delete'));
		const userId = decodeJwt(session.access_token).sub!;
		// The account came with a profile (trigger on auth.users); make it the person's own.
		const profile = await client
			.from('profiles')
			.update({ display_name: 'Leaving' })
			.eq('id', userId)
			.select('id');
		expect(profile.data).toEqual([{ id: userId }]);

		expect((await admin().auth.admin.deleteUser(userId)).error).toBeNull();

		const sessions = await db.query(`select 1 from auth.sessions where user_id = $1`, [userId]);
		expect(sessions.rowCount).toBe(0);
		const profiles = await db.query(`select 1 from public.profiles where id = $1`, [userId]);
		expect(profiles.rowCount).toBe(0);
		const user = await anonClient().auth.getUser(session.access_token);
		expect(user.error?.code).toBe('user_not_found');
		const refreshed = await anonClient().auth.refreshSession({
			refresh_token: session.refresh_token
		});
		expect(refreshed.error?.code).toBe('refresh_token_not_found');
	});
});

describe('the database API with a signed-in user', () => {
	it('accepts the access token: PostgREST sees the user as authenticated', async () => {
		const { client, session } = await signIn(newEmail('postgrest'));
		const userId = decodeJwt(session.access_token).sub!;

		const listed = await client.from('profiles').select('id');
		expect(listed.status).toBe(200);
		expect(listed.error).toBeNull();

		// Only an authenticated request whose auth.uid() is this user may change this row.
		const updated = await client
			.from('profiles')
			.update({ display_name: 'Token test' })
			.eq('id', userId)
			.select('id')
			.single();
		expect(updated.error).toBeNull();
		expect(updated.data?.id).toBe(userId);
	});
});
