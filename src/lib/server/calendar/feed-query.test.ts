import { describe, expect, it } from 'vitest';
import { feedSearch, parseFeedQuery } from './feed-query';

const parse = (search: string) => parseFeedQuery(new URLSearchParams(search));

describe('a public feed’s URL', () => {
	it('asks for everything when it says nothing', () => {
		expect(parse('')).toEqual({
			query: { kinds: [], country: null, near: null, withinKm: 50 }
		});
	});

	it('reads kinds given one by one or together, once each', () => {
		expect(parse('kind=camp&kind=call,camp')).toMatchObject({ query: { kinds: ['camp', 'call'] } });
	});

	it('reads a country in either case, and a place with a distance', () => {
		expect(parse('country=gb&near=Utrecht&within=100')).toEqual({
			query: { kinds: [], country: 'GB', near: 'Utrecht', withinKm: 100 }
		});
	});

	it.each([
		['kind=party', '“party” is not a kind of gathering'],
		['country=GBR', 'two-letter country code'],
		['within=100', 'within needs near'],
		['near=Utrecht&within=9', 'from 10 to 2000'],
		['near=Utrecht&within=2001', 'from 10 to 2000'],
		['near=Utrecht&within=ten', 'from 10 to 2000']
	])('says what is wrong with %j', (search, words) => {
		const parsed = parse(search);
		expect('problem' in parsed && parsed.problem).toContain(words);
	});

	it('is written back as it reads', () => {
		const search = feedSearch({ kinds: ['camp'], country: 'GB', near: 'Leeds', withinKm: 200 });
		expect(search).toBe('?kind=camp&country=GB&near=Leeds&within=200');
		expect(parse(search.slice(1))).toEqual({
			query: { kinds: ['camp'], country: 'GB', near: 'Leeds', withinKm: 200 }
		});
		expect(feedSearch({})).toBe('');
	});
});
