import { describe, expect, it } from 'vitest';
import { pageCount, parsePageNumber } from './pagination';

describe('parsePageNumber', () => {
	it('starts at page 1 when no page is asked for', () => {
		expect(parsePageNumber(null)).toBe(1);
		expect(parsePageNumber('')).toBe(1);
	});

	it('reads a whole page number', () => {
		expect(parsePageNumber('3')).toBe(3);
	});

	it.each(['0', '-1', '2.5', 'two', '1e3', ' 2', '99999999999999999999'])('refuses %j', (value) => {
		expect(parsePageNumber(value)).toBeNull();
	});
});

describe('pageCount', () => {
	it('rounds a partial last page up', () => {
		expect(pageCount(21, 20)).toBe(2);
	});

	it('is exact for full pages', () => {
		expect(pageCount(40, 20)).toBe(2);
	});

	it('is one page for nobody', () => {
		expect(pageCount(0, 20)).toBe(1);
	});
});
