import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RadarView from './RadarView.svelte';
import { parseChosenPeople, startCrewPath, type CrewRadar } from './radar';

const noor = {
	id: '00000000-0000-4000-8000-000000000031',
	display_name: 'Noor Haddad',
	place_label: 'near Ghent, BE'
};
const bram = {
	id: '00000000-0000-4000-8000-000000000032',
	display_name: 'Bram Oakes',
	place_label: 'near Ghent, BE'
};
const lena = {
	id: '00000000-0000-4000-8000-000000000033',
	display_name: 'Lena Vos',
	place_label: 'Ghent area, BE'
};

const radar: CrewRadar = {
	radius_km: 25,
	place_label: 'near Ghent, BE',
	total: 3,
	cells: [
		{ cell: '1202020', lat: 51.05, lng: 3.72, place_label: 'near Ghent, BE', count: 1 },
		{ cell: '1202021', lat: 51.1, lng: 3.8, place_label: 'Ghent area, BE', count: 1 },
		{ cell: '1202022', lat: 51.04, lng: 3.7, place_label: 'near Ghent, BE', count: 1 }
	],
	people: [noor, bram, lena]
};

describe('RadarView', () => {
	it('says how many are within the radius of the visitor’s place', () => {
		render(RadarView, { radar });

		expect(screen.getByTestId('radar-total')).toHaveTextContent(
			'3 people open to crewing are within 25 km of you (near Ghent, BE).'
		);
	});

	it('lists the counts by place name, the map’s equivalent, beside the map', () => {
		render(RadarView, { radar });

		const places = screen.getByRole('list', { name: 'People open to crewing, by place' });
		expect(
			within(places)
				.getAllByRole('listitem')
				.map((item) => item.textContent)
		).toEqual(['near Ghent, BE: 2 people', 'Ghent area, BE: 1 person']);
		expect(
			screen.getByRole('region', {
				name: 'Map of the people open to crewing near you, counted by place'
			})
		).toBeInTheDocument();
	});

	it('lists the people with a checkbox each, and posts the chosen ones to start a crew', async () => {
		render(RadarView, { radar });

		const people = screen.getByRole('group', { name: 'People open to crewing within 25 km' });
		expect(within(people).getAllByRole('checkbox')).toHaveLength(3);
		await fireEvent.click(within(people).getByRole('checkbox', { name: 'Noor Haddad' }));
		await fireEvent.click(within(people).getByRole('checkbox', { name: 'Lena Vos' }));

		const start = screen.getByRole('button', { name: 'Start a crew with these people' });
		const form = start.closest('form')!;
		expect(form).toHaveAttribute('action', '?/startCrew');
		const chosen = parseChosenPeople(new FormData(form));
		expect(chosen).toEqual({ ids: [noor.id, lena.id] });
		expect(startCrewPath([noor.id, lena.id])).toBe(`/groups/new?invite=${noor.id},${lena.id}`);
	});

	it('keeps who was chosen and says why, when starting a crew was refused', () => {
		const everyone = Array.from({ length: 8 }, (_, i) => ({
			...noor,
			id: `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`,
			display_name: `Person ${i}`
		}));
		render(RadarView, {
			radar: { ...radar, total: 8, people: everyone },
			chosen: everyone.map((person) => person.id),
			startError: 'A crew is 3 to 8 people: choose at most 7 to invite (you make the 8th).'
		});

		const people = screen.getByRole('group', { name: /^People open to crewing/ });
		expect(people).toHaveTextContent('choose at most 7 to invite');
		expect(within(people).getAllByRole('checkbox', { checked: true })).toHaveLength(8);
	});

	describe('when nobody is near', () => {
		it('says so and what to do next, with no map and no list', () => {
			render(RadarView, { radar: { ...radar, total: 0, cells: [], people: [] } });

			expect(screen.getByTestId('radar-total')).toHaveTextContent(
				'Nobody else open to crewing is within 25 km of you (near Ghent, BE) yet.'
			);
			expect(screen.getByText(/Try a larger radius, or add an alert/)).toBeInTheDocument();
			expect(screen.queryByRole('region')).not.toBeInTheDocument();
			expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
		});
	});
});
