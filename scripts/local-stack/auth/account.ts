import { inTransaction, type Route } from './context.ts';
import {
	badRequest,
	optionalObject,
	readJsonBody,
	sendJson,
	sendNoContent,
	unprocessable
} from './http.ts';
import { authenticate, endSessions, type LogoutScope } from './sessions.ts';
import { lockUser, updateUser, userJson } from './users.ts';

/** The signed-in user's own account: GET and PUT /user, POST /logout. */

export const getUser: Route = async (context, request) => {
	const { user } = await authenticate(context.pool, { config: context.config, req: request.req });
	sendJson(request, 200, await userJson(context.pool, user));
};

/**
 * PUT /user: updates user_metadata from `data` (merged; null removes a key). Changing the
 * address, phone or password needs confirmation flows the local stack does not have, so
 * those are refused with a clear message rather than silently ignored.
 */
export const updateOwnUser: Route = async (context, request) => {
	const { user } = await authenticate(context.pool, { config: context.config, req: request.req });
	const body = await readJsonBody(request.req);
	const newEmail = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
	if (newEmail && newEmail !== (user.email ?? '').toLowerCase()) {
		throw unprocessable(
			'validation_failed',
			'Changing the email address is not supported by the local auth server'
		);
	}
	if (typeof body.phone === 'string' && body.phone !== '' && body.phone !== user.phone) {
		throw unprocessable(
			'validation_failed',
			'Phone numbers are not supported by the local auth server'
		);
	}
	if (body.password !== undefined && body.password !== null) {
		throw unprocessable(
			'validation_failed',
			'Passwords are not supported by the local auth server; sign in with an email link or code'
		);
	}
	const data = optionalObject(body, 'data');
	const updated = await inTransaction(context.pool, async (db) => {
		const current = await lockUser(db, user.id);
		if (!current || !data) return current ?? user;
		return updateUser(db, { user: current, changes: { userMetadata: data } });
	});
	sendJson(request, 200, await userJson(context.pool, updated));
};

const LOGOUT_SCOPES = new Set<LogoutScope>(['global', 'local', 'others']);

/** POST /logout?scope=global|local|others (default global): ends sessions; 204. */
export const logout: Route = async (context, request) => {
	const { user, sessionId } = await authenticate(context.pool, {
		config: context.config,
		req: request.req
	});
	const scope = request.url.searchParams.get('scope') || 'global';
	if (!LOGOUT_SCOPES.has(scope as LogoutScope)) {
		throw badRequest('validation_failed', `Unsupported logout scope "${scope}"`);
	}
	await endSessions(context.pool, { scope: scope as LogoutScope, userId: user.id, sessionId });
	sendNoContent(request);
};
