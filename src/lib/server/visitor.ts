import { redirect } from '@sveltejs/kit';
import { isAuthApiError, type SupabaseClient, type User } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { readOwnHeader, readOwnProfile, type OwnProfileWithLocation } from './profiles';

/**
 * Who is visiting. `locals.user` is verified with the auth server in `hooks.server.ts`, never
 * read from the cookie alone.
 */

/**
 * Whether the visitor is a signed-in practitioner. Supabase's anonymous sign-ins carry a
 * session too, but they are strangers, as the database's `audience.is_member()` says.
 */
export function isMember(user: User | null): user is User {
	return user !== null && !user.is_anonymous;
}

/** The signed-in practitioner, or a redirect to sign in and come back here. */
export function requireUser(locals: App.Locals, url: URL): User {
	if (isMember(locals.user)) return locals.user;
	redirect(303, signInPath(url));
}

function signInPath(url: URL): string {
	return `/login?${new URLSearchParams({ next: url.pathname + url.search })}`;
}

/**
 * When the account was deleted after this request's session was checked (from another tab, say,
 * or an old page's form posted later), the auth server no longer knows it: the session ends here
 * too, and the goodbye page says the account is gone. Otherwise this does nothing.
 */
export async function leaveIfAccountGone(supabase: SupabaseClient<Database>): Promise<void> {
	const { error } = await supabase.auth.getUser();
	if (!isAuthApiError(error) || ![401, 403, 404].includes(error.status ?? 0)) return;
	await supabase.auth.signOut({ scope: 'local' });
	redirect(303, '/goodbye');
}

/**
 * The signed-in person's own profile, for the pages that edit it. Every account has one, so when
 * it cannot be read the account may be gone: then the goodbye page (see leaveIfAccountGone), or
 * else signing in again with a fresh session.
 */
export async function requireOwnProfile(
	locals: App.Locals,
	{ user, url }: { user: User; url: URL }
): Promise<OwnProfileWithLocation> {
	let own: OwnProfileWithLocation | null;
	try {
		own = await readOwnProfile(locals.supabase, user.id);
	} catch (error) {
		// The database refuses a deleted account's session outright.
		await leaveIfAccountGone(locals.supabase);
		throw error;
	}
	if (own) return own;
	await leaveIfAccountGone(locals.supabase);
	await locals.supabase.auth.signOut({ scope: 'local' });
	redirect(303, signInPath(url));
}

/** Who is signed in, as every page's header shows them. */
export interface SignedInVisitor {
	id: string;
	email: string | undefined;
	/** The name they go by; '' until they give one (and if it cannot be read just now). */
	displayName: string;
	/** Their unread notifications, counted up to UNREAD_COUNTED_UP_TO (0 if they cannot be read). */
	unreadCount: number;
}

/**
 * The signed-in visitor with their name and unread count, read under their own session; null for
 * nobody.
 */
export async function readSignedInVisitor(locals: App.Locals): Promise<SignedInVisitor | null> {
	if (!locals.user) return null;
	const { id, email } = locals.user;
	try {
		return { id, email, ...(await readOwnHeader(locals.supabase, id)) };
	} catch (error) {
		// Every page shows the header: a name that cannot be read must not take the page down. While
		// Supabase is unreachable the page says so itself (unavailable.ts), once, without a stack.
		if (!locals.supabaseUnreachable) {
			console.warn('Could not read the signed-in person’s name for the header', error);
		}
		return { id, email, displayName: '', unreadCount: 0 };
	}
}

/**
 * Where someone goes once signed in, by link or by code: where they were going (`next`, already
 * checked with `safeNextPath`), or else new people on to add themselves to the map and everyone
 * else to the map itself.
 */
export async function destinationAfterSignIn(
	locals: App.Locals,
	{ userId, next }: { userId: string; next: string | null }
): Promise<string> {
	if (next) return next;
	try {
		const own = await readOwnProfile(locals.supabase, userId);
		return own && !own.profile.onboarded_at ? '/welcome' : '/map';
	} catch (error) {
		// Signing in worked; the map is a fine place to land if the profile cannot be read.
		console.warn('Could not read the new session’s profile', error);
		return '/map';
	}
}
