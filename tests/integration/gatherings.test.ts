import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { gatheringNotices } from '../support/gatherings';
import { database } from '../support/privacy';
import { membersNamedWith, type Member } from '../support/supabase';

/**
 * A gathering's life through the API, as its people live it: drafted, given a venue, published,
 * answered, full with a waitlist that moves, decided by hosts, changed and cancelled. The attacks
 * on each rule are in tests/integration/privacy/gatherings*.
 */

const token = `gatherings-${randomUUID().slice(0, 8)}`;
const leeds = { lat: 53.8008, lng: -1.5491 };
const person = membersNamedWith(token);

async function areaCell(point: { lat: number; lng: number }): Promise<string> {
	const { rows } = await database().query<{ cell: string }>(
		"select private.cell_at($1, $2, private.precision_zoom('area')) as cell",
		[point.lat, point.lng]
	);
	return rows[0].cell;
}

/** A draft `host` makes with a plain insert, a day long, 30 days from now; its id. */
async function draft(
	host: Member,
	fields: { capacity?: number | null; registration?: 'open' | 'approval'; recurrence?: string } = {}
): Promise<string> {
	const starts = new Date(Date.now() + 30 * 86_400_000);
	const { data, error } = await host.client
		.from('gatherings')
		.insert({
			kind: 'regional_gathering',
			name: `Day ${token} ${randomUUID().slice(0, 4)}`,
			starts_at: starts.toISOString(),
			ends_at: new Date(starts.getTime() + 8 * 3_600_000).toISOString(),
			time_zone: 'Europe/London',
			area_cell: await areaCell(leeds),
			visibility: 'members',
			capacity: fields.capacity ?? null,
			registration: fields.registration ?? 'open',
			recurrence: fields.recurrence ?? null
		})
		.select('id')
		.single();
	if (error) throw error;
	return data.id;
}

async function publish(host: Member, id: string): Promise<void> {
	const venue = await host.client
		.from('gathering_venues')
		.insert({ gathering_id: id, address: '1 Hall Lane, Leeds', lat: 53.80091, lng: -1.54912 });
	if (venue.error) throw venue.error;
	const { error } = await host.client
		.from('gatherings')
		.update({ status: 'published' })
		.eq('id', id);
	if (error) throw error;
}

/** A member's notices about a gathering, as `kind` or `kind:body`, oldest first. */
async function kindsFor(member: Member, gatheringId: string): Promise<string[]> {
	const notices = await gatheringNotices(member, gatheringId);
	return notices.map((n) => (n.body ? `${n.kind}:${n.body}` : n.kind));
}

afterAll(async () => {
	await database().query('delete from public.gatherings where name like $1', [`%${token}%`]);
});

describe('a gathering people run', () => {
	it('starts as a draft only its host sees, and publishes only with a venue', async () => {
		const [host, other] = await Promise.all([person('Host'), person('Other')]);
		const id = await draft(host);

		const seenByHost = await host.client.from('gatherings').select('status').eq('id', id);
		expect(seenByHost.data).toEqual([{ status: 'draft' }]);
		const seenByOther = await other.client.from('gatherings').select('id').eq('id', id);
		expect(seenByOther.data).toEqual([]);

		const early = await host.client.from('gatherings').update({ status: 'published' }).eq('id', id);
		expect(early.error?.message).toMatch(/Add a venue/);

		await publish(host, id);
		const published = await other.client.from('gatherings').select('status').eq('id', id);
		expect(published.data).toEqual([{ status: 'published' }]);
		const hosts = await other.client.rpc('gathering_hosts_of', { gathering_id: id });
		expect(hosts.data).toEqual([{ profile_id: host.id, display_name: `${token} Host` }]);
	});

	it('gives its places in order, waitlists the rest, and moves the waitlist when one cancels', async () => {
		const host = await person('Host');
		const id = await draft(host, { capacity: 2 });
		await publish(host, id);
		const [a, b, c, d] = await Promise.all(['A', 'B', 'C', 'D'].map((name) => person(name)));

		const states = [];
		for (const member of [a, b, c, d]) {
			const { data, error } = await member.client.rpc('rsvp', {
				gathering_id: id,
				answer: 'going'
			});
			expect(error).toBeNull();
			states.push(data);
		}
		expect(states).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);

		// B cannot read C's answer (C is not confirmed), and C cannot read the venue yet.
		const venueForC = await c.client
			.from('gathering_venues')
			.select('address')
			.eq('gathering_id', id);
		expect(venueForC.data).toEqual([]);

		const cancelled = await a.client.rpc('rsvp', { gathering_id: id, answer: 'not_going' });
		expect(cancelled.error).toBeNull();
		const attendees = await host.client.rpc('gathering_attendees', { gathering_id: id });
		expect(
			attendees.data
				?.filter((row) => row.answer === 'going')
				.map((row) => [row.profile_id, row.state])
		).toEqual([
			[b.id, 'confirmed'],
			[c.id, 'confirmed'],
			[d.id, 'waitlisted']
		]);
		expect(await kindsFor(c, id)).toEqual(['waitlist_moved_up']);
		const venueNow = await c.client
			.from('gathering_venues')
			.select('address')
			.eq('gathering_id', id);
		expect(venueNow.data).toEqual([{ address: '1 Hall Lane, Leeds' }]);
	});

	it('in approval mode waits for a host, who approves or declines, and tells the person', async () => {
		const host = await person('Host');
		const id = await draft(host, { registration: 'approval' });
		await publish(host, id);
		const [yes, no] = await Promise.all([person('Yes'), person('No')]);

		for (const member of [yes, no]) {
			const asked = await member.client.rpc('rsvp', { gathering_id: id, answer: 'going' });
			expect(asked.data).toBe('pending');
		}
		expect(await kindsFor(host, id)).toEqual(['rsvp_received', 'rsvp_received']);

		const approved = await host.client.rpc('decide_rsvp', {
			gathering_id: id,
			profile_id: yes.id,
			approve: true
		});
		expect(approved.data).toBe('confirmed');
		const declined = await host.client.rpc('decide_rsvp', {
			gathering_id: id,
			profile_id: no.id,
			approve: false
		});
		expect(declined.data).toBe('declined');
		expect(await kindsFor(yes, id)).toEqual(['rsvp_decided:accepted']);
		expect(await kindsFor(no, id)).toEqual(['rsvp_decided:declined']);

		const again = await no.client.rpc('rsvp', { gathering_id: id, answer: 'going' });
		expect(again.error?.message).toMatch(/is not taking a sign-up from you at the moment/);
	});

	it('tells the people going of a new time, a new venue and a cancellation', async () => {
		const host = await person('Host');
		const id = await draft(host);
		await publish(host, id);
		const guest = await person('Guest');
		await guest.client.rpc('rsvp', { gathering_id: id, answer: 'going' });

		const later = new Date(Date.now() + 31 * 86_400_000);
		await host.client
			.from('gatherings')
			.update({
				starts_at: later.toISOString(),
				ends_at: new Date(later.getTime() + 3_600_000).toISOString()
			})
			.eq('id', id);
		await host.client
			.from('gathering_venues')
			.update({ address: '2 Hall Lane' })
			.eq('gathering_id', id);
		await host.client.from('gatherings').update({ status: 'cancelled' }).eq('id', id);

		expect(await kindsFor(guest, id)).toEqual([
			'gathering_changed:time',
			'gathering_changed:venue',
			'gathering_changed:cancelled'
		]);
		const back = await host.client.from('gatherings').update({ status: 'published' }).eq('id', id);
		expect(back.error?.message).toMatch(/cancelled gathering cannot become published/);
	});

	it('invites, once published, the opted-in members in the planner region, and nobody else', async () => {
		const host = await person('Host');
		const [optedIn, notOptedIn, farAway] = await Promise.all([
			person('In', {}, leeds),
			person('Out', {}, leeds),
			person('Far', {}, { lat: 51.4545, lng: -2.5879 })
		]);
		for (const member of [optedIn, farAway]) {
			const { error } = await member.client
				.from('gathering_invitation_optins')
				.insert({ profile_id: member.id });
			expect(error).toBeNull();
		}
		const id = await draft(host);
		await host.client
			.from('gatherings')
			.update({ invite_region: { lat: leeds.lat, lng: leeds.lng, radius_km: 50 } })
			.eq('id', id);
		await publish(host, id);

		expect(await kindsFor(optedIn, id)).toEqual(['gathering_invitation']);
		expect(await kindsFor(notOptedIn, id)).toEqual([]);
		expect(await kindsFor(farAway, id)).toEqual([]);
	});

	it('takes a recurrence only as calendars read it', async () => {
		const host = await person('Host');
		await expect(
			draft(host, { recurrence: 'FREQ=MONTHLY;BYDAY=1TU;UNTIL=20271005T170000Z' })
		).resolves.toMatch(/^[0-9a-f-]{36}$/);
		for (const recurrence of [
			'FREQ=WEEKLY;BYDAY=1TU',
			'FREQ=MONTHLY;UNTIL=20270230T000000Z',
			'FREQ=YEARLY',
			'RRULE:FREQ=DAILY'
		]) {
			await expect(draft(host, { recurrence }), recurrence).rejects.toMatchObject({
				code: '23514'
			});
		}
	});

	it('plans a region from what the planner may see, by cell', async () => {
		const planner = await person('Planner');
		const { data, error } = await planner.client.rpc('plan_region', {
			region: { lat: 53.8008, lng: -1.5491, radius_km: 30 }
		});
		expect(error).toBeNull();
		const plan = data as { totals: { people: number; open_to_gatherings: number; crews: number } };
		// The seed's Leeds people (members only), four of them open to gatherings, and its crew.
		expect(plan.totals.people).toBeGreaterThanOrEqual(5);
		expect(plan.totals.open_to_gatherings).toBeGreaterThanOrEqual(4);
		expect(plan.totals.crews).toBeGreaterThanOrEqual(1);

		const towns = await planner.client.rpc('nearest_towns', {
			near_lat: 53.8008,
			near_lng: -1.5491
		});
		expect(towns.data?.[0]?.name).toBe('Leeds');
	});
});
