import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { AuthConfig } from './config.ts';
import { AuthApiError, badRequest, forbidden, notFound, unprocessable } from './http.ts';
import {
	matchesCodeChallenge,
	newLinkToken,
	newOtpCode,
	otpCodeHash,
	sameHash,
	sha256
} from './secrets.ts';
import type { UserRow } from './users.ts';

/**
 * Pending email sign-ins (a link and a six-digit code sent together) and PKCE flow state.
 *
 * As in GoTrue, a user who has not confirmed their address gets a "signup" link (a
 * confirmation token) and a confirmed user a "magiclink" (a recovery token); verifying with
 * type "email" accepts either. A user has at most one pending sign-in: asking again replaces
 * it, and using the link or the code consumes both.
 */

export type VerificationType = 'signup' | 'magiclink';
type TokenType = 'confirmation_token' | 'recovery_token';

interface TokenRow {
	id: string;
	user_id: string;
	token_type: TokenType;
	code_hash: string;
	flow_state_id: string | null;
	failed_attempts: number;
	expires_at: Date;
}

const TOKEN_COLUMNS =
	'id, user_id, token_type, code_hash, flow_state_id, failed_attempts, expires_at';

export const LINK_EXPIRED = 'Email link is invalid or has expired';
const CODE_EXPIRED = 'Token has expired or is invalid';

function verificationTypeOf(tokenType: TokenType): VerificationType {
	return tokenType === 'confirmation_token' ? 'signup' : 'magiclink';
}

/** Whether a token of this type answers a verify request of `requested` type. */
function accepts(requested: string, tokenType: TokenType): boolean {
	return requested === 'email' || requested === verificationTypeOf(tokenType);
}

export interface PkceChallenge {
	challenge: string;
	method: 's256' | 'plain';
}

/** Validates the PKCE parameters of POST /otp like GoTrue's validatePKCEParams. */
export function pkceChallenge(input: {
	challenge: string | undefined;
	method: string | undefined;
}): PkceChallenge | null {
	const challenge = input.challenge ?? '';
	const method = (input.method ?? '').toLowerCase();
	if (!challenge && !method) return null;
	if (!challenge || !method) {
		throw badRequest(
			'validation_failed',
			'PKCE flow requires code_challenge_method and code_challenge'
		);
	}
	if (method !== 's256' && method !== 'plain') {
		throw badRequest(
			'validation_failed',
			`code_challenge_method must be s256 or plain, got ${method}`
		);
	}
	if (!/^[A-Za-z0-9._~-]{43,128}$/.test(challenge)) {
		throw badRequest(
			'validation_failed',
			'code_challenge must be 43 to 128 characters of letters, digits and -._~'
		);
	}
	return { challenge, method };
}

export interface PendingSignIn {
	linkToken: string;
	code: string;
	verificationType: VerificationType;
}

/** Creates the user's pending sign-in, replacing any earlier one. */
export async function createPendingSignIn(
	db: pg.PoolClient,
	input: { config: AuthConfig; user: UserRow; pkce: PkceChallenge | null }
): Promise<PendingSignIn> {
	const { config, user, pkce } = input;
	const tokenType: TokenType = user.email_confirmed_at ? 'recovery_token' : 'confirmation_token';
	const verificationType = verificationTypeOf(tokenType);

	// Two requests for the same person must not both replace the pending sign-in at once.
	await db.query(`select 1 from auth.users where id = $1 for update`, [user.id]);
	const replaced = await db.query<{ flow_state_id: string | null }>(
		`delete from auth.one_time_tokens where user_id = $1 returning flow_state_id`,
		[user.id]
	);
	const staleFlows = replaced.rows.map((row) => row.flow_state_id).filter(Boolean);
	// Flow states whose link was replaced can never be completed; old ones were abandoned.
	await db.query(
		`delete from auth.flow_state
		where id = any($1::uuid[]) or created_at < now() - interval '1 day'`,
		[staleFlows]
	);

	let flowStateId: string | null = null;
	if (pkce) {
		const { rows } = await db.query<{ id: string }>(
			`insert into auth.flow_state (user_id, code_challenge_method, code_challenge, authentication_method)
			values ($1, $2, $3, $4) returning id`,
			[
				user.id,
				pkce.method,
				pkce.challenge,
				verificationType === 'signup' ? 'email/signup' : 'magiclink'
			]
		);
		flowStateId = rows[0].id;
	}

	const linkToken = newLinkToken(pkce !== null);
	const code = newOtpCode();
	await db.query(
		`insert into auth.one_time_tokens
			(user_id, token_type, token_hash, code_hash, relates_to, flow_state_id, expires_at)
		values ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))`,
		[
			user.id,
			tokenType,
			sha256(linkToken),
			otpCodeHash(user.email ?? '', code),
			user.email ?? '',
			flowStateId,
			config.otpLifetimeSeconds
		]
	);
	await db.query(
		tokenType === 'confirmation_token'
			? `update auth.users set confirmation_sent_at = now() where id = $1`
			: `update auth.users set recovery_sent_at = now() where id = $1`,
		[user.id]
	);
	return { linkToken, code, verificationType };
}

export interface ConsumedSignIn {
	userId: string;
	verificationType: VerificationType;
	flowStateId: string | null;
}

/**
 * Consumes a pending sign-in by the secret of its link (GET /verify, or POST /verify with
 * token_hash). Throws otp_expired for anything that does not match, like GoTrue.
 */
export async function consumeLinkToken(
	db: pg.PoolClient,
	input: { linkToken: string; type: string }
): Promise<ConsumedSignIn> {
	const { rows } = await db.query<TokenRow>(
		`select ${TOKEN_COLUMNS} from auth.one_time_tokens where token_hash = $1 for update`,
		[sha256(input.linkToken)]
	);
	const token = rows[0];
	const usable =
		token && accepts(input.type, token.token_type) && token.expires_at.getTime() > Date.now();
	if (!usable) throw forbidden('otp_expired', LINK_EXPIRED);
	await db.query(`delete from auth.one_time_tokens where id = $1`, [token.id]);
	return {
		userId: token.user_id,
		verificationType: verificationTypeOf(token.token_type),
		flowStateId: token.flow_state_id
	};
}

/** Compared against when there is no pending sign-in: equal to no code's hash. */
const NO_CODE_HASH = '0'.repeat(64);
/** Matches no row: the id used when there is no pending sign-in to count a wrong code against. */
const NO_TOKEN_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Consumes a pending sign-in by address and code (POST /verify). A wrong code counts against
 * the pending sign-in, which is thrown away after too many or once expired; the count has to
 * survive the refusal, so refusals are returned (for the caller to commit) rather than thrown.
 *
 * The work is the same whether the address has an account, a pending sign-in, or neither: one
 * statement finds the pending sign-in, the code is hashed and compared (with a hash no code has
 * when there is nothing to compare with), and a refusal runs the same two statements, which
 * change no row when there is none. So how long a refusal takes says nothing about who has an
 * account. A banned person is told so only for the right code (by issueSession).
 */
export async function consumeCode(
	db: pg.PoolClient,
	input: { config: AuthConfig; email: string; code: string; type: string }
): Promise<ConsumedSignIn | { refused: AuthApiError }> {
	const { rows } = await db.query<TokenRow>(
		`select t.id, t.user_id, t.token_type, t.code_hash, t.flow_state_id, t.failed_attempts,
			t.expires_at
		from auth.one_time_tokens t join auth.users u on u.id = t.user_id
		where lower(u.email) = lower($1) and u.is_sso_user = false
		order by u.created_at limit 1
		for update of t`,
		[input.email]
	);
	const token: TokenRow | undefined = rows[0];
	const sameCode = sameHash(
		otpCodeHash(input.email, input.code.trim()),
		token?.code_hash ?? NO_CODE_HASH
	);
	const usable =
		token !== undefined &&
		accepts(input.type, token.token_type) &&
		token.expires_at.getTime() > Date.now();
	if (!sameCode || !usable) {
		await db.query(
			`delete from auth.one_time_tokens
			where id = $1 and (failed_attempts + 1 >= $2 or expires_at <= now())`,
			[token?.id ?? NO_TOKEN_ID, input.config.maxFailedOtpAttempts]
		);
		await db.query(
			`update auth.one_time_tokens set failed_attempts = failed_attempts + 1, updated_at = now()
			where id = $1`,
			[token?.id ?? NO_TOKEN_ID]
		);
		return { refused: forbidden('otp_expired', CODE_EXPIRED) };
	}
	await db.query(`delete from auth.one_time_tokens where id = $1`, [token.id]);
	// A code bypasses the PKCE exchange, so the flow it started can never finish.
	if (token.flow_state_id) {
		await db.query(`delete from auth.flow_state where id = $1`, [token.flow_state_id]);
	}
	return {
		userId: token.user_id,
		verificationType: verificationTypeOf(token.token_type),
		flowStateId: null
	};
}

/** Following a PKCE link issues an auth code (GoTrue's issueAuthCode); only its hash is kept. */
export async function issueAuthCode(
	db: pg.PoolClient,
	input: { flowStateId: string | null; userId: string }
): Promise<string> {
	const authCode = randomUUID();
	const { rowCount } = input.flowStateId
		? await db.query(
				`update auth.flow_state
				set auth_code_hash = $2, auth_code_issued_at = now(), user_id = $3, updated_at = now()
				where id = $1`,
				[input.flowStateId, sha256(authCode), input.userId]
			)
		: { rowCount: 0 };
	if (!rowCount) throw badRequest('flow_state_not_found', 'No associated flow state found.');
	return authCode;
}

/**
 * POST /token?grant_type=pkce: redeems an auth code with its code verifier, once. Returns the
 * user and the method to record in the session's `amr`.
 */
export async function redeemAuthCode(
	db: pg.PoolClient,
	input: { config: AuthConfig; authCode: string; codeVerifier: string }
): Promise<{ userId: string; authenticationMethod: string }> {
	const { rows } = await db.query<{
		id: string;
		user_id: string | null;
		code_challenge_method: string;
		code_challenge: string;
		authentication_method: string;
		auth_code_issued_at: Date | null;
	}>(
		`select id, user_id, code_challenge_method, code_challenge, authentication_method,
			auth_code_issued_at
		from auth.flow_state where auth_code_hash = $1 for update`,
		[sha256(input.authCode)]
	);
	const flow = rows[0];
	if (!flow || !flow.user_id || !flow.auth_code_issued_at) {
		throw notFound('flow_state_not_found', 'invalid flow state, no valid flow state found');
	}
	const ageMs = Date.now() - flow.auth_code_issued_at.getTime();
	if (ageMs > input.config.flowStateLifetimeSeconds * 1000) {
		throw unprocessable('flow_state_expired', 'invalid flow state, flow state has expired');
	}
	const verified = matchesCodeChallenge({
		verifier: input.codeVerifier,
		challenge: flow.code_challenge,
		method: flow.code_challenge_method
	});
	if (!verified) {
		throw badRequest(
			'bad_code_verifier',
			'code challenge does not match previously saved code verifier'
		);
	}
	await db.query(`delete from auth.flow_state where id = $1`, [flow.id]);
	return { userId: flow.user_id, authenticationMethod: flow.authentication_method };
}
