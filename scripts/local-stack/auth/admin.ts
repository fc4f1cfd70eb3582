import { inTransaction, type AuthContext, type Route } from './context.ts';
import { actionLink } from './email.ts';
import {
	AuthApiError,
	badRequest,
	notFound,
	optionalBoolean,
	optionalObject,
	optionalString,
	readJsonBody,
	sendJson,
	unprocessable,
	type AuthRequest
} from './http.ts';
import { createPendingSignIn } from './one-time-tokens.ts';
import { chooseRedirect, isAllowedRedirect } from './redirects.ts';
import { hashPassword } from './secrets.ts';
import { requireAdmin } from './sessions.ts';
import {
	createUser,
	ensureEmailAvailable,
	findUserByEmail,
	findUserById,
	isUuid,
	lockUser,
	normalizeEmail,
	updateUser,
	userJson,
	type UserChanges,
	type UserRow
} from './users.ts';

/**
 * The admin API (service key only): users and generate_link, for seeding and for tests that
 * sign people in without reading the mailbox.
 */

const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 1000;
const GO_DURATION_UNIT_MS: Record<string, number> = {
	ns: 1e-6,
	us: 1e-3,
	µs: 1e-3,
	ms: 1,
	s: 1000,
	m: 60_000,
	h: 3_600_000
};

/** GoTrue takes ban_duration as a Go duration ("24h", "1h30m") or "none" to lift a ban. */
function banUntil(body: Record<string, unknown>): Date | null | undefined {
	const duration = optionalString(body, 'ban_duration');
	if (duration === undefined || duration === '') return undefined;
	if (duration === 'none') return null;
	const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
	if (!parts.length || parts.map((part) => part[0]).join('') !== duration) {
		throw badRequest('validation_failed', 'invalid format for ban duration');
	}
	const ms = parts.reduce((sum, part) => sum + Number(part[1]) * GO_DURATION_UNIT_MS[part[2]], 0);
	return new Date(Date.now() + ms);
}

async function userChanges(body: Record<string, unknown>): Promise<UserChanges> {
	if (body.phone !== undefined && body.phone !== null && body.phone !== '') {
		throw badRequest(
			'validation_failed',
			'Phone numbers are not supported by the local auth server'
		);
	}
	const password = optionalString(body, 'password');
	const role = optionalString(body, 'role');
	return {
		emailConfirmed: optionalBoolean(body, 'email_confirm'),
		userMetadata: optionalObject(body, 'user_metadata'),
		appMetadata: optionalObject(body, 'app_metadata'),
		role: role || undefined,
		bannedUntil: banUntil(body),
		passwordHash: password ? await hashPassword(password) : undefined
	};
}

async function loadUser(context: AuthContext, id: string): Promise<UserRow> {
	if (!isUuid(id)) throw notFound('user_not_found', 'user_id must be an UUID');
	const user = await findUserById(context.pool, id);
	if (!user) throw notFound('user_not_found', 'User not found');
	return user;
}

function pageNumber(request: AuthRequest, name: string, fallback: number): number {
	const raw = request.url.searchParams.get(name);
	if (raw === null || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1) {
		throw badRequest(
			'validation_failed',
			`Bad Pagination Parameters: ${name} must be a positive integer`
		);
	}
	return value;
}

/** GET /admin/users?page=&per_page=&filter=: newest first, with GoTrue's Link and X-Total-Count. */
const listUsers: Route = async (context, request) => {
	const page = pageNumber(request, 'page', 1);
	const perPage = Math.min(pageNumber(request, 'per_page', DEFAULT_PER_PAGE), MAX_PER_PAGE);
	const filter = request.url.searchParams.get('filter') ?? '';
	const pattern = `%${filter.replace(/[\\%_]/g, '\\$&')}%`;
	const { rows: counted } = await context.pool.query<{ total: string }>(
		`select count(*) as total from auth.users where coalesce(email, '') ilike $1`,
		[pattern]
	);
	const total = Number(counted[0].total);
	const { rows } = await context.pool.query<{ id: string }>(
		`select id from auth.users where coalesce(email, '') ilike $1
		order by created_at desc nulls last, id limit $2 offset $3`,
		[pattern, perPage, (page - 1) * perPage]
	);
	const users = [];
	for (const { id } of rows) {
		const user = await findUserById(context.pool, id);
		if (user) users.push(await userJson(context.pool, user));
	}

	// auth-js reads the page number from the first "=" of each link, so page comes first.
	const lastPage = Math.max(1, Math.ceil(total / perPage));
	const links = [];
	if (page < lastPage)
		links.push(`</admin/users?page=${page + 1}&per_page=${perPage}>; rel="next"`);
	links.push(`</admin/users?page=${lastPage}&per_page=${perPage}>; rel="last"`);
	request.res.setHeader('Link', links.join(', '));
	request.res.setHeader('X-Total-Count', String(total));
	sendJson(request, 200, { users, aud: 'authenticated' });
};

/** POST /admin/users. */
const createUserAsAdmin: Route = async (context, request) => {
	const body = await readJsonBody(request.req);
	const changes = await userChanges(body);
	const id = optionalString(body, 'id');
	if (id !== undefined && !isUuid(id)) throw badRequest('validation_failed', 'id must be a UUID');
	const email = normalizeEmail(body.email);
	const created = await createUser(context.pool, {
		id,
		email,
		role: changes.role,
		emailConfirmed: changes.emailConfirmed ?? false,
		userMetadata: changes.userMetadata,
		appMetadata: changes.appMetadata,
		passwordHash: changes.passwordHash
	});
	const user =
		changes.bannedUntil === undefined
			? created
			: await inTransaction(context.pool, async (db) =>
					updateUser(db, { user: created, changes: { bannedUntil: changes.bannedUntil } })
				);
	sendJson(request, 200, await userJson(context.pool, user));
};

/** PUT /admin/users/:id. */
async function updateUserAsAdmin(
	context: AuthContext,
	{ request, id }: { request: AuthRequest; id: string }
) {
	await loadUser(context, id);
	const body = await readJsonBody(request.req);
	const changes = await userChanges(body);
	const email =
		body.email === undefined || body.email === null ? undefined : normalizeEmail(body.email);
	const updated = await inTransaction(context.pool, async (db) => {
		const current = await lockUser(db, id);
		if (!current) throw notFound('user_not_found', 'User not found');
		if (email !== undefined) await ensureEmailAvailable(db, email, id);
		return updateUser(db, { user: current, changes: { ...changes, email } });
	});
	sendJson(request, 200, await userJson(context.pool, updated));
}

/**
 * DELETE /admin/users/:id: removes the user; sessions, tokens and identities go with it, and
 * so does every public table row that references auth.users "on delete cascade".
 */
async function deleteUserAsAdmin(
	context: AuthContext,
	{ request, id }: { request: AuthRequest; id: string }
) {
	await loadUser(context, id);
	const body = await readJsonBody(request.req);
	if (optionalBoolean(body, 'should_soft_delete')) {
		throw badRequest(
			'validation_failed',
			'Soft deletion is not supported by the local auth server'
		);
	}
	await context.pool.query(`delete from auth.users where id = $1`, [id]);
	sendJson(request, 200, {});
}

/**
 * POST /admin/generate_link { type: 'magiclink' | 'signup', email }: makes the same pending
 * sign-in POST /otp would, without sending it, and returns the link and code. Like GoTrue, a
 * magic link for an unknown address creates the user and becomes a signup link.
 */
const generateLink: Route = async (context, request) => {
	const { config } = context;
	const body = await readJsonBody(request.req);
	const type = optionalString(body, 'type') ?? '';
	if (type !== 'magiclink' && type !== 'signup') {
		const known = ['recovery', 'invite', 'email_change_current', 'email_change_new'];
		throw badRequest(
			'validation_failed',
			known.includes(type)
				? `Links of type ${type} are not supported by the local auth server`
				: `Invalid email action link type requested: ${type}`
		);
	}
	const email = normalizeEmail(body.email);
	const requested = optionalString(body, 'redirect_to');
	const redirectTo = isAllowedRedirect(config, requested)
		? (requested as string)
		: chooseRedirect(
				config,
				request.url.searchParams.get('redirect_to'),
				request.req.headers.referer
			);

	let user = await findUserByEmail(context.pool, email);
	if (user && type === 'signup' && user.email_confirmed_at) {
		throw unprocessable(
			'email_exists',
			'A user with this email address has already been registered'
		);
	}
	if (!user) {
		const password = optionalString(body, 'password');
		try {
			user = await createUser(context.pool, {
				email,
				emailConfirmed: false,
				userMetadata: optionalObject(body, 'data'),
				passwordHash: password ? await hashPassword(password) : undefined
			});
		} catch (error) {
			if (!(error instanceof AuthApiError && error.errorCode === 'email_exists')) throw error;
			user = await findUserByEmail(context.pool, email);
			if (!user) throw error;
		}
	}
	const target = user;
	const pending = await inTransaction(context.pool, (db) =>
		createPendingSignIn(db, { config, user: target, pkce: null })
	);
	const fresh = (await findUserById(context.pool, target.id)) ?? target;
	sendJson(request, 200, {
		...(await userJson(context.pool, fresh)),
		action_link: actionLink({
			authUrl: config.authUrl,
			token: pending.linkToken,
			type: pending.verificationType,
			redirectTo
		}),
		email_otp: pending.code,
		// What verifyOtp({ token_hash, type }) takes: here, the link's secret itself.
		hashed_token: pending.linkToken,
		verification_type: pending.verificationType,
		redirect_to: redirectTo
	});
};

/** Routes under /admin; every one needs the service key. */
export async function routeAdmin(
	context: AuthContext,
	request: AuthRequest
): Promise<'not_found' | 'method_not_allowed' | 'handled'> {
	const path = request.url.pathname;
	const method = request.req.method ?? 'GET';
	const userPath = /^\/admin\/users\/([^/]+)$/.exec(path);
	const known = path === '/admin/users' || path === '/admin/generate_link' || userPath;
	if (!known) return 'not_found';

	await requireAdmin({ config: context.config, req: request.req });
	if (path === '/admin/users') {
		if (method === 'GET') await listUsers(context, request);
		else if (method === 'POST') await createUserAsAdmin(context, request);
		else return 'method_not_allowed';
	} else if (path === '/admin/generate_link') {
		if (method === 'POST') await generateLink(context, request);
		else return 'method_not_allowed';
	} else if (userPath) {
		const id = userPath[1];
		if (method === 'GET') {
			sendJson(request, 200, await userJson(context.pool, await loadUser(context, id)));
		} else if (method === 'PUT') await updateUserAsAdmin(context, { request, id });
		else if (method === 'DELETE') await deleteUserAsAdmin(context, { request, id });
		else return 'method_not_allowed';
	}
	return 'handled';
}
