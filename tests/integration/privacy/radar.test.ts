import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinThroughRequest, refusal, startGroup } from '../../support/groups';
import {
	anonymousSignIn,
	CELL_LENGTH,
	database,
	mapPointAs,
	overlapping,
	type Point
} from '../../support/privacy';
import {
	anonymousClient,
	membersNamedWith,
	serviceClient,
	type Member,
	type ProfileChanges
} from '../../support/supabase';

/**
 * The crew radar and its alerts (issue 10): counts and lists only the people open to crewing whom
 * the caller may see (visibility, crewmates, blocks), in the cells the map already shows the
 * caller, never finer; for signed-in members only, within 10 to 200 km. An alert is its owner's
 * alone, limited, and fires once, counting as its owner would. Everyone lives around Valparaíso,
 * Chile, and is named with this run's token.
 */

const token = `cl${randomUUID().slice(0, 6)}`;
const valparaiso: Point = { lat: -33.0472, lng: -71.6127 };
const vinaDelMar: Point = { lat: -33.0245, lng: -71.5518 };
const quilpue: Point = { lat: -33.0475, lng: -71.4425 };
const santiago: Point = { lat: -33.4489, lng: -70.6693 };

const crewing: ProfileChanges = { open_to: ['crewing'] };

let seeker: Member; // members, town precision
let people: Record<string, Member>;
let crew: string;

const named = membersNamedWith(token);
/** Open to crewing unless `profile` says otherwise. */
function person(name: string, at: Point | undefined, profile: ProfileChanges): Promise<Member> {
	return named(name, { ...crewing, ...profile }, at);
}

beforeAll(async () => {
	seeker = await person('seeker', valparaiso, { precision: 'town' });
	const entries = await Promise.all(
		Object.entries({
			public: person('public', vinaDelMar, { visibility: 'public', precision: 'area' }),
			fine: person('fine', quilpue, { precision: 'neighbourhood' }),
			far: person('far', santiago, { precision: 'town' }),
			onlyMe: person('onlyme', vinaDelMar, { visibility: 'only_me' }),
			crewmates: person('crewmates', vinaDelMar, { visibility: 'crewmates' }),
			blocker: person('blocker', vinaDelMar, {}),
			notOpen: person('notopen', vinaDelMar, { open_to: ['mentoring'] }),
			unplaced: person('unplaced', undefined, {})
		}).map(async ([key, member]) => [key, await member] as const)
	);
	people = Object.fromEntries(entries);
	const blocked = await people.blocker.client.from('blocks').insert({ blocked_id: seeker.id });
	expect(blocked.error).toBeNull();
	crew = await startGroup(seeker, { name: `${token} Crew`, at: valparaiso, status: 'forming' });
});

afterAll(async () => {
	await database().query('delete from public.groups where name like $1', [`${token} %`]);
});

interface Radar {
	total: number;
	cells: { cell: string; lat: number; lng: number; count: number }[];
	people: { id: string; display_name: string }[];
}

async function radarOf(member: Member, radius_km: number): Promise<Radar> {
	const { data, error } = await member.client.rpc('crew_radar', { radius_km });
	expect(error).toBeNull();
	return data as unknown as Radar;
}

describe('the crew radar', () => {
	it('counts and lists only the people open to crewing the caller may see', async () => {
		const near = await radarOf(seeker, 50);
		expect(near.people.map((each) => each.id).sort()).toEqual(
			[people.public.id, people.fine.id].sort()
		);
		expect(near.total).toBe(2);
		expect(near.people.find((each) => each.id === people.fine.id)?.display_name).toBe(
			`${token} fine`
		);
		const wide = await radarOf(seeker, 200);
		expect(wide.people.map((each) => each.id).sort()).toEqual(
			[people.public.id, people.fine.id, people.far.id].sort()
		);
	});

	it('shows each of them in the cell the map shows the caller, never finer', async () => {
		const { cells } = await radarOf(seeker, 200);
		const mapCells = await Promise.all(
			[people.public, people.fine, people.far].map(async (member) => {
				const point = await mapPointAs(seeker, member.id);
				return { cell: point!.cell, lat: point!.lat, lng: point!.lng, count: 1 };
			})
		);
		const sortByCell = (list: { cell: string }[]) =>
			[...list].sort((a, b) => a.cell.localeCompare(b.cell));
		expect(
			sortByCell(cells.map(({ cell, lat, lng, count }) => ({ cell, lat, lng, count })))
		).toEqual(sortByCell(mapCells));
		expect(cells.map((each) => each.cell.length).sort()).toEqual(
			[CELL_LENGTH.area, CELL_LENGTH.neighbourhood, CELL_LENGTH.town].sort()
		);
	});

	it('counts a crewmates-only person once they share a crew with the caller', async () => {
		expect((await radarOf(seeker, 50)).total).toBe(2);
		await joinThroughRequest(crew, people.crewmates, seeker);
		const near = await radarOf(seeker, 50);
		expect(near.total).toBe(3);
		expect(near.people.map((each) => each.id)).toContain(people.crewmates.id);
		await people.crewmates.client.rpc('leave_group', { group_id: crew });
		expect((await radarOf(seeker, 50)).total).toBe(2);
	});

	it.each([9, 201, -50])('refuses a radius of %i km', async (radius_km) => {
		const answer = await seeker.client.rpc('crew_radar', { radius_km });
		expect(refusal(answer)).toEqual({ code: '22023', message: 'The radius is from 10 to 200 km.' });
	});

	it('takes 10 and 200 km', async () => {
		for (const radius_km of [10, 200]) {
			expect((await seeker.client.rpc('crew_radar', { radius_km })).error).toBeNull();
		}
	});

	it('is refused to anonymous visitors, and to anonymous sign-ins', async () => {
		const { error } = await anonymousClient().rpc('crew_radar', { radius_km: 50 });
		expect(error?.code).toBe('42501');
		const stranger = await anonymousSignIn(await person('stranger', undefined, {}));
		expect(refusal(await stranger.client.rpc('crew_radar', { radius_km: 50 }))).toEqual({
			code: '42501',
			message: 'Sign in to use the crew radar.'
		});
		const alert = await stranger.client
			.from('radar_alerts')
			.insert({ min_people: 2, radius_km: 50 });
		expect(alert.error?.code).toBe('42501');
	});

	it('asks the caller to be open to crewing, and to have a place, first', async () => {
		const notOpen = await people.notOpen.client.rpc('crew_radar', { radius_km: 50 });
		expect(notOpen.error).toMatchObject({ code: 'P0001', hint: 'not_open_to_crewing' });
		const unplaced = await people.unplaced.client.rpc('crew_radar', { radius_km: 50 });
		expect(unplaced.error).toMatchObject({ code: 'P0001', hint: 'no_place' });
	});
});

describe('radar alerts', () => {
	async function alertsOf(member: Member) {
		const { rows } = await database().query(
			'select min_people, radius_km, fired_at from public.radar_alerts where profile_id = $1 order by created_at',
			[member.id]
		);
		return rows;
	}

	it('are their owner’s alone to read and remove', async () => {
		const made = await people.fine.client
			.from('radar_alerts')
			.insert({ min_people: 4, radius_km: 40 })
			.select('id, profile_id, min_people, radius_km, fired_at')
			.single();
		expect(made.data).toMatchObject({ profile_id: people.fine.id, fired_at: null });
		const read = await seeker.client.from('radar_alerts').select('id').eq('id', made.data!.id);
		expect(read.data).toEqual([]);
		const removed = await seeker.client
			.from('radar_alerts')
			.delete()
			.eq('id', made.data!.id)
			.select('id');
		expect(removed.data).toEqual([]);
		expect(await alertsOf(people.fine)).toHaveLength(1);
		const own = await people.fine.client.from('radar_alerts').delete().eq('id', made.data!.id);
		expect(own.error).toBeNull();
		expect(await alertsOf(people.fine)).toEqual([]);
	});

	it('cannot be made for someone else, marked fired, or changed', async () => {
		const forOther = await seeker.client
			.from('radar_alerts')
			.insert({ profile_id: people.public.id, min_people: 2, radius_km: 50 });
		expect(forOther.error?.code).toBe('42501');
		const fired = await seeker.client
			.from('radar_alerts')
			.insert({ min_people: 2, radius_km: 50, fired_at: new Date().toISOString() });
		expect(fired.error?.code).toBe('42501');
		expect(await alertsOf(people.public)).toEqual([]);
		const anonymous = await anonymousClient()
			.from('radar_alerts')
			.insert({ min_people: 2, radius_km: 50 });
		expect(anonymous.error?.code).toBe('42501');
	});

	it.each([
		[1, 50],
		[51, 50],
		[2, 9],
		[2, 201]
	])('refuses at least %i people within %i km', async (min_people, radius_km) => {
		const { error } = await people.far.client
			.from('radar_alerts')
			.insert({ min_people, radius_km });
		expect(error?.code).toBe('23514');
	});

	it('keeps five waiting at most, also when two are asked for at once', async () => {
		// Not on the map, so not on anyone's radar in the next test.
		const owner = await person('alerts', undefined, {});
		for (let i = 0; i < 4; i++) {
			const { error } = await owner.client
				.from('radar_alerts')
				.insert({ min_people: 10 + i, radius_km: 50 });
			expect(error).toBeNull();
		}
		const insert: [string, unknown[]] = [
			'insert into public.radar_alerts (min_people, radius_km) values (20, 50)',
			[]
		];
		const [fifth, sixth] = await overlapping(owner, insert, insert);
		expect(fifth).toBeNull();
		expect(sixth?.message).toBe('You have five alerts waiting already: remove one first.');
		const seventh = await owner.client
			.from('radar_alerts')
			.insert({ min_people: 2, radius_km: 50 });
		expect(refusal(seventh)).toEqual({
			code: 'P0001',
			message: 'You have five alerts waiting already: remove one first.'
		});
		expect(await alertsOf(owner)).toHaveLength(5);
	});

	it('fires once, as a notification, counting only the people its owner may see', async () => {
		const made = await seeker.client.from('radar_alerts').insert({ min_people: 3, radius_km: 50 });
		expect(made.error).toBeNull();
		const service = serviceClient();
		const radarAlerts = async () => {
			const { data } = await seeker.client
				.from('notifications')
				.select('kind, body, actor_name')
				.eq('kind', 'radar_alert');
			return data;
		};

		// Two seen, four more hidden from the seeker nearby: not yet.
		expect((await service.rpc('fire_radar_alerts')).error).toBeNull();
		expect(await radarAlerts()).toEqual([]);

		await joinThroughRequest(crew, people.crewmates, seeker);
		for (let i = 0; i < 2; i++) expect((await service.rpc('fire_radar_alerts')).error).toBeNull();
		expect(await radarAlerts()).toEqual([
			{
				kind: 'radar_alert',
				body: '3 people open to crewing are within 50 km of you.',
				actor_name: null
			}
		]);
		expect(await alertsOf(seeker)).toEqual([
			{ min_people: 3, radius_km: 50, fired_at: expect.any(Date) }
		]);
	});
});
