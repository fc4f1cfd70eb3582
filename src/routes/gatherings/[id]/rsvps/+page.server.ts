import { error } from '@sveltejs/kit';
import { rsvpListActions } from '$lib/server/gathering-actions';
import { listRsvps, readGathering, readGatheringStanding } from '$lib/server/gatherings';
import { requireUser } from '$lib/server/visitor';
import { isUuid } from '$lib/uuid';
import type { Actions, PageServerLoad } from './$types';

/** One answer for a gathering that does not exist and one the visitor may not see. */
const NOT_FOUND = 'There is no gathering here, or it is shared only with members.';

/** A host's list of every answer, the waitlist in its order, and the co-hosts. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	if (!isUuid(params.id)) error(404, NOT_FOUND);
	const found = await readGathering(locals.supabase, params.id);
	if (!found) error(404, NOT_FOUND);
	const standing = await readGatheringStanding(locals.supabase, { id: params.id, userId: user.id });
	if (!standing.isHost) {
		error(403, `Only the hosts of ${found.gathering.name} see everyone who answered.`);
	}
	return {
		gathering: found.gathering,
		hosts: standing.hosts,
		rsvps: standing.attendees ?? (await listRsvps(locals.supabase, params.id)),
		viewerId: user.id
	};
};

export const actions: Actions = rsvpListActions;
