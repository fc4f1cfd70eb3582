import { error, redirect } from '@sveltejs/kit';
import { formValuesFromGathering } from '$lib/gatherings/gathering-form';
import { cancelGatheringAction } from '$lib/server/gathering-actions';
import { gatheringPlaceActions, saveGatheringFromForm } from '$lib/server/gathering-form';
import { listHostedGroups, readHostedGathering } from '$lib/server/gatherings';
import { requireUser } from '$lib/server/visitor';
import { isUuid } from '$lib/uuid';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** One answer for a gathering that does not exist and one the visitor may not see. */
const NOT_FOUND = 'There is no gathering here, or it is shared only with members.';

/** The gathering, if the signed-in visitor hosts it: others are told only its hosts change it. */
async function hostedGathering({
	locals,
	params,
	url
}: Pick<RequestEvent, 'locals' | 'params' | 'url'>) {
	const user = requireUser(locals, url);
	if (!isUuid(params.id)) error(404, NOT_FOUND);
	const found = await readHostedGathering(locals.supabase, { id: params.id, userId: user.id });
	if (!found) error(404, NOT_FOUND);
	if ('notHost' in found) error(403, `Only the hosts of ${found.notHost.name} can change it.`);
	return { user, ...found.hosted };
}

export const load: PageServerLoad = async (event) => {
	const { user, gathering, venue, inviteRegion } = await hostedGathering(event);
	return {
		gathering,
		inviteRegion,
		values: formValuesFromGathering(gathering, venue),
		hostGroups: await listHostedGroups(event.locals.supabase, user.id)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { gathering } = await hostedGathering(event);
		return saveGatheringFromForm(event.locals.supabase, {
			formData: await event.request.formData(),
			gathering
		});
	},
	cancelGathering: async (event) => {
		const { gathering } = await hostedGathering(event);
		const result = await cancelGatheringAction(event);
		if (result && 'done' in result) redirect(303, `/gatherings/${gathering.id}?cancelled`);
		return result;
	},
	...gatheringPlaceActions
};
