import { parseFilters } from '$lib/practitioners/filters';
import { listMapItems } from '$lib/server/practitioners';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { items, total, truncated } = await listMapItems(locals.supabase, {
		filters: parseFilters(url.searchParams)
	});
	// The list beside the map: the same people, in name order.
	const practitioners = items
		.filter(({ kind }) => kind === 'practitioner')
		.map(({ id, name, place_label }) => ({ id, display_name: name, place_label }))
		.sort((a, b) => a.display_name.localeCompare(b.display_name) || a.id.localeCompare(b.id));
	return { items, total, truncated, practitioners };
};
