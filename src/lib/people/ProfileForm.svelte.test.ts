import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { place, utrechtLabels } from './factories';
import ProfileForm from './ProfileForm.svelte';
import { EMPTY_PROFILE_FORM, type ProfileFormValues } from './validation';

function values(overrides: Partial<ProfileFormValues> = {}): ProfileFormValues {
	return { ...EMPTY_PROFILE_FORM, display_name: 'Ada Fernhill', ...overrides };
}

/** The form's fields as the browser would post them. */
function posted(): FormData {
	return new FormData(document.querySelector('form')!);
}

const HOME_WARNING = /neighbourhood precision shows roughly which streets you live near/;

describe('ProfileForm', () => {
	it('is a real form, with a name on every field', () => {
		render(ProfileForm, {
			values: values({
				bio: 'Hosting a crew',
				lat: '52.09',
				lng: '5.12',
				practices: ['crewing'],
				pathway_stage: 'hosting',
				open_to: ['mentoring'],
				interests: 'choirs, gardening',
				offers: 'Soup',
				website: 'https://ada.example.org'
			})
		});

		expect(screen.getByRole('button', { name: 'Save', hidden: false })).toHaveAttribute(
			'type',
			'submit'
		);
		expect(document.querySelector('form')).toHaveAttribute('action', '?/save');
		const form = posted();
		expect(form.get('display_name')).toBe('Ada Fernhill');
		expect(form.get('bio')).toBe('Hosting a crew');
		expect(form.get('lat')).toBe('52.09');
		expect(form.get('lng')).toBe('5.12');
		expect(form.get('precision')).toBe('area');
		expect(form.get('visibility')).toBe('members');
		expect(form.getAll('practices')).toEqual(['crewing']);
		expect(form.get('pathway_stage')).toBe('hosting');
		expect(form.getAll('open_to')).toEqual(['mentoring']);
		expect(form.get('interests')).toBe('choirs, gardening');
		expect(form.get('offers')).toBe('Soup');
		expect(form.get('website')).toBe('https://ada.example.org');
		for (const name of ['needs', 'pronouns', 'languages', 'discord_handle', 'place_query']) {
			expect(form.get(name)).toBe('');
		}
	});

	it('starts a new profile at members and area', () => {
		render(ProfileForm, { values: EMPTY_PROFILE_FORM });

		expect(screen.getByRole('radio', { name: 'Members' })).toBeChecked();
		expect(screen.getByRole('radio', { name: 'Area' })).toBeChecked();
		expect(screen.getByRole('radio', { name: 'Rather not say' })).toBeChecked();
	});

	it('explains each precision and pathway stage in a line', () => {
		render(ProfileForm, { values: values() });

		expect(screen.getByRole('radio', { name: 'Neighbourhood' })).toHaveAccessibleDescription(
			'Within about 1 km. Close enough to tell roughly which streets you live near.'
		);
		expect(screen.getByRole('radio', { name: 'Weaving' })).toHaveAccessibleDescription(
			'Connecting hosts and groups across the wider network.'
		);
	});

	describe('after a refused submit', () => {
		const typed = values({
			display_name: '',
			bio: 'x'.repeat(300),
			lat: '52.09',
			lng: 'east',
			location_source: 'map',
			precision: 'town',
			visibility: 'public',
			interests: 'choirs',
			practices: ['facilitation', 'mentoring'],
			pathway_stage: 'practising',
			open_to: ['gatherings'],
			offers: 'Soup\nBike repair',
			needs: 'A lift',
			pronouns: 'she/her',
			languages: 'Dutch',
			website: 'ada.example.org',
			discord_handle: 'ada'
		});
		const errors = {
			display_name: 'Enter your name, or the name you go by.',
			bio: 'The line about yourself can be at most 280 characters long (it has 300).',
			lng: 'Longitude must be a number from -180 to 180, like 5.12.',
			website: 'Start the website address with https://, like https://example.org.'
		};

		it('keeps everything that was typed', () => {
			render(ProfileForm, { values: typed, errors });

			const form = posted();
			for (const [name, value] of Object.entries(typed)) {
				if (Array.isArray(value)) expect(form.getAll(name)).toEqual(value);
				else if (name !== 'place_name') expect(form.get(name)).toBe(value);
			}
		});

		it('says what is wrong beside each field it is about', () => {
			render(ProfileForm, { values: typed, errors });

			const name = screen.getByRole('textbox', { name: 'Your name' });
			expect(name).toBeInvalid();
			expect(name).toHaveAccessibleDescription(
				'Enter your name, or the name you go by. The name people in the network know you by.'
			);
			expect(
				screen.getByRole('textbox', { name: 'One line about yourself' })
			).toHaveAccessibleDescription(
				expect.stringContaining('at most 280 characters long (it has 300)')
			);
			expect(screen.getByRole('textbox', { name: 'Longitude' })).toHaveAccessibleDescription(
				'Longitude must be a number from -180 to 180, like 5.12.'
			);
			expect(screen.getByRole('textbox', { name: 'Website' })).toHaveAccessibleDescription(
				expect.stringContaining('Start the website address with https://')
			);
			expect(screen.getByRole('textbox', { name: 'Pronouns' })).not.toBeInvalid();
		});

		it('sums the problems up at the top, linked to their fields, and focuses the summary', async () => {
			render(ProfileForm, { values: typed, errors });

			const summary = screen.getByRole('alert');
			expect(within(summary).getByRole('heading')).toHaveTextContent('Your profile was not saved');
			const links = within(summary).getAllByRole('link');
			expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
				['Enter your name, or the name you go by.', '#display-name'],
				['The line about yourself can be at most 280 characters long (it has 300).', '#bio'],
				['Longitude must be a number from -180 to 180, like 5.12.', '#location-lng'],
				['Start the website address with https://, like https://example.org.', '#website']
			]);
			for (const link of links) {
				expect(document.querySelector(link.getAttribute('href')!)).not.toBeNull();
			}
			await waitFor(() => expect(summary).toHaveFocus());
		});

		it('shows a problem with the submit itself without a link', () => {
			render(ProfileForm, {
				values: values(),
				errors: { form: 'The database is not answering. Nothing was saved; try again.' }
			});

			expect(screen.getByRole('alert')).toHaveTextContent(
				'The database is not answering. Nothing was saved; try again.'
			);
			expect(within(screen.getByRole('alert')).queryByRole('link')).not.toBeInTheDocument();
		});
	});

	describe('the audience preview', () => {
		it('follows the precision and visibility as they are chosen', async () => {
			render(ProfileForm, {
				values: values({ lat: '52.0907', lng: '5.1214', location_source: 'search' }),
				placeLabels: utrechtLabels()
			});
			const preview = screen.getByRole('region', { name: 'Who sees what' });
			expect(preview).toHaveTextContent("Strangers don't see you at all");
			expect(preview).toHaveTextContent('Members see: a dot somewhere in the Utrecht area, NL');

			await fireEvent.click(screen.getByRole('radio', { name: 'Everyone' }));
			await fireEvent.click(screen.getByRole('radio', { name: 'Town' }));

			expect(preview).toHaveTextContent('Strangers see: a dot somewhere in the Utrecht area, NL');
			expect(preview).toHaveTextContent('Members see: a dot near Utrecht, NL');
		});

		it('looks up the labels for a newly chosen place', async () => {
			const onlabels = vi.fn().mockResolvedValue(utrechtLabels());
			render(ProfileForm, {
				values: values(),
				onsearch: vi.fn().mockResolvedValue([place()]),
				onlabels
			});
			const preview = screen.getByRole('region', { name: 'Who sees what' });
			expect(preview).toHaveTextContent('Members see: your profile, but not on the map');

			const box = screen.getByRole('searchbox', { name: 'Search for your town or city' });
			await fireEvent.input(box, { target: { value: 'Utrecht' } });
			await fireEvent.keyDown(box, { key: 'Enter' });
			await fireEvent.click(await screen.findByRole('button', { name: /Utrecht, Netherlands/ }));

			expect(onlabels).toHaveBeenCalledExactlyOnceWith({ lat: 52.09083, lng: 5.12222 });
			await waitFor(() =>
				expect(preview).toHaveTextContent('Members see: a dot somewhere in the Utrecht area, NL')
			);
		});
	});

	describe('the home-address warning', () => {
		it('warns about a point placed on the map at neighbourhood precision', async () => {
			render(ProfileForm, {
				values: values({ lat: '52.0907', lng: '5.1214', location_source: 'map' }),
				placeLabels: utrechtLabels()
			});
			expect(screen.queryByText(HOME_WARNING)).not.toBeInTheDocument();

			await fireEvent.click(screen.getByRole('radio', { name: 'Neighbourhood' }));

			expect(screen.getByText(HOME_WARNING)).toHaveTextContent(
				'Is this your home? Your point was placed by hand, and neighbourhood precision shows roughly which streets you live near. Unless you want that, choose Town or Area.'
			);

			await fireEvent.click(screen.getByRole('radio', { name: 'Town' }));

			expect(screen.queryByText(HOME_WARNING)).not.toBeInTheDocument();
		});

		it('warns about a point from the device', () => {
			render(ProfileForm, {
				values: values({
					lat: '52.0907',
					lng: '5.1214',
					location_source: 'device',
					precision: 'neighbourhood'
				})
			});

			expect(screen.getByText(HOME_WARNING)).toHaveTextContent('Your point came from your device');
		});

		it('does not warn about a place chosen from the search', () => {
			render(ProfileForm, {
				values: values({
					lat: '52.09083',
					lng: '5.12222',
					location_source: 'search',
					precision: 'neighbourhood'
				})
			});

			expect(screen.queryByText(HOME_WARNING)).not.toBeInTheDocument();
		});

		it('does not warn before a point is chosen', () => {
			render(ProfileForm, { values: values({ precision: 'neighbourhood' }) });

			expect(screen.queryByText(HOME_WARNING)).not.toBeInTheDocument();
		});
	});
});
