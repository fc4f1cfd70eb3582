import type { PostgrestError, SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { MapPractitioner, Practitioner } from '$lib/practitioners/types';

/**
 * Practitioners, read with the visitor's own request-scoped client: row-level security decides
 * who is in every list and count, so nothing here filters by visibility.
 */
type Client = SupabaseClient<Database>;

export interface PractitionerPage {
	practitioners: Practitioner[];
	/** Everyone the visitor may see, across all pages. */
	total: number;
}

/** PostgREST's answer to a range that starts past the last row. */
const RANGE_NOT_SATISFIABLE = 'PGRST103';

export class PractitionerQueryError extends Error {
	constructor(action: string, cause: PostgrestError) {
		super(`Could not ${action}: ${cause.message}`, { cause });
		this.name = 'PractitionerQueryError';
	}
}

/** One page of the directory, in name order. */
export async function listPractitioners(
	supabase: Client,
	{ page, pageSize }: { page: number; pageSize: number }
): Promise<PractitionerPage> {
	const from = (page - 1) * pageSize;
	const { data, count, error } = await supabase
		.from('profiles')
		.select('id, display_name, bio, place_label', { count: 'exact' })
		.order('display_name')
		.order('id')
		.range(from, from + pageSize - 1);
	if (error?.code === RANGE_NOT_SATISFIABLE) {
		return { practitioners: [], total: await countPractitioners(supabase) };
	}
	if (error) throw new PractitionerQueryError('list practitioners', error);
	return { practitioners: data, total: count ?? data.length };
}

/** How many practitioners the visitor may see. */
export async function countPractitioners(supabase: Client): Promise<number> {
	const { count, error } = await supabase
		.from('profiles')
		.select('id', { count: 'exact', head: true });
	if (error) throw new PractitionerQueryError('count practitioners', error);
	return count ?? 0;
}

/**
 * Everyone the visitor may see who has published a location, with that published point only.
 *
 * The walking skeleton reads the table directly; a later issue replaces this with a database
 * function that returns map-ready cells and coarsens them for anonymous visitors.
 */
export async function listMapPoints(supabase: Client): Promise<MapPractitioner[]> {
	const { data, error } = await supabase
		.from('profiles')
		.select('id, display_name, place_label, published_lat, published_lng')
		.not('published_lat', 'is', null)
		.not('published_lng', 'is', null)
		.order('display_name')
		.order('id');
	if (error) throw new PractitionerQueryError('list map points', error);
	return data;
}
