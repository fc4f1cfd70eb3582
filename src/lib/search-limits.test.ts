import { describe, expect, it } from 'vitest';
import { placeSearchProblem, SEARCH_LIMITS, searchLimitProblem } from './search-limits';

const params = (query: string) => new URLSearchParams(query);
const letters = (count: number) => 'ü'.repeat(count);

describe('searchLimitProblem', () => {
	it('takes searches up to their limits, counted in characters', () => {
		expect(searchLimitProblem(params(`q=${letters(100)}&near=${letters(100)}`))).toBeNull();
		expect(searchLimitProblem(params(`language=${letters(40)}`))).toBeNull();
		const tenLanguages = Array.from({ length: 10 }, (_, i) => `language=L${i}`).join('&');
		expect(searchLimitProblem(params(tenLanguages))).toBeNull();
		expect(searchLimitProblem(params(''))).toBeNull();
	});

	it('says which search is too long, and its limit', () => {
		expect(searchLimitProblem(params(`q=${letters(101)}`))).toBe(
			'A search (q) is at most 100 characters long.'
		);
		expect(searchLimitProblem(params(`near=${letters(101)}`))).toBe(
			'A place name (near) is at most 100 characters long.'
		);
		expect(searchLimitProblem(params(`language=Dutch&language=${letters(41)}`))).toBe(
			'A language is at most 40 characters long.'
		);
	});

	it('counts the languages asked for', () => {
		const many = Array.from({ length: 11 }, (_, i) => `language=L${i}`).join('&');
		expect(searchLimitProblem(params(many))).toBe('Search for at most 10 languages at once.');
	});

	it('ignores spaces around a search, and takes a gazetteer id as a place', () => {
		expect(searchLimitProblem(params(`q=${encodeURIComponent(`  ${letters(100)}  `)}`))).toBeNull();
		expect(searchLimitProblem(params('near=2745912'))).toBeNull();
	});
});

describe('placeSearchProblem', () => {
	it('takes a place name as long as the longest in the gazetteer, and refuses past the limit', () => {
		expect(placeSearchProblem('Chak Two Hundred Forty-nine Thal Development Authority')).toBeNull();
		expect(placeSearchProblem(letters(SEARCH_LIMITS.placeName))).toBeNull();
		expect(placeSearchProblem(letters(SEARCH_LIMITS.placeName + 1))).toBe(
			'A place name is at most 100 characters long.'
		);
	});
});
