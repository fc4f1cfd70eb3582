import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { listDirectoryPage, listMapItems } from '../../src/lib/server/map-data';
import type { DirectoryEntry } from '../../src/lib/directory/types';
import type { MapItem, MapItems } from '../../src/lib/map/map-items';
import {
	ANONYMOUS_FINEST_CELL_LENGTH,
	CELL_LENGTH,
	DISTANCE_STEP_KM,
	cellBounds,
	distanceKm,
	groundTruth,
	practitionersNamedWith,
	type Point
} from '../support/privacy';
import { anonymousClient, signUpMember, type Client, type Member } from '../support/supabase';

/**
 * The map's and the directory's data functions, map_items and directory_page, per audience
 * (DESIGN.md section 3, issue 5): anonymous visitors get public cells only, members the owner's
 * precision, filters narrow both, nothing is cut short without saying so, and blocked or
 * only-me people never appear. Everyone here lives around Lusaka, Zambia (and one in Fiji),
 * countries no other test file uses, with a name that starts with this run's token so the
 * directory's search finds them alone.
 */

const token = `zm${randomUUID().slice(0, 6)}`;
/** A practitioner named with this run's token. */
const person = practitionersNamedWith(token);

const lusaka: Point = { lat: -15.4166, lng: 28.2833 };
/** Around Lusaka, wide enough for the coarsest cell an anonymous visitor could get here. */
const lusakaBox = { min_lat: -18, min_lng: 26, max_lat: -13, max_lng: 31 };

let amara: Member; // public, neighbourhood; crewing, facilitation, hosting, Bemba and English, bees
let bwalya: Member; // public, town; mentoring, crewing practice, curious, english
let chanda: Member; // public, area; practising, Nyanja
let daliso: Member; // members only
let emeli: Member; // only me
let fumbani: Member; // public, and has blocked the viewer
let viliame: Member; // members only, in Suva, Fiji: east of the antimeridian's west side
let viewer: Member;

beforeAll(async () => {
	viewer = await signUpMember('zm-viewer');
	amara = await person(
		`Amara`,
		{ lat: -15.41, lng: 28.28 },
		{
			visibility: 'public',
			precision: 'neighbourhood',
			open_to: ['crewing'],
			practices: ['facilitation'],
			pathway_stage: 'hosting',
			languages: ['Bemba', 'English'],
			interests: ['Beekeeping']
		}
	);
	bwalya = await person(
		`Bwalya`,
		{ lat: -15.42, lng: 28.29 },
		{
			visibility: 'public',
			precision: 'town',
			open_to: ['mentoring'],
			practices: ['crewing'],
			pathway_stage: 'curious',
			languages: ['english']
		}
	);
	chanda = await person(
		`Chanda`,
		{ lat: -15.4, lng: 28.27 },
		{ visibility: 'public', precision: 'area', pathway_stage: 'practising', languages: ['Nyanja'] }
	);
	daliso = await person(
		`Daliso`,
		{ lat: -15.43, lng: 28.3 },
		{ visibility: 'members', precision: 'neighbourhood' }
	);
	emeli = await person(
		`Emeli`,
		{ lat: -15.41, lng: 28.29 },
		{ visibility: 'only_me', precision: 'neighbourhood' }
	);
	fumbani = await person(`Fumbani`, { lat: -15.405, lng: 28.285 }, { precision: 'area' });
	const blocked = await fumbani.client.from('blocks').insert({ blocked_id: viewer.id });
	if (blocked.error) throw blocked.error;
	viliame = await person(
		`Viliame`,
		{ lat: -18.14, lng: 178.44 },
		{ visibility: 'members', precision: 'town' }
	);
});

async function mapItems(
	client: Client,
	args: Partial<{
		min_lat: number;
		min_lng: number;
		max_lat: number;
		max_lng: number;
		max_items: number;
		filters: Record<string, unknown>;
	}> = {}
): Promise<MapItems> {
	const { data, error } = await client.rpc('map_items', {
		...lusakaBox,
		...args,
		filters: (args.filters ?? {}) as never
	});
	if (error) throw error;
	return data as unknown as MapItems;
}

async function directoryPage(
	client: Client,
	args: Partial<{
		page: number;
		page_size: number;
		sort: string;
		near_lat: number;
		near_lng: number;
		filters: Record<string, unknown>;
	}> = {}
): Promise<{ total: number; items: DirectoryEntry[] }> {
	const { data, error } = await client.rpc('directory_page', {
		...args,
		filters: { q: token, ...args.filters } as never
	});
	if (error) throw error;
	return data as unknown as { total: number; items: DirectoryEntry[] };
}

const idsOf = (items: { id: string }[]) => items.map((item) => item.id).sort();
const ids = (...members: Member[]) => members.map((member) => member.id).sort();
const ours = (items: MapItem[]) =>
	items.filter((item) =>
		[amara, bwalya, chanda, daliso, emeli, fumbani, viliame].some(({ id }) => id === item.id)
	);

describe('map_items for an anonymous visitor', () => {
	it('holds only public people, at their public cells, never finer than the area', async () => {
		const { items, total, truncated } = await mapItems(anonymousClient());
		const mine = ours(items);
		expect(idsOf(mine)).toEqual(ids(amara, bwalya, chanda, fumbani));
		expect(truncated).toBe(false);
		expect(total).toBe(items.length);
		for (const item of mine) {
			const truth = await groundTruth(item.id);
			expect(item.kind).toBe('practitioner');
			expect(item.cell.length).toBeLessThanOrEqual(ANONYMOUS_FINEST_CELL_LENGTH);
			expect(item.cell).toBe(truth?.public_cell);
			expect([item.lat, item.lng]).toEqual([truth?.public_lat, truth?.public_lng]);
			expect(item.place_label).toBe(truth?.public_place_label);
		}
		// Amara chose neighbourhood precision: the anonymous cell is not hers.
		const amaraItem = mine.find((item) => item.id === amara.id);
		expect(amaraItem?.cell).not.toBe((await groundTruth(amara.id))?.published_cell);
	});

	it('gives the fields the map filters and cards need', async () => {
		const { items } = await mapItems(anonymousClient(), { filters: { q: `${token} amara` } });
		expect(items).toEqual([
			expect.objectContaining({
				kind: 'practitioner',
				id: amara.id,
				name: `${token} Amara`,
				open_to: ['crewing'],
				practices: ['facilitation'],
				pathway_stage: 'hosting',
				languages: ['Bemba', 'English']
			})
		]);
	});
});

describe('map_items for a member', () => {
	it('holds everyone shared with members at the owner’s precision, and nobody blocked or private', async () => {
		const { items } = await mapItems(viewer.client);
		const mine = ours(items);
		expect(idsOf(mine)).toEqual(ids(amara, bwalya, chanda, daliso));
		for (const item of mine) {
			const truth = await groundTruth(item.id);
			expect(item.cell).toBe(truth?.published_cell);
			expect([item.lat, item.lng]).toEqual([truth?.published_lat, truth?.published_lng]);
			expect(item.place_label).toBe(truth?.place_label);
		}
		expect(mine.find((item) => item.id === amara.id)?.cell).toHaveLength(CELL_LENGTH.neighbourhood);
	});

	it('shows the blocker to everyone but the person they blocked', async () => {
		const other = await signUpMember('zm-other');
		expect(idsOf(ours((await mapItems(other.client)).items))).toContain(fumbani.id);
		expect(idsOf(ours((await mapItems(viewer.client)).items))).not.toContain(fumbani.id);
	});

	it('reaches across the antimeridian when west is east of east', async () => {
		const across = await mapItems(viewer.client, {
			min_lat: -25,
			max_lat: -10,
			min_lng: 170,
			max_lng: -170
		});
		expect(idsOf(ours(across.items))).toEqual(ids(viliame));
		const westOnly = await mapItems(viewer.client, {
			min_lat: -25,
			max_lat: -10,
			min_lng: -180,
			max_lng: -170
		});
		expect(idsOf(ours(westOnly.items))).toEqual([]);
	});
});

describe('map_items filters', () => {
	const cases: [string, Record<string, unknown>, () => Member[]][] = [
		['open to any of', { open_to: ['crewing', 'hosting_a_crew'] }, () => [amara]],
		['practices any of', { practices: ['crewing', 'mentoring'] }, () => [bwalya]],
		['pathway stage any of', { pathway_stage: ['curious', 'practising'] }, () => [bwalya, chanda]],
		['languages, ignoring case', { languages: ['ENGLISH'] }, () => [amara, bwalya]],
		['an interest, ignoring case', { q: 'BEEKEEP' }, () => [amara]],
		['a part of a name, ignoring case', { q: 'WALY' }, () => [bwalya]],
		[
			'several at once, all of them',
			{ languages: ['english'], pathway_stage: ['hosting'] },
			() => [amara]
		],
		['an empty list as no filter', { open_to: [] }, () => [amara, bwalya, chanda, daliso]],
		['an unknown value as matching nobody', { open_to: ['juggling'] }, () => []]
	];

	it.each(cases)('filter by %s', async (_, filters, expected) => {
		const { items, total } = await mapItems(viewer.client, {
			filters: { ...filters, q: filters.q ?? token }
		});
		expect(idsOf(items)).toEqual(ids(...expected()));
		expect(total).toBe(expected().length);
	});

	it('refuses a filter of the wrong type, naming it', async () => {
		const { error } = await viewer.client.rpc('map_items', {
			...lusakaBox,
			filters: { languages: 'English' }
		});
		expect(error?.code).toBe('22023');
		expect(error?.message).toBe('filters.languages must be an array of strings');
	});
});

describe('map_items limits', () => {
	const q = { q: token };

	it('says it truncated exactly when more matched than it returned', async () => {
		const all = await mapItems(viewer.client, { filters: q });
		expect(all).toMatchObject({ total: 4, truncated: false });

		const cut = await mapItems(viewer.client, { filters: q, max_items: 3 });
		expect(cut.items).toHaveLength(3);
		expect(cut).toMatchObject({ total: 4, truncated: true });
		// Deterministic: the first three of the full answer.
		expect(cut.items).toEqual(all.items.slice(0, 3));

		const exact = await mapItems(viewer.client, { filters: q, max_items: 4 });
		expect(exact).toMatchObject({ total: 4, truncated: false });
		expect(exact.items).toHaveLength(4);
	});

	it('counts without items when asked for none', async () => {
		expect(await mapItems(anonymousClient(), { filters: q, max_items: 0 })).toEqual({
			items: [],
			total: 4,
			truncated: true
		});
	});

	it('refuses a limit out of range', async () => {
		const { error } = await viewer.client.rpc('map_items', { ...lusakaBox, max_items: -1 });
		expect(error?.code).toBe('22023');
	});

	it('returns more than PostgREST’s 1000-row cap in one answer', async () => {
		// The seed and the other files have fewer people than that; the point is that the cap
		// is not applied to a jsonb answer, so all of them come back at once.
		const { items, total } = await mapItems(viewer.client, {
			min_lat: -90,
			max_lat: 90,
			min_lng: -180,
			max_lng: 180,
			max_items: 50000
		});
		expect(items).toHaveLength(total);
	});
});

describe('directory_page', () => {
	it('lists an anonymous visitor the public people by name, with public place labels', async () => {
		const { total, items } = await directoryPage(anonymousClient());
		expect(total).toBe(4);
		expect(items.map((item) => item.display_name)).toEqual(
			['Amara', 'Bwalya', 'Chanda', 'Fumbani'].map((name) => `${token} ${name}`)
		);
		for (const item of items) {
			expect(item.place_label).toBe((await groundTruth(item.id))?.public_place_label);
			expect(item.distance_km).toBeNull();
		}
	});

	it('lists a member everyone shared with them, minus who blocked them', async () => {
		const { items } = await directoryPage(viewer.client);
		expect(idsOf(items)).toEqual(ids(amara, bwalya, chanda, daliso, viliame));
		const amaraEntry = items.find((item) => item.id === amara.id);
		expect(amaraEntry?.place_label).toBe((await groundTruth(amara.id))?.place_label);
	});

	it('pages', async () => {
		const second = await directoryPage(viewer.client, { page: 2, page_size: 2 });
		expect(second.total).toBe(5);
		expect(second.items.map((item) => item.id)).toEqual([chanda.id, daliso.id]);
		const past = await directoryPage(viewer.client, { page: 4, page_size: 2 });
		expect(past).toEqual({ total: 5, items: [] });
	});

	it('filters as the map does', async () => {
		const { items } = await directoryPage(viewer.client, {
			filters: { pathway_stage: ['curious', 'practising'] }
		});
		expect(idsOf(items)).toEqual(ids(bwalya, chanda));
	});

	it('sorts by distance from a place, with distances rounded to each cell’s size', async () => {
		const origin = { lat: -12.8, lng: 28.2 }; // Ndola, about 290 km north
		const { items } = await directoryPage(viewer.client, {
			sort: 'distance',
			near_lat: origin.lat,
			near_lng: origin.lng
		});
		expect(items.map((item) => item.id).at(-1)).toBe(viliame.id);
		const distances = items.map((item) => item.distance_km ?? Infinity);
		expect(distances).toEqual([...distances].sort((a, b) => a - b));
		for (const item of items) {
			const truth = await groundTruth(item.id);
			const step = DISTANCE_STEP_KM[truth?.published_cell?.length ?? 0];
			expect(item.distance_km, item.display_name).not.toBeNull();
			expect((item.distance_km ?? 0) % step, item.display_name).toBe(0);
			const centre = cellBounds(truth?.published_cell ?? '').centre;
			expect(Math.abs((item.distance_km ?? 0) - distanceKm(centre, origin))).toBeLessThanOrEqual(
				step / 2 + 0.01
			);
		}
	});

	it('rounds an anonymous visitor’s distances to the public cell’s size, at least 20 km', async () => {
		const { items } = await directoryPage(anonymousClient(), {
			sort: 'distance',
			near_lat: lusaka.lat,
			near_lng: lusaka.lng
		});
		expect(items).toHaveLength(4);
		for (const item of items) {
			const truth = await groundTruth(item.id);
			const step = DISTANCE_STEP_KM[truth?.public_cell?.length ?? 0];
			expect(step).toBeGreaterThanOrEqual(20);
			expect((item.distance_km ?? 1) % step).toBe(0);
		}
	});

	it('sorts the most recently confirmed first', async () => {
		const confirmed = await chanda.client.rpc('confirm_still_here');
		expect(confirmed.error).toBeNull();
		const { items } = await directoryPage(viewer.client, { sort: 'recent' });
		expect(items[0].id).toBe(chanda.id);
		expect(items[0].last_confirmed_at).not.toBeNull();
	});

	it('refuses to sort by distance without a place', async () => {
		const { error } = await viewer.client.rpc('directory_page', { sort: 'distance' });
		expect(error?.code).toBe('22023');
		expect(error?.message).toBe('sorting by distance needs near_lat and near_lng');
	});

	it('never lists someone who shares with nobody, not even to a member searching for them', async () => {
		const { items } = await directoryPage(viewer.client, { filters: { q: `${token} emeli` } });
		expect(items).toEqual([]);
		expect(emeli.id).toBeTruthy();
	});
});

describe('the app’s data module', () => {
	it('asks map_items for a [west, south, east, north] box with the shared filters', async () => {
		const { items, total, truncated } = await listMapItems(viewer.client, {
			bounds: [lusakaBox.min_lng, lusakaBox.min_lat, lusakaBox.max_lng, lusakaBox.max_lat],
			filters: { languages: ['English'], q: token },
			maxItems: 1
		});
		expect(items).toHaveLength(1);
		expect(ids(amara, bwalya)).toContain(items[0].id);
		expect({ total, truncated }).toEqual({ total: 2, truncated: true });
	});

	it('asks directory_list for a first page sorted by distance from a place', async () => {
		const listed = await listDirectoryPage(anonymousClient(), {
			pageSize: 20,
			sort: 'distance',
			near: lusaka,
			filters: { q: token, openTo: ['crewing'] }
		});
		expect(listed).toMatchObject({ total: 1, totalCapped: false, next: null });
		expect(listed?.entries.map((entry) => entry.id)).toEqual([amara.id]);
		expect(listed?.entries[0].distance_km).toBeGreaterThanOrEqual(20);
	});

	it('walks the directory page by page, each from the cursor the page before gave', async () => {
		const pages: string[][] = [];
		let after: string | undefined;
		do {
			const listed = await listDirectoryPage(viewer.client, {
				after,
				pageSize: 2,
				sort: 'name',
				filters: { q: token }
			});
			if (!listed) throw new Error('A cursor the directory gave was refused');
			expect(listed.total).toBe(5);
			pages.push(listed.entries.map((entry) => entry.id));
			after = listed.next ?? undefined;
		} while (after !== undefined);
		// As directory_page's numbered pages of the same size have them.
		expect(pages).toEqual([[amara.id, bwalya.id], [chanda.id, daliso.id], [viliame.id]]);
	});

	it('answers null for a cursor the directory did not give, or gave for another order', async () => {
		const args = { pageSize: 2, filters: { q: token } } as const;
		const first = await listDirectoryPage(viewer.client, { ...args, sort: 'name' });
		expect(first?.next).toEqual(expect.any(String));

		expect(
			await listDirectoryPage(viewer.client, { ...args, sort: 'name', after: 'page=2' })
		).toBeNull();
		expect(
			await listDirectoryPage(viewer.client, { ...args, sort: 'recent', after: first?.next ?? '' })
		).toBeNull();
	});
});
