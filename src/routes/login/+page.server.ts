import { fail, redirect } from '@sveltejs/kit';
import {
	callbackErrorMessage,
	describeCodeError,
	describeSignInError
} from '$lib/auth/auth-errors';
import { safeNextPath } from '$lib/auth/next-path';
import { readCodeForm, readSignInForm, type SignInErrors } from '$lib/auth/sign-in-form';
import { destinationAfterSignIn } from '$lib/server/visitor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({
	callbackError: callbackErrorMessage(url.searchParams.get('error')),
	next: safeNextPath(url.searchParams.get('next'))
});

/** What either form gives back to the page: enough to show it again as it was. */
interface SignInState {
	email: string;
	next: string | null;
	/** True once the email is sent: the page asks for its link or its code. */
	sent?: boolean;
	/** The code as typed. */
	code?: string;
	errors?: SignInErrors;
}

export const actions: Actions = {
	/** Emails a sign-in link and a code for the same sign-in. */
	send: async ({ request, locals, url }) => {
		const { email, next, errors } = readSignInForm(await request.formData());
		if (errors) return fail<SignInState>(400, { email, next, errors });

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
			return fail<SignInState>(problem.status, { email, next, errors: problem.errors });
		}
		return { sent: true, email, next } satisfies SignInState;
	},

	/** Signs in with the code from that email: the way in when the link opens in another browser. */
	verify: async ({ request, locals }) => {
		const { email, next, typed, code, errors } = readCodeForm(await request.formData());
		// Without a good address there is no code to check: back to asking for one.
		if (errors?.email) return fail<SignInState>(400, { email, next, errors });
		if (errors) return fail<SignInState>(400, { sent: true, email, next, code: typed, errors });

		const { data, error } = await locals.supabase.auth.verifyOtp({
			email,
			token: code,
			type: 'email'
		});
		if (error || !data.user) {
			const problem = describeCodeError(error ?? { status: 400, message: 'No user' });
			if (problem.status >= 500) console.error('Signing in with a code failed', error);
			return fail<SignInState>(problem.status, {
				sent: true,
				email,
				next,
				code: typed,
				errors: problem.errors
			});
		}
		redirect(303, await destinationAfterSignIn(locals, { userId: data.user.id, next }));
	}
};
