import { describe, expect, it } from 'vitest';
import { formDataOf } from '$lib/components/factories';
import { readCodeForm, readSignInForm } from './sign-in-form';

describe('readSignInForm', () => {
	it('accepts an email address, trimmed', () => {
		expect(readSignInForm(formDataOf({ email: '  ada@example.org ' }))).toEqual({
			email: 'ada@example.org',
			next: null,
			errors: null
		});
	});

	it('asks for an email address when there is none', () => {
		expect(readSignInForm(formDataOf({ email: '   ' })).errors).toEqual({
			email: 'Enter your email address.'
		});
		expect(readSignInForm(new FormData()).errors).toEqual({ email: 'Enter your email address.' });
	});

	it('explains the expected shape of an address that is not one', () => {
		const { email, errors } = readSignInForm(formDataOf({ email: 'ada@example' }));
		expect(errors).toEqual({ email: 'Enter an email address like name@example.org.' });
		expect(email).toBe('ada@example');
	});

	it('refuses an address longer than email allows', () => {
		const { errors } = readSignInForm(formDataOf({ email: `${'a'.repeat(250)}@example.org` }));
		expect(errors).toEqual({ email: 'An email address can be at most 254 characters long.' });
	});

	it('keeps a safe place to return to, and drops an unsafe one', () => {
		expect(readSignInForm(formDataOf({ email: 'a@b.co', next: '/directory' })).next).toBe(
			'/directory'
		);
		expect(readSignInForm(formDataOf({ email: 'a@b.co', next: '//evil.example' })).next).toBeNull();
	});
});

describe('readCodeForm', () => {
	it('accepts the address and the code from the email, without the spaces typed into it', () => {
		expect(
			readCodeForm(formDataOf({ email: 'ada@example.org', code: ' 123 456 ', next: '/directory' }))
		).toEqual({
			email: 'ada@example.org',
			next: '/directory',
			typed: ' 123 456 ',
			code: '123456',
			errors: null
		});
	});

	it('asks for the code when there is none', () => {
		expect(readCodeForm(formDataOf({ email: 'ada@example.org', code: ' ' })).errors).toEqual({
			code: 'Enter the code from the email.'
		});
	});

	it('explains what a code looks like, keeping what was typed', () => {
		for (const code of ['12345', '12e456', 'one two']) {
			const read = readCodeForm(formDataOf({ email: 'ada@example.org', code }));
			expect(read.errors).toEqual({
				code: 'Enter the 6 digits of the code from the email, like 123456.'
			});
			expect(read.typed).toBe(code);
		}
	});

	it('checks the address first: without one there is nothing to sign in to', () => {
		expect(readCodeForm(formDataOf({ email: '', code: '123456' })).errors).toEqual({
			email: 'Enter your email address.'
		});
	});
});
