import { describe, expect, it } from 'vitest';
import {
	NO_RECURRENCE,
	monthlyChoices,
	readRecurrence,
	recurrenceFieldsOf,
	weekdayOf,
	type RecurrenceFields
} from './recurrence-fields';

const London = { timeZone: 'Europe/London' };

function fields(changes: Partial<RecurrenceFields>): RecurrenceFields {
	return { ...NO_RECURRENCE, ...changes };
}

describe('weekdayOf', () => {
	it('names the weekday of a calendar day as RRULE does', () => {
		expect(weekdayOf('2027-03-02')).toBe('TU');
		expect(weekdayOf('2027-03-07')).toBe('SU');
	});
});

describe('monthlyChoices', () => {
	it('offers the same date and the weekday’s place in the month', () => {
		expect(monthlyChoices('2027-03-02')).toEqual([
			{ value: '', label: 'On the 2nd' },
			{ value: '1TU', label: 'On the first Tuesday' }
		]);
	});

	it('offers the last weekday in the month’s last week, and no fifth one', () => {
		expect(monthlyChoices('2027-03-30')).toEqual([
			{ value: '', label: 'On the 30th' },
			{ value: '-1TU', label: 'On the last Tuesday' }
		]);
		expect(monthlyChoices('2027-03-23')).toEqual([
			{ value: '', label: 'On the 23rd' },
			{ value: '4TU', label: 'On the fourth Tuesday' }
		]);
		expect(monthlyChoices('2027-03-25').map(({ value }) => value)).toEqual(['', '4TH', '-1TH']);
	});
});

describe('readRecurrence', () => {
	it('reads no repeat as no rule', () => {
		expect(readRecurrence(NO_RECURRENCE, { startDay: '2027-03-02', ...London })).toEqual({
			rule: null,
			errors: {}
		});
	});

	it('writes the monthly network call on the first Tuesday', () => {
		const read = readRecurrence(fields({ repeat: 'MONTHLY', monthly_on: '1TU' }), {
			startDay: '2027-03-02',
			...London
		});
		expect(read).toEqual({ rule: 'FREQ=MONTHLY;BYDAY=1TU', errors: {} });
	});

	it('writes four workshops on Tuesdays and Thursdays', () => {
		const read = readRecurrence(
			fields({ repeat: 'WEEKLY', by_day: ['TH', 'TU'], repeat_end: 'count', count: '4' }),
			{ startDay: '2027-03-02', ...London }
		);
		expect(read.rule).toBe('FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4');
	});

	it('ends on the last second of the last day in the gathering’s zone', () => {
		const read = readRecurrence(
			fields({ repeat: 'WEEKLY', interval: '2', repeat_end: 'until', until: '2027-07-27' }),
			{ startDay: '2027-03-02', ...London }
		);
		// London is on summer time in July: midnight there is 23:00 UTC.
		expect(read.rule).toBe('FREQ=WEEKLY;INTERVAL=2;UNTIL=20270727T225959Z');
	});

	it('refuses weekly days that leave out the first one’s', () => {
		const read = readRecurrence(fields({ repeat: 'WEEKLY', by_day: ['WE'] }), {
			startDay: '2027-03-02',
			...London
		});
		expect(read.rule).toBeNull();
		expect(read.errors.by_day).toBe(
			'The first one is on a Tuesday: include it in the days, or change the start.'
		);
	});

	it('refuses a monthly day the first one is not on', () => {
		const read = readRecurrence(fields({ repeat: 'MONTHLY', monthly_on: '2TU' }), {
			startDay: '2027-03-02',
			...London
		});
		expect(read.errors.monthly_on).toBe(
			'The first one is not on that day of its month: choose the 2nd or the first Tuesday, or change the start.'
		);
	});

	it('refuses a count of one, an interval of zero and a last day before the first', () => {
		expect(
			readRecurrence(fields({ repeat: 'DAILY', repeat_end: 'count', count: '1' }), {
				startDay: '2027-03-02',
				...London
			}).errors.count
		).toMatch(/^Give how many times in all, from 2 to 500/);
		expect(
			readRecurrence(fields({ repeat: 'DAILY', interval: '0' }), {
				startDay: '2027-03-02',
				...London
			}).errors.interval
		).toMatch(/^Give a whole number from 1 to 12: 1 for every day/);
		expect(
			readRecurrence(fields({ repeat: 'DAILY', repeat_end: 'until', until: '2027-03-01' }), {
				startDay: '2027-03-02',
				...London
			}).errors.until
		).toBe('The last day comes after the first one: choose a later day.');
	});
});

describe('recurrenceFieldsOf', () => {
	it('gives back the fields a rule was written from', () => {
		expect(recurrenceFieldsOf('FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4', 'Europe/London')).toEqual(
			fields({ repeat: 'WEEKLY', by_day: ['TU', 'TH'], repeat_end: 'count', count: '4' })
		);
		expect(
			recurrenceFieldsOf('FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;UNTIL=20271231T235959Z', 'UTC')
		).toEqual(
			fields({
				repeat: 'MONTHLY',
				interval: '2',
				monthly_on: '-1FR',
				repeat_end: 'until',
				until: '2027-12-31'
			})
		);
	});
});
