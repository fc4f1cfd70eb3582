import { redirect } from '@sveltejs/kit';
import { callbackErrorCode, type CallbackErrorCode } from '$lib/auth/auth-errors';
import { safeNextPath } from '$lib/auth/next-path';
import { destinationAfterSignIn } from '$lib/server/visitor';
import type { RequestHandler } from './$types';

/**
 * Where a sign-in link lands, with `?code=` (the PKCE flow, @supabase/ssr's default): only the
 * browser that asked for the link can exchange the code, as it alone holds the code verifier,
 * in the cookie the login form's `send` action set.
 *
 * A `?token_hash=` link (what an email template pointing here would send) is refused on purpose.
 * Verifying it signs in whoever opens it: anyone could ask for a link to their own address and
 * get someone else's browser to open it, signing that person into their account unawares (login
 * CSRF), to read what they then put on the map. From another browser, the code in the email is
 * the way in.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const next = safeNextPath(url.searchParams.get('next'));
	const code = url.searchParams.get('code');

	// Auth itself redirects here with ?error=…&error_code=… when a link is expired or used.
	const authErrorCode = url.searchParams.get('error_code');
	if (authErrorCode || url.searchParams.get('error')) {
		backToLogin(
			callbackErrorCode({
				code: authErrorCode ?? undefined,
				message: url.searchParams.get('error_description') ?? ''
			})
		);
	}

	if (code) {
		const { data, error } = await locals.supabase.auth.exchangeCodeForSession(code);
		if (error) {
			console.warn('Sign-in link could not be exchanged', error);
			backToLogin(callbackErrorCode(error));
		}
		redirect(303, await destinationAfterSignIn(locals, { userId: data.user.id, next }));
	}

	backToLogin(url.searchParams.has('token_hash') ? 'link_not_for_this_browser' : 'link_incomplete');
};

function backToLogin(reason: CallbackErrorCode): never {
	redirect(303, `/login?error=${reason}`);
}
