/**
 * Where to go after signing in, if `value` is a path on this site. Anything else (another
 * origin, a protocol-relative `//host`, a backslash trick) is refused, so a sign-in link cannot
 * be turned into a redirect to somewhere else.
 */
export function safeNextPath(value: string | null | undefined): string | null {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
		return null;
	}
	// Browsers drop tabs and newlines from URLs, which can turn `/\t/host` into `//host`.
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(value)) return null;
	return value;
}
