import { describe, expect, it } from 'vitest';
import { keysetPageNumber, pageCount, parsePageNumber } from './pagination';

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

describe('keysetPageNumber', () => {
	it('is 1 on the first page, found without a cursor', () => {
		expect(keysetPageNumber({ cursor: false, page: 1, pageCount: 3 })).toBe(1);
	});

	it('shows the number a cursor’s link carried', () => {
		expect(keysetPageNumber({ cursor: true, page: 3, pageCount: 3 })).toBe(3);
		expect(keysetPageNumber({ cursor: true, page: 7, pageCount: null })).toBe(7);
	});

	it('does not know the page when the number cannot be right', () => {
		expect(keysetPageNumber({ cursor: true, page: 1, pageCount: 3 })).toBeNull();
		expect(keysetPageNumber({ cursor: true, page: 4, pageCount: 3 })).toBeNull();
	});
});
