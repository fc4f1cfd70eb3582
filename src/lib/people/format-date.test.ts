import { describe, expect, it } from 'vitest';
import { formatDate } from './format-date';

describe('formatDate', () => {
	it('writes the day, the month in words and the year', () => {
		expect(formatDate('2026-11-03T10:00:00Z')).toBe('3 November 2026');
	});

	it('reads the date in UTC, whatever the time zone of the offset given', () => {
		expect(formatDate('2026-11-03T23:30:00-02:00')).toBe('4 November 2026');
	});
});
