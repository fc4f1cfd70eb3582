import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { block } from '../../support/gatherings';
import { startGroup } from '../../support/groups';
import {
	accessToken,
	anonymousSignIn,
	anonymousToken,
	database,
	distanceKm,
	expectNoExactPoint,
	rest,
	worldMapPoints,
	type MapPoint,
	type Point
} from '../../support/privacy';
import { anonymousClient, membersNamedWith, type Member } from '../../support/supabase';

/**
 * The regional planner (issue 11): plan_region is for members only, and shows a region's people
 * no finer than the map shows the caller: the same cells, the same people (nobody hidden from the
 * caller, nobody across a block), counts per cell, never a point. nearest_towns is public
 * reference data. Attacked as an anonymous visitor, an anonymous sign-in and members who see
 * different amounts of the same people. Everyone lives in Tunisia and is named with this run's
 * token.
 */

const token = `tn${randomUUID().slice(0, 6)}`;
const named = membersNamedWith(token);
const tunis = { lat: 36.8065, lng: 10.1815 };
const circle = { lat: tunis.lat, lng: tunis.lng, radius_km: 60 };

/** Where each of them really is: a few streets apart, in and around Tunis. */
const at = {
	publicTown: { lat: 36.80912345, lng: 10.17654321 },
	membersNeighbourhood: { lat: 36.81234567, lng: 10.16543219 },
	membersRegion: { lat: 36.79876543, lng: 10.19876543 },
	crewmatesOnly: { lat: 36.80123456, lng: 10.18765432 },
	onlyMe: { lat: 36.80567891, lng: 10.17123456 },
	blocker: { lat: 36.81567891, lng: 10.19123456 },
	farAway: { lat: 34.74061234, lng: 10.76031234 } // Sfax, outside the circle, in the country
} satisfies Record<string, Point>;

let planner: Member; // a member with no place, who shares no crew with anyone here
let people: Record<keyof typeof at, Member>;

beforeAll(async () => {
	planner = await named('Planner', { visibility: 'members' });
	const made = await Promise.all([
		named(
			'PublicTown',
			{ visibility: 'public', precision: 'town', open_to: ['gatherings'] },
			at.publicTown
		),
		named('MembersNeighbourhood', { precision: 'neighbourhood' }, at.membersNeighbourhood),
		named('MembersRegion', { precision: 'region', open_to: ['gatherings'] }, at.membersRegion),
		named('CrewmatesOnly', { visibility: 'crewmates', precision: 'town' }, at.crewmatesOnly),
		named('OnlyMe', { visibility: 'only_me', precision: 'town' }, at.onlyMe),
		named('Blocker', { precision: 'town', open_to: ['gatherings'] }, at.blocker),
		named('FarAway', { precision: 'town', open_to: ['gatherings'] }, at.farAway)
	]);
	people = Object.fromEntries(Object.keys(at).map((key, index) => [key, made[index]])) as never;
	await block(people.blocker, planner);
});

afterAll(async () => {
	await database().query('delete from public.groups where name like $1', [`${token} %`]);
});

interface Plan {
	region: Record<string, unknown>;
	cells: {
		cell: string;
		lat: number;
		lng: number;
		label: string;
		people: number;
		open_to_gatherings: number;
	}[];
	groups: unknown[];
	totals: { people: number; open_to_gatherings: number; crews: number; congregations: number };
}

async function plan(member: Member, region: unknown): Promise<Plan> {
	const { data, error } = await member.client.rpc('plan_region', { region: region as never });
	expect(error).toBeNull();
	return data as unknown as Plan;
}

/** The map's practitioners as `member` sees them, grouped by cell, the way the planner counts. */
function byCell(points: MapPoint[]) {
	const cells = new Map<string, { lat: number; lng: number; people: number }>();
	for (const point of points) {
		const cell = cells.get(point.cell) ?? { lat: point.lat, lng: point.lng, people: 0 };
		cell.people += 1;
		cells.set(point.cell, cell);
	}
	return cells;
}

/**
 * Fails unless the answer's cells are exactly those of the map `member` is shown, within
 * `radiusKm` of `centre`: the same cells, at the same points, with as many people. The map points
 * it compared with.
 */
async function expectTheMapsCells(answer: Plan, member: Member, centre: Point, radiusKm: number) {
	const map = (await worldMapPoints(await accessToken(member))).filter(
		(point) => distanceKm(centre, point) <= radiusKm
	);
	const cells = answer.cells.map(
		({ cell, lat, lng, people }) => [cell, { lat, lng, people }] as const
	);
	expect(new Map(cells)).toEqual(byCell(map));
	return map;
}

describe('plan_region', () => {
	it('is refused to anonymous visitors and anonymous sign-ins', async () => {
		const stranger = await anonymousSignIn(await named('Stranger'));
		for (const client of [anonymousClient(), stranger.client]) {
			const { error } = await client.rpc('plan_region', { region: circle as never });
			expect(error?.code).toBe('42501');
		}
	});

	it('shows a circle’s people in exactly the cells and numbers the caller’s map shows', async () => {
		const answer = await plan(planner, circle);
		const map = await expectTheMapsCells(answer, planner, tunis, circle.radius_km);
		expect(answer.totals.people).toBe(map.length);
	});

	it('counts nobody hidden from the caller or across a block, and nobody outside the region', async () => {
		const answer = await plan(planner, circle);
		const shown = await worldMapPoints(await accessToken(planner));
		const ids = new Set(shown.map((point) => point.id));
		for (const hidden of ['crewmatesOnly', 'onlyMe', 'blocker'] as const) {
			expect(ids.has(people[hidden].id), hidden).toBe(false);
		}
		// Those this file placed that the planner may see: three in the circle.
		const ours = shown.filter((point) =>
			[people.publicTown, people.membersNeighbourhood, people.membersRegion]
				.map((member) => member.id)
				.includes(point.id)
		);
		expect(ours).toHaveLength(3);
		const cells = new Map(answer.cells.map((cell) => [cell.cell, cell]));
		for (const point of ours) expect(cells.get(point.cell)?.people).toBeGreaterThanOrEqual(1);
		expect(answer.totals.open_to_gatherings).toBeGreaterThanOrEqual(2);
	});

	it('gives no one’s exact point, in a circle, a country or a circle of one kilometre', async () => {
		const bearer = await accessToken(planner);
		for (const region of [
			circle,
			{ country: 'TN' },
			{ lat: at.membersNeighbourhood.lat, lng: at.membersNeighbourhood.lng, radius_km: 1 },
			{ lat: at.onlyMe.lat, lng: at.onlyMe.lng, radius_km: 1 }
		]) {
			const response = await rest(bearer, 'rpc/plan_region', { method: 'POST', body: { region } });
			expect(response.status).toBe(200);
			// Less the region it echoes, which is the caller's own choice of point.
			const { region: echoed, ...others } = response.body as Plan;
			expect(echoed).toMatchObject({ country: 'country' in region ? 'TN' : null });
			const answer = { ...response, body: others, text: JSON.stringify(others) };
			for (const [name, point] of Object.entries(at)) {
				expectNoExactPoint(answer, point, `${name} in ${JSON.stringify(region)}`);
			}
			for (const hidden of ['crewmatesOnly', 'onlyMe', 'blocker'] as const) {
				expect(response.text).not.toContain(people[hidden].id);
			}
		}
	});

	it('counts a country’s people as the map shows them', async () => {
		const answer = await plan(planner, { country: 'TN' });
		const map = byCell(await worldMapPoints(await accessToken(planner)));
		for (const cell of answer.cells) {
			expect(map.get(cell.cell), cell.cell).toEqual({
				lat: cell.lat,
				lng: cell.lng,
				people: cell.people
			});
		}
		const cells = answer.cells.map((cell) => cell.cell);
		const shown = await worldMapPoints(await accessToken(planner));
		const far = shown.find((point) => point.id === people.farAway.id)!;
		expect(cells).toContain(far.cell);
	});

	it('shows a member who shares more of the same people no finer than their own map', async () => {
		// The people themselves see themselves: still only at the cells the map shows them.
		const viewer = people.publicTown;
		await expectTheMapsCells(await plan(viewer, circle), viewer, tunis, circle.radius_km);
	});

	it.each([
		{ lat: 36, lng: 10, radius_km: 0 },
		{ lat: 36, lng: 10, radius_km: 1001 },
		{ lat: 36, lng: 10 },
		{ lat: 91, lng: 10, radius_km: 10 },
		{ country: 'tn' },
		{ country: 'TN', lat: 36 },
		{ congregation_id: 'not-a-uuid' },
		'TN'
	])('refuses a region that is not one: %j', async (region) => {
		const { error } = await planner.client.rpc('plan_region', { region: region as never });
		expect(error?.code).toBe('22023');
	});

	it('shows a congregation’s surroundings as the caller’s map shows them', async () => {
		const congregation = await startGroup(people.publicTown, {
			kind: 'congregation',
			name: `${token} Congregation`,
			at: tunis
		});
		const answer = await plan(planner, { congregation_id: congregation });
		expect(answer.region).toMatchObject({ label: `${token} Congregation`, radius_km: 50 });
		const centre = { lat: answer.region.lat as number, lng: answer.region.lng as number };
		await expectTheMapsCells(answer, planner, centre, 50);
		expect(answer.totals.congregations).toBeGreaterThanOrEqual(1);
	});

	it('treats a congregation the caller may not see as one that does not exist', async () => {
		const { error } = await planner.client.rpc('plan_region', {
			region: { congregation_id: randomUUID() } as never
		});
		expect(error?.code).toBe('P0002');
	});
});

describe('nearest_towns', () => {
	it('gives anyone the gazetteer’s towns nearest a point, at most 20', async () => {
		const response = await rest(anonymousToken(), 'rpc/nearest_towns', {
			method: 'POST',
			body: { near_lat: tunis.lat, near_lng: tunis.lng, max_results: 500 }
		});
		expect(response.status).toBe(200);
		const towns = response.body as { name: string; population: number; distance_km: number }[];
		expect(towns.length).toBeLessThanOrEqual(20);
		expect(towns[0].name).toBe('Tunis');
		for (const town of towns) expect(town.population).toBeGreaterThanOrEqual(15_000);
		const distances = towns.map((town) => town.distance_km);
		expect(distances).toEqual([...distances].sort((a, b) => a - b));
	});

	it('refuses a point that is not one', async () => {
		const { error } = await anonymousClient().rpc('nearest_towns', { near_lat: 95, near_lng: 10 });
		expect(error?.code).toBe('22023');
	});
});
