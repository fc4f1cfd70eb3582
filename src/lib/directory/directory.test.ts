import { describe, expect, it } from 'vitest';
import { place } from '$lib/people/factories';
import {
	directoryKeysetQuery,
	directoryPageQuery,
	formatDistance,
	parseSort,
	placeGuessNotice
} from './directory';

describe('parseSort', () => {
	it('sorts by name when nothing is asked and no place is chosen', () => {
		expect(parseSort(null, { placeChosen: false })).toEqual({ sort: 'name' });
	});

	it('sorts by distance when a place is chosen and nothing else is asked', () => {
		expect(parseSort('', { placeChosen: true })).toEqual({ sort: 'distance' });
	});

	it('keeps an order asked for', () => {
		expect(parseSort('recent', { placeChosen: true })).toEqual({ sort: 'recent' });
	});

	it('says which orders exist when asked for another', () => {
		expect(parseSort('age', { placeChosen: false })).toEqual({
			sort: 'name',
			problem: '“age” is not a way to sort the directory: use name, recent, distance.'
		});
	});

	it('asks for a place to sort by distance from', () => {
		expect(parseSort('distance', { placeChosen: false })).toEqual({
			sort: 'name',
			problem: 'Choose a place (near) to sort by distance from it.'
		});
	});
});

describe('formatDistance', () => {
	it('says distances are approximate', () => {
		expect(formatDistance(20)).toBe('about 20 km');
		expect(formatDistance(1000)).toBe('about 1,000 km');
	});
});

describe('directoryPageQuery', () => {
	it('keeps the filters, order and place, and changes the page', () => {
		expect(directoryPageQuery(new URLSearchParams('near=Utrecht&stage=curious&page=3'), 4)).toBe(
			'?near=Utrecht&stage=curious&page=4'
		);
	});

	it('leaves the first page without a page number', () => {
		expect(directoryPageQuery(new URLSearchParams('page=2&q=bees'), 1)).toBe('?q=bees');
		expect(directoryPageQuery(new URLSearchParams('page=2'), 1)).toBe('');
	});
});

describe('directoryKeysetQuery', () => {
	it('keeps the filters, order and place, and puts the cursor and the page number after them', () => {
		expect(
			directoryKeysetQuery(new URLSearchParams('near=Utrecht&stage=curious&sort=recent'), {
				after: 'eyJuIjogIkFkYSJ9',
				page: 2
			})
		).toBe('?near=Utrecht&stage=curious&sort=recent&after=eyJuIjogIkFkYSJ9&page=2');
	});

	it('replaces the cursor and the page number of the page it is on', () => {
		expect(
			directoryKeysetQuery(new URLSearchParams('after=b2xk&page=2&language=English'), {
				after: 'bmV3',
				page: 3
			})
		).toBe('?language=English&after=bmV3&page=3');
	});

	it('leaves out a page number it does not know', () => {
		expect(directoryKeysetQuery(new URLSearchParams('q=bees'), { after: 'bmV3', page: null })).toBe(
			'?q=bees&after=bmV3'
		);
	});

	it('leaves the first page without a cursor or a page number', () => {
		expect(
			directoryKeysetQuery(new URLSearchParams('q=bees&after=b2xk&page=2&open_to=crewing'), null)
		).toBe('?q=bees&open_to=crewing');
		expect(directoryKeysetQuery(new URLSearchParams('after=b2xk&page=2'), null)).toBe('');
	});
});

describe('placeGuessNotice', () => {
	const utrecht = place();

	it('says nothing when the place was named, by name, full name or id, in any case', () => {
		for (const near of ['Utrecht', ' utrecht ', 'Utrecht, Netherlands', '2745912']) {
			expect(placeGuessNotice(near, utrecht)).toBeNull();
		}
	});

	it('says which place a misspelt or partial name was taken for', () => {
		expect(placeGuessNotice('Utrect', utrecht)).toBe(
			'No place is called “Utrect”: distances are from Utrecht, Netherlands, the closest match.'
		);
		expect(placeGuessNotice('Utr', utrecht)).toMatch(/from Utrecht, Netherlands/);
	});
});
