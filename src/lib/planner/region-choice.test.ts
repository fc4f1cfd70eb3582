import { describe, expect, it } from 'vitest';
import { circleSearch, parseRegionChoice, planRegionArgument } from './region-choice';

const parse = (search: string) => parseRegionChoice(new URLSearchParams(search));
const congregationId = '3f1c2a4e-8b7d-4c6e-9a1b-2d3e4f5a6b7c';

describe('parseRegionChoice', () => {
	it('asks for nothing and finds nothing wrong when no region is chosen yet', () => {
		expect(parse('')).toEqual({ choice: null, values: expect.any(Object), errors: {} });
	});

	it('reads a circle drawn on the map', () => {
		expect(parse('lat=52.0908&lng=-5.1222&km=80').choice).toEqual({
			kind: 'circle',
			lat: 52.0908,
			lng: -5.1222,
			radiusKm: 80
		});
	});

	it('reads a circle around a place, 100 km when no radius is given', () => {
		expect(parse('near=Utrecht').choice).toEqual({ kind: 'place', near: 'Utrecht', radiusKm: 100 });
		expect(parse('near=+Leeds+&km=250').choice).toEqual({
			kind: 'place',
			near: 'Leeds',
			radiusKm: 250
		});
	});

	it('reads a country in either case, and a congregation', () => {
		expect(parse('country=gb').choice).toEqual({ kind: 'country', country: 'GB' });
		expect(parse(`congregation=${congregationId}`).choice).toEqual({
			kind: 'congregation',
			congregationId
		});
	});

	it('says what is wrong with each field, keeping what was typed', () => {
		expect(parse('near=Utrecht&km=1001')).toEqual({
			choice: null,
			values: expect.objectContaining({ near: 'Utrecht', radiusKm: '1001' }),
			errors: { radiusKm: 'Give a radius in whole km, from 1 to 1000.' }
		});
		expect(parse('lat=95&lng=abc&km=0')).toMatchObject({
			errors: {
				lat: 'The circle’s centre needs a latitude from -90 to 90.',
				lng: 'The circle’s centre needs a longitude from -180 to 180.',
				radiusKm: 'Give a radius in whole km, from 1 to 1000.'
			}
		});
		expect(parse('near=U').errors).toEqual({ near: 'Type at least 2 letters of a town or city.' });
		expect(parse('km=50').errors).toEqual({ near: 'Give a place to draw the circle around.' });
		expect(parse('country=Britain').errors).toEqual({ country: 'Choose a country from the list.' });
		expect(parse('congregation=42').errors).toEqual({
			congregation: 'Choose a congregation from the list.'
		});
	});
});

describe('planRegionArgument', () => {
	it('is what plan_region takes for each kind of region', () => {
		expect(planRegionArgument({ kind: 'circle', lat: 52, lng: 5, radiusKm: 80 })).toEqual({
			lat: 52,
			lng: 5,
			radius_km: 80
		});
		expect(planRegionArgument({ kind: 'country', country: 'NL' })).toEqual({ country: 'NL' });
		expect(planRegionArgument({ kind: 'congregation', congregationId })).toEqual({
			congregation_id: congregationId
		});
	});
});

describe('circleSearch', () => {
	it('links to a drawn circle, its centre to four decimals', () => {
		expect(circleSearch({ lat: 52.090812, lng: -5.12226, radiusKm: 80 })).toBe(
			'?lat=52.0908&lng=-5.1223&km=80'
		);
	});
});
