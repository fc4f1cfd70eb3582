import { render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import MapLayout from './MapLayout.svelte';

const map = createRawSnippet(() => ({ render: () => '<div data-testid="map">The map</div>' }));
const list = createRawSnippet(() => ({ render: () => '<h2 id="in-view">In view (3)</h2>' }));

/**
 * Brings the map into view on a screen narrower than 56rem or not, for a visitor who asks for
 * reduced motion or not, and gives how the map's pane was scrolled.
 */
function bringMapIntoViewOn({ narrow, still = false }: { narrow: boolean; still?: boolean }) {
	const answers: Record<string, boolean> = {
		'(width < 56rem)': narrow,
		'(prefers-reduced-motion: reduce)': still
	};
	vi.stubGlobal('matchMedia', (query: string) => ({ matches: answers[query], media: query }));
	const { component } = render(MapLayout, { map, list });
	const scrollIntoView = vi.fn();
	screen.getByTestId('map').parentElement!.scrollIntoView = scrollIntoView;
	component.bringMapIntoView();
	return scrollIntoView.mock.calls;
}

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('MapLayout', () => {
	it('shows the map and its list, with a link past the map to the list', () => {
		render(MapLayout, { map, list });

		expect(screen.getByTestId('map')).toBeInTheDocument();
		expect(screen.getByRole('heading', { name: 'In view (3)' })).toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'Skip the map' })).toHaveAttribute('href', '#in-view');
	});

	describe('bringing the map into view', () => {
		it('scrolls the map to the top of a phone’s screen', () => {
			expect(bringMapIntoViewOn({ narrow: true })).toEqual([
				[{ block: 'start', behavior: 'smooth' }]
			]);
		});

		it('jumps there for visitors who ask for reduced motion', () => {
			expect(bringMapIntoViewOn({ narrow: true, still: true })).toEqual([
				[{ block: 'start', behavior: 'auto' }]
			]);
		});

		it('leaves a wide screen, where the map stays in view beside the list, as it is', () => {
			expect(bringMapIntoViewOn({ narrow: false })).toEqual([]);
		});
	});
});
