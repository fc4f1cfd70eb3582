import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { place } from '$lib/people/factories';
import { expectRefused } from '../../../tests/support/fields';
import GroupForm from './GroupForm.svelte';
import { EMPTY_GROUP_FORM, type GroupFormValues } from './group-form';

function values(overrides: Partial<GroupFormValues> = {}): GroupFormValues {
	return { ...EMPTY_GROUP_FORM, name: 'Ghent Parents Crew', ...overrides };
}

/** The form's fields as the browser would post them. */
function posted(): FormData {
	return new FormData(document.querySelector('form')!);
}

const congregations = [{ id: '00000000-0000-4000-a000-000000000001', name: 'Scheldt Valley' }];

describe('GroupForm', () => {
	it('is a real form, with a name on every field', () => {
		render(GroupForm, {
			values: values({
				purpose: 'Parents supporting each other.',
				rhythm: 'every other Tuesday',
				commitment: '6 weeks, then we review',
				languages: 'Dutch, English',
				lat: '51.0543',
				lng: '3.7174'
			}),
			congregations
		});

		expect(document.querySelector('form')).toHaveAttribute('action', '?/save');
		expect(Object.fromEntries(posted())).toEqual({
			kind: 'crew',
			name: 'Ghent Parents Crew',
			purpose: 'Parents supporting each other.',
			meeting_mode: 'in_person',
			rhythm: 'every other Tuesday',
			commitment: '6 weeks, then we review',
			languages: 'Dutch, English',
			place_query: '',
			lat: '51.0543',
			lng: '3.7174',
			location_source: '',
			place_name: '',
			status: 'forming',
			size_limit: '6',
			visibility: 'members',
			congregation_id: ''
		});
	});

	it('starts a new group forming or open', () => {
		render(GroupForm, { values: values() });
		const status = screen.getByRole('group', { name: 'Status' });
		expect(
			within(status)
				.getAllByRole('radio')
				.map((radio) => radio.getAttribute('value'))
		).toEqual(['forming', 'open']);
	});

	it('keeps a group’s kind when it is changed, offering every status a host chooses', () => {
		render(GroupForm, {
			values: values({ status: 'paused' }),
			editing: { kind: 'crew', areaCell: '1202021230300' }
		});
		expect(screen.queryByRole('group', { name: 'Kind of group' })).not.toBeInTheDocument();
		expect(screen.getByText('A crew: a group keeps its kind.')).toBeInTheDocument();
		const status = screen.getByRole('group', { name: 'Status' });
		expect(
			within(status)
				.getAllByRole('radio')
				.map((radio) => radio.getAttribute('value'))
		).toEqual(['forming', 'open', 'paused', 'closed']);
		expect(within(status).getByRole('radio', { name: 'Paused' })).toBeChecked();
		expect(screen.queryByLabelText('Part of a congregation')).not.toBeInTheDocument();
	});

	it('offers a crew a congregation to ask, and a congregation none', async () => {
		render(GroupForm, { values: values(), congregations });
		const select = screen.getByRole('combobox', { name: 'Part of a congregation' });
		expect(select).toHaveAccessibleDescription(
			'Its hosts are asked; the crew joins when they accept.'
		);

		await fireEvent.click(screen.getByRole('radio', { name: 'Congregation' }));
		expect(
			screen.queryByRole('combobox', { name: 'Part of a congregation' })
		).not.toBeInTheDocument();
	});

	it('explains the size limit of each kind, and offers one that fits when the kind changes', async () => {
		render(GroupForm, { values: values() });
		const size = screen.getByRole('textbox', { name: 'Size limit' });
		expect(size).toHaveAccessibleDescription('A crew is 3 to 8 people, hosts included.');

		await fireEvent.click(screen.getByRole('radio', { name: 'Congregation' }));
		expect(size).toHaveValue('');
		expect(size).toHaveAccessibleDescription('9 or more, or leave it empty for no limit.');

		await fireEvent.click(screen.getByRole('radio', { name: 'Crew' }));
		expect(size).toHaveValue('6');
	});

	describe('after a refused submit', () => {
		const typed = values({
			name: '',
			purpose: 'Parents of toddlers',
			size_limit: '12',
			rhythm: 'weekly',
			languages: 'Dutch',
			visibility: 'public',
			lat: '51.0543',
			lng: 'east'
		});
		const errors = {
			name: 'Give the group a name, like “Ghent Parents Crew”.',
			size_limit: 'A crew is 3 to 8 people: choose a size limit from 3 to 8.',
			lng: 'Longitude must be a number from -180 to 180, like 5.12.'
		};

		it('keeps everything that was typed', () => {
			render(GroupForm, { values: typed, errors });
			const form = posted();
			for (const [name, value] of Object.entries(typed)) {
				if (name !== 'congregation_id') expect(form.get(name)).toBe(value);
			}
		});

		it('says what is wrong beside each field it is about', () => {
			render(GroupForm, { values: typed, errors });
			expectRefused(screen.getByRole('textbox', { name: 'Name' }), {
				value: '',
				error: expect.stringContaining(errors.name)
			});
			expectRefused(screen.getByRole('textbox', { name: 'Size limit' }), {
				value: '12',
				error: expect.stringContaining(errors.size_limit)
			});
			expectRefused(screen.getByRole('textbox', { name: 'Longitude' }), {
				value: 'east',
				error: errors.lng
			});
			expect(screen.getByRole('textbox', { name: 'How often' })).not.toBeInvalid();
		});

		it('sums the problems up at the top, linked to their fields, and focuses the summary', async () => {
			render(GroupForm, { values: typed, errors });
			const summary = screen.getByRole('alert');
			expect(within(summary).getByRole('heading')).toHaveTextContent('The group was not started');
			const links = within(summary).getAllByRole('link');
			expect(links.map((link) => link.getAttribute('href'))).toEqual([
				'#group-name',
				'#size-limit',
				'#location-lng'
			]);
			for (const link of links) {
				expect(document.querySelector(link.getAttribute('href')!)).not.toBeNull();
			}
			await waitFor(() => expect(summary).toHaveFocus());
		});

		it('shows the database’s refusal of the whole group above the form', () => {
			render(GroupForm, {
				values: values(),
				errors: { form: 'You have sent 5 new groups in the last 24 hours, the most we allow.' },
				editing: { kind: 'crew', areaCell: '1202021230300' }
			});
			const summary = screen.getByRole('alert');
			expect(within(summary).getByRole('heading')).toHaveTextContent('Your changes were not saved');
			expect(summary).toHaveTextContent('You have sent 5 new groups in the last 24 hours');
		});
	});

	it('finds the meeting place like a person’s, and says only its square is published', async () => {
		const onsearch = vi.fn().mockResolvedValue([place()]);
		render(GroupForm, { values: values(), onsearch });
		const box = screen.getByRole('searchbox', {
			name: 'Search for the town where the group meets'
		});
		await fireEvent.input(box, { target: { value: 'Utrecht' } });
		await fireEvent.keyDown(box, { key: 'Enter' });
		await fireEvent.click(await screen.findByRole('button', { name: /Utrecht, Netherlands/ }));

		expect(onsearch).toHaveBeenCalledExactlyOnceWith('Utrecht');
		expect(posted().get('lat')).toBe('52.09083');
		expect(screen.getByText(/^Meeting point: 52.09083, 5.12222/)).toHaveTextContent(
			'Only the square around it, about 5 km across, is published.'
		);
	});
});
