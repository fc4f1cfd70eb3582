import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { LatLng } from '$lib/geo/cells';
import type { PlaceLabel } from '$lib/people/audience';
import { MIN_PLACE_QUERY, PLACE_RESULTS, type Place } from '$lib/people/places';
import { QueryError } from './query-error';

/** The offline GeoNames gazetteer, through the database's place functions. */
type Client = SupabaseClient<Database>;

/** Places whose names start like (or look like) the query, bigger places first. */
export async function searchPlaces(supabase: Client, query: string): Promise<Place[]> {
	const needle = query.trim();
	if (needle.length < MIN_PLACE_QUERY) return [];
	const { data, error } = await supabase.rpc('search_places', {
		query: needle,
		max_results: PLACE_RESULTS
	});
	if (error) throw new QueryError('search places', error);
	return data;
}

/** What each precision would show for a point (signed-in callers only). */
export async function readPlaceLabels(
	supabase: Client,
	{ lat, lng }: LatLng
): Promise<PlaceLabel[]> {
	const { data, error } = await supabase.rpc('place_labels_for', { lat, lng });
	if (error) throw new QueryError('look up place labels', error);
	return data;
}

/**
 * The place a visitor means by `?near=`: a gazetteer id (as the place search offers them) or a
 * name, taking the best match of the place search. Null when nothing matches.
 */
export async function findPlace(supabase: Client, idOrName: string): Promise<Place | null> {
	const needle = idOrName.trim();
	if (/^\d{1,15}$/.test(needle)) {
		const { data, error } = await supabase
			.rpc('place_by_id', { place_id: Number(needle) })
			.maybeSingle();
		if (error) throw new QueryError('read a place', error);
		return data;
	}
	const [best] = await searchPlaces(supabase, needle);
	return best ?? null;
}
