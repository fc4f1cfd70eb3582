import { render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The error SvelteKit hands the page: on the server, and in the browser after a navigation whose
// data answered with an error (then the status stays 500; the error's flag says what it was).
const state = vi.hoisted(() => ({
	page: { status: 500, error: { message: 'Internal Error' } as App.Error | null }
}));
vi.mock('$app/state', () => state);
vi.mock('$app/paths', () => ({ resolve: (path: string) => path }));

const { default: ErrorPage } = await import('./+error.svelte');

describe('the error page', () => {
	beforeEach(() => {
		state.page = { status: 500, error: { message: 'Internal Error' } };
	});

	it('says the map is taking a breather when Supabase is down, in its own words', () => {
		state.page = {
			status: 500,
			error: { message: 'The map is taking a breather: try again in a minute.', unavailable: true }
		};
		render(ErrorPage);
		expect(screen.getByRole('heading', { name: 'Taking a breather' })).toBeInTheDocument();
		expect(
			screen.getByText('The map is taking a breather: try again in a minute.')
		).toBeInTheDocument();
	});

	it('says something went wrong on our side for any other failure, not its message', () => {
		render(ErrorPage);
		expect(screen.getByRole('heading', { name: 'Sorry' })).toBeInTheDocument();
		expect(
			screen.getByText('Something went wrong on our side. Try again in a moment.')
		).toBeInTheDocument();
		expect(screen.queryByText('Internal Error')).not.toBeInTheDocument();
	});

	it('offers the way on that the failed page named, besides the home page', () => {
		state.page = {
			status: 400,
			error: {
				message: 'This page link has expired or was changed: start again from the first page.',
				next: { href: '/directory?language=English', text: 'Go to the first page' }
			}
		};
		render(ErrorPage);
		expect(
			screen.getByText(
				'This page link has expired or was changed: start again from the first page.'
			)
		).toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'Go to the first page' })).toHaveAttribute(
			'href',
			'/directory?language=English'
		);
		expect(screen.getByRole('link', { name: 'Go to the home page' })).toBeInTheDocument();
	});
});
