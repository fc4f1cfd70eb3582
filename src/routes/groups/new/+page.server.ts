import { isUuid } from '$lib/uuid';
import { EMPTY_GROUP_FORM, parseInvitees } from '$lib/groups/group-form';
import { groupPlaceActions, startGroupFromForm } from '$lib/server/group-form';
import { listCongregations } from '$lib/server/groups';
import { readOwnProfile, readVisibleNames } from '$lib/server/profiles';
import { requireUser } from '$lib/server/visitor';
import type { Actions, PageServerLoad } from './$types';

/**
 * Starting a crew or congregation. `?invite=<id>,<id>` (from the radar) invites those people once
 * the group is made; `?congregation=<id>` (from a congregation's page) starts a crew asking to
 * join it; `?kind=congregation` starts a congregation.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const inviteeIds = parseInvitees(url.searchParams.get('invite'));
	const congregation = url.searchParams.get('congregation') ?? '';
	const kind = url.searchParams.get('kind') === 'congregation' ? 'congregation' : 'crew';
	const [own, congregations, names] = await Promise.all([
		readOwnProfile(locals.supabase, user.id),
		listCongregations(locals.supabase),
		readVisibleNames(locals.supabase, inviteeIds)
	]);
	return {
		onboarded: Boolean(own?.profile.onboarded_at),
		values: {
			...EMPTY_GROUP_FORM,
			kind,
			congregation_id: kind === 'crew' && isUuid(congregation) ? congregation : ''
		},
		congregations,
		invitees: inviteeIds.map((id) => ({ id, name: names.get(id) ?? null }))
	};
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const inviteeIds = parseInvitees(url.searchParams.get('invite'));
		const names = await readVisibleNames(locals.supabase, inviteeIds);
		return startGroupFromForm(locals.supabase, {
			formData: await request.formData(),
			invitees: inviteeIds.map((id) => ({ id, name: names.get(id) ?? null }))
		});
	},
	...groupPlaceActions
};
