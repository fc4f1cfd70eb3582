import type { IncomingMessage, ServerResponse } from 'node:http';
import { getUser, logout, updateOwnUser } from './account.ts';
import { routeAdmin } from './admin.ts';
import { resolveConfig, type AuthOptions } from './config.ts';
import type { AuthContext, Route } from './context.ts';
import { AuthApiError, sendError, sendJson, type AuthRequest } from './http.ts';
import { SlidingWindowLimiter } from './rate-limit.ts';
import { requestOtp, token, verifyCode, verifyLink } from './sign-in.ts';

/**
 * The local stand-in for Supabase Auth (GoTrue): the part of its REST API that supabase-js
 * uses for email sign-in by link or code, sessions, the user's own account and the admin API.
 * The gateway serves it under /auth/v1. Its emails go to the local mailbox. Its tables come
 * from ./schema.sql, which the local stack applies after bootstrap.sql.
 */

export { AUTH_DEFAULTS, type AuthOptions, type AuthRateLimits } from './config.ts';

const HEALTH = {
	version: 'local',
	name: 'GoTrue',
	description: 'Local stand-in for Supabase Auth (GoTrue), part of the embedded local stack'
};

/** GET /settings, shaped like GoTrue's: only email sign-in is on, and sign-ups need confirming. */
const SETTINGS = {
	external: {
		anonymous_users: false,
		apple: false,
		azure: false,
		discord: false,
		email: true,
		github: false,
		google: false,
		phone: false
	},
	disable_signup: false,
	mailer_autoconfirm: false,
	phone_autoconfirm: false,
	sms_provider: '',
	saml_enabled: false
};

const routes: Record<string, Partial<Record<string, Route>>> = {
	'/health': { GET: async (_context, request) => sendJson(request, 200, HEALTH) },
	'/settings': { GET: async (_context, request) => sendJson(request, 200, SETTINGS) },
	'/otp': { POST: requestOtp },
	'/verify': { GET: verifyLink, POST: verifyCode },
	'/token': { POST: token },
	'/user': { GET: getUser, PUT: updateOwnUser },
	'/logout': { POST: logout }
};

async function route(context: AuthContext, request: AuthRequest) {
	const path = request.url.pathname.replace(/\/+$/, '') || '/';
	request.url.pathname = path;
	const method = request.req.method ?? 'GET';
	const handlers = routes[path];
	if (handlers) {
		const handler = handlers[method];
		if (!handler) {
			request.res.setHeader('Allow', Object.keys(handlers).join(', '));
			throw new AuthApiError(405, 'method_not_allowed', `${method} is not allowed on ${path}`);
		}
		await handler(context, request);
		return;
	}
	if (path.startsWith('/admin/')) {
		const outcome = await routeAdmin(context, request);
		if (outcome === 'handled') return;
		if (outcome === 'method_not_allowed') {
			throw new AuthApiError(405, 'method_not_allowed', `${method} is not allowed on ${path}`);
		}
	}
	throw new AuthApiError(404, 'not_found', `No auth endpoint at ${path}`);
}

export function createAuthService(options: AuthOptions): {
	/** path is what follows /auth/v1, including the query string, e.g. '/otp?redirect_to=...' */
	handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
} {
	const config = resolveConfig(options);
	const context: AuthContext = {
		config,
		pool: options.pool,
		mailbox: options.mailbox,
		log: options.log,
		limits: {
			emailSends: new SlidingWindowLimiter(1, config.emailSendIntervalSeconds),
			otpRequests: new SlidingWindowLimiter(config.requestsPerHourPerIp, 3600),
			verifyRequests: new SlidingWindowLimiter(config.verifyRequestsPerFiveMinutesPerIp, 300)
		}
	};

	return {
		async handle(req, res, path) {
			// Resolved against a fixed origin: only the path and query matter, and a path such as
			// '//host/x' must not be read as another host.
			const url = new URL(`http://auth.local${path.startsWith('/') ? '' : '/'}${path}`);
			const request: AuthRequest = { req, res, url };
			try {
				await route(context, request);
			} catch (error) {
				if (res.headersSent) {
					res.end();
					return;
				}
				if (error instanceof AuthApiError) {
					sendError(request, error);
					return;
				}
				const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
				options.log(`${req.method} ${request.url.pathname} failed: ${detail}`);
				sendError(
					request,
					new AuthApiError(
						500,
						'unexpected_failure',
						'Unexpected failure, please check server logs for more information'
					)
				);
			}
		}
	};
}
