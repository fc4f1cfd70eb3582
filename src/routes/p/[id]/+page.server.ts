import { error, fail } from '@sveltejs/kit';
import { inviteActions } from '$lib/server/group-actions';
import { listGroupsToInviteTo } from '$lib/server/group-memberships';
import { blockPerson, hasBlocked, readVisibleProfile, unblockPerson } from '$lib/server/profiles';
import { isMember, requireUser } from '$lib/server/visitor';
import { isProfileId } from '$lib/people/validation';
import type { Actions, PageServerLoad } from './$types';

/**
 * The same answer for a profile that does not exist and one the visitor may not see (hidden,
 * not yet onboarded, or its owner blocked them): a 404 that gives nothing away.
 */
const NOT_FOUND = 'There is no profile here, or its owner has not shared it with you.';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!isProfileId(params.id)) error(404, NOT_FOUND);
	const signedIn = isMember(locals.user);
	const profile = await readVisibleProfile(locals.supabase, { id: params.id, signedIn });
	if (!profile) error(404, NOT_FOUND);
	const isOwner = signedIn && locals.user?.id === profile.id;
	const other = signedIn && !isOwner && locals.user ? locals.user.id : null;
	const [blocked, groupsToInviteTo] = await Promise.all([
		other ? hasBlocked(locals.supabase, profile.id) : false,
		other ? listGroupsToInviteTo(locals.supabase, { userId: other, inviteeId: profile.id }) : []
	]);
	return {
		profile,
		isOwner,
		canBlock: other !== null,
		blocked,
		groupsToInviteTo,
		welcome: isOwner && url.searchParams.has('welcome')
	};
};

export const actions: Actions = {
	...inviteActions,
	block: async ({ locals, params, url }) => {
		const user = requireUser(locals, url);
		if (!isProfileId(params.id)) error(404, NOT_FOUND);
		if (params.id === user.id) return fail(400, { blockError: 'You cannot block yourself.' });
		await blockPerson(locals.supabase, params.id);
		return { justBlocked: true };
	},
	unblock: async ({ locals, params, url }) => {
		requireUser(locals, url);
		if (!isProfileId(params.id)) error(404, NOT_FOUND);
		await unblockPerson(locals.supabase, params.id);
		return { justUnblocked: true };
	}
};
