import { describe, expect, it } from 'vitest';
import { readCodeForm, readSignInForm } from './sign-in-form';

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

describe('readCodeForm', () => {
	it('accepts the address and the code from the email, without the spaces typed into it', () => {
		expect(
			readCodeForm(form({ email: 'ada@example.org', code: ' 123 456 ', next: '/directory' }))
		).toEqual({
			email: 'ada@example.org',
			next: '/directory',
			typed: ' 123 456 ',
			code: '123456',
			errors: null
		});
	});

	it('asks for the code when there is none', () => {
		expect(readCodeForm(form({ email: 'ada@example.org', code: ' ' })).errors).toEqual({
			code: 'Enter the code from the email.'
		});
	});

	it('explains what a code looks like, keeping what was typed', () => {
		for (const code of ['12345', '12e456', 'one two']) {
			const read = readCodeForm(form({ email: 'ada@example.org', code }));
			expect(read.errors).toEqual({
				code: 'Enter the 6 digits of the code from the email, like 123456.'
			});
			expect(read.typed).toBe(code);
		}
	});

	it('checks the address first: without one there is nothing to sign in to', () => {
		expect(readCodeForm(form({ email: '', code: '123456' })).errors).toEqual({
			email: 'Enter your email address.'
		});
	});
});
