import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import DirectoryFilters from './DirectoryFilters.svelte';
import { parseFilters } from './filters';

afterEach(cleanup);

/** What submitting the form would put in the URL, as the browser builds it. */
function submitted(): URLSearchParams {
	const form = screen.getByRole('form', { name: 'Find practitioners' }) as HTMLFormElement;
	return new URLSearchParams(
		[...new FormData(form).entries()].map(([key, value]) => [key, String(value)])
	);
}

describe('DirectoryFilters', () => {
	it('is a GET form to the directory, so it works without JavaScript', () => {
		render(DirectoryFilters, { filters: {}, sort: 'name', near: '' });
		const form = screen.getByRole('form', { name: 'Find practitioners' });
		expect(form).toHaveAttribute('method', 'get');
		expect(form).toHaveAttribute('action', '/directory');
		expect(within(form).getByRole('button', { name: 'Show practitioners' })).toHaveAttribute(
			'type',
			'submit'
		);
	});

	it('shows the choices already made', () => {
		render(DirectoryFilters, {
			filters: {
				openTo: ['hosting_a_crew'],
				practices: ['facilitation'],
				pathwayStage: ['curious'],
				languages: ['Dutch'],
				q: 'bees'
			},
			sort: 'distance',
			near: 'Utrecht'
		});
		expect(screen.getByLabelText('Name or interest')).toHaveValue('bees');
		expect(screen.getByLabelText('Near a place')).toHaveValue('Utrecht');
		expect(screen.getByLabelText('Sort by')).toHaveValue('distance');
		expect(screen.getByLabelText('Speaks')).toHaveValue('Dutch');
		expect(screen.getByLabelText('Or speaks')).toHaveValue('');
		expect(screen.getByRole('checkbox', { name: 'Hosting a crew' })).toBeChecked();
		expect(screen.getByRole('checkbox', { name: 'Joining a crew' })).not.toBeChecked();
		expect(screen.getByRole('checkbox', { name: 'Facilitation' })).toBeChecked();
		expect(screen.getByRole('checkbox', { name: 'Curious' })).toBeChecked();
	});

	it('submits the parameters the map and the directory read', () => {
		render(DirectoryFilters, {
			filters: { openTo: ['gatherings', 'mentoring'], languages: ['Frysk'], q: 'garden' },
			sort: 'recent',
			near: ''
		});
		const params = submitted();
		expect(params.get('sort')).toBe('recent');
		expect(parseFilters(params)).toEqual({
			openTo: ['gatherings', 'mentoring'],
			languages: ['Frysk'],
			q: 'garden'
		});
	});

	it('groups each kind of choice under its own legend', () => {
		render(DirectoryFilters, { filters: {}, sort: 'name', near: '' });
		for (const legend of ['Open to', 'Practices', 'Pathway stage']) {
			expect(screen.getByRole('group', { name: new RegExp(`^${legend}`) })).toBeInTheDocument();
		}
	});

	it('offers a way back to everyone', () => {
		render(DirectoryFilters, { filters: { q: 'x' }, sort: 'name', near: '' });
		expect(screen.getByRole('link', { name: 'Clear all' })).toHaveAttribute('href', '/directory');
	});
});
