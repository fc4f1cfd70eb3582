/**
 * The directory's place in its keyset paging, as its links carry it: the `directory_list`
 * database function's cursor (a JSON text it alone reads) in base64url, so that `?after=` is
 * short, plain in a URL, and clearly not something to edit. Pure, with exact-value tests.
 */

/**
 * Longer than any cursor the database gives (a name of at most 80 characters, an id, a time
 * and the place a distance is measured from): anything longer was not made here, and is refused
 * before the database.
 */
export const MAX_CURSOR_PARAM_LENGTH = 1000;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The `?after=` value for a cursor `directory_list` gave as `next`. */
export function cursorParam(cursor: string): string {
	const bytes = new TextEncoder().encode(cursor);
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * The cursor in an `?after=` value, to pass back to `directory_list`; null when the value cannot
 * be one (not base64url, too long, not UTF-8). What it holds is for the database to judge.
 */
export function cursorFromParam(param: string): string | null {
	if (param.length > MAX_CURSOR_PARAM_LENGTH || !BASE64URL.test(param)) return null;
	try {
		const binary = atob(param.replaceAll('-', '+').replaceAll('_', '/'));
		const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return null;
	}
}
