import { fail } from '@sveltejs/kit';
import { parseEmailSettings } from '$lib/inbox/email-settings';
import { readOwnEmailSettings, saveOwnEmailSettings } from '$lib/server/email-settings';
import { requireUser } from '$lib/server/visitor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url);
	return { settings: await readOwnEmailSettings(locals.supabase) };
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const posted = parseEmailSettings(await request.formData());
		if ('errors' in posted) return fail(400, posted);
		await saveOwnEmailSettings(locals.supabase, posted.settings);
		return { saved: true };
	}
};
