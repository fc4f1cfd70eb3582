import type { Handle } from '@sveltejs/kit';
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

	return resolve(event, {
		filterSerializedResponseHeaders: (name) =>
			name === 'content-range' || name === 'x-supabase-api-version'
	});
};
