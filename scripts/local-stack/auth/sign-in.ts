import { inTransaction, type AuthContext, type Route } from './context.ts';
import { actionLink, signInEmail } from './email.ts';
import {
	AuthApiError,
	badRequest,
	optionalBoolean,
	optionalObject,
	optionalString,
	readJsonBody,
	redirect,
	sendJson,
	tooManyRequests,
	unprocessable,
	type AuthRequest
} from './http.ts';
import {
	consumeCode,
	consumeLinkToken,
	createPendingSignIn,
	issueAuthCode,
	pkceChallenge,
	redeemAuthCode
} from './one-time-tokens.ts';
import { clientAddress } from './client-address.ts';
import { chooseRedirect } from './redirects.ts';
import { PKCE_TOKEN_PREFIX } from './secrets.ts';
import { issueSession, refreshSession, type SessionResponse } from './sessions.ts';
import { createUser, findUserByEmail, normalizeEmail, type UserRow } from './users.ts';

/** Email sign-in: POST /otp, GET and POST /verify, POST /token. */

const EMAIL_VERIFICATION_TYPES = new Set(['email', 'magiclink', 'signup']);

function refusePhone(body: Record<string, unknown>) {
	if (body.phone === undefined || body.phone === null || body.phone === '') return;
	if (body.email) {
		throw badRequest(
			'validation_failed',
			'Only an email address or phone number should be provided'
		);
	}
	throw badRequest(
		'phone_provider_disabled',
		'Phone sign-in is not available on the local stack; sign in with an email address'
	);
}

/** Finds the user, or creates them when allowed. Two requests may race to create the same user. */
async function findOrCreateUser(
	context: AuthContext,
	input: { email: string; create: boolean; metadata: Record<string, unknown> }
): Promise<UserRow | null> {
	const existing = await findUserByEmail(context.pool, input.email);
	if (existing || !input.create) return existing;
	try {
		return await createUser(context.pool, {
			email: input.email,
			emailConfirmed: false,
			userMetadata: input.metadata
		});
	} catch (error) {
		if (error instanceof AuthApiError && error.errorCode === 'email_exists') {
			return findUserByEmail(context.pool, input.email);
		}
		throw error;
	}
}

/**
 * POST /otp: emails a sign-in link and code. The answer is the same whether or not the address
 * has an account (with create_user false, nothing is sent to an unknown address), and the
 * per-address limit applies either way, so the endpoint cannot be used to probe who is here.
 * Nor can the time it takes: it answers no sooner than otpMinimumAnswerMs after it came, however
 * long finding, making and emailing took. GoTrue answers an unknown address with create_user
 * false by 422 otp_disabled instead.
 */
export const requestOtp: Route = async (context, request) => {
	const { config, limits } = context;
	const answerAt = config.clock.now() + config.otpMinimumAnswerMs;
	const ipLimit = limits.otpRequests.take(await clientAddress(config, request.req));
	if (!ipLimit.allowed)
		throw tooManyRequests('over_request_rate_limit', 'Request rate limit reached');

	const body = await readJsonBody(request.req);
	refusePhone(body);
	const email = normalizeEmail(body.email);
	const metadata = optionalObject(body, 'data') ?? {};
	const create = optionalBoolean(body, 'create_user') ?? true;
	const pkce = pkceChallenge({
		challenge: optionalString(body, 'code_challenge'),
		method: optionalString(body, 'code_challenge_method')
	});
	const redirectTo = chooseRedirect(
		config,
		request.url.searchParams.get('redirect_to'),
		request.req.headers.referer
	);

	const emailLimit = limits.emailSends.take(email);
	if (!emailLimit.allowed) {
		throw tooManyRequests(
			'over_email_send_rate_limit',
			`For security purposes, you can only request this after ${emailLimit.retryAfterSeconds} seconds.`
		);
	}

	const user = await findOrCreateUser(context, { email, create, metadata });
	if (user) {
		const pending = await inTransaction(context.pool, (db) =>
			createPendingSignIn(db, { config, user, pkce })
		);
		const link = actionLink({
			authUrl: config.authUrl,
			token: pending.linkToken,
			type: pending.verificationType,
			redirectTo
		});
		context.mailbox.send(
			signInEmail({
				to: email,
				link,
				code: pending.code,
				type: pending.verificationType,
				lifetimeSeconds: config.otpLifetimeSeconds
			})
		);
	}
	const wait = answerAt - config.clock.now();
	if (wait > 0) await config.clock.sleep(wait);
	sendJson(request, 200, {});
};

/**
 * Counts a request to /verify against its client's address: each is a guess at a code or a link,
 * and the per-code limit alone would let one client try a few codes of every address there is.
 */
async function limitGuesses(context: AuthContext, request: AuthRequest) {
	const address = await clientAddress(context.config, request.req);
	if (!context.limits.verifyRequests.take(address).allowed) {
		throw tooManyRequests('over_request_rate_limit', 'Request rate limit reached');
	}
	return address;
}

/** GoTrue's oauthErrorMap: the OAuth `error` that goes with an HTTP status. */
const OAUTH_ERRORS: Record<number, string> = {
	400: 'invalid_request',
	401: 'unauthorized_client',
	403: 'access_denied',
	500: 'server_error',
	503: 'temporarily_unavailable'
};

/** GoTrue's prepErrorRedirectURL: the error in the fragment, and for PKCE in the query too. */
function errorRedirect(input: { target: string; error: AuthApiError; pkce: boolean }): string {
	const url = new URL(input.target);
	const details = new URLSearchParams();
	const oauthError = OAUTH_ERRORS[input.error.status];
	if (oauthError) details.set('error', oauthError);
	details.set('error_code', input.error.errorCode);
	details.set('error_description', input.error.message);
	if (input.pkce) for (const [key, value] of details) url.searchParams.set(key, value);
	details.set('sb', '');
	url.hash = details.toString();
	return url.href;
}

/** GoTrue's AsRedirectURL: the session in the fragment, where it never reaches a server log. */
function sessionRedirect(input: { target: string; session: SessionResponse; type: string }) {
	const url = new URL(input.target);
	const fragment = new URLSearchParams({
		access_token: input.session.access_token,
		expires_at: String(input.session.expires_at),
		expires_in: String(input.session.expires_in),
		refresh_token: input.session.refresh_token,
		sb: '',
		token_type: input.session.token_type,
		type: input.type
	});
	url.hash = fragment.toString();
	return url.href;
}

/**
 * GET /verify: where the emailed link leads. Signs the user in and redirects to the app: with
 * the session in the fragment (implicit flow), or with ?code= for the app to exchange (PKCE).
 * Failures redirect too, with the error in the URL, as GoTrue does.
 */
export const verifyLink: Route = async (context, request) => {
	const { config } = context;
	const address = await limitGuesses(context, request);
	const params = request.url.searchParams;
	const type = params.get('type') ?? '';
	const token = params.get('token') ?? '';
	if (!type) throw badRequest('validation_failed', 'Verify requires a verification type');
	if (!token) throw badRequest('validation_failed', 'Verify requires a token or a token hash');
	const target = chooseRedirect(config, params.get('redirect_to'), request.req.headers.referer);
	const pkce = token.startsWith(PKCE_TOKEN_PREFIX);

	let location: string;
	try {
		if (!EMAIL_VERIFICATION_TYPES.has(type)) {
			throw badRequest('validation_failed', 'Invalid email verification type');
		}
		location = await inTransaction(context.pool, async (db) => {
			const consumed = await consumeLinkToken(db, { linkToken: token, type });
			if (pkce) {
				await db.query(
					`update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now())
					where id = $1`,
					[consumed.userId]
				);
				const code = await issueAuthCode(db, {
					flowStateId: consumed.flowStateId,
					userId: consumed.userId
				});
				const url = new URL(target);
				url.searchParams.set('code', code);
				return url.href;
			}
			const session = await issueSession(db, {
				config,
				userId: consumed.userId,
				authenticationMethod: 'otp',
				client: { address, userAgent: request.req.headers['user-agent'] }
			});
			return sessionRedirect({ target, session, type: consumed.verificationType });
		});
	} catch (error) {
		if (!(error instanceof AuthApiError)) throw error;
		location = errorRedirect({ target, error, pkce });
	}
	redirect(request, location);
};

/**
 * POST /verify: signs in with the emailed code ({ type, email, token }) or with the link's
 * secret ({ type, token_hash }, for apps that build their own confirmation page).
 */
export const verifyCode: Route = async (context, request) => {
	const { config } = context;
	const address = await limitGuesses(context, request);
	const body = await readJsonBody(request.req);
	const type = optionalString(body, 'type') ?? '';
	const token = optionalString(body, 'token') ?? '';
	const tokenHash = optionalString(body, 'token_hash') ?? '';
	if (!type) throw badRequest('validation_failed', 'Verify requires a verification type');
	if (Boolean(token) === Boolean(tokenHash)) {
		throw badRequest('validation_failed', 'Verify requires either a token or a token hash');
	}
	if (type === 'sms' || type === 'phone_change') refusePhone({ phone: type });
	if (!EMAIL_VERIFICATION_TYPES.has(type)) {
		throw badRequest('validation_failed', `Unsupported verification type: ${type}`);
	}

	let email = '';
	if (token) {
		refusePhone(body);
		try {
			email = normalizeEmail(body.email);
		} catch {
			throw unprocessable('validation_failed', 'Invalid email format');
		}
	} else if (body.email || body.phone || body.redirect_to) {
		throw badRequest('validation_failed', 'Only the token_hash and type should be provided');
	}

	const outcome = await inTransaction(context.pool, async (db) => {
		const consumed = token
			? await consumeCode(db, { config, email, code: token, type })
			: await consumeLinkToken(db, { linkToken: tokenHash, type });
		if ('refused' in consumed) return consumed;
		if (consumed.flowStateId) {
			await db.query(`delete from auth.flow_state where id = $1`, [consumed.flowStateId]);
		}
		const session = await issueSession(db, {
			config,
			userId: consumed.userId,
			authenticationMethod: 'otp',
			client: { address, userAgent: request.req.headers['user-agent'] }
		});
		return { session };
	});
	if ('refused' in outcome) throw outcome.refused;
	sendJson(request, 200, outcome.session);
};

async function refreshTokenGrant(context: AuthContext, request: AuthRequest) {
	const body = await readJsonBody(request.req);
	const refreshToken = optionalString(body, 'refresh_token');
	if (!refreshToken) throw badRequest('validation_failed', 'refresh_token required');
	const outcome = await inTransaction(context.pool, (db) =>
		refreshSession(db, { config: context.config, refreshToken })
	);
	if ('refused' in outcome) throw outcome.refused;
	sendJson(request, 200, outcome.session);
}

async function pkceGrant(context: AuthContext, request: AuthRequest) {
	const body = await readJsonBody(request.req);
	const authCode = optionalString(body, 'auth_code');
	const codeVerifier = optionalString(body, 'code_verifier');
	if (!authCode || !codeVerifier) {
		throw badRequest(
			'validation_failed',
			'invalid request: both auth code and code verifier should be non-empty'
		);
	}
	const address = await clientAddress(context.config, request.req);
	const session = await inTransaction(context.pool, async (db) => {
		const redeemed = await redeemAuthCode(db, {
			config: context.config,
			authCode,
			codeVerifier
		});
		return issueSession(db, {
			config: context.config,
			userId: redeemed.userId,
			authenticationMethod: redeemed.authenticationMethod,
			client: { address, userAgent: request.req.headers['user-agent'] }
		});
	});
	sendJson(request, 200, session);
}

/** POST /token: the refresh_token and pkce grants; sign-in itself is by email only. */
export const token: Route = async (context, request) => {
	const grantType = request.url.searchParams.get('grant_type');
	if (grantType === 'refresh_token') return refreshTokenGrant(context, request);
	if (grantType === 'pkce') return pkceGrant(context, request);
	if (grantType === 'password' || grantType === 'id_token' || grantType === 'web3') {
		throw badRequest(
			'invalid_credentials',
			`grant_type=${grantType} is not available on the local stack; sign in with an email link or code`
		);
	}
	throw badRequest('invalid_credentials', 'unsupported_grant_type');
};
