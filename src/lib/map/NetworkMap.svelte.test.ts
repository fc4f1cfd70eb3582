import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mapItem } from '$lib/map/factories';
import NetworkMap from './NetworkMap.svelte';

const items = [mapItem({ place_label: 'Utrecht, NL', lat: 52.09, lng: 5.12 })];

afterEach(() => {
	cleanup();
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

describe('NetworkMap', () => {
	describe('in a browser without WebGL 2', () => {
		it('says the map cannot be shown and points to the list', async () => {
			render(NetworkMap, { items });

			const map = screen.getByTestId('network-map');
			await waitFor(() => expect(map).toHaveAttribute('data-state', 'error'));
			expect(map).toHaveTextContent(/cannot show the interactive map/);
			expect(map).toHaveTextContent(/in the list on this page/);
			expect(map).toHaveAttribute('data-point-count', '0');
		});

		it('is a named region of the page', () => {
			render(NetworkMap, { items, label: 'Map of practitioners near you' });

			expect(screen.getByRole('region', { name: 'Map of practitioners near you' })).toBe(
				screen.getByTestId('network-map')
			);
		});
	});

	describe('with a notice about what it cannot draw here', () => {
		it('says it over the map, politely, as it appears', () => {
			render(NetworkMap, {
				items: [],
				notice: 'Too many people here to filter at this zoom: zoom in or clear a filter.'
			});

			const notice = within(screen.getByTestId('network-map')).getByText(
				'Too many people here to filter at this zoom: zoom in or clear a filter.'
			);
			expect(notice).toHaveAttribute('role', 'status');
		});

		it('says nothing without one', () => {
			render(NetworkMap, { items, notice: null });

			expect(screen.queryByText(/Too many people/)).not.toBeInTheDocument();
		});
	});

	describe('when WebGL 2 is advertised but no context can be created', () => {
		it('loads MapLibre lazily, then reports the missing WebGL instead of crashing', async () => {
			vi.stubGlobal('WebGL2RenderingContext', class {});
			vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
			vi.spyOn(console, 'error').mockImplementation(() => {});
			render(NetworkMap, { items });

			const map = screen.getByTestId('network-map');
			expect(map).toHaveAttribute('data-state', 'loading');
			expect(await screen.findByRole('status')).toHaveTextContent('Loading the map…');
			await waitFor(() => expect(map).toHaveAttribute('data-state', 'error'), { timeout: 10_000 });
			expect(map).toHaveTextContent(/cannot show the interactive map/);
		});
	});
});
