import type { AuthConfig } from './config.ts';

/**
 * Where sign-in links may send people, following GoTrue's IsRedirectURLValid
 * (supabase/auth internal/utilities/request.go): any URL on the site URL's host, or one
 * matching an entry of the allow list. Anything else falls back to the site URL, so a link
 * can never be made to hand tokens to someone else's site.
 */

const globCache = new Map<string, RegExp>();

/**
 * GoTrue matches allow-list entries as globs with '.' and '/' as separators: `*` stays within
 * one part, `**` crosses parts, `?` is one character. Everything else is literal.
 */
function globToRegExp(pattern: string): RegExp {
	const cached = globCache.get(pattern);
	if (cached) return cached;
	let source = '';
	for (let index = 0; index < pattern.length; index++) {
		const char = pattern[index];
		if (char === '*' && pattern[index + 1] === '*') {
			source += '.*';
			index++;
		} else if (char === '*') {
			source += '[^./]*';
		} else if (char === '?') {
			source += '[^./]';
		} else {
			source += char.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
		}
	}
	const expression = new RegExp(`^${source}$`);
	globCache.set(pattern, expression);
	return expression;
}

function parse(url: string): URL | null {
	try {
		return new URL(url);
	} catch {
		return null;
	}
}

export function isAllowedRedirect(
	config: AuthConfig,
	candidate: string | null | undefined
): boolean {
	if (!candidate) return false;
	const target = parse(candidate);
	if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) return false;
	const site = parse(config.siteUrl);
	if (site && site.hostname === target.hostname) return true;
	return config.additionalRedirectUrls.some((pattern) => globToRegExp(pattern).test(candidate));
}

/** The first allowed candidate, else the site URL. */
export function chooseRedirect(
	config: AuthConfig,
	...candidates: Array<string | null | undefined>
): string {
	return candidates.find((candidate) => isAllowedRedirect(config, candidate)) ?? config.siteUrl;
}
