import { beforeAll, describe, expect, it } from 'vitest';
import { cellAt } from '../../../src/lib/geo/cells';
import type { PlaceLabel } from '../../../src/lib/people/audience';
import { signUpMember, type Member } from '../../support/supabase';
import {
	CELL_LENGTH,
	accessToken,
	anonymousToken,
	groundTruth,
	rest,
	type Point,
	type Precision
} from '../../support/privacy';

/**
 * The onboarding's preview is the product's promise: what it says strangers will see of someone
 * is what they do see once that person saves, k = 3 rule (guarantee 6) included. Each person here
 * asks for the preview of their point, then saves there as public, and what anonymous visitors
 * are shown is compared with what they were told. Everyone lives around Podgorica, Montenegro,
 * which no other test file uses.
 */

const podgorica: Point[] = [
	{ lat: 42.44112345, lng: 19.26312345 },
	{ lat: 42.44512345, lng: 19.25712345 },
	{ lat: 42.43712345, lng: 19.26812345 }
];
/** Tuzi, about 15 km south-east: another area cell, the same region cell. */
const tuzi: Point = { lat: 42.36512345, lng: 19.33112345 };

async function preview(member: Member, point: Point): Promise<Map<Precision, PlaceLabel>> {
	const response = await rest(await accessToken(member), 'rpc/place_labels_for', {
		method: 'POST',
		body: point
	});
	expect(response.status).toBe(200);
	return new Map((response.body as PlaceLabel[]).map((row) => [row.precision, row]));
}

/** Saves the member as public at a point and precision, and reads what strangers now get. */
async function joinPublicly(member: Member, point: Point, precision: Precision) {
	const { error } = await member.client.rpc('save_my_profile', {
		changes: { display_name: member.email.split('@')[0], visibility: 'public', precision },
		point_lat: point.lat,
		point_lng: point.lng,
		onboard: true
	});
	expect(error).toBeNull();
	const truth = (await groundTruth(member.id))!;
	return {
		precision: truth.public_cell === null ? null : precisionOfLength(truth.public_cell.length),
		cell: truth.public_cell,
		lat: truth.public_lat,
		lng: truth.public_lng,
		label: truth.public_place_label
	};
}

function precisionOfLength(length: number): Precision {
	return (Object.entries(CELL_LENGTH) as [Precision, number][]).find(([, n]) => n === length)![0];
}

function promised(row: PlaceLabel) {
	return {
		precision: row.stranger_precision,
		cell: row.stranger_cell,
		lat: row.stranger_lat,
		lng: row.stranger_lng,
		label: row.stranger_label
	};
}

let people: Member[];

beforeAll(async () => {
	people = await Promise.all(
		['me-first', 'me-second', 'me-third', 'me-fourth'].map((name) => signUpMember(name))
	);
	// The places are what the test says they are.
	const area = (point: Point) => cellAt({ ...point, zoom: CELL_LENGTH.area });
	const region = (point: Point) => cellAt({ ...point, zoom: CELL_LENGTH.region });
	expect(new Set(podgorica.map(area)).size).toBe(1);
	expect(area(tuzi)).not.toBe(area(podgorica[0]));
	expect(region(tuzi)).toBe(region(podgorica[0]));
});

describe('the preview of what strangers see (place_labels_for)', () => {
	it('is refused to anonymous visitors', async () => {
		const response = await rest(anonymousToken(), 'rpc/place_labels_for', {
			method: 'POST',
			body: podgorica[0]
		});
		expect(response.status).toBe(401);
	});

	it('promises strangers nothing finer than the area, at any precision', async () => {
		const rows = await preview(people[0], podgorica[0]);
		for (const row of rows.values()) {
			if (row.stranger_cell !== null) {
				expect(row.stranger_cell.length).toBeLessThanOrEqual(CELL_LENGTH.area);
			}
		}
		expect(rows.get('neighbourhood')!.cell).toHaveLength(CELL_LENGTH.neighbourhood);
	});

	it('tells the first two public people that strangers will not see them, and they do not', async () => {
		for (const person of people.slice(0, 2)) {
			const point = podgorica[people.indexOf(person)];
			const told = promised((await preview(person, point)).get('town')!);
			expect(told).toEqual({ precision: null, cell: null, lat: null, lng: null, label: null });
			expect(await joinPublicly(person, point, 'town')).toEqual(told);
		}
	});

	it('tells the third that strangers will see them at the area they share, and they do', async () => {
		const told = promised((await preview(people[2], podgorica[2])).get('town')!);
		expect(told.precision).toBe('area');
		expect(told.cell).toBe(cellAt({ ...podgorica[2], zoom: CELL_LENGTH.area }));
		expect(told.label).toMatch(/area, ME$/);
		expect(await joinPublicly(people[2], podgorica[2], 'town')).toEqual(told);
		// The first two are now shown in that area too.
		expect((await groundTruth(people[0].id))!.public_cell).toBe(told.cell);
	});

	it('tells someone alone in their area that strangers will see them only in the region, and why it holds', async () => {
		const rows = await preview(people[3], tuzi);
		const told = promised(rows.get('town')!);
		expect(told.precision).toBe('region');
		expect(told.cell).toBe(cellAt({ ...tuzi, zoom: CELL_LENGTH.region }));
		// At country precision the country is all strangers could ever be told.
		expect(rows.get('country')!.stranger_precision).toBe('country');
		expect(await joinPublicly(people[3], tuzi, 'town')).toEqual(told);
	});
});
