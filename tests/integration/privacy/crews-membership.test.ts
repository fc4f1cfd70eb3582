import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinThroughRequest, startGroup } from '../../support/groups';
import { database } from '../../support/privacy';
import {
	anonymousClient,
	membersNamedWith,
	type Client,
	type Member,
	type ProfileChanges
} from '../../support/supabase';

/**
 * Who is in a group (issue 10, "who sees what"): the member list is for the group's members only,
 * each member named only as their own profile lets the reader see them, and memberships change
 * only through the crew functions. Attacked as an anonymous visitor, a member outside the group,
 * a member of a congregation the crew is in, and the crew's members and host. Blocks are in
 * crews-blocking.test.ts. Everyone meets in Dar es Salaam, Tanzania, and is named with this run's
 * token.
 */

const token = `tz${randomUUID().slice(0, 6)}`;
const darEsSalaam = { lat: -6.7924, lng: 39.2083 };

let host: Member; // members; hosts the congregation and the crew
let crewmate: Member; // 'crewmates'; in the congregation and the crew
let hidden: Member; // 'only me'; in the crew
let congregant: Member; // members; in the congregation only
let outsider: Member; // members; in no group here
let congregation: string;
let crew: string;

const named = membersNamedWith(token);
/** Everyone here lives in Dar es Salaam, at town precision unless said otherwise. */
function person(name: string, profile: ProfileChanges): Promise<Member> {
	return named(name, { precision: 'town', ...profile }, darEsSalaam);
}

beforeAll(async () => {
	[host, crewmate, hidden, congregant, outsider] = await Promise.all([
		person('Host', { visibility: 'members' }),
		person('Crewmate', { visibility: 'crewmates' }),
		person('Hidden', { visibility: 'only_me' }),
		person('Congregant', { visibility: 'members' }),
		person('Outsider', { visibility: 'members' })
	]);
	congregation = await startGroup(host, {
		kind: 'congregation',
		name: `${token} Congregation`,
		at: darEsSalaam
	});
	crew = await startGroup(host, {
		name: `${token} Crew`,
		at: darEsSalaam,
		congregationId: congregation
	});
	await joinThroughRequest(congregation, crewmate, host);
	await joinThroughRequest(congregation, congregant, host);
	await joinThroughRequest(crew, crewmate, host);
	await joinThroughRequest(crew, hidden, crewmate);
});

afterAll(async () => {
	await database().query('delete from public.groups where name like $1', [`${token} %`]);
});

/** Each member of a group as `reader` is shown them: their name, or null where hidden. */
async function memberListAs(reader: Client, groupId: string) {
	const { data, error } = await reader.rpc('group_members_of', { group_id: groupId });
	expect(error).toBeNull();
	return new Map(data!.map((row) => [row.profile_id, row.display_name]));
}

describe('the member list', () => {
	it('names each crew member to the crew as their profile allows: crewmates yes, only me no', async () => {
		expect(await memberListAs(crewmate.client, crew)).toEqual(
			new Map([
				[host.id, `${token} Host`],
				[crewmate.id, `${token} Crewmate`],
				[hidden.id, null]
			])
		);
		expect(await memberListAs(hidden.client, crew)).toEqual(
			new Map([
				[host.id, `${token} Host`],
				[crewmate.id, `${token} Crewmate`],
				[hidden.id, `${token} Hidden`]
			])
		);
	});

	it('gives a hidden member’s place no more than their name', async () => {
		const { data } = await crewmate.client.rpc('group_members_of', { group_id: crew });
		const places = new Map(data!.map((row) => [row.profile_id, row.place_label]));
		expect(places.get(host.id)).toEqual(expect.any(String));
		expect(places.get(hidden.id)).toBeNull();
	});

	it('does not name a crewmates-only member to a congregation’s members outside their crew', async () => {
		expect(await memberListAs(congregant.client, congregation)).toEqual(
			new Map([
				[host.id, `${token} Host`],
				[crewmate.id, null],
				[congregant.id, `${token} Congregant`]
			])
		);
		// The host shares the crew with them, so sees them named in the congregation too.
		expect((await memberListAs(host.client, congregation)).get(crewmate.id)).toBe(
			`${token} Crewmate`
		);
	});

	it('is the same in the memberships table, for the group’s members only', async () => {
		const rows = async (client: Client, groupId: string) => {
			const { data, error } = await client
				.from('group_members')
				.select('profile_id, role')
				.eq('group_id', groupId);
			expect(error).toBeNull();
			return data!.map((row) => row.profile_id).sort();
		};
		expect(await rows(hidden.client, crew)).toEqual([host.id, crewmate.id, hidden.id].sort());
		expect(await rows(congregant.client, crew)).toEqual([]);
		expect(await rows(outsider.client, crew)).toEqual([]);
		expect(await rows(outsider.client, congregation)).toEqual([]);
	});

	it('is empty for a member outside the group, and not even a count', async () => {
		for (const client of [outsider.client, congregant.client]) {
			expect(await memberListAs(client, crew)).toEqual(new Map());
			const counted = await client
				.from('group_members')
				.select('profile_id', { count: 'exact', head: true })
				.eq('group_id', crew);
			expect(counted.count).toBe(0);
		}
	});

	it('is refused to anonymous visitors', async () => {
		const listed = await anonymousClient().rpc('group_members_of', { group_id: crew });
		expect(listed.error?.code).toBe('42501');
		const read = await anonymousClient().from('group_members').select('profile_id');
		expect(read.error?.code).toBe('42501');
	});
});

describe('writing memberships directly', () => {
	const writers: { who: string; client: () => Client; them: () => Member }[] = [
		{ who: 'an anonymous visitor', client: () => anonymousClient(), them: () => outsider },
		{ who: 'a member outside the crew', client: () => outsider.client, them: () => outsider },
		{ who: 'a member of the crew', client: () => crewmate.client, them: () => crewmate },
		{ who: 'the crew’s host', client: () => host.client, them: () => host }
	];

	async function memberships() {
		const { rows } = await database().query(
			'select profile_id, role from public.group_members where group_id = $1 order by 1',
			[crew]
		);
		return rows;
	}

	it.each(writers)('changes nothing as $who', async ({ client, them }) => {
		const before = await memberships();
		const inserted = await client()
			.from('group_members')
			.insert({ group_id: crew, profile_id: outsider.id, role: 'host' });
		expect(inserted.error?.code).toBe('42501');
		const promoted = await client()
			.from('group_members')
			.update({ role: 'host' })
			.eq('group_id', crew)
			.eq('profile_id', them().id);
		expect(promoted.error?.code).toBe('42501');
		const removed = await client()
			.from('group_members')
			.delete()
			.eq('group_id', crew)
			.eq('profile_id', hidden.id);
		expect(removed.error?.code).toBe('42501');
		expect(await memberships()).toEqual(before);
		const { rows } = await database().query(
			'select member_count from public.groups where id = $1',
			[crew]
		);
		expect(rows[0].member_count).toBe(3);
	});
});

describe('group_hosts_of', () => {
	beforeAll(async () => {
		for (const member of [crewmate, hidden]) {
			const { error } = await host.client.rpc('set_member_role', {
				group_id: crew,
				profile_id: member.id,
				role: 'host'
			});
			expect(error).toBeNull();
		}
	});

	async function hostsAs(client: Client) {
		const { data, error } = await client.rpc('group_hosts_of', { group_id: crew });
		expect(error).toBeNull();
		return data!.map((row) => row.display_name).sort();
	}

	it('names to a member outside the crew only the hosts whose profiles they may see', async () => {
		expect(await hostsAs(outsider.client)).toEqual([`${token} Host`]);
		expect(await hostsAs(congregant.client)).toEqual([`${token} Host`]);
	});

	it('names a crewmates-only host to their crewmates', async () => {
		expect(await hostsAs(host.client)).toEqual([`${token} Crewmate`, `${token} Host`]);
	});

	it('is refused to anonymous visitors', async () => {
		const { error } = await anonymousClient().rpc('group_hosts_of', { group_id: crew });
		expect(error?.code).toBe('42501');
	});
});
