import { render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import BaseMap from './BaseMap.svelte';

const messages = {
	noWebGl: 'No WebGL 2 here: use the list.',
	loadFailed: 'The map failed: use the list.',
	noScript: 'No JavaScript: use the list.'
};

function props(overrides: Record<string, unknown> = {}) {
	return {
		testid: 'test-map',
		label: 'A test map',
		view: { center: [5.12, 52.09] as [number, number], zoom: 4 },
		withLayers: vi.fn((style) => style),
		messages,
		height: '20rem',
		minHeight: '10rem',
		...overrides
	};
}

afterEach(() => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

describe('BaseMap', () => {
	it('is a named region carrying its test id, its state and the attributes it is given', () => {
		render(BaseMap, props({ 'data-point-count': 7 }));

		const map = screen.getByRole('region', { name: 'A test map' });
		expect(map).toBe(screen.getByTestId('test-map'));
		expect(map).toHaveAttribute('data-point-count', '7');
		expect(map).toHaveStyle({ height: '20rem', minHeight: '10rem' });
	});

	describe('in a browser without WebGL 2', () => {
		it('says so with the message it is given, and reports the error', async () => {
			const onstatechange = vi.fn();
			const oncreate = vi.fn();
			render(BaseMap, props({ onstatechange, oncreate }));

			const map = screen.getByTestId('test-map');
			await waitFor(() => expect(map).toHaveAttribute('data-state', 'error'));
			expect(map).toHaveTextContent('No WebGL 2 here: use the list.');
			expect(onstatechange).toHaveBeenLastCalledWith('error');
			expect(oncreate).not.toHaveBeenCalled();
		});
	});
});
