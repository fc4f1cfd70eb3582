import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ locals }) => {
		const { error } = await locals.supabase.auth.signOut();
		// The session cookies are cleared either way; a failure only means the refresh token
		// lives on at the auth server until it expires.
		if (error) console.warn('Sign-out did not reach the auth server', error);
		redirect(303, '/');
	}
};
