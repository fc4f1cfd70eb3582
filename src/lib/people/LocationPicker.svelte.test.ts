import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectRefused } from '../../../tests/support/fields';
import { place, utrechtFlorida } from './factories';
import LocationPicker from './LocationPicker.svelte';
import { PlaceLookupError } from './places';

const utrecht = place();
const utrechtse = place({ id: 2745909, name: 'Utrechtse Heuvelrug', population: 49000 });

afterEach(() => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

/** Types a query and runs the search as a keyboard user would: Enter in the search box. */
async function searchFor(query: string) {
	const box = screen.getByRole('searchbox', { name: 'Search for your town or city' });
	await fireEvent.input(box, { target: { value: query } });
	await fireEvent.keyDown(box, { key: 'Enter' });
	return box;
}

describe('LocationPicker', () => {
	it('credits GeoNames beside the place search', () => {
		render(LocationPicker);

		expect(screen.getByRole('link', { name: 'Places from GeoNames (CC BY 4.0)' })).toHaveAttribute(
			'href',
			'https://www.geonames.org/'
		);
	});

	describe('searching for a place', () => {
		it('lists the places found, with their country and population', async () => {
			const onsearch = vi.fn().mockResolvedValue([utrecht, utrechtFlorida()]);
			render(LocationPicker, { onsearch });

			await searchFor('Utrec');

			expect(onsearch).toHaveBeenCalledExactlyOnceWith('Utrec');
			const list = await screen.findByRole('list', { name: 'Places found' });
			expect(
				within(list)
					.getAllByRole('button')
					.map((button) => button.textContent?.trim())
			).toEqual(['Utrecht, Netherlands (population 290,529)', 'Utrecht, United States']);
			expect(screen.getByText('2 places found. Choose yours.')).toBeInTheDocument();
		});

		it('lets a keyboard user walk the results with the arrow keys and back to the box', async () => {
			render(LocationPicker, { onsearch: vi.fn().mockResolvedValue([utrecht, utrechtse]) });
			const box = await searchFor('Utrecht');
			const [first, second] = within(
				await screen.findByRole('list', { name: 'Places found' })
			).getAllByRole('button');

			await fireEvent.keyDown(box, { key: 'ArrowDown' });
			expect(first).toHaveFocus();
			await fireEvent.keyDown(first, { key: 'ArrowDown' });
			expect(second).toHaveFocus();
			await fireEvent.keyDown(second, { key: 'ArrowDown' });
			expect(second).toHaveFocus();
			await fireEvent.keyDown(second, { key: 'ArrowUp' });
			expect(first).toHaveFocus();
			await fireEvent.keyDown(first, { key: 'Escape' });
			expect(box).toHaveFocus();
		});

		it('takes the chosen place as the point, says so, and moves the focus to it', async () => {
			const onchange = vi.fn();
			render(LocationPicker, { onsearch: vi.fn().mockResolvedValue([utrecht]), onchange });
			await searchFor('Utrecht');
			const result = await screen.findByRole('button', { name: /Utrecht, Netherlands/ });

			// A button: Enter and Space choose it, as a click does.
			await fireEvent.click(result);

			expect(onchange).toHaveBeenCalledExactlyOnceWith({
				lat: 52.09083,
				lng: 5.12222,
				source: 'search'
			});
			expect(screen.queryByRole('list', { name: 'Places found' })).not.toBeInTheDocument();
			const summary = screen.getByText(/^Your point:/);
			expect(summary).toHaveTextContent(
				'Your point: 52.09083, 5.12222 (Utrecht, Netherlands), from the place search. Only you ever see it.'
			);
			expect(summary).toHaveFocus();
			expect(screen.getByLabelText('Latitude')).toHaveValue('52.09083');
			expect(screen.getByLabelText('Longitude')).toHaveValue('5.12222');
		});

		it('says when nothing matches, and what to try', async () => {
			render(LocationPicker, { onsearch: vi.fn().mockResolvedValue([]) });

			await searchFor('Xyzzy');

			expect(
				await screen.findByText(
					'No places found for “Xyzzy”. Check the spelling, try a bigger town nearby, or click the map.'
				)
			).toBeInTheDocument();
		});

		it('asks for more letters before searching', async () => {
			const onsearch = vi.fn();
			render(LocationPicker, { onsearch });

			await searchFor('U');

			expect(onsearch).not.toHaveBeenCalled();
			expect(screen.getByText('Type at least 2 letters of a place name.')).toBeInTheDocument();
		});

		it('passes on why the search failed', async () => {
			render(LocationPicker, {
				onsearch: vi.fn().mockRejectedValue(new PlaceLookupError('Too many searches: wait a bit.'))
			});

			await searchFor('Utrecht');

			expect(await screen.findByText('Too many searches: wait a bit.')).toBeInTheDocument();
		});
	});

	describe('without JavaScript', () => {
		it('submits the search, and each result, to the page’s form actions', () => {
			render(LocationPicker, { query: 'Utrecht', results: [utrecht] });

			expect(screen.getByRole('searchbox')).toHaveValue('Utrecht');
			expect(screen.getByRole('button', { name: 'Search places' })).toHaveAttribute(
				'formaction',
				'?/findPlace'
			);
			const result = screen.getByRole('button', { name: /Utrecht, Netherlands/ });
			expect(result).toHaveAttribute('type', 'submit');
			expect(result).toHaveAttribute('formaction', '?/usePlace');
			expect(result).toHaveAttribute('name', 'use_place');
			expect(result).toHaveAttribute('value', '52.09083,5.12222,Utrecht, Netherlands');
		});

		it('posts the point, where it came from and the place’s name with the form', () => {
			const { container } = render(LocationPicker, {
				lat: '52.09083',
				lng: '5.12222',
				source: 'search',
				placeName: 'Utrecht, Netherlands'
			});

			expect(screen.getByLabelText('Latitude')).toHaveAttribute('name', 'lat');
			expect(screen.getByLabelText('Longitude')).toHaveAttribute('name', 'lng');
			expect(container.querySelector('input[name="location_source"]')).toHaveValue('search');
			expect(container.querySelector('input[name="place_name"]')).toHaveValue(
				'Utrecht, Netherlands'
			);
		});
	});

	describe('"Use my location"', () => {
		function stubGeolocation(
			getCurrentPosition: (success: PositionCallback, failure: PositionErrorCallback) => void
		) {
			vi.stubGlobal('navigator', { ...navigator, geolocation: { getCurrentPosition } });
		}

		it('takes the device’s position, kept to about a metre', async () => {
			stubGeolocation((success) =>
				success({
					coords: { latitude: 52.0907123456, longitude: 5.1214987654 }
				} as GeolocationPosition)
			);
			const onchange = vi.fn();
			render(LocationPicker, { onchange });

			await fireEvent.click(screen.getByRole('button', { name: 'Use my location' }));

			expect(onchange).toHaveBeenCalledExactlyOnceWith({
				lat: 52.09071,
				lng: 5.1215,
				source: 'device'
			});
			expect(screen.getByText(/^Your point:/)).toHaveTextContent(
				'Your point: 52.09071, 5.1215, from your device.'
			);
		});

		it('explains what to do when the browser is not allowed to share it', async () => {
			stubGeolocation((_success, failure) =>
				failure({
					code: 1,
					PERMISSION_DENIED: 1,
					POSITION_UNAVAILABLE: 2,
					TIMEOUT: 3,
					message: 'User denied Geolocation'
				})
			);
			const onchange = vi.fn();
			render(LocationPicker, { onchange });

			await fireEvent.click(screen.getByRole('button', { name: 'Use my location' }));

			await waitFor(() =>
				expect(
					screen.getByText(
						'Your browser did not share your location: this site is not allowed to see it. Search for your town instead, or click the map. (You can allow it in your browser’s site settings.)'
					)
				).toBeInTheDocument()
			);
			expect(onchange).not.toHaveBeenCalled();
		});

		it('says when the device cannot work out where it is', async () => {
			stubGeolocation((_success, failure) =>
				failure({
					code: 2,
					PERMISSION_DENIED: 1,
					POSITION_UNAVAILABLE: 2,
					TIMEOUT: 3,
					message: ''
				})
			);
			render(LocationPicker);

			await fireEvent.click(screen.getByRole('button', { name: 'Use my location' }));

			expect(
				screen.getByText(
					'Your device could not work out where you are. Search for your town instead, or click the map.'
				)
			).toBeInTheDocument();
		});

		it('says when the browser has no geolocation at all', async () => {
			const { geolocation: _unused, ...withoutGeolocation } = navigator;
			void _unused;
			vi.stubGlobal('navigator', withoutGeolocation);
			render(LocationPicker);

			await fireEvent.click(screen.getByRole('button', { name: 'Use my location' }));

			expect(
				screen.getByText(
					'This browser cannot share your location. Search for your town instead, or click the map.'
				)
			).toBeInTheDocument();
		});
	});

	describe('typed coordinates', () => {
		it('count as a precise point, like a pin on the map', async () => {
			const onchange = vi.fn();
			render(LocationPicker, { onchange });

			await fireEvent.input(screen.getByLabelText('Latitude'), { target: { value: '52.1' } });
			await fireEvent.input(screen.getByLabelText('Longitude'), { target: { value: '5.2' } });
			await fireEvent.change(screen.getByLabelText('Longitude'));

			expect(onchange).toHaveBeenCalledExactlyOnceWith({ lat: 52.1, lng: 5.2, source: 'map' });
		});

		it('show their errors beside them', () => {
			render(LocationPicker, {
				lat: '91',
				lng: '5',
				errors: { lat: 'Latitude must be a number from -90 to 90, like 52.09.' }
			});

			expectRefused(screen.getByLabelText('Latitude'), {
				value: '91',
				error: 'Latitude must be a number from -90 to 90, like 52.09.'
			});
		});
	});

	it('has a map to click, which says what to do instead when it cannot be shown', async () => {
		render(LocationPicker);

		const map = screen.getByRole('region', { name: 'Map: click or drag the pin to where you are' });
		await waitFor(() => expect(map).toHaveAttribute('data-state', 'error'));
		expect(map).toHaveTextContent(/Search for your place, or enter coordinates, instead/);
	});
});
