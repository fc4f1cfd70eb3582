import { beforeAll, describe, expect, it } from 'vitest';
import { signInAs, signUpMember, type Member } from '../../support/supabase';
import {
	accessToken,
	anonymousToken,
	anonymousViewOf,
	countOf,
	database,
	everywhere,
	neighboursOf,
	nowhere,
	practitionerAt,
	rest,
	sightings,
	type Point
} from '../../support/privacy';

/**
 * Guarantee 7: blocking is total. The blocked member cannot see the blocker anywhere (profile
 * rows, map points, nearby results, counts, embeddings), cannot learn that they are blocked,
 * and sees the blocker again once unblocked. Everyone here lives in Tbilisi, Georgia.
 */

const tbilisi: Point = { lat: 41.71234567, lng: 44.79876543 };

let blocker: Member;
let blocked: Member;
let bystander: Member;

beforeAll(async () => {
	blocker = await practitionerAt('ge-blocker', tbilisi, { precision: 'neighbourhood' });
	// Anonymous visitors see the blocker too.
	await neighboursOf('ge', tbilisi);
	[blocked, bystander] = await Promise.all([
		practitionerAt('ge-blocked', { lat: 41.7, lng: 44.8 }, { visibility: 'members' }),
		signUpMember('ge-bystander')
	]);
	const { error } = await blocker.client.from('blocks').insert({ blocked_id: blocked.id });
	expect(error).toBeNull();
});

/** Every way a member could come across the blocker: where anyone could, by name, and embedded. */
async function sightingsOfBlocker(member: Member) {
	const token = await accessToken(member);
	const [seen, byName, embedded] = await Promise.all([
		sightings(token, { id: blocker.id, near: tbilisi }),
		rest(token, 'profiles?select=id&display_name=eq.ge-blocker'),
		rest(token, `profiles?select=id,profile_locations(*)&display_name=like.ge-*`)
	]);
	const ids = (response: { body: unknown }) =>
		(response.body as { id: string }[]).map((row) => row.id);
	return {
		...seen,
		byName: ids(byName).includes(blocker.id),
		embedded: ids(embedded).includes(blocker.id)
	};
}

const seenEverywhere = { ...everywhere, byName: true, embedded: true };
const seenNowhere = { ...nowhere, byName: false, embedded: false };

describe('as a member nobody blocked', () => {
	it('sees the blocker everywhere', async () => {
		expect(await sightingsOfBlocker(bystander)).toEqual(seenEverywhere);
	});
});

describe('as the blocked member', () => {
	it('cannot see the blocker in profiles, map points, nearby results, counts or embeddings', async () => {
		expect(await sightingsOfBlocker(blocked)).toEqual(seenNowhere);
	});

	it('cannot reach the blocker’s profile from their own block of them, embedded or read after', async () => {
		const { error } = await blocked.client.from('blocks').insert({ blocked_id: blocker.id });
		expect(error).toBeNull();
		try {
			const token = await accessToken(blocked);
			// A block names any id (no reference to profiles, so blocking tells nothing about who
			// exists): there is no relationship from it to the blocked person's profile to embed.
			const hinted = await rest(
				token,
				'blocks?select=blocked_id,profile:profiles!blocks_blocked_id_fkey(id,display_name)'
			);
			expect(hinted.status).toBe(400);
			expect(hinted.text).not.toContain(blocker.id);
			// The one relationship left is the blocker's own side: it embeds the caller.
			const embedded = await rest(token, 'blocks?select=blocked_id,profile:profiles(id)');
			expect(embedded.body).toEqual([{ blocked_id: blocker.id, profile: { id: blocked.id } }]);
			// And reading the names after, as the app does, finds nobody.
			const named = await rest(token, `profiles?select=id,display_name&id=eq.${blocker.id}`);
			expect(named.body).toEqual([]);
		} finally {
			await blocked.client.from('blocks').delete().eq('blocked_id', blocker.id);
		}
	});

	it('cannot learn that they are blocked', async () => {
		const token = await accessToken(blocked);
		for (const path of [
			'blocks?select=*',
			`blocks?select=*&blocked_id=eq.${blocked.id}`,
			`blocks?select=*&blocker_id=eq.${blocker.id}`,
			`profiles?select=id,blocks(*)&id=eq.${blocked.id}`
		]) {
			const response = await rest(token, path);
			expect(response.status, path).toBe(200);
			expect(response.text, path).not.toContain(blocker.id);
		}
		const counted = await rest(token, `blocks?select=blocker_id&blocked_id=eq.${blocked.id}`, {
			method: 'HEAD',
			headers: { Prefer: 'count=exact' }
		});
		expect(countOf(counted)).toBe(0);
		const exported = await blocked.client.rpc('export_my_data');
		expect(JSON.stringify(exported.data)).not.toContain(blocker.id);
	});

	it('cannot lift the block', async () => {
		await rest(await accessToken(blocked), `blocks?blocker_id=eq.${blocker.id}`, {
			method: 'DELETE'
		});
		const { rows } = await database().query(
			'select 1 from public.blocks where blocker_id = $1 and blocked_id = $2',
			[blocker.id, blocked.id]
		);
		expect(rows).toHaveLength(1);
	});

	it('sees no more than any stranger once signed out: a block cannot hide a public profile from the open web', async () => {
		const view = await anonymousViewOf([blocker.id]);
		expect(view.get(blocker.id)?.public_cell).toHaveLength(11);
		const anonymous = await rest(anonymousToken(), `profiles?select=id,published_cell`);
		expect(anonymous.status).toBe(401);
	});
});

describe('in the seed, Wren (blocked by Bram)', () => {
	it('cannot see Bram, while Bram is public and others see him', async () => {
		const bram = '00000000-0000-4000-8000-000000000002';
		const wren = await signInAs('wren@example.org');
		const asWren = await wren.client.from('profiles').select('id').eq('id', bram);
		expect(asWren.data).toEqual([]);
		const asBystander = await bystander.client.from('profiles').select('id').eq('id', bram);
		expect(asBystander.data).toEqual([{ id: bram }]);
	});
});

describe('when the blocker unblocks', () => {
	it('lets the formerly blocked member see them everywhere again', async () => {
		const { error } = await blocker.client.from('blocks').delete().eq('blocked_id', blocked.id);
		expect(error).toBeNull();
		expect(await sightingsOfBlocker(blocked)).toEqual(seenEverywhere);
	});
});
