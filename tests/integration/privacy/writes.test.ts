import { beforeAll, describe, expect, it } from 'vitest';
import { signUpMember, type Member } from '../../support/supabase';
import {
	accessToken,
	anonymousToken,
	database,
	groundTruth,
	practitionerAt,
	rest,
	type GroundTruth
} from '../../support/privacy';

/**
 * Writes through the public API: nobody changes another person's rows, and owners cannot write
 * what the database derives (published and public cells, labels, the country, timestamps), so
 * they cannot publish a point finer than their cell or skip guarantee 6. Everyone here lives in
 * Tallinn, Estonia.
 */

let victim: Member;
let attacker: Member;
let unplaced: Member;
let bystander: Member;
let victimBefore: GroundTruth;

beforeAll(async () => {
	[victim, attacker, unplaced, bystander] = await Promise.all([
		practitionerAt('ee-victim', { lat: 59.43234567, lng: 24.74876543 }, { precision: 'town' }),
		practitionerAt('ee-attacker', { lat: 59.43534567, lng: 24.75176543 }, { precision: 'town' }),
		signUpMember('ee-unplaced'),
		signUpMember('ee-bystander')
	]);
	const { error } = await victim.client.from('blocks').insert({ blocked_id: bystander.id });
	expect(error).toBeNull();
	victimBefore = (await groundTruth(victim.id))!;
});

async function blocksOf(id: string) {
	const { rows } = await database().query(
		'select blocker_id, blocked_id from public.blocks where blocker_id = $1 or blocked_id = $1 order by 1, 2',
		[id]
	);
	return rows;
}

async function placeAndCountry() {
	const [place, country] = await Promise.all([
		database().query(`select * from public.places where name = 'Tallinn'`),
		database().query(`select * from public.countries where code = 'EE'`)
	]);
	return { place: place.rows, country: country.rows };
}

const attackers = [
	{ name: 'an anonymous visitor', token: async () => anonymousToken() },
	{ name: 'another member', token: () => accessToken(attacker) }
];

describe.each(attackers)('as $name', ({ token }) => {
	it('changes nothing of another person’s profile by updating, deleting or inserting it', async () => {
		const as = await token();
		const writes = [
			rest(as, `profiles?id=eq.${victim.id}`, {
				method: 'PATCH',
				body: { display_name: 'defaced', visibility: 'only_me', precision: 'country' }
			}),
			rest(as, `profiles?id=eq.${victim.id}`, {
				method: 'PATCH',
				body: { onboarded_at: null }
			}),
			rest(as, `profiles?id=eq.${victim.id}`, { method: 'DELETE' }),
			rest(as, 'profiles', { method: 'POST', body: { id: victim.id, display_name: 'twin' } }),
			rest(as, 'profiles?on_conflict=id', {
				method: 'POST',
				body: { id: victim.id, display_name: 'upserted' },
				headers: { Prefer: 'resolution=merge-duplicates' }
			})
		];
		for (const response of await Promise.all(writes)) {
			expect([200, 204, 401, 403, 409]).toContain(response.status);
		}
		expect(await groundTruth(victim.id)).toEqual(victimBefore);
	});

	it('changes nothing of another person’s exact point', async () => {
		const as = await token();
		for (const write of [
			rest(as, `profile_locations?profile_id=eq.${victim.id}`, {
				method: 'PATCH',
				body: { lat: 0, lng: 0 }
			}),
			rest(as, `profile_locations?profile_id=eq.${victim.id}`, { method: 'DELETE' }),
			rest(as, 'profile_locations?on_conflict=profile_id', {
				method: 'POST',
				body: { profile_id: victim.id, lat: 1, lng: 1 },
				headers: { Prefer: 'resolution=merge-duplicates' }
			})
		]) {
			expect((await write).status).not.toBe(201);
		}
		expect(await groundTruth(victim.id)).toEqual(victimBefore);
	});

	it('cannot place someone else on the map', async () => {
		const response = await rest(await token(), 'profile_locations', {
			method: 'POST',
			body: { profile_id: unplaced.id, lat: 59.4, lng: 24.7 }
		});
		expect([401, 403]).toContain(response.status);
		expect((response.body as { code: string }).code).toBe('42501');
		expect((await groundTruth(unplaced.id))!.exact_lat).toBeNull();
	});

	it('cannot create, lift or read another person’s blocks', async () => {
		const as = await token();
		const created = await rest(as, 'blocks', {
			method: 'POST',
			body: { blocker_id: victim.id, blocked_id: unplaced.id }
		});
		expect([401, 403]).toContain(created.status);
		await rest(as, `blocks?blocker_id=eq.${victim.id}`, { method: 'DELETE' });
		await rest(as, `blocks?blocker_id=eq.${victim.id}`, {
			method: 'PATCH',
			body: { blocked_id: unplaced.id }
		});
		const read = await rest(as, `blocks?select=*&blocker_id=eq.${victim.id}`);
		expect(read.text).not.toContain(bystander.id);
		expect(await blocksOf(victim.id)).toEqual([
			{ blocker_id: victim.id, blocked_id: bystander.id }
		]);
	});

	it('cannot change the gazetteer', async () => {
		const as = await token();
		const before = await placeAndCountry();
		const place = before.place[0] as { id: number };
		for (const write of [
			rest(as, `places?id=eq.${place.id}`, { method: 'PATCH', body: { lat: 0 } }),
			rest(as, `places?id=eq.${place.id}`, { method: 'DELETE' }),
			rest(as, 'places', {
				method: 'POST',
				body: { id: 1, name: 'Nowhere', country_code: 'EE', population: 1, lat: 0, lng: 0 }
			}),
			rest(as, 'countries?code=eq.EE', { method: 'PATCH', body: { name: 'Elsewhere' } }),
			rest(as, 'countries?code=eq.EE', { method: 'DELETE' })
		]) {
			expect([401, 403]).toContain((await write).status);
		}
		expect(await placeAndCountry()).toEqual(before);
	});
});

describe('as another member', () => {
	it('cannot move their own exact point onto someone else’s account', async () => {
		const before = await groundTruth(attacker.id);
		const response = await rest(
			await accessToken(attacker),
			`profile_locations?profile_id=eq.${attacker.id}`,
			{ method: 'PATCH', body: { profile_id: unplaced.id } }
		);
		expect(response.status).toBe(403);
		expect(await groundTruth(attacker.id)).toEqual(before);
		expect((await groundTruth(unplaced.id))!.exact_lat).toBeNull();
	});
});

describe('as the owner', () => {
	it.each([
		['published_cell', '0'],
		['published_lat', 59.4],
		['published_lng', 24.7],
		['published_country', 'FI'],
		['published_earth', null],
		['place_label', 'my street'],
		['public_cell', '1201202310211'],
		['public_lat', 59.4],
		['public_lng', 24.7],
		['public_place_label', 'my street'],
		['public_earth', null],
		['last_confirmed_at', '2099-01-01T00:00:00Z'],
		['created_at', '2000-01-01T00:00:00Z'],
		['id', '00000000-0000-4000-8000-000000000999']
	])('cannot write %s, which the database derives', async (column, value) => {
		const before = await groundTruth(attacker.id);
		const response = await rest(await accessToken(attacker), `profiles?id=eq.${attacker.id}`, {
			method: 'PATCH',
			body: { [column]: value }
		});
		expect(response.status).toBe(403);
		expect((response.body as { code: string }).code).toBe('42501');
		expect(await groundTruth(attacker.id)).toEqual(before);
	});

	it('cannot backdate finishing onboarding: the database stamps the time', async () => {
		const newcomer = await signUpMember('ee-newcomer');
		const { error } = await newcomer.client
			.from('profiles')
			.update({ display_name: 'Ee', onboarded_at: '2001-01-01T00:00:00Z' })
			.eq('id', newcomer.id);
		expect(error).toBeNull();
		const stamped = (await groundTruth(newcomer.id))!.onboarded_at!;
		expect(Date.now() - new Date(stamped).getTime()).toBeLessThan(60_000);
	});

	it('can change what is theirs to change, and the database republishes', async () => {
		const { error } = await attacker.client
			.from('profiles')
			.update({ bio: 'Still here.', precision: 'area' })
			.eq('id', attacker.id);
		expect(error).toBeNull();
		const truth = (await groundTruth(attacker.id))!;
		expect(truth).toMatchObject({ bio: 'Still here.', precision: 'area' });
		expect(truth.published_cell).toHaveLength(11);
	});
});
