import { error } from '@sveltejs/kit';
import { buildCalendar } from '$lib/server/calendar/build-calendar';
import { readPrivateFeed } from '$lib/server/calendar/feeds';
import { calendarResponse } from '$lib/server/calendar/response';
import { createAnonymousClient } from '$lib/server/supabase';
import type { RequestHandler } from './$types';

/**
 * A person's private feed ("my gatherings"), for their calendar app, which cannot sign in: the
 * token in the URL is the key. A revoked or unknown token gets an empty calendar, so the app
 * drops what it had, and nobody learns which tokens exist.
 */
export const GET: RequestHandler = async ({ fetch, params, url }) => {
	const gatherings = await readPrivateFeed(createAnonymousClient(fetch), params.token);
	if (gatherings === null) error(404, 'This is not a calendar link.');
	const text = buildCalendar({
		name: 'My microsolidarity gatherings',
		siteOrigin: url.origin,
		gatherings,
		refreshMinutes: 60
	});
	return calendarResponse(text, { filename: 'my-gatherings.ics', personal: true });
};
