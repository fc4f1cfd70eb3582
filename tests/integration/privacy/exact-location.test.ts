import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroup, joinGroup } from '../../support/groups';
import { signUpMember, type Member } from '../../support/supabase';
import {
	ANONYMOUS_FINEST_CELL_LENGTH,
	CELL_LENGTH,
	accessToken,
	anonymousToken,
	countOf,
	database,
	expectNoExactPoint,
	expectNoLocationIn,
	groundTruth,
	practitionerAt,
	rest,
	worldMapPoints,
	type Point,
	type RestResponse
} from '../../support/privacy';

/**
 * Guarantee 1: exact coordinates are readable by their owner only. Every table and RPC of the
 * API is asked, by every kind of viewer, with filters, orderings, counts and embeddings on the
 * location columns; no answer may carry an exact point, and refused requests may not name one.
 * Everyone here lives in Ulaanbaatar, Mongolia (no one else's test does).
 */

// Many decimals, so a match can only be the point itself.
const ownerPoint: Point = { lat: 47.91234567, lng: 106.91876543 };
const crewmatesOnlyPoint: Point = { lat: 47.90934567, lng: 106.91576543 };

let owner: Member; // public, neighbourhood: the finest cell there is
let crewmatesOnly: Member; // visibility 'crewmates', same neighbourhood cell as the owner
let member: Member;
let blocked: Member; // blocked by both of them
let crewmate: Member; // in one crew with crewmatesOnly: sees their cell, never their point
let ownerCell: string;

const targets = () => [
	{ who: 'the public owner', point: ownerPoint },
	{ who: 'the crewmates-only owner', point: crewmatesOnlyPoint }
];

beforeAll(async () => {
	[owner, crewmatesOnly, member, blocked, crewmate] = await Promise.all([
		practitionerAt('mn-owner', ownerPoint, { precision: 'neighbourhood' }),
		practitionerAt('mn-crewmates-only', crewmatesOnlyPoint, {
			visibility: 'crewmates',
			precision: 'neighbourhood'
		}),
		signUpMember('mn-member'),
		signUpMember('mn-blocked'),
		signUpMember('mn-crewmate')
	]);
	// Two more public people in the owner's area cell, so anonymous visitors see the owner
	// (at area: guarantee 6) and there is something to attack.
	await practitionerAt('mn-neighbour-1', { lat: 47.91534567, lng: 106.92176543 });
	await practitionerAt('mn-neighbour-2', { lat: 47.91834567, lng: 106.90976543 });
	for (const blocker of [owner, crewmatesOnly]) {
		const { error } = await blocker.client.from('blocks').insert({ blocked_id: blocked.id });
		expect(error).toBeNull();
	}
	const crew = await createGroup({ kind: 'crew', name: 'mn-crew', at: crewmatesOnlyPoint });
	await joinGroup(crew, crewmatesOnly, crewmate);
	ownerCell = (await groundTruth(owner.id))!.published_cell!;
	expect(ownerCell).toHaveLength(CELL_LENGTH.neighbourhood);
});

afterAll(async () => {
	await database().query('delete from public.groups where name = $1', ['mn-crew']);
});

interface Attack {
	name: string;
	/** `victim`: whose rows the writes aim at (never the viewer's own). */
	path: (victim: Member) => string;
	method?: string;
	body?: (victim: Member) => unknown;
	headers?: Record<string, string>;
}

const box = (point: Point, margin: number) => ({
	min_lat: point.lat - margin,
	min_lng: point.lng - margin,
	max_lat: point.lat + margin,
	max_lng: point.lng + margin
});

const attacks: Attack[] = [
	{ name: 'profiles?select=*', path: () => 'profiles?select=*' },
	{
		name: 'profiles by id',
		path: () => `profiles?select=*&id=in.(${owner.id},${crewmatesOnly.id})`
	},
	{
		name: 'profiles embedding profile_locations',
		path: () => 'profiles?select=*,profile_locations(*)'
	},
	{
		name: 'profiles filtered and ordered on published_lat/lng',
		path: () =>
			`profiles?select=id,published_lat,published_lng&published_lat=gt.47.5&published_lat=lt.48.5&order=published_lng`
	},
	{
		name: 'profiles filtered and ordered on public_lat/lng',
		path: () =>
			'profiles?select=id,public_lat,public_lng,public_cell&public_lat=gt.47.5&public_lat=lt.48.5&order=public_lng.desc'
	},
	{
		name: 'profiles filtered with like on published_cell',
		path: () => `profiles?select=id,published_cell&published_cell=like.${ownerCell.slice(0, 12)}*`
	},
	{
		name: 'a count of profiles by published_lat',
		method: 'HEAD',
		path: () => 'profiles?select=id&published_lat=gt.47.5&published_lat=lt.48.5',
		headers: { Prefer: 'count=exact' }
	},
	{ name: 'profile_locations?select=*', path: () => 'profile_locations?select=*' },
	{
		name: 'profile_locations filtered on the exact lat',
		path: () => `profile_locations?select=*&lat=eq.${ownerPoint.lat}`
	},
	{
		name: 'profile_locations ordered by lng',
		path: () => 'profile_locations?select=*&lat=gt.-90&order=lng.desc'
	},
	{
		name: 'profile_locations embedding profiles',
		path: () => 'profile_locations?select=*,profiles(*)'
	},
	{
		name: 'a planned count of profile_locations',
		method: 'HEAD',
		path: () => 'profile_locations?lat=gt.47.5&lat=lt.48.5',
		headers: { Prefer: 'count=planned' }
	},
	{
		name: 'blocks embedding the blocker’s profile',
		path: () => 'blocks?select=*,blocker:profiles!blocks_blocker_id_fkey(*)'
	},
	{
		name: 'profiles embedding blocks',
		path: () => 'profiles?select=id,blocks!blocks_blocker_id_fkey(*)'
	},
	{
		name: 'places near the point',
		path: () => 'places?select=*&lat=gt.47.5&lat=lt.48.5&order=lat'
	},
	{ name: 'countries', path: () => 'countries?select=*&code=eq.MN' },
	{
		name: 'map_items over the world',
		path: () => 'rpc/map_items',
		method: 'POST',
		body: () => ({ min_lat: -90, min_lng: -180, max_lat: 90, max_lng: 180 })
	},
	{
		name: 'map_items in a box of 20 m around the point',
		path: () => 'rpc/map_items',
		method: 'POST',
		body: () => box(ownerPoint, 0.0002)
	},
	{
		name: 'map_view at the deepest zoom around the point',
		path: () => 'rpc/map_view',
		method: 'POST',
		body: () => ({ ...box(ownerPoint, 1), zoom: 24 })
	},
	{
		name: 'map_view counts by place around the point',
		path: () => 'rpc/map_view',
		method: 'POST',
		body: () => ({ ...box(ownerPoint, 1), zoom: 24, max_items: 0 })
	},
	{
		name: 'directory_page by distance from the exact point',
		path: () => 'rpc/directory_page',
		method: 'POST',
		body: () => ({
			sort: 'distance',
			near_lat: ownerPoint.lat,
			near_lng: ownerPoint.lng,
			page_size: 100
		})
	},
	{
		name: 'directory_page with an exact count',
		path: () => 'rpc/directory_page',
		method: 'POST',
		body: () => ({ sort: 'distance', near_lat: 47.9, near_lng: 106.9, page_size: 100 }),
		headers: { Prefer: 'count=exact' }
	},
	{ name: 'search_places', path: () => 'rpc/search_places?query=ulan' },
	{ name: 'export_my_data', path: () => 'rpc/export_my_data', method: 'POST', body: () => ({}) },
	{
		name: 'confirm_still_here',
		path: () => 'rpc/confirm_still_here',
		method: 'POST',
		body: () => ({})
	},
	{
		name: 'a refused write of the published location',
		path: (victim) => `profiles?id=eq.${victim.id}`,
		method: 'PATCH',
		body: () => ({ published_lat: 0, published_lng: 0 })
	},
	{
		name: 'a refused insert of the owner’s exact location',
		path: () => 'profile_locations',
		method: 'POST',
		body: (victim) => ({ profile_id: victim.id, lat: 0, lng: 0 }),
		headers: { Prefer: 'return=representation' }
	},
	{
		name: 'an update of the owner’s exact location',
		path: (victim) => `profile_locations?profile_id=eq.${victim.id}&lat=gt.47`,
		method: 'PATCH',
		body: () => ({ lng: 0 }),
		headers: { Prefer: 'return=representation' }
	},
	{
		name: 'an upsert over the owner’s exact location',
		path: () => 'profile_locations?on_conflict=profile_id',
		method: 'POST',
		body: (victim) => ({ profile_id: victim.id, lat: 1, lng: 1 }),
		headers: { Prefer: 'resolution=merge-duplicates,return=representation' }
	}
];

function send(token: string, attack: Attack, victim = owner): Promise<RestResponse> {
	return rest(token, attack.path(victim), {
		method: attack.method,
		body: attack.body?.(victim),
		headers: attack.headers
	});
}

const viewers: { name: string; token: () => Promise<string> }[] = [
	{ name: 'an anonymous visitor', token: async () => anonymousToken() },
	{ name: 'another member', token: () => accessToken(member) },
	{ name: 'a blocked member', token: () => accessToken(blocked) },
	{ name: 'a crewmate of the crewmates-only owner', token: () => accessToken(crewmate) }
];

describe.each(viewers)('as $name', (viewer) => {
	it.each(attacks)('never receives an exact point through $name', async (attack) => {
		const response = await send(await viewer.token(), attack);
		for (const target of targets()) {
			expectNoExactPoint(response, target.point, `${attack.name}, ${target.who}`);
		}
	});

	it('cannot find an exact point by filtering or counting profile_locations', async () => {
		const token = await viewer.token();
		const counted = await rest(
			token,
			`profile_locations?lat=eq.${ownerPoint.lat}&lng=eq.${ownerPoint.lng}`,
			{ method: 'HEAD', headers: { Prefer: 'count=exact' } }
		);
		// Refused outright (anonymous) or counted among the caller's own rows only.
		if (counted.status === 200) expect(countOf(counted)).toBe(0);
		else expect(counted.status).toBe(401);
		const listed = await rest(token, 'profile_locations?select=profile_id');
		if (listed.status === 200) expect(listed.body).toEqual([]);
		else expect(listed.status).toBe(401);
	});

	it('does not find the owner in a map box around the exact point that misses the cell centre', async () => {
		// The box holds the exact point but not the published centre: a filter on exact
		// coordinates would give the owner away.
		const published = (await groundTruth(owner.id))!;
		const aroundExact = box(ownerPoint, 0.0002);
		const centreInBox =
			Math.abs(published.published_lat! - ownerPoint.lat) <= 0.0002 &&
			Math.abs(published.published_lng! - ownerPoint.lng) <= 0.0002;
		expect(centreInBox).toBe(false);
		const response = await rest(await viewer.token(), 'rpc/map_items', {
			method: 'POST',
			body: aroundExact
		});
		expect(response.status).toBe(200);
		const { items } = response.body as { items: { id: string }[] };
		expect(items.map((item) => item.id)).not.toContain(owner.id);
	});

	it('gets refusals that name no cell and no coordinate', async () => {
		const token = await viewer.token();
		const refusals = await Promise.all(
			attacks
				.filter((attack) => attack.method !== 'HEAD')
				.map(async (attack) => ({ attack, response: await send(token, attack) }))
		);
		const refused = refusals.filter(({ response }) => response.status >= 400);
		expect(refused.length).toBeGreaterThan(0);
		for (const { attack, response } of refused) {
			expectNoLocationIn(response, [ownerCell.slice(0, ANONYMOUS_FINEST_CELL_LENGTH)], attack.name);
		}
	});
});

describe('as an anonymous visitor', () => {
	it('sees the owner at area, never at the neighbourhood cell they chose', async () => {
		const responses = await Promise.all(attacks.map((attack) => send(anonymousToken(), attack)));
		for (const response of responses) {
			// Any cell finer than area would start with these twelve digits.
			expect(response.text).not.toContain(ownerCell.slice(0, ANONYMOUS_FINEST_CELL_LENGTH + 1));
		}
		const world = await worldMapPoints(anonymousToken());
		const seen = world.find((point) => point.id === owner.id);
		expect(seen?.cell).toBe(ownerCell.slice(0, ANONYMOUS_FINEST_CELL_LENGTH));
		for (const point of world) {
			expect(point.cell.length).toBeLessThanOrEqual(ANONYMOUS_FINEST_CELL_LENGTH);
		}
	});

	it('is refused the owner-precision columns however it asks', async () => {
		for (const path of [
			'profiles?select=*',
			'profiles?select=id&published_lat=gt.47',
			'profiles?select=id&order=published_lng',
			`profiles?select=id&published_cell=like.${ownerCell.slice(0, 12)}*`,
			'profiles?select=id,place_label',
			'profiles?select=id&published_country=eq.MN'
		]) {
			const response = await rest(anonymousToken(), path);
			expect(response.status, path).toBe(401);
			expect((response.body as { code: string }).code, path).toBe('42501');
		}
	});
});

describe('as another member', () => {
	it('sees the public owner at the owner’s precision and no finer', async () => {
		const world = await worldMapPoints(await accessToken(member));
		const seen = world.filter((point) => point.id === owner.id);
		expect(seen.map((point) => point.cell)).toEqual([ownerCell]);
		for (const point of world) {
			expect(point.cell.length).toBeLessThanOrEqual(CELL_LENGTH.neighbourhood);
		}
	});
});

describe('as a crewmate of the crewmates-only owner', () => {
	it('sees them at the neighbourhood cell they chose, placed at its centre, where other members see nothing', async () => {
		const truth = (await groundTruth(crewmatesOnly.id))!;
		expect(truth.published_cell).toHaveLength(CELL_LENGTH.neighbourhood);
		expect([truth.published_lat, truth.published_lng]).not.toEqual([
			crewmatesOnlyPoint.lat,
			crewmatesOnlyPoint.lng
		]);
		const seenBy = async (viewer: Member) =>
			(await worldMapPoints(await accessToken(viewer)))
				.filter((point) => point.id === crewmatesOnly.id)
				.map(({ cell, lat, lng }) => ({ cell, lat, lng }));
		expect(await seenBy(crewmate)).toEqual([
			{ cell: truth.published_cell, lat: truth.published_lat, lng: truth.published_lng }
		]);
		expect(await seenBy(member)).toEqual([]);
	});
});

describe('as the owner', () => {
	it('reads their own exact point, and only their own', async () => {
		const { data, error } = await owner.client.from('profile_locations').select('*');
		expect(error).toBeNull();
		expect(data).toEqual([expect.objectContaining({ profile_id: owner.id, ...ownerPoint })]);
		const counted = await rest(
			await accessToken(owner),
			`profile_locations?lat=eq.${ownerPoint.lat}&lng=eq.${ownerPoint.lng}`,
			{ method: 'HEAD', headers: { Prefer: 'count=exact' } }
		);
		expect(countOf(counted)).toBe(1);
	});

	it('never receives another owner’s exact point', async () => {
		const token = await accessToken(owner);
		for (const attack of attacks) {
			expectNoExactPoint(await send(token, attack, crewmatesOnly), crewmatesOnlyPoint, attack.name);
		}
	});
});
