import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noGroupOrGatheringFields } from '../../src/lib/map/factories';
import type { MapItem, MapItems, MapViewData } from '../../src/lib/map/map-items';
import { createGathering, createGroup, joinGroup } from '../support/groups';
import { database, practitionerAt } from '../support/privacy';
import { anonymousClient, signUpMember, type Client, type Member } from '../support/supabase';

/**
 * Crews, congregations and gatherings on the map (issue 5): map_view and map_items give them
 * beside practitioners, with their seats, status and dates, never a closed group or an ended
 * gathering, to the audiences their visibility names. Everything here is around Maputo,
 * Mozambique, which no other test file uses, and named with this run's token; groups and
 * gatherings are arranged as the database's superuser (see ../support/groups).
 */

const token = `mz${randomUUID().slice(0, 6)}`;
const maputo = { lat: -25.9692, lng: 32.5732 };
/** Southern Mozambique: wide enough for every cell here. */
const box = { min_lat: -28, min_lng: 30, max_lat: -20, max_lng: 36 };

let viewer: Member;
let joiners: Member[];
let pat: Member; // a public practitioner open to mentoring; alone in the country, so not public

type CrewArrangement = Pick<Parameters<typeof createGroup>[0], 'name' | 'status' | 'visibility'> & {
	sizeLimit: number;
	/** How many of the joiners are members. */
	joiners: number;
};
type GatheringArrangement = Pick<
	Parameters<typeof createGathering>[0],
	'kind' | 'name' | 'visibility'
> & { days: [starts: number, ends: number] };

/** The crews, public unless told otherwise, meeting in Maputo's town cell. */
const crews = {
	openCrew: { name: 'Open Crew', status: 'open', sizeLimit: 6, joiners: 2 },
	fullCrew: { name: 'Full Crew', status: 'full', sizeLimit: 3, joiners: 3 },
	pausedCrew: { name: 'Paused Crew', status: 'paused', sizeLimit: 5, joiners: 1 },
	formingCrew: {
		name: 'Forming Crew',
		status: 'forming',
		sizeLimit: 4,
		joiners: 1,
		visibility: 'members'
	},
	closedCrew: { name: 'Closed Crew', status: 'closed', sizeLimit: 4, joiners: 1 }
} satisfies Record<string, CrewArrangement>;

/** The gatherings, public unless told otherwise, in Maputo's area cell, `days` from now. */
const gatherings = {
	camp: { kind: 'camp', name: 'Camp', days: [10, 12] },
	call: { kind: 'call', name: 'Call', days: [40, 40.05], visibility: 'members' },
	ongoing: { kind: 'regional_gathering', name: 'Ongoing Gathering', days: [-1, 1] },
	ended: { kind: 'camp', name: 'Ended Gathering', days: [-3, -1] }
} satisfies Record<string, GatheringArrangement>;

/** A table's rows with their keys, typed as the table was written. */
const entries = <Key extends string, Row>(table: Record<Key, Row>) =>
	Object.entries(table) as [Key, Row][];

const ids = {} as Record<'congregation' | keyof typeof crews | keyof typeof gatherings, string>;

beforeAll(async () => {
	[viewer, pat, ...joiners] = await Promise.all([
		signUpMember('mz-viewer'),
		practitionerAt(`${token}-pat`, maputo, { precision: 'town' }),
		...[1, 2, 3, 4].map((n) => signUpMember(`mz-joiner-${n}`))
	]);
	await database().query('update public.profiles set open_to = $2 where id = $1', [
		pat.id,
		['mentoring']
	]);
	ids.congregation = await createGroup({
		kind: 'congregation',
		name: `${token} Maputo Congregation`,
		visibility: 'public',
		at: maputo
	});
	for (const [key, crew] of entries<keyof typeof crews, CrewArrangement>(crews)) {
		ids[key] = await createGroup({
			kind: 'crew',
			name: `${token} ${crew.name}`,
			// The search by purpose finds the full crew alone.
			purpose: key === 'fullCrew' ? `Weaving ${token}zz baskets` : '',
			status: crew.status,
			sizeLimit: crew.sizeLimit,
			congregationId: key === 'openCrew' ? ids.congregation : null,
			visibility: crew.visibility ?? 'public',
			at: maputo
		});
		await joinGroup(ids[key], ...joiners.slice(0, crew.joiners));
	}
	for (const [key, gathering] of entries<keyof typeof gatherings, GatheringArrangement>(
		gatherings
	)) {
		ids[key] = await createGathering({
			kind: gathering.kind,
			name: `${token} ${gathering.name}`,
			startsInDays: gathering.days[0],
			endsInDays: gathering.days[1],
			timeZone: 'Africa/Maputo',
			capacity: 40,
			visibility: gathering.visibility ?? 'public',
			at: maputo,
			precision: 'area'
		});
	}
});

afterAll(async () => {
	await database().query('delete from public.gatherings where name like $1', [`${token} %`]);
	await database().query('delete from public.groups where name like $1', [`${token} %`]);
});

async function mapView(
	client: Client,
	args: { zoom?: number; max_items?: number; filters?: Record<string, unknown> } = {}
): Promise<MapViewData> {
	const { data, error } = await client.rpc('map_view', {
		...box,
		zoom: args.zoom ?? 6,
		max_items: args.max_items,
		filters: { q: token, ...args.filters } as never
	});
	if (error) throw error;
	return data as unknown as MapViewData;
}

async function mapItems(client: Client, filters: Record<string, unknown> = {}): Promise<MapItems> {
	const { data, error } = await client.rpc('map_items', {
		...box,
		filters: { q: token, ...filters } as never
	});
	if (error) throw error;
	return data as unknown as MapItems;
}

const idsOf = (items: { id: string }[]) => items.map((item) => item.id).sort();
const pick = (...names: (keyof typeof ids)[]) => names.map((name) => ids[name]).sort();
const byId = (items: MapItem[], id: string) => items.find((item) => item.id === id);

describe('for a member', () => {
	it('lists every open crew, congregation and upcoming gathering beside the people', async () => {
		const { items, total } = await mapView(viewer.client);
		expect(idsOf(items)).toEqual(
			[
				...pick(
					'congregation',
					'openCrew',
					'fullCrew',
					'pausedCrew',
					'formingCrew',
					'camp',
					'call',
					'ongoing'
				),
				pat.id
			].sort()
		);
		expect(total).toBe(9);
	});

	it('never lists a closed group or a gathering that has ended', async () => {
		const listed = idsOf((await mapItems(viewer.client)).items);
		expect(listed).not.toContain(ids.closedCrew);
		expect(listed).not.toContain(ids.ended);
	});

	it('gives seats only to forming and open groups with a size limit', async () => {
		const { items } = await mapView(viewer.client);
		const seats = Object.fromEntries(
			(['openCrew', 'fullCrew', 'pausedCrew', 'formingCrew', 'congregation'] as const).map(
				(name) => [name, byId(items, ids[name])?.seats_open]
			)
		);
		expect(seats).toEqual({
			openCrew: 4,
			fullCrew: null,
			pausedCrew: null,
			formingCrew: 3,
			congregation: null
		});
	});

	it('describes a group by its kind, status, size and published area', async () => {
		const { items } = await mapView(viewer.client);
		const { rows } = await database().query(
			'select area_cell, area_lat, area_lng, area_label from public.groups where id = $1',
			[ids.openCrew]
		);
		expect(byId(items, ids.openCrew)).toEqual({
			kind: 'crew',
			id: ids.openCrew,
			name: `${token} Open Crew`,
			lat: rows[0].area_lat,
			lng: rows[0].area_lng,
			cell: rows[0].area_cell,
			place_label: rows[0].area_label,
			open_to: [],
			practices: [],
			pathway_stage: null,
			languages: [],
			status: 'open',
			size_limit: 6,
			seats_open: 4,
			starts_at: null,
			ends_at: null,
			time_zone: null,
			gathering_kind: null
		});
		expect(rows[0].area_cell).toHaveLength(13);
		expect(rows[0].area_label).toMatch(/^near .+, MZ$/);
		expect(byId(items, ids.congregation)).toMatchObject({
			kind: 'congregation',
			status: 'open',
			size_limit: null
		});
	});

	it('dates a gathering in its time zone', async () => {
		const { items } = await mapView(viewer.client);
		const { rows } = await database().query<{ starts_at: Date; ends_at: Date }>(
			'select starts_at, ends_at from public.gatherings where id = $1',
			[ids.camp]
		);
		const camp = byId(items, ids.camp)!;
		expect(camp).toMatchObject({
			kind: 'gathering',
			gathering_kind: 'camp',
			time_zone: 'Africa/Maputo',
			status: null,
			seats_open: null,
			open_to: []
		});
		expect(new Date(camp.starts_at!).getTime()).toBe(rows[0].starts_at.getTime());
		expect(new Date(camp.ends_at!).getTime()).toBe(rows[0].ends_at.getTime());
		expect(camp.cell).toHaveLength(11);
	});

	it('gives people null group and gathering fields', async () => {
		const person = byId((await mapView(viewer.client)).items, pat.id);
		expect(person).toMatchObject({
			kind: 'practitioner',
			open_to: ['mentoring'],
			...noGroupOrGatheringFields
		});
	});

	it('gives the same items as map_items, in cell then id order', async () => {
		const { items } = await mapView(viewer.client);
		expect(items).toEqual((await mapItems(viewer.client)).items);
		const keys = items.map((item) => `${item.cell} ${item.id}`);
		expect(keys).toEqual([...keys].sort());
	});
});

describe('for an anonymous visitor', () => {
	it('lists the public groups and gatherings only', async () => {
		const { items, total } = await mapView(anonymousClient());
		expect(idsOf(items)).toEqual(
			pick('congregation', 'openCrew', 'fullCrew', 'pausedCrew', 'camp', 'ongoing')
		);
		expect(total).toBe(6);
		expect(idsOf((await mapItems(anonymousClient())).items)).toEqual(idsOf(items));
	});
});

describe('counts by place', () => {
	const sum = (places: MapViewData['counts']) =>
		places.reduce(
			(totals, [, , ...counts]) => totals.map((total, kind) => total + counts[kind]),
			[0, 0, 0, 0]
		);

	it('count each kind apart, for a member', async () => {
		const view = await mapView(viewer.client, { max_items: 0 });
		expect(view).toMatchObject({ detail: 'counts', total: 9, items: [] });
		// practitioners, crews, congregations, gatherings
		expect(sum(view.counts)).toEqual([1, 4, 1, 3]);
	});

	it('count only what an anonymous visitor may see', async () => {
		const view = await mapView(anonymousClient(), { max_items: 0, zoom: 0 });
		expect(view.total).toBe(6);
		expect(sum(view.counts)).toEqual([0, 3, 1, 2]);
	});
});

describe('filters', () => {
	it('within_days keeps the gatherings that start in time, and everything else', async () => {
		const month = idsOf((await mapView(viewer.client, { filters: { within_days: 30 } })).items);
		expect(month).toContain(ids.camp);
		expect(month).toContain(ids.ongoing);
		expect(month).not.toContain(ids.call);
		for (const kept of [ids.openCrew, ids.congregation, pat.id]) expect(month).toContain(kept);

		const day = await mapItems(viewer.client, { within_days: 1 });
		expect(day.items.filter((item) => item.kind === 'gathering').map((item) => item.id)).toEqual([
			ids.ongoing
		]);
	});

	it.each([0, 3661, 1.5, '7', [7]])('refuses within_days %j', async (within_days) => {
		const filters = { q: token, within_days } as never;
		const view = await viewer.client.rpc('map_view', { ...box, zoom: 6, filters });
		const items = await viewer.client.rpc('map_items', { ...box, filters });
		expect(view.error?.code).toBe('22023');
		expect(items.error?.code).toBe('22023');
	});

	it('takes a null within_days as no filter', async () => {
		const { items } = await mapView(viewer.client, { filters: { within_days: null } });
		expect(idsOf(items)).toContain(ids.call);
	});

	it('q finds groups and gatherings by name, and groups by purpose', async () => {
		expect(
			idsOf((await mapView(viewer.client, { filters: { q: `${token} open` } })).items)
		).toEqual(pick('openCrew'));
		expect(
			idsOf((await mapView(viewer.client, { filters: { q: `${token} camp` } })).items)
		).toEqual(pick('camp'));
		expect(idsOf((await mapView(viewer.client, { filters: { q: `${token}zz` } })).items)).toEqual(
			pick('fullCrew')
		);
	});

	it('person filters narrow people only', async () => {
		const { items } = await mapView(viewer.client, { filters: { open_to: ['crewing'] } });
		expect(idsOf(items)).not.toContain(pat.id);
		expect(items.filter((item) => item.kind !== 'practitioner')).toHaveLength(8);
		const mentors = await mapView(viewer.client, { filters: { open_to: ['mentoring'] } });
		expect(idsOf(mentors.items)).toContain(pat.id);
	});
});
