import { render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import PinMap from './PinMap.svelte';

afterEach(() => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

describe('PinMap', () => {
	describe('in a browser without WebGL 2', () => {
		it('points to the place search and the coordinate fields instead', async () => {
			const onstatechange = vi.fn();
			render(PinMap, { pin: { lat: 52.09, lng: 5.12 }, onstatechange });

			const map = screen.getByTestId('pin-map');
			await waitFor(() => expect(map).toHaveAttribute('data-state', 'error'));
			expect(map).toHaveTextContent(
				'Your browser cannot show the map (it needs WebGL 2). Search for your place, or enter coordinates, instead.'
			);
			expect(onstatechange).toHaveBeenLastCalledWith('error');
		});
	});

	it('is a named region of the page', () => {
		render(PinMap, { pin: null, label: 'Where you are' });

		expect(screen.getByRole('region', { name: 'Where you are' })).toBe(
			screen.getByTestId('pin-map')
		);
	});

	describe('when WebGL 2 is advertised but no context can be created', () => {
		it('loads MapLibre lazily, then reports the missing WebGL instead of crashing', async () => {
			vi.stubGlobal('WebGL2RenderingContext', class {});
			vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
			vi.spyOn(console, 'error').mockImplementation(() => {});
			render(PinMap, { pin: null });

			const map = screen.getByTestId('pin-map');
			expect(await screen.findByRole('status')).toHaveTextContent('Loading the map…');
			await waitFor(() => expect(map).toHaveAttribute('data-state', 'error'), { timeout: 10_000 });
			expect(map).toHaveTextContent(/cannot show the map/);
		});
	});
});
