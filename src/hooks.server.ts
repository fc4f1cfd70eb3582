import { text, type Handle, type HandleServerError } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { compressResponse } from '$lib/server/compression';
import { isForbiddenCrossSitePost } from '$lib/server/csrf';
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
	event.locals.supabase = createRequestClient(event.cookies, event.fetch);

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
	// A 500 because Supabase could not be reached is a 503 with Retry-After.
	const response = answerUnavailable(event, resolved);
	// A load's `fetch` of the app's own routes reads the body as it is: gzip only what leaves.
	return event.isSubRequest ? response : compressResponse(event.request, response);
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const unavailable = unavailableError(event, status);
	if (unavailable) {
		// One line, not a stack: during an outage every request ends here.
		console.warn(`[503] ${event.request.method} ${event.url.pathname}: Supabase unreachable`);
		return unavailable;
	}
	// What SvelteKit does without this hook.
	console.error(error);
	return { message };
};
