/**
 * The headers every response of the app carries, besides the content security policy that
 * SvelteKit writes for pages (`kit.csp` in svelte.config.js, with a nonce per page), and the
 * attributes of the session cookies.
 */

/** The Supabase session cookies (`sb-<project>-auth-token`, and its `.0`, `.1`… chunks). */
const SESSION_COOKIE = /(?:^|;\s*)sb-[^=;]*-auth-token(?:\.\d+)?=/;

/**
 * Pages whose address is their only key (the email settings link in every notification email,
 * and an import invitation's link): private whoever opens them, with or without a session. The
 * private calendar feed says so itself (`calendarResponse`).
 */
const KEYED_BY_THEIR_ADDRESS = /^\/(?:email-settings|join)\//;

/**
 * Whether a response may hold someone's private data, so no cache may keep it: anything answered
 * to a request with a session (what a signed-in person sees depends on who they are: their exact
 * point on `/me`, their inbox, members-only groups, even the map), anything that sets a cookie,
 * and the pages keyed by their address.
 */
export function isPrivateResponse(request: Request, url: URL, response: Response): boolean {
	return (
		SESSION_COOKIE.test(request.headers.get('cookie') ?? '') ||
		response.headers.has('set-cookie') ||
		KEYED_BY_THEIR_ADDRESS.test(url.pathname)
	);
}

/**
 * The response with the headers that apply to everything:
 * - `X-Content-Type-Options: nosniff`: a browser takes each response as the type it says it is,
 *   so text someone wrote can never run as a script or a style;
 * - `X-Frame-Options: DENY`: no other site may frame a page (the CSP's `frame-ancestors 'none'`
 *   says the same to browsers that read it; this is for those that do not, and for endpoints);
 * - `Referrer-Policy: strict-origin-when-cross-origin`: a link to another site tells it only this
 *   site's origin, never the path, which for the private calendar feed and the email settings link
 *   holds a secret. Not `no-referrer`: that also makes browsers send `Origin: null` with form
 *   posts, which the cross-site post check (csrf.ts) would then refuse;
 * - `Cache-Control: private, no-store` on every private response (see isPrivateResponse), unless
 *   it says itself that it is public, the same for everyone (the basemap, the public calendar
 *   feed): a shared cache must never hand one person's page to another, and the browser need not
 *   keep it on disk.
 */
export function withSecurityHeaders(response: Response, { isPrivate }: { isPrivate: boolean }) {
	const secured = mutable(response);
	secured.headers.set('x-content-type-options', 'nosniff');
	secured.headers.set('x-frame-options', 'DENY');
	secured.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	const declaredPublic = /^\s*public\b/i.test(secured.headers.get('cache-control') ?? '');
	if (isPrivate && !declaredPublic) secured.headers.set('cache-control', 'private, no-store');
	return secured;
}

/** A response whose headers can be changed (one passed on from `fetch` has immutable headers). */
function mutable(response: Response): Response {
	try {
		response.headers.set('x-content-type-options', 'nosniff');
		return response;
	} catch {
		return new Response(response.body, response);
	}
}

/**
 * The attributes of the session cookies, whatever `@supabase/ssr` asks for:
 * - `HttpOnly`: only the server reads them. The app has no browser-side Supabase client (every
 *   query and sign-in runs on the server, in `hooks.server.ts` and the form actions), so no script
 *   needs them, and a script injected into a page could not read the session;
 * - `Secure` when the site is served over https (adapter-node's `ORIGIN`, or the address the
 *   request came to): the browser then never sends them over plain http. Not over http, where a
 *   browser would drop a Secure cookie (local development, the tests);
 * - `SameSite=Lax` and the whole site as their path, as `@supabase/ssr` sets them.
 */
export function sessionCookieAttributes(url: URL) {
	return {
		path: '/',
		httpOnly: true,
		secure: url.protocol === 'https:',
		sameSite: 'lax'
	} as const;
}
