import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFilters } from './filters';
import PractitionerFilters from './PractitionerFilters.svelte';

afterEach(cleanup);

/** What submitting the form would put in the URL, as the browser builds it. */
function submitted(): URLSearchParams {
	const form = screen.getByRole('form', { name: 'Find practitioners' }) as HTMLFormElement;
	return new URLSearchParams(
		[...new FormData(form).entries()].map(([key, value]) => [key, String(value)])
	);
}

/** The disclosure the map folds its filters into, found by its summary as a visitor sees it. */
function disclosure(): HTMLDetailsElement {
	const details = screen.getByText(/^Filters/, { selector: 'summary' }).closest('details');
	if (!details) throw new Error('The summary is not inside a <details> element');
	return details;
}

const mapView = { lat: '52.09', lng: '5.12', z: '7', layers: 'practitioner,crew' };

describe('PractitionerFilters', () => {
	describe('on the directory', () => {
		const ordering = { sort: 'name', near: '' } as const;

		it('is a GET form to the directory, so it works without JavaScript', () => {
			render(PractitionerFilters, { action: '/directory', filters: {}, ordering });
			const form = screen.getByRole('form', { name: 'Find practitioners' });
			expect(form).toHaveAttribute('method', 'get');
			expect(form).toHaveAttribute('action', '/directory');
			expect(within(form).getByRole('button', { name: 'Show practitioners' })).toHaveAttribute(
				'type',
				'submit'
			);
		});

		it('shows the choices already made', () => {
			render(PractitionerFilters, {
				action: '/directory',
				filters: {
					openTo: ['hosting_a_crew'],
					practices: ['facilitation'],
					pathwayStage: ['curious'],
					languages: ['Dutch'],
					q: 'bees'
				},
				ordering: { sort: 'distance', near: 'Utrecht' }
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
			render(PractitionerFilters, {
				action: '/directory',
				filters: { openTo: ['gatherings', 'mentoring'], languages: ['Frysk'], q: 'garden' },
				ordering: { sort: 'recent', near: '' }
			});
			const params = submitted();
			expect(params.get('sort')).toBe('recent');
			expect(parseFilters(params)).toEqual({
				openTo: ['gatherings', 'mentoring'],
				languages: ['Frysk'],
				q: 'garden'
			});
		});

		it('has no gatherings choice: the directory lists people', () => {
			render(PractitionerFilters, { action: '/directory', filters: {}, ordering });
			expect(screen.queryByLabelText('Upcoming gatherings')).not.toBeInTheDocument();
		});

		it('groups each kind of choice under its own legend', () => {
			render(PractitionerFilters, { action: '/directory', filters: {}, ordering });
			for (const legend of ['Open to', 'Practices', 'Pathway stage']) {
				expect(screen.getByRole('group', { name: new RegExp(`^${legend}`) })).toBeInTheDocument();
			}
		});

		it('shows every field at once, without a disclosure', () => {
			render(PractitionerFilters, { action: '/directory', filters: { q: 'x' }, ordering });
			expect(screen.queryByText(/^Filters/, { selector: 'summary' })).not.toBeInTheDocument();
			expect(screen.getByLabelText('Name or interest')).toBeVisible();
		});

		it('offers a way back to everyone, even before anything is chosen', () => {
			render(PractitionerFilters, { action: '/directory', filters: {}, ordering });
			expect(screen.getByRole('link', { name: 'Clear all' })).toHaveAttribute('href', '/directory');
		});
	});

	describe('on the map', () => {
		it('is a GET form to the map without the directory’s order fields', () => {
			render(PractitionerFilters, {
				action: '/map',
				filters: {},
				keep: mapView,
				collapsible: true
			});
			const form = screen.getByRole('form', { name: 'Find practitioners' });
			expect(form).toHaveAttribute('method', 'get');
			expect(form).toHaveAttribute('action', '/map');
			expect(screen.getByLabelText('Name or interest')).toBeInTheDocument();
			expect(screen.queryByLabelText('Near a place')).not.toBeInTheDocument();
			expect(screen.queryByLabelText('Sort by')).not.toBeInTheDocument();
			expect(within(form).getByRole('button', { name: 'Show on the map' })).toHaveAttribute(
				'type',
				'submit'
			);
			expect(screen.queryByRole('button', { name: 'Show practitioners' })).not.toBeInTheDocument();
		});

		it('asks how soon gatherings should be, and submits it as `within`', () => {
			render(PractitionerFilters, {
				action: '/map',
				filters: { withinDays: 30 },
				keep: mapView,
				collapsible: true
			});
			const select = screen.getByLabelText('Upcoming gatherings') as HTMLSelectElement;
			expect(select.selectedOptions[0]?.textContent?.trim()).toBe('In the next month');
			expect(submitted().get('within')).toBe('30');
			expect(parseFilters(submitted())).toMatchObject({ withinDays: 30 });
		});

		it('keeps the map’s view when the filters are submitted', () => {
			render(PractitionerFilters, {
				action: '/map',
				filters: { practices: ['crewing'] },
				keep: mapView,
				collapsible: true
			});
			const params = submitted();
			expect(params.get('lat')).toBe('52.09');
			expect(params.get('lng')).toBe('5.12');
			expect(params.get('z')).toBe('7');
			expect(params.get('layers')).toBe('practitioner,crew');
			expect(params.getAll('practice')).toEqual(['crewing']);
			expect(params.has('sort')).toBe(false);
			expect(params.has('near')).toBe(false);
		});

		describe('when filters are set', () => {
			const filters = { openTo: ['gatherings'], q: 'garden' };

			it('counts them in the summary and shows the fields', () => {
				render(PractitionerFilters, { action: '/map', filters, keep: mapView, collapsible: true });
				expect(disclosure().querySelector('summary')).toHaveTextContent(/^Filters \(2 active\)$/);
				expect(disclosure()).toHaveAttribute('open');
				expect(screen.getByLabelText('Name or interest')).toBeVisible();
				expect(screen.getByLabelText('Name or interest')).toHaveValue('garden');
			});

			it('offers to clear them while keeping the view', () => {
				render(PractitionerFilters, { action: '/map', filters, keep: mapView, collapsible: true });
				expect(screen.getByRole('link', { name: 'Clear filters' })).toHaveAttribute(
					'href',
					'/map?lat=52.09&lng=5.12&z=7&layers=practitioner%2Ccrew'
				);
				expect(screen.queryByRole('link', { name: 'Clear all' })).not.toBeInTheDocument();
			});

			it('links to the bare map when there is no view to keep', () => {
				render(PractitionerFilters, { action: '/map', filters, collapsible: true });
				expect(screen.getByRole('link', { name: 'Clear filters' })).toHaveAttribute('href', '/map');
			});
		});

		describe('when no filter is set', () => {
			it('folds the fields away under a summary without a count', () => {
				render(PractitionerFilters, {
					action: '/map',
					filters: {},
					keep: mapView,
					collapsible: true
				});
				expect(disclosure().querySelector('summary')).toHaveTextContent(/^Filters$/);
				expect(disclosure()).not.toHaveAttribute('open');
				expect(screen.getByLabelText('Name or interest')).not.toBeVisible();
				expect(
					screen.getByRole('button', { name: 'Show on the map', hidden: true })
				).not.toBeVisible();
			});

			it('has nothing to clear', () => {
				render(PractitionerFilters, {
					action: '/map',
					filters: {},
					keep: mapView,
					collapsible: true
				});
				expect(screen.queryByRole('link', { name: /^Clear/ })).not.toBeInTheDocument();
			});
		});
	});

	it('gives two forms on one page different element ids', () => {
		render(PractitionerFilters, {
			action: '/directory',
			filters: {},
			ordering: { sort: 'name', near: '' }
		});
		render(PractitionerFilters, { action: '/map', filters: {}, collapsible: true });
		const searches = screen.getAllByLabelText('Name or interest');
		expect(searches).toHaveLength(2);
		expect(searches[0].id).not.toBe(searches[1].id);
		const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
		expect(new Set(ids).size).toBe(ids.length);
		// Each label still names its own field.
		const speaks = screen.getAllByLabelText('Speaks');
		expect(speaks).toHaveLength(2);
		expect(speaks[0]).not.toBe(speaks[1]);
	});
});
