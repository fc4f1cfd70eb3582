import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Json, Tables } from '$lib/database.types';
import type { LatLng } from '$lib/geo/cells';
import { roundedDistanceKm } from '$lib/geo/distance';
import { databaseFilters, type GatheringFilters } from '$lib/gatherings/gathering-filters';
import type { GatheringChanges, VenueChanges } from '$lib/gatherings/gathering-form';
import type { Rsvp } from '$lib/gatherings/rsvp-state';
import type { RsvpAnswer, RsvpState } from '$lib/gatherings/wording';
import { selectOf } from './columns';
import { QueryError, refusable, type Outcome } from './query-error';

/**
 * Gatherings as their pages show them and as their hosts run them, read and written with the
 * visitor's own request-scoped client: row-level security and the database's functions decide
 * who sees and does what (the gatherings migration), so nothing here checks who may. A refusal
 * written for people (see `refusable`) comes back as an outcome to show beside the form.
 */
type Client = SupabaseClient<Database>;

type Gathering = Tables<'gatherings'>;

/** What a gathering's page and list show; who created it and its planner region are not. */
const GATHERING_COLUMNS = [
	'id',
	'kind',
	'name',
	'description',
	'status',
	'starts_at',
	'ends_at',
	'time_zone',
	'all_day',
	'recurrence',
	'repeats_until',
	'cancelled_occurrences',
	'meeting_mode',
	'capacity',
	'going_count',
	'registration',
	'contribution',
	'accessibility',
	'accessibility_note',
	'visibility',
	'area_cell',
	'area_label',
	'area_lat',
	'area_lng',
	'host_group_id'
] as const;
const GROUP_LINK_COLUMNS = ['id', 'kind', 'name'] as const;
const VENUE_COLUMNS = ['address', 'lat', 'lng', 'online_url'] as const;

export type GatheringDetails = Pick<Gathering, (typeof GATHERING_COLUMNS)[number]>;
export type HostGroupLink = Pick<Tables<'groups'>, (typeof GROUP_LINK_COLUMNS)[number]>;
export type Venue = Pick<Tables<'gathering_venues'>, (typeof VENUE_COLUMNS)[number]>;

export interface HostName {
	profile_id: string;
	display_name: string;
}

/** A gathering as the visitor may see it, with its host group, or null when they may not. */
export async function readGathering(
	supabase: Client,
	id: string
): Promise<{ gathering: GatheringDetails; hostGroup: HostGroupLink | null } | null> {
	const { data: gathering, error } = await supabase
		.from('gatherings')
		.select(selectOf(GATHERING_COLUMNS))
		.eq('id', id)
		.maybeSingle();
	if (error) throw new QueryError('read the gathering', error);
	if (!gathering) return null;
	if (!gathering.host_group_id) return { gathering, hostGroup: null };
	const host = await supabase
		.from('groups')
		.select(selectOf(GROUP_LINK_COLUMNS))
		.eq('id', gathering.host_group_id)
		.maybeSingle();
	if (host.error) throw new QueryError('read the gathering’s host group', host.error);
	return { gathering, hostGroup: host.data };
}

/** Where a signed-in member stands with a gathering, and what that lets them read. */
export interface GatheringStanding {
	/** Its hosts whose profiles the member may see (themselves among them when they host it). */
	hosts: HostName[];
	isHost: boolean;
	own: { answer: RsvpAnswer; state: RsvpState | null } | null;
	/** The venue and link: null unless they host it or have a place. */
	venue: Venue | null;
	/** Every answer for a host, the confirmed list for someone with a place; else null. */
	attendees: Rsvp[] | null;
}

/** What a signed-in member sees of a gathering beyond what everyone does. */
export async function readGatheringStanding(
	supabase: Client,
	{ id, userId }: { id: string; userId: string }
): Promise<GatheringStanding> {
	const [hosts, own, venue] = await Promise.all([
		supabase.rpc('gathering_hosts_of', { gathering_id: id }),
		supabase
			.from('gathering_rsvps')
			.select('answer, state')
			.eq('gathering_id', id)
			.eq('profile_id', userId)
			.maybeSingle(),
		// Row-level security answers with no row for anyone who may not read it.
		supabase
			.from('gathering_venues')
			.select(selectOf(VENUE_COLUMNS))
			.eq('gathering_id', id)
			.maybeSingle()
	]);
	if (hosts.error) throw new QueryError('read the gathering’s hosts', hosts.error);
	if (own.error) throw new QueryError('read your answer', own.error);
	if (venue.error) throw new QueryError('read the venue', venue.error);
	const isHost = hosts.data.some(({ profile_id }) => profile_id === userId);
	const mayList = isHost || own.data?.state === 'confirmed';
	return {
		hosts: hosts.data,
		isHost,
		own: own.data,
		venue: venue.data,
		attendees: mayList ? await listRsvps(supabase, id) : null
	};
}

/** Every answer the caller may read (all of them for a host), the waitlist in its order. */
export async function listRsvps(supabase: Client, id: string): Promise<Rsvp[]> {
	const { data, error } = await supabase.rpc('gathering_attendees', { gathering_id: id });
	if (error) throw new QueryError('list who is coming', error);
	return data;
}

/** The confirmed "going" among answers: what an attendee list shows. */
export function going(rsvps: readonly Rsvp[]): Rsvp[] {
	return rsvps.filter(({ state }) => state === 'confirmed');
}

/** A gathering in the list: what its entry shows, and how far it is from a place. */
export type GatheringEntry = GatheringDetails & {
	/** From the place asked about to the gathering's area, rounded to the area's size. */
	distance_km: number | null;
};

interface GatheringPageAnswer {
	total: number;
	items: { id: string; distance_m: number | null }[];
}

/**
 * One page of the published and cancelled gatherings the visitor may see, filtered. The
 * database's `gathering_page` reads through the audience rule, as the map does; the page's
 * gatherings are then read as their pages read them, and their distances rounded to the size of
 * their area's cell.
 */
export async function listGatherings(
	supabase: Client,
	{
		filters,
		place,
		page,
		pageSize
	}: { filters: GatheringFilters; place: LatLng | null; page: number; pageSize: number }
): Promise<{ entries: GatheringEntry[]; total: number }> {
	const answer = await supabase.rpc('gathering_page', {
		page,
		page_size: pageSize,
		near_lat: place?.lat,
		near_lng: place?.lng,
		within_km: place ? filters.withinKm : undefined,
		filters: databaseFilters(filters) as Json
	});
	if (answer.error) throw new QueryError('list the gatherings', answer.error);
	const { total, items } = answer.data as unknown as GatheringPageAnswer;
	if (items.length === 0) return { entries: [], total };

	const { data, error } = await supabase
		.from('gatherings')
		.select(selectOf(GATHERING_COLUMNS))
		.in(
			'id',
			items.map((item) => item.id)
		);
	if (error) throw new QueryError('read the listed gatherings', error);
	const byId = new Map(data.map((gathering) => [gathering.id, gathering]));
	return {
		entries: items.flatMap(({ id, distance_m }) => {
			const gathering = byId.get(id);
			if (!gathering) return [];
			const distance =
				distance_m === null ? null : roundedDistanceKm(distance_m / 1000, gathering.area_cell);
			return [{ ...gathering, distance_km: distance }];
		}),
		total
	};
}

/** The caller's own gatherings: hosted (drafts too) or answered, with the venue where readable. */
export async function listOwnGatherings(
	supabase: Client
): Promise<Database['public']['Functions']['my_gatherings']['Returns']> {
	const { data, error } = await supabase.rpc('my_gatherings');
	if (error) throw new QueryError('list your gatherings', error);
	return data;
}

/** A gathering as its host changes it, with its venue and the planner's region. */
export interface HostedGathering {
	gathering: GatheringDetails;
	venue: Venue | null;
	/** The region whose opted-in members are invited when it is published, if from the planner. */
	inviteRegion: Json | null;
	/** Whether invitations have gone: the region is then history. */
	published: boolean;
}

/**
 * A gathering the signed-in visitor hosts, or `null` when they may not see it, or `'notHost'`
 * when they see it but do not host it.
 */
export async function readHostedGathering(
	supabase: Client,
	{ id, userId }: { id: string; userId: string }
): Promise<{ hosted: HostedGathering } | { notHost: GatheringDetails } | null> {
	const found = await readGathering(supabase, id);
	if (!found) return null;
	const own = (await listOwnGatherings(supabase)).find((row) => row.id === id);
	if (!own?.is_host) return { notHost: found.gathering };
	const standing = await readGatheringStanding(supabase, { id, userId });
	return {
		hosted: {
			gathering: found.gathering,
			venue: standing.venue,
			inviteRegion: own.invite_region,
			published: found.gathering.status !== 'draft'
		}
	};
}

/**
 * The groups the member hosts, to host a gathering with: the database takes only those.
 */
export async function listHostedGroups(
	supabase: Client,
	userId: string
): Promise<{ id: string; name: string }[]> {
	const { data, error } = await supabase
		.from('group_members')
		.select('group:groups(id, name, status)')
		.eq('profile_id', userId)
		.eq('role', 'host');
	if (error) throw new QueryError('list the groups you host', error);
	return data
		.flatMap(({ group }) => (group && group.status !== 'closed' ? [group] : []))
		.map(({ id, name }) => ({ id, name }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Makes a draft with the visitor as its host (a plain insert: the database makes its creator a
 * host), then its venue. The new id, or the database's refusal.
 */
export async function createGathering(
	supabase: Client,
	{
		gathering,
		venue,
		inviteRegion
	}: { gathering: GatheringChanges; venue: VenueChanges | null; inviteRegion: Json | null }
): Promise<Outcome<string>> {
	const created = await refusable(
		'create the gathering',
		supabase
			.from('gatherings')
			.insert({ ...gathering, ...(inviteRegion ? { invite_region: inviteRegion } : {}) })
			.select('id')
	);
	if (!created.ok) return created;
	// An insert that row-level security refuses is an error, so the row is there.
	const id = created.value[0].id;
	if (venue) {
		const saved = await saveVenue(supabase, { id, venue });
		if (!saved.ok) return saved;
	}
	return { ok: true, value: id };
}

/**
 * A host's changes, as a plain update, then the venue: written, or removed when the form has
 * none. Row-level security answers anyone else with no row rather than an error.
 */
export async function updateGathering(
	supabase: Client,
	{
		id,
		name,
		gathering,
		venue
	}: { id: string; name: string; gathering: GatheringChanges; venue: VenueChanges | null }
): Promise<Outcome<null>> {
	const updated = await refusable(
		'save the gathering',
		supabase.from('gatherings').update(gathering).eq('id', id).select('id')
	);
	if (!updated.ok) return updated;
	if (updated.value.length === 0) {
		return { ok: false, refusal: `Only the hosts of ${name} can change it.` };
	}
	if (venue) return saveVenue(supabase, { id, venue });
	const removed = await refusable(
		'remove the venue',
		supabase.from('gathering_venues').delete().eq('gathering_id', id)
	);
	return removed.ok ? { ok: true, value: null } : removed;
}

/**
 * Writes the venue: an update, or an insert when there is none yet. (Not an upsert: PostgREST's
 * would set the key too, which hosts may not update.)
 */
async function saveVenue(
	supabase: Client,
	{ id, venue }: { id: string; venue: VenueChanges }
): Promise<Outcome<null>> {
	const updated = await refusable(
		'save the venue',
		supabase.from('gathering_venues').update(venue).eq('gathering_id', id).select('gathering_id')
	);
	if (!updated.ok) return updated;
	if (updated.value.length > 0) return { ok: true, value: null };
	const inserted = await refusable(
		'save the venue',
		supabase.from('gathering_venues').insert({ gathering_id: id, ...venue })
	);
	return inserted.ok ? { ok: true, value: null } : inserted;
}

/** Moves a gathering on: published (the database checks a venue or link) or cancelled. */
export async function setGatheringStatus(
	supabase: Client,
	{ id, name, status }: { id: string; name: string; status: 'published' | 'cancelled' }
): Promise<Outcome<null>> {
	const updated = await refusable(
		status === 'published' ? 'publish the gathering' : 'cancel the gathering',
		supabase.from('gatherings').update({ status }).eq('id', id).select('id')
	);
	if (!updated.ok) return updated;
	if (updated.value.length === 0) {
		return { ok: false, refusal: `Only the hosts of ${name} can change it.` };
	}
	return { ok: true, value: null };
}

/**
 * Cancels one occurrence of a series (a plain update adding its start to
 * `cancelled_occurrences`); the database tells everyone going.
 */
export async function cancelOccurrence(
	supabase: Client,
	{ id, startsAt }: { id: string; startsAt: string }
): Promise<Outcome<null>> {
	const { data, error } = await supabase
		.from('gatherings')
		.select('name, cancelled_occurrences')
		.eq('id', id)
		.maybeSingle();
	if (error) throw new QueryError('read the cancelled dates', error);
	if (!data)
		return { ok: false, refusal: 'There is no such gathering, or it is shared only with members.' };
	const instant = new Date(startsAt).getTime();
	if (data.cancelled_occurrences.some((start) => new Date(start).getTime() === instant)) {
		return { ok: true, value: null };
	}
	const updated = await refusable(
		'cancel the date',
		supabase
			.from('gatherings')
			.update({ cancelled_occurrences: [...data.cancelled_occurrences, startsAt] })
			.eq('id', id)
			.select('id')
	);
	if (!updated.ok) return updated;
	if (updated.value.length === 0) {
		return { ok: false, refusal: `Only the hosts of ${data.name} can cancel a date.` };
	}
	return { ok: true, value: null };
}

/** Whether the member asked to be invited to gatherings proposed near them. */
export async function readInvitationOptIn(supabase: Client, userId: string): Promise<boolean> {
	const { data, error } = await supabase
		.from('gathering_invitation_optins')
		.select('profile_id')
		.eq('profile_id', userId)
		.maybeSingle();
	if (error) throw new QueryError('read your gathering invitation setting', error);
	return data !== null;
}

/** Turns the member's gathering invitations on (a row) or off (none). */
export async function saveInvitationOptIn(
	supabase: Client,
	{ userId, optIn }: { userId: string; optIn: boolean }
): Promise<void> {
	const { error } = optIn
		? await supabase
				.from('gathering_invitation_optins')
				.upsert({ profile_id: userId }, { ignoreDuplicates: true })
		: await supabase.from('gathering_invitation_optins').delete().eq('profile_id', userId);
	if (error) throw new QueryError('save your gathering invitation setting', error);
}
