import { error } from '@sveltejs/kit';
import { readGatheringPage } from '$lib/server/groups';
import { isUuid } from '$lib/uuid';
import type { PageServerLoad } from './$types';

/** One answer for a gathering that does not exist and one the visitor may not see. */
const NOT_FOUND = 'There is no gathering here, or it is shared only with members.';

export const load: PageServerLoad = async ({ locals, params }) => {
	if (!isUuid(params.id)) error(404, NOT_FOUND);
	const found = await readGatheringPage(locals.supabase, params.id);
	if (!found) error(404, NOT_FOUND);
	// Gatherings that have ended are kept, but never on the map.
	return { ...found, ended: new Date(found.gathering.ends_at).getTime() < Date.now() };
};
