import { isRedirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { greatCircleKm } from '../../src/lib/geo/great-circle';
import {
	proposeGathering,
	readRegionPlan,
	suggestMeetingPoint
} from '../../src/lib/server/planner';
import type { RegionPlan } from '../../src/lib/planner/plan';
import { createGroup } from '../support/groups';
import { anonymousSignIn, database } from '../support/privacy';
import {
	anonymousClient,
	membersNamedWith,
	serviceClient,
	signUpMember,
	type Member
} from '../support/supabase';

/**
 * What the planner page reads and does (`$lib/server/planner`), through the public key as members:
 * `plan_region` counts only the people the planner may see, each at the cell the map shows them,
 * the meeting point and its towns come from those counts, and a proposal is the planner's own
 * draft with the region to invite. Everyone here lives in Sri Lanka, which no other test file
 * uses, and is named with this run's token.
 */

const token = `pl${randomUUID().slice(0, 6)}`;
const member = membersNamedWith(token);
const colombo = { lat: 6.9271, lng: 79.8612 };
const nearColombo = { lat: 6.93, lng: 79.87 };
const kandy = { lat: 7.2906, lng: 80.6337 };
// About 165 km from Colombo.
const anuradhapura = { lat: 8.3114, lng: 80.4037 };
// About 300 km from Colombo.
const jaffna = { lat: 9.6615, lng: 80.0255 };
const aroundColombo = { lat: colombo.lat, lng: colombo.lng, radius_km: 200 };

let planner: Member;
let crewId: string;

beforeAll(async () => {
	[planner] = await Promise.all([
		member('Planner', { open_to: [] }, colombo),
		member('Ama', { open_to: ['gatherings'] }, colombo),
		member('Bo', { open_to: ['gatherings', 'crewing'] }, colombo),
		member('Chen', { open_to: [] }, nearColombo),
		member('Dev', { open_to: ['gatherings'] }, anuradhapura),
		// Outside the 200 km circle around Colombo.
		member('Eli', { open_to: ['gatherings'] }, jaffna),
		// Shares with nobody: never counted.
		member('Hidden', { open_to: ['gatherings'], visibility: 'only_me' }, kandy)
	]);
	crewId = await createGroup({ kind: 'crew', name: `${token} Colombo Crew`, at: colombo });
});

afterAll(async () => {
	await database().query('delete from public.gatherings where name like $1', [`${token}%`]);
	await database().query('delete from public.groups where name like $1', [`${token}%`]);
});

async function planOf(client: Member['client'], region: Parameters<typeof readRegionPlan>[1]) {
	const answer = await readRegionPlan(client, region);
	if (!answer.ok) throw new Error(`Refused: ${answer.refusal}`);
	return answer.value;
}

/** The people of this file in a plan: the seed and other files have nobody in Sri Lanka. */
function countsOf(plan: RegionPlan) {
	return { people: plan.totals.people, open: plan.totals.open_to_gatherings };
}

describe('planning a circle', () => {
	it('counts the people the planner may see, by cell, and those open to gatherings', async () => {
		const plan = await planOf(planner.client, aroundColombo);

		// Ama, Bo, Chen, Dev and the planner; not Eli (too far), not Hidden (shares with nobody).
		expect(countsOf(plan)).toEqual({ people: 5, open: 3 });
		expect(plan.cells.reduce((sum, cell) => sum + cell.people, 0)).toBe(5);
		expect(plan.region).toMatchObject({ ...aroundColombo, country: null });
		expect(plan.groups.map((group) => group.id)).toContain(crewId);
		expect(plan.totals.crews).toBe(1);
	});

	it('never places anyone finer than the town cell the map shows them', async () => {
		const plan = await planOf(planner.client, aroundColombo);

		// Town precision (the default) is a cell of 13 quadkey digits; no cell is finer.
		for (const cell of plan.cells) expect(cell.cell.length).toBeLessThanOrEqual(13);
		// Nobody is at their exact point: Ama lives at Colombo's, and no cell's centre is there.
		expect(plan.cells.some((cell) => cell.lat === colombo.lat && cell.lng === colombo.lng)).toBe(
			false
		);
	});
});

describe('planning a country', () => {
	it('counts everyone in it the planner may see', async () => {
		const plan = await planOf(planner.client, { country: 'LK' });

		expect(countsOf(plan)).toEqual({ people: 6, open: 4 });
		expect(plan.region).toMatchObject({ country: 'LK', radius_km: null, label: 'Sri Lanka' });
	});
});

// plan_region once read the congregation with `select *`, past the columns members may read, and
// refused every congregation; 20261203002200_gathering_rules_fixes.sql reads only what it uses.
describe('planning a congregation', () => {
	it('plans a circle around its area that reaches its crews, named after it', async () => {
		const congregationId = await createGroup({
			kind: 'congregation',
			name: `${token} Lanka Congregation`,
			at: colombo,
			precision: 'area'
		});
		await createGroup({
			kind: 'crew',
			name: `${token} Kandy Crew`,
			congregationId,
			at: kandy
		});

		const plan = await planOf(planner.client, { congregation_id: congregationId });

		expect(plan.region.label).toBe(`${token} Lanka Congregation`);
		expect(plan.region.country).toBeNull();
		// Kandy is about 95 km from Colombo: the circle reaches it, and a little beyond.
		expect(plan.region.radius_km).toBeGreaterThan(95);
		expect(plan.region.radius_km).toBeLessThan(150);
		expect(plan.groups.map((group) => group.name)).toEqual(
			expect.arrayContaining([`${token} Lanka Congregation`, `${token} Kandy Crew`])
		);
	});

	it('says so when there is no such congregation', async () => {
		expect(await readRegionPlan(planner.client, { congregation_id: randomUUID() })).toEqual({
			ok: false,
			refusal: 'There is no such congregation, or it is shared only with members.'
		});
	});
});

describe('the meeting point', () => {
	it('is between the people open to gatherings, with the three towns nearest it and their shares', async () => {
		const plan = await planOf(planner.client, aroundColombo);

		const suggestion = await suggestMeetingPoint(planner.client, plan);

		// Two of the three open to gatherings live in Colombo's cell, outweighing Dev's pull: the
		// point is that cell's centre, exactly.
		const colomboCells = plan.cells.filter((cell) => greatCircleKm(cell, colombo) < 5);
		expect(colomboCells.map(({ lat, lng }) => ({ lat, lng }))).toContainEqual(suggestion!.point);
		expect(suggestion!.towns).toHaveLength(3);
		const distances = suggestion!.towns.map((town) => town.distance_km);
		expect(distances).toEqual([...distances].sort((a, b) => a - b));
		expect(suggestion!.towns[0].distance_km).toBeLessThan(20);
		// From a town near Colombo, Ama and Bo are within 50 km; Dev, about 165 km away, within 200.
		expect(suggestion!.towns[0].shares.map(({ km, people }) => ({ km, people }))).toEqual([
			{ km: 50, people: 2 },
			{ km: 100, people: 2 },
			{ km: 200, people: 3 }
		]);
	});

	it('is the same for the same people, however often it is asked', async () => {
		const plan = await planOf(planner.client, { country: 'LK' });

		const first = await suggestMeetingPoint(planner.client, plan);
		const again = await suggestMeetingPoint(
			planner.client,
			await planOf(planner.client, { country: 'LK' })
		);

		expect(again).toEqual(first);
	});

	it('is not suggested where nobody is open to gatherings', async () => {
		const plan = await planOf(planner.client, aroundColombo);

		expect(
			await suggestMeetingPoint(planner.client, {
				...plan,
				cells: plan.cells.map((cell) => ({ ...cell, open_to_gatherings: 0 }))
			})
		).toBeNull();
	});
});

describe('what the planner refuses', () => {
	it('is not for visitors who are not signed in, nor for anonymous sign-ins', async () => {
		// The page tells both to sign in before it asks; the database refuses them anyway.
		expect(await readRegionPlan(anonymousClient(), aroundColombo)).toEqual({
			ok: false,
			refusal: 'permission denied for function plan_region'
		});
		const stranger = await anonymousSignIn(await signUpMember(`${token}-stranger`));
		expect(await readRegionPlan(stranger.client, aroundColombo)).toEqual({
			ok: false,
			refusal: 'Sign in to plan a gathering.'
		});
	});

	it('says what is wrong with a region in words', async () => {
		const answer = await readRegionPlan(planner.client, {
			lat: colombo.lat,
			lng: colombo.lng,
			radius_km: 5000
		});

		expect(answer).toEqual({
			ok: false,
			refusal: 'A circle needs lat, lng and a radius_km from 1 to 1000.'
		});
	});
});

describe('proposing a gathering here', () => {
	function proposal(fields: Record<string, string>) {
		const form = new FormData();
		for (const [name, value] of Object.entries(fields)) form.set(name, value);
		return form;
	}

	it('makes a draft in the town with the region to invite, and goes to its edit page', async () => {
		const plan = await planOf(planner.client, aroundColombo);
		const suggestion = await suggestMeetingPoint(planner.client, plan);
		const town = suggestion!.towns[0];

		let location = '';
		try {
			await proposeGathering(planner.client, {
				today: '2026-12-03',
				formData: proposal({
					town: String(town.id),
					name: `${token} Colombo day`,
					kind: 'regional_gathering',
					first_day: '2027-02-06',
					time_zone: 'Asia/Colombo',
					lat: String(aroundColombo.lat),
					lng: String(aroundColombo.lng),
					km: String(aroundColombo.radius_km)
				})
			});
		} catch (thrown) {
			if (!isRedirect(thrown)) throw thrown;
			location = thrown.location;
		}

		const [, id] = /^\/gatherings\/([0-9a-f-]{36})\/edit$/.exec(location) ?? [];
		expect(id).toBeDefined();
		const { data: draft } = await serviceClient()
			.from('gatherings')
			.select(
				'name, kind, status, all_day, starts_at, ends_at, time_zone, invite_region, area_label, created_by'
			)
			.eq('id', id)
			.single();
		expect(draft).toMatchObject({
			name: `${token} Colombo day`,
			kind: 'regional_gathering',
			status: 'draft',
			all_day: true,
			time_zone: 'Asia/Colombo',
			invite_region: aroundColombo,
			created_by: planner.id
		});
		// Local midnight in Colombo (UTC+5:30) to the next.
		expect(new Date(draft!.starts_at).toISOString()).toBe('2027-02-05T18:30:00.000Z');
		expect(new Date(draft!.ends_at).toISOString()).toBe('2027-02-06T18:30:00.000Z');
		expect(draft!.area_label).toMatch(/LK/);

		// A draft is its hosts' only: another member does not see it.
		const other = await member('Other', {}, colombo);
		const { data: seen } = await other.client.from('gatherings').select('id').eq('id', id);
		expect(seen).toEqual([]);
	});

	it('keeps what was typed and says what to fix when the proposal is not right', async () => {
		const failure = await proposeGathering(planner.client, {
			today: '2026-12-03',
			formData: proposal({
				town: '1',
				name: '  ',
				kind: 'call',
				first_day: '2026-12-01',
				time_zone: 'Mars/Olympus',
				country: 'LK'
			})
		});

		expect(failure.status).toBe(400);
		expect(failure.data.proposalValues).toMatchObject({ town: '1', kind: 'call' });
		expect(failure.data.proposalErrors).toEqual({
			name: 'Give the gathering a name.',
			kind: 'Choose what kind of gathering it is.',
			first_day: 'Choose a first day from today on.',
			time_zone: 'Choose a time zone from the list.'
		});
	});
});
