import type { SignInErrors } from './sign-in-form';

/** The parts of a Supabase `AuthError` the messages depend on. */
export interface AuthErrorLike {
	message: string;
	status?: number;
	code?: string;
	name?: string;
}

export interface SignInProblem {
	/** The HTTP status to answer the form submission with. */
	status: number;
	errors: SignInErrors;
}

/** Turns an error from `signInWithOtp` into something to show on the form. */
export function describeSignInError(error: AuthErrorLike): SignInProblem {
	const general = serviceProblem(error, 'Nothing was sent; try again in a moment.');
	if (general) return general;
	if (error.code === 'email_address_invalid' || error.code === 'validation_failed') {
		return { status: 400, errors: { email: error.message } };
	}
	if (error.code === 'signup_disabled' || error.code === 'email_address_not_authorized') {
		return { status: 403, errors: { form: error.message } };
	}
	return { status: 400, errors: { form: error.message } };
}

const CODE_REFUSED =
	'That code is wrong, used or expired. Check it against the newest email, or ask for a new one.';

/** Turns an error from `verifyOtp` with the emailed code into something to show on the form. */
export function describeCodeError(error: AuthErrorLike): SignInProblem {
	const general = serviceProblem(
		error,
		'You are not signed in yet; try the code again in a moment.'
	);
	if (general) return general;
	if (error.code === 'user_banned') return { status: 403, errors: { form: error.message } };
	// Auth says the same for a wrong code and for a used or expired one (otp_expired, 403), so
	// that codes cannot be told apart by guessing.
	return { status: 400, errors: { code: CODE_REFUSED } };
}

/**
 * What the two requests to auth share: a rate limit, shown as auth words it ("…you can only
 * request this after 42 seconds"), and a service that did not answer (`then` says what now).
 */
function serviceProblem(error: AuthErrorLike, then: string): SignInProblem | null {
	if (error.status === 429 || error.code?.startsWith('over_')) {
		return { status: 429, errors: { form: error.message } };
	}
	// No status: the request never got an answer (AuthRetryableFetchError and friends).
	if (!error.status || error.status >= 500) {
		return {
			status: 503,
			errors: { form: `The sign-in service could not be reached. ${then}` }
		};
	}
	return null;
}

/**
 * Why a sign-in link did not work. The callback sends one of these codes to the login page
 * rather than free text, so nobody can make the page say what they like through a crafted URL.
 */
export const callbackErrorMessages = {
	link_expired: 'That sign-in link has expired or was already used. Request a new one below.',
	other_browser:
		'That sign-in link was opened in a different browser from the one it was requested in. Type the code from the same email into the browser you asked in, or request a new link here and open it in this browser.',
	link_incomplete: 'That sign-in link is incomplete. Request a new one below.',
	link_not_for_this_browser:
		'That sign-in link cannot sign in this browser: a link signs in only the browser that asked for it. Request a new one here, or type the code from the email into the browser you asked in.',
	sign_in_failed: 'Signing in did not work. Request a new link below.'
} as const;

export type CallbackErrorCode = keyof typeof callbackErrorMessages;

/** The message for a `?error=` code on the login page; unknown codes get the general one. */
export function callbackErrorMessage(code: string | null): string | null {
	if (!code) return null;
	return code in callbackErrorMessages
		? callbackErrorMessages[code as CallbackErrorCode]
		: callbackErrorMessages.sign_in_failed;
}

/** Which message fits an error from `exchangeCodeForSession` or `verifyOtp`. */
export function callbackErrorCode(error: AuthErrorLike): CallbackErrorCode {
	if (error.name === 'AuthPKCECodeVerifierMissingError' || error.code === 'bad_code_verifier') {
		return 'other_browser';
	}
	if (
		error.code === 'otp_expired' ||
		error.code === 'flow_state_expired' ||
		error.code === 'flow_state_not_found'
	) {
		return 'link_expired';
	}
	return 'sign_in_failed';
}
