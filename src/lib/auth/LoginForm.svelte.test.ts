import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { expectRefused } from '../../../tests/support/fields';
import LoginForm from './LoginForm.svelte';

afterEach(cleanup);

describe('LoginForm', () => {
	it('asks for an email address', () => {
		render(LoginForm);

		const email = screen.getByLabelText('Email address');
		expect(email).toHaveAttribute('type', 'email');
		expect(email).toBeRequired();
		expect(email).toHaveValue('');
		expect(screen.getByRole('button', { name: 'Email me a sign-in link' })).toBeInTheDocument();
	});

	describe('after a submit with a bad address', () => {
		it('says what is wrong next to the field and keeps what was typed', () => {
			render(LoginForm, {
				email: 'ada@example',
				errors: { email: 'Enter an email address like name@example.org.' }
			});

			expectRefused(screen.getByLabelText('Email address'), {
				value: 'ada@example',
				error: expect.stringContaining('Enter an email address like name@example.org.')
			});
		});
	});

	describe('when auth refuses the request', () => {
		it('shows its message as an alert and keeps the email', () => {
			render(LoginForm, {
				email: 'ada@example.org',
				errors: { form: 'For security purposes, you can only request this after 42 seconds.' }
			});

			expect(screen.getByRole('alert')).toHaveTextContent(
				'For security purposes, you can only request this after 42 seconds.'
			);
			expect(screen.getByLabelText('Email address')).toHaveValue('ada@example.org');
		});
	});

	it('carries where to go after signing in', () => {
		const { container } = render(LoginForm, { next: '/directory' });

		expect(container.querySelector('form')).toHaveAttribute('action', '?/send');
		expect(container.querySelector('input[type="hidden"][name="next"]')).toHaveValue('/directory');
	});

	describe('once the link is sent', () => {
		it('tells the person to check their email, instead of the form', () => {
			render(LoginForm, { sent: true, email: 'ada@example.org' });

			expect(screen.getByRole('heading', { name: 'Check your email' })).toBeInTheDocument();
			expect(screen.getByText('ada@example.org')).toBeInTheDocument();
			expect(screen.queryByLabelText('Email address')).not.toBeInTheDocument();
			expect(screen.queryByRole('link', { name: 'local mailbox' })).not.toBeInTheDocument();
		});

		it('offers a real form to sign in with the code from the email, for that address', () => {
			const { container } = render(LoginForm, {
				sent: true,
				email: 'ada@example.org',
				next: '/directory'
			});

			const code = screen.getByRole('textbox', { name: 'Code from the email' });
			expect(code).toHaveAttribute('name', 'code');
			expect(code).toHaveAttribute('inputmode', 'numeric');
			expect(code).toHaveAttribute('autocomplete', 'one-time-code');
			expect(code).toBeRequired();
			expect(code).toHaveAccessibleDescription(expect.stringContaining('6 digits'));
			const form = code.closest('form')!;
			expect(form).toHaveAttribute('method', 'POST');
			expect(form).toHaveAttribute('action', '?/verify');
			expect(screen.getByRole('button', { name: 'Sign in with the code' })).toHaveAttribute(
				'type',
				'submit'
			);
			const posted = new FormData(form);
			expect(posted.get('email')).toBe('ada@example.org');
			expect(posted.get('next')).toBe('/directory');
			expect(container.querySelectorAll('form')).toHaveLength(1);
		});

		it('says beside the field when a code is refused, keeping the code and the address', () => {
			render(LoginForm, {
				sent: true,
				email: 'ada@example.org',
				code: '123 465',
				errors: { code: 'That code is wrong, used or expired.' }
			});

			const code = screen.getByRole('textbox', { name: 'Code from the email' });
			expectRefused(code, {
				value: '123 465',
				error: expect.stringMatching(/^That code is wrong, used or expired\. The 6 digits/)
			});
			expect(new FormData(code.closest('form')!).get('email')).toBe('ada@example.org');
			expect(screen.getByText('ada@example.org')).toBeInTheDocument();
		});

		it('shows a problem with auth itself as an alert, the code form still there', () => {
			render(LoginForm, {
				sent: true,
				email: 'ada@example.org',
				errors: { form: 'The sign-in service could not be reached.' }
			});

			expect(screen.getByRole('alert')).toHaveTextContent(
				'The sign-in service could not be reached.'
			);
			expect(screen.getByRole('textbox', { name: 'Code from the email' })).toBeInTheDocument();
		});

		it('links to the local mailbox when running against the local stack', () => {
			render(LoginForm, {
				sent: true,
				email: 'ada@example.org',
				mailboxUrl: 'http://127.0.0.1:54321/mailbox'
			});

			expect(screen.getByRole('link', { name: 'local mailbox' })).toHaveAttribute(
				'href',
				'http://127.0.0.1:54321/mailbox'
			);
		});
	});
});
