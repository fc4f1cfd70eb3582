import { describe, expect, it } from 'vitest';
import { formDataOf } from '$lib/components/factories';
import {
	cellsAsPlaceCounts,
	countsByPlaceName,
	parseAlert,
	parseChosenPeople,
	parseRadius,
	radarCamera
} from './radar';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('parseRadius', () => {
	it('is 25 km without one, and any whole number of km from 10 to 200', () => {
		expect(parseRadius(null)).toEqual({ radiusKm: 25 });
		expect(parseRadius('')).toEqual({ radiusKm: 25 });
		expect(parseRadius('10')).toEqual({ radiusKm: 10 });
		expect(parseRadius('137')).toEqual({ radiusKm: 137 });
		expect(parseRadius('200')).toEqual({ radiusKm: 200 });
	});

	it.each(['9', '201', '25.5', '-30', 'far', '1e2'])('refuses %s with what to choose', (value) => {
		expect(parseRadius(value)).toEqual({ problem: 'Choose a radius from 10 to 200 km.' });
	});
});

describe('parseAlert', () => {
	it('reads at least N people within R km', () => {
		expect(
			parseAlert(
				formDataOf([
					['min_people', ' 5 '],
					['radius_km', '100']
				])
			)
		).toEqual({
			alert: { min_people: 5, radius_km: 100 }
		});
	});

	it('names each field that is wrong, keeping what was typed', () => {
		expect(
			parseAlert(
				formDataOf([
					['min_people', '1'],
					['radius_km', '300']
				])
			)
		).toEqual({
			values: { min_people: '1', radius_km: '300' },
			errors: {
				min_people: 'Give a number of people from 2 to 50.',
				radius_km: 'Choose a radius from 10 to 200 km.'
			}
		});
		expect(parseAlert(formDataOf([['radius_km', '25']]))).toMatchObject({
			errors: { min_people: 'Give a number of people from 2 to 50.' }
		});
	});
});

describe('parseChosenPeople', () => {
	it('takes one to seven people, each once', () => {
		expect(
			parseChosenPeople(
				formDataOf([
					['invite', id(1)],
					['invite', id(2)],
					['invite', id(1)]
				])
			)
		).toEqual({
			ids: [id(1), id(2)]
		});
	});

	it('asks for someone when nobody is chosen', () => {
		expect(parseChosenPeople(formDataOf([]))).toEqual({
			problem: 'Choose at least one person to start a crew with.',
			chosen: []
		});
	});

	it('refuses more than a crew can hold, keeping who was chosen', () => {
		const eight = Array.from({ length: 8 }, (_, i) => id(i + 1));
		expect(
			parseChosenPeople(formDataOf(eight.map((each): [string, string] => ['invite', each])))
		).toEqual({
			problem: 'A crew is 3 to 8 people: choose at most 7 to invite (you make the 8th).',
			chosen: eight
		});
	});

	it('refuses what is not someone from the list', () => {
		expect(parseChosenPeople(formDataOf([['invite', 'everyone']]))).toMatchObject({
			problem: 'Choose people from the list.'
		});
	});
});

describe('cellsAsPlaceCounts', () => {
	it('counts everyone on the radar as practitioners, at their cell', () => {
		expect(
			cellsAsPlaceCounts([
				{ cell: '120', lat: 51.05, lng: 3.72, place_label: 'near Ghent, BE', count: 4 }
			])
		).toEqual([[51.05, 3.72, 4, 0, 0, 0]]);
	});
});

describe('countsByPlaceName', () => {
	it('adds up the cells that share a name, most first', () => {
		const cell = { cell: '120', lat: 53.8, lng: -1.55 };
		expect(
			countsByPlaceName([
				{ ...cell, place_label: 'Leeds area, GB', count: 2 },
				{ ...cell, place_label: 'near Leeds, GB', count: 1 },
				{ ...cell, place_label: 'near Leeds, GB', count: 2 },
				{ ...cell, place_label: null, count: 1 }
			])
		).toEqual([
			{ placeLabel: 'near Leeds, GB', count: 3 },
			{ placeLabel: 'Leeds area, GB', count: 2 },
			{ placeLabel: null, count: 1 }
		]);
	});
});

describe('radarCamera', () => {
	const at = (lat: number, lng: number) => ({ cell: '1', lat, lng, place_label: null, count: 1 });

	it('opens on the middle of the places, closer for a smaller radius', () => {
		const cells = [at(53.8, -1.6), at(53.9, -1.5)];
		const near = radarCamera({ radius_km: 25, cells })!;
		expect(near.center[0]).toBeCloseTo(-1.55, 10);
		expect(near.center[1]).toBeCloseTo(53.85, 10);
		// 50 km across 320 px is 156 m a pixel: 2^z = 78271.5 × cos(53.85°) / 156.25.
		expect(near.zoom).toBeCloseTo(
			Math.log2((78_271.5 * Math.cos((53.85 * Math.PI) / 180)) / 156.25),
			10
		);
		expect(radarCamera({ radius_km: 200, cells })!.zoom).toBeCloseTo(near.zoom - 3, 10);
	});

	it('finds the middle across the antimeridian', () => {
		const camera = radarCamera({ radius_km: 50, cells: [at(-17, 179.8), at(-17.2, -179.6)] })!;
		expect(camera.center[0]).toBeCloseTo(-179.9, 10);
	});

	it('goes no closer than the map goes, and has nothing to open on without places', () => {
		expect(radarCamera({ radius_km: 10, cells: [at(0, 0)] })!.zoom).toBeLessThanOrEqual(10);
		expect(radarCamera({ radius_km: 25, cells: [] })).toBeUndefined();
	});
});
