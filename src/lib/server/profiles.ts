import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Json, Tables } from '$lib/database.types';
import type { LatLng } from '$lib/geo/cells';
import { UNREAD_COUNTED_UP_TO } from '$lib/inbox/inbox';
import type { ProfileChanges } from '$lib/people/validation';
import { selectOf } from './columns';
import { QueryError } from './query-error';

/**
 * Profiles, read and written with the visitor's own request-scoped client: row-level security
 * and column privileges decide what anyone sees or changes, so nothing here checks who may.
 */
type Client = SupabaseClient<Database>;
type Profile = Tables<'profiles'>;

/** PostgREST's code for "no rows" on `.single()`, and PostgreSQL's for a duplicate key. */
const UNIQUE_VIOLATION = '23505';

const OWN_PROFILE_COLUMNS =
	'id, display_name, bio, pronouns, languages, interests, practices, pathway_stage, open_to, offers, needs, website, discord_handle, visibility, precision, onboarded_at, last_confirmed_at, place_label, public_place_label';

export type OwnProfile = Pick<
	Profile,
	| keyof ProfileChanges
	| 'id'
	| 'onboarded_at'
	| 'last_confirmed_at'
	| 'place_label'
	| 'public_place_label'
>;

/** Someone's own profile and exact point (null when they have not placed themselves). */
export interface OwnProfileWithLocation {
	profile: OwnProfile;
	location: LatLng | null;
}

/** The signed-in person's profile, as they edit it, with their exact point. */
export async function readOwnProfile(
	supabase: Client,
	userId: string
): Promise<OwnProfileWithLocation | null> {
	const [profileResult, locationResult] = await Promise.all([
		supabase.from('profiles').select(OWN_PROFILE_COLUMNS).eq('id', userId).maybeSingle(),
		supabase.from('profile_locations').select('lat, lng').eq('profile_id', userId).maybeSingle()
	]);
	if (profileResult.error) throw new QueryError('read your profile', profileResult.error);
	if (locationResult.error) throw new QueryError('read your location', locationResult.error);
	if (!profileResult.data) return null;
	return { profile: profileResult.data, location: locationResult.data };
}

/** What every page's header shows of the signed-in person. */
export interface OwnHeader {
	/** The name they go by: '' until they give one, when they join the map. */
	displayName: string;
	/** Their unread notifications, counted up to UNREAD_COUNTED_UP_TO. */
	unreadCount: number;
}

/**
 * The signed-in person's name and unread notifications, in one query: every page asks, so the
 * unread ids come embedded in the profile read (PostgREST's `(count)` embed needs every column of
 * the notifications, some of which are not readable, so the ids are fetched and counted here).
 */
export async function readOwnHeader(supabase: Client, userId: string): Promise<OwnHeader> {
	const { data, error } = await supabase
		.from('profiles')
		.select('display_name, unread:notifications!notifications_recipient_id_fkey(id)')
		.eq('id', userId)
		.is('unread.read_at', null)
		.limit(UNREAD_COUNTED_UP_TO, { referencedTable: 'unread' })
		.maybeSingle();
	if (error) throw new QueryError('read your name', error);
	return { displayName: data?.display_name ?? '', unreadCount: data?.unread.length ?? 0 };
}

/**
 * Saves the owner's changes and, when given, their exact point, in one transaction
 * (`save_my_profile`): others see the profile as it was or as it is, never half saved.
 * `onboard` lists them for the first time; the database stamps `onboarded_at` with its own clock.
 */
export async function saveOwnProfile(
	supabase: Client,
	{
		changes,
		location,
		onboard = false
	}: { changes: ProfileChanges; location: LatLng | null; onboard?: boolean }
): Promise<void> {
	const { error } = await supabase.rpc('save_my_profile', {
		changes: changes as unknown as Json,
		point_lat: location?.lat,
		point_lng: location?.lng,
		onboard
	});
	if (error) throw new QueryError('save your profile', error);
}

/** Takes the owner off the map: their exact point goes, and with it every published cell. */
export async function removeOwnLocation(supabase: Client, userId: string): Promise<void> {
	const { error } = await supabase.from('profile_locations').delete().eq('profile_id', userId);
	if (error) throw new QueryError('remove your location', error);
}

/**
 * The place label a visitor may read: signed-in members get the owner's precision, anonymous
 * visitors the public (area or coarser) label. The database enforces this with column
 * privileges; this only asks for the column the visitor is allowed.
 */
function placeLabelColumn(signedIn: boolean) {
	return signedIn ? 'place_label' : 'place_label:public_place_label';
}

/** What a profile page shows besides the place label, which depends on who asks. */
const VISIBLE_PROFILE_COLUMNS = [
	'id',
	'display_name',
	'bio',
	'pronouns',
	'languages',
	'interests',
	'practices',
	'pathway_stage',
	'open_to',
	'offers',
	'needs',
	'website',
	'discord_handle',
	'last_confirmed_at'
] as const;

/** What a profile page shows. `place_label` is at the visitor's audience precision. */
export type VisibleProfile = Pick<
	Profile,
	(typeof VISIBLE_PROFILE_COLUMNS)[number] | 'place_label'
>;

/**
 * A profile as the visitor may see it, or null when there is none they may see: hidden,
 * blocked, not onboarded and non-existent all look the same.
 */
export async function readVisibleProfile(
	supabase: Client,
	{ id, signedIn }: { id: string; signedIn: boolean }
): Promise<VisibleProfile | null> {
	const { data, error } = await supabase
		.from('profiles')
		.select(selectOf([...VISIBLE_PROFILE_COLUMNS, placeLabelColumn(signedIn)]))
		.eq('id', id)
		.maybeSingle();
	if (error) throw new QueryError('read a profile', error);
	return data;
}

/** Records that the owner is still where their profile says; returns when. */
export async function confirmStillHere(supabase: Client): Promise<string> {
	const { data, error } = await supabase.rpc('confirm_still_here');
	if (error) throw new QueryError('confirm you are still here', error);
	return data;
}

/** Everything stored about the signed-in person, as the database gathers it. */
export async function exportOwnData(supabase: Client): Promise<Json> {
	const { data, error } = await supabase.rpc('export_my_data');
	if (error) throw new QueryError('export your data', error);
	return data;
}

/** Deletes the signed-in person's account and everything of theirs, at once. */
export async function deleteOwnAccount(supabase: Client): Promise<void> {
	const { error } = await supabase.rpc('delete_my_account');
	if (error) throw new QueryError('delete your account', error);
}

/** Blocks someone; blocking them again changes nothing. */
export async function blockPerson(supabase: Client, blockedId: string): Promise<void> {
	const { error } = await supabase.from('blocks').insert({ blocked_id: blockedId });
	if (error && error.code !== UNIQUE_VIOLATION) throw new QueryError('block', error);
}

/** Lifts a block the signed-in person made (RLS limits the delete to their own). */
export async function unblockPerson(supabase: Client, blockedId: string): Promise<void> {
	const { error } = await supabase.from('blocks').delete().eq('blocked_id', blockedId);
	if (error) throw new QueryError('unblock', error);
}

export interface OwnBlock {
	blockedId: string;
	/** Null when the blocked person's profile is hidden from the blocker too. */
	displayName: string | null;
	createdAt: string;
}

/**
 * The people the signed-in person has blocked, most recent first. Their names come from a
 * second read of profiles, under the same RLS: a block names any id (it has no reference to
 * profiles, so blocking tells nobody whether an account exists) and embeds nothing.
 */
export async function listOwnBlocks(supabase: Client): Promise<OwnBlock[]> {
	const { data: blocks, error } = await supabase
		.from('blocks')
		.select('blocked_id, created_at')
		.order('created_at', { ascending: false });
	if (error) throw new QueryError('list your blocks', error);
	if (blocks.length === 0) return [];
	const names = await readVisibleNames(
		supabase,
		blocks.map((block) => block.blocked_id)
	);
	return blocks.map((block) => ({
		blockedId: block.blocked_id,
		displayName: names.get(block.blocked_id) ?? null,
		createdAt: block.created_at
	}));
}

/**
 * The names of the people among `ids` whose profiles the visitor may see, by id: the others are
 * missing, whether hidden, blocked or non-existent.
 */
export async function readVisibleNames(
	supabase: Client,
	ids: readonly string[]
): Promise<Map<string, string>> {
	if (ids.length === 0) return new Map();
	const { data, error } = await supabase
		.from('profiles')
		.select('id, display_name')
		.in('id', [...ids]);
	if (error) throw new QueryError('read names', error);
	return new Map(data.map((profile) => [profile.id, profile.display_name]));
}

/** Whether the signed-in person has blocked someone. */
export async function hasBlocked(supabase: Client, blockedId: string): Promise<boolean> {
	const { count, error } = await supabase
		.from('blocks')
		.select('blocked_id', { count: 'exact', head: true })
		.eq('blocked_id', blockedId);
	if (error) throw new QueryError('check your blocks', error);
	return (count ?? 0) > 0;
}
