import { json } from '@sveltejs/kit';
import { searchPlaces } from '$lib/server/places';
import { MIN_PLACE_QUERY } from '$lib/people/places';
import { placeSearchProblem } from '$lib/search-limits';
import type { RequestHandler } from './$types';

/** Place search for the location picker: `/places?q=Utre`. Anyone may search the gazetteer. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const query = (url.searchParams.get('q') ?? '').trim();
	const tooLong = placeSearchProblem(query);
	if (tooLong) return json({ message: tooLong }, { status: 400 });
	if (query.length < MIN_PLACE_QUERY) {
		return json(
			{ message: `Type at least ${MIN_PLACE_QUERY} letters of a place name.` },
			{ status: 400 }
		);
	}
	return json(await searchPlaces(locals.supabase, query));
};
