import { error, text, type Handle, type HandleServerError } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { urlProblem } from '$lib/plain-text';
import { compressResponse } from '$lib/server/compression';
import { isForbiddenCrossSitePost } from '$lib/server/csrf';
import { formWithNul } from '$lib/server/form-bytes';
import { isSuspensionRefusal } from '$lib/server/query-error';
import { isPrivateResponse, withSecurityHeaders } from '$lib/server/security-headers';
import { createRequestClient } from '$lib/server/supabase';
import { answerUnavailable, unavailableError } from '$lib/server/unavailable';

export const handle: Handle = async ({ event, resolve }) => {
	// SvelteKit's own check, made here so that one page can be posted to from a mail program. Like
	// SvelteKit's, not in development.
	if (!dev && isForbiddenCrossSitePost(event.request, event.url)) {
		return text(`Cross-site ${event.request.method} form submissions are forbidden`, {
			status: 403
		});
	}
	// Bad bytes are refused before anything reads them: a NUL byte reaching the database was a 500.
	const badAddress = urlProblem(event.url);
	if (badAddress) error(400, badAddress);
	if (await formWithNul(event.request)) {
		error(400, 'The form holds a NUL byte, which no field takes: nothing was saved.');
	}

	// Sign-in limits count the visitor's address, not the server's (see auth-forwarding.ts).
	event.locals.supabase = createRequestClient(event);

	// The session in the cookie is only a claim: getUser() asks the auth server to verify it.
	const {
		data: { session }
	} = await event.locals.supabase.auth.getSession();
	if (session) {
		const { data, error } = await event.locals.supabase.auth.getUser();
		event.locals.user = error ? null : data.user;
		event.locals.session = error ? null : session;
	} else {
		event.locals.user = null;
		event.locals.session = null;
	}

	const resolved = await resolve(event, {
		filterSerializedResponseHeaders: (name) =>
			name === 'content-range' || name === 'x-supabase-api-version'
	});
	// A suspended person's write, refused by the database, is not the server's failure: 403; a
	// 500 because Supabase could not be reached is a 503 with Retry-After.
	const refused =
		event.locals.refusedAsSuspended && resolved.status === 500
			? new Response(resolved.body, { status: 403, headers: resolved.headers })
			: answerUnavailable(event, resolved);
	const response = withSecurityHeaders(refused, {
		isPrivate: isPrivateResponse(event.request, event.url, refused)
	});
	// A load's `fetch` of the app's own routes reads the body as it is: gzip only what leaves.
	return event.isSubRequest ? response : compressResponse(event.request, response);
};

/**
 * Unexpected errors are logged and shown as "Something went wrong". Two are expected, though: a
 * suspended person's write the database refuses (42501, "Your account is suspended…"), which the
 * error page says as the database wrote it (forms that call the database's functions show it
 * beside the button instead); and an outage of Supabase, which the page answers with a 503.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (isSuspensionRefusal(error)) {
		event.locals.refusedAsSuspended = true;
		return { message: error.cause.message, refusal: true };
	}
	const unavailable = unavailableError(event, status);
	if (unavailable) {
		// One line, not a stack: during an outage every request ends here.
		console.warn(`[503] ${event.request.method} ${event.url.pathname}: Supabase unreachable`);
		return unavailable;
	}
	console.error(error);
	return { message };
};
