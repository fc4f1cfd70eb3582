import { describe, expect, it } from 'vitest';
import {
	countGatheringFilters,
	databaseFilters,
	isIsoDay,
	parseGatheringFilters
} from './gathering-filters';

const parse = (query: string) => parseGatheringFilters(new URLSearchParams(query));

describe('parseGatheringFilters', () => {
	it('lists upcoming gatherings of every kind by default', () => {
		const { filters, problems } = parse('');
		expect(problems).toEqual([]);
		expect(filters).toEqual({
			when: 'upcoming',
			kinds: [],
			from: '',
			to: '',
			q: '',
			near: '',
			withinKm: 50
		});
		expect(countGatheringFilters(filters)).toBe(0);
	});

	it('reads past camps and calls in a date range near a place', () => {
		const { filters, problems } = parse(
			'when=past&kind=camp&kind=call&kind=camp&from=2027-06-01&to=2027-08-31&near=Ghent&km=100&q=summer'
		);
		expect(problems).toEqual([]);
		expect(filters).toEqual({
			when: 'past',
			kinds: ['camp', 'call'],
			from: '2027-06-01',
			to: '2027-08-31',
			q: 'summer',
			near: 'Ghent',
			withinKm: 100
		});
		expect(countGatheringFilters(filters)).toBe(5);
		expect(databaseFilters(filters)).toEqual({
			when: 'past',
			kinds: ['camp', 'call'],
			from: '2027-06-01',
			to: '2027-08-31',
			q: 'summer'
		});
	});

	it('says what is wrong with each parameter it cannot use', () => {
		const { problems } = parse('when=soon&kind=party&from=2027-02-30&to=tomorrow&km=7');
		expect(problems).toEqual([
			'“soon” is not a time to list: use upcoming or past.',
			'“party” is not a kind of gathering: use camp, regional_gathering, congregation_meeting, call, program, workshop.',
			'“2027-02-30” is not a day to list from: write it as 2027-07-01.',
			'“tomorrow” is not a day to list to: write it as 2027-07-01.',
			'“7” is not a distance to look within: use one of 10, 25, 50, 100, 200 (km).'
		]);
	});

	it('refuses a range that ends before it starts', () => {
		expect(parse('from=2027-08-01&to=2027-07-01').problems).toEqual([
			'The last day (2027-07-01) is before the first (2027-08-01): swap them, or clear one.'
		]);
	});
});

describe('isIsoDay', () => {
	it('takes real days only', () => {
		expect(isIsoDay('2028-02-29')).toBe(true);
		expect(isIsoDay('2027-02-29')).toBe(false);
		expect(isIsoDay('2027-7-1')).toBe(false);
	});
});
