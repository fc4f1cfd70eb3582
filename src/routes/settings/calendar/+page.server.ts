import {
	privateFeedUrl,
	readOwnCalendarToken,
	regenerateCalendarToken,
	revokeCalendarToken
} from '$lib/server/calendar/tokens';
import { requireUser } from '$lib/server/visitor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url);
	const token = await readOwnCalendarToken(locals.supabase);
	return {
		feedUrl: token ? privateFeedUrl(url.origin, token) : null,
		publicFeedUrl: new URL('/gatherings/feed.ics', url.origin).href
	};
};

export const actions: Actions = {
	regenerate: async ({ locals, url }) => {
		requireUser(locals, url);
		const replaced = (await readOwnCalendarToken(locals.supabase)) !== null;
		await regenerateCalendarToken(locals.supabase);
		return { done: replaced ? ('replaced' as const) : ('made' as const) };
	},
	revoke: async ({ locals, url }) => {
		requireUser(locals, url);
		await revokeCalendarToken(locals.supabase);
		return { done: 'revoked' as const };
	}
};
