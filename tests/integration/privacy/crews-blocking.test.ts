import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinThroughRequest, refusal, startGroup } from '../../support/groups';
import { database } from '../../support/privacy';
import { membersNamedWith, type Member } from '../../support/supabase';

/**
 * Blocking stays total in crews (issue 10, guarantee 7): a person never sees someone who blocked
 * them in a member list, the hosts, a request, an invitation or their inbox; and nobody gets into
 * a crew one of whose members they blocked or were blocked by, by asking, being invited or
 * accepting an invitation made before the block. What they are told is exactly what an ordinary
 * refusal says, so it does not tell them why. Everyone meets in Dakar, Senegal, and is named with
 * this run's token.
 */

const token = `sn${randomUUID().slice(0, 6)}`;
const person = membersNamedWith(token);
const dakar = { lat: 14.7167, lng: -17.4677 };

async function block(blocker: Member, blocked: Member) {
	const { error } = await blocker.client.from('blocks').insert({ blocked_id: blocked.id });
	expect(error).toBeNull();
}

let groupCount = 0;
function crewOf(host: Member) {
	return startGroup(host, { name: `${token} Crew ${++groupCount}`, at: dakar, sizeLimit: 8 });
}

afterAll(async () => {
	await database().query('delete from public.groups where name like $1', [`${token} %`]);
});

/** The refusal of a call that tries a crew "as it is now": the same for every reason not shown. */
type Refusal = ReturnType<typeof refusal>;

describe('getting into a crew one of whose members blocked you, or whom you blocked', () => {
	let host: Member;
	let blocker: Member; // in the crew; blocked `blocked`
	let blocked: Member;
	let blocksMember: Member; // blocked `blocker`
	let crew: string;
	/** What someone this crew declined lately is told when they ask again. */
	let ordinaryRequestRefusal: Refusal;

	beforeAll(async () => {
		let declined: Member;
		[host, blocker, blocked, blocksMember, declined] = await Promise.all([
			person('Host'),
			person('Blocker'),
			person('Blocked'),
			person('BlocksMember'),
			person('Declined')
		]);
		crew = await crewOf(host);
		await joinThroughRequest(crew, blocker, host);
		await block(blocker, blocked);
		await block(blocksMember, blocker);
		const asked = await declined.client.rpc('request_to_join', { group_id: crew });
		await host.client.rpc('decide_request', { request_id: asked.data!, accept: false });
		ordinaryRequestRefusal = refusal(
			await declined.client.rpc('request_to_join', { group_id: crew })
		);
		expect(ordinaryRequestRefusal).toEqual({
			code: 'P0001',
			message: `${token} Crew 1 is not taking a request from you at the moment.`
		});
	});

	it('refuses their request exactly as it refuses someone it declined lately', async () => {
		for (const asker of [blocked, blocksMember]) {
			const answer = await asker.client.rpc('request_to_join', { group_id: crew });
			expect(refusal(answer)).toEqual(ordinaryRequestRefusal);
		}
		const { rows } = await database().query(
			'select 1 from public.group_requests where requester_id = any ($1::uuid[])',
			[[blocked.id, blocksMember.id]]
		);
		expect(rows).toEqual([]);
	});

	it('refuses to invite them exactly as it refuses someone the host cannot see', async () => {
		const onlyMe = await person('OnlyMe', { visibility: 'only_me' });
		const [ordinary, ...answers] = await Promise.all(
			[onlyMe, blocked, blocksMember].map(async (invitee) =>
				refusal(
					await host.client.rpc('invite_to_group', { group_id: crew, invitee_id: invitee.id })
				)
			)
		);
		expect(ordinary).toEqual({
			code: 'P0001',
			message: 'You can invite only people you can see on the map or in the directory.'
		});
		expect(answers).toEqual([ordinary, ordinary]);
	});

	describe('with an invitation made before the block', () => {
		let lateBlocked: Member;
		let lateBlocksMember: Member;
		let invitations: string[];

		beforeAll(async () => {
			[lateBlocked, lateBlocksMember] = await Promise.all([
				person('LateBlocked'),
				person('LateBlocksMember')
			]);
			invitations = [];
			for (const invitee of [lateBlocked, lateBlocksMember]) {
				const invited = await host.client.rpc('invite_to_group', {
					group_id: crew,
					invitee_id: invitee.id
				});
				expect(invited.error).toBeNull();
				invitations.push(invited.data!);
			}
			await block(blocker, lateBlocked);
			await block(lateBlocksMember, blocker);
		});

		it('does not show them the invitation, and answers it as one that does not exist', async () => {
			const [lateBlockedAnswer, lateBlocksMemberAnswer, missing] = await Promise.all([
				lateBlocked.client.rpc('answer_invitation', {
					invitation_id: invitations[0],
					accept: true
				}),
				lateBlocksMember.client.rpc('answer_invitation', {
					invitation_id: invitations[1],
					accept: true
				}),
				lateBlocked.client.rpc('answer_invitation', { invitation_id: randomUUID(), accept: true })
			]);
			expect(refusal(missing)).toEqual({
				code: 'P0002',
				message: 'There is no such invitation for you to answer.'
			});
			expect(refusal(lateBlockedAnswer)).toEqual(refusal(missing));
			expect(refusal(lateBlocksMemberAnswer)).toEqual(refusal(missing));
			for (const invitee of [lateBlocked, lateBlocksMember]) {
				const { data } = await invitee.client.from('group_invitations').select('id');
				expect(data).toEqual([]);
			}
			const { rows } = await database().query(
				'select 1 from public.group_members where group_id = $1 and profile_id = any ($2::uuid[])',
				[crew, [lateBlocked.id, lateBlocksMember.id]]
			);
			expect(rows).toEqual([]);
		});

		it('refuses their request exactly as it refuses someone it declined lately', async () => {
			for (const asker of [lateBlocked, lateBlocksMember]) {
				const answer = await asker.client.rpc('request_to_join', { group_id: crew });
				expect(refusal(answer)).toEqual(ordinaryRequestRefusal);
			}
		});
	});

	it('refuses the request of someone invited by the host who blocked them, as an ordinary refusal', async () => {
		const invitee = await person('InvitedThenBlocked');
		const hostsCrew = await crewOf(blocker);
		const invited = await blocker.client.rpc('invite_to_group', {
			group_id: hostsCrew,
			invitee_id: invitee.id
		});
		expect(invited.error).toBeNull();
		await block(blocker, invitee);
		const { data } = await invitee.client.from('group_invitations').select('id');
		expect(data).toEqual([]);
		const asked = refusal(await invitee.client.rpc('request_to_join', { group_id: hostsCrew }));
		expect(asked).toEqual({
			code: 'P0001',
			message: `${token} Crew ${groupCount} is not taking a request from you at the moment.`
		});
	});
});

describe('in a crew where one member blocked another', () => {
	let host: Member;
	let blocker: Member; // a host of the crew; blocked `blocked` after both joined
	let blocked: Member;
	let bystander: Member; // in the crew
	let newcomer: Member; // invited by the blocker
	let crew: string;
	let othersCrew: string; // the blocked person and the bystander's, which the blocker asked to join

	beforeAll(async () => {
		[host, blocker, blocked, bystander, newcomer] = await Promise.all([
			person('CrewHost'),
			person('CrewBlocker'),
			person('CrewBlocked'),
			person('CrewBystander'),
			person('Newcomer')
		]);
		crew = await crewOf(host);
		for (const member of [blocker, blocked, bystander]) {
			await joinThroughRequest(crew, member, host);
		}
		await host.client.rpc('set_member_role', {
			group_id: crew,
			profile_id: blocker.id,
			role: 'host'
		});
		othersCrew = await crewOf(blocked);
		await joinThroughRequest(othersCrew, bystander, blocked);
		// Before the block: the blocker invites someone, asks to join the other crew, and so
		// tells the blocked person, whose inbox names them.
		const invited = await blocker.client.rpc('invite_to_group', {
			group_id: crew,
			invitee_id: newcomer.id,
			message: 'Come along'
		});
		expect(invited.error).toBeNull();
		const asked = await blocker.client.rpc('request_to_join', {
			group_id: othersCrew,
			message: 'May I?'
		});
		expect(asked.error).toBeNull();
		await block(blocker, blocked);
	});

	it('hides the blocker from the blocked person’s member list, and from no one else', async () => {
		const listAs = async (reader: Member) => {
			const { data } = await reader.client.rpc('group_members_of', { group_id: crew });
			const table = await reader.client
				.from('group_members')
				.select('profile_id')
				.eq('group_id', crew);
			return {
				list: data!.map((row) => row.profile_id).includes(blocker.id),
				table: table.data!.map((row) => row.profile_id).includes(blocker.id)
			};
		};
		expect(await listAs(blocked)).toEqual({ list: false, table: false });
		expect(await listAs(bystander)).toEqual({ list: true, table: true });
		// The block hides the blocker, not the blocked person from them.
		const { data } = await blocker.client.rpc('group_members_of', { group_id: crew });
		expect(data!.map((row) => row.profile_id)).toContain(blocked.id);
	});

	it('hides the blocker from the hosts the blocked person is shown', async () => {
		const hostsAs = async (reader: Member) => {
			const { data } = await reader.client.rpc('group_hosts_of', { group_id: crew });
			return data!.map((row) => row.profile_id).sort();
		};
		expect(await hostsAs(blocked)).toEqual([host.id]);
		expect(await hostsAs(bystander)).toEqual([host.id, blocker.id].sort());
	});

	it('closes the blocker’s open request to the blocked person’s crew, as an ordinary decline', async () => {
		const requestsAs = async (reader: Member) => {
			const { data } = await reader.client
				.from('group_requests')
				.select('requester_id, status')
				.eq('group_id', othersCrew)
				.eq('requester_id', blocker.id);
			return data;
		};
		// Nobody is left with an open request across the block, which a member could accept
		// only to be told something a block alone explains.
		expect(await requestsAs(blocker)).toEqual([{ requester_id: blocker.id, status: 'declined' }]);
		expect(await requestsAs(bystander)).toEqual([{ requester_id: blocker.id, status: 'declined' }]);
		expect(await requestsAs(blocked)).toEqual([]);
	});

	it('hides the invitations the blocker sent from the blocked person', async () => {
		const invitationsAs = async (reader: Member) => {
			const { data } = await reader.client
				.from('group_invitations')
				.select('inviter_name, invitee_name')
				.eq('group_id', crew);
			return data;
		};
		// Invitations are the hosts' (and the invitee's) to read: as a host too, the blocked
		// person does not see the blocker's.
		const promoted = await host.client.rpc('set_member_role', {
			group_id: crew,
			profile_id: blocked.id,
			role: 'host'
		});
		expect(promoted.error).toBeNull();
		expect(await invitationsAs(blocked)).toEqual([]);
		expect(await invitationsAs(bystander)).toEqual([]);
		expect(await invitationsAs(host)).toEqual([
			{ inviter_name: `${token} CrewBlocker`, invitee_name: `${token} Newcomer` }
		]);
	});

	it('takes the blocker’s name out of the blocked person’s inbox, and sends nothing more from them', async () => {
		await blocker.client.rpc('leave_group', { group_id: crew });
		const namesAs = async (reader: Member) => {
			const { data, error } = await reader.client
				.from('notifications')
				.select('kind, actor_name, body');
			expect(error).toBeNull();
			return JSON.stringify(data);
		};
		expect(await namesAs(blocked)).not.toContain(`${token} CrewBlocker`);
		expect(await namesAs(bystander)).toContain(`${token} CrewBlocker`);
		const exported = await blocked.client.rpc('export_my_data');
		expect(JSON.stringify(exported.data)).not.toContain(`${token} CrewBlocker`);
	});
});
