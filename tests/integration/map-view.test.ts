import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { listMapView } from '../../src/lib/server/map-data';
import type { PlaceCount, MapItems, MapViewData } from '../../src/lib/map/map-items';
import {
	ANONYMOUS_FINEST_CELL_LENGTH,
	CELL_LENGTH,
	groundTruth,
	practitionersNamedWith
} from '../support/privacy';
import { anonymousClient, signUpMember, type Client, type Member } from '../support/supabase';

/**
 * The map's view function, map_view (issue 5): for a box and a zoom, every item the caller may
 * see when few match, counts by place when many, and neither ever says more than the items
 * would (DESIGN.md section 3). Everyone here lives in Madagascar, which no other test file uses,
 * around Antananarivo and one in Toamasina, plus one in Fiji on the antimeridian (members only,
 * so ../integration/map-data's Fiji keeps its public cells). Every request searches for this
 * run's token, so people from other files in the same box never count.
 */

const token = `mg${randomUUID().slice(0, 6)}`;
/** A practitioner named with this run's token. */
const person = practitionersNamedWith(token);

/** Madagascar, wide enough for the coarsest cell an anonymous visitor could get here. */
const madagascar = { min_lat: -26, min_lng: 42, max_lat: -11, max_lng: 51 };

let ana: Member; // public, neighbourhood, open to crewing
let bo: Member; // public, town, open to mentoring
let cy: Member; // public, area
let dee: Member; // members only, neighbourhood
let eli: Member; // only me
let fay: Member; // crewmates, and shares no crew with the viewer
let gus: Member; // public, area, has blocked the viewer
let hal: Member; // public, never finished onboarding
let jo: Member; // public, area, alone in Toamasina: too few there for an area or region cell
let ivy: Member; // members only, town, in Labasa, Fiji (179.4° E)
let viewer: Member;

beforeAll(async () => {
	viewer = await signUpMember('mg-viewer');
	// One at a time: each placement republishes the country's public cells.
	ana = await person(
		'Ana',
		{ lat: -18.91, lng: 47.52 },
		{ precision: 'neighbourhood', open_to: ['crewing'] }
	);
	bo = await person(
		'Bo',
		{ lat: -18.915, lng: 47.525 },
		{ precision: 'town', open_to: ['mentoring'] }
	);
	cy = await person('Cy', { lat: -18.905, lng: 47.53 }, { precision: 'area' });
	dee = await person(
		'Dee',
		{ lat: -18.92, lng: 47.52 },
		{ visibility: 'members', precision: 'neighbourhood' }
	);
	eli = await person(
		'Eli',
		{ lat: -18.91, lng: 47.53 },
		{ visibility: 'only_me', precision: 'neighbourhood' }
	);
	fay = await person(
		'Fay',
		{ lat: -18.91, lng: 47.525 },
		{ visibility: 'crewmates', precision: 'area' }
	);
	gus = await person('Gus', { lat: -18.912, lng: 47.522 }, { precision: 'area' });
	hal = await person('Hal', { lat: -18.91, lng: 47.52 }, { precision: 'area', onboarded_at: null });
	jo = await person('Jo', { lat: -18.15, lng: 49.4 }, { precision: 'area' });
	ivy = await person(
		'Ivy',
		{ lat: -16.43, lng: 179.38 },
		{ visibility: 'members', precision: 'town' }
	);
	const blocked = await gus.client.from('blocks').insert({ blocked_id: viewer.id });
	if (blocked.error) throw blocked.error;
});

interface ViewArgs {
	min_lat: number;
	min_lng: number;
	max_lat: number;
	max_lng: number;
	zoom: number;
	max_items: number;
	filters: Record<string, unknown>;
}

/** map_view over Madagascar at zoom 6 for this run's people, with any argument replaced. */
async function mapView(client: Client, args: Partial<ViewArgs> = {}): Promise<MapViewData> {
	const { data, error } = await client.rpc('map_view', {
		...madagascar,
		zoom: 6,
		...args,
		filters: { q: token, ...args.filters } as never
	});
	if (error) throw error;
	return data as unknown as MapViewData;
}

/** The same box through map_items, to compare with. */
async function mapItems(client: Client): Promise<MapItems> {
	const { data, error } = await client.rpc('map_items', {
		...madagascar,
		filters: { q: token }
	});
	if (error) throw error;
	return data as unknown as MapItems;
}

const idsOf = (items: { id: string }[]) => items.map((item) => item.id).sort();
const ids = (...members: Member[]) => members.map((member) => member.id).sort();
const counted = (counts: PlaceCount[]) => counts.reduce((sum, count) => sum + count[2], 0);

describe('map_view with few matches, for an anonymous visitor', () => {
	it('lists only public people, at their public cells, never finer than the area', async () => {
		const view = await mapView(anonymousClient());
		expect(view).toMatchObject({ total: 5, detail: 'items', counts: [] });
		expect(idsOf(view.items)).toEqual(ids(ana, bo, cy, gus, jo));
		for (const item of view.items) {
			const truth = await groundTruth(item.id);
			expect(item.cell.length).toBeLessThanOrEqual(ANONYMOUS_FINEST_CELL_LENGTH);
			expect(item.cell).toBe(truth?.public_cell);
			expect([item.lat, item.lng]).toEqual([truth?.public_lat, truth?.public_lng]);
			expect(item.place_label).toBe(truth?.public_place_label);
		}
	});

	it('does not single out the lone person in Toamasina: they get the country’s cell', async () => {
		const { items } = await mapView(anonymousClient());
		const lone = items.find((item) => item.id === jo.id);
		expect(lone?.cell).toHaveLength(CELL_LENGTH.country);
		expect((await groundTruth(jo.id))?.published_cell).toHaveLength(CELL_LENGTH.area);
	});

	it('gives the same items as map_items, in the same order', async () => {
		const client = anonymousClient();
		expect((await mapView(client)).items).toEqual((await mapItems(client)).items);
	});
});

describe('map_view with few matches, for a member', () => {
	it('lists everyone shared with members at the owner’s precision, nobody blocked or private', async () => {
		const view = await mapView(viewer.client);
		expect(view).toMatchObject({ total: 5, detail: 'items', counts: [] });
		expect(idsOf(view.items)).toEqual(ids(ana, bo, cy, dee, jo));
		for (const item of view.items) {
			const truth = await groundTruth(item.id);
			expect(item.cell).toBe(truth?.published_cell);
			expect([item.lat, item.lng]).toEqual([truth?.published_lat, truth?.published_lng]);
			expect(item.place_label).toBe(truth?.place_label);
		}
		expect(view.items.find((item) => item.id === ana.id)?.cell).toHaveLength(
			CELL_LENGTH.neighbourhood
		);
	});

	it('gives the same items as map_items, in the same order', async () => {
		expect((await mapView(viewer.client)).items).toEqual((await mapItems(viewer.client)).items);
	});

	it('shows the blocker to everyone but the person they blocked', async () => {
		const other = await signUpMember('mg-other');
		expect(idsOf((await mapView(other.client)).items)).toEqual(ids(ana, bo, cy, dee, gus, jo));
	});

	it('shows an only-me person to themselves alone', async () => {
		const own = await mapView(eli.client);
		expect(idsOf(own.items)).toEqual(ids(ana, bo, cy, dee, eli, gus, jo));
		expect(own.items.find((item) => item.id === eli.id)?.cell).toBe(
			(await groundTruth(eli.id))?.published_cell
		);
	});
});

describe('map_view for anyone but the owner', () => {
	it('never holds people who share with crewmates only, with nobody, or have not finished onboarding', async () => {
		for (const client of [anonymousClient(), viewer.client, ana.client]) {
			const listed = idsOf((await mapView(client)).items);
			for (const hidden of [fay, hal, eli]) expect(listed).not.toContain(hidden.id);
		}
	});
});

describe('map_view with many matches', () => {
	it('counts an anonymous visitor only the public people, at their public points', async () => {
		const view = await mapView(anonymousClient(), { max_items: 0 });
		expect(view).toMatchObject({ total: 5, detail: 'counts', items: [] });
		// At zoom 6 a group is a zoom-11 tile, an area cell: one group per public cell, placed at
		// it and counting exactly the public people in it.
		const expected = new Map<string, PlaceCount>();
		for (const member of [ana, bo, cy, gus, jo]) {
			const truth = await groundTruth(member.id);
			const cell = truth?.public_cell ?? '';
			const group = expected.get(cell);
			if (group) group[2] += 1;
			else expected.set(cell, [truth?.public_lat ?? NaN, truth?.public_lng ?? NaN, 1, 0, 0, 0]);
		}
		const inCellOrder = [...expected.entries()]
			.sort(([a], [b]) => (a < b ? -1 : 1))
			.map(([, group]) => group);
		expect(view.counts).toHaveLength(inCellOrder.length);
		inCellOrder.forEach(([lat, lng, ...counts], index) => {
			const [groupLat, groupLng, ...groupCounts] = view.counts[index];
			expect(groupLat).toBeCloseTo(lat, 5);
			expect(groupLng).toBeCloseTo(lng, 5);
			expect(groupCounts).toEqual(counts);
		});
	});

	it('counts the four around Antananarivo as one area cell for an anonymous visitor', async () => {
		const { counts } = await mapView(anonymousClient(), { max_items: 0 });
		expect(counts.map((count) => count[2]).sort()).toEqual([1, 4]);
	});

	it('counts as many as the items list, for every audience', async () => {
		for (const client of [anonymousClient(), viewer.client, eli.client]) {
			const listed = await mapView(client);
			const grouped = await mapView(client, { max_items: 0 });
			expect(grouped.total).toBe(listed.items.length);
			expect(counted(grouped.counts)).toBe(grouped.total);
		}
	});

	it('never counts the blocker to the person they blocked', async () => {
		const { total, counts } = await mapView(viewer.client, { max_items: 0, zoom: 0 });
		expect(total).toBe(5);
		expect(counted(counts)).toBe(5);
	});

	it('places each group among the points of the people it counts', async () => {
		const { items } = await mapView(viewer.client);
		const lats = items.map((item) => item.lat);
		const lngs = items.map((item) => item.lng);
		for (const zoom of [0, 3, 6, 9, 12]) {
			const { counts } = await mapView(viewer.client, { max_items: 0, zoom });
			for (const [lat, lng] of counts) {
				expect(lat).toBeGreaterThanOrEqual(Math.min(...lats) - 1e-5);
				expect(lat).toBeLessThanOrEqual(Math.max(...lats) + 1e-5);
				expect(lng).toBeGreaterThanOrEqual(Math.min(...lngs) - 1e-5);
				expect(lng).toBeLessThanOrEqual(Math.max(...lngs) + 1e-5);
			}
		}
	});

	it('splits into more places, never fewer, as the zoom goes up', async () => {
		const sizes: number[] = [];
		for (const zoom of [0, 4, 8, 10, 24]) {
			const { counts } = await mapView(viewer.client, { max_items: 0, zoom });
			expect(counted(counts)).toBe(5);
			sizes.push(counts.length);
		}
		expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
		// Deep enough, each published cell is a place of its own.
		const { items } = await mapView(viewer.client);
		expect(sizes.at(-1)).toBe(new Set(items.map((item) => item.cell)).size);
		expect(sizes.at(-1)).toBeGreaterThan(sizes[0]);
	});

	it('switches to counts by place exactly when more match than max_items', async () => {
		expect(await mapView(viewer.client, { max_items: 5 })).toMatchObject({
			total: 5,
			detail: 'items'
		});
		const over = await mapView(viewer.client, { max_items: 4 });
		expect(over).toMatchObject({ total: 5, detail: 'counts', items: [] });
		expect(counted(over.counts)).toBe(5);
	});

	it('gives counts, none, for nothing matched with max_items 0', async () => {
		expect(
			await mapView(viewer.client, { max_items: 0, filters: { q: `${token} nobody` } })
		).toEqual({ total: 0, detail: 'counts', items: [], counts: [] });
	});
});

describe('map_view filters and boxes', () => {
	it.each([
		['open to', { open_to: ['crewing'] }, () => [ana]],
		['a part of a name', { q: `${token} bo` }, () => [bo]]
	] as [string, Record<string, unknown>, () => Member[]][])(
		'narrow both lists and counts: %s',
		async (_, filters, expected) => {
			const listed = await mapView(viewer.client, { filters });
			expect(idsOf(listed.items)).toEqual(ids(...expected()));
			const grouped = await mapView(viewer.client, { filters, max_items: 0 });
			expect(grouped.total).toBe(expected().length);
			expect(counted(grouped.counts)).toBe(expected().length);
		}
	);

	it('reaches across the antimeridian when west is east of east', async () => {
		const fiji = { min_lat: -20, max_lat: -10 };
		const across = await mapView(viewer.client, { ...fiji, min_lng: 170, max_lng: -170 });
		expect(idsOf(across.items)).toEqual(ids(ivy));
		const grouped = await mapView(viewer.client, {
			...fiji,
			min_lng: 170,
			max_lng: -170,
			max_items: 0
		});
		expect(counted(grouped.counts)).toBe(1);
		const westOnly = await mapView(viewer.client, { ...fiji, min_lng: -180, max_lng: -170 });
		expect(westOnly.total).toBe(0);
	});

	it.each([
		['a box upside down', { min_lat: -11, max_lat: -26 }],
		['a box with an edge missing', { min_lng: null }],
		['zoom below 0', { zoom: -1 }],
		['zoom past 24', { zoom: 25 }],
		['no zoom', { zoom: null }],
		['max_items below 0', { max_items: -1 }],
		['max_items past 50000', { max_items: 50001 }],
		['a filter of the wrong type', { filters: { open_to: 'crewing' } }]
	])('refuses %s', async (_, args) => {
		const { error } = await viewer.client.rpc('map_view', {
			...madagascar,
			zoom: 6,
			...args
		} as never);
		expect(error?.code).toBe('22023');
	});
});

describe('the app’s data module', () => {
	it('asks map_view for a [west, south, east, north] box at the whole zoom below', async () => {
		const bounds: [number, number, number, number] = [
			madagascar.min_lng,
			madagascar.min_lat,
			madagascar.max_lng,
			madagascar.max_lat
		];
		const filters = { q: token };
		const view = await listMapView(viewer.client, { bounds, zoom: 6.9, filters, maxItems: 0 });
		expect(view).toEqual(await mapView(viewer.client, { zoom: 6, max_items: 0 }));
		expect(await listMapView(viewer.client, { bounds, zoom: 30, filters })).toMatchObject({
			total: 5,
			detail: 'items'
		});
	});
});
