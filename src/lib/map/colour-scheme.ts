export type ColourScheme = 'light' | 'dark';

/** The media query that decides between the light and the dark map. */
export const DARK_SCHEME_QUERY = '(prefers-color-scheme: dark)';

/**
 * Calls `onchange` with the visitor's colour scheme now and whenever it changes; returns the
 * function that stops listening. jsdom, and some embedded browsers, have no matchMedia: light.
 */
export function followColourScheme(onchange: (scheme: ColourScheme) => void): () => void {
	const query = typeof window.matchMedia === 'function' ? matchMedia(DARK_SCHEME_QUERY) : null;
	onchange(query?.matches ? 'dark' : 'light');
	const listener = (event: MediaQueryListEvent) => onchange(event.matches ? 'dark' : 'light');
	query?.addEventListener('change', listener);
	return () => query?.removeEventListener('change', listener);
}
