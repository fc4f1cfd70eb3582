import { describe, expect, it } from 'vitest';
import { readSignInForm } from './sign-in-form';

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
}

describe('readSignInForm', () => {
	it('accepts an email address, trimmed', () => {
		expect(readSignInForm(form({ email: '  ada@example.org ' }))).toEqual({
			email: 'ada@example.org',
			next: null,
			errors: null
		});
	});

	it('asks for an email address when there is none', () => {
		expect(readSignInForm(form({ email: '   ' })).errors).toEqual({
			email: 'Enter your email address.'
		});
		expect(readSignInForm(new FormData()).errors).toEqual({ email: 'Enter your email address.' });
	});

	it('explains the expected shape of an address that is not one', () => {
		const { email, errors } = readSignInForm(form({ email: 'ada@example' }));
		expect(errors).toEqual({ email: 'Enter an email address like name@example.org.' });
		expect(email).toBe('ada@example');
	});

	it('refuses an address longer than email allows', () => {
		const { errors } = readSignInForm(form({ email: `${'a'.repeat(250)}@example.org` }));
		expect(errors).toEqual({ email: 'An email address can be at most 254 characters long.' });
	});

	it('keeps a safe place to return to, and drops an unsafe one', () => {
		expect(readSignInForm(form({ email: 'a@b.co', next: '/directory' })).next).toBe('/directory');
		expect(readSignInForm(form({ email: 'a@b.co', next: '//evil.example' })).next).toBeNull();
	});
});
