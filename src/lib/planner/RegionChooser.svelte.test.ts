import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RegionChooser from './RegionChooser.svelte';

const empty = { near: '', lat: '', lng: '', radiusKm: '', country: '', congregation: '' };
const lists = {
	countries: [
		{ code: 'BE', name: 'Belgium' },
		{ code: 'GB', name: 'United Kingdom' }
	],
	congregations: [{ id: '00000000-0000-4000-8000-000000000081', name: 'Ghent Congregation' }]
};

describe('RegionChooser', () => {
	it('offers a place and a radius, a country and a congregation, each a GET form to /plan', () => {
		render(RegionChooser, { values: empty, ...lists });

		for (const name of ['Around a place', 'A country', 'A congregation']) {
			const form = screen.getByRole('form', { name });
			expect(form).toHaveAttribute('method', 'GET');
			expect(form).toHaveAttribute('action', '/plan');
		}
		const place = screen.getByRole('form', { name: 'Around a place' });
		expect(within(place).getByRole('searchbox', { name: 'Town or city' })).toHaveAttribute(
			'name',
			'near'
		);
		expect(within(place).getByRole('spinbutton', { name: 'Radius in km' })).toHaveValue(100);
		expect(
			within(screen.getByRole('form', { name: 'A country' })).getByRole('option', {
				name: 'United Kingdom'
			})
		).toHaveValue('GB');
	});

	it('keeps what was chosen and says what is wrong beside the field', () => {
		render(RegionChooser, {
			values: { ...empty, near: 'Atlantis', radiusKm: '5000' },
			errors: {
				near: 'No place called “Atlantis” is known here: try the nearest town or city.',
				radiusKm: 'Give a radius in whole km, from 1 to 1000.'
			},
			...lists
		});

		const near = screen.getByRole('searchbox', { name: 'Town or city' });
		expect(near).toHaveValue('Atlantis');
		expect(near).toHaveAccessibleDescription(
			'No place called “Atlantis” is known here: try the nearest town or city. The middle of the region, such as Leeds.'
		);
		const radius = screen.getByRole('spinbutton', { name: 'Radius in km' });
		expect(radius).toHaveValue(5000);
		expect(radius).toHaveAttribute('aria-invalid', 'true');
	});

	it('says what to do when there is no congregation to choose', () => {
		render(RegionChooser, { values: empty, ...lists, congregations: [] });

		const form = screen.getByRole('form', { name: 'A congregation' });
		expect(form).toHaveTextContent('There is no congregation you can see yet.');
		expect(within(form).queryByRole('combobox')).not.toBeInTheDocument();
		expect(within(form).getByRole('link', { name: 'start a congregation' })).toHaveAttribute(
			'href',
			'/groups/new'
		);
	});
});
