import { describe, expect, it } from 'vitest';
import { countGroupFilters, parseGroupFilters } from './group-filters';

function parse(query: string) {
	return parseGroupFilters(new URLSearchParams(query));
}

describe('parseGroupFilters', () => {
	it('reads every filter from the URL', () => {
		expect(
			parse('kind=crew&seats=1&forming=1&mode=online&language=Dutch&near=Ghent&km=25')
		).toEqual({
			filters: {
				kind: 'crew',
				seatsOpen: true,
				forming: true,
				meetingMode: 'online',
				language: 'Dutch',
				near: 'Ghent',
				withinKm: 25
			},
			problems: []
		});
	});

	it('filters nothing without parameters, and looks within 50 km of a place', () => {
		const { filters, problems } = parse('');
		expect(filters).toEqual({ seatsOpen: false, forming: false, near: '', withinKm: 50 });
		expect(countGroupFilters(filters)).toBe(0);
		expect(problems).toEqual([]);
	});

	it('says what is wrong with each parameter it cannot use', () => {
		expect(parse('kind=party&mode=telepathy&km=7').problems).toEqual([
			'“party” is not a kind of group: use crew or congregation.',
			'“telepathy” is not a way of meeting: use in_person, online, mixed.',
			'“7” is not a distance to look within: use one of 10, 25, 50, 100, 200 (km).'
		]);
		expect(parse(`language=${'x'.repeat(41)}`).problems).toEqual([
			'A language is at most 40 characters long.'
		]);
	});

	it('counts a place as one filter, and an empty checkbox as none', () => {
		expect(countGroupFilters(parse('near=Ghent&km=100&seats=').filters)).toBe(1);
	});
});
