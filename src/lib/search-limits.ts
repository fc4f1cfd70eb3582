/**
 * How long a search may be, for every search the app takes: words to find (`q`), a place to look
 * near (`near`, `/places?q=`, a form's place search) and languages (`language`). Longer ones
 * cannot match anything and only cost time: a 1,000-character place search took the database
 * 1.6 s, and 3,000 characters ran out of time (a 500). Each page and endpoint refuses them with a
 * 400 that says the limit, before anything reaches the database.
 *
 * Pure, so the browser's search boxes can say the same limits.
 */

export const SEARCH_LIMITS = {
	/** Words to find: longer than any name (80), gathering name (120 is the longest) or interest. */
	words: 100,
	/** A place's name: the longest in the gazetteer has 54 characters. */
	placeName: 100,
	/** One language's name, as profiles hold them (at most 40 characters). */
	language: 40,
	/** Languages in one search: a profile lists at most 10. */
	languages: 10
} as const;

/** A gazetteer id, as the place search offers them: `?near=2745912`. */
const PLACE_ID = /^\d{1,15}$/;

/** The parameters every search page and endpoint reads, and the limit of each. */
const LIMITED = [
	['q', SEARCH_LIMITS.words],
	['near', SEARCH_LIMITS.placeName],
	['language', SEARCH_LIMITS.language]
] as const;

/** Length in characters, as the database counts them (code points). */
function lengthOf(text: string): number {
	return [...text].length;
}

/** The message for a place search longer than any place's name, or null. */
export function placeSearchProblem(text: string): string | null {
	return lengthOf(text.trim()) > SEARCH_LIMITS.placeName
		? `A place name is at most ${SEARCH_LIMITS.placeName} characters long.`
		: null;
}

/**
 * What is wrong with the searches in a URL's parameters, or null: a search, a place name or a
 * language longer than its limit, or more languages than a profile holds.
 */
export function searchLimitProblem(params: URLSearchParams): string | null {
	for (const [name, limit] of LIMITED) {
		for (const value of params.getAll(name)) {
			const text = value.trim();
			if (name === 'near' && PLACE_ID.test(text)) continue;
			if (lengthOf(text) > limit) {
				return name === 'language'
					? `A language is at most ${limit} characters long.`
					: `${name === 'near' ? 'A place name' : 'A search'} (${name}) is at most ${limit} characters long.`;
			}
		}
	}
	if (params.getAll('language').length > SEARCH_LIMITS.languages) {
		return `Search for at most ${SEARCH_LIMITS.languages} languages at once.`;
	}
	return null;
}
