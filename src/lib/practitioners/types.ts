import type { Database } from '$lib/database.types';

/**
 * A row of a table in the public schema, as `supabase gen types` describes it. The generated
 * file exports the same helper; this local one keeps the domain types independent of its extras.
 */
type TableRow<TableName extends keyof Database['public']['Tables']> =
	Database['public']['Tables'][TableName]['Row'];

type Profile = TableRow<'profiles'>;

/** A practitioner as the directory lists them: what they chose to show about themselves. */
export type Practitioner = Pick<Profile, 'id' | 'display_name' | 'bio' | 'place_label'>;

/**
 * A practitioner placed on the map. `published_lat` / `published_lng` are the centre of the
 * cell the owner published, never their exact location.
 */
export type MapPractitioner = Pick<
	Profile,
	'id' | 'display_name' | 'place_label' | 'published_lat' | 'published_lng'
>;

/** What a list entry shows; the directory adds a bio, the map's list does not. */
export type PractitionerSummary = Pick<Practitioner, 'id' | 'display_name' | 'place_label'> &
	Partial<Pick<Practitioner, 'bio'>>;
