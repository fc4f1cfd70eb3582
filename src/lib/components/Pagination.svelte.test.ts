import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import Pagination from './Pagination.svelte';

afterEach(cleanup);

const hrefFor = (page: number) => `/directory?page=${page}`;

describe('Pagination', () => {
	it('links to the previous and next pages from a middle page', () => {
		render(Pagination, { page: 2, pageCount: 3, hrefFor, label: 'Directory pages' });

		const nav = screen.getByRole('navigation', { name: 'Directory pages' });
		expect(nav).toHaveTextContent('Page 2 of 3');
		expect(screen.getByRole('link', { name: 'Previous page' })).toHaveAttribute(
			'href',
			'/directory?page=1'
		);
		expect(screen.getByRole('link', { name: 'Next page' })).toHaveAttribute(
			'href',
			'/directory?page=3'
		);
	});

	it('has no previous link on the first page', () => {
		render(Pagination, { page: 1, pageCount: 3, hrefFor });

		expect(screen.queryByRole('link', { name: 'Previous page' })).not.toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'Next page' })).toBeInTheDocument();
	});

	it('has no next link on the last page', () => {
		render(Pagination, { page: 3, pageCount: 3, hrefFor });

		expect(screen.queryByRole('link', { name: 'Next page' })).not.toBeInTheDocument();
	});

	it('is not shown when everything fits on one page', () => {
		render(Pagination, { page: 1, pageCount: 1, hrefFor });

		expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
	});
});
