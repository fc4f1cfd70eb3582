import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Tables } from '$lib/database.types';
import { selectOf } from './columns';
import { QueryError } from './query-error';

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
const GATHERING_COLUMNS = [
	'id',
	'kind',
	'name',
	'description',
	'starts_at',
	'ends_at',
	'time_zone',
	'capacity',
	'visibility',
	'area_label',
	'area_lat',
	'area_lng',
	'host_group_id'
] as const;
const GATHERING_LINK_COLUMNS = [
	'id',
	'kind',
	'name',
	'starts_at',
	'ends_at',
	'time_zone',
	'area_label'
] as const;

type Group = Tables<'groups'>;
type Gathering = Tables<'gatherings'>;

export type GroupDetails = Pick<Group, (typeof GROUP_COLUMNS)[number]>;
export type GroupLink = Pick<Group, (typeof GROUP_LINK_COLUMNS)[number]>;
export type GatheringDetails = Pick<Gathering, (typeof GATHERING_COLUMNS)[number]>;
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

export interface GatheringPage {
	gathering: GatheringDetails;
	/** The crew or congregation hosting it, when the visitor may see it. */
	host: GroupLink | null;
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
		supabase
			.from('gatherings')
			.select(selectOf(GATHERING_LINK_COLUMNS))
			.eq('host_group_id', group.id)
			.gte('ends_at', now.toISOString())
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

/** A gathering with its host, or null if the visitor may not see it. */
export async function readGatheringPage(
	supabase: Client,
	id: string
): Promise<GatheringPage | null> {
	const { data: gathering, error } = await supabase
		.from('gatherings')
		.select(selectOf(GATHERING_COLUMNS))
		.eq('id', id)
		.maybeSingle();
	if (error) throw new QueryError('read the gathering', error);
	if (!gathering) return null;
	if (!gathering.host_group_id) return { gathering, host: null };
	const host = await supabase
		.from('groups')
		.select(selectOf(GROUP_LINK_COLUMNS))
		.eq('id', gathering.host_group_id)
		.maybeSingle();
	if (host.error) throw new QueryError('read the gathering’s host', host.error);
	return { gathering, host: host.data };
}
