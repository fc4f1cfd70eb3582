import { describe, expect, it } from 'vitest';
import {
	filterParamsOf,
	mapUrlStateToSearchParams,
	parseMapUrlState,
	searchQuery,
	withQuery
} from './url-state';

const parse = (query: string) => parseMapUrlState(new URLSearchParams(query));

describe('parseMapUrlState', () => {
	it('reads the centre, zoom, shown layers and selection', () => {
		expect(parse('lat=52.09&lng=5.12&z=7.5&layers=practitioner,crew&sel=ada-1')).toEqual({
			view: { center: [5.12, 52.09], zoom: 7.5 },
			hiddenKinds: ['congregation', 'gathering'],
			selectedId: 'ada-1'
		});
	});

	it('is the default map for an empty query', () => {
		expect(parse('')).toEqual({ view: null, hiddenKinds: [], selectedId: null });
	});

	describe('when part of the view is missing or invalid', () => {
		it.each([
			['lat=52&lng=5', 'no zoom'],
			['lat=91&lng=5&z=3', 'a latitude off the map'],
			['lat=52&lng=181&z=3', 'a longitude past 180'],
			['lat=52&lng=5&z=11', 'a zoom deeper than the map goes'],
			['lat=abc&lng=5&z=3', 'a latitude that is not a number'],
			['lat=&lng=5&z=3', 'an empty latitude'],
			['lat=Infinity&lng=5&z=3', 'an infinite latitude']
		])('drops the view for %s (%s)', (query) => {
			expect(parse(query).view).toBeNull();
		});
	});

	it('hides every kind when layers is given but empty', () => {
		expect(parse('layers=').hiddenKinds).toEqual([
			'practitioner',
			'crew',
			'congregation',
			'gathering'
		]);
	});

	it('ignores unknown layers', () => {
		expect(parse('layers=crew,volcanoes').hiddenKinds).toEqual([
			'practitioner',
			'congregation',
			'gathering'
		]);
	});

	it('drops a selection that cannot be an id', () => {
		expect(parse('sel=%3Cscript%3E').selectedId).toBeNull();
		expect(parse(`sel=${'a'.repeat(65)}`).selectedId).toBeNull();
	});
});

describe('mapUrlStateToSearchParams', () => {
	it('writes the view rounded, the shown layers and the selection', () => {
		const params = mapUrlStateToSearchParams({
			view: { center: [5.123456, 52.098765], zoom: 7.4567 },
			hiddenKinds: ['gathering'],
			selectedId: 'ada-1'
		});

		expect(params.toString()).toBe(
			'lat=52.0988&lng=5.1235&z=7.46&layers=practitioner%2Ccrew%2Ccongregation&sel=ada-1'
		);
	});

	it('leaves out what is at its default', () => {
		expect(
			mapUrlStateToSearchParams({ view: null, hiddenKinds: [], selectedId: null }).toString()
		).toBe('');
	});

	it('keeps the filter params and replaces only its own', () => {
		const base = new URLSearchParams('q=gardening&open_to=crewing&lat=1&lng=2&z=3&sel=old');

		const params = mapUrlStateToSearchParams(
			{ view: { center: [5, 52], zoom: 4 }, hiddenKinds: [], selectedId: null },
			base
		);

		expect(params.toString()).toBe('q=gardening&open_to=crewing&lat=52&lng=5&z=4');
		expect(base.get('sel')).toBe('old');
	});

	it('wraps a longitude panned past the antimeridian', () => {
		const params = mapUrlStateToSearchParams({
			view: { center: [190.5, -17], zoom: 3 },
			hiddenKinds: [],
			selectedId: null
		});

		expect(params.get('lng')).toBe('-169.5');
	});

	it('reads back what it writes', () => {
		const state = {
			view: { center: [-9.14, 38.72] as [number, number], zoom: 6 },
			hiddenKinds: ['crew' as const],
			selectedId: 'x1'
		};

		expect(parseMapUrlState(mapUrlStateToSearchParams(state))).toEqual(state);
	});
});

describe('withQuery', () => {
	it('adds a query to a path, and nothing for an empty one', () => {
		expect(withQuery('/map', new URLSearchParams('q=garden'))).toBe('/map?q=garden');
		expect(withQuery('/map', new URLSearchParams())).toBe('/map');
	});
});

describe('filterParamsOf', () => {
	it('keeps the filters as written, and leaves out the map’s own parameters', () => {
		const params = new URLSearchParams(
			'lat=52&lng=5&z=9&open_to=crewing&open_to=hosting&q=garden&sel=ada&stage=nonsense'
		);
		expect(filterParamsOf(params).toString()).toBe(
			'open_to=crewing&open_to=hosting&stage=nonsense&q=garden'
		);
	});
});

describe('searchQuery', () => {
	it('puts the search in place of any before it, and drops the selection', () => {
		const params = new URLSearchParams('lat=52&lng=5&z=9&q=old&sel=ada&stage=hosting');
		expect(searchQuery(params, 'garden').toString()).toBe(
			'lat=52&lng=5&z=9&stage=hosting&q=garden'
		);
	});
});
