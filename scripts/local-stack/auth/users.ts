import type pg from 'pg';
import { badRequest, unprocessable } from './http.ts';

/** Reads and writes auth.users and auth.identities, and shapes users as GoTrue's JSON. */

export type Queryable = pg.Pool | pg.PoolClient;

export interface UserRow {
	id: string;
	aud: string | null;
	role: string | null;
	email: string | null;
	phone: string | null;
	email_confirmed_at: Date | null;
	phone_confirmed_at: Date | null;
	confirmed_at: Date | null;
	confirmation_sent_at: Date | null;
	recovery_sent_at: Date | null;
	invited_at: Date | null;
	last_sign_in_at: Date | null;
	banned_until: Date | null;
	raw_app_meta_data: Record<string, unknown> | null;
	raw_user_meta_data: Record<string, unknown> | null;
	is_anonymous: boolean;
	created_at: Date | null;
	updated_at: Date | null;
}

interface IdentityRow {
	id: string;
	provider_id: string;
	user_id: string;
	identity_data: Record<string, unknown>;
	provider: string;
	last_sign_in_at: Date | null;
	created_at: Date;
	updated_at: Date;
	email: string | null;
}

const USER_COLUMNS = `id, aud, role, email, phone, email_confirmed_at, phone_confirmed_at, confirmed_at,
	confirmation_sent_at, recovery_sent_at, invited_at, last_sign_in_at, banned_until,
	raw_app_meta_data, raw_user_meta_data, is_anonymous, created_at, updated_at`;

/** Same pattern as checkmail.ValidateFormat, which GoTrue uses. */
const EMAIL_FORMAT =
	/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** GoTrue's validateEmail: required, at most 255 characters, a plausible address; lower-cased. */
export function normalizeEmail(input: unknown): string {
	if (input !== undefined && input !== null && typeof input !== 'string') {
		throw badRequest('validation_failed', 'email must be a string');
	}
	const email = (input ?? '').trim();
	if (!email) throw badRequest('validation_failed', 'An email address is required');
	if (email.length > 255) throw badRequest('validation_failed', 'An email address is too long');
	if (!EMAIL_FORMAT.test(email)) {
		throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
	}
	return email.toLowerCase();
}

const UUID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
	return UUID_FORMAT.test(value);
}

export function isBanned(user: UserRow): boolean {
	return user.banned_until !== null && user.banned_until.getTime() > Date.now();
}

export function appMetadata(user: UserRow): Record<string, unknown> {
	return { provider: 'email', providers: ['email'], ...(user.raw_app_meta_data ?? {}) };
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | null> {
	if (!isUuid(id)) return null;
	const { rows } = await db.query<UserRow>(`select ${USER_COLUMNS} from auth.users where id = $1`, [
		id
	]);
	return rows[0] ?? null;
}

/** Like GoTrue, addresses match without regard to case; SSO users are a separate namespace. */
export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
	const { rows } = await db.query<UserRow>(
		`select ${USER_COLUMNS} from auth.users
		where lower(email) = lower($1) and is_sso_user = false
		order by created_at limit 1`,
		[email]
	);
	return rows[0] ?? null;
}

export async function lockUser(db: pg.PoolClient, id: string): Promise<UserRow | null> {
	const { rows } = await db.query<UserRow>(
		`select ${USER_COLUMNS} from auth.users where id = $1 for update`,
		[id]
	);
	return rows[0] ?? null;
}

export interface NewUser {
	email: string;
	id?: string;
	role?: string;
	emailConfirmed: boolean;
	userMetadata?: Record<string, unknown>;
	appMetadata?: Record<string, unknown>;
	passwordHash?: string;
}

const DUPLICATE_EMAIL = 'A user with this email address has already been registered';

/**
 * Creates the user and its email identity. Throws email_exists (422) when the address is
 * taken, which callers that race to create the same user (two quick POST /otp) treat as
 * "someone else just created it".
 */
export async function createUser(db: Queryable, user: NewUser): Promise<UserRow> {
	const appMeta = { ...user.appMetadata, provider: 'email', providers: ['email'] };
	let rows: UserRow[];
	try {
		({ rows } = await db.query<UserRow>(
			`insert into auth.users (instance_id, id, aud, role, email, encrypted_password,
				email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
			values ('00000000-0000-0000-0000-000000000000', coalesce($1::uuid, gen_random_uuid()),
				'authenticated', $2, $3, $4, case when $5 then now() end, $6, $7, now(), now(), false)
			returning ${USER_COLUMNS}`,
			[
				user.id ?? null,
				user.role ?? 'authenticated',
				user.email,
				user.passwordHash ?? '',
				user.emailConfirmed,
				appMeta,
				user.userMetadata ?? {}
			]
		));
	} catch (error) {
		if ((error as { code?: string }).code === '23505') {
			const detail = (error as { constraint?: string }).constraint ?? '';
			if (detail === 'users_pkey')
				throw unprocessable('user_already_exists', 'User already exists');
			throw unprocessable('email_exists', DUPLICATE_EMAIL);
		}
		throw error;
	}
	const created = rows[0];
	await ensureEmailIdentity(db, created);
	return created;
}

/**
 * Users made by seed SQL have no identity row; GoTrue would have made one at sign-up. It is
 * made here on first sign-in instead, so the user JSON always lists the email identity.
 */
export async function ensureEmailIdentity(db: Queryable, user: UserRow): Promise<void> {
	if (!user.email) return;
	await db.query(
		`insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
		values ($1, $2, $3, 'email', now(), now())
		on conflict (provider_id, provider) do update
			set identity_data = auth.identities.identity_data || excluded.identity_data, updated_at = now()
			where auth.identities.identity_data is distinct from auth.identities.identity_data || excluded.identity_data`,
		[
			user.id,
			user.id,
			{
				sub: user.id,
				email: user.email,
				email_verified: user.email_confirmed_at !== null,
				phone_verified: false
			}
		]
	);
}

export async function ensureEmailAvailable(db: Queryable, email: string, exceptUserId: string) {
	const existing = await findUserByEmail(db, email);
	if (existing && existing.id !== exceptUserId)
		throw unprocessable('email_exists', DUPLICATE_EMAIL);
}

/** Marks a sign-in: confirms the address if needed and stamps last_sign_in_at. */
export async function recordSignIn(db: Queryable, userId: string): Promise<UserRow> {
	const { rows } = await db.query<UserRow>(
		`update auth.users
		set email_confirmed_at = coalesce(email_confirmed_at, now()),
			last_sign_in_at = now(), updated_at = now()
		where id = $1
		returning ${USER_COLUMNS}`,
		[userId]
	);
	const user = rows[0];
	await ensureEmailIdentity(db, user);
	await db.query(
		`update auth.identities set last_sign_in_at = now() where user_id = $1 and provider = 'email'`,
		[userId]
	);
	return user;
}

/**
 * GoTrue's UpdateUserMetaData: keys are merged into the existing object and a null value
 * removes its key.
 */
export function mergeMetadata(
	current: Record<string, unknown> | null,
	updates: Record<string, unknown>
): Record<string, unknown> {
	const merged: Record<string, unknown> = { ...(current ?? {}) };
	for (const [key, value] of Object.entries(updates)) {
		if (value === null) delete merged[key];
		else merged[key] = value;
	}
	return merged;
}

export interface UserChanges {
	email?: string;
	emailConfirmed?: boolean;
	userMetadata?: Record<string, unknown>;
	appMetadata?: Record<string, unknown>;
	role?: string;
	bannedUntil?: Date | null;
	passwordHash?: string;
}

/** Applies changes to a user already locked by the caller's transaction. */
export async function updateUser(
	db: pg.PoolClient,
	{ user, changes }: { user: UserRow; changes: UserChanges }
): Promise<UserRow> {
	const { rows } = await db.query<UserRow>(
		`update auth.users set
			email = coalesce($2, email),
			email_confirmed_at = case
				when $3::boolean is true then coalesce(email_confirmed_at, now())
				when $3::boolean is false then null
				else email_confirmed_at end,
			raw_user_meta_data = coalesce($4, raw_user_meta_data),
			raw_app_meta_data = coalesce($5, raw_app_meta_data),
			role = coalesce($6, role),
			banned_until = case when $7::boolean then $8::timestamptz else banned_until end,
			encrypted_password = coalesce($9, encrypted_password),
			updated_at = now()
		where id = $1
		returning ${USER_COLUMNS}`,
		[
			user.id,
			changes.email ?? null,
			changes.emailConfirmed ?? null,
			changes.userMetadata ? mergeMetadata(user.raw_user_meta_data, changes.userMetadata) : null,
			changes.appMetadata
				? { ...mergeMetadata(user.raw_app_meta_data, changes.appMetadata), provider: 'email' }
				: null,
			changes.role ?? null,
			changes.bannedUntil !== undefined,
			changes.bannedUntil ?? null,
			changes.passwordHash ?? null
		]
	);
	const updated = rows[0];
	if (changes.email !== undefined || changes.emailConfirmed !== undefined) {
		await ensureEmailIdentity(db, updated);
	}
	return updated;
}

function timestamp(value: Date | null): string | undefined {
	return value ? value.toISOString() : undefined;
}

function identityJson(identity: IdentityRow) {
	return {
		identity_id: identity.id,
		id: identity.provider_id,
		user_id: identity.user_id,
		identity_data: identity.identity_data,
		provider: identity.provider,
		last_sign_in_at: timestamp(identity.last_sign_in_at),
		created_at: timestamp(identity.created_at),
		updated_at: timestamp(identity.updated_at),
		email: identity.email ?? undefined
	};
}

/** The user as GoTrue serialises models.User (unset timestamps are left out, as there). */
export async function userJson(db: Queryable, user: UserRow) {
	const { rows: identities } = await db.query<IdentityRow>(
		`select id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at,
			updated_at, email
		from auth.identities where user_id = $1 order by created_at`,
		[user.id]
	);
	return {
		id: user.id,
		aud: user.aud ?? 'authenticated',
		role: user.role ?? 'authenticated',
		email: user.email ?? '',
		email_confirmed_at: timestamp(user.email_confirmed_at),
		phone: user.phone ?? '',
		phone_confirmed_at: timestamp(user.phone_confirmed_at),
		confirmation_sent_at: timestamp(user.confirmation_sent_at),
		confirmed_at: timestamp(user.confirmed_at),
		recovery_sent_at: timestamp(user.recovery_sent_at),
		invited_at: timestamp(user.invited_at),
		last_sign_in_at: timestamp(user.last_sign_in_at),
		banned_until: timestamp(user.banned_until),
		app_metadata: appMetadata(user),
		user_metadata: user.raw_user_meta_data ?? {},
		identities: identities.map(identityJson),
		created_at: timestamp(user.created_at),
		updated_at: timestamp(user.updated_at),
		is_anonymous: user.is_anonymous
	};
}
