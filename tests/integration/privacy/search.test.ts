import { beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signUpMember, type Member } from '../../support/supabase';
import {
	CELL_LENGTH,
	DISTANCE_STEP_KM,
	accessToken,
	anonymousToken,
	distanceKm,
	groundTruth,
	nearby,
	practitionerAt,
	rest,
	type Point,
	type Precision
} from '../../support/privacy';

/**
 * Guarantee 5: search never beats the cell. Nearby results are measured from published cells
 * (public cells for anonymous visitors) and rounded to the cell's size, so no set of queries,
 * from any number of viewers, tells two people in one cell apart. Place search and the
 * onboarding's label preview read the gazetteer only. Everyone here lives in Windhoek, Namibia.
 */

const windhoek = {
	neighbourhood: { lat: -22.56301234, lng: 17.06201234 },
	// The opposite corner of the same neighbourhood cell, 1.5 km away.
	twin: { lat: -22.55341234, lng: 17.07251234 },
	town: { lat: -22.5712345, lng: 17.0812345 },
	area: { lat: -22.5512345, lng: 17.0512345 },
	region: { lat: -22.4012345, lng: 17.2012345 },
	// Walvis Bay, 300 km away.
	country: { lat: -22.9512345, lng: 14.5112345 }
};

/** Twelve query points spiralling out from Windhoek, 3 to 58 km away. */
const queryPoints: Point[] = Array.from({ length: 12 }, (_, index) => {
	const km = 3 + 5 * index;
	const bearing = (index * 30 * Math.PI) / 180;
	return {
		lat: -22.56 + (km / 111.2) * Math.cos(bearing),
		lng: 17.07 + (km / (111.2 * Math.cos((22.56 * Math.PI) / 180))) * Math.sin(bearing)
	};
});

const people = {} as Record<Precision | 'twin', Member>;
let viewer: Member;
let secondViewer: Member;

beforeAll(async () => {
	for (const precision of ['neighbourhood', 'town', 'area', 'region', 'country'] as const) {
		people[precision] = await practitionerAt(`na-${precision}`, windhoek[precision], { precision });
	}
	people.twin = await practitionerAt('na-twin', windhoek.twin, { precision: 'neighbourhood' });
	[viewer, secondViewer] = await Promise.all([
		signUpMember('na-viewer'),
		signUpMember('na-second-viewer')
	]);
});

/** A distance says no more than "about this far from the cell's centre, to the nearest step". */
function expectRoundedFrom(reported: number, fromCentre: number, step: number) {
	// Anything nearer than one step is reported as one step.
	const nearest = Math.max(fromCentre, step / 2);
	expect(Math.abs(reported - nearest)).toBeLessThanOrEqual(step / 2 + 0.01);
}

async function distancesFrom(token: string, point: Point): Promise<Map<string, number>> {
	return new Map((await nearby(token, point)).map((row) => [row.id, row.distance_km]));
}

describe('nearby practitioners, as a member', () => {
	it('gives every distance as a whole multiple of the size of the person’s chosen cell', async () => {
		const token = await accessToken(viewer);
		for (const point of queryPoints.slice(0, 4)) {
			const distances = await distancesFrom(token, point);
			for (const precision of ['neighbourhood', 'town', 'area', 'region', 'country'] as const) {
				const step = DISTANCE_STEP_KM[CELL_LENGTH[precision]];
				const distance = distances.get(people[precision].id);
				expect(distance, precision).toBeDefined();
				expect(distance! % step, precision).toBe(0);
				expect(distance!, precision).toBeGreaterThanOrEqual(step);
			}
		}
	});

	it('measures from the published cell’s centre, never from the exact point', async () => {
		const token = await accessToken(viewer);
		const centre = await groundTruth(people.town.id).then((truth) => ({
			lat: truth!.published_lat!,
			lng: truth!.published_lng!
		}));
		for (const point of queryPoints) {
			const distance = (await distancesFrom(token, point)).get(people.town.id)!;
			expectRoundedFrom(distance, distanceKm(point, centre), DISTANCE_STEP_KM[CELL_LENGTH.town]);
		}
	});

	it('cannot tell two people in the same cell apart, from any point, by any viewer', async () => {
		// Measured from the exact points, the two would be 1.5 km apart: at least one query
		// would round differently. So this test could fail.
		const wouldDiffer = queryPoints.some(
			(point) =>
				Math.round(distanceKm(point, windhoek.neighbourhood)) !==
				Math.round(distanceKm(point, windhoek.twin))
		);
		expect(wouldDiffer).toBe(true);
		for (const token of [await accessToken(viewer), await accessToken(secondViewer)]) {
			for (const point of queryPoints) {
				const distances = await distancesFrom(token, point);
				expect(distances.get(people.neighbourhood.id)).toBeDefined();
				expect(distances.get(people.twin.id)).toBe(distances.get(people.neighbourhood.id));
			}
		}
	});
});

describe('nearby practitioners, as an anonymous visitor', () => {
	it('rounds to at least 20 km, even for a person who chose neighbourhood', async () => {
		for (const point of queryPoints.slice(0, 4)) {
			const distances = await distancesFrom(anonymousToken(), point);
			for (const [precision, step] of [
				['neighbourhood', 20],
				['town', 20],
				['area', 20],
				['region', 100],
				['country', 1000]
			] as const) {
				const distance = distances.get(people[precision].id);
				expect(distance, precision).toBeDefined();
				expect(distance! % step, precision).toBe(0);
				expect(distance!, precision).toBeGreaterThanOrEqual(step);
			}
		}
	});

	it('measures from the public (area) cell, not the owner-precision cell', async () => {
		const truth = (await groundTruth(people.neighbourhood.id))!;
		const areaCentre = { lat: truth.public_lat!, lng: truth.public_lng! };
		for (const point of queryPoints) {
			const distance = (await distancesFrom(anonymousToken(), point)).get(people.neighbourhood.id)!;
			expectRoundedFrom(distance, distanceKm(point, areaCentre), 20);
		}
	});

	it('cannot tell apart people who share the area cell, from any point', async () => {
		for (const point of queryPoints) {
			const distances = await distancesFrom(anonymousToken(), point);
			const inArea = ['neighbourhood', 'twin', 'town', 'area'] as const;
			const seen = new Set(inArea.map((who) => distances.get(people[who].id)));
			expect(seen.size).toBe(1);
			expect([...seen][0]).toBeDefined();
		}
	});
});

describe('place search', () => {
	it('finds gazetteer places and never a practitioner', async () => {
		for (const query of ['Windhoek', 'na-neighbourhood', 'na-']) {
			const response = await rest(anonymousToken(), `rpc/search_places?query=${query}`);
			expect(response.status).toBe(200);
			const ids = (response.body as { id: number }[]).map((place) => place.id);
			const memberIds = Object.values(people).map((member) => member.id);
			for (const id of ids) expect(memberIds).not.toContain(id);
			if (ids.length > 0) {
				const { count } = await serviceClient()
					.from('places')
					.select('id', { count: 'exact', head: true })
					.in('id', ids);
				expect(count).toBe(ids.length);
			}
		}
		const windhoekResults = await rest(anonymousToken(), 'rpc/search_places?query=Windhoek');
		expect((windhoekResults.body as { name: string }[])[0].name).toBe('Windhoek');
	});

	it('tells places of one name in one country apart by their region, and only those', async () => {
		const response = await rest(anonymousToken(), 'rpc/search_places?query=Bristol');
		const found = response.body as { name: string; country_code: string; region: string | null }[];
		const american = found.filter(
			(place) => place.name === 'Bristol' && place.country_code === 'US'
		);
		expect(american.length).toBeGreaterThan(1);
		expect(new Set(american.map((place) => place.region)).size).toBe(american.length);
		expect(american.every((place) => place.region !== null)).toBe(true);
		// The one Bristol of the United Kingdom needs no region.
		expect(found.find((place) => place.country_code === 'GB')).toMatchObject({ region: null });
	});
});

describe('the onboarding’s label preview (place_labels_for)', () => {
	it('is refused to anonymous visitors', async () => {
		const response = await rest(anonymousToken(), 'rpc/place_labels_for', {
			method: 'POST',
			body: windhoek.area
		});
		expect(response.status).toBe(401);
		expect(response.text).not.toContain('Windhoek');
	});

	it('shows members what a person placed there really publishes at each precision', async () => {
		const response = await rest(await accessToken(viewer), 'rpc/place_labels_for', {
			method: 'POST',
			body: windhoek.neighbourhood
		});
		expect(response.status).toBe(200);
		const preview = response.body as {
			precision: Precision;
			cell: string;
			lat: number;
			lng: number;
			label: string;
		}[];
		expect(preview.map((row) => row.precision)).toEqual([
			'neighbourhood',
			'town',
			'area',
			'region',
			'country'
		]);
		const neighbourhood = (await groundTruth(people.neighbourhood.id))!;
		expect(preview[0]).toMatchObject({
			cell: neighbourhood.published_cell,
			lat: neighbourhood.published_lat,
			lng: neighbourhood.published_lng,
			label: neighbourhood.place_label
		});
		expect(preview[2]).toMatchObject({
			cell: neighbourhood.public_cell,
			label: neighbourhood.public_place_label
		});
		for (const row of preview) {
			expect(row.lat).not.toBe(windhoek.neighbourhood.lat);
			expect(row.lng).not.toBe(windhoek.neighbourhood.lng);
		}
	});
});
