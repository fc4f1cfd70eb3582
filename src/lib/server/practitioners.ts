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

/**
 * The place label a visitor may read: signed-in members get the owner's precision, anonymous
 * visitors the public (area or coarser) label. The database enforces this with column
 * privileges; this only asks for the column the visitor is allowed.
 */
export function placeLabelColumn(signedIn: boolean) {
	return signedIn ? 'place_label' : 'place_label:public_place_label';
}

/** One page of the directory, in name order. */
export async function listPractitioners(
	supabase: Client,
	{ page, pageSize, signedIn }: { page: number; pageSize: number; signedIn: boolean }
): Promise<PractitionerPage> {
	const from = (page - 1) * pageSize;
	const { data, count, error } = await supabase
		.from('profiles')
		.select(`id, display_name, bio, ${placeLabelColumn(signedIn)}`, { count: 'exact' })
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
 * Everyone the visitor may see who is on the map, at the visitor's audience precision: the
 * `map_points` database function picks the cells (owner precision for members, area or
 * coarser and k-anonymous for anonymous visitors).
 */
export async function listMapPoints(supabase: Client): Promise<MapPractitioner[]> {
	const { data, error } = await supabase
		.rpc('map_points', { min_lat: -90, min_lng: -180, max_lat: 90, max_lng: 180 })
		.order('display_name')
		.order('id');
	if (error) throw new PractitionerQueryError('list map points', error);
	return data.map((point) => ({
		id: point.id,
		display_name: point.display_name,
		place_label: point.place_label,
		published_lat: point.lat,
		published_lng: point.lng
	}));
}
