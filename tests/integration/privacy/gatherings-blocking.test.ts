import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	answer,
	attendeesAs,
	block,
	decide,
	inDays,
	publishedGathering,
	removeGatherings,
	storedRsvps,
	venueAs
} from '../../support/gatherings';
import { refusal } from '../../support/groups';
import { membersNamedWith, type Member } from '../../support/supabase';

/**
 * Blocking stays total at gatherings (issue 11, guarantee 7): nobody signs up to a gathering one
 * of whose hosts blocked them or whom they blocked, and what they are told is exactly what a
 * host's decline says; someone already going loses the venue across a block with a host; a blocked
 * person never sees the blocker in the attendee list or among the hosts, either way round; and a
 * host cannot be added across a block. Everyone meets in Luanda, Angola, and is named with this
 * run's token.
 */

const token = `ao${randomUUID().slice(0, 6)}`;
const named = membersNamedWith(token);
const luanda = { lat: -8.839, lng: 13.2894 };

function person(name: string) {
	return named(name, { precision: 'town' }, luanda);
}

afterAll(() => removeGatherings(token));

describe('signing up across a block with a host', () => {
	let host: Member;
	let blockedByHost: Member;
	let blocksHost: Member;
	let gathering: string;
	let declinedRefusal: ReturnType<typeof refusal>;

	beforeAll(async () => {
		let declined: Member;
		[host, blockedByHost, blocksHost, declined] = await Promise.all([
			person('Host'),
			person('BlockedByHost'),
			person('BlocksHost'),
			person('Declined')
		]);
		gathering = await publishedGathering(host, {
			name: `${token} Approval`,
			at: luanda,
			registration: 'approval'
		});
		await answer(declined, gathering, 'going');
		await decide(host, gathering, declined, false);
		declinedRefusal = refusal(
			await declined.client.rpc('rsvp', { gathering_id: gathering, answer: 'going' })
		);
		expect(declinedRefusal).toEqual({
			code: 'P0001',
			message: `${token} Approval is not taking a sign-up from you at the moment.`
		});
		await block(host, blockedByHost);
		await block(blocksHost, host);
	});

	it('is refused, either way round, exactly as a host’s decline is', async () => {
		for (const member of [blockedByHost, blocksHost]) {
			for (const said of ['going', 'interested'] as const) {
				const answered = await member.client.rpc('rsvp', { gathering_id: gathering, answer: said });
				expect(refusal(answered), said).toEqual(declinedRefusal);
			}
		}
		const ids = (await storedRsvps(gathering)).map((row) => row.profile_id);
		expect(ids).not.toContain(blockedByHost.id);
		expect(ids).not.toContain(blocksHost.id);
	});

	it('refuses an open gathering the same way', async () => {
		const open = await publishedGathering(host, { name: `${token} Open`, at: luanda });
		for (const member of [blockedByHost, blocksHost]) {
			const answered = await member.client.rpc('rsvp', { gathering_id: open, answer: 'going' });
			expect(refusal(answered)).toEqual({
				code: 'P0001',
				message: `${token} Open is not taking a sign-up from you at the moment.`
			});
		}
	});

	it('makes no host of someone across a block', async () => {
		const cohost = await person('Cohost');
		const open = await publishedGathering(host, { name: `${token} Hosts`, at: luanda });
		await answer(cohost, open, 'going');
		const added = await host.client.rpc('add_gathering_host', {
			gathering_id: open,
			profile_id: cohost.id
		});
		expect(added.error).toBeNull();
		// A host may add only people with an RSVP, which a block rules out: the blocked person
		// is refused as someone without one.
		const [acrossBlock, withoutRsvp] = await Promise.all([
			cohost.client.rpc('add_gathering_host', { gathering_id: open, profile_id: blockedByHost.id }),
			cohost.client.rpc('add_gathering_host', {
				gathering_id: open,
				profile_id: (await person('NoRsvp')).id
			})
		]);
		expect(acrossBlock.error).not.toBeNull();
		expect(refusal(acrossBlock)).toEqual(refusal(withoutRsvp));
	});
});

describe('co-hosts who block each other', () => {
	it('still read the venue of the gathering they run, and an attendee across the block does not', async () => {
		const [host, cohost, going] = await Promise.all([
			person('BlockingHost'),
			person('BlockedCohost'),
			person('GoingToHosts')
		]);
		const gathering = await publishedGathering(host, { name: `${token} Cohosts`, at: luanda });
		expect(await answer(cohost, gathering, 'going')).toBe('confirmed');
		expect(await answer(going, gathering, 'going')).toBe('confirmed');
		const added = await host.client.rpc('add_gathering_host', {
			gathering_id: gathering,
			profile_id: cohost.id
		});
		expect(added.error).toBeNull();
		await block(host, cohost);
		await block(going, cohost);
		expect(await venueAs(host.client, gathering)).toMatchObject({
			address: '12 Meeting House Lane'
		});
		expect(await venueAs(cohost.client, gathering)).toMatchObject({
			address: '12 Meeting House Lane'
		});
		expect(await venueAs(going.client, gathering)).toBeNull();
	});
});

describe('a co-host added across a block with someone going', () => {
	it('takes the venue from them and hides each from the other, and tells them nothing in the co-host’s name', async () => {
		const [host, going, cohost] = await Promise.all([
			person('AddingHost'),
			person('GoingBlocker'),
			person('NewCohost')
		]);
		const gathering = await publishedGathering(host, { name: `${token} Added`, at: luanda });
		expect(await answer(going, gathering, 'going')).toBe('confirmed');
		expect(await answer(cohost, gathering, 'going')).toBe('confirmed');
		await block(going, cohost);
		const added = await host.client.rpc('add_gathering_host', {
			gathering_id: gathering,
			profile_id: cohost.id
		});
		expect(added.error).toBeNull();
		expect(await venueAs(going.client, gathering)).toBeNull();
		const listedFor = async (reader: Member) =>
			(await attendeesAs(reader.client, gathering)).map((row) => row.profile_id);
		expect(await listedFor(going)).not.toContain(cohost.id);
		expect(await listedFor(cohost)).not.toContain(going.id);
		const moved = await cohost.client
			.from('gatherings')
			.update({ starts_at: inDays(12), ends_at: inDays(12.2) })
			.eq('id', gathering);
		expect(moved.error).toBeNull();
		const { data } = await going.client
			.from('notifications')
			.select('kind, actor_name')
			.eq('gathering_id', gathering);
		expect(JSON.stringify(data)).not.toContain(`${token} NewCohost`);
	});
});

describe('a block after someone is going', () => {
	let host: Member;
	let cohost: Member;
	let lateBlocked: Member; // confirmed, then blocked by the host
	let lateBlocker: Member; // confirmed, then blocks the cohost
	let bystander: Member; // confirmed
	let waiting: Member[]; // waitlisted, in this order
	let gathering: string;

	beforeAll(async () => {
		[host, cohost, lateBlocked, lateBlocker, bystander] = await Promise.all([
			person('LateHost'),
			person('LateCohost'),
			person('LateBlocked'),
			person('LateBlocker'),
			person('Bystander')
		]);
		waiting = await Promise.all(['First', 'Second', 'Third'].map((name) => person(name)));
		gathering = await publishedGathering(host, { name: `${token} Late`, at: luanda, capacity: 4 });
		for (const member of [cohost, lateBlocked, lateBlocker, bystander]) {
			expect(await answer(member, gathering, 'going')).toBe('confirmed');
		}
		for (const member of waiting) {
			expect(await answer(member, gathering, 'going')).toBe('waitlisted');
		}
		const added = await host.client.rpc('add_gathering_host', {
			gathering_id: gathering,
			profile_id: cohost.id
		});
		expect(added.error).toBeNull();
		expect(await venueAs(lateBlocked.client, gathering)).not.toBeNull();
		await block(host, lateBlocked);
		await block(lateBlocker, cohost);
	});

	it('takes their answer and the venue away, either way round', async () => {
		const ids = (await storedRsvps(gathering)).map((row) => row.profile_id);
		expect(ids).not.toContain(lateBlocked.id);
		expect(ids).not.toContain(lateBlocker.id);
		expect(await venueAs(bystander.client, gathering)).not.toBeNull();
		expect(await venueAs(lateBlocked.client, gathering)).toBeNull();
		expect(await venueAs(lateBlocker.client, gathering)).toBeNull();
		const mine = await lateBlocked.client.rpc('my_gatherings');
		expect(JSON.stringify(mine.data)).not.toContain(gathering);
	});

	it('gives the places they held to the waitlist, in order', async () => {
		const states = new Map(
			(await storedRsvps(gathering)).map((row) => [row.profile_id, row.state])
		);
		expect(waiting.map((member) => states.get(member.id))).toEqual([
			'confirmed',
			'confirmed',
			'waitlisted'
		]);
	});

	it('hides the blocking host from the blocked person among the hosts', async () => {
		const hostsAs = async (reader: Member) => {
			const { data, error } = await reader.client.rpc('gathering_hosts_of', {
				gathering_id: gathering
			});
			expect(error).toBeNull();
			return data!.map((row) => row.profile_id);
		};
		expect(await hostsAs(lateBlocked)).toEqual([cohost.id]);
		expect(await hostsAs(bystander)).toEqual(expect.arrayContaining([host.id, cohost.id]));
	});

	it('refuses them a new answer as a host’s decline is refused', async () => {
		for (const member of [lateBlocked, lateBlocker]) {
			const answered = await member.client.rpc('rsvp', {
				gathering_id: gathering,
				answer: 'going'
			});
			expect(refusal(answered)).toEqual({
				code: 'P0001',
				message: `${token} Late is not taking a sign-up from you at the moment.`
			});
		}
	});

	it('keeps attendees who blocked one another out of each other’s lists and rows', async () => {
		const [one, other] = await Promise.all([person('One'), person('Other')]);
		const bigger = await publishedGathering(host, { name: `${token} Bigger`, at: luanda });
		for (const member of [one, other, bystander]) await answer(member, bigger, 'going');
		await block(one, other);
		const ids = async (reader: Member) =>
			(await attendeesAs(reader.client, bigger)).map((row) => row.profile_id);
		const rows = async (reader: Member) => {
			const { data } = await reader.client
				.from('gathering_rsvps')
				.select('profile_id')
				.eq('gathering_id', bigger);
			return data!.map((row) => row.profile_id);
		};
		expect(await ids(one)).not.toContain(other.id);
		expect(await ids(other)).not.toContain(one.id);
		expect(await rows(one)).not.toContain(other.id);
		expect(await rows(other)).not.toContain(one.id);
		expect(await ids(bystander)).toEqual(expect.arrayContaining([one.id, other.id]));
		expect(await ids(host)).toEqual(expect.arrayContaining([one.id, other.id]));
	});

	it('tells the blocked person of no change in the blocker’s name', async () => {
		const changed = await host.client
			.from('gatherings')
			.update({ starts_at: inDays(8), ends_at: inDays(8.25) })
			.eq('id', gathering);
		expect(changed.error).toBeNull();
		const { data } = await lateBlocked.client
			.from('notifications')
			.select('kind, actor_name, gathering_name')
			.eq('gathering_id', gathering);
		expect(JSON.stringify(data)).not.toContain(`${token} LateHost`);
	});
});
