/**
 * Which form posts come from another site and are refused. SvelteKit refuses them all itself; the
 * app turns that off (`csrf.trustedOrigins: ['*']` in svelte.config.js) to make the same check in
 * `hooks.server.ts` with one exception: the email settings link, which a mail program posts to
 * from its own servers when someone presses its "unsubscribe" button (RFC 8058, one-click
 * unsubscribe). That page needs no session, only the secret token in its address, so a forged post
 * from another site could change nothing its sender could not change by opening the link. The
 * same goes for declining an import invitation (`/join/<token>/decline`), which the invitation's
 * own "unsubscribe" header posts to.
 */

/** The content types a plain HTML form can send, so a forged cross-site post can use. */
const FORM_CONTENT_TYPES = [
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain'
];
const CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The one-click links: `/email-settings/<token>` and `/join/<token>/decline`. */
const POSTABLE_FROM_ANYWHERE = /^\/(?:email-settings\/[^/]+|join\/[^/]+\/decline)\/?$/;

/** A request's media type, without parameters, in lower case: '' when it says none. */
export function mediaTypeOf(request: Request): string {
	return request.headers.get('content-type')?.split(';')[0].trim().toLowerCase() ?? '';
}

/** Whether to refuse this request as a form post from another site, as SvelteKit would. */
export function isForbiddenCrossSitePost(request: Request, url: URL): boolean {
	if (!CHANGING_METHODS.has(request.method)) return false;
	if (!FORM_CONTENT_TYPES.includes(mediaTypeOf(request))) return false;
	if (request.headers.get('origin') === url.origin) return false;
	return !POSTABLE_FROM_ANYWHERE.test(url.pathname);
}
