import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	answer,
	block,
	draftGathering,
	publishedGathering,
	removeGatherings,
	type Venue
} from '../../support/gatherings';
import { anonymousSignIn, database } from '../../support/privacy';
import {
	anonymousClient,
	membersNamedWith,
	type Client,
	type Member
} from '../../support/supabase';

/**
 * The private calendar feed (issue 11): a secret token per person, read by its owner only, made
 * and revoked by its owner only and never chosen by them; the feed by token gives the owner's
 * gatherings (hosted, or going and confirmed, published or cancelled) with the venue only where
 * the owner may read it, and nothing once the token is regenerated or revoked. Attacked as an
 * anonymous visitor, an anonymous sign-in, another member and the owner. Everyone meets in
 * Libreville, Gabon, and is named with this run's token.
 */

const token = `ga${randomUUID().slice(0, 6)}`;
const named = membersNamedWith(token);
const libreville = { lat: 0.4162, lng: 9.4673 };
const venue = {
	address: `${token} 3 Boulevard Triomphal`,
	lat: 0.42712345,
	lng: 9.45187654,
	online_url: null
} satisfies Venue;

function person(name: string) {
	return named(name, { precision: 'town' }, libreville);
}

let owner: Member;
let host: Member;
let other: Member;
let going: string; // owner confirmed
let waitlisted: string; // owner waitlisted
let interested: string; // owner interested
let hosted: string; // owner hosts, published
let draft: string; // owner hosts, draft
let cancelled: string; // owner confirmed, then cancelled by the host

async function regenerate(member: Member): Promise<string> {
	const { data, error } = await member.client.rpc('regenerate_calendar_token');
	if (error) throw error;
	return data;
}

async function feed(calendarToken: string, client: Client = anonymousClient()) {
	const { data, error } = await client.rpc('calendar_feed_by_token', { token: calendarToken });
	expect(error).toBeNull();
	return data!;
}

beforeAll(async () => {
	[owner, host, other] = await Promise.all([person('Owner'), person('Host'), person('Other')]);
	going = await publishedGathering(host, { name: `${token} Going`, at: libreville }, venue);
	expect(await answer(owner, going, 'going')).toBe('confirmed');
	waitlisted = await publishedGathering(
		host,
		{ name: `${token} Waitlisted`, at: libreville, capacity: 1 },
		venue
	);
	await answer(other, waitlisted, 'going');
	expect(await answer(owner, waitlisted, 'going')).toBe('waitlisted');
	interested = await publishedGathering(host, { name: `${token} Interested`, at: libreville });
	await answer(owner, interested, 'interested');
	hosted = await publishedGathering(owner, { name: `${token} Hosted`, at: libreville }, venue);
	draft = await draftGathering(owner, { name: `${token} Draft`, at: libreville });
	cancelled = await publishedGathering(host, { name: `${token} Cancelled`, at: libreville }, venue);
	await answer(owner, cancelled, 'going');
	const cancelling = await host.client
		.from('gatherings')
		.update({ status: 'cancelled' })
		.eq('id', cancelled);
	expect(cancelling.error).toBeNull();
});

afterAll(() => removeGatherings(token));

describe('the token', () => {
	it('is made by its owner only, and read by its owner only', async () => {
		const secret = await regenerate(owner);
		const { data } = await owner.client.from('calendar_tokens').select('profile_id, token');
		expect(data).toEqual([{ profile_id: owner.id, token: secret }]);
		const theirs = await other.client.from('calendar_tokens').select('token');
		expect(JSON.stringify(theirs.data)).not.toContain(secret);
		const counted = await other.client
			.from('calendar_tokens')
			.select('token', { count: 'exact', head: true })
			.eq('profile_id', owner.id);
		expect(counted.count).toBe(0);
		const anonymous = await anonymousClient().from('calendar_tokens').select('token');
		expect(anonymous.error?.code).toBe('42501');
	});

	it('is made for nobody but a member, and revoked for nobody else', async () => {
		const secret = await regenerate(owner);
		const stranger = await anonymousSignIn(await person('Stranger'));
		for (const client of [anonymousClient(), stranger.client]) {
			expect((await client.rpc('regenerate_calendar_token')).error?.code).toBe('42501');
		}
		expect((await anonymousClient().rpc('revoke_calendar_token')).error?.code).toBe('42501');
		// An anonymous sign-in has no token to revoke: revoking is theirs alone, so does nothing.
		await stranger.client.rpc('revoke_calendar_token');
		await other.client.rpc('revoke_calendar_token');
		const { rows } = await database().query(
			'select profile_id, token::text from public.calendar_tokens where profile_id = any ($1::uuid[])',
			[[owner.id, stranger.id]]
		);
		expect(rows).toEqual([{ profile_id: owner.id, token: secret }]);
	});

	it('is never chosen, changed or removed directly, by its owner or anyone', async () => {
		const secret = await regenerate(owner);
		const guessable = '00000000-0000-4000-8000-000000000001';
		for (const client of [owner.client, other.client]) {
			const inserted = await client
				.from('calendar_tokens')
				.insert({ profile_id: owner.id, token: guessable });
			expect(inserted.error?.code).toBe('42501');
			const updated = await client
				.from('calendar_tokens')
				.update({ token: guessable })
				.eq('profile_id', owner.id);
			expect(updated.error?.code).toBe('42501');
			const removed = await client.from('calendar_tokens').delete().eq('profile_id', owner.id);
			expect(removed.error?.code).toBe('42501');
		}
		const { rows } = await database().query(
			'select token::text from public.calendar_tokens where profile_id = $1',
			[owner.id]
		);
		expect(rows).toEqual([{ token: secret }]);
	});
});

describe('the feed', () => {
	let secret: string;

	beforeAll(async () => {
		secret = await regenerate(owner);
	});

	it('gives the owner’s hosted and confirmed gatherings, published or cancelled, to anyone with the token', async () => {
		const ids = (await feed(secret)).map((row) => row.id).sort();
		expect(ids).toEqual([going, hosted, cancelled].sort());
		for (const gone of [waitlisted, interested, draft]) expect(ids).not.toContain(gone);
	});

	it('carries the venue of the gatherings the owner may read it for', async () => {
		const rows = new Map((await feed(secret)).map((row) => [row.id, row]));
		expect(rows.get(going)).toMatchObject({
			address: venue.address,
			venue_lat: venue.lat,
			venue_lng: venue.lng
		});
		expect(rows.get(hosted)).toMatchObject({ address: venue.address });
	});

	it('gives nothing for a token nobody has', async () => {
		expect(await feed(randomUUID())).toEqual([]);
	});

	it('stops working when regenerated, and the new one works', async () => {
		const old = secret;
		secret = await regenerate(owner);
		expect(secret).not.toBe(old);
		expect(await feed(old)).toEqual([]);
		expect((await feed(secret)).length).toBe(3);
	});

	it('stops working when revoked', async () => {
		const { error } = await owner.client.rpc('revoke_calendar_token');
		expect(error).toBeNull();
		expect(await feed(secret)).toEqual([]);
		const { data } = await owner.client.from('calendar_tokens').select('token');
		expect(data).toEqual([]);
		secret = await regenerate(owner);
	});

	it('leaves out the venue once a host blocks the owner', async () => {
		const blocker = await person('BlockingHost');
		const later = await publishedGathering(
			blocker,
			{ name: `${token} Blocked`, at: libreville },
			venue
		);
		await answer(owner, later, 'going');
		expect((await feed(secret)).find((row) => row.id === later)?.address).toBe(venue.address);
		await block(blocker, owner);
		const row = (await feed(secret)).find((entry) => entry.id === later);
		expect(row?.address ?? null).toBeNull();
		expect(row?.venue_lat ?? null).toBeNull();
	});

	it('is the same for a token guessed as text rather than a uuid: refused, not searched', async () => {
		const { data, error } = await anonymousClient().rpc('calendar_feed_by_token', {
			token: `${secret.slice(0, 8)}%` as string
		});
		expect(error?.code ?? (data as unknown[]).length).toBeTruthy();
		expect(JSON.stringify(data ?? [])).not.toContain(going);
	});
});

describe('leaving', () => {
	it('takes the token, the feed, the answers, the hostings and the opt-in away at once, and frees the place', async () => {
		const [leaver, next] = await Promise.all([person('Leaver'), person('Next')]);
		const full = await publishedGathering(
			host,
			{ name: `${token} Full`, at: libreville, capacity: 1 },
			venue
		);
		expect(await answer(leaver, full, 'going')).toBe('confirmed');
		expect(await answer(next, full, 'going')).toBe('waitlisted');
		await draftGathering(leaver, { name: `${token} Leaver's`, at: libreville });
		const optedIn = await leaver.client.from('gathering_invitation_optins').insert({});
		expect(optedIn.error).toBeNull();
		const secret = await regenerate(leaver);
		expect((await feed(secret)).map((row) => row.id)).toEqual([full]);
		const exported = await leaver.client.rpc('export_my_data');
		expect(JSON.stringify(exported.data)).toContain(secret);
		const { error } = await leaver.client.rpc('delete_my_account');
		expect(error).toBeNull();
		expect(await feed(secret)).toEqual([]);
		const { rows } = await database().query(
			`select
				(select count(*) from public.calendar_tokens where profile_id = $1)::int as tokens,
				(select count(*) from public.gathering_rsvps where profile_id = $1)::int as answers,
				(select count(*) from public.gathering_hosts where profile_id = $1)::int as hostings,
				(select count(*) from public.gathering_invitation_optins where profile_id = $1)::int as optins,
				(select state::text from public.gathering_rsvps where profile_id = $2 and gathering_id = $3) as next_state`,
			[leaver.id, next.id, full]
		);
		expect(rows[0]).toEqual({
			tokens: 0,
			answers: 0,
			hostings: 0,
			optins: 0,
			next_state: 'confirmed'
		});
		const { data } = await next.client
			.from('notifications')
			.select('kind')
			.eq('gathering_id', full);
		expect(data).toContainEqual({ kind: 'waitlist_moved_up' });
	});
});
