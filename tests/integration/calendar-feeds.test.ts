import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types';
import { repeatsUntil, ruleProblem } from '../../src/lib/gatherings/recurrence';
import {
	buildCalendar,
	type CalendarGathering
} from '../../src/lib/server/calendar/build-calendar';
import {
	readGatheringCalendar,
	readPrivateFeed,
	readPublicFeed
} from '../../src/lib/server/calendar/feeds';
import {
	readOwnCalendarToken,
	regenerateCalendarToken,
	revokeCalendarToken
} from '../../src/lib/server/calendar/tokens';
import { calendarEvents } from '../support/calendar';
import { cellAt } from '../support/groups';
import { database } from '../support/privacy';
import { anonymousClient, membersNamedWith, type Member } from '../support/supabase';

/**
 * What each calendar file holds, read through the public key as each person would: the private
 * feed through its token alone (as a calendar app, signed in as nobody), the public feed
 * anonymously, one gathering's file as its visitor. The venue is in a file only for the hosts
 * and approved attendees; a token stops working when it is replaced or turned off. Everything
 * here meets in Asunción, Paraguay, which no other test file uses, named with this run's token.
 */

const token = `cal${randomUUID().slice(0, 6)}`;
const asuncion = { lat: -25.2637, lng: -57.5759 };
const address = `${token} Calle Palma 123, Asunción`;
const onlineUrl = `https://meet.example/${token}`;
const member = membersNamedWith(token);

type NewGathering = Database['public']['Tables']['gatherings']['Insert'];
type Venue = Omit<Database['public']['Tables']['gathering_venues']['Insert'], 'gathering_id'>;

let host: Member;
let attendee: Member;
let waitlisted: Member;
let stranger: Member;
const ids = { workshop: '', call: '', membersOnly: '', draft: '' };

/** A day a month or so ahead at 18:00 UTC: every gathering here is still to come. */
const start = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 10, 18));
const hours = (n: number) => new Date(start.getTime() + n * 3_600_000).toISOString();

/** A gathering `by` creates as a draft, gives a venue and, unless `draft`, publishes; its id. */
async function hostGathering(
	by: Member,
	fields: Partial<NewGathering> & Pick<NewGathering, 'kind' | 'name'>,
	{ venue, draft = false }: { venue?: Venue; draft?: boolean } = {}
): Promise<string> {
	const gathering = {
		starts_at: start.toISOString(),
		ends_at: hours(2),
		time_zone: 'America/Asuncion',
		area_cell: await cellAt(asuncion, 'town'),
		visibility: 'public' as const,
		...fields
	};
	const created = await by.client
		.from('gatherings')
		.insert({
			...gathering,
			repeats_until: repeatsUntil(
				gathering.recurrence ?? null,
				gathering.starts_at,
				gathering.ends_at,
				gathering.time_zone
			)
		})
		.select('id')
		.single();
	if (created.error) throw created.error;
	const id = created.data.id;
	if (venue) {
		const placed = await by.client.from('gathering_venues').insert({ gathering_id: id, ...venue });
		if (placed.error) throw placed.error;
	}
	if (!draft) {
		const published = await by.client
			.from('gatherings')
			.update({ status: 'published' })
			.eq('id', id);
		if (published.error) throw published.error;
	}
	return id;
}

async function rsvpGoing(who: Member, gatheringId: string) {
	const { data, error } = await who.client.rpc('rsvp', {
		gathering_id: gatheringId,
		answer: 'going'
	});
	if (error) throw error;
	return data;
}

function calendarOf(gatherings: CalendarGathering[]): string {
	return buildCalendar({ name: 'Test', siteOrigin: 'https://map.example', gatherings });
}

const named = (gatherings: CalendarGathering[] | null) => (gatherings ?? []).map((g) => g.id);

beforeAll(async () => {
	[host, attendee, waitlisted, stranger] = await Promise.all([
		member('Host'),
		member('Attendee'),
		member('Waitlisted'),
		member('Stranger')
	]);
	ids.workshop = await hostGathering(
		host,
		{ kind: 'workshop', name: `${token} Workshop`, capacity: 1, meeting_mode: 'in_person' },
		{ venue: { address, lat: -25.28, lng: -57.63 } }
	);
	ids.call = await hostGathering(
		host,
		{
			kind: 'call',
			name: `${token} Call`,
			meeting_mode: 'online',
			recurrence: 'FREQ=WEEKLY;COUNT=4'
		},
		{ venue: { online_url: onlineUrl } }
	);
	ids.membersOnly = await hostGathering(
		host,
		{ kind: 'workshop', name: `${token} Members Workshop`, visibility: 'members' },
		{ venue: { address, lat: -25.28, lng: -57.63 } }
	);
	ids.draft = await hostGathering(
		host,
		{ kind: 'workshop', name: `${token} Draft` },
		{ venue: { address, lat: -25.28, lng: -57.63 }, draft: true }
	);
	expect(await rsvpGoing(attendee, ids.workshop)).toBe('confirmed');
	expect(await rsvpGoing(waitlisted, ids.workshop)).toBe('waitlisted');
	expect(await rsvpGoing(attendee, ids.call)).toBe('confirmed');
});

afterAll(async () => {
	await database().query(`delete from public.gatherings where name like $1`, [`${token}%`]);
});

async function tokenOf(who: Member): Promise<string> {
	return (await readOwnCalendarToken(who.client)) ?? (await regenerateCalendarToken(who.client));
}

describe('the private feed', () => {
	it('gives a host every gathering they host but drafts, with the venue', async () => {
		const feed = await readPrivateFeed(anonymousClient(), await tokenOf(host));
		expect(named(feed).sort()).toEqual([ids.workshop, ids.call, ids.membersOnly].sort());
		const text = calendarOf(feed!);
		const workshop = calendarEvents(text).find((event) => event.summary === `${token} Workshop`)!;
		expect(workshop.location).toBe(address);
		expect(workshop.component.getFirstPropertyValue('geo')).toEqual([-25.28, -57.63]);
		expect(text).toContain(`Join online: ${onlineUrl}`);
	});

	it('gives an approved attendee what they are going to, with the venue and the link', async () => {
		const feed = await readPrivateFeed(anonymousClient(), await tokenOf(attendee));
		expect(named(feed).sort()).toEqual([ids.workshop, ids.call].sort());
		const events = calendarEvents(calendarOf(feed!));
		expect(events.find((e) => e.summary === `${token} Workshop`)!.location).toBe(address);
		const call = events.find((e) => e.summary === `${token} Call`)!;
		expect(call.location).toBe(onlineUrl);
		expect(call.component.getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=WEEKLY;COUNT=4');
	});

	it('gives someone on the waitlist nothing yet, and no venue', async () => {
		const feed = await readPrivateFeed(anonymousClient(), await tokenOf(waitlisted));
		expect(named(feed)).toEqual([]);
		expect(calendarOf(feed!)).not.toContain(address);
	});

	it('gives someone who answered nothing nothing', async () => {
		expect(named(await readPrivateFeed(anonymousClient(), await tokenOf(stranger)))).toEqual([]);
	});

	it('shows a cancelled occurrence as an EXDATE once a host cancels it', async () => {
		const second = new Date(start.getTime() + 7 * 86_400_000).toISOString();
		const cancelled = await host.client
			.from('gatherings')
			.update({ cancelled_occurrences: [second] })
			.eq('id', ids.call);
		expect(cancelled.error).toBeNull();
		const feed = await readPrivateFeed(anonymousClient(), await tokenOf(attendee));
		const call = calendarEvents(calendarOf(feed!)).find((e) => e.summary === `${token} Call`)!;
		const starts = [];
		const iterator = call.iterator();
		for (let next = iterator.next(); next; next = iterator.next()) {
			starts.push(next.toJSDate().toISOString());
		}
		expect(starts).toHaveLength(3);
		expect(starts).not.toContain(second);
	});

	describe('when its owner makes a new link or turns it off', () => {
		it('stops answering to the old token at once, and to none once turned off', async () => {
			const old = await tokenOf(attendee);
			const fresh = await regenerateCalendarToken(attendee.client);
			expect(fresh).not.toBe(old);
			expect(await readOwnCalendarToken(attendee.client)).toBe(fresh);
			expect(named(await readPrivateFeed(anonymousClient(), old))).toEqual([]);
			expect(named(await readPrivateFeed(anonymousClient(), fresh))).toContain(ids.workshop);

			await revokeCalendarToken(attendee.client);
			expect(await readOwnCalendarToken(attendee.client)).toBeNull();
			expect(named(await readPrivateFeed(anonymousClient(), fresh))).toEqual([]);
		});
	});

	it('keeps each person’s token from everyone else', async () => {
		const hostToken = await tokenOf(host);
		const theirs = await stranger.client.from('calendar_tokens').select('token');
		expect(theirs.data?.map((row) => row.token) ?? []).not.toContain(hostToken);
		const anonymous = await anonymousClient().from('calendar_tokens').select('token');
		expect(anonymous.data ?? []).toEqual([]);
	});

	it('leaves out what ended more than 90 days ago, as the public feed does, and keeps series going on', async () => {
		const archivist = await member('Archivist');
		const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
		const online = { meeting_mode: 'online', visibility: 'members' } as const;
		const withLink = { venue: { online_url: onlineUrl } };
		const [longAgo, lastMonth, stillRepeating] = await Promise.all([
			hostGathering(
				archivist,
				{
					kind: 'call',
					name: `${token} Long ago`,
					starts_at: daysAgo(200),
					ends_at: daysAgo(199.9),
					...online
				},
				withLink
			),
			hostGathering(
				archivist,
				{
					kind: 'call',
					name: `${token} Last month`,
					starts_at: daysAgo(30),
					ends_at: daysAgo(29.9),
					...online
				},
				withLink
			),
			hostGathering(
				archivist,
				{
					kind: 'call',
					name: `${token} Every week since`,
					starts_at: daysAgo(200),
					ends_at: daysAgo(199.9),
					recurrence: 'FREQ=WEEKLY',
					...online
				},
				withLink
			)
		]);
		const feed = named(await readPrivateFeed(anonymousClient(), await tokenOf(archivist)));
		expect(feed.sort()).toEqual([lastMonth, stillRepeating].sort());
		expect(feed).not.toContain(longAgo);
	});

	it('answers a token that is not one with nothing to read', async () => {
		expect(await readPrivateFeed(anonymousClient(), 'not-a-token')).toBeNull();
		expect(named(await readPrivateFeed(anonymousClient(), randomUUID()))).toEqual([]);
	});
});

describe('the public feed', () => {
	const query = { kinds: [], country: 'PY', near: null, withinKm: 50 };

	it('holds the public gatherings only, never a venue', async () => {
		const feed = await readPublicFeed(anonymousClient(), { query, near: null });
		const ours = named(feed).filter((id) => Object.values(ids).includes(id));
		expect(ours.sort()).toEqual([ids.workshop, ids.call].sort());
		const text = calendarOf(feed);
		expect(text).not.toContain(address);
		expect(text).not.toContain(onlineUrl);
		expect(text).not.toContain('-25.28');
	});

	it('narrows to kinds and to a circle around a place', async () => {
		const calls = await readPublicFeed(anonymousClient(), {
			query: { ...query, kinds: ['call'] },
			near: null
		});
		expect(named(calls)).toContain(ids.call);
		expect(named(calls)).not.toContain(ids.workshop);
		const near = await readPublicFeed(anonymousClient(), {
			query: { ...query, country: null, withinKm: 50 },
			near: asuncion
		});
		expect(named(near)).toContain(ids.workshop);
		const farAway = await readPublicFeed(anonymousClient(), {
			query: { ...query, country: null, withinKm: 50 },
			near: { lat: 52.09, lng: 5.12 }
		});
		expect(named(farAway)).not.toContain(ids.workshop);
	});
});

describe('one gathering’s file', () => {
	const anonymously = { signedIn: false };
	const signedIn = { signedIn: true };

	it('gives an anonymous visitor a public gathering without its venue', async () => {
		const gathering = await readGatheringCalendar(anonymousClient(), ids.workshop, anonymously);
		expect(gathering?.venue).toBeNull();
		expect(calendarOf([gathering!])).not.toContain(address);
		expect(await readGatheringCalendar(anonymousClient(), ids.membersOnly, anonymously)).toBeNull();
		expect(await readGatheringCalendar(anonymousClient(), ids.draft, anonymously)).toBeNull();
	});

	it('gives the venue to its host and approved attendee, not to the waitlist', async () => {
		for (const who of [host, attendee]) {
			const gathering = await readGatheringCalendar(who.client, ids.workshop, signedIn);
			expect(calendarEvents(calendarOf([gathering!]))[0].location).toBe(address);
		}
		const waiting = await readGatheringCalendar(waitlisted.client, ids.workshop, signedIn);
		expect(waiting?.venue).toBeNull();
		const membersOnly = await readGatheringCalendar(stranger.client, ids.membersOnly, signedIn);
		expect(membersOnly?.venue).toBeNull();
	});
});

describe('the demo data’s series', () => {
	it('read as the app reads them: a rule that starts on its first date and ends on repeats_until', async () => {
		const { rows } = await database().query<{
			name: string;
			recurrence: string;
			starts_at: Date;
			ends_at: Date;
			time_zone: string;
			repeats_until: Date | null;
		}>(
			`select name, recurrence, starts_at, ends_at, time_zone, repeats_until
			from public.gatherings
			where recurrence is not null and id::text like '00000000-0000-4000-a000-%'`
		);
		expect(rows.length).toBeGreaterThan(1);
		for (const series of rows) {
			const first = { startsAt: series.starts_at, timeZone: series.time_zone };
			expect(ruleProblem(series.recurrence, first), series.name).toBeNull();
			expect(
				repeatsUntil(series.recurrence, series.starts_at, series.ends_at, series.time_zone),
				series.name
			).toBe(series.repeats_until?.toISOString() ?? null);
		}
	});
});
