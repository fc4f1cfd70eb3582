import { redirect } from '@sveltejs/kit';
import type { EmailOtpType } from '@supabase/supabase-js';
import { callbackErrorCode, type CallbackErrorCode } from '$lib/auth/auth-errors';
import { safeNextPath } from '$lib/auth/next-path';
import { destinationAfterSignIn } from '$lib/server/visitor';
import type { RequestHandler } from './$types';

const EMAIL_OTP_TYPES: readonly EmailOtpType[] = [
	'signup',
	'invite',
	'magiclink',
	'recovery',
	'email_change',
	'email'
];

function isEmailOtpType(value: string | null): value is EmailOtpType {
	return EMAIL_OTP_TYPES.includes(value as EmailOtpType);
}

/**
 * Where a sign-in link lands. Supabase sends either `?code=` (the PKCE flow, @supabase/ssr's
 * default) or, with an email template pointing here, `?token_hash=&type=`; both end in a session
 * cookie and a redirect to `next`.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const next = safeNextPath(url.searchParams.get('next'));
	const code = url.searchParams.get('code');
	const tokenHash = url.searchParams.get('token_hash');
	const type = url.searchParams.get('type');

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

	if (tokenHash && isEmailOtpType(type)) {
		const { data, error } = await locals.supabase.auth.verifyOtp({ type, token_hash: tokenHash });
		if (error || !data.user) {
			console.warn('Sign-in link could not be verified', error);
			backToLogin(error ? callbackErrorCode(error) : 'link_incomplete');
		}
		redirect(303, await destinationAfterSignIn(locals, { userId: data.user.id, next }));
	}

	backToLogin('link_incomplete');
};

function backToLogin(reason: CallbackErrorCode): never {
	redirect(303, `/login?error=${reason}`);
}
