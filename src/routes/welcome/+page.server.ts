import { redirect } from '@sveltejs/kit';
import { labelsForForm, placeActions, saveProfileForm } from '$lib/server/profile-form';
import { readOwnProfile } from '$lib/server/profiles';
import { answerMissingProfile, requireUser } from '$lib/server/visitor';
import { formValuesFromProfile } from '$lib/people/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const own = await readOwnProfile(locals.supabase, user.id);
	if (own?.profile.onboarded_at) redirect(303, '/me');
	if (!own) return answerMissingProfile(locals.supabase, url);
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
