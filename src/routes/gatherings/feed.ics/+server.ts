import { error } from '@sveltejs/kit';
import { buildCalendar } from '$lib/server/calendar/build-calendar';
import { parseFeedQuery } from '$lib/server/calendar/feed-query';
import { readPublicFeed } from '$lib/server/calendar/feeds';
import { calendarResponse } from '$lib/server/calendar/response';
import { findPlace } from '$lib/server/places';
import { createAnonymousClient } from '$lib/server/supabase';
import { searchLimitProblem } from '$lib/search-limits';
import type { RequestHandler } from './$types';

/**
 * The public feed of public gatherings, for calendar apps to subscribe to:
 * `?kind=camp&country=GB`, `?near=Utrecht&within=100` (see parseFeedQuery). The same for whoever
 * asks: read anonymously, whatever the visitor's cookie.
 */
export const GET: RequestHandler = async ({ fetch, url }) => {
	const tooLong = searchLimitProblem(url.searchParams);
	if (tooLong) error(400, tooLong);
	const parsed = parseFeedQuery(url.searchParams);
	if ('problem' in parsed) error(400, parsed.problem);
	const { query } = parsed;
	const supabase = createAnonymousClient(fetch);
	const place = query.near === null ? null : await findPlace(supabase, query.near);
	if (query.near !== null && !place) error(400, `No place called “${query.near}” was found.`);
	const gatherings = await readPublicFeed(supabase, { query, near: place });
	const text = buildCalendar({
		name: place ? `Microsolidarity gatherings near ${place.name}` : 'Microsolidarity gatherings',
		description: 'Public gatherings of the microsolidarity network.',
		siteOrigin: url.origin,
		gatherings,
		refreshMinutes: 60
	});
	return calendarResponse(text, { filename: 'microsolidarity-gatherings.ics', personal: false });
};
