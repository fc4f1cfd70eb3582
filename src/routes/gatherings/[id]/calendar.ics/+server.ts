import { error } from '@sveltejs/kit';
import { buildCalendar } from '$lib/server/calendar/build-calendar';
import { readGatheringCalendar } from '$lib/server/calendar/feeds';
import { calendarFilename, calendarResponse } from '$lib/server/calendar/response';
import type { RequestHandler } from './$types';

/**
 * One gathering as a calendar file, as the visitor may see it: with the venue for its hosts and
 * approved attendees, with the public area for everyone else.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const gathering = await readGatheringCalendar(locals.supabase, params.id, {
		signedIn: locals.user !== null
	});
	if (!gathering) error(404, 'There is no such gathering, or it is not shared with you.');
	const text = buildCalendar({
		name: gathering.name,
		siteOrigin: url.origin,
		gatherings: [gathering]
	});
	return calendarResponse(text, { filename: calendarFilename(gathering.name), personal: true });
};
