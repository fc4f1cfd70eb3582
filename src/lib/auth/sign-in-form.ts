import { safeNextPath } from './next-path';

export interface SignInErrors {
	/** What is wrong with the email address, shown next to the field. */
	email?: string;
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
