import { EMPTY_GATHERING_FORM, parsePlanProposal } from '$lib/gatherings/gathering-form';
import { createGatheringFromForm, gatheringPlaceActions } from '$lib/server/gathering-form';
import { listHostedGroups } from '$lib/server/gatherings';
import { readOwnProfile } from '$lib/server/profiles';
import { requireUser } from '$lib/server/visitor';
import type { Actions, PageServerLoad } from './$types';

/**
 * Creating a gathering. `?from_plan=` (from the planner; see the plan's contract) starts it in
 * the area the planner chose, and invites the region's opted-in members once it is published.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const proposal = parsePlanProposal(url.searchParams.get('from_plan'));
	const [own, hostGroups] = await Promise.all([
		readOwnProfile(locals.supabase, user.id),
		listHostedGroups(locals.supabase, user.id)
	]);
	return {
		onboarded: Boolean(own?.profile.onboarded_at),
		values: proposal
			? { ...EMPTY_GATHERING_FORM, area_cell: proposal.cell, place_name: proposal.label }
			: EMPTY_GATHERING_FORM,
		proposal,
		ignoredProposal: url.searchParams.has('from_plan') && !proposal,
		hostGroups
	};
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const proposal = parsePlanProposal(url.searchParams.get('from_plan'));
		return createGatheringFromForm(locals.supabase, {
			formData: await request.formData(),
			inviteRegion: proposal?.region ?? null
		});
	},
	...gatheringPlaceActions
};
