import type { AuthConfig } from './config.ts';

/**
 * Where sign-in links may send people: any URL on the site URL's own origin, or one matching an
 * entry of the allow list on exactly that entry's origin, its path matched as a glob. Anything
 * else falls back to the site URL, so a link can never be made to hand a code or a session to
 * someone else's site. Stricter than GoTrue's IsRedirectURLValid (supabase/auth
 * internal/utilities/request.go), which takes any port and scheme on the site URL's host and
 * matches allow-list globs across the whole URL: on a machine where anyone can open a port on
 * localhost, another port is someone else's site.
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

/** `scheme://host[:port]` at the start of an allow-list entry, before its path. */
const ORIGIN = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i;

/** Whether `target` matches an allow-list entry: the same origin, and its path and query as the glob says. */
function matchesEntry(target: URL, entry: string): boolean {
	const origin = ORIGIN.exec(entry)?.[0];
	if (!origin || parse(origin)?.origin !== target.origin) return false;
	const rest = target.href.slice(target.origin.length);
	return globToRegExp(entry.slice(origin.length) || '/').test(rest);
}

export function isAllowedRedirect(
	config: AuthConfig,
	candidate: string | null | undefined
): boolean {
	if (!candidate) return false;
	const target = parse(candidate);
	if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) return false;
	if (target.origin === parse(config.siteUrl)?.origin) return true;
	return config.additionalRedirectUrls.some((entry) => matchesEntry(target, entry));
}

/** The first allowed candidate, else the site URL. */
export function chooseRedirect(
	config: AuthConfig,
	...candidates: Array<string | null | undefined>
): string {
	return candidates.find((candidate) => isAllowedRedirect(config, candidate)) ?? config.siteUrl;
}
