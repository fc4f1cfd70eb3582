import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signUpMember, type Member } from '../../support/supabase';
import {
	CELL_LENGTH,
	accessToken,
	anonymousToken,
	anonymousViewOf,
	database,
	groundTruth,
	mapPointAs,
	practitionerAt,
	rest,
	sightings,
	type Point
} from '../../support/privacy';

/**
 * Guarantee 6 (k = 3): what anonymous visitors see is coarsened from area to region to country
 * until at least three publicly visible people share the cell, or not shown at all. Members are
 * not strangers: they see everyone visible to them at the owner's precision.
 *
 * Each scenario has a country of its own: Iceland, Uruguay (and Laos), Paraguay, Botswana and
 * Ecuador, none of them in the seed.
 */

/** The level an anonymous visitor sees each person at: a cell length, or 'hidden'. */
async function anonymousLevels(members: Member[]): Promise<(number | 'hidden')[]> {
	const view = await anonymousViewOf(members.map((member) => member.id));
	return members.map((member) => {
		const seen = view.get(member.id);
		expect(seen, 'a public profile row stays readable').toBeDefined();
		return seen!.public_cell === null ? 'hidden' : seen!.public_cell.length;
	});
}

/** Whether anonymous map points and nearby results include each person. */
async function onAnonymousMap(members: Member[], near: Point): Promise<boolean[]> {
	const seen = await Promise.all(
		members.map(({ id }) => sightings(anonymousToken(), { id, near }))
	);
	return seen.map(({ map, nearby }) => {
		expect(nearby, 'nearby agrees with the map').toBe(map);
		return map === 1;
	});
}

describe('a lone public person in a country with nobody else', () => {
	const reykjavik = { lat: 64.1412345, lng: -21.9212345 };
	let lone: Member;

	beforeAll(async () => {
		lone = await practitionerAt('is-lone', reykjavik, { precision: 'neighbourhood' });
	});

	it('is not on the anonymous map at all', async () => {
		expect(await anonymousLevels([lone])).toEqual(['hidden']);
		expect(await onAnonymousMap([lone], reykjavik)).toEqual([false]);
		const truth = (await groundTruth(lone.id))!;
		expect(truth).toMatchObject({ public_lat: null, public_lng: null, public_place_label: null });
	});

	it('is still seen by members, at the precision they chose', async () => {
		const member = await signUpMember('is-member');
		expect((await mapPointAs(member, lone.id))?.cell).toHaveLength(CELL_LENGTH.neighbourhood);
	});

	it('is shown at country level, no finer, once two others live elsewhere in the country', async () => {
		const others = [
			await practitionerAt('is-akureyri', { lat: 65.6812345, lng: -18.0912345 }),
			await practitionerAt('is-egilsstadir', { lat: 65.2612345, lng: -14.3912345 })
		];
		expect(await anonymousLevels([lone, ...others])).toEqual([
			CELL_LENGTH.country,
			CELL_LENGTH.country,
			CELL_LENGTH.country
		]);
		const view = await anonymousViewOf([lone.id]);
		expect(view.get(lone.id)?.public_place_label).toBe('Iceland');
	});
});

// The steps build on each other, in order.
describe('when people leave a shared area cell, the others are coarsened step by step', () => {
	const montevideo: Point[] = [
		{ lat: -34.88012345, lng: -56.15012345 },
		{ lat: -34.88512345, lng: -56.14512345 },
		{ lat: -34.87512345, lng: -56.15512345 }
	];
	const lasPiedras = { lat: -34.73123, lng: -56.21876 }; // same region cell, another area
	const salto = { lat: -31.3833, lng: -57.9667 }; // another region
	const laos = { lat: 17.97123, lng: 102.61234 };
	let a: Member, b: Member, c: Member, d: Member, e: Member;

	beforeAll(async () => {
		a = await practitionerAt('uy-a', montevideo[0], { precision: 'neighbourhood' });
		b = await practitionerAt('uy-b', montevideo[1], { precision: 'town' });
		c = await practitionerAt('uy-c', montevideo[2], { precision: 'area' });
		d = await practitionerAt('uy-d', lasPiedras, { precision: 'area' });
		e = await practitionerAt('uy-e', salto, { precision: 'area' });
	});

	it('shows three people who share an area cell at area, and the others coarser', async () => {
		expect(await anonymousLevels([a, b, c, d, e])).toEqual([
			CELL_LENGTH.area,
			CELL_LENGTH.area,
			CELL_LENGTH.area,
			CELL_LENGTH.region, // with a, b and c, four people share the region
			CELL_LENGTH.country
		]);
		expect(await onAnonymousMap([a, b, c, d, e], montevideo[0])).toEqual([
			true,
			true,
			true,
			true,
			true
		]);
	});

	it('coarsens the other two to region when one of three stops being public', async () => {
		const { error } = await c.client
			.from('profiles')
			.update({ visibility: 'members' })
			.eq('id', c.id);
		expect(error).toBeNull();
		expect(await anonymousLevels([a, b, d, e])).toEqual([
			CELL_LENGTH.region,
			CELL_LENGTH.region,
			CELL_LENGTH.region,
			CELL_LENGTH.country
		]);
		expect(await onAnonymousMap([c], montevideo[0])).toEqual([false]);
	});

	it('coarsens those left to country when one moves away, and hides the one who moved', async () => {
		const { error } = await b.client.from('profile_locations').update(laos).eq('profile_id', b.id);
		expect(error).toBeNull();
		expect(await anonymousLevels([a, d, e, b])).toEqual([
			CELL_LENGTH.country,
			CELL_LENGTH.country,
			CELL_LENGTH.country,
			'hidden' // alone in Laos
		]);
		const view = await anonymousViewOf([a.id]);
		expect(view.get(a.id)?.public_place_label).toBe('Uruguay');
	});

	it('hides the last two when a third deletes their account', async () => {
		const { error } = await d.client.rpc('delete_my_account');
		expect(error).toBeNull();
		expect(await anonymousLevels([a, e])).toEqual(['hidden', 'hidden']);
		expect(await onAnonymousMap([a, e], montevideo[0])).toEqual([false, false]);
	});

	it('keeps showing them to members at their own precision all along', async () => {
		const member = await signUpMember('uy-member');
		expect((await mapPointAs(member, a.id))?.cell).toHaveLength(CELL_LENGTH.neighbourhood);
		expect((await mapPointAs(member, e.id))?.cell).toHaveLength(CELL_LENGTH.area);
	});
});

async function threeInOneArea(prefix: string, points: Point[]): Promise<Member[]> {
	const members: Member[] = [];
	for (const [index, point] of points.entries()) {
		members.push(await practitionerAt(`${prefix}-${index}`, point, { precision: 'town' }));
	}
	const levels = await anonymousLevels(members);
	expect(levels.every((level) => level === CELL_LENGTH.area)).toBe(true);
	return members;
}

// PRIVACY HOLE (fails until fixed): deleting the profile row directly, or the account by any
// path other than delete_my_account, cascades to profile_locations after the profile row is gone,
// so publish_locations finds no country to refresh and the remaining two keep their area cell.
describe('when one of three leaves without delete_my_account', () => {
	it('refuses a member deleting their profile row on its own, so no one slips past the count', async () => {
		const [first, second, leaver] = await threeInOneArea('py', [
			{ lat: -25.2912345, lng: -57.6312345 },
			{ lat: -25.2952345, lng: -57.6252345 },
			{ lat: -25.2872345, lng: -57.6372345 }
		]);
		const deleted = await rest(await accessToken(leaver), `profiles?id=eq.${leaver.id}`, {
			method: 'DELETE'
		});
		// Signed in but without the privilege: PostgREST answers 403.
		expect(deleted.status).toBe(403);
		expect(await groundTruth(leaver.id)).not.toBeNull();
		expect(await anonymousLevels([first, second, leaver])).toEqual([11, 11, 11]);
	});

	it('hides the other two after an administrator removes the account', async () => {
		const [first, second, removed] = await threeInOneArea('bw', [
			{ lat: -24.6512345, lng: 25.9112345 },
			{ lat: -24.6552345, lng: 25.9152345 },
			{ lat: -24.6472345, lng: 25.9072345 }
		]);
		const { error } = await serviceClient().auth.admin.deleteUser(removed.id);
		expect(error).toBeNull();
		expect(await groundTruth(removed.id)).toBeNull();
		expect(await anonymousLevels([first, second])).toEqual(['hidden', 'hidden']);
	});
});

/**
 * One request's transaction, run the way PostgREST runs it: as `authenticated`, with the
 * member's claims, left open so that another can run alongside it.
 */
async function openRequestAs(id: string): Promise<pg.PoolClient> {
	const connection = await database().connect();
	await connection.query('begin');
	await connection.query('set local role authenticated');
	await connection.query(`select set_config('request.jwt.claims', $1, true)`, [
		JSON.stringify({ sub: id, role: 'authenticated' })
	]);
	return connection;
}

/** Whether a backend has run `statement` to the end, or is blocked in it waiting for a lock. */
async function ranOrWaits(pid: number, statement: string): Promise<boolean> {
	const { rows } = await database().query<{
		query: string;
		state: string;
		wait_event_type: string | null;
	}>('select query, state, wait_event_type from pg_stat_activity where pid = $1', [pid]);
	const [backend] = rows;
	return (
		backend.query === statement &&
		(backend.state.startsWith('idle in transaction') || backend.wait_event_type === 'Lock')
	);
}

// PRIVACY HOLE (fails until fixed): each leaver's refresh counts the other as still public, since
// neither sees the other's uncommitted change, so two of four leaving at once leaves two at area.
describe('when two of four leave at the same moment', () => {
	it('hides the two who stay', async () => {
		const quito: Point[] = [
			{ lat: -0.2012345, lng: -78.4912345 },
			{ lat: -0.2052345, lng: -78.4952345 },
			{ lat: -0.1972345, lng: -78.4872345 },
			{ lat: -0.2092345, lng: -78.4992345 }
		];
		const [stay1, stay2, leave1, leave2] = await Promise.all(
			quito.map((point, index) => practitionerAt(`ec-${index}`, point, { precision: 'town' }))
		);
		// Placing them concurrently is itself racy (each may miss the others), so settle first.
		await leave1.client.from('profiles').update({ precision: 'area' }).eq('id', leave1.id);
		expect(await anonymousLevels([stay1, stay2, leave1, leave2])).toEqual([
			CELL_LENGTH.area,
			CELL_LENGTH.area,
			CELL_LENGTH.area,
			CELL_LENGTH.area
		]);

		const leave = `update public.profiles set visibility = 'members' where id = $1`;
		const first = await openRequestAs(leave1.id);
		const second = await openRequestAs(leave2.id);
		try {
			await first.query(leave, [leave1.id]);
			const secondPid: number = (await second.query('select pg_backend_pid() as pid')).rows[0].pid;
			const secondLeaves = second.query(leave, [leave2.id]).then(
				() => null,
				(error: Error) => error
			);
			// Commit the first only once the second has run (or waits for it, once serialised).
			while (!(await ranOrWaits(secondPid, leave))) {
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
			await first.query('commit');
			expect(await secondLeaves).toBeNull();
			await second.query('commit');
		} finally {
			// Never hand a connection with an open transaction back to the pool.
			first.release(true);
			second.release(true);
		}

		expect(await anonymousLevels([stay1, stay2])).toEqual(['hidden', 'hidden']);
	});
});
