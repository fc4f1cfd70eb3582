import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	answer,
	attendeesAs,
	block,
	draftGathering,
	gatheringNotices,
	inDays,
	optInToInvitations,
	publishedGathering,
	removeGatherings,
	setVenue,
	publish
} from '../../support/gatherings';
import { anonymousSignIn, database } from '../../support/privacy';
import {
	anonymousClient,
	membersNamedWith,
	type Client,
	type Member
} from '../../support/supabase';

/**
 * Invitations from the planner (issue 11): a gathering proposed for a region invites, when it is
 * published, each member there who opted in to gathering invitations, once; nobody who did not
 * opt in, lives outside the region, hosts it, is blocked either way with a host or has answered
 * already; and the organiser is not told who. The opt-in is its owner's alone to read and change.
 * Attacked as an anonymous visitor, an anonymous sign-in, another member, the organiser and the
 * people in the region. Everyone lives in Jordan, around Amman, and is named with this run's
 * token.
 */

const token = `jo${randomUUID().slice(0, 6)}`;
const named = membersNamedWith(token);
const amman = { lat: 31.9454, lng: 35.9284 };
const zarqa = { lat: 32.0728, lng: 36.088 };
const aqaba = { lat: 29.5321, lng: 35.0063 };
const aroundAmman = { lat: amman.lat, lng: amman.lng, radius_km: 40 };

function person(name: string, at = amman) {
	return named(name, { precision: 'town' }, at);
}

let organiser: Member;
let near: Member; // opted in, in Amman
let nearby: Member; // opted in, in Zarqa (within 40 km)
let far: Member; // opted in, in Aqaba
let notOpted: Member; // in Amman, never opted in
let optedOut: Member; // opted in, then out
let blockedByHost: Member; // opted in, in Amman
let blocksHost: Member; // opted in, in Amman
let gathering: string; // proposed for the circle around Amman, then published

beforeAll(async () => {
	[organiser, near, nearby, far, notOpted, optedOut, blockedByHost, blocksHost] = await Promise.all(
		[
			person('Organiser'),
			person('Near'),
			person('Nearby', zarqa),
			person('Far', aqaba),
			person('NotOpted'),
			person('OptedOut'),
			person('BlockedByHost'),
			person('BlocksHost')
		]
	);
	for (const member of [organiser, near, nearby, far, optedOut, blockedByHost, blocksHost]) {
		await optInToInvitations(member);
	}
	const out = await optedOut.client
		.from('gathering_invitation_optins')
		.delete()
		.eq('profile_id', optedOut.id);
	expect(out.error).toBeNull();
	await block(organiser, blockedByHost);
	await block(blocksHost, organiser);
	gathering = await draftGathering(organiser, {
		name: `${token} Regional day`,
		at: amman,
		invite_region: aroundAmman
	});
	await setVenue(organiser, gathering, {
		address: 'Rainbow Street',
		lat: 31.95,
		lng: 35.92,
		online_url: null
	});
	await publish(organiser, gathering);
});

afterAll(() => removeGatherings(token));

async function invitationsTo(member: Member, id = gathering) {
	return (await gatheringNotices(member, id)).filter((n) => n.kind === 'gathering_invitation');
}

describe('publishing a proposed gathering', () => {
	it('invites the opted-in members in its region, once', async () => {
		for (const member of [near, nearby]) {
			expect(await invitationsTo(member)).toEqual([{ kind: 'gathering_invitation', body: '' }]);
		}
	});

	it('invites nobody who did not opt in, opted out, lives outside it, hosts it or is blocked either way', async () => {
		for (const member of [notOpted, optedOut, far, organiser, blockedByHost, blocksHost]) {
			expect(await invitationsTo(member), member.email).toEqual([]);
		}
		const { rows } = await database().query(
			`select count(*)::integer as sent from public.notifications
			where gathering_id = $1 and kind = 'gathering_invitation'`,
			[gathering]
		);
		expect(rows[0].sent).toBe(2);
	});

	it('invites no one again when the gathering or its region changes', async () => {
		for (const change of [
			{ starts_at: inDays(10), ends_at: inDays(10.3) },
			{ invite_region: { country: 'JO' } },
			{ status: 'cancelled' as const }
		]) {
			const { error } = await organiser.client
				.from('gatherings')
				.update(change)
				.eq('id', gathering);
			expect(error).toBeNull();
		}
		expect(await invitationsTo(near)).toHaveLength(1);
		expect(await invitationsTo(far)).toEqual([]);
	});

	it('sends nothing for a proposal cancelled before it was published', async () => {
		const dropped = await draftGathering(organiser, {
			name: `${token} Dropped`,
			at: amman,
			invite_region: { country: 'JO' }
		});
		const { error } = await organiser.client
			.from('gatherings')
			.update({ status: 'cancelled' })
			.eq('id', dropped);
		expect(error).toBeNull();
		expect(await invitationsTo(near, dropped)).toEqual([]);
	});

	it('skips those who answered or host it when the region comes after publishing', async () => {
		const [answered, cohost] = await Promise.all([person('Answered'), person('Cohost')]);
		await optInToInvitations(answered);
		await optInToInvitations(cohost);
		const later = await publishedGathering(organiser, { name: `${token} Country day`, at: amman });
		await answer(answered, later, 'interested');
		await answer(cohost, later, 'going');
		const added = await organiser.client.rpc('add_gathering_host', {
			gathering_id: later,
			profile_id: cohost.id
		});
		expect(added.error).toBeNull();
		const { error } = await organiser.client
			.from('gatherings')
			.update({ invite_region: { country: 'JO' } })
			.eq('id', later);
		expect(error).toBeNull();
		for (const member of [near, nearby, far]) {
			expect(await invitationsTo(member, later), member.email).toHaveLength(1);
		}
		for (const member of [answered, cohost, notOpted, blockedByHost, blocksHost]) {
			expect(await invitationsTo(member, later), member.email).toEqual([]);
		}
	});
});

describe('the organiser', () => {
	it('is not told who was invited: not in their inbox, the attendee list or the invitees’ inboxes', async () => {
		const { data } = await organiser.client.from('notifications').select('*');
		const text = JSON.stringify(data);
		for (const member of [near, nearby]) {
			expect(text).not.toContain(member.id);
			expect(text).not.toContain(`${token} ${member === near ? 'Near' : 'Nearby'}`);
		}
		const listed = (await attendeesAs(organiser.client, gathering)).map((row) => row.profile_id);
		expect(listed).not.toContain(near.id);
		const theirs = await organiser.client
			.from('notifications')
			.select('id', { count: 'exact', head: true })
			.eq('kind', 'gathering_invitation');
		expect(theirs.count).toBe(0);
	});

	it('cannot read who opted in', async () => {
		const { data } = await organiser.client
			.from('gathering_invitation_optins')
			.select('profile_id');
		expect(data).toEqual([{ profile_id: organiser.id }]);
		const counted = await organiser.client
			.from('gathering_invitation_optins')
			.select('profile_id', { count: 'exact', head: true })
			.neq('profile_id', organiser.id);
		expect(counted.count).toBe(0);
	});
});

describe('the opt-in', () => {
	async function optedIn(member: Member) {
		const { rows } = await database().query(
			'select 1 from public.gathering_invitation_optins where profile_id = $1',
			[member.id]
		);
		return rows.length === 1;
	}

	const strangers: { who: string; client: () => Client }[] = [
		{ who: 'an anonymous visitor', client: () => anonymousClient() },
		{ who: 'another member', client: () => organiser.client }
	];

	it.each(strangers)('is neither made nor removed for someone else by $who', async ({ client }) => {
		const inserted = await client()
			.from('gathering_invitation_optins')
			.insert({ profile_id: notOpted.id });
		expect(inserted.error?.code).toBe('42501');
		const removed = await client()
			.from('gathering_invitation_optins')
			.delete()
			.eq('profile_id', near.id);
		expect(removed.error === null || removed.error.code === '42501').toBe(true);
		expect(await optedIn(notOpted)).toBe(false);
		expect(await optedIn(near)).toBe(true);
	});

	it('is refused to an anonymous sign-in, and read by nobody but its owner', async () => {
		const stranger = await anonymousSignIn(await person('Stranger'));
		const { error } = await stranger.client.from('gathering_invitation_optins').insert({});
		expect(error?.code).toBe('42501');
		expect(await optedIn(stranger)).toBe(false);
		const anonymous = await anonymousClient().from('gathering_invitation_optins').select('*');
		expect(anonymous.error?.code).toBe('42501');
		const { data } = await near.client.from('gathering_invitation_optins').select('profile_id');
		expect(data).toEqual([{ profile_id: near.id }]);
	});
});
