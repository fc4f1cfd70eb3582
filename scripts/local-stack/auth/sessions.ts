import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { jwtVerify, type JWTPayload } from 'jose';
import type pg from 'pg';
import { signJwt } from '../keys.ts';
import type { AuthConfig } from './config.ts';
import { AuthApiError, badRequest, bearerToken, forbidden } from './http.ts';
import { refreshTokenValue, sha256 } from './secrets.ts';
import {
	appMetadata,
	findUserById,
	isBanned,
	isUuid,
	recordSignIn,
	userJson,
	type Queryable,
	type UserRow
} from './users.ts';

/**
 * Sessions, rotating refresh tokens and the access tokens (JWTs) PostgREST trusts, following
 * GoTrue's token service (supabase/auth internal/tokens/service.go).
 */

interface SessionRow {
	id: string;
	user_id: string;
	aal: string;
	amr: Array<{ method: string; timestamp: number }>;
	not_after: Date | null;
}

export interface SessionResponse {
	access_token: string;
	token_type: 'bearer';
	expires_in: number;
	expires_at: number;
	refresh_token: string;
	user: Awaited<ReturnType<typeof userJson>>;
}

/** Roles allowed to use the admin API, as GOTRUE_JWT_ADMIN_ROLES on a hosted project. */
const ADMIN_ROLES = new Set(['service_role', 'supabase_admin']);

async function signAccessToken({
	config,
	user,
	session
}: {
	config: AuthConfig;
	user: UserRow;
	session: SessionRow;
}) {
	const expiresAt = Math.floor(Date.now() / 1000) + config.accessTokenLifetimeSeconds;
	const token = await signJwt(
		config.jwtSecret,
		{
			iss: config.authUrl,
			sub: user.id,
			aud: user.aud ?? 'authenticated',
			email: user.email ?? '',
			phone: user.phone ?? '',
			app_metadata: appMetadata(user),
			user_metadata: user.raw_user_meta_data ?? {},
			role: user.role ?? 'authenticated',
			aal: session.aal,
			amr: session.amr,
			session_id: session.id,
			is_anonymous: user.is_anonymous
		},
		expiresAt
	);
	return { token, expiresAt };
}

async function sessionResponse(
	db: Queryable,
	input: { config: AuthConfig; user: UserRow; session: SessionRow; refreshToken: string }
): Promise<SessionResponse> {
	const { token, expiresAt } = await signAccessToken(input);
	return {
		access_token: token,
		token_type: 'bearer',
		expires_in: input.config.accessTokenLifetimeSeconds,
		expires_at: expiresAt,
		refresh_token: input.refreshToken,
		user: await userJson(db, input.user)
	};
}

async function insertRefreshToken(
	db: pg.PoolClient,
	row: { config: AuthConfig; userId: string; sessionId: string; parentId: string | null }
): Promise<string> {
	// The row id goes into the token, so it is taken before the row is written.
	const { rows } = await db.query<{ id: string }>(
		`select nextval(pg_get_serial_sequence('auth.refresh_tokens', 'id'))::text as id`
	);
	const tokenId = rows[0].id;
	const token = refreshTokenValue({
		jwtSecret: row.config.jwtSecret,
		sessionId: row.sessionId,
		tokenId
	});
	await db.query(
		`insert into auth.refresh_tokens (id, token_hash, user_id, session_id, parent_id)
		values ($1, $2, $3, $4, $5)`,
		[tokenId, sha256(token), row.userId, row.sessionId, row.parentId]
	);
	return token;
}

/**
 * Signs the user in on a new session. `authenticationMethod` becomes the `amr` claim: "otp"
 * for a code or an implicit-flow link, the flow's method ("magiclink", "email/signup") for PKCE.
 */
export async function issueSession(
	db: pg.PoolClient,
	input: {
		config: AuthConfig;
		userId: string;
		authenticationMethod: string;
		/** Who is signing in: their address (see clientAddress) and browser, kept with the session. */
		client: { address: string; userAgent: string | undefined };
	}
): Promise<SessionResponse> {
	const signingIn = await findUserById(db, input.userId);
	if (!signingIn) throw forbidden('user_not_found', 'User not found');
	if (isBanned(signingIn)) throw forbidden('user_banned', 'User is banned');
	const user = await recordSignIn(db, input.userId);
	const { address, userAgent } = input.client;
	const { rows } = await db.query<SessionRow>(
		`insert into auth.sessions (user_id, aal, amr, user_agent, ip, refreshed_at)
		values ($1, 'aal1', $2, $3, $4, now())
		returning id, user_id, aal, amr, not_after`,
		[
			user.id,
			JSON.stringify([
				{ method: input.authenticationMethod, timestamp: Math.floor(Date.now() / 1000) }
			]),
			userAgent ?? null,
			isIP(address) ? address : null
		]
	);
	const session = rows[0];
	const refreshToken = await insertRefreshToken(db, {
		config: input.config,
		userId: user.id,
		sessionId: session.id,
		parentId: null
	});
	return sessionResponse(db, { config: input.config, user, session, refreshToken });
}

type RefreshOutcome = { session: SessionResponse } | { refused: AuthApiError };

/**
 * POST /token?grant_type=refresh_token, following GoTrue's RefreshTokenGrant. Each use revokes
 * the token and issues its child. A revoked token is answered with the session's current
 * token (not a new one) when it is that token's parent (the client lost the answer to its
 * last refresh) or was revoked within the reuse interval (two tabs, or a server render and the
 * browser, refreshing at once): racing clients end up holding the same token. Any other
 * reuse is taken for theft: every token of the session is revoked and the caller gets
 * refresh_token_already_used.
 */
export async function refreshSession(
	db: pg.PoolClient,
	input: { config: AuthConfig; refreshToken: string }
): Promise<RefreshOutcome> {
	const { config } = input;
	const { rows } = await db.query<{
		id: string;
		user_id: string;
		session_id: string;
		revoked: boolean;
		updated_at: Date;
	}>(
		`select rt.id, rt.user_id, rt.session_id, rt.revoked, rt.updated_at
		from auth.refresh_tokens rt join auth.sessions s on s.id = rt.session_id
		where rt.token_hash = $1
		for update of rt, s`,
		[sha256(input.refreshToken)]
	);
	const presented = rows[0];
	const user = presented ? await findUserById(db, presented.user_id) : null;
	if (!presented || !user) {
		return {
			refused: badRequest(
				'refresh_token_not_found',
				'Invalid Refresh Token: Refresh Token Not Found'
			)
		};
	}
	if (isBanned(user)) {
		return { refused: badRequest('user_banned', 'Invalid Refresh Token: User Banned') };
	}
	const session = (
		await db.query<SessionRow>(
			`select id, user_id, aal, amr, not_after from auth.sessions where id = $1`,
			[presented.session_id]
		)
	).rows[0];
	if (session.not_after && session.not_after.getTime() <= Date.now()) {
		return { refused: badRequest('session_expired', 'Invalid Refresh Token: Session Expired') };
	}

	let refreshToken: string;
	if (presented.revoked) {
		const active = (
			await db.query<{ id: string; parent_id: string | null }>(
				`select id, parent_id from auth.refresh_tokens
				where session_id = $1 and revoked = false order by id desc limit 1`,
				[session.id]
			)
		).rows[0];
		const revokedForMs = Date.now() - presented.updated_at.getTime();
		const excused =
			active &&
			(active.parent_id === presented.id ||
				revokedForMs <= config.refreshTokenReuseIntervalSeconds * 1000);
		if (!excused) {
			await db.query(
				`update auth.refresh_tokens set revoked = true, updated_at = now()
				where session_id = $1 and revoked = false`,
				[session.id]
			);
			return {
				refused: badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used')
			};
		}
		refreshToken = refreshTokenValue({
			jwtSecret: config.jwtSecret,
			sessionId: session.id,
			tokenId: active.id
		});
	} else {
		await db.query(
			`update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1`,
			[presented.id]
		);
		refreshToken = await insertRefreshToken(db, {
			config,
			userId: user.id,
			sessionId: session.id,
			parentId: presented.id
		});
	}
	await db.query(
		`update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1`,
		[session.id]
	);
	return { session: await sessionResponse(db, { config, user, session, refreshToken }) };
}

async function verifiedClaims(config: AuthConfig, req: IncomingMessage): Promise<JWTPayload> {
	const token = bearerToken(req);
	if (!token) {
		throw new AuthApiError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
	}
	try {
		const { payload } = await jwtVerify(token, new TextEncoder().encode(config.jwtSecret), {
			algorithms: ['HS256']
		});
		return payload;
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${reason}`);
	}
}

/**
 * GoTrue's requireAuthentication: a valid access token whose user exists and whose session has
 * not been signed out. A token outlives neither its user nor its session.
 */
export async function authenticate(
	db: Queryable,
	input: { config: AuthConfig; req: IncomingMessage }
): Promise<{ user: UserRow; sessionId: string | null }> {
	const claims = await verifiedClaims(input.config, input.req);
	if (!claims.sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
	if (!isUuid(claims.sub)) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID');
	const user = await findUserById(db, claims.sub);
	if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
	const sessionId = typeof claims.session_id === 'string' ? claims.session_id : null;
	if (sessionId) {
		if (!isUuid(sessionId)) {
			throw forbidden('bad_jwt', 'invalid claim: session_id claim must be a UUID');
		}
		const { rowCount } = await db.query(`select 1 from auth.sessions where id = $1`, [sessionId]);
		if (!rowCount) {
			throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
		}
	}
	if (isBanned(user)) throw forbidden('user_banned', 'User is banned');
	return { user, sessionId };
}

/** GoTrue's requireAdmin: the bearer must be a valid JWT with an admin role (the service key). */
export async function requireAdmin(input: { config: AuthConfig; req: IncomingMessage }) {
	const claims = await verifiedClaims(input.config, input.req);
	if (typeof claims.role !== 'string' || !ADMIN_ROLES.has(claims.role)) {
		throw forbidden('not_admin', 'User not allowed');
	}
}

export type LogoutScope = 'global' | 'local' | 'others';

/** POST /logout: ending a session deletes it, and its refresh tokens with it. */
export async function endSessions(
	db: Queryable,
	input: { scope: LogoutScope; userId: string; sessionId: string | null }
) {
	const { scope, userId, sessionId } = input;
	if (scope === 'local' && sessionId) {
		await db.query(`delete from auth.sessions where id = $1`, [sessionId]);
	} else if (scope === 'others' && sessionId) {
		await db.query(`delete from auth.sessions where user_id = $1 and id <> $2`, [
			userId,
			sessionId
		]);
	} else {
		await db.query(`delete from auth.sessions where user_id = $1`, [userId]);
	}
}
