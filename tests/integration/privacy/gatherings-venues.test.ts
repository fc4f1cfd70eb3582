import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	answer,
	decide,
	gatheringNotices,
	publishedGathering,
	removeGatherings,
	setVenue,
	venueAs,
	type Venue
} from '../../support/gatherings';
import {
	accessToken,
	anonymousSignIn,
	anonymousToken,
	database,
	expectNoExactPoint,
	rest
} from '../../support/privacy';
import {
	anonymousClient,
	membersNamedWith,
	type Client,
	type Member
} from '../../support/supabase';

/**
 * A gathering's venue and joining link (issue 11): read by its hosts and its approved attendees
 * (going and confirmed) only, and written by its hosts only. Not by someone waitlisted, pending,
 * declined, interested or not going, another member, an anonymous sign-in or visitor: not through
 * the venue table, a filter, a count, the gathering's own row, the list, the map, my_gatherings or
 * an error. Blocks are in gatherings-blocking.test.ts, the calendar feed in
 * gatherings-calendars.test.ts. Everyone meets in Yaoundé, Cameroon, and is named with this run's
 * token.
 */

const token = `cm${randomUUID().slice(0, 6)}`;
const named = membersNamedWith(token);
const yaounde = { lat: 3.848, lng: 11.5021 };
/** The venue: a point no published cell has, an address and a link nobody else writes. */
const venue = {
	address: `${token} 7 Rue du Marché`,
	lat: 3.86712345,
	lng: 11.51876543,
	online_url: `https://meet.example.test/${token}-room`
} satisfies Venue;

function person(name: string) {
	return named(name, { precision: 'town' }, yaounde);
}

let host: Member;
let confirmed: Member;
let waitlisted: Member;
let interested: Member;
let notGoing: Member;
let outsider: Member;
let stranger: Member; // an anonymous sign-in
let pending: Member;
let declined: Member;
let gathering: string; // mixed, capacity 1: confirmed, waitlisted, interested, not going
let byApproval: string; // mixed, by approval: pending and declined

beforeAll(async () => {
	[host, confirmed, waitlisted, interested, notGoing, outsider, stranger, pending, declined] =
		await Promise.all(
			[
				'Host',
				'Confirmed',
				'Waitlisted',
				'Interested',
				'NotGoing',
				'Outsider',
				'Stranger',
				'Pending',
				'Declined'
			].map(person)
		);
	stranger = await anonymousSignIn(stranger);
	gathering = await publishedGathering(
		host,
		{ name: `${token} Gathering`, at: yaounde, capacity: 1, meeting_mode: 'mixed' },
		venue
	);
	expect(await answer(confirmed, gathering, 'going')).toBe('confirmed');
	expect(await answer(waitlisted, gathering, 'going')).toBe('waitlisted');
	await answer(interested, gathering, 'interested');
	await answer(notGoing, gathering, 'not_going');
	byApproval = await publishedGathering(
		host,
		{
			name: `${token} By approval`,
			at: yaounde,
			meeting_mode: 'mixed',
			registration: 'approval'
		},
		venue
	);
	expect(await answer(pending, byApproval, 'going')).toBe('pending');
	expect(await answer(declined, byApproval, 'going')).toBe('pending');
	await decide(host, byApproval, declined, false);
});

afterAll(() => removeGatherings(token));

const readers: { who: string; member: () => Member; id: () => string }[] = [
	{ who: 'someone waitlisted', member: () => waitlisted, id: () => gathering },
	{ who: 'someone interested', member: () => interested, id: () => gathering },
	{ who: 'someone not going', member: () => notGoing, id: () => gathering },
	{ who: 'another member', member: () => outsider, id: () => gathering },
	{ who: 'an anonymous sign-in', member: () => stranger, id: () => gathering },
	{ who: 'someone pending', member: () => pending, id: () => byApproval },
	{ who: 'someone declined', member: () => declined, id: () => byApproval }
];

describe('reading the venue', () => {
	it('is for the hosts and confirmed attendees', async () => {
		expect(await venueAs(host.client, gathering)).toEqual(venue);
		expect(await venueAs(confirmed.client, gathering)).toEqual(venue);
	});

	it.each(readers)('gives $who nothing, not even a count or a filter’s answer', async (r) => {
		const client = r.member().client;
		expect(await venueAs(client, r.id())).toBeNull();
		const counted = await client
			.from('gathering_venues')
			.select('gathering_id', { count: 'exact', head: true })
			.eq('gathering_id', r.id());
		expect(counted.count).toBe(0);
		const filtered = await client
			.from('gathering_venues')
			.select('gathering_id')
			.gt('lat', 3)
			.lt('lat', 4);
		expect(filtered.data).toEqual([]);
	});

	it('is refused to anonymous visitors', async () => {
		const { error } = await anonymousClient().from('gathering_venues').select('*');
		expect(error?.code).toBe('42501');
	});

	it('ends when a confirmed attendee stops going', async () => {
		const leaver = await person('Leaver');
		const other = await publishedGathering(host, { name: `${token} Leave`, at: yaounde }, venue);
		await answer(leaver, other, 'going');
		expect(await venueAs(leaver.client, other)).toEqual(venue);
		await answer(leaver, other, 'interested');
		expect(await venueAs(leaver.client, other)).toBeNull();
	});

	it('begins when a host approves, not before', async () => {
		const asker = await person('Asker');
		expect(await answer(asker, byApproval, 'going')).toBe('pending');
		expect(await venueAs(asker.client, byApproval)).toBeNull();
		await decide(host, byApproval, asker, true);
		expect(await venueAs(asker.client, byApproval)).toEqual(venue);
	});
});

describe('the venue nowhere else', () => {
	/** Every way the API may give a gathering out, as the holder of `bearer`, by request. */
	async function everyView(bearer: string) {
		const requests: [string, Parameters<typeof rest>[2]?][] = [
			[`gatherings?select=*&id=eq.${gathering}`],
			[`gatherings?select=id,venue:gathering_venues(*)&id=eq.${gathering}`],
			[
				'rpc/gathering_page',
				{
					method: 'POST',
					body: {
						page: 1,
						page_size: 100,
						near_lat: yaounde.lat,
						near_lng: yaounde.lng,
						within_km: 50
					}
				}
			],
			[
				'rpc/gathering_page',
				{ method: 'POST', body: { page: 1, page_size: 100, filters: { q: 'Marché' } } }
			],
			[
				'rpc/map_items',
				{
					method: 'POST',
					body: { min_lat: 3, min_lng: 11, max_lat: 4.5, max_lng: 12, max_items: 5000 }
				}
			],
			['rpc/my_gatherings', { method: 'POST', body: {} }]
		];
		return Promise.all(
			requests.map(async ([path, init]) => [path, await rest(bearer, path, init)] as const)
		);
	}

	it.each(readers.slice(0, 5))('gives $who no address, point or link', async (r) => {
		for (const [path, response] of await everyView(await accessToken(r.member()))) {
			expectNoExactPoint(response, venue, path);
			expect(response.text).not.toContain(venue.address);
			expect(response.text).not.toContain(venue.online_url);
		}
	});

	it('gives anonymous visitors no address, point or link', async () => {
		for (const [path, response] of await everyView(anonymousToken())) {
			expectNoExactPoint(response, venue, path);
			expect(response.text).not.toContain(venue.address);
			expect(response.text).not.toContain(venue.online_url);
		}
	});

	it('does not find a gathering by its address for someone who may not read it', async () => {
		const { data, error } = await outsider.client.rpc('gathering_page', {
			page: 1,
			page_size: 100,
			filters: { q: venue.address }
		});
		expect(error).toBeNull();
		expect((data as { total: number }).total).toBe(0);
	});

	it('gives it in my_gatherings to a confirmed attendee and not to someone waitlisted', async () => {
		const mine = async (member: Member) => {
			const { data, error } = await member.client.rpc('my_gatherings');
			expect(error).toBeNull();
			return JSON.stringify((data as { id: string }[]).find((row) => row.id === gathering));
		};
		expect(await mine(confirmed)).toContain(venue.address);
		expect(await mine(waitlisted)).not.toContain(venue.address);
		expect(await mine(waitlisted)).not.toContain(venue.online_url);
	});

	it('is not in the notice of a change of venue', async () => {
		const moved = { ...venue, address: `${token} 9 Avenue Kennedy`, lat: 3.8612, lng: 11.5123 };
		await setVenue(host, gathering, moved);
		const notices = await gatheringNotices(waitlisted, gathering);
		expect(notices).toContainEqual(expect.objectContaining({ kind: 'gathering_changed' }));
		expect(JSON.stringify(notices)).not.toContain('Kennedy');
		const { rows } = await database().query(
			'select * from public.notifications where gathering_id = $1',
			[gathering]
		);
		expect(JSON.stringify(rows)).not.toContain('Kennedy');
		await setVenue(host, gathering, venue);
	});
});

describe('writing the venue', () => {
	const writers: { who: string; client: () => Client }[] = [
		{ who: 'an anonymous visitor', client: () => anonymousClient() },
		{ who: 'an anonymous sign-in', client: () => stranger.client },
		{ who: 'another member', client: () => outsider.client },
		{ who: 'a confirmed attendee', client: () => confirmed.client },
		{ who: 'someone waitlisted', client: () => waitlisted.client }
	];

	async function stored() {
		const { rows } = await database().query(
			'select address, lat, lng, online_url from public.gathering_venues where gathering_id = $1',
			[gathering]
		);
		return rows[0];
	}

	it.each(writers)('changes nothing as $who', async ({ client }) => {
		const before = await stored();
		const updated = await client()
			.from('gathering_venues')
			.update({ address: 'Elsewhere', online_url: 'https://evil.example.test' })
			.eq('gathering_id', gathering);
		expect(updated.error === null ? 'unchanged' : updated.error.code).toMatch(/42501|unchanged/);
		const removed = await client().from('gathering_venues').delete().eq('gathering_id', gathering);
		expect(removed.error === null ? 'unchanged' : removed.error.code).toMatch(/42501|unchanged/);
		const upserted = await client()
			.from('gathering_venues')
			.upsert({ gathering_id: gathering, address: 'Elsewhere' });
		expect(upserted.error?.code).toBe('42501');
		expect(await stored()).toEqual(before);
	});

	it('gives a new gathering no venue written by someone who does not host it', async () => {
		const other = await publishedGathering(
			host,
			{ name: `${token} Online`, at: yaounde, meeting_mode: 'online' },
			{ online_url: 'https://meet.example.test/real' }
		);
		const { error } = await outsider.client
			.from('gathering_venues')
			.update({ online_url: 'https://evil.example.test' })
			.eq('gathering_id', other);
		expect(error === null || error.code === '42501').toBe(true);
		const { rows } = await database().query(
			'select online_url from public.gathering_venues where gathering_id = $1',
			[other]
		);
		expect(rows).toEqual([{ online_url: 'https://meet.example.test/real' }]);
	});
});
