import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ locals }) => {
		// Everywhere (Supabase's default, said out loud): every session of theirs ends at the auth
		// server, and the database refuses any access token of an ended session. Someone who fears
		// their account is open on another device has no other way to close it.
		const { error } = await locals.supabase.auth.signOut({ scope: 'global' });
		// The session cookies are cleared either way; a failure only means the sessions live on at
		// the auth server until they expire.
		if (error) console.warn('Sign-out did not reach the auth server', error);
		redirect(303, '/');
	}
};
