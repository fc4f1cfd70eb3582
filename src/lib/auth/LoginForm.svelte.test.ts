import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
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

			const email = screen.getByLabelText('Email address');
			expect(email).toHaveValue('ada@example');
			expect(email).toBeInvalid();
			expect(email).toHaveAccessibleDescription(
				expect.stringContaining('Enter an email address like name@example.org.')
			);
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
