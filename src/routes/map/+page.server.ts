import { listMapPoints } from '$lib/server/practitioners';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	practitioners: await listMapPoints(locals.supabase)
});
