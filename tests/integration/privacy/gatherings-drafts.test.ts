import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	answer,
	decide,
	draftGathering,
	gatheringNotices,
	inDays,
	publishedGathering,
	removeGatherings,
	setVenue,
	storedGathering,
	venueAs
} from '../../support/gatherings';
import {
	cellAt,
	joinThroughRequest,
	pastDailyLimit,
	refusal,
	startGroup
} from '../../support/groups';
import {
	accessToken,
	anonymousSignIn,
	anonymousToken,
	database,
	rest
} from '../../support/privacy';
import {
	anonymousClient,
	membersNamedWith,
	signUpMember,
	type Client,
	type Member
} from '../../support/supabase';

/**
 * Gatherings themselves (issue 11): members make them as drafts with a plain insert and become
 * their hosts; only hosts see a draft, edit a gathering, publish it (with a venue or a link) and
 * move its status, only forward; the database keeps going_count, who made it and when it was
 * published; the planner's region is the hosts' alone; changes are told to the people going as the
 * gathering's own news, naming nobody; the list shows what the caller may see. Attacked as an
 * anonymous visitor, an anonymous sign-in, someone with no profile yet, another member, an
 * attendee and a host. Everyone meets in Accra, Ghana, and is named with this run's token.
 */

const token = `gh${randomUUID().slice(0, 6)}`;
const named = membersNamedWith(token);
const accra = { lat: 5.6037, lng: -0.187 };

function person(name: string, profile: Parameters<typeof named>[1] = {}) {
	return named(name, { precision: 'town', ...profile }, accra);
}

let host: Member; // 'only me': a host who shows nobody their profile
let attendee: Member;
let outsider: Member;
let stranger: Member; // an anonymous sign-in
let draft: string;
let published: string; // members only, attendee confirmed

beforeAll(async () => {
	[host, attendee, outsider, stranger] = await Promise.all([
		person('Host', { visibility: 'only_me' }),
		person('Attendee'),
		person('Outsider'),
		person('Stranger')
	]);
	stranger = await anonymousSignIn(stranger);
	draft = await draftGathering(host, {
		name: `${token} Draft`,
		at: accra,
		invite_region: { lat: accra.lat, lng: accra.lng, radius_km: 30 }
	});
	published = await publishedGathering(host, { name: `${token} Published`, at: accra });
	expect(await answer(attendee, published, 'going')).toBe('confirmed');
});

afterAll(() => removeGatherings(token));

async function newDraft(client: Client, fields: Record<string, unknown> = {}) {
	return client.from('gatherings').insert({
		kind: 'workshop',
		name: `${token} Attempt`,
		starts_at: inDays(3),
		ends_at: inDays(3.1),
		time_zone: 'Africa/Accra',
		area_cell: await cellAt(accra, 'town'),
		...fields
	});
}

async function attempts() {
	const { rows } = await database().query(
		'select count(*)::integer as made from public.gatherings where name = $1',
		[`${token} Attempt`]
	);
	return rows[0].made as number;
}

describe('making a gathering', () => {
	it('is refused to anonymous visitors, anonymous sign-ins and people with no profile yet', async () => {
		const newcomer = await signUpMember(`${token}-newcomer`);
		for (const client of [anonymousClient(), stranger.client, newcomer.client]) {
			const { error } = await newDraft(client);
			expect(error?.code).toBe('42501');
		}
		expect(await attempts()).toBe(0);
	});

	it('makes a draft whose maker is its host, whatever the insert says', async () => {
		const maker = await person('Maker');
		for (const column of [
			{ status: 'published' },
			{ going_count: 40 },
			{ created_by: outsider.id },
			{ published_at: inDays(-1) },
			{ invitations_sent_at: inDays(-1) }
		]) {
			const { error } = await newDraft(maker.client, column);
			expect(error?.code, JSON.stringify(column)).toBe('42501');
		}
		const id = await draftGathering(maker, { name: `${token} Maker's`, at: accra });
		expect(await storedGathering(id)).toMatchObject({
			status: 'draft',
			going_count: 0,
			created_by: maker.id,
			published_at: null
		});
		const { data } = await maker.client.from('gathering_hosts').select('profile_id, gathering_id');
		expect(data).toEqual([{ profile_id: maker.id, gathering_id: id }]);
	});

	it('names as host group only a group the maker hosts', async () => {
		const [groupHost, member] = await Promise.all([person('GroupHost'), person('GroupMember')]);
		const group = await startGroup(groupHost, { name: `${token} Crew`, at: accra });
		const { error } = await newDraft(member.client, { host_group_id: group });
		expect(refusal({ error })).toEqual({
			code: '42501',
			message: "You can only name a group you host as a gathering's host group."
		});
		const id = await draftGathering(member, { name: `${token} Own`, at: accra });
		const moved = await member.client
			.from('gatherings')
			.update({ host_group_id: group })
			.eq('id', id);
		expect(moved.error?.code).toBe('42501');
		expect((await storedGathering(id)).host_group_id).toBeNull();
		await database().query('delete from public.groups where id = $1', [group]);
	});

	it('publishes an area no finer than a town', async () => {
		const { error } = await newDraft(host.client, {
			area_cell: await cellAt(accra, 'neighbourhood')
		});
		expect(error?.code).toBe('23514');
	});

	it('refuses impossible times, zones, rules and capacities', async () => {
		const maker = await person('Careless');
		for (const fields of [
			{ ends_at: inDays(2.9) },
			{ time_zone: 'Mars/Olympus' },
			{ recurrence: 'FREQ=HOURLY' },
			{ recurrence: 'FREQ=WEEKLY;X-EVIL=1' },
			{ capacity: 0 },
			{ contribution: 'x'.repeat(201) },
			{ accessibility: ['step_free', 'teleporter'] },
			{ invite_region: { lat: 5, lng: 0, radius_km: 5000 } },
			{ invite_region: { lat: 5, lng: 0, radius_km: 10, extra: true } }
		]) {
			const { error } = await newDraft(maker.client, fields);
			expect(['22023', '23514'], JSON.stringify(fields)).toContain(error?.code);
		}
		expect(await attempts()).toBe(0);
	});

	it('allows 10 a day, then says so', async () => {
		const busy = await person('Busy');
		for (let made = 0; made < 10; made++) {
			const { error } = await newDraft(busy.client, { name: `${token} Busy ${made}` });
			expect(error).toBeNull();
		}
		const { error } = await newDraft(busy.client, { name: `${token} Busy 10` });
		expect(error).toMatchObject(pastDailyLimit(10, 'new gatherings'));
	});
});

describe('a draft', () => {
	it('is seen by its hosts only: not read, counted, listed, mapped or answered by anyone else', async () => {
		const { data } = await host.client.from('gatherings').select('id').eq('id', draft);
		expect(data).toEqual([{ id: draft }]);
		for (const bearer of [
			anonymousToken(),
			await accessToken(stranger),
			await accessToken(outsider),
			await accessToken(attendee)
		]) {
			const read = await rest(bearer, `gatherings?select=id&id=eq.${draft}`, {
				headers: { Prefer: 'count=exact' }
			});
			expect(read.body).toEqual([]);
			expect(read.headers.get('content-range')).toMatch(/\/0$/);
			const listed = await rest(bearer, 'rpc/gathering_page', {
				method: 'POST',
				body: { page: 1, page_size: 100, filters: { q: token } }
			});
			expect(listed.text).not.toContain(draft);
			const mapped = await rest(bearer, 'rpc/map_items', {
				method: 'POST',
				body: { min_lat: 4, min_lng: -2, max_lat: 7, max_lng: 1, max_items: 5000 }
			});
			expect(mapped.text).not.toContain(draft);
		}
		for (const member of [outsider, stranger]) {
			const hosts = await member.client.rpc('gathering_hosts_of', { gathering_id: draft });
			expect(hosts.data).toEqual([]);
		}
		// An anonymous sign-in is not a member: not the hosts of a members-only gathering either.
		const outsiders = await publishedGathering(outsider, {
			name: `${token} Outsider's`,
			at: accra
		});
		const hostsAs = async (client: Client) =>
			(await client.rpc('gathering_hosts_of', { gathering_id: outsiders })).data;
		expect(await hostsAs(attendee.client)).toEqual([
			{ profile_id: outsider.id, display_name: `${token} Outsider` }
		]);
		expect(await hostsAs(stranger.client)).toEqual([]);
		const hostings = await anonymousClient().from('gathering_hosts').select('*');
		expect(hostings.error?.code).toBe('42501');
		const [toDraft, toNothing] = await Promise.all([
			outsider.client.rpc('rsvp', { gathering_id: draft, answer: 'interested' }),
			outsider.client.rpc('rsvp', { gathering_id: randomUUID(), answer: 'interested' })
		]);
		expect(refusal(toDraft)).toEqual(refusal(toNothing));
	});

	it('is published only with what people need to come', async () => {
		const cases = [
			['in_person', 'Add a venue (an address and its point on the map) before publishing.'],
			['online', 'Add a joining link before publishing.'],
			[
				'mixed',
				'Add a venue (an address and its point on the map) and a joining link before publishing.'
			]
		] as const;
		for (const [mode, message] of cases) {
			const id = await draftGathering(host, {
				name: `${token} Unready ${mode}`,
				at: accra,
				meeting_mode: mode
			});
			const refused = await host.client
				.from('gatherings')
				.update({ status: 'published' })
				.eq('id', id);
			expect(refusal(refused)).toEqual({ code: 'P0001', message });
			expect((await storedGathering(id)).status).toBe('draft');
		}
	});
});

describe('editing a gathering', () => {
	async function snapshot(id: string) {
		const row = await storedGathering(id);
		return { ...row, updated_at: undefined };
	}

	const editors: { who: string; client: () => Client }[] = [
		{ who: 'an anonymous visitor', client: () => anonymousClient() },
		{ who: 'an anonymous sign-in', client: () => stranger.client },
		{ who: 'another member', client: () => outsider.client },
		{ who: 'an attendee', client: () => attendee.client }
	];

	it.each(editors)('changes nothing as $who', async ({ client }) => {
		const before = await snapshot(published);
		for (const change of [
			{ name: 'Taken over' },
			{ status: 'cancelled' as const },
			{ cancelled_occurrences: [inDays(7)] },
			{ capacity: 1 }
		]) {
			const { error } = await client().from('gatherings').update(change).eq('id', published);
			expect(error === null || error.code === '42501').toBe(true);
		}
		expect(await snapshot(published)).toEqual(before);
		expect(await gatheringNotices(attendee, published)).toEqual([]);
	});

	it('keeps what the database keeps out of even a host’s hands', async () => {
		for (const change of [
			{ going_count: 99 },
			{ created_by: outsider.id },
			{ published_at: inDays(-30) },
			{ invitations_sent_at: null }
		]) {
			const { error } = await host.client.from('gatherings').update(change).eq('id', published);
			expect(error?.code, JSON.stringify(change)).toBe('42501');
		}
		expect(await storedGathering(published)).toMatchObject({ going_count: 1 });
	});

	it('moves status only forward', async () => {
		const id = await publishedGathering(host, { name: `${token} Forward`, at: accra });
		const back = await host.client.from('gatherings').update({ status: 'draft' }).eq('id', id);
		expect(refusal(back)).toEqual({
			code: 'P0001',
			message: 'A published gathering cannot become draft.'
		});
		const cancelled = await host.client
			.from('gatherings')
			.update({ status: 'cancelled' })
			.eq('id', id);
		expect(cancelled.error).toBeNull();
		const again = await host.client.from('gatherings').update({ status: 'published' }).eq('id', id);
		expect(again.error?.code).toBe('P0001');
		expect((await storedGathering(id)).status).toBe('cancelled');
	});
});

describe('a host group', () => {
	let maker: Member;
	let coHost: Member; // a host of the crew, not of the gathering itself
	let crewMember: Member; // in the crew, not a host
	let gathering: string;
	let crew: string;

	beforeAll(async () => {
		[maker, coHost, crewMember] = await Promise.all([
			person('CrewMaker'),
			person('CrewCoHost'),
			person('CrewMember')
		]);
		crew = await startGroup(maker, { name: `${token} Host crew`, at: accra, sizeLimit: 8 });
		for (const member of [coHost, crewMember]) {
			await joinThroughRequest(crew, member, maker);
		}
		const promoted = await maker.client.rpc('set_member_role', {
			group_id: crew,
			profile_id: coHost.id,
			role: 'host'
		});
		expect(promoted.error).toBeNull();
		gathering = await draftGathering(maker, {
			name: `${token} Crew's draft`,
			at: accra,
			host_group_id: crew
		});
		await setVenue(maker, gathering, {
			address: 'Crew hall',
			lat: 5.6,
			lng: -0.2,
			online_url: null
		});
	});

	afterAll(async () => {
		await database().query('delete from public.groups where id = $1', [crew]);
	});

	it('makes its hosts the gathering’s hosts, and its other members nothing', async () => {
		const readAs = async (member: Member) => {
			const { data } = await member.client.from('gatherings').select('id').eq('id', gathering);
			const venue = await member.client
				.from('gathering_venues')
				.select('address')
				.eq('gathering_id', gathering);
			const renamed = await member.client
				.from('gatherings')
				.update({ description: `edited by ${member.email}` })
				.eq('id', gathering)
				.select('id');
			return { draft: data!.length, venue: venue.data!.length, edited: renamed.data?.length ?? 0 };
		};
		expect(await readAs(coHost)).toEqual({ draft: 1, venue: 1, edited: 1 });
		expect(await readAs(crewMember)).toEqual({ draft: 0, venue: 0, edited: 0 });
	});

	it('stops making someone a host once they no longer host the group', async () => {
		const demoted = await maker.client.rpc('set_member_role', {
			group_id: crew,
			profile_id: coHost.id,
			role: 'member'
		});
		expect(demoted.error).toBeNull();
		const { data } = await coHost.client.from('gatherings').select('id').eq('id', gathering);
		expect(data).toEqual([]);
		const venue = await coHost.client
			.from('gathering_venues')
			.select('address')
			.eq('gathering_id', gathering);
		expect(venue.data).toEqual([]);
	});
});

describe('a gathering whose last host of its own goes', () => {
	/** Whether `reader` reads the gathering through the table. */
	async function reads(reader: Member, id: string): Promise<boolean> {
		const { data, error } = await reader.client.from('gatherings').select('id').eq('id', id);
		expect(error).toBeNull();
		return data!.length === 1;
	}

	/** A crew `founder` starts and then makes `second` a host of too; its id. */
	async function crewHostedBy(founder: Member, second: Member): Promise<string> {
		const crew = await startGroup(founder, {
			name: `${token} Crew ${second.id.slice(0, 6)}`,
			at: accra,
			sizeLimit: 8
		});
		await joinThroughRequest(crew, second, founder);
		const promoted = await founder.client.rpc('set_member_role', {
			group_id: crew,
			profile_id: second.id,
			role: 'host'
		});
		expect(promoted.error).toBeNull();
		return crew;
	}

	it('is cancelled when upcoming and published, and its people are told', async () => {
		const [leaving, going] = await Promise.all([person('LeavingHost'), person('GoingStays')]);
		const id = await publishedGathering(leaving, { name: `${token} Orphan`, at: accra });
		expect(await answer(going, id, 'going')).toBe('confirmed');
		expect((await leaving.client.rpc('delete_my_account')).error).toBeNull();
		expect((await storedGathering(id)).status).toBe('cancelled');
		expect(await gatheringNotices(going, id)).toEqual([
			{ kind: 'gathering_changed', body: 'cancelled' }
		]);
	});

	it('is cancelled the same way when an administrator deletes the account', async () => {
		const [removed, going] = await Promise.all([person('RemovedHost'), person('GoingToo')]);
		const id = await publishedGathering(removed, { name: `${token} Removed`, at: accra });
		expect(await answer(going, id, 'going')).toBe('confirmed');
		await database().query('delete from auth.users where id = $1', [removed.id]);
		expect((await storedGathering(id)).status).toBe('cancelled');
		expect(await gatheringNotices(going, id)).toEqual([
			{ kind: 'gathering_changed', body: 'cancelled' }
		]);
	});

	it('keeps a past one as it was, and takes a draft with it', async () => {
		const leaving = await person('PastHost');
		const past = await publishedGathering(leaving, {
			name: `${token} Past`,
			at: accra,
			starts_at: inDays(-3),
			ends_at: inDays(-2.9)
		});
		const draft = await draftGathering(leaving, { name: `${token} Unfinished`, at: accra });
		expect((await leaving.client.rpc('delete_my_account')).error).toBeNull();
		expect((await storedGathering(past)).status).toBe('published');
		expect(await storedGathering(draft)).toBeUndefined();
	});

	it('goes to the host group’s longest-standing host, who then reads and runs it', async () => {
		const [maker, groupHost] = await Promise.all([person('GroupMaker'), person('GroupSuccessor')]);
		const crew = await crewHostedBy(maker, groupHost);
		try {
			const draft = await draftGathering(maker, {
				name: `${token} Handed on`,
				at: accra,
				host_group_id: crew
			});
			expect((await maker.client.rpc('delete_my_account')).error).toBeNull();
			const { data } = await groupHost.client
				.from('gathering_hosts')
				.select('profile_id')
				.eq('gathering_id', draft);
			expect(data).toEqual([{ profile_id: groupHost.id }]);
			expect(await reads(groupHost, draft)).toBe(true);
		} finally {
			await database().query('delete from public.groups where id = $1', [crew]);
		}
	});

	it('is no longer read by its maker once they host it no more, not even as a draft', async () => {
		const [maker, groupHost] = await Promise.all([person('HandingMaker'), person('TakingHost')]);
		const crew = await crewHostedBy(groupHost, maker);
		try {
			const draft = await draftGathering(maker, {
				name: `${token} Handed over`,
				at: accra,
				host_group_id: crew
			});
			expect(await reads(maker, draft)).toBe(true);
			// The maker's own hosting ends (as when handed over) and they step down in the group.
			await database().query(
				'delete from public.gathering_hosts where gathering_id = $1 and profile_id = $2',
				[draft, maker.id]
			);
			const demoted = await groupHost.client.rpc('set_member_role', {
				group_id: crew,
				profile_id: maker.id,
				role: 'member'
			});
			expect(demoted.error).toBeNull();
			expect(await reads(groupHost, draft)).toBe(true);
			expect(await reads(maker, draft)).toBe(false);
			expect(await venueAs(maker.client, draft)).toBeNull();
		} finally {
			await database().query('delete from public.groups where id = $1', [crew]);
		}
	});
});

describe('the planner’s region', () => {
	it('is read by nobody through the table, not even its hosts, nor used as a filter', async () => {
		for (const member of [host, outsider]) {
			const bearer = await accessToken(member);
			for (const path of [
				`gatherings?select=invite_region&id=eq.${draft}`,
				`gatherings?select=id&invite_region=not.is.null`,
				`gatherings?select=id&order=invite_region`,
				`gatherings?select=id,invitations_sent_at,created_by`
			]) {
				const response = await rest(bearer, path);
				expect(response.status, path).toBeGreaterThanOrEqual(400);
				expect(response.text, path).not.toContain('radius_km');
			}
		}
		const anonymous = await rest(anonymousToken(), 'gatherings?select=invite_region');
		expect(anonymous.status).toBeGreaterThanOrEqual(400);
	});

	it('is read by its hosts in my_gatherings, and by nobody else there', async () => {
		const region = { lat: accra.lat, lng: accra.lng, radius_km: 30 };
		await database().query(
			'update public.gatherings set invite_region = $2, invitations_sent_at = now() where id = $1',
			[published, region]
		);
		const mine = async (member: Member) => {
			const { data, error } = await member.client.rpc('my_gatherings');
			expect(error).toBeNull();
			return (data as { id: string; invite_region: unknown }[]).find((row) => row.id === published);
		};
		expect((await mine(host))?.invite_region).toEqual(region);
		expect(await mine(attendee)).toMatchObject({ invite_region: null });
		expect(await mine(outsider)).toBeUndefined();
		expect((await stranger.client.rpc('my_gatherings')).data ?? []).toEqual([]);
	});
});

describe('telling people of a change', () => {
	let gathering: string;
	let waitlisted: Member;
	let interested: Member;
	let pending: Member;
	let declined: Member;

	beforeAll(async () => {
		[waitlisted, interested, pending, declined] = await Promise.all([
			person('Waitlisted'),
			person('Interested'),
			person('Pending'),
			person('Declined')
		]);
		gathering = await publishedGathering(host, {
			name: `${token} Changing`,
			at: accra,
			capacity: 1
		});
		expect(await answer(attendee, gathering, 'going')).toBe('confirmed');
		expect(await answer(waitlisted, gathering, 'going')).toBe('waitlisted');
		await answer(interested, gathering, 'interested');
		const changed = await host.client
			.from('gatherings')
			.update({ registration: 'approval' })
			.eq('id', gathering);
		expect(changed.error).toBeNull();
		expect(await answer(pending, gathering, 'going')).toBe('pending');
		expect(await answer(declined, gathering, 'going')).toBe('pending');
		await decide(host, gathering, declined, false);
	});

	it('tells confirmed, waitlisted and pending people of a new time, not the others', async () => {
		const { error } = await host.client
			.from('gatherings')
			.update({ starts_at: inDays(9), ends_at: inDays(9.2) })
			.eq('id', gathering);
		expect(error).toBeNull();
		for (const member of [attendee, waitlisted, pending]) {
			expect(await gatheringNotices(member, gathering)).toContainEqual({
				kind: 'gathering_changed',
				body: 'time'
			});
		}
		for (const member of [interested, declined, outsider]) {
			const told = await gatheringNotices(member, gathering);
			expect(told.filter((n) => n.kind === 'gathering_changed')).toEqual([]);
		}
	});

	it('names nobody: a change is the gathering’s news, not a host’s', async () => {
		await setVenue(host, gathering, {
			address: 'Another hall',
			lat: accra.lat + 0.01,
			lng: accra.lng,
			online_url: null
		});
		const cancelledOccurrence = inDays(9);
		const { error } = await host.client
			.from('gatherings')
			.update({ cancelled_occurrences: [cancelledOccurrence] })
			.eq('id', gathering);
		expect(error).toBeNull();
		const { data } = await attendee.client
			.from('notifications')
			.select('kind, body, actor_name, gathering_name')
			.eq('gathering_id', gathering)
			.eq('kind', 'gathering_changed');
		expect(data!.map((row) => row.body).sort()).toEqual(
			[
				'time',
				'venue',
				`occurrence_cancelled:${new Date(cancelledOccurrence).toISOString().slice(0, 19)}Z`
			].sort()
		);
		for (const row of data!) {
			expect(row).toMatchObject({ actor_name: null, gathering_name: `${token} Changing` });
		}
		// The host shows nobody their profile: not named anywhere the attendee reads.
		const exported = await attendee.client.rpc('export_my_data');
		expect(JSON.stringify(exported.data)).not.toContain(`${token} Host`);
	});

	it('is read by its recipient only', async () => {
		const { data } = await attendee.client
			.from('notifications')
			.select('id')
			.eq('gathering_id', gathering);
		const ids = data!.map((row) => row.id);
		expect(ids.length).toBeGreaterThan(0);
		for (const reader of [outsider, waitlisted, host]) {
			const seen = await reader.client.from('notifications').select('id').in('id', ids);
			expect(seen.data).toEqual([]);
		}
	});
});

describe('the list of gatherings', () => {
	let publicOne: string;

	beforeAll(async () => {
		publicOne = await publishedGathering(host, {
			name: `${token} Public`,
			at: accra,
			visibility: 'public'
		});
	});

	async function listedAs(client: Client) {
		const { data, error } = await client.rpc('gathering_page', {
			page: 1,
			page_size: 100,
			filters: { q: token }
		});
		expect(error).toBeNull();
		return (data as { items: { id: string }[] }).items.map((item) => item.id);
	}

	it('shows anonymous visitors and anonymous sign-ins only public, published gatherings', async () => {
		for (const client of [anonymousClient(), stranger.client]) {
			const ids = await listedAs(client);
			expect(ids).toContain(publicOne);
			expect(ids).not.toContain(published);
			expect(ids).not.toContain(draft);
		}
	});

	it('shows members the members-only ones too, never a draft, and no more than an id and a distance', async () => {
		const ids = await listedAs(outsider.client);
		expect(ids).toEqual(expect.arrayContaining([publicOne, published]));
		expect(ids).not.toContain(draft);
		const { data } = await outsider.client.rpc('gathering_page', {
			page: 1,
			page_size: 100,
			near_lat: accra.lat,
			near_lng: accra.lng,
			filters: { q: token }
		});
		const text = JSON.stringify(data);
		expect(text).not.toContain('radius_km');
		expect(text).not.toContain('12 Meeting House Lane');
		expect(text).not.toContain('secret-room');
	});

	it('gives each person only their own gatherings in my_gatherings', async () => {
		const { data } = await (await person('Nobody')).client.rpc('my_gatherings');
		expect(data).toEqual([]);
		const anonymous = await anonymousClient().rpc('my_gatherings');
		expect(anonymous.error?.code).toBe('42501');
	});
});

describe('the venue’s table and a draft', () => {
	it('lets no one but a host write a venue for a draft, and shows no one else it', async () => {
		const before = await database().query(
			'select count(*)::integer as n from public.gathering_venues where gathering_id = $1',
			[draft]
		);
		const { error } = await outsider.client
			.from('gathering_venues')
			.insert({ gathering_id: draft, address: 'Mine now' });
		expect(error?.code).toBe('42501');
		const after = await database().query(
			'select count(*)::integer as n from public.gathering_venues where gathering_id = $1',
			[draft]
		);
		expect(after.rows).toEqual(before.rows);
		await setVenue(host, draft, { address: 'Draft hall', lat: 5.61, lng: -0.19, online_url: null });
		const { rows } = await database().query(
			'select address from public.gathering_venues where gathering_id = $1',
			[draft]
		);
		expect(rows).toEqual([{ address: 'Draft hall' }]);
	});
});
