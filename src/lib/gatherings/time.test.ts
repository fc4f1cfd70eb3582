import { describe, expect, it } from 'vitest';
import {
	addDays,
	allDayBounds,
	allDayDates,
	canonicalTimeZone,
	formatLocalDay,
	formatWhen,
	fromLocalInput,
	fromZoned,
	isTimeZone,
	localDate,
	localTime,
	offsetMinutes,
	readsDifferently,
	timeZoneNames,
	toLocalInput,
	toZoned
} from './time';

const at = (hour: number, minute = 0) => ({ hour, minute, second: 0 });

describe('time zone names', () => {
	it('accepts an IANA name spelled as the database spells it', () => {
		expect(isTimeZone('Europe/London')).toBe(true);
		expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
		expect(isTimeZone('UTC')).toBe(true);
	});

	it('refuses a made-up name, an offset and a wrongly cased name', () => {
		expect(isTimeZone('Europe/Atlantis')).toBe(false);
		expect(isTimeZone('')).toBe(false);
		expect(isTimeZone(' Europe/London')).toBe(false);
		expect(isTimeZone('europe/london')).toBe(false);
		expect(canonicalTimeZone('europe/london')).toBe('Europe/London');
		expect(canonicalTimeZone('Europe/Atlantis')).toBeNull();
	});

	it('lists the zones sorted, UTC among them', () => {
		const names = timeZoneNames();
		expect(names).toContain('UTC');
		expect(names).toContain('Pacific/Auckland');
		expect([...names].sort()).toEqual(names);
	});
});

describe('reading an instant in a zone', () => {
	it('reads the wall clock in winter and in summer', () => {
		expect(toZoned('2027-01-05T19:00:00Z', 'Europe/London')).toEqual({
			year: 2027,
			month: 1,
			day: 5,
			...at(19)
		});
		expect(toZoned('2027-07-06T18:00:00Z', 'Europe/London')).toEqual({
			year: 2027,
			month: 7,
			day: 6,
			...at(19)
		});
		expect(offsetMinutes('2027-07-06T18:00:00Z', 'Europe/London')).toBe(60);
		expect(offsetMinutes('2027-01-05T18:00:00Z', 'America/New_York')).toBe(-300);
		expect(offsetMinutes('2027-01-05T18:00:00Z', 'Asia/Kolkata')).toBe(330);
	});

	it('crosses the date line the way the zone does', () => {
		expect(localDate('2027-01-05T19:00:00Z', 'Pacific/Auckland')).toBe('2027-01-06');
		expect(localTime('2027-01-05T19:00:00Z', 'Pacific/Auckland')).toBe('08:00');
	});
});

describe('turning a wall-clock time in a zone into an instant', () => {
	it('uses the offset in force on that day', () => {
		expect(
			fromZoned({ year: 2027, month: 1, day: 5, ...at(19) }, 'Europe/London').toISOString()
		).toBe('2027-01-05T19:00:00.000Z');
		expect(
			fromZoned({ year: 2027, month: 7, day: 6, ...at(19) }, 'Europe/London').toISOString()
		).toBe('2027-07-06T18:00:00.000Z');
		expect(
			fromZoned({ year: 2027, month: 7, day: 6, ...at(19) }, 'Australia/Sydney').toISOString()
		).toBe('2027-07-06T09:00:00.000Z');
	});

	describe('when the clocks go forward and the time does not exist', () => {
		it('moves it forward by the gap, as calendar apps do', () => {
			// London skips 01:00-02:00 on 28 March 2027: 01:30 becomes 02:30 BST.
			expect(
				fromZoned({ year: 2027, month: 3, day: 28, ...at(1, 30) }, 'Europe/London').toISOString()
			).toBe('2027-03-28T01:30:00.000Z');
			// New York skips 02:00-03:00 on 14 March 2027: 02:30 becomes 03:30 EDT.
			expect(
				fromZoned({ year: 2027, month: 3, day: 14, ...at(2, 30) }, 'America/New_York').toISOString()
			).toBe('2027-03-14T07:30:00.000Z');
		});
	});

	it('reads RFC 5545’s own examples as it says (§3.3.5)', () => {
		// TZID=America/New_York:20070311T023000 is 3:30 EDT; …:20071104T013000 is 1:30 EDT.
		expect(
			fromZoned({ year: 2007, month: 3, day: 11, ...at(2, 30) }, 'America/New_York').toISOString()
		).toBe('2007-03-11T07:30:00.000Z');
		expect(
			fromZoned({ year: 2007, month: 11, day: 4, ...at(1, 30) }, 'America/New_York').toISOString()
		).toBe('2007-11-04T05:30:00.000Z');
	});

	describe('when the clocks go back and the time happens twice', () => {
		it('takes the first time', () => {
			// London repeats 01:00-02:00 on 31 October 2027: first in BST (00:30 UTC).
			expect(
				fromZoned({ year: 2027, month: 10, day: 31, ...at(1, 30) }, 'Europe/London').toISOString()
			).toBe('2027-10-31T00:30:00.000Z');
		});
	});

	it('reads a datetime-local input in the gathering’s zone and writes one back', () => {
		expect(fromLocalInput('2027-07-10T16:00', 'Europe/Berlin')).toBe('2027-07-10T14:00:00.000Z');
		expect(toLocalInput('2027-07-10T14:00:00Z', 'Europe/Berlin')).toBe('2027-07-10T16:00');
	});

	it('refuses what is not a date-time, an impossible date, and an unknown zone', () => {
		expect(fromLocalInput('', 'Europe/Berlin')).toBeNull();
		expect(fromLocalInput('next Tuesday', 'Europe/Berlin')).toBeNull();
		expect(fromLocalInput('2027-02-29T10:00', 'Europe/Berlin')).toBeNull();
		expect(fromLocalInput('2027-02-28T24:00', 'Europe/Berlin')).toBeNull();
		expect(fromLocalInput('2027-02-28T10:00', 'Mars/Olympus')).toBeNull();
		expect(fromLocalInput('2028-02-29T10:00', 'UTC')).toBe('2028-02-29T10:00:00.000Z');
	});
});

describe('all-day gatherings', () => {
	it('run from local midnight of the first day to local midnight after the last', () => {
		expect(
			allDayBounds({ firstDay: '2027-07-30', lastDay: '2027-08-01', timeZone: 'Europe/Berlin' })
		).toEqual({ startsAt: '2027-07-29T22:00:00.000Z', endsAt: '2027-08-01T22:00:00.000Z' });
	});

	it('keep their days across a daylight-saving change', () => {
		const bounds = allDayBounds({
			firstDay: '2027-10-29',
			lastDay: '2027-10-31',
			timeZone: 'Europe/London'
		});
		// Friday midnight is in BST, the Monday midnight after Sunday in GMT.
		expect(bounds).toEqual({
			startsAt: '2027-10-28T23:00:00.000Z',
			endsAt: '2027-11-01T00:00:00.000Z'
		});
		expect(allDayDates({ ...bounds, timeZone: 'Europe/London' })).toEqual({
			firstDay: '2027-10-29',
			lastDay: '2027-10-31'
		});
	});

	it('add days across months and leap years', () => {
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
		expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
		expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
	});
});

describe('how a time reads', () => {
	const call = {
		startsAt: '2027-01-05T19:00:00Z',
		endsAt: '2027-01-05T20:30:00Z',
		timeZone: 'Europe/London',
		allDay: false
	};

	it('gives the day, the times and the zone of the gathering', () => {
		expect(formatWhen(call)).toBe('Tue 5 Jan 2027, 19:00–20:30 GMT');
		expect(
			formatWhen({ ...call, startsAt: '2027-07-06T18:00:00Z', endsAt: '2027-07-06T19:30:00Z' })
		).toBe('Tue 6 Jul 2027, 19:00–20:30 BST');
	});

	it('gives the same times on another clock, on the day they fall there', () => {
		expect(formatWhen(call, 'America/New_York')).toBe('Tue 5 Jan 2027, 14:00–15:30 GMT-5');
		expect(formatWhen(call, 'Asia/Tokyo')).toBe('Wed 6 Jan 2027, 04:00–05:30 GMT+9');
	});

	it('names both days when a gathering runs past midnight', () => {
		expect(
			formatWhen({
				startsAt: '2027-07-10T14:00:00Z',
				endsAt: '2027-07-12T12:00:00Z',
				timeZone: 'Europe/London',
				allDay: false
			})
		).toBe('Sat 10 Jul 2027, 15:00 – Mon 12 Jul 2027, 13:00 BST');
	});

	it('gives days only for all-day gatherings, in the fewest words', () => {
		const days = (firstDay: string, lastDay: string) =>
			formatWhen({
				...allDayBounds({ firstDay, lastDay, timeZone: 'Europe/Berlin' }),
				timeZone: 'Europe/Berlin',
				allDay: true
			});
		expect(days('2027-07-30', '2027-07-30')).toBe('Fri 30 Jul 2027');
		expect(days('2027-07-09', '2027-07-11')).toBe('Fri 9 – Sun 11 Jul 2027');
		expect(days('2027-07-30', '2027-08-01')).toBe('Fri 30 Jul – Sun 1 Aug 2027');
		expect(days('2027-12-30', '2028-01-02')).toBe('Thu 30 Dec 2027 – Sun 2 Jan 2028');
		expect(formatLocalDay('2028-02-29')).toBe('Tue 29 Feb 2028');
	});

	describe('for a viewer in another zone', () => {
		it('reads differently when the clocks differ at that time', () => {
			expect(readsDifferently(call, 'America/New_York')).toBe(true);
			expect(readsDifferently(call, 'Europe/London')).toBe(false);
			// Lisbon keeps London's clock: nothing to add.
			expect(readsDifferently(call, 'Europe/Lisbon')).toBe(false);
		});

		it('never for all-day gatherings or an unknown zone', () => {
			expect(readsDifferently({ ...call, allDay: true }, 'America/New_York')).toBe(false);
			expect(readsDifferently(call, 'Nowhere/Else')).toBe(false);
		});
	});
});
