import { describe, expect, it } from 'vitest';
import { parseViewParams, viewParams } from './view-params';

const parse = (query: string) => parseViewParams(new URLSearchParams(query));

describe('parseViewParams', () => {
	it('reads the box as [west, south, east, north] and a fractional zoom', () => {
		expect(parse('west=4.5&south=51.9&east=5.6&north=52.4&zoom=9.75')).toEqual({
			bounds: [4.5, 51.9, 5.6, 52.4],
			zoom: 9.75
		});
	});

	it('takes the whole world at zoom 0', () => {
		expect(parse('west=-180&south=-90&east=180&north=90&zoom=0')).toEqual({
			bounds: [-180, -90, 180, 90],
			zoom: 0
		});
	});

	it('takes a west edge east of the east edge: a box across the antimeridian', () => {
		expect(parse('west=170&south=-25&east=-170&north=-10&zoom=4')).toEqual({
			bounds: [170, -25, -170, -10],
			zoom: 4
		});
	});

	it('takes a box of no height, a single line of latitude', () => {
		expect(parse('west=1&south=2&east=3&north=2&zoom=24')).toEqual({
			bounds: [1, 2, 3, 2],
			zoom: 24
		});
	});

	describe('when a parameter is wrong', () => {
		const good = { west: '4.5', south: '51.9', east: '5.6', north: '52.4', zoom: '9' };
		const withParam = (name: string, value: string | null) => {
			const params = new URLSearchParams(good);
			if (value === null) params.delete(name);
			else params.set(name, value);
			return parseViewParams(params);
		};

		it.each([
			['west', null, 'west must be a number of degrees.'],
			['south', '', 'south must be a number of degrees.'],
			['east', 'abc', 'east must be a number of degrees.'],
			['north', 'Infinity', 'north must be a number of degrees.'],
			['west', '-180.5', 'west must be between -180 and 180 degrees.'],
			['east', '181', 'east must be between -180 and 180 degrees.'],
			['south', '-91', 'south must be between -90 and 90 degrees.'],
			['north', '90.01', 'north must be between -90 and 90 degrees.'],
			['south', '53', 'south must not be north of north.'],
			['zoom', null, 'zoom must be a number from 0 to 24.'],
			['zoom', 'NaN', 'zoom must be a number from 0 to 24.'],
			['zoom', '-1', 'zoom must be a number from 0 to 24.'],
			['zoom', '24.5', 'zoom must be a number from 0 to 24.']
		])('refuses %s = %s, saying so', (name, value, problem) => {
			expect(withParam(name, value)).toEqual({ problem });
		});
	});
});

describe('viewParams', () => {
	it('writes each edge and the zoom as its own parameter', () => {
		expect(viewParams([-3.25, 40.1, 1.5, 42], 6.5).toString()).toBe(
			'west=-3.25&south=40.1&east=1.5&north=42&zoom=6.5'
		);
	});

	it('round-trips through parseViewParams, exactly', () => {
		const bounds: [number, number, number, number] = [
			178.123456789, -19.987654321, -179.5, -15.000001
		];
		expect(parseViewParams(viewParams(bounds, 11.123456))).toEqual({ bounds, zoom: 11.123456 });
	});
});
