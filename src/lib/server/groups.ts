import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Tables } from '$lib/database.types';
import { roundedDistanceKm } from '$lib/geo/distance';
import type { LatLng } from '$lib/geo/cells';
import type { GroupFilters } from '$lib/groups/group-filters';
import type { GroupChanges, NewGroup } from '$lib/groups/group-form';
import { selectOf } from './columns';
import { QueryError, refusable, type Outcome } from './query-error';

/**
 * Crews, congregations and gatherings as their pages show them, read with the visitor's own
 * request-scoped client: row-level security decides who sees which (public ones anyone,
 * members-only ones signed-in members), so nothing here checks who may.
 */
type Client = SupabaseClient<Database>;

// Who created a group and when it was last edited are not for its page.
const GROUP_COLUMNS = [
	'id',
	'kind',
	'name',
	'purpose',
	'status',
	'size_limit',
	'member_count',
	'meeting_mode',
	'rhythm',
	'commitment',
	'languages',
	'visibility',
	'area_label',
	'area_lat',
	'area_lng',
	'congregation_id'
] as const;
const GROUP_LINK_COLUMNS = [
	'id',
	'kind',
	'name',
	'status',
	'size_limit',
	'member_count',
	'area_label'
] as const;
const GATHERING_LINK_COLUMNS = [
	'id',
	'kind',
	'name',
	'starts_at',
	'ends_at',
	'time_zone',
	'all_day',
	'recurrence',
	'cancelled_occurrences',
	'area_label'
] as const;

type Group = Tables<'groups'>;
type Gathering = Tables<'gatherings'>;

export type GroupDetails = Pick<Group, (typeof GROUP_COLUMNS)[number]>;
/**
 * Its page leaves the cell's quadkey out (its centre and label say all a visitor needs); its hosts
 * get it to change it. (The list has each cell from `group_page`, to round distances.)
 */
const GROUP_WITH_CELL_COLUMNS = [...GROUP_COLUMNS, 'area_cell'] as const;
export type GroupWithCell = Pick<Group, (typeof GROUP_WITH_CELL_COLUMNS)[number]>;
export type GroupLink = Pick<Group, (typeof GROUP_LINK_COLUMNS)[number]>;
export type GatheringLink = Pick<Gathering, (typeof GATHERING_LINK_COLUMNS)[number]>;

export interface GroupPage {
	group: GroupDetails;
	/** The congregation a crew belongs to, when the visitor may see it. */
	congregation: GroupLink | null;
	/** A congregation's crews that the visitor may see and that have not closed. */
	crews: GroupLink[];
	/** Gatherings the group hosts that have not ended, soonest first. */
	gatherings: GatheringLink[];
}

/** A crew or congregation with what its page links to, or null if the visitor may not see it. */
export async function readGroupPage(
	supabase: Client,
	id: string,
	now = new Date()
): Promise<GroupPage | null> {
	const { data: group, error } = await supabase
		.from('groups')
		.select(selectOf(GROUP_COLUMNS))
		.eq('id', id)
		.maybeSingle();
	if (error) throw new QueryError('read the group', error);
	if (!group) return null;

	const [congregation, crews, gatherings] = await Promise.all([
		group.congregation_id
			? supabase
					.from('groups')
					.select(selectOf(GROUP_LINK_COLUMNS))
					.eq('id', group.congregation_id)
					.maybeSingle()
			: null,
		group.kind === 'congregation'
			? supabase
					.from('groups')
					.select(selectOf(GROUP_LINK_COLUMNS))
					.eq('congregation_id', group.id)
					.neq('status', 'closed')
					.order('name')
			: null,
		// Not over: the first (or only) date has not ended, or a series goes on after it.
		supabase
			.from('gatherings')
			.select(selectOf(GATHERING_LINK_COLUMNS))
			.eq('host_group_id', group.id)
			.or(
				`ends_at.gte.${now.toISOString()},repeats_until.gte.${now.toISOString()},and(recurrence.not.is.null,repeats_until.is.null)`
			)
			.order('starts_at')
	]);
	for (const result of [congregation, crews, gatherings]) {
		if (result?.error) throw new QueryError('read what the group links to', result.error);
	}
	return {
		group,
		congregation: congregation?.data ?? null,
		crews: crews?.data ?? [],
		gatherings: gatherings.data ?? []
	};
}

/**
 * A group as its host changes it, or null when there is none the visitor may see; `hosts` says
 * whether the visitor is one of its hosts.
 */
export async function readGroupForHost(
	supabase: Client,
	{ id, userId }: { id: string; userId: string }
): Promise<{ group: GroupWithCell; hosts: boolean } | null> {
	const [group, membership] = await Promise.all([
		supabase.from('groups').select(selectOf(GROUP_WITH_CELL_COLUMNS)).eq('id', id).maybeSingle(),
		// A member reads their own groups' memberships, their own among them.
		supabase
			.from('group_members')
			.select('role')
			.eq('group_id', id)
			.eq('profile_id', userId)
			.maybeSingle()
	]);
	if (group.error) throw new QueryError('read the group', group.error);
	if (membership.error) throw new QueryError('read your role in the group', membership.error);
	if (!group.data) return null;
	return { group: group.data, hosts: membership.data?.role === 'host' };
}

/** The congregations a new crew may ask to join: those the visitor sees that take crews. */
export async function listCongregations(supabase: Client): Promise<{ id: string; name: string }[]> {
	const { data, error } = await supabase
		.from('groups')
		.select('id, name')
		.eq('kind', 'congregation')
		.in('status', ['forming', 'open', 'full'])
		.order('name');
	if (error) throw new QueryError('list the congregations', error);
	return data;
}

/**
 * Makes a group with the visitor as its first host (`create_group`); with a congregation, its
 * hosts are asked. The new group's id, or the database's refusal.
 */
export function createGroup(supabase: Client, group: NewGroup): Promise<Outcome<string>> {
	const { congregation_id, size_limit, ...rest } = group;
	return refusable(
		'start the group',
		supabase.rpc('create_group', {
			...rest,
			// Left out rather than null: the function's defaults stand for "none".
			...(size_limit === null ? {} : { size_limit }),
			...(congregation_id === null ? {} : { congregation_id })
		})
	);
}

/**
 * A host's changes to their group, as a plain update: row-level security lets only its hosts
 * change it, and answers anyone else with no row rather than an error, so that is refused here.
 * A table's own errors are not written for people (see `refusalOf`), but the form has checked the
 * table's rules first: what the database can still refuse is the size limit below the members,
 * which its trigger words for people.
 */
export async function updateGroup(
	supabase: Client,
	{ id, name, changes }: { id: string; name: string; changes: GroupChanges }
): Promise<Outcome<null>> {
	const updated = await refusable(
		'save the group',
		supabase.from('groups').update(changes).eq('id', id).select('id')
	);
	if (updated.ok && updated.value.length === 0) {
		return { ok: false, refusal: `Only the hosts of ${name} can change it.` };
	}
	return updated.ok ? { ok: true, value: null } : updated;
}

/** A group in the list of groups: what its page shows, and how far it is from a place. */
export type GroupEntry = GroupDetails & {
	/** From the place asked about to the group's area, rounded to the area's size; null without one. */
	distance_km: number | null;
};

export interface GroupListPage {
	entries: GroupEntry[];
	/** Every group that matched, across all pages. */
	total: number;
}

interface GroupPageAnswer {
	total: number;
	items: { id: string; cell: string; distance_m: number | null }[];
}

/**
 * One page of the crews and congregations the visitor may see, filtered: nearest first within
 * `filters.withinKm` of a place, or by name. The database's `group_page` reads through the
 * audience rule, as the map and the directory do; the page's groups are then read as their pages
 * read them, and their distances rounded to the size of their area's cell.
 */
export async function listGroups(
	supabase: Client,
	{
		filters,
		place,
		page,
		pageSize
	}: { filters: GroupFilters; place: LatLng | null; page: number; pageSize: number }
): Promise<GroupListPage> {
	const answer = await supabase.rpc('group_page', {
		page,
		page_size: pageSize,
		near_lat: place?.lat,
		near_lng: place?.lng,
		within_km: place ? filters.withinKm : undefined,
		filters: {
			kind: filters.kind,
			seats_open: filters.seatsOpen,
			forming: filters.forming,
			meeting_mode: filters.meetingMode,
			language: filters.language
		}
	});
	if (answer.error) throw new QueryError('list the groups', answer.error);
	const { total, items } = answer.data as unknown as GroupPageAnswer;
	if (items.length === 0) return { entries: [], total };

	const { data, error } = await supabase
		.from('groups')
		.select(selectOf(GROUP_COLUMNS))
		.in(
			'id',
			items.map((item) => item.id)
		);
	if (error) throw new QueryError('read the listed groups', error);
	const byId = new Map(data.map((group) => [group.id, group]));
	return {
		entries: items.flatMap(({ id, cell, distance_m }) => {
			const group = byId.get(id);
			if (!group) return [];
			return [
				{
					...group,
					distance_km: distance_m === null ? null : roundedDistanceKm(distance_m / 1000, cell)
				}
			];
		}),
		total
	};
}
