import type { Database } from '$lib/database.types';

type Profile = Database['public']['Tables']['profiles']['Row'];

/** A practitioner as the directory lists them: what they chose to show about themselves. */
export type Practitioner = Pick<Profile, 'id' | 'display_name' | 'bio' | 'place_label'>;

/** What a list entry shows; the directory adds a bio, the map's list does not. */
export type PractitionerSummary = Pick<Practitioner, 'id' | 'display_name' | 'place_label'> &
	Partial<Pick<Practitioner, 'bio'>> & {
		/** From the place the directory measures from, rounded to the cell's size. */
		distance_km?: number | null;
	};

/**
 * A practitioner as the directory lists them, from the `directory_list` database function:
 * `distance_km` is from the chosen place to their cell, rounded to the cell's size, or null
 * with no place chosen or no cell.
 */
export type DirectoryEntry = Pick<
	Profile,
	| 'id'
	| 'display_name'
	| 'bio'
	| 'place_label'
	| 'last_confirmed_at'
	| 'pathway_stage'
	| 'practices'
	| 'open_to'
	| 'languages'
> & { distance_km: number | null };
