import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Tables } from '$lib/database.types';
import type { Standing } from '$lib/groups/join-state';
import type { GroupDetails } from './groups';
import { QueryError } from './query-error';

/**
 * Who is in a group and how the visitor stands with it: their role, their open request or
 * invitation, and for its members the member list, the open requests and invitations, and crews'
 * requests to join a congregation. Read with the visitor's own client: row-level security and the
 * database's member-list functions decide what each visitor gets (a member list only for
 * members, each member only as their profile allows), so nothing here checks who may.
 */
type Client = SupabaseClient<Database>;

/** One row of `group_members_of`: the name is null where the member's profile is hidden. */
export interface GroupMember {
	profile_id: string;
	role: 'host' | 'member';
	joined_at: string;
	display_name: string | null;
	place_label: string | null;
}

export interface Host {
	profile_id: string;
	display_name: string;
}

export type OpenRequest = Pick<
	Tables<'group_requests'>,
	'id' | 'requester_id' | 'requester_name' | 'message' | 'created_at'
>;
export type OpenInvitation = Pick<
	Tables<'group_invitations'>,
	'id' | 'invitee_id' | 'invitee_name' | 'inviter_name' | 'message' | 'created_at'
>;

/** A crew asking to join a congregation, or a congregation a crew has asked to join. */
export interface CongregationRequest {
	id: string;
	group: { id: string; name: string };
}

export interface GroupStanding extends Standing {
	/** The hosts whose profiles the visitor may see; null for visitors who are not signed in. */
	hosts: Host[] | null;
	/** The member list, for its members; empty for everyone else. */
	members: GroupMember[];
	/** Requests to join waiting for an answer (members see them). */
	openRequests: OpenRequest[];
	/** Invitations not yet answered: its hosts see them, and may take them back. */
	openInvitations: OpenInvitation[];
	/** A congregation's: crews asking to join it (its members see them; its hosts decide). */
	crewRequests: CongregationRequest[];
	/** A crew's: the congregations it has asked to join. */
	congregationAsks: CongregationRequest[];
}

type Group = Pick<GroupDetails, 'id' | 'kind'>;

/** How the visitor (signed in as `userId`, or not) stands with a group, with what they may see. */
export async function readGroupStanding(
	supabase: Client,
	{ group, userId }: { group: Group; userId: string | null }
): Promise<GroupStanding> {
	if (!userId) {
		return {
			signedIn: false,
			onboarded: false,
			role: null,
			hostCount: 0,
			ownRequest: null,
			ownInvitation: null,
			hosts: null,
			members: [],
			openRequests: [],
			openInvitations: [],
			crewRequests: [],
			congregationAsks: []
		};
	}
	const [profile, members, hosts, requests, invitations, congregationRequests] = await Promise.all([
		supabase.from('profiles').select('onboarded_at').eq('id', userId).maybeSingle(),
		supabase.rpc('group_members_of', { group_id: group.id }),
		supabase.rpc('group_hosts_of', { group_id: group.id }),
		// The visitor's own, and for members everyone's: the policies decide which come back.
		supabase
			.from('group_requests')
			.select('id, requester_id, requester_name, message, created_at')
			.eq('group_id', group.id)
			.eq('status', 'open')
			.order('created_at'),
		supabase
			.from('group_invitations')
			.select('id, invitee_id, invitee_name, inviter_name, message, created_at')
			.eq('group_id', group.id)
			.eq('status', 'open')
			.order('created_at'),
		supabase
			.from('congregation_requests')
			.select('id, crew_id, congregation_id')
			.or(`crew_id.eq.${group.id},congregation_id.eq.${group.id}`)
			.eq('status', 'open')
			.order('created_at')
	]);
	for (const result of [profile, members, hosts, requests, invitations, congregationRequests]) {
		if (result.error) throw new QueryError('read who is in the group', result.error);
	}
	const memberList = (members.data ?? []) as GroupMember[];
	const role = memberList.find((member) => member.profile_id === userId)?.role ?? null;
	const ownRequest = requests.data?.find((request) => request.requester_id === userId) ?? null;
	const ownInvitation =
		invitations.data?.find((invitation) => invitation.invitee_id === userId) ?? null;
	return {
		signedIn: true,
		onboarded: Boolean(profile.data?.onboarded_at),
		role,
		hostCount: memberList.filter((member) => member.role === 'host').length,
		ownRequest,
		ownInvitation,
		hosts: hosts.data ?? [],
		members: memberList,
		openRequests: role ? (requests.data ?? []) : [],
		openInvitations: role ? (invitations.data ?? []) : [],
		...(await congregationLinks(supabase, group, congregationRequests.data ?? []))
	};
}

/** The other group of each open crew–congregation request, named. */
async function congregationLinks(
	supabase: Client,
	group: Group,
	requests: { id: string; crew_id: string; congregation_id: string }[]
): Promise<Pick<GroupStanding, 'crewRequests' | 'congregationAsks'>> {
	if (requests.length === 0) return { crewRequests: [], congregationAsks: [] };
	const otherOf = (request: (typeof requests)[number]) =>
		request.crew_id === group.id ? request.congregation_id : request.crew_id;
	const { data, error } = await supabase
		.from('groups')
		.select('id, name')
		.in('id', requests.map(otherOf));
	if (error) throw new QueryError('read the groups asking', error);
	const named = requests.flatMap((request) => {
		const other = data.find((candidate) => candidate.id === otherOf(request));
		return other
			? [{ id: request.id, group: other, crewAsking: request.crew_id !== group.id }]
			: [];
	});
	return {
		crewRequests: named
			.filter((request) => request.crewAsking)
			.map(({ id, group }) => ({ id, group })),
		congregationAsks: named
			.filter((request) => !request.crewAsking)
			.map(({ id, group }) => ({ id, group }))
	};
}

/** A group someone is in, as their own page lists it. */
export interface OwnGroup {
	role: 'host' | 'member';
	group: Pick<Tables<'groups'>, 'id' | 'kind' | 'name' | 'status'>;
}

/** A request or invitation of one's own, waiting, with the group it is about. */
export interface OwnRequest {
	id: string;
	message: string;
	created_at: string;
	group: { id: string; name: string };
}

export interface OwnInvitation extends OwnRequest {
	inviter_name: string;
}

/** The signed-in person's groups, their open requests and their open invitations. */
export async function readOwnGroups(
	supabase: Client,
	userId: string
): Promise<{ groups: OwnGroup[]; requests: OwnRequest[]; invitations: OwnInvitation[] }> {
	const [groups, requests, invitations] = await Promise.all([
		supabase
			.from('group_members')
			.select('role, group:groups!inner(id, kind, name, status)')
			.eq('profile_id', userId)
			.order('joined_at'),
		supabase
			.from('group_requests')
			.select('id, message, created_at, group:groups!inner(id, name)')
			.eq('requester_id', userId)
			.eq('status', 'open')
			.order('created_at'),
		supabase
			.from('group_invitations')
			.select('id, message, created_at, inviter_name, group:groups!inner(id, name)')
			.eq('invitee_id', userId)
			.eq('status', 'open')
			.order('created_at')
	]);
	if (groups.error) throw new QueryError('list your groups', groups.error);
	if (requests.error) throw new QueryError('list your requests', requests.error);
	if (invitations.error) throw new QueryError('list your invitations', invitations.error);
	return {
		groups: groups.data as OwnGroup[],
		requests: requests.data,
		invitations: invitations.data
	};
}

/**
 * The groups the signed-in person hosts that have a seat for `inviteeId` (forming or open, and
 * not theirs already), for the "Invite to …" form on that person's profile.
 */
export async function listGroupsToInviteTo(
	supabase: Client,
	{ userId, inviteeId }: { userId: string; inviteeId: string }
): Promise<{ id: string; name: string }[]> {
	const { data: hosted, error } = await supabase
		.from('group_members')
		.select('group:groups!inner(id, name, status)')
		.eq('profile_id', userId)
		.eq('role', 'host')
		.in('group.status', ['forming', 'open']);
	if (error) throw new QueryError('list the groups you host', error);
	if (hosted.length === 0) return [];
	const groups = hosted.map(({ group }) => group);
	// A host reads the memberships of their own groups, so this finds the invitee's among them.
	const { data: theirs, error: theirsError } = await supabase
		.from('group_members')
		.select('group_id')
		.eq('profile_id', inviteeId)
		.in(
			'group_id',
			groups.map(({ id }) => id)
		);
	if (theirsError) throw new QueryError('read whom your groups hold', theirsError);
	const joined = new Set(theirs.map(({ group_id }) => group_id));
	return groups
		.filter(({ id }) => !joined.has(id))
		.map(({ id, name }) => ({ id, name }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
