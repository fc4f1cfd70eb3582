import type { Handle } from '@sveltejs/kit';
import { compressResponse } from '$lib/server/compression';
import { createRequestClient } from '$lib/server/supabase';

export const handle: Handle = async ({ event, resolve }) => {
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

	const response = await resolve(event, {
		filterSerializedResponseHeaders: (name) =>
			name === 'content-range' || name === 'x-supabase-api-version'
	});
	// A load's `fetch` of the app's own routes reads the body as it is: gzip only what leaves.
	return event.isSubRequest ? response : compressResponse(event.request, response);
};
