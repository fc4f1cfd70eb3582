import { error } from '@sveltejs/kit';
import { readGroupPage } from '$lib/server/groups';
import { isUuid } from '$lib/uuid';
import type { PageServerLoad } from './$types';

/** One answer for a group that does not exist and one the visitor may not see. */
const NOT_FOUND = 'There is no crew or congregation here, or it is shared only with members.';

export const load: PageServerLoad = async ({ locals, params }) => {
	if (!isUuid(params.id)) error(404, NOT_FOUND);
	const found = await readGroupPage(locals.supabase, params.id);
	if (!found) error(404, NOT_FOUND);
	return found;
};
