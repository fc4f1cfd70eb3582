import { fail, redirect } from '@sveltejs/kit';
import { ownRequestActions } from '$lib/server/group-actions';
import { readOwnGroups } from '$lib/server/group-memberships';
import {
	listOwnGatherings,
	readInvitationOptIn,
	saveInvitationOptIn
} from '$lib/server/gatherings';
import { labelsForForm, placeActions, saveProfileForm } from '$lib/server/profile-form';
import {
	confirmStillHere,
	deleteOwnAccount,
	listOwnBlocks,
	removeOwnLocation,
	unblockPerson
} from '$lib/server/profiles';
import { requireOwnProfile, requireUser } from '$lib/server/visitor';
import { formValuesFromProfile, isProfileId } from '$lib/people/validation';
import type { Actions, PageServerLoad } from './$types';

/** What a person types to confirm deleting their account. */
const DELETE_CONFIRMATION = 'DELETE';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const own = await requireOwnProfile(locals, { user, url });
	if (!own.profile.onboarded_at) redirect(303, '/welcome');
	const values = formValuesFromProfile(own.profile, own.location);
	const [placeLabels, blocks, ownGroups, ownGatherings, invitedToGatherings] = await Promise.all([
		labelsForForm(locals.supabase, values),
		listOwnBlocks(locals.supabase),
		readOwnGroups(locals.supabase, user.id),
		listOwnGatherings(locals.supabase),
		readInvitationOptIn(locals.supabase, user.id)
	]);
	return {
		profile: own.profile,
		placed: own.location !== null,
		values,
		placeLabels,
		blocks,
		ownGroups,
		ownGatherings,
		invitedToGatherings,
		now: new Date().toISOString()
	};
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const failure = await saveProfileForm(locals.supabase, {
			formData: await request.formData(),
			onboard: false
		});
		return failure ?? { saved: true };
	},
	...placeActions,
	...ownRequestActions,
	gatheringInvitations: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const optIn = (await request.formData()).get('invite') === 'yes';
		await saveInvitationOptIn(locals.supabase, { userId: user.id, optIn });
		return { invitationsSaved: true };
	},
	confirm: async ({ locals, url }) => {
		requireUser(locals, url);
		return { confirmedAt: await confirmStillHere(locals.supabase) };
	},
	removeLocation: async ({ locals, url }) => {
		const user = requireUser(locals, url);
		await removeOwnLocation(locals.supabase, user.id);
		return { removedLocation: true };
	},
	unblock: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const blockedId = String((await request.formData()).get('blocked_id') ?? '');
		if (!isProfileId(blockedId)) return fail(400, { unblockError: 'Choose someone to unblock.' });
		await unblockPerson(locals.supabase, blockedId);
		return { unblocked: true };
	},
	delete: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const typed = String((await request.formData()).get('confirmation') ?? '');
		if (typed.trim() !== DELETE_CONFIRMATION) {
			return fail(400, {
				deleteConfirmation: typed,
				deleteError: `Type ${DELETE_CONFIRMATION} in capital letters to confirm. Nothing was deleted.`
			});
		}
		await deleteOwnAccount(locals.supabase);
		// The account is gone; this clears the session cookies (the auth server may already
		// have forgotten the session, which is fine).
		const { error } = await locals.supabase.auth.signOut();
		if (error) console.warn('Sign-out after deleting an account did not reach auth', error);
		redirect(303, '/goodbye');
	}
};
