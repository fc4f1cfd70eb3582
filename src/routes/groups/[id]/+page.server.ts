import { error } from '@sveltejs/kit';
import { groupActions } from '$lib/server/group-actions';
import { readGroupStanding } from '$lib/server/group-memberships';
import { listCongregations, readGroupPage } from '$lib/server/groups';
import { isMember } from '$lib/server/visitor';
import { isUuid } from '$lib/uuid';
import type { Actions, PageServerLoad } from './$types';

/** One answer for a group that does not exist and one the visitor may not see. */
const NOT_FOUND = 'There is no crew or congregation here, or it is shared only with members.';

export const load: PageServerLoad = async ({ locals, params }) => {
	if (!isUuid(params.id)) error(404, NOT_FOUND);
	const found = await readGroupPage(locals.supabase, params.id);
	if (!found) error(404, NOT_FOUND);
	const userId = isMember(locals.user) ? locals.user.id : null;
	const standing = await readGroupStanding(locals.supabase, { group: found.group, userId });
	// A crew's hosts may ask to join a congregation.
	const congregations =
		standing.role === 'host' && found.group.kind === 'crew'
			? await listCongregations(locals.supabase)
			: [];
	// One now for the page, so the server's render and the browser's agree on a series' next date.
	return { ...found, standing, congregations, viewerId: userId, now: new Date().toISOString() };
};

export const actions: Actions = groupActions;
