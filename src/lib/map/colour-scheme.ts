export type ColourScheme = 'light' | 'dark';

/** The media query that decides between the light and the dark map. */
export const DARK_SCHEME_QUERY = '(prefers-color-scheme: dark)';
