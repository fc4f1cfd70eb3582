/**
 * What the app takes as text: no control characters and no bidirectional overrides or isolates,
 * wherever text comes in (the URL of every request in `hooks.server.ts`, and every form's fields
 * in its checks). One rule, written once, so a URL and a form refuse the same things.
 *
 * Why: PostgreSQL cannot store a NUL byte at all (a query holding one fails, which was a 500), and
 * the other control characters and the bidirectional controls are invisible: a name holding
 * U+202E (right-to-left override) renders reversed in every list and page title that shows it,
 * which lets someone pass for someone else. The database refuses the same characters in names
 * and short texts (check constraints named `…_plain_text`); the forms refuse them in every field
 * first, beside the field, keeping what was typed.
 *
 * Pure: used by the server and, through the forms' checks, by the browser.
 */

/**
 * C0 controls (U+0000–U+001F), DEL and the C1 controls (U+007F–U+009F). Tab, line feed and
 * carriage return are how multi-line fields break lines, so those fields take them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is what these are for
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/**
 * The invisible characters that turn text around: the bidirectional marks (U+061C, U+200E,
 * U+200F), embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069); and the line
 * and paragraph separators (U+2028, U+2029), which break a name over lines. The same set as the
 * database's `private.is_plain_line`; right-to-left scripts themselves are welcome.
 */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;

/** What a field says when its text holds one of them. */
export const PLAIN_TEXT_MESSAGE =
	'This holds an invisible control or text-direction character, perhaps pasted in with the text: type it again with plain letters.';

/** Whether text holds a character the app does not take; `multiline` text may break lines. */
export function hasForbiddenCharacters(text: string, { multiline = false } = {}): boolean {
	return (multiline ? CONTROL_BUT_LINE_BREAKS : CONTROL).test(text) || BIDI_CONTROL.test(text);
}

/**
 * The message for each field of a form whose text holds a character the app does not take. A
 * field of several values (a group of checkboxes) is wrong when any of its values is.
 */
export function plainTextErrors<Field extends string>(
	values: Record<Field, string | readonly string[]>,
	{ multiline = [] }: { multiline?: readonly NoInfer<Field>[] } = {}
): Partial<Record<Field, string>> {
	const errors: Partial<Record<Field, string>> = {};
	for (const field of Object.keys(values) as Field[]) {
		const value: string | readonly string[] = values[field];
		const texts = typeof value === 'string' ? [value] : value;
		const options = { multiline: multiline.includes(field) };
		if (texts.some((text) => hasForbiddenCharacters(text, options))) {
			errors[field] = PLAIN_TEXT_MESSAGE;
		}
	}
	return errors;
}

/**
 * What is wrong with a request's address, or null: its path and its query, decoded, must be
 * plain text. A path that does not decode is left to SvelteKit, which answers it with a 400.
 */
export function urlProblem(url: URL): string | null {
	let path: string;
	try {
		path = decodeURIComponent(url.pathname);
	} catch {
		path = url.pathname;
	}
	const query = [...url.searchParams].flat();
	if (hasForbiddenCharacters(path) || query.some((text) => hasForbiddenCharacters(text))) {
		return 'This address holds a control or text-direction character (such as a NUL byte), which no page here takes: remove it and try again.';
	}
	return null;
}
