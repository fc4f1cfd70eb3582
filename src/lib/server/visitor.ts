import { redirect } from '@sveltejs/kit';
import type { User } from '@supabase/supabase-js';

/**
 * Who is visiting. `locals.user` is verified with the auth server in `hooks.server.ts`, never
 * read from the cookie alone.
 */

/**
 * Whether the visitor is a signed-in practitioner. Supabase's anonymous sign-ins carry a
 * session too, but they are strangers, as the database's `private.is_member()` says.
 */
export function isMember(user: User | null): user is User {
	return user !== null && !user.is_anonymous;
}

/** The signed-in practitioner, or a redirect to sign in and come back here. */
export function requireUser(locals: App.Locals, url: URL): User {
	if (isMember(locals.user)) return locals.user;
	redirect(303, `/login?${new URLSearchParams({ next: url.pathname + url.search })}`);
}
