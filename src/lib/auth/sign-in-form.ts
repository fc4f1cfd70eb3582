import { safeNextPath } from './next-path';

export interface SignInErrors {
	/** What is wrong with the email address, shown next to the field. */
	email?: string;
	/** What is wrong with the code from the email, shown next to its field. */
	code?: string;
	/** What went wrong with the request as a whole, shown above the form. */
	form?: string;
}

export interface SignInForm {
	email: string;
	next: string | null;
	errors: SignInErrors | null;
}

/** RFC 5321's limit on the length of an address. */
const MAX_EMAIL_LENGTH = 254;

/**
 * Reads and checks the sign-in form. The check is deliberately loose (something@something.tld):
 * the auth server has the final word, and a typo is caught by the email never arriving.
 */
export function readSignInForm(formData: FormData): SignInForm {
	const email = String(formData.get('email') ?? '').trim();
	const next = safeNextPath(String(formData.get('next') ?? ''));
	return { email, next, errors: emailProblem(email) };
}

export interface CodeForm extends SignInForm {
	/** The code as typed, to give back on a refusal. */
	typed: string;
	/** The code without the spaces people type into it. */
	code: string;
}

/**
 * Supabase emails a 6-digit code by default; a project can make it up to 10 digits long
 * (`otp_length`), so the check allows that and the auth server has the last word.
 */
const CODE = /^\d{6,10}$/;

/** Reads and checks the form that signs in with the code from the email, for its address. */
export function readCodeForm(formData: FormData): CodeForm {
	const { email, next, errors } = readSignInForm(formData);
	const typed = String(formData.get('code') ?? '');
	const code = typed.replace(/[\s-]/g, '');
	return { email, next, typed, code, errors: errors ?? codeProblem(code) };
}

function codeProblem(code: string): SignInErrors | null {
	if (code === '') return { code: 'Enter the code from the email.' };
	if (!CODE.test(code))
		return { code: 'Enter the 6 digits of the code from the email, like 123456.' };
	return null;
}

function emailProblem(email: string): SignInErrors | null {
	if (email === '') return { email: 'Enter your email address.' };
	if (email.length > MAX_EMAIL_LENGTH) {
		return { email: `An email address can be at most ${MAX_EMAIL_LENGTH} characters long.` };
	}
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
		return { email: 'Enter an email address like name@example.org.' };
	}
	return null;
}
