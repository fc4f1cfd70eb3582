import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import KeysetPagination from './KeysetPagination.svelte';

afterEach(cleanup);

const firstHref = '/directory?language=English';
const nextHref = '/directory?language=English&after=eyJuIjogIkJyYW0ifQ&page=3';

describe('KeysetPagination', () => {
	describe('on the first page of several', () => {
		it('links to the next page only, saying where you are', () => {
			render(KeysetPagination, {
				page: 1,
				pageCount: 3,
				firstHref: null,
				nextHref,
				label: 'Directory pages'
			});

			const nav = screen.getByRole('navigation', { name: 'Directory pages' });
			expect(nav).toHaveTextContent('Page 1 of 3');
			const next = screen.getByRole('link', { name: 'Next page' });
			expect(next).toHaveAttribute('href', nextHref);
			expect(next).toHaveAttribute('rel', 'next');
			expect(screen.queryByRole('link', { name: 'First page' })).not.toBeInTheDocument();
		});
	});

	describe('on a middle page', () => {
		it('links back to the first page and on to the next, with no previous page', () => {
			render(KeysetPagination, { page: 2, pageCount: 3, firstHref, nextHref });

			expect(screen.getByRole('link', { name: 'First page' })).toHaveAttribute('href', firstHref);
			expect(screen.getByRole('link', { name: 'Next page' })).toBeInTheDocument();
			expect(screen.queryByRole('link', { name: 'Previous page' })).not.toBeInTheDocument();
			expect(screen.getByText('Page 2 of 3')).toHaveAttribute('aria-current', 'page');
		});
	});

	describe('on the last page', () => {
		it('links back to the first page only', () => {
			render(KeysetPagination, { page: 3, pageCount: 3, firstHref, nextHref: null });

			expect(screen.getByRole('link', { name: 'First page' })).toBeInTheDocument();
			expect(screen.queryByRole('link', { name: 'Next page' })).not.toBeInTheDocument();
			expect(screen.getByRole('navigation')).toHaveTextContent('Page 3 of 3');
		});
	});

	it('is not shown when everything fits on one page', () => {
		render(KeysetPagination, { page: 1, pageCount: 1, firstHref: null, nextHref: null });

		expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
	});

	describe('when too many match to count the pages', () => {
		it('says what it was told to instead of a page count', () => {
			render(KeysetPagination, {
				page: 2,
				pageCount: null,
				uncounted: 'More than 1,000 match: narrow the filters.',
				firstHref,
				nextHref
			});

			const nav = screen.getByRole('navigation');
			expect(screen.getByText('Page 2')).toHaveAttribute('aria-current', 'page');
			expect(nav).toHaveTextContent('More than 1,000 match: narrow the filters.');
			expect(nav).not.toHaveTextContent(/ of /);
		});
	});

	describe('when the link that led here did not say which page it is', () => {
		it('says it is a later page, of how many', () => {
			render(KeysetPagination, { page: null, pageCount: 3, firstHref, nextHref });

			expect(screen.getByRole('navigation')).toHaveTextContent('A later page of 3');
		});
	});
});
