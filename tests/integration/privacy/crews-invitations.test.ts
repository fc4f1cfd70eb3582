import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createGroup,
	hostGroup,
	joinThroughRequest,
	pastDailyLimit,
	refusal,
	startGroup
} from '../../support/groups';
import { accessToken, database, overlapping, rest } from '../../support/privacy';
import {
	anonymousClient,
	membersNamedWith,
	type Client,
	type Member
} from '../../support/supabase';

/**
 * Invitations (issue 10): a host invites someone they can see, the invitee alone answers, a host
 * alone withdraws, the invitee and the group's members alone read them, and each host sends a
 * limited number a day. Attacked as an anonymous visitor, another member, the invitee, a member
 * of the group and its host. Blocks are in crews-blocking.test.ts. Everything meets in Addis
 * Ababa, Ethiopia, and is named with this run's token.
 */

const token = `et${randomUUID().slice(0, 6)}`;
const person = membersNamedWith(token);
const addisAbaba = { lat: 9.0054, lng: 38.7636 };

let host: Member;
let member: Member; // in the crew, not a host
let outsider: Member; // in no group here
let crew: string;

beforeAll(async () => {
	[host, member, outsider] = await Promise.all([
		person('Host'),
		person('Member'),
		person('Outsider')
	]);
	crew = await startGroup(host, { name: `${token} Crew`, at: addisAbaba, sizeLimit: 8 });
	await joinThroughRequest(crew, member, host);
});

afterAll(async () => {
	await database().query('delete from public.groups where name like $1', [`${token} %`]);
});

async function invite(invitee: Member, groupId = crew, message = '', by = host) {
	const { data, error } = await by.client.rpc('invite_to_group', {
		group_id: groupId,
		invitee_id: invitee.id,
		message
	});
	if (error) throw error;
	return data;
}

async function invitationStatus(id: string) {
	const { rows } = await database().query<{ status: string }>(
		'select status from public.group_invitations where id = $1',
		[id]
	);
	return rows[0]?.status;
}

async function invitationsOf(invitee: Member) {
	const { rows } = await database().query(
		'select group_id from public.group_invitations where invitee_id = $1',
		[invitee.id]
	);
	return rows;
}

describe('inviting', () => {
	it('is for the group’s hosts only', async () => {
		const guest = await person('Guest');
		const onlyHosts = { code: '42501', message: `Only the hosts of ${token} Crew can do this.` };
		for (const inviter of [member, outsider]) {
			const answer = await inviter.client.rpc('invite_to_group', {
				group_id: crew,
				invitee_id: guest.id
			});
			expect(refusal(answer)).toEqual(onlyHosts);
		}
		const anonymous = await anonymousClient().rpc('invite_to_group', {
			group_id: crew,
			invitee_id: guest.id
		});
		expect(anonymous.error?.code).toBe('42501');
		expect(await invitationsOf(guest)).toEqual([]);
	});

	it('reaches someone the host can see, who is told', async () => {
		const guest = await person('Told');
		const invitation = await invite(guest, crew, 'Join us on Tuesdays?');
		const { data } = await guest.client
			.from('notifications')
			.select('kind, invitation_id, actor_name, body');
		expect(data).toEqual([
			{
				kind: 'invitation_received',
				invitation_id: invitation,
				actor_name: `${token} Host`,
				body: 'Join us on Tuesdays?'
			}
		]);
	});

	it('gives one answer for someone only-me, someone who blocked the host, someone the host blocked, an unknown id and the host', async () => {
		const [onlyMe, blocksHost, blockedByHost] = await Promise.all([
			person('OnlyMe', { visibility: 'only_me' }),
			person('BlocksHost'),
			person('BlockedByHost')
		]);
		expect(
			(await blocksHost.client.from('blocks').insert({ blocked_id: host.id })).error
		).toBeNull();
		expect(
			(await host.client.from('blocks').insert({ blocked_id: blockedByHost.id })).error
		).toBeNull();
		const answers = await Promise.all(
			[onlyMe.id, blocksHost.id, blockedByHost.id, randomUUID(), host.id].map(async (id) =>
				refusal(await host.client.rpc('invite_to_group', { group_id: crew, invitee_id: id }))
			)
		);
		expect(answers).toEqual(
			Array(5).fill({
				code: 'P0001',
				message: 'You can invite only people you can see on the map or in the directory.'
			})
		);
		for (const someone of [onlyMe, blocksHost, blockedByHost]) {
			expect(await invitationsOf(someone)).toEqual([]);
		}
	});

	it('refuses someone in the group already, invited already, or who has asked to join', async () => {
		const [invited, asking] = await Promise.all([person('Invited'), person('Asking')]);
		await invite(invited);
		await asking.client.rpc('request_to_join', { group_id: crew });
		const answerFor = async (who: Member) =>
			refusal(await host.client.rpc('invite_to_group', { group_id: crew, invitee_id: who.id }));
		expect(await answerFor(member)).toEqual({
			code: 'P0001',
			message: `${token} Member is in ${token} Crew already.`
		});
		expect(await answerFor(invited)).toEqual({
			code: 'P0001',
			message: `${token} Invited is invited already.`
		});
		expect(await answerFor(asking)).toEqual({
			code: 'P0001',
			message: `${token} Asking has asked to join: accept their request instead.`
		});
	});

	it('refuses while the group is paused', async () => {
		const guest = await person('Paused');
		await host.client.from('groups').update({ status: 'paused' }).eq('id', crew);
		try {
			const answer = await host.client.rpc('invite_to_group', {
				group_id: crew,
				invitee_id: guest.id
			});
			expect(refusal(answer)).toEqual({
				code: 'P0001',
				message: `${token} Crew is paused and takes nobody new for now.`
			});
		} finally {
			await host.client.from('groups').update({ status: 'open' }).eq('id', crew);
		}
	});
});

describe('answering an invitation', () => {
	it('is for the invitee only', async () => {
		const guest = await person('Answerer');
		const invitation = await invite(guest);
		const notYours = { code: 'P0002', message: 'There is no such invitation for you to answer.' };
		for (const other of [host, member, outsider]) {
			const answer = await other.client.rpc('answer_invitation', {
				invitation_id: invitation,
				accept: true
			});
			expect(refusal(answer)).toEqual(notYours);
		}
		const missing = await guest.client.rpc('answer_invitation', {
			invitation_id: randomUUID(),
			accept: true
		});
		expect(refusal(missing)).toEqual(notYours);
		const anonymous = await anonymousClient().rpc('answer_invitation', {
			invitation_id: invitation,
			accept: true
		});
		expect(anonymous.error?.code).toBe('42501');
		expect(await invitationStatus(invitation)).toBe('open');

		expect(
			(await guest.client.rpc('answer_invitation', { invitation_id: invitation, accept: false }))
				.error
		).toBeNull();
		expect(await invitationStatus(invitation)).toBe('declined');
		const again = await guest.client.rpc('answer_invitation', {
			invitation_id: invitation,
			accept: true
		});
		expect(refusal(again)).toEqual({
			code: 'P0001',
			message: 'This invitation was already declined.'
		});
	});

	it('takes a seat when accepted', async () => {
		const guest = await person('Accepter');
		const invitation = await invite(guest);
		const { error } = await guest.client.rpc('answer_invitation', {
			invitation_id: invitation,
			accept: true
		});
		expect(error).toBeNull();
		const members = await guest.client.rpc('group_members_of', { group_id: crew });
		expect(members.data?.map((row) => row.profile_id)).toContain(guest.id);
		await guest.client.rpc('leave_group', { group_id: crew });
	});
});

describe('withdrawing an invitation', () => {
	it('is for the group’s hosts only', async () => {
		const guest = await person('Withdrawn');
		const invitation = await invite(guest);
		const otherHost = await person('OtherHost');
		await startGroup(otherHost, { name: `${token} Other Crew`, at: addisAbaba });
		const notYours = { code: 'P0002', message: 'There is no such invitation for you to answer.' };
		for (const other of [member, guest, outsider, otherHost]) {
			const answer = await other.client.rpc('withdraw_invitation', { invitation_id: invitation });
			expect(refusal(answer)).toEqual(notYours);
		}
		expect(await invitationStatus(invitation)).toBe('open');
		const { error } = await host.client.rpc('withdraw_invitation', { invitation_id: invitation });
		expect(error).toBeNull();
		const late = await guest.client.rpc('answer_invitation', {
			invitation_id: invitation,
			accept: true
		});
		expect(refusal(late)).toEqual({
			code: 'P0001',
			message: 'This invitation was already withdrawn.'
		});
	});
});

describe('who reads an invitation', () => {
	let guest: Member;
	let otherGuest: Member;
	let invitation: string;

	beforeAll(async () => {
		[guest, otherGuest] = await Promise.all([person('Reader'), person('OtherReader')]);
		invitation = await invite(guest, crew, 'We meet by the river.');
		await invite(otherGuest);
	});

	const readAs = async (client: Client) => {
		const { data, error } = await client
			.from('group_invitations')
			.select('invitee_name, inviter_name, message')
			.eq('id', invitation);
		expect(error).toBeNull();
		return data;
	};

	it('shows the invitee and the group’s hosts the invitation', async () => {
		const shown = [
			{
				invitee_name: `${token} Reader`,
				inviter_name: `${token} Host`,
				message: 'We meet by the river.'
			}
		];
		for (const client of [guest.client, host.client]) {
			expect(await readAs(client)).toEqual(shown);
		}
	});

	it('shows nothing to a member of the group who is not a host: the invitee chose the host', async () => {
		expect(await readAs(member.client)).toEqual([]);
	});

	it('shows nothing to a member outside the group, nor to another invitee', async () => {
		expect(await readAs(outsider.client)).toEqual([]);
		expect(await readAs(otherGuest.client)).toEqual([]);
	});

	it('is refused to anonymous visitors', async () => {
		const { error } = await anonymousClient().from('group_invitations').select('message');
		expect(error?.code).toBe('42501');
	});

	it('never gives the inviter’s account id, by column, filter or embedding', async () => {
		const as = await accessToken(guest);
		for (const path of [
			`group_invitations?select=invited_by&id=eq.${invitation}`,
			`group_invitations?select=*&id=eq.${invitation}`,
			`group_invitations?select=id&invited_by=eq.${host.id}`,
			`group_invitations?select=id,inviter:profiles!group_invitations_invited_by_fkey(id)`
		]) {
			const response = await rest(as, path);
			expect(response.status, path).toBeGreaterThanOrEqual(400);
			expect(response.text, path).not.toContain(host.id);
		}
	});
});

describe('the daily limit on invitations', () => {
	let guests: Member[];

	beforeAll(async () => {
		guests = await Promise.all(Array.from({ length: 7 }, (_, i) => person(`Guest${i}`)));
	});

	/** A host of `count` groups nobody in the test made: what it is about is the inviting. */
	async function hostOfGroups(name: string, count: number) {
		const inviter = await person(name);
		const groups = [];
		for (let i = 0; i < count; i++) {
			const group = await createGroup({
				kind: 'congregation',
				name: `${token} ${name} ${i}`,
				at: addisAbaba
			});
			await hostGroup(group, inviter);
			groups.push(group);
		}
		return { inviter, groups };
	}

	it('takes twenty a day, and refuses the twenty-first with a clear message', async () => {
		const { inviter, groups } = await hostOfGroups('Busy', 3);
		const pairs = groups.flatMap((group) => guests.map((guest) => [group, guest] as const));
		for (const [group, guest] of pairs.slice(0, 20)) await invite(guest, group, '', inviter);
		const [group, guest] = pairs[20];
		const answer = await inviter.client.rpc('invite_to_group', {
			group_id: group,
			invitee_id: guest.id
		});
		expect(answer.error).toMatchObject(pastDailyLimit(20, 'invitations'));
	});

	it('takes no twenty-first when two invitations to different groups overlap', async () => {
		const { inviter, groups } = await hostOfGroups('Hasty', 4);
		const [first, second, third, fourth] = groups;
		for (const group of [first, second]) {
			for (const guest of guests) await invite(guest, group, '', inviter);
		}
		for (const guest of guests.slice(0, 5)) await invite(guest, third, '', inviter);
		// Two groups, so that nothing but the limit has the two wait for each other.
		const sql = 'select public.invite_to_group($1, $2)';
		const [twentieth, twentyFirst] = await overlapping(
			inviter,
			[sql, [third, guests[5].id]],
			[sql, [fourth, guests[0].id]]
		);
		expect(twentieth).toBeNull();
		expect(twentyFirst?.message).toMatch(/the most we allow/);
	});
});
