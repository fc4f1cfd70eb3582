import { error } from '@sveltejs/kit';
import { parseRegionChoice } from '$lib/planner/region-choice';
import { proposeGathering, readPlanPage } from '$lib/server/planner';
import { isMember, requireUser } from '$lib/server/visitor';
import { searchLimitProblem } from '$lib/search-limits';
import type { Actions, PageServerLoad } from './$types';

/** Today where the server is: near enough to refuse a first day in the past. */
function today(): string {
	return new Date().toISOString().slice(0, 10);
}

/**
 * The regional planner: a region chosen in the URL (a drawn circle, a place and a radius, a
 * country, a congregation), what is in it for this member, where to meet, and a draft gathering
 * there. Strangers are told what it is and to sign in.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const tooLong = searchLimitProblem(url.searchParams);
	if (tooLong) error(400, tooLong);
	const parsed = parseRegionChoice(url.searchParams);
	if (!isMember(locals.user)) return { stranger: true as const, values: parsed.values };
	return {
		stranger: false as const,
		values: parsed.values,
		...(await readPlanPage(locals.supabase, { parsed, today: today() }))
	};
};

export const actions: Actions = {
	propose: async ({ locals, url, request }) => {
		requireUser(locals, url);
		return proposeGathering(locals.supabase, {
			formData: await request.formData(),
			today: today()
		});
	}
};
