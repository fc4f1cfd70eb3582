import { redirect } from '@sveltejs/kit';
import { labelsForForm, placeActions, saveProfileForm } from '$lib/server/profile-form';
import { requireOwnProfile, requireUser } from '$lib/server/visitor';
import { formValuesFromProfile } from '$lib/people/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const own = await requireOwnProfile(locals, { user, url });
	if (own.profile.onboarded_at) redirect(303, '/me');
	const values = formValuesFromProfile(own.profile, own.location);
	return { values, placeLabels: await labelsForForm(locals.supabase, values) };
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const failure = await saveProfileForm(locals.supabase, {
			formData: await request.formData(),
			onboard: true
		});
		if (failure) return failure;
		redirect(303, `/p/${user.id}?welcome`);
	},
	...placeActions
};
