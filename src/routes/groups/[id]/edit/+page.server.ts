import { error, redirect } from '@sveltejs/kit';
import { formValuesFromGroup } from '$lib/groups/group-form';
import { groupPlaceActions, saveGroupFromForm } from '$lib/server/group-form';
import { readGroupForHost } from '$lib/server/groups';
import { requireUser } from '$lib/server/visitor';
import { isUuid } from '$lib/uuid';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** One answer for a group that does not exist and one the visitor may not see. */
const NOT_FOUND = 'There is no crew or congregation here, or it is shared only with members.';

/** The group, if the signed-in visitor hosts it: others are told only its hosts change it. */
async function hostedGroup({
	locals,
	params,
	url
}: Pick<RequestEvent, 'locals' | 'params' | 'url'>) {
	const user = requireUser(locals, url);
	if (!isUuid(params.id)) error(404, NOT_FOUND);
	const found = await readGroupForHost(locals.supabase, { id: params.id, userId: user.id });
	if (!found) error(404, NOT_FOUND);
	if (!found.hosts) error(403, `Only the hosts of ${found.group.name} can change it.`);
	return found.group;
}

export const load: PageServerLoad = async (event) => {
	const group = await hostedGroup(event);
	return { group, values: formValuesFromGroup(group) };
};

export const actions: Actions = {
	save: async (event) => {
		const group = await hostedGroup(event);
		const failure = await saveGroupFromForm(event.locals.supabase, {
			formData: await event.request.formData(),
			group
		});
		if (failure) return failure;
		redirect(303, `/groups/${group.id}?saved`);
	},
	...groupPlaceActions
};
