/**
 * Granting and revoking the moderator role, for `npm run admin`. Moderators are rows of
 * `public.moderators`, which no API role but the service role may read or write: the role is
 * given by whoever holds the secret key, never through the app or the public API.
 *
 * Imports stay relative: this runs outside SvelteKit (`npm run admin`).
 */
import { createClient, type SupabaseClient, type User } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { Database } from '../src/lib/database.types.ts';
import { developerStackConfig } from './local-stack/config.ts';
import { readRunningStack } from './local-stack/index.ts';

/** A client with the service role key: it alone may change who moderates. */
export type ServiceClient = SupabaseClient<Database>;

/** What went wrong, in words for the operator who typed the command. */
export class AdminError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AdminError';
	}
}

/** The longest note the moderators table keeps on why someone moderates. */
const MODERATOR_NOTE_MAX = 200;

/** Accounts read per page while looking for an email (the most GoTrue gives at once). */
const USERS_PER_PAGE = 1000;

/**
 * The service-role client for a hosted project (PUBLIC_SUPABASE_URL and
 * SUPABASE_SERVICE_ROLE_KEY) or else for the running local stack. Never the public key: with it
 * the moderators table is out of reach, as it must be for everyone on the internet.
 */
export async function connectAsAdmin(
	env: Record<string, string | undefined> = process.env
): Promise<ServiceClient> {
	const hostedUrl = env.PUBLIC_SUPABASE_URL?.trim();
	if (hostedUrl) {
		const serviceKey = env.SUPABASE_SERVICE_ROLE_KEY?.trim();
		if (!serviceKey) {
			throw new AdminError(
				'SUPABASE_SERVICE_ROLE_KEY is not set: moderators are granted with the secret (service role) key of the project at PUBLIC_SUPABASE_URL. See "Reports and moderation" in the README.'
			);
		}
		return serviceClient(hostedUrl, serviceKey);
	}
	const stack = await readRunningStack(developerStackConfig().dir);
	if (!stack) {
		throw new AdminError(
			'The local stack is not running. Start it with `npm run dev` or `npm run stack`, or set PUBLIC_SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY for a hosted project.'
		);
	}
	return serviceClient(stack.apiUrl, stack.serviceKey);
}

export function serviceClient(url: string, serviceKey: string): ServiceClient {
	return createClient<Database>(url, serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		// Node 20 has no global WebSocket. https://github.com/supabase/supabase-js/issues/1400
		realtime: { transport: WebSocket as never }
	});
}

/**
 * The account with this email address, in any case. The auth admin API has no look-up by email
 * that hosted Supabase and the local auth share, so this reads the accounts a page at a time.
 */
export async function findAccount(client: ServiceClient, email: string): Promise<User> {
	const wanted = email.trim().toLowerCase();
	if (!wanted.includes('@')) throw new AdminError(`“${email}” is not an email address.`);
	for (let page = 1; ; page += 1) {
		const { data, error } = await client.auth.admin.listUsers({ page, perPage: USERS_PER_PAGE });
		if (error) throw new AdminError(`Could not read the accounts: ${error.message}`);
		const found = data.users.find((user) => user.email?.toLowerCase() === wanted);
		if (found) return found;
		if (data.users.length < USERS_PER_PAGE) break;
	}
	throw new AdminError(`There is no account with the email address ${email.trim()}.`);
}

export interface Moderator {
	id: string;
	email: string;
	displayName: string;
	grantedAt: string;
	note: string;
}

/** Makes the person with this email a moderator; refuses someone who is one already. */
export async function grantModerator(
	client: ServiceClient,
	{ email, note = '' }: { email: string; note?: string }
): Promise<Moderator> {
	if ([...note].length > MODERATOR_NOTE_MAX) {
		throw new AdminError(`Keep the note to ${MODERATOR_NOTE_MAX} characters.`);
	}
	const account = await findAccount(client, email);
	const { data, error } = await client
		.from('moderators')
		.insert({ profile_id: account.id, note })
		.select('granted_at, note')
		.single();
	if (error?.code === '23505') throw new AdminError(`${account.email} is already a moderator.`);
	if (error?.code === '23503') {
		throw new AdminError(`${account.email} has no profile yet: they should sign in once first.`);
	}
	if (error) throw new AdminError(`Could not make ${account.email} a moderator: ${error.message}`);
	return {
		id: account.id,
		email: account.email ?? email,
		displayName: await displayNameOf(client, account.id),
		grantedAt: data.granted_at,
		note: data.note
	};
}

/** Takes the role away from the person with this email; refuses someone who is not one. */
export async function revokeModerator(
	client: ServiceClient,
	{ email }: { email: string }
): Promise<void> {
	const account = await findAccount(client, email);
	const { data, error } = await client
		.from('moderators')
		.delete()
		.eq('profile_id', account.id)
		.select('profile_id');
	if (error) throw new AdminError(`Could not revoke ${account.email}: ${error.message}`);
	if (data.length === 0) throw new AdminError(`${account.email} is not a moderator.`);
}

/** Every moderator, longest-serving first. */
export async function listModerators(client: ServiceClient): Promise<Moderator[]> {
	const { data, error } = await client
		.from('moderators')
		.select('profile_id, granted_at, note')
		.order('granted_at')
		.order('profile_id');
	if (error) throw new AdminError(`Could not read the moderators: ${error.message}`);
	return Promise.all(
		data.map(async (row) => {
			const { data: found } = await client.auth.admin.getUserById(row.profile_id);
			return {
				id: row.profile_id,
				email: found.user?.email ?? '(no email)',
				displayName: await displayNameOf(client, row.profile_id),
				grantedAt: row.granted_at,
				note: row.note
			};
		})
	);
}

async function displayNameOf(client: ServiceClient, id: string): Promise<string> {
	const { data } = await client.from('profiles').select('display_name').eq('id', id).maybeSingle();
	return data?.display_name ?? '';
}
