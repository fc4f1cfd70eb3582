import { beforeAll, describe, expect, it } from 'vitest';
import { signUpMember, type Member } from '../../support/supabase';
import {
	ANONYMOUS_FINEST_CELL_LENGTH,
	CELL_LENGTH,
	accessToken,
	anonymousToken,
	anonymousViewOf,
	cellBounds,
	groundTruth,
	mapPointAs,
	nearby,
	practitionerAt,
	worldMapPoints,
	type MapPoint,
	type Point,
	type Precision
} from '../../support/privacy';

/**
 * Guarantee 2 (published locations are deterministic cells, computed in the database) and
 * guarantee 3 (precision depends on the audience; labels only at the published precision).
 * People here live in Kazakhstan (Almaty, Shymkent) and Kyrgyzstan (Bishkek, Osh, Iradan).
 */

const almaty = {
	neighbourhood: { lat: 43.2412345, lng: 76.9123456 },
	town: { lat: 43.2482345, lng: 76.9193456 },
	area: { lat: 43.2352345, lng: 76.9053456 },
	// Another area cell of the same region cell.
	region: { lat: 43.3512345, lng: 77.0123456 }
};
const shymkent: Point = { lat: 42.3171234, lng: 69.5961234 };
const bishkek: Point = { lat: 42.8812345, lng: 74.5812345 };
const osh: Point = { lat: 40.5312345, lng: 72.8012345 };
// Two points 400 m apart in one town cell of Bishkek.
const bishkekTwins: [Point, Point] = [
	{ lat: 42.8712345, lng: 74.5912345 },
	{ lat: 42.8732345, lng: 74.5952345 }
];
// 300 m from the centre of Iradan (26,000 people); the area cell's centre is nearer Kyzyl-Kyya.
const besideIradan: Point = { lat: 40.26867, lng: 72.102 };

const kazakhs = {} as Record<Precision, Member>;
let viewer: Member;

beforeAll(async () => {
	viewer = await signUpMember('kz-viewer');
	for (const precision of ['neighbourhood', 'town', 'area', 'region'] as const) {
		kazakhs[precision] = await practitionerAt(`kz-${precision}`, almaty[precision], { precision });
	}
	kazakhs.country = await practitionerAt('kz-country', shymkent, { precision: 'country' });
});

const seenByMember = (id: string) => mapPointAs(viewer, id);

async function placeAt(member: Member, point: Point) {
	const { error } = await member.client
		.from('profile_locations')
		.update(point)
		.eq('profile_id', member.id);
	expect(error).toBeNull();
}

async function choosePrecision(member: Member, precision: Precision) {
	const { error } = await member.client.from('profiles').update({ precision }).eq('id', member.id);
	expect(error).toBeNull();
}

describe('when a practitioner places themselves', () => {
	it.each(['neighbourhood', 'town', 'area', 'region'] as const)(
		'publishes the centre of the %s cell that holds the exact point',
		async (precision) => {
			const truth = (await groundTruth(kazakhs[precision].id))!;
			expect(truth.published_cell).toHaveLength(CELL_LENGTH[precision]);
			const cell = cellBounds(truth.published_cell!);
			expect(truth.exact_lat!).toBeGreaterThan(cell.south);
			expect(truth.exact_lat!).toBeLessThan(cell.north);
			expect(truth.exact_lng!).toBeGreaterThan(cell.west);
			expect(truth.exact_lng!).toBeLessThan(cell.east);
			expect(truth.published_lat).toBeCloseTo(cell.centre.lat, 9);
			expect(truth.published_lng).toBeCloseTo(cell.centre.lng, 9);
			// Members see exactly that: the owner's cell at the owner's precision.
			expect(await seenByMember(kazakhs[precision].id)).toMatchObject({
				cell: truth.published_cell,
				lat: truth.published_lat,
				lng: truth.published_lng,
				place_label: truth.place_label
			});
		}
	);

	it('publishes a country-precision owner as the country, the same dot as everyone there', async () => {
		const elsewhere = await practitionerAt('kz-country-2', almaty.area, { precision: 'country' });
		const [shymkentTruth, almatyTruth] = await Promise.all([
			groundTruth(kazakhs.country.id),
			groundTruth(elsewhere.id)
		]);
		expect(shymkentTruth!.place_label).toBe('Kazakhstan');
		expect(shymkentTruth!.published_cell).toHaveLength(CELL_LENGTH.country);
		// 700 km apart, one published point: the country's.
		expect(almatyTruth).toMatchObject({
			published_cell: shymkentTruth!.published_cell,
			published_lat: shymkentTruth!.published_lat,
			published_lng: shymkentTruth!.published_lng,
			place_label: 'Kazakhstan'
		});
		const { error } = await elsewhere.client.rpc('delete_my_account');
		expect(error).toBeNull();
	});

	it('publishes identical coordinates for two people in the same cell', async () => {
		const twins = await Promise.all(
			bishkekTwins.map((point, index) =>
				practitionerAt(`kg-twin-${index}`, point, { precision: 'town' })
			)
		);
		const [first, second] = await Promise.all(twins.map((twin) => seenByMember(twin.id)));
		expect(first).toBeDefined();
		expect({ ...second, id: undefined, display_name: undefined }).toEqual({
			...first,
			id: undefined,
			display_name: undefined
		});
	});

	it('recomputes the published cell in the database when the exact point moves', async () => {
		const mover = await practitionerAt('kg-mover', bishkek, { precision: 'town' });
		const before = (await groundTruth(mover.id))!;
		await placeAt(mover, osh);
		const after = (await groundTruth(mover.id))!;
		expect(after.published_cell).not.toBe(before.published_cell);
		const cell = cellBounds(after.published_cell!);
		expect(osh.lat).toBeGreaterThan(cell.south);
		expect(osh.lat).toBeLessThan(cell.north);
		expect(osh.lng).toBeGreaterThan(cell.west);
		expect(osh.lng).toBeLessThan(cell.east);
		expect(after.place_label).toMatch(/, KG$/);
		expect(after.place_label).not.toBe(before.place_label);
		expect(await seenByMember(mover.id)).toMatchObject({ cell: after.published_cell });
	});

	it('recomputes the published cell when the precision changes, as a prefix of the finer one', async () => {
		const chooser = await practitionerAt('kg-chooser', osh, { precision: 'neighbourhood' });
		const finest = (await groundTruth(chooser.id))!.published_cell!;
		for (const precision of ['town', 'area', 'region', 'neighbourhood'] as const) {
			await choosePrecision(chooser, precision);
			const truth = (await groundTruth(chooser.id))!;
			expect(truth.published_cell).toBe(finest.slice(0, CELL_LENGTH[precision]));
			expect((await seenByMember(chooser.id))?.cell).toBe(truth.published_cell);
		}
	});

	it('takes them off the map when they remove their exact point', async () => {
		const leaver = await practitionerAt('kg-unplaced', osh, { precision: 'town' });
		expect(await seenByMember(leaver.id)).toBeDefined();
		const { error } = await leaver.client
			.from('profile_locations')
			.delete()
			.eq('profile_id', leaver.id);
		expect(error).toBeNull();
		expect(await groundTruth(leaver.id)).toMatchObject({
			published_cell: null,
			published_lat: null,
			published_lng: null,
			place_label: null,
			public_cell: null
		});
		expect(await seenByMember(leaver.id)).toBeUndefined();
	});
});

describe('on repeated reads', () => {
	it('gives the same cell every time: no per-request randomness to average away', async () => {
		const ids = new Set(Object.values(kazakhs).map((member) => member.id));
		const mine = (points: MapPoint[]) => points.filter((point) => ids.has(point.id));
		for (const token of [anonymousToken(), await accessToken(viewer)]) {
			const reads = await Promise.all(
				Array.from({ length: 10 }, async () => ({
					map: mine(await worldMapPoints(token)),
					nearby: (await nearby(token, almaty.town)).filter((row) => ids.has(row.id))
				}))
			);
			expect(reads[0].map.length).toBeGreaterThan(0);
			for (const read of reads) expect(read).toEqual(reads[0]);
		}
	});
});

describe('place labels', () => {
	it('name what the published cell’s centre is near, not what the exact point is near', async () => {
		const person = await practitionerAt('kg-iradan', besideIradan, { precision: 'neighbourhood' });
		expect((await groundTruth(person.id))!.place_label).toBe('near Iradan, KG');
		await choosePrecision(person, 'area');
		expect((await groundTruth(person.id))!.place_label).toBe('Kyzyl-Kyya area, KG');
		expect((await seenByMember(person.id))?.place_label).toBe('Kyzyl-Kyya area, KG');
	});
});

describe('as an anonymous visitor', () => {
	it('never sees anything finer than area, even when the owner chose neighbourhood', async () => {
		const view = await anonymousViewOf([kazakhs.neighbourhood.id, kazakhs.town.id]);
		for (const precision of ['neighbourhood', 'town'] as const) {
			const truth = (await groundTruth(kazakhs[precision].id))!;
			const seen = view.get(kazakhs[precision].id)!;
			expect(seen.public_cell).toBe(truth.published_cell!.slice(0, ANONYMOUS_FINEST_CELL_LENGTH));
			expect(seen.public_cell).not.toBe(truth.published_cell);
			expect(seen.public_lat).not.toBe(truth.published_lat);
			// The label is the area's, not the finer cell's.
			expect(seen.public_place_label).toBe('Almaty area, KZ');
			expect(seen.public_place_label).not.toBe(truth.place_label);
		}
		const points = (await worldMapPoints(anonymousToken())).filter(
			(point) => point.id === kazakhs.neighbourhood.id
		);
		expect(points.map((point) => point.cell.length)).toEqual([ANONYMOUS_FINEST_CELL_LENGTH]);
	});

	it('sees a coarser choice than area at that choice, never finer', async () => {
		const view = await anonymousViewOf([kazakhs.region.id, kazakhs.country.id]);
		const region = (await groundTruth(kazakhs.region.id))!;
		expect(view.get(kazakhs.region.id)).toMatchObject({
			public_cell: region.published_cell,
			public_place_label: region.place_label
		});
		expect(view.get(kazakhs.country.id)).toMatchObject({
			public_cell: (await groundTruth(kazakhs.country.id))!.published_cell,
			public_place_label: 'Kazakhstan'
		});
	});
});
