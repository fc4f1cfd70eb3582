import { beforeAll, describe, expect, it } from 'vitest';
import { joinThroughRequest, startGroup } from '../../support/groups';
import {
	memberWithProfile,
	signUpMember,
	type Member,
	type ProfileChanges
} from '../../support/supabase';
import {
	accessToken,
	anonymousToken,
	anonymousViewOf,
	database,
	groundTruth,
	neighboursOf,
	nowhere,
	rest,
	sightings,
	type Point
} from '../../support/privacy';

/**
 * Guarantee 8: leaving is real. delete_my_account removes everything of the person at once;
 * export_my_data gives them all of it, and nothing of anyone else. Everyone here lives in
 * Yerevan, Armenia.
 */

const yerevan: Point = { lat: 40.19234567, lng: 44.51876543 };

let leaver: Member;
let neighbours: Member[];
let blockedByLeaver: Member;
let blockerOfLeaver: Member;
let member: Member;
/** A crew in Yerevan the leaver hosts, with one other member. */
let crewId: string;
/** Groups of a neighbour's: the leaver asked to join one and is invited to the other. */
let choirId: string;
let walkersId: string;

beforeAll(async () => {
	leaver = await memberWithProfile(
		'am-leaver',
		{ visibility: 'public', precision: 'town', ...everything },
		yerevan
	);
	neighbours = await neighboursOf('am', yerevan);
	[blockedByLeaver, blockerOfLeaver, member] = await Promise.all([
		signUpMember('am-blocked-by-leaver'),
		signUpMember('am-blocker-of-leaver'),
		signUpMember('am-member')
	]);
	const blocking = await leaver.client.from('blocks').insert({ blocked_id: blockedByLeaver.id });
	expect(blocking.error).toBeNull();
	const blocked = await blockerOfLeaver.client.from('blocks').insert({ blocked_id: leaver.id });
	expect(blocked.error).toBeNull();
	crewId = await startGroup(leaver, {
		name: 'am-translators',
		sizeLimit: 5,
		visibility: 'public',
		at: yerevan
	});
	await joinThroughRequest(crewId, neighbours[0], leaver);
	// What else of theirs the export gives: a request to join, an invitation, an email setting
	// and a radar alert (with the notifications these make).
	choirId = await startGroup(neighbours[1], {
		name: 'am-choir',
		visibility: 'public',
		at: yerevan
	});
	walkersId = await startGroup(neighbours[1], {
		name: 'am-walkers',
		visibility: 'public',
		at: yerevan
	});
	for (const done of await Promise.all([
		leaver.client.rpc('request_to_join', { group_id: choirId, message: 'Can I sing?' }),
		neighbours[1].client.rpc('invite_to_group', { group_id: walkersId, invitee_id: leaver.id }),
		leaver.client.from('email_settings').insert({ kind: 'member_left', delivery: 'never' }),
		leaver.client.from('radar_alerts').insert({ min_people: 3, radius_km: 25 })
	])) {
		expect(done.error).toBeNull();
	}
});

/** All of a profile the leaver filled in, to find again in their export. */
const everything: ProfileChanges = {
	bio: 'Hosting a crew of translators.',
	pronouns: 'they/them',
	languages: ['Armenian', 'English'],
	interests: ['translation'],
	practices: ['crewing'],
	pathway_stage: 'hosting',
	open_to: ['mentoring'],
	offers: ['Armenian lessons'],
	needs: ['a venue'],
	website: 'https://example.org/am',
	discord_handle: 'am-leaver'
};

describe('export_my_data', () => {
	it('gives the owner all of their data: account, profile, exact point, blocks and groups', async () => {
		const { data, error } = await leaver.client.rpc('export_my_data');
		expect(error).toBeNull();
		const truth = (await groundTruth(leaver.id))!;
		expect(data).toMatchObject({
			account: { id: leaver.id, email: leaver.email },
			profile: {
				id: leaver.id,
				display_name: 'am-leaver',
				...everything,
				visibility: 'public',
				precision: 'town',
				published_cell: truth.published_cell,
				place_label: truth.place_label
			},
			exact_location: { profile_id: leaver.id, ...yerevan },
			blocks: [{ blocked_id: blockedByLeaver.id }],
			group_memberships: [
				{ group_id: crewId, group_name: 'am-translators', group_kind: 'crew', role: 'host' }
			]
		});
	});

	it('gives the owner their requests, invitations, notifications, email settings and radar alerts', async () => {
		const { data } = await leaver.client.rpc('export_my_data');
		expect(data).toMatchObject({
			join_requests: [
				{ group_id: choirId, requester_id: leaver.id, message: 'Can I sing?', status: 'open' }
			],
			invitations: [
				{
					group_id: walkersId,
					invitee_id: leaver.id,
					inviter_name: 'am-neighbour-2',
					status: 'open'
				}
			],
			email_settings: [{ profile_id: leaver.id, kind: 'member_left', delivery: 'never' }],
			radar_alerts: [{ profile_id: leaver.id, min_people: 3, radius_km: 25, fired_at: null }]
		});
		const { notifications } = data as { notifications: { kind: string; recipient_id: string }[] };
		expect(notifications.map(({ kind, recipient_id }) => ({ kind, recipient_id }))).toEqual([
			{ kind: 'request_received', recipient_id: leaver.id },
			{ kind: 'invitation_received', recipient_id: leaver.id }
		]);
		const text = JSON.stringify(data);
		// Who decided a request, who invited and who acted are not the owner's data.
		expect(text).not.toContain('decided_by');
		expect(text).not.toContain('invited_by');
		expect(text).not.toContain('actor_id');
	});

	it('gives nothing of anyone else, not even who blocked them', async () => {
		const { data } = await leaver.client.rpc('export_my_data');
		const text = JSON.stringify(data);
		for (const other of [blockerOfLeaver, member, ...neighbours]) {
			expect(text).not.toContain(other.id);
			expect(text).not.toContain(other.email);
		}
	});

	it('gives another member only their own data', async () => {
		const { data, error } = await member.client.rpc('export_my_data');
		expect(error).toBeNull();
		expect(data).toMatchObject({
			account: { id: member.id },
			exact_location: null,
			blocks: [],
			group_memberships: [],
			join_requests: [],
			invitations: [],
			notifications: [],
			email_settings: [],
			radar_alerts: []
		});
		expect(JSON.stringify(data)).not.toContain(leaver.id);
	});

	it('is refused to anonymous visitors', async () => {
		const response = await rest(anonymousToken(), 'rpc/export_my_data', {
			method: 'POST',
			body: {}
		});
		expect(response.status).toBe(401);
		expect(response.text).not.toContain('@');
	});
});

describe('confirm_still_here', () => {
	it('stamps the caller’s own profile and nobody else’s', async () => {
		const before = (await groundTruth(neighbours[0].id))!.last_confirmed_at;
		const { data, error } = await leaver.client.rpc('confirm_still_here');
		expect(error).toBeNull();
		const stamped = (await groundTruth(leaver.id))!.last_confirmed_at!;
		expect(new Date(data as string).getTime()).toBe(new Date(stamped).getTime());
		expect(Date.now() - new Date(stamped).getTime()).toBeLessThan(60_000);
		expect((await groundTruth(neighbours[0].id))!.last_confirmed_at).toEqual(before);
	});

	it('is refused to anonymous visitors', async () => {
		const response = await rest(anonymousToken(), 'rpc/confirm_still_here', {
			method: 'POST',
			body: {}
		});
		expect(response.status).toBe(401);
	});
});

describe('delete_my_account', () => {
	it('is refused to anonymous visitors', async () => {
		const response = await rest(anonymousToken(), 'rpc/delete_my_account', {
			method: 'POST',
			body: {}
		});
		expect(response.status).toBe(401);
		expect(await groundTruth(leaver.id)).not.toBeNull();
	});

	it('removes the account, profile, exact point, blocks both ways, memberships, requests, invitations, inbox, email settings and radar alerts at once', async () => {
		expect(await anonymousViewOf([leaver.id])).toHaveProperty('size', 1);
		const { error } = await leaver.client.rpc('delete_my_account');
		expect(error).toBeNull();
		const { rows } = await database().query(
			`select
				(select count(*) from auth.users where id = $1)::int as accounts,
				(select count(*) from public.profiles where id = $1)::int as profiles,
				(select count(*) from public.profile_locations where profile_id = $1)::int as locations,
				(select count(*) from public.blocks where blocker_id = $1 or blocked_id = $1)::int as blocks,
				(select count(*) from public.group_members where profile_id = $1)::int as memberships,
				(select count(*) from public.group_requests where requester_id = $1)::int as requests,
				(select count(*) from public.group_invitations where invitee_id = $1)::int as invitations,
				(select count(*) from public.notifications where recipient_id = $1)::int as notifications,
				(select count(*) from public.email_settings where profile_id = $1)::int as email_settings,
				(select count(*) from public.radar_alerts where profile_id = $1)::int as radar_alerts,
				(select member_count from public.groups where id = $2) as crew_size`,
			[leaver.id, crewId]
		);
		expect(rows[0]).toEqual({
			accounts: 0,
			profiles: 0,
			locations: 0,
			blocks: 0,
			memberships: 0,
			requests: 0,
			invitations: 0,
			notifications: 0,
			email_settings: 0,
			radar_alerts: 0,
			// The crew stays, one seat freer.
			crew_size: 1
		});
	});

	it('leaves nothing of the person for anyone to find', async () => {
		for (const token of [anonymousToken(), await accessToken(member)]) {
			const byName = await rest(token, `profiles?select=id,display_name&display_name=eq.am-leaver`);
			expect(byName.body).toEqual([]);
			expect(await sightings(token, { id: leaver.id, near: yerevan })).toEqual(nowhere);
		}
		// The leaver's token, its signature still good for up to an hour, ended with the account:
		// the API refuses it before reading anything.
		const { data, error, status } = await leaver.client.rpc('export_my_data');
		expect(status).toBe(401);
		expect(error?.message).toBe('Your session has ended: sign in again.');
		expect(data).toBeNull();
	});

	it('takes the remaining two of the area cell off the anonymous map (k = 3)', async () => {
		const view = await anonymousViewOf(neighbours.map((neighbour) => neighbour.id));
		for (const neighbour of neighbours) expect(view.get(neighbour.id)?.public_cell).toBeNull();
	});
});
