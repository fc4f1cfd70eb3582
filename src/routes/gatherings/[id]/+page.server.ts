import { error } from '@sveltejs/kit';
import { gatheringPageActions } from '$lib/server/gathering-actions';
import { going, readGathering, readGatheringStanding } from '$lib/server/gatherings';
import { readOwnProfile } from '$lib/server/profiles';
import { isMember } from '$lib/server/visitor';
import { isUuid } from '$lib/uuid';
import { hasEnded } from '$lib/gatherings/gathering-lines';
import type { Actions, PageServerLoad } from './$types';

/** One answer for a gathering that does not exist and one the visitor may not see. */
const NOT_FOUND = 'There is no gathering here, or it is shared only with members.';

export const load: PageServerLoad = async ({ locals, params }) => {
	if (!isUuid(params.id)) error(404, NOT_FOUND);
	const found = await readGathering(locals.supabase, params.id);
	if (!found) error(404, NOT_FOUND);
	const now = new Date();
	const common = {
		...found,
		now: now.toISOString(),
		// Gatherings that are over are kept, but never on the map.
		ended: hasEnded(found.gathering, now)
	};
	if (!isMember(locals.user)) {
		return {
			...common,
			viewerId: null,
			onboarded: false,
			isHost: false,
			own: null,
			hosts: null,
			venue: null,
			attendees: null
		};
	}
	const [standing, own] = await Promise.all([
		readGatheringStanding(locals.supabase, { id: params.id, userId: locals.user.id }),
		readOwnProfile(locals.supabase, locals.user.id)
	]);
	return {
		...common,
		...standing,
		viewerId: locals.user.id,
		onboarded: Boolean(own?.profile.onboarded_at),
		// The page lists who has a place; a host's full list is on the sign-ups page.
		attendees: standing.attendees && going(standing.attendees)
	};
};

export const actions: Actions = gatheringPageActions;
