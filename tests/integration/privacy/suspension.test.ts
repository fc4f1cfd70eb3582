import { beforeAll, describe, expect, it } from 'vitest';
import { answer, attendeesAs, publishedGathering } from '../../support/gatherings';
import { joinThroughRequest, refusal, startGroup } from '../../support/groups';
import { sendNotificationEmails, stackSmtp } from '../../support/mail';
import { lift, makeModerator, NOT_A_MODERATOR, suspend, SUSPENDED } from '../../support/moderation';
import {
	accessToken,
	anonymousToken,
	anonymousViewOf,
	database,
	everywhere,
	groundTruth,
	neighboursOf,
	nowhere,
	practitionerAt,
	rest,
	sightings,
	type Point
} from '../../support/privacy';
import {
	memberWithProfile,
	serviceClient,
	signUpMember,
	type Member
} from '../../support/supabase';

/**
 * A suspended person vanishes from every read of others (map, directory, search, member and
 * attendee lists, counts, the anonymous map's k = 3 cells) and can write nothing, enforced in the
 * database; they can still read, see why, export and delete their account. Only moderators
 * suspend and lift. Everyone here lives in San José, Costa Rica.
 */

const sanJose: Point = { lat: 9.93234567, lng: -84.07876543 };

let suspect: Member;
let neighbours: Member[];
let host: Member;
let member: Member;
let blocked: Member;
let moderator: Member;
let crewId: string;
let gatheringId: string;

beforeAll(async () => {
	suspect = await practitionerAt('cr-suspect', sanJose, { precision: 'neighbourhood' });
	neighbours = await neighboursOf('cr', sanJose);
	[host, member, blocked, moderator] = await Promise.all([
		memberWithProfile('cr-host'),
		memberWithProfile('cr-member'),
		memberWithProfile('cr-blocked'),
		memberWithProfile('cr-moderator')
	]);
	await makeModerator(moderator);
	const blocking = await neighbours[0].client.from('blocks').insert({ blocked_id: blocked.id });
	expect(blocking.error).toBeNull();
	crewId = await startGroup(host, { name: 'cr-crew', visibility: 'public', at: sanJose });
	await joinThroughRequest(crewId, suspect, host);
	gatheringId = await publishedGathering(host, { name: 'cr-day', at: sanJose });
	await answer(suspect, gatheringId, 'going');
});

/** Where each kind of viewer comes across the suspect. */
async function sightingsOfSuspect() {
	const near = { id: suspect.id, near: sanJose };
	const [anonymous, asMember, asHost] = await Promise.all([
		sightings(anonymousToken(), near),
		sightings(await accessToken(member), near),
		sightings(await accessToken(host), near)
	]);
	return { anonymous, asMember, asHost };
}

/** Whether the suspect is in the crew's member list and the gathering's attendees, as the host reads them. */
async function listedBy(reader: Member) {
	const members = await reader.client.rpc('group_members_of', { group_id: crewId });
	expect(members.error).toBeNull();
	const attendees = await attendeesAs(reader.client, gatheringId);
	return {
		crew: (members.data ?? []).some((row) => row.profile_id === suspect.id),
		gathering: attendees.some((row) => row.profile_id === suspect.id)
	};
}

/** Whether a search of the directory by the suspect's name finds them, as `token`. */
async function foundByName(token: string) {
	const response = await rest(token, 'rpc/directory_page', {
		method: 'POST',
		body: { filters: { q: 'cr-suspect' } }
	});
	expect(response.status).toBe(200);
	return (response.body as { items: { id: string }[] }).items.some((row) => row.id === suspect.id);
}

describe('before any suspension', () => {
	it('the suspect is seen everywhere, and the three of the cell are on the anonymous map', async () => {
		expect(await sightingsOfSuspect()).toEqual({
			anonymous: everywhere,
			asMember: everywhere,
			asHost: everywhere
		});
		expect(await listedBy(host)).toEqual({ crew: true, gathering: true });
		expect(await foundByName(await accessToken(member))).toBe(true);
		const view = await anonymousViewOf([suspect, ...neighbours].map((person) => person.id));
		for (const person of [suspect, ...neighbours]) {
			expect(view.get(person.id)?.public_cell).toBeTruthy();
		}
	});
});

describe('suspending and lifting', () => {
	it('is refused to anyone but a moderator, the suspect included', async () => {
		const anonymous = await rest(anonymousToken(), 'rpc/suspend_person', {
			method: 'POST',
			body: { profile_id: suspect.id }
		});
		expect(anonymous.status).toBe(401);
		for (const caller of [member, blocked, host, suspect]) {
			expect(
				refusal(await caller.client.rpc('suspend_person', { profile_id: neighbours[1].id }))
			).toEqual(NOT_A_MODERATOR);
			expect(
				refusal(await caller.client.rpc('lift_suspension', { profile_id: suspect.id }))
			).toEqual(NOT_A_MODERATOR);
		}
		expect((await groundTruth(neighbours[1].id))?.suspended_until).toBeNull();
	});

	it('never suspends a moderator, the moderator themselves included', async () => {
		const other = await memberWithProfile('cr-other-moderator');
		await makeModerator(other);
		for (const target of [moderator, other]) {
			const { error } = await moderator.client.rpc('suspend_person', { profile_id: target.id });
			expect(error?.code).toBe('P0001');
			expect((await groundTruth(target.id))?.suspended_until).toBeNull();
		}
	});

	it('takes the suspended person out of every read of others', async () => {
		await suspend(moderator, suspect);
		expect(await sightingsOfSuspect()).toEqual({
			anonymous: nowhere,
			asMember: nowhere,
			asHost: nowhere
		});
		expect(await listedBy(host)).toEqual({ crew: false, gathering: false });
		expect(await foundByName(await accessToken(member))).toBe(false);
		expect(await foundByName(anonymousToken())).toBe(false);
		// Two are left in the cell: too few for the anonymous map (k = 3).
		const view = await anonymousViewOf([suspect, ...neighbours].map((person) => person.id));
		expect(view.has(suspect.id)).toBe(false);
		for (const neighbour of neighbours) expect(view.get(neighbour.id)?.public_cell).toBeNull();
		// Nothing of theirs is lost: it is kept for when the suspension ends.
		const stored = await groundTruth(suspect.id);
		expect(stored?.exact_lat).toBeCloseTo(sanJose.lat, 6);
		expect(stored?.published_cell).toBeNull();
	});

	it('refuses every write of the suspended person, and changes nothing', async () => {
		const before = await groundTruth(suspect.id);
		const other = await startGroup(host, { name: 'cr-second', visibility: 'public', at: sanJose });
		const attempts = await Promise.all([
			suspect.client.from('profiles').update({ display_name: 'cr-renamed' }).eq('id', suspect.id),
			suspect.client.from('profile_locations').update({ lat: 10.5 }).eq('profile_id', suspect.id),
			suspect.client.from('blocks').insert({ blocked_id: member.id }),
			suspect.client.rpc('save_my_profile', { changes: { bio: 'cr-changed' } }),
			suspect.client.rpc('request_to_join', { group_id: other }),
			suspect.client.rpc('rsvp', { gathering_id: gatheringId, answer: 'not_going' }),
			suspect.client.rpc('leave_group', { group_id: crewId }),
			suspect.client.rpc('mark_notifications_read'),
			suspect.client.rpc('report', {
				subject: 'person',
				subject_id: member.id,
				reason: 'spam'
			})
		]);
		for (const attempt of attempts) expect(refusal(attempt)).toEqual(SUSPENDED);
		const after = await groundTruth(suspect.id);
		expect(after?.display_name).toBe(before?.display_name);
		expect(after?.bio).toBe(before?.bio);
		expect(after?.exact_lat).toBe(before?.exact_lat);
		const { rows } = await database().query(
			`select
				(select count(*) from public.blocks where blocker_id = $1)::int as blocks,
				(select count(*) from public.group_requests where requester_id = $1 and group_id = $2)::int
					as requests,
				(select count(*) from public.group_members where profile_id = $1)::int as memberships,
				(select answer::text from public.gathering_rsvps where profile_id = $1) as answer`,
			[suspect.id, other]
		);
		expect(rows[0]).toEqual({ blocks: 0, requests: 0, memberships: 1, answer: 'going' });
	});

	it('lets the suspended person read, see why, and export', async () => {
		const own = await suspect.client
			.from('profiles')
			.select('id, display_name')
			.eq('id', suspect.id);
		expect(own.data).toEqual([{ id: suspect.id, display_name: 'cr-suspect' }]);
		const why = await suspect.client.rpc('my_suspension');
		expect(why.error).toBeNull();
		expect(why.data).toMatchObject({ until: null, note: 'Arranged by a test' });
		const exported = await suspect.client.rpc('export_my_data');
		expect(exported.error).toBeNull();
		expect(exported.data).toMatchObject({
			profile: { id: suspect.id },
			suspension: { until: null, note: 'Arranged by a test' }
		});
		const map = await rest(await accessToken(suspect), 'rpc/map_items', {
			method: 'POST',
			body: { min_lat: 9, min_lng: -85, max_lat: 11, max_lng: -83 }
		});
		expect(map.status).toBe(200);
	});

	it('tells nobody else anything of it', async () => {
		for (const caller of [member, host, blocked]) {
			const { data } = await caller.client.rpc('my_suspension');
			expect(data).toBeNull();
			const exported = await caller.client.rpc('export_my_data');
			expect((exported.data as { suspension: unknown }).suspension).toBeNull();
		}
		const anonymous = await rest(anonymousToken(), 'rpc/my_suspension', {
			method: 'POST',
			body: {}
		});
		expect(anonymous.status).toBe(401);
		const table = await rest(await accessToken(member), 'suspensions?select=*');
		expect(table.status).toBe(403);
	});

	it('brings the person back everywhere when a moderator lifts it', async () => {
		await lift(moderator, suspect);
		expect(await sightingsOfSuspect()).toEqual({
			anonymous: everywhere,
			asMember: everywhere,
			asHost: everywhere
		});
		expect(await listedBy(host)).toEqual({ crew: true, gathering: true });
		const view = await anonymousViewOf([suspect, ...neighbours].map((person) => person.id));
		for (const person of [suspect, ...neighbours]) {
			expect(view.get(person.id)?.public_cell).toBeTruthy();
		}
		const renamed = await suspect.client
			.from('profiles')
			.update({ bio: 'cr-back' })
			.eq('id', suspect.id);
		expect(renamed.error).toBeNull();
	});
});

describe('a suspension for a time', () => {
	it('ends when its time has come and the worker passes, not before, and only then', async () => {
		const inAnHour = new Date(Date.now() + 3600_000).toISOString();
		await suspend(moderator, suspect, inAnHour);
		expect((await sightingsOfSuspect()).asMember).toEqual(nowhere);
		// Nobody but the worker (the service role) ends suspensions.
		expect((await member.client.rpc('end_expired_suspensions')).error?.code).toBe('42501');
		expect((await serviceClient().rpc('end_expired_suspensions')).data).toBe(0);

		// The hour passes.
		await database().query(
			`update public.suspensions set until = now() - interval '1 second' where profile_id = $1`,
			[suspect.id]
		);
		await database().query(
			`update public.profiles set suspended_until = now() - interval '1 second' where id = $1`,
			[suspect.id]
		);
		// Its writes are the person's again at once; reads follow when the worker passes.
		const written = await suspect.client
			.from('profiles')
			.update({ bio: 'cr-free' })
			.eq('id', suspect.id);
		expect(written.error).toBeNull();
		// The notification worker's pass (npm run notify) ends it.
		const lines: string[] = [];
		const pass = await sendNotificationEmails({
			transport: stackSmtp(),
			recipients: [suspect],
			log: lines
		});
		expect(pass.suspensionsEnded).toBeGreaterThanOrEqual(1);
		expect(lines).toContainEqual(
			expect.stringMatching(/^Ended \d+ suspension\(s\) whose time ran out$/)
		);
		expect(await sightingsOfSuspect()).toEqual({
			anonymous: everywhere,
			asMember: everywhere,
			asHost: everywhere
		});
		const log = await moderator.client.rpc('moderation_log');
		expect(log.data).toContainEqual(
			expect.objectContaining({
				action: 'lift',
				subject_id: suspect.id,
				moderator: null,
				note: 'The suspension ran out.'
			})
		);
	});

	it('is refused when its end is already past', async () => {
		const { error } = await moderator.client.rpc('suspend_person', {
			profile_id: neighbours[1].id,
			until: new Date(Date.now() - 60_000).toISOString()
		});
		expect(error?.code).toBe('22023');
		expect((await groundTruth(neighbours[1].id))?.suspended_until).toBeNull();
	});
});

describe('a suspended person leaving', () => {
	it('may delete their account, and nothing of them is left', async () => {
		const leaver = await signUpMember('cr-suspended-leaver');
		await suspend(moderator, leaver);
		const { error } = await leaver.client.rpc('delete_my_account');
		expect(error).toBeNull();
		expect(await groundTruth(leaver.id)).toBeNull();
		const { rows } = await database().query(
			'select count(*)::int as n from public.suspensions where profile_id = $1',
			[leaver.id]
		);
		expect(rows[0].n).toBe(0);
	});
});
