import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	cellAt,
	joinThroughRequest,
	pastDailyLimit,
	refusal,
	startGroup
} from '../../support/groups';
import { anonymousSignIn, database, overlapping, type Statement } from '../../support/privacy';
import {
	anonymousClient,
	membersNamedWith,
	signUpMember,
	type Client,
	type Member
} from '../../support/supabase';

/**
 * Groups people make and run (issue 10): members make them with create_group only, their hosts
 * edit them with a plain update of the columns a host chooses, and the database keeps the rest
 * (kind, members, who made it, the congregation, 'full'). Attacked as an anonymous visitor, a
 * member outside the group, a member of it and its host. Everything meets in Kampala, Uganda,
 * and is named with this run's token.
 */

const token = `ug${randomUUID().slice(0, 6)}`;
const person = membersNamedWith(token);
const kampala = { lat: 0.3476, lng: 32.5825 };

let host: Member;
let member: Member; // in the crew, not a host
let outsider: Member; // hosts a crew of their own
let crew: string;
let outsiderCrew: string;

beforeAll(async () => {
	[host, member, outsider] = await Promise.all([
		person('Host'),
		person('Member'),
		person('Outsider')
	]);
	crew = await startGroup(host, { name: `${token} Crew`, at: kampala, sizeLimit: 5 });
	outsiderCrew = await startGroup(outsider, { name: `${token} Other Crew`, at: kampala });
	await joinThroughRequest(crew, member, host);
});

afterAll(async () => {
	await database().query('delete from public.groups where name like $1', [`${token} %`]);
});

/** A group as stored, read past RLS, with the columns nobody but the database may change. */
async function stored(id: string) {
	const { rows } = await database().query(
		`select kind, name, purpose, status, size_limit, member_count, created_by, congregation_id,
			area_cell, area_lat, area_lng
		from public.groups where id = $1`,
		[id]
	);
	return rows[0];
}

describe('writing groups directly', () => {
	const attackers: { who: string; client: () => Client }[] = [
		{ who: 'an anonymous visitor', client: () => anonymousClient() },
		{ who: 'a member outside the group', client: () => outsider.client },
		{ who: 'a member of the group who is not its host', client: () => member.client }
	];

	it.each(attackers)('changes nothing as $who', async ({ client }) => {
		const before = await stored(crew);
		const inserted = await client()
			.from('groups')
			.insert({ kind: 'crew', name: `${token} Twin`, area_cell: before.area_cell, size_limit: 5 });
		expect(inserted.error?.code).toBe('42501');
		const updated = await client()
			.from('groups')
			.update({ name: `${token} Defaced`, status: 'closed' })
			.eq('id', crew)
			.select('id');
		// Refused outright (anonymous) or matching no row the caller may change (members).
		expect(updated.data ?? []).toEqual([]);
		const deleted = await client().from('groups').delete().eq('id', crew);
		expect(deleted.error?.code).toBe('42501');
		expect(await stored(crew)).toEqual(before);
		const { rowCount } = await database().query('select 1 from public.groups where name = $1', [
			`${token} Twin`
		]);
		expect(rowCount).toBe(0);
	});

	it('lets the host of another group change nothing of this one', async () => {
		const before = await stored(crew);
		const updated = await outsider.client
			.from('groups')
			.update({ purpose: 'taken over' })
			.eq('id', crew)
			.select('id');
		expect(updated.data).toEqual([]);
		expect(await stored(crew)).toEqual(before);
	});
});

describe('a host editing their group', () => {
	it('changes what a host chooses with a plain update', async () => {
		const edits = {
			name: `${token} Crew`,
			purpose: 'Mutual support for new parents',
			status: 'forming' as const,
			size_limit: 6,
			meeting_mode: 'mixed',
			rhythm: 'every other Tuesday evening',
			commitment: '6 weeks, then we review',
			languages: ['English', 'Luganda'],
			visibility: 'public' as const,
			area_cell: await cellAt({ lat: 0.3136, lng: 32.5811 }, 'town')
		};
		const { data, error } = await host.client
			.from('groups')
			.update(edits)
			.eq('id', crew)
			.select(Object.keys(edits).join(', '))
			.single();
		expect(error).toBeNull();
		expect(data).toEqual(edits);
	});

	it.each([
		['kind', () => ({ kind: 'congregation' })],
		['member_count', () => ({ member_count: 1 })],
		['created_by', () => ({ created_by: outsider.id })],
		['congregation_id', () => ({ congregation_id: outsiderCrew })],
		['area_lat', () => ({ area_lat: 0.34761 })],
		['id', () => ({ id: randomUUID() })]
	])('cannot change %s', async (_column, change) => {
		const before = await stored(crew);
		const { error } = await host.client
			.from('groups')
			.update(change() as never)
			.eq('id', crew);
		expect(error?.code).toBe('42501');
		expect(await stored(crew)).toEqual(before);
	});

	it('cannot publish the meeting area finer than a town', async () => {
		const neighbourhood = await cellAt(kampala, 'neighbourhood');
		const { error } = await host.client
			.from('groups')
			.update({ area_cell: neighbourhood })
			.eq('id', crew);
		expect(error?.code).toBe('23514');
		expect((await stored(crew)).area_cell).toHaveLength(13);
	});
});

describe('size limits', () => {
	it.each([2, 9])('refuses a crew of %i, made or edited', async (size_limit) => {
		const made = await outsider.client.rpc('create_group', {
			kind: 'crew',
			name: `${token} Odd Crew`,
			area_cell: await cellAt(kampala, 'town'),
			size_limit
		});
		expect(made.error?.code).toBe('23514');
		const edited = await host.client.from('groups').update({ size_limit }).eq('id', crew);
		expect(edited.error?.code).toBe('23514');
		expect((await stored(crew)).size_limit).toBe(6);
	});

	it('refuses a congregation smaller than a crew can be', async () => {
		const made = await outsider.client.rpc('create_group', {
			kind: 'congregation',
			name: `${token} Small Congregation`,
			area_cell: await cellAt(kampala, 'town'),
			size_limit: 8
		});
		expect(made.error?.code).toBe('23514');
	});

	it('refuses a limit below the members the group has, and removes nobody', async () => {
		const third = await person('Third');
		await joinThroughRequest(crew, third, member);
		const { error } = await host.client.from('groups').update({ size_limit: 2 }).eq('id', crew);
		expect(refusal({ error })).toEqual({
			code: '23514',
			message: "The size limit cannot be below the group's 3 members."
		});
		expect(await stored(crew)).toMatchObject({ size_limit: 6, member_count: 3 });
	});
});

describe("'full'", () => {
	it('is set by the database when the members fill the limit, whatever the host says', async () => {
		const filled = await host.client
			.from('groups')
			.update({ size_limit: 3, status: 'open' })
			.eq('id', crew)
			.select('status')
			.single();
		expect(filled.data).toEqual({ status: 'full' });
		const reopened = await host.client
			.from('groups')
			.update({ status: 'open' })
			.eq('id', crew)
			.select('status')
			.single();
		expect(reopened.data).toEqual({ status: 'full' });
	});

	it('is cleared by the database when a seat frees, and cannot be claimed with seats open', async () => {
		const widened = await host.client
			.from('groups')
			.update({ size_limit: 4 })
			.eq('id', crew)
			.select('status')
			.single();
		expect(widened.data).toEqual({ status: 'open' });
		const claimed = await host.client
			.from('groups')
			.update({ status: 'full' })
			.eq('id', crew)
			.select('status')
			.single();
		expect(claimed.data).toEqual({ status: 'open' });
	});
});

describe('create_group', () => {
	const args = async () => ({
		kind: 'crew' as const,
		name: `${token} New Crew`,
		area_cell: await cellAt(kampala, 'town'),
		size_limit: 5
	});

	it('is refused to anonymous visitors', async () => {
		const { error } = await anonymousClient().rpc('create_group', await args());
		expect(error?.code).toBe('42501');
	});

	it('is refused to an anonymous sign-in, even one with a profile', async () => {
		const stranger = await anonymousSignIn(await person('Stranger'));
		expect(refusal(await stranger.client.rpc('create_group', await args()))).toEqual({
			code: '42501',
			message: 'Sign in first.'
		});
	});

	it('is refused to someone signed in who has not finished their profile', async () => {
		const newcomer = await signUpMember(`${token}-newcomer`);
		expect(refusal(await newcomer.client.rpc('create_group', await args()))).toEqual({
			code: '42501',
			message: 'Finish your profile first: groups see you by it.'
		});
	});

	it.each(['full', 'paused', 'closed'] as const)(
		'refuses a group that starts %s',
		async (status) => {
			const { error } = await outsider.client.rpc('create_group', { ...(await args()), status });
			expect(error?.code).toBe('23514');
		}
	);

	it('makes the caller its first and only host, and records them as its maker', async () => {
		const maker = await person('Maker');
		const made = await maker.client.rpc('create_group', await args());
		expect(made.error).toBeNull();
		const { rows } = await database().query(
			'select profile_id, role from public.group_members where group_id = $1',
			[made.data]
		);
		expect(rows).toEqual([{ profile_id: maker.id, role: 'host' }]);
		expect(await stored(made.data!)).toMatchObject({ created_by: maker.id, member_count: 1 });
	});

	it('makes five groups a day for one person, and refuses the sixth with a clear message', async () => {
		const busy = await person('Busy');
		for (let i = 0; i < 5; i++) {
			expect((await busy.client.rpc('create_group', await args())).error).toBeNull();
		}
		const sixth = await busy.client.rpc('create_group', await args());
		expect(sixth.error).toMatchObject(pastDailyLimit(5, 'new groups'));
	});

	it('makes no more than five a day when asked for many at once', async () => {
		const hasty = await person('Hasty');
		const group = await args();
		const made = await Promise.all(
			Array.from({ length: 20 }, () => hasty.client.rpc('create_group', group))
		);
		expect(made.filter((answer) => !answer.error)).toHaveLength(5);
		const { rows } = await database().query(
			'select count(*)::int as n from public.groups where created_by = $1',
			[hasty.id]
		);
		expect(rows[0].n).toBe(5);
	});

	it('makes no sixth when two requests for it overlap', async () => {
		const racer = await person('Racer');
		const group = await args();
		for (let i = 0; i < 4; i++) {
			expect((await racer.client.rpc('create_group', group)).error).toBeNull();
		}
		const fifth: Statement = [
			`select public.create_group('crew', $1, $2, size_limit => 5)`,
			[group.name, group.area_cell]
		];
		const [first, second] = await overlapping(racer, fifth, fifth);
		expect(first).toBeNull();
		expect(second?.message).toMatch(/the most we allow/);
		const { rows } = await database().query(
			'select count(*)::int as n from public.groups where created_by = $1',
			[racer.id]
		);
		expect(rows[0].n).toBe(5);
	});
});

describe('the list of groups (group_page)', () => {
	let publicCrew: string;
	let membersCrew: string;

	beforeAll(async () => {
		publicCrew = await startGroup(outsider, {
			name: `${token} Public Crew`,
			at: kampala,
			visibility: 'public'
		});
		membersCrew = await startGroup(outsider, {
			name: `${token} Members Crew`,
			at: kampala,
			visibility: 'members'
		});
	});

	const listedAs = async (client: Client) => {
		const { data, error } = await client.rpc('group_page', {
			page_size: 100,
			near_lat: kampala.lat,
			near_lng: kampala.lng,
			within_km: 10
		});
		expect(error).toBeNull();
		return (data as unknown as { items: { id: string }[] }).items.map((item) => item.id);
	};

	it('lists public groups to anonymous visitors, and members-only ones to members alone', async () => {
		const anonymous = await listedAs(anonymousClient());
		expect(anonymous).toContain(publicCrew);
		expect(anonymous).not.toContain(membersCrew);
		// An anonymous sign-in is a stranger too.
		const stranger = await anonymousSignIn(await signUpMember(`${token}-stranger`));
		expect(await listedAs(stranger.client)).not.toContain(membersCrew);
		expect(await listedAs(member.client)).toEqual(
			expect.arrayContaining([publicCrew, membersCrew])
		);
	});

	it('refuses a bad page, size, distance or filter, saying which', async () => {
		for (const args of [
			{ page: 0 },
			{ page_size: 101 },
			{ within_km: 5, near_lat: kampala.lat, near_lng: kampala.lng },
			{ within_km: 50 },
			{ filters: { kind: 'gathering' } },
			{ filters: { meeting_mode: 'by pigeon' } }
		]) {
			const { error } = await anonymousClient().rpc('group_page', args);
			expect(error?.code, JSON.stringify(args)).toBe('22023');
		}
	});
});
