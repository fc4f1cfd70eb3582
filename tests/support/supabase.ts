import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import WebSocket from 'ws';
import type { Database } from '../../src/lib/database.types';

export type Client = SupabaseClient<Database>;

/** What a member may write of their own profile. */
export type ProfileChanges = Database['public']['Tables']['profiles']['Update'];

const clientOptions = {
	auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
	// Node 20 has no global WebSocket. https://github.com/supabase/supabase-js/issues/1400
	realtime: { transport: WebSocket as never }
};

/**
 * A visitor who is not signed in, with the public key: what anyone on the internet has. `headers`
 * go with every request, as a browser's own (a User-Agent) would.
 */
export function anonymousClient(headers: Record<string, string> = {}): Client {
	const { apiUrl, anonKey } = inject('stack');
	return createClient<Database>(apiUrl, anonKey, { ...clientOptions, global: { headers } });
}

/** The secret key: bypasses RLS. Only for arranging test data, never for the thing tested. */
export function serviceClient(): Client {
	const { apiUrl, serviceKey } = inject('stack');
	return createClient<Database>(apiUrl, serviceKey, clientOptions);
}

export interface Member {
	id: string;
	email: string;
	client: Client;
}

/**
 * A new person, signed in the way a real one is (see signInAs), with an address of their own.
 */
export async function signUpMember(name = 'member'): Promise<Member> {
	return signInAs(`${name}-${randomUUID().slice(0, 8)}@example.test`);
}

/**
 * Signs in as the account with this email, made on the way if there is none (a seeded account
 * exists already): the auth stand-in emails a one-time code (read here through the admin API's
 * generate_link) and the public client verifies it, as a real person's browser does, sending
 * `headers` with every request.
 */
export async function signInAs(
	email: string,
	{ headers }: { headers?: Record<string, string> } = {}
): Promise<Member> {
	const admin = serviceClient().auth.admin;
	const { data: link, error: linkError } = await admin.generateLink({ type: 'magiclink', email });
	if (linkError) throw linkError;
	const client = anonymousClient(headers);
	const { data, error } = await client.auth.verifyOtp({
		email,
		token: link.properties.email_otp,
		type: 'email'
	});
	if (error || !data.user) throw error ?? new Error('verifyOtp returned no user');
	return { id: data.user.id, email, client };
}

/**
 * A signed-in member who has finished onboarding: their profile (created with the account) is
 * filled in and listed through their own client, and placed at `location` if given.
 */
export async function memberWithProfile(
	name: string,
	profile: ProfileChanges = {},
	location?: { lat: number; lng: number }
): Promise<Member> {
	const member = await signUpMember(name);
	const { error } = await member.client
		.from('profiles')
		.update({ display_name: name, onboarded_at: new Date().toISOString(), ...profile })
		.eq('id', member.id);
	if (error) throw error;
	if (location) {
		const placed = await member.client
			.from('profile_locations')
			.insert({ profile_id: member.id, ...location });
		if (placed.error) throw placed.error;
	}
	return member;
}

/**
 * Makes members as memberWithProfile does, named with a test file's token (`${token} Ana`), seen
 * by members unless `profile` says otherwise, and placed at `location` if given: a file's people,
 * told apart from every other file's on the shared stack.
 */
export function membersNamedWith(token: string) {
	return (
		name: string,
		profile: ProfileChanges = {},
		location?: { lat: number; lng: number }
	): Promise<Member> =>
		memberWithProfile(
			`${token}-${name.toLowerCase()}`,
			{ display_name: `${token} ${name}`, visibility: 'members', ...profile },
			location
		);
}
