/**
 * A date as people read it, "3 November 2026". Fixed locale and time zone, so the server's
 * render and the browser's hydration agree (and nobody's time zone is guessed at).
 */
export function formatDate(iso: string): string {
	return new Date(iso).toLocaleDateString('en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	});
}
