import { json } from '@sveltejs/kit';
import { readPlaceLabels } from '$lib/server/places';
import { isMember } from '$lib/server/visitor';
import type { RequestHandler } from './$types';

/**
 * What each precision would show for a point, for the audience preview:
 * `/places/labels?lat=52.09&lng=5.12`. Signed-in people only, as the database function is.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	if (!isMember(locals.user)) {
		return json({ message: 'Sign in to preview what people will see.' }, { status: 401 });
	}
	const lat = Number(url.searchParams.get('lat') ?? Number.NaN);
	const lng = Number(url.searchParams.get('lng') ?? Number.NaN);
	if (!(Math.abs(lat) <= 90) || !(Math.abs(lng) <= 180)) {
		return json({ message: 'Give lat from -90 to 90 and lng from -180 to 180.' }, { status: 400 });
	}
	return json(await readPlaceLabels(locals.supabase, { lat, lng }));
};
