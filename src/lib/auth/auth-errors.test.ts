import { describe, expect, it } from 'vitest';
import {
	callbackErrorCode,
	callbackErrorMessage,
	describeCodeError,
	describeSignInError
} from './auth-errors';

describe('describeSignInError', () => {
	it('shows a rate limit as auth words it', () => {
		expect(
			describeSignInError({
				status: 429,
				code: 'over_email_send_rate_limit',
				message: 'For security purposes, you can only request this after 42 seconds.'
			})
		).toEqual({
			status: 429,
			errors: { form: 'For security purposes, you can only request this after 42 seconds.' }
		});
	});

	it('puts an address the auth server rejects next to the email field', () => {
		expect(
			describeSignInError({
				status: 400,
				code: 'email_address_invalid',
				message: 'Email address "ada@example.invalid" is invalid'
			})
		).toEqual({ status: 400, errors: { email: 'Email address "ada@example.invalid" is invalid' } });
	});

	it('says the service could not be reached when there was no answer', () => {
		const problem = describeSignInError({
			name: 'AuthRetryableFetchError',
			message: 'fetch failed',
			status: 0
		});
		expect(problem.status).toBe(503);
		expect(problem.errors.form).toMatch(/could not be reached/);
	});

	it('says the service could not be reached on a server error', () => {
		expect(describeSignInError({ status: 500, message: 'boom' }).errors.form).toMatch(
			/could not be reached/
		);
	});
});

describe('describeCodeError', () => {
	it('puts a wrong, used or expired code next to the code field', () => {
		expect(
			describeCodeError({
				status: 403,
				code: 'otp_expired',
				message: 'Token has expired or is invalid'
			})
		).toEqual({
			status: 400,
			errors: {
				code: 'That code is wrong, used or expired. Check it against the newest email, or ask for a new one.'
			}
		});
	});

	it('shows a rate limit as auth words it', () => {
		expect(
			describeCodeError({ status: 429, code: 'over_request_rate_limit', message: 'Slow down' })
		).toEqual({ status: 429, errors: { form: 'Slow down' } });
	});

	it('says the service could not be reached, and that nobody is signed in yet', () => {
		const problem = describeCodeError({ name: 'AuthRetryableFetchError', message: 'fetch failed' });
		expect(problem.status).toBe(503);
		expect(problem.errors.form).toMatch(/could not be reached.*not signed in yet/);
	});

	it('shows a suspended account’s refusal as auth words it', () => {
		expect(
			describeCodeError({ status: 403, code: 'user_banned', message: 'User is banned' })
		).toEqual({ status: 403, errors: { form: 'User is banned' } });
	});
});

describe('callbackErrorCode', () => {
	it('recognises a link opened in another browser', () => {
		expect(
			callbackErrorCode({
				name: 'AuthPKCECodeVerifierMissingError',
				message: 'PKCE code verifier not found'
			})
		).toBe('other_browser');
	});

	it('recognises an expired or used link', () => {
		expect(callbackErrorCode({ code: 'otp_expired', status: 403, message: 'expired' })).toBe(
			'link_expired'
		);
		expect(callbackErrorCode({ code: 'flow_state_not_found', message: 'nope' })).toBe(
			'link_expired'
		);
	});

	it('falls back to a general failure', () => {
		expect(callbackErrorCode({ message: 'something else' })).toBe('sign_in_failed');
	});
});

describe('callbackErrorMessage', () => {
	it('has nothing to say without a code', () => {
		expect(callbackErrorMessage(null)).toBeNull();
	});

	it('explains a known code', () => {
		expect(callbackErrorMessage('link_expired')).toMatch(/expired or was already used/);
	});

	it('never echoes an unknown code back to the page', () => {
		expect(callbackErrorMessage('Your account is locked, call 555-0100')).toBe(
			'Signing in did not work. Request a new link below.'
		);
	});
});
