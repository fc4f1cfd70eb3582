import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { signUpMember, type Member } from '../../support/supabase';
import {
	accessToken,
	anonymousToken,
	countOf,
	database,
	groundTruth,
	practitionerAt,
	rest,
	type Point,
	type RestResponse
} from '../../support/privacy';

/**
 * Oracles: answers that differ by something the asker must not learn.
 *
 * - Blocking an id must not tell whether an account has it (migration
 *   20261125150000_close_existence_and_edit_oracles.sql, part 1).
 * - Nobody but the owner learns when a profile last changed, which would tell them that its
 *   owner moved within their square or edited what they cannot see (part 2).
 *
 * Everyone here lives in Chișinău, Moldova.
 */

const chisinau: Point = { lat: 47.02234567, lng: 28.83276543 };

let prober: Member;
/** A real account the prober cannot see: signed up, never listed. */
let hidden: Member;
/** A public practitioner, for the timestamps. */
let owner: Member;
let member: Member;

beforeAll(async () => {
	[prober, hidden, owner, member] = await Promise.all([
		signUpMember('md-prober'),
		signUpMember('md-hidden'),
		practitionerAt('md-owner', chisinau, { precision: 'area' }),
		signUpMember('md-member')
	]);
});

/** A response with the id asked about, and the times, written out the same for every id. */
function comparable(response: RestResponse, id: string) {
	const scrub = (text: string | null) =>
		(text ?? '')
			.replaceAll(id, '<id>')
			.replace(/\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)?/g, '<time>');
	return {
		status: response.status,
		text: scrub(response.text),
		contentRange: response.headers.get('content-range'),
		location: scrub(response.headers.get('location')),
		preferenceApplied: response.headers.get('preference-applied')
	};
}

describe('blocking an id', () => {
	let random: string;

	beforeAll(() => {
		random = randomUUID();
	});

	it('answers a member the same whether or not an account has the id', async () => {
		const token = await accessToken(prober);
		// As supabase-js sends it by default (return=minimal), and asking for the row back.
		const [minimalRandom, minimalReal] = await Promise.all([
			prober.client.from('blocks').insert({ blocked_id: random }),
			prober.client.from('blocks').insert({ blocked_id: hidden.id })
		]);
		for (const answer of [minimalRandom, minimalReal]) {
			expect(answer.error).toBeNull();
			expect(answer.status).toBe(201);
			expect(answer.data).toBeNull();
		}
		expect(minimalRandom.statusText).toBe(minimalReal.statusText);
		await prober.client.from('blocks').delete().in('blocked_id', [random, hidden.id]);

		const asked = (id: string) =>
			rest(token, 'blocks?select=blocker_id,blocked_id,created_at', {
				method: 'POST',
				body: { blocked_id: id },
				headers: { Prefer: 'return=representation' }
			});
		const [ofRandom, ofReal] = [await asked(random), await asked(hidden.id)];
		expect(ofRandom.status).toBe(201);
		expect(comparable(ofRandom, random)).toEqual(comparable(ofReal, hidden.id));
		expect(ofRandom.body).toEqual([
			{ blocker_id: prober.id, blocked_id: random, created_at: expect.any(String) }
		]);
	});

	it('leaves nothing readable that differs: listing, counting, names, export', async () => {
		const token = await accessToken(prober);
		for (const id of [random, hidden.id]) {
			const [listed, counted, named] = await Promise.all([
				rest(token, `blocks?select=blocker_id,blocked_id&blocked_id=eq.${id}`),
				rest(token, `blocks?blocked_id=eq.${id}`, {
					method: 'HEAD',
					headers: { Prefer: 'count=exact' }
				}),
				rest(token, `profiles?select=id,display_name&id=eq.${id}`)
			]);
			expect(listed.body, id).toEqual([{ blocker_id: prober.id, blocked_id: id }]);
			expect(countOf(counted), id).toBe(1);
			expect(named.status, id).toBe(200);
			expect(named.body, id).toEqual([]);
		}
		const { data, error } = await prober.client.rpc('export_my_data');
		expect(error).toBeNull();
		const blocks = (data as { blocks: { blocked_id: string }[] }).blocks;
		expect(blocks.map((block) => block.blocked_id).sort()).toEqual([random, hidden.id].sort());
		expect(Object.keys(blocks[0]).sort()).toEqual(Object.keys(blocks[1]).sort());
	});

	it('answers blocking again and unblocking the same for both', async () => {
		const token = await accessToken(prober);
		const again = (id: string) =>
			rest(token, 'blocks', { method: 'POST', body: { blocked_id: id } });
		const [againRandom, againReal] = [await again(random), await again(hidden.id)];
		expect(againRandom.status).toBe(409);
		expect(comparable(againRandom, random)).toEqual(comparable(againReal, hidden.id));

		const lift = (id: string) =>
			rest(token, `blocks?blocked_id=eq.${id}&select=blocked_id`, {
				method: 'DELETE',
				headers: { Prefer: 'return=representation' }
			});
		const [liftRandom, liftReal] = [await lift(random), await lift(hidden.id)];
		expect(liftRandom.status).toBe(200);
		expect(comparable(liftRandom, random)).toEqual(comparable(liftReal, hidden.id));
		const { rows } = await database().query(
			'select count(*)::int as blocks from public.blocks where blocker_id = $1',
			[prober.id]
		);
		expect(rows[0].blocks).toBe(0);
	});

	it('answers an anonymous visitor the same refusal for both', async () => {
		const refuse = (id: string) =>
			rest(anonymousToken(), 'blocks', { method: 'POST', body: { blocked_id: id } });
		const [ofRandom, ofReal] = [await refuse(random), await refuse(hidden.id)];
		expect(ofRandom.status).toBe(401);
		expect(comparable(ofRandom, random)).toEqual(comparable(ofReal, hidden.id));
	});

	it('still hides the blocker from a real person they block', async () => {
		const blocker = await practitionerAt('md-blocker', chisinau, { visibility: 'members' });
		const seen = async () =>
			(await member.client.from('profiles').select('id').eq('id', blocker.id)).data;
		expect(await seen()).toEqual([{ id: blocker.id }]);
		const { error } = await blocker.client.from('blocks').insert({ blocked_id: member.id });
		expect(error).toBeNull();
		expect(await seen()).toEqual([]);
		await blocker.client.from('blocks').delete().eq('blocked_id', member.id);
		expect(await seen()).toEqual([{ id: blocker.id }]);
	});
});

describe('deleting a blocked account', () => {
	async function blocksOf(id: string): Promise<number> {
		const { rows } = await database().query(
			'select count(*)::int as blocks from public.blocks where blocked_id = $1 or blocker_id = $1',
			[id]
		);
		return rows[0].blocks;
	}

	it('removes the blocks of it when its owner deletes it', async () => {
		const [leaver, first, second] = await Promise.all([
			signUpMember('md-leaver'),
			signUpMember('md-blocker-1'),
			signUpMember('md-blocker-2')
		]);
		const random = randomUUID();
		for (const blocker of [first, second]) {
			const { error } = await blocker.client.from('blocks').insert({ blocked_id: leaver.id });
			expect(error).toBeNull();
		}
		expect((await first.client.from('blocks').insert({ blocked_id: random })).error).toBeNull();
		expect(await blocksOf(leaver.id)).toBe(2);

		const { error } = await leaver.client.rpc('delete_my_account');
		expect(error).toBeNull();
		expect(await blocksOf(leaver.id)).toBe(0);
		// Nobody else's blocks go with it.
		const listed = await first.client.from('blocks').select('blocked_id');
		expect(listed.data).toEqual([{ blocked_id: random }]);
	});

	it('removes the blocks of it when an administrator deletes the account or the profile', async () => {
		const [byAccount, byProfile, blocker] = await Promise.all([
			signUpMember('md-removed-account'),
			signUpMember('md-removed-profile'),
			signUpMember('md-blocker-3')
		]);
		const { error } = await blocker.client
			.from('blocks')
			.insert([{ blocked_id: byAccount.id }, { blocked_id: byProfile.id }]);
		expect(error).toBeNull();
		await database().query('delete from auth.users where id = $1', [byAccount.id]);
		await database().query('delete from public.profiles where id = $1', [byProfile.id]);
		expect(await blocksOf(byAccount.id)).toBe(0);
		expect(await blocksOf(byProfile.id)).toBe(0);
	});
});

describe('when a profile last changed', () => {
	const viewers = [
		{ name: 'an anonymous visitor', token: async () => anonymousToken(), refused: 401 },
		{ name: 'another member', token: () => accessToken(member), refused: 403 }
	];

	it.each(viewers)(
		'cannot be selected, filtered or ordered on by $name',
		async ({ token, refused }) => {
			const as = await token();
			for (const path of [
				`profiles?select=id,updated_at&id=eq.${owner.id}`,
				`profiles?select=*&id=eq.${owner.id}`,
				`profiles?select=id&id=eq.${owner.id}&updated_at=gt.2000-01-01`,
				'profiles?select=id&order=updated_at.desc&limit=5'
			]) {
				const response = await rest(as, path);
				expect(response.status, path).toBe(refused);
				expect((response.body as { code: string }).code, path).toBe('42501');
			}
			// The exact point's own timestamp is the owner's alone, as the point is.
			const located = await rest(as, `profile_locations?select=updated_at`);
			if (located.status === 200) expect(located.body).toEqual([]);
			else expect(located.status).toBe(401);
		}
	);

	it.each(viewers)('does not show through a move within the square to $name', async ({ token }) => {
		const as = await token();
		const readable = async () => {
			const { rows } = await database().query<{ name: string }>(
				`select a.attname as name from pg_attribute a
				where a.attrelid = 'public.profiles'::regclass and a.attnum > 0 and not a.attisdropped
					and has_column_privilege($1, a.attrelid, a.attnum, 'select')
				order by a.attnum`,
				[as === anonymousToken() ? 'anon' : 'authenticated']
			);
			const response = await rest(
				as,
				`profiles?select=${rows.map((row) => row.name).join(',')}&id=eq.${owner.id}`
			);
			expect(response.status).toBe(200);
			expect(response.body).toHaveLength(1);
			return response.body;
		};
		const before = await readable();
		const truthBefore = (await groundTruth(owner.id))!;
		// Moved by about 100 m, as the app saves a move.
		const moved = await owner.client.from('profile_locations').upsert({
			profile_id: owner.id,
			lat: chisinau.lat + 0.001,
			lng: chisinau.lng + 0.001,
			updated_at: new Date().toISOString()
		});
		expect(moved.error).toBeNull();
		const truthAfter = (await groundTruth(owner.id))!;
		expect(truthAfter.published_cell).toBe(truthBefore.published_cell);
		// The row did change underneath: the timestamp would have told.
		expect(new Date(truthAfter.updated_at).getTime()).toBeGreaterThan(
			new Date(truthBefore.updated_at).getTime()
		);
		expect(await readable()).toEqual(before);
		await owner.client
			.from('profile_locations')
			.upsert({ profile_id: owner.id, ...chisinau, updated_at: new Date().toISOString() });
	});

	it('still gives the owner what the app reads, and both timestamps in their export', async () => {
		const own = await owner.client
			.from('profiles')
			.select(
				'id, display_name, visibility, precision, onboarded_at, last_confirmed_at, place_label, public_place_label'
			)
			.eq('id', owner.id)
			.single();
		expect(own.error).toBeNull();
		expect(own.data).toMatchObject({ id: owner.id, display_name: 'md-owner' });
		expect(own.data?.onboarded_at).toEqual(expect.any(String));

		const location = await owner.client
			.from('profile_locations')
			.select('lat, lng, updated_at')
			.eq('profile_id', owner.id)
			.single();
		expect(location.error).toBeNull();
		expect(location.data).toMatchObject({ ...chisinau, updated_at: expect.any(String) });

		const { data, error } = await owner.client.rpc('export_my_data');
		expect(error).toBeNull();
		const truth = (await groundTruth(owner.id))!;
		const exported = data as {
			profile: { updated_at: string };
			exact_location: { updated_at: string };
		};
		// The export has microseconds, the ground truth (as a Date) milliseconds.
		expect(
			Math.abs(
				new Date(exported.profile.updated_at).getTime() - new Date(truth.updated_at).getTime()
			)
		).toBeLessThan(1);
		expect(exported.exact_location.updated_at).toEqual(expect.any(String));

		// Column privileges hold for every row, the owner's own too: the API gives nobody this
		// column, and the app does not read it.
		const refused = await owner.client.from('profiles').select('updated_at').eq('id', owner.id);
		expect(refused.error?.code).toBe('42501');
	});
});
