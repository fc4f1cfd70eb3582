import { fail } from '@sveltejs/kit';
import { callbackErrorMessage, describeSignInError } from '$lib/auth/auth-errors';
import { safeNextPath } from '$lib/auth/next-path';
import { readSignInForm } from '$lib/auth/sign-in-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({
	callbackError: callbackErrorMessage(url.searchParams.get('error')),
	next: safeNextPath(url.searchParams.get('next'))
});

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const { email, next, errors } = readSignInForm(await request.formData());
		if (errors) return fail(400, { email, errors });

		// The link comes back to this browser, which holds the PKCE code verifier for it.
		const callback = new URL('/auth/callback', url.origin);
		if (next) callback.searchParams.set('next', next);
		const { error } = await locals.supabase.auth.signInWithOtp({
			email,
			options: { emailRedirectTo: callback.href }
		});
		if (error) {
			const problem = describeSignInError(error);
			if (problem.status >= 500) console.error('Sign-in link request failed', error);
			return fail(problem.status, { email, errors: problem.errors });
		}
		return { sent: true, email };
	}
};
