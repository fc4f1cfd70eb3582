import { describe, expect, it } from 'vitest';
import {
	describeRule,
	formatRule,
	occurrences,
	parseRule,
	RecurrenceRuleError,
	repeatsUntil,
	ruleProblem,
	untilEndOfDay
} from './recurrence';

const starts = (list: { startsAt: string }[]) => list.map((o) => o.startsAt);

// The monthly network call: first Tuesday, 19:00-20:30 London time.
const networkCall = {
	recurrence: 'FREQ=MONTHLY;BYDAY=1TU',
	startsAt: '2027-01-05T19:00:00Z',
	endsAt: '2027-01-05T20:30:00Z',
	timeZone: 'Europe/London'
};

describe('parsing a rule', () => {
	it('reads the parts the database accepts', () => {
		expect(parseRule('FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4')).toEqual({
			freq: 'WEEKLY',
			interval: 1,
			byDay: [
				{ weekday: 'TU', ordinal: null },
				{ weekday: 'TH', ordinal: null }
			],
			count: 4,
			until: null
		});
		expect(parseRule('FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;UNTIL=20271231T235959Z')).toEqual({
			freq: 'MONTHLY',
			interval: 2,
			byDay: [{ weekday: 'FR', ordinal: -1 }],
			count: null,
			until: '2027-12-31T23:59:59.000Z'
		});
	});

	it('reads a day named twice as named once', () => {
		expect(formatRule(parseRule('FREQ=WEEKLY;BYDAY=TU,TH,TU'))).toBe('FREQ=WEEKLY;BYDAY=TU,TH');
	});

	it('writes a rule back as it was read', () => {
		for (const text of [
			'FREQ=MONTHLY;BYDAY=1TU',
			'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4',
			'FREQ=DAILY;INTERVAL=3;UNTIL=20270301T120000Z',
			'FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR,2MO'
		]) {
			expect(formatRule(parseRule(text))).toBe(text);
		}
	});

	it.each([
		['', 'is not a NAME=VALUE part'],
		['FREQ=YEARLY', 'repeats DAILY, WEEKLY or MONTHLY'],
		['BYDAY=TU', 'needs FREQ'],
		['FREQ=WEEKLY;BYMONTHDAY=3', 'may not use BYMONTHDAY'],
		['FREQ=WEEKLY;BYDAY=1TU', 'Only a monthly repeat'],
		['FREQ=MONTHLY;BYDAY=6TU', '"6TU" is not a day'],
		['FREQ=WEEKLY;INTERVAL=0', 'INTERVAL must be a whole number from 1 to 99'],
		['FREQ=WEEKLY;COUNT=2;UNTIL=20270101T000000Z', 'not both'],
		['FREQ=WEEKLY;UNTIL=20270101', 'must be a UTC time'],
		['FREQ=WEEKLY;UNTIL=20270230T000000Z', 'not a real date'],
		['FREQ=WEEKLY;FREQ=DAILY', 'says FREQ twice']
	])('refuses %j with a sentence for people', (text, words) => {
		expect(() => parseRule(text)).toThrow(RecurrenceRuleError);
		expect(ruleProblem(text)).toContain(words);
	});
});

describe('checking a rule against the first date', () => {
	it('accepts a first date the rule produces', () => {
		expect(ruleProblem(networkCall.recurrence, networkCall)).toBeNull();
	});

	it('says which day the first date must be', () => {
		expect(
			ruleProblem('FREQ=MONTHLY;BYDAY=1TU', {
				startsAt: '2027-01-12T19:00:00Z',
				timeZone: 'Europe/London'
			})
		).toBe('The first date is not one the repeat produces: make it the first Tuesday.');
		expect(
			ruleProblem('FREQ=WEEKLY;BYDAY=TU,TH', {
				startsAt: '2027-01-06T19:00:00Z',
				timeZone: 'Europe/London'
			})
		).toBe('The first date is not one the repeat produces: make it Tuesday and Thursday.');
	});

	it('reads the first date in the gathering’s zone, not in UTC', () => {
		// 23:30 UTC on Monday is Tuesday morning in Berlin.
		expect(
			ruleProblem('FREQ=WEEKLY;BYDAY=TU', {
				startsAt: '2027-01-04T23:30:00Z',
				timeZone: 'Europe/Berlin'
			})
		).toBeNull();
	});

	it('refuses an end before the first date', () => {
		expect(
			ruleProblem('FREQ=WEEKLY;UNTIL=20261201T000000Z', {
				startsAt: '2027-01-05T19:00:00Z',
				timeZone: 'Europe/London'
			})
		).toBe('The repeat ends before the first date.');
	});
});

describe('expanding across a daylight-saving change', () => {
	it('keeps the monthly call at 19:00 London time, winter and summer', () => {
		expect(occurrences(networkCall, { limit: 5 })).toEqual([
			{
				startsAt: '2027-01-05T19:00:00.000Z',
				endsAt: '2027-01-05T20:30:00.000Z',
				cancelled: false
			},
			{
				startsAt: '2027-02-02T19:00:00.000Z',
				endsAt: '2027-02-02T20:30:00.000Z',
				cancelled: false
			},
			{
				startsAt: '2027-03-02T19:00:00.000Z',
				endsAt: '2027-03-02T20:30:00.000Z',
				cancelled: false
			},
			// BST from 28 March: 19:00 local is 18:00 UTC.
			{
				startsAt: '2027-04-06T18:00:00.000Z',
				endsAt: '2027-04-06T19:30:00.000Z',
				cancelled: false
			},
			{ startsAt: '2027-05-04T18:00:00.000Z', endsAt: '2027-05-04T19:30:00.000Z', cancelled: false }
		]);
	});

	it('keeps a weekly series on its wall clock in the week the clocks change', () => {
		// Program: Tuesdays and Thursdays 18:00-20:00 London, four sessions; BST starts Sun 28 March.
		const program = {
			recurrence: 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4',
			startsAt: '2027-03-23T18:00:00Z',
			endsAt: '2027-03-23T20:00:00Z',
			timeZone: 'Europe/London'
		};
		expect(starts(occurrences(program))).toEqual([
			'2027-03-23T18:00:00.000Z',
			'2027-03-25T18:00:00.000Z',
			'2027-03-30T17:00:00.000Z',
			'2027-04-01T17:00:00.000Z'
		]);
		expect(
			repeatsUntil(program.recurrence, program.startsAt, program.endsAt, program.timeZone)
		).toBe('2027-04-01T19:00:00.000Z');
	});

	it('follows the change on the other side of the world, in the other direction', () => {
		// Sydney leaves summer time on Sunday 4 April 2027 (UTC+11 → UTC+10).
		const daily = {
			recurrence: 'FREQ=DAILY;COUNT=3',
			startsAt: '2027-04-02T22:00:00Z', // Sat 3 April 09:00 AEDT
			endsAt: '2027-04-02T23:00:00Z',
			timeZone: 'Australia/Sydney'
		};
		expect(starts(occurrences(daily))).toEqual([
			'2027-04-02T22:00:00.000Z',
			'2027-04-03T23:00:00.000Z',
			'2027-04-04T23:00:00.000Z'
		]);
	});

	it('gives an occurrence the hour the change takes away, as a wall clock does', () => {
		// 00:30-02:30 London every night: on 28 March the clock jumps from 01:00 to 02:00.
		const night = {
			recurrence: 'FREQ=DAILY;COUNT=2',
			startsAt: '2027-03-27T00:30:00Z',
			endsAt: '2027-03-27T02:30:00Z',
			timeZone: 'Europe/London'
		};
		expect(occurrences(night)[1]).toEqual({
			startsAt: '2027-03-28T00:30:00.000Z',
			endsAt: '2027-03-28T01:30:00.000Z',
			cancelled: false
		});
	});

	it('moves a start the change skips forward by the gap', () => {
		const early = {
			recurrence: 'FREQ=WEEKLY;COUNT=2',
			startsAt: '2027-03-21T01:30:00Z', // Sun 01:30 GMT
			endsAt: '2027-03-21T03:00:00Z',
			timeZone: 'Europe/London'
		};
		// 01:30 does not exist on 28 March: it is 02:30 BST (01:30 UTC), ending 03:00 BST.
		expect(occurrences(early)[1]).toEqual({
			startsAt: '2027-03-28T01:30:00.000Z',
			endsAt: '2027-03-28T02:00:00.000Z',
			cancelled: false
		});
	});

	it('takes the first of the two when the change repeats the start time', () => {
		const nightly = {
			recurrence: 'FREQ=DAILY;COUNT=2',
			startsAt: '2027-10-30T00:30:00Z', // Sat 01:30 BST
			endsAt: '2027-10-30T01:15:00Z',
			timeZone: 'Europe/London'
		};
		// 01:30 happens twice on 31 October: first in BST (00:30 UTC); 02:15 is GMT by then.
		expect(occurrences(nightly)[1]).toEqual({
			startsAt: '2027-10-31T00:30:00.000Z',
			endsAt: '2027-10-31T02:15:00.000Z',
			cancelled: false
		});
	});

	it('keeps an all-day weekend camp from Friday to Sunday when the clocks go back', () => {
		const camp = {
			recurrence: 'FREQ=WEEKLY;COUNT=2',
			startsAt: '2027-10-21T23:00:00Z', // Fri 22 Oct, midnight BST
			endsAt: '2027-10-24T23:00:00Z', // Mon 25 Oct, midnight BST (GMT from 31 Oct)
			timeZone: 'Europe/London'
		};
		expect(occurrences(camp)[1]).toEqual({
			startsAt: '2027-10-28T23:00:00.000Z', // Fri 29 Oct, midnight BST
			endsAt: '2027-11-01T00:00:00.000Z', // Mon 1 Nov, midnight GMT
			cancelled: false
		});
	});
});

describe('expanding the rule', () => {
	it('finds the last Friday of each month, long months and short', () => {
		expect(
			starts(
				occurrences({
					recurrence: 'FREQ=MONTHLY;BYDAY=-1FR;COUNT=3',
					startsAt: '2027-01-29T12:00:00Z',
					endsAt: '2027-01-29T13:00:00Z',
					timeZone: 'UTC'
				})
			)
		).toEqual(['2027-01-29T12:00:00.000Z', '2027-02-26T12:00:00.000Z', '2027-03-26T12:00:00.000Z']);
	});

	it('skips the months without a fifth Monday or a 31st', () => {
		expect(
			starts(
				occurrences({
					recurrence: 'FREQ=MONTHLY;BYDAY=5MO;COUNT=3',
					startsAt: '2027-03-29T12:00:00Z',
					endsAt: '2027-03-29T13:00:00Z',
					timeZone: 'UTC'
				})
			)
		).toEqual(['2027-03-29T12:00:00.000Z', '2027-05-31T12:00:00.000Z', '2027-08-30T12:00:00.000Z']);
		expect(
			starts(
				occurrences({
					recurrence: 'FREQ=MONTHLY;COUNT=3',
					startsAt: '2027-01-31T12:00:00Z',
					endsAt: '2027-01-31T13:00:00Z',
					timeZone: 'UTC'
				})
			)
		).toEqual(['2027-01-31T12:00:00.000Z', '2027-03-31T12:00:00.000Z', '2027-05-31T12:00:00.000Z']);
	});

	it('steps every other week from the first week, Monday first', () => {
		expect(
			starts(
				occurrences({
					recurrence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;COUNT=4',
					startsAt: '2027-01-10T10:00:00Z', // Sunday: its week began Monday 4 January
					endsAt: '2027-01-10T11:00:00Z',
					timeZone: 'UTC'
				})
			)
		).toEqual([
			'2027-01-10T10:00:00.000Z',
			'2027-01-18T10:00:00.000Z',
			'2027-01-24T10:00:00.000Z',
			'2027-02-01T10:00:00.000Z'
		]);
	});

	it('stops at UNTIL, including an occurrence starting at that instant', () => {
		const weekly = {
			recurrence: 'FREQ=WEEKLY;UNTIL=20270119T190000Z',
			startsAt: '2027-01-05T19:00:00Z',
			endsAt: '2027-01-05T20:00:00Z',
			timeZone: 'Europe/London'
		};
		expect(starts(occurrences(weekly))).toEqual([
			'2027-01-05T19:00:00.000Z',
			'2027-01-12T19:00:00.000Z',
			'2027-01-19T19:00:00.000Z'
		]);
		expect(repeatsUntil(weekly.recurrence, weekly.startsAt, weekly.endsAt, weekly.timeZone)).toBe(
			'2027-01-19T20:00:00.000Z'
		);
	});

	it('lists the occurrences still to come and those going on now', () => {
		const list = occurrences(networkCall, { from: '2027-03-02T20:00:00Z', limit: 2 });
		expect(starts(list)).toEqual(['2027-03-02T19:00:00.000Z', '2027-04-06T18:00:00.000Z']);
		expect(
			starts(occurrences(networkCall, { from: '2027-03-02T20:30:00Z', to: '2027-06-01T18:00:00Z' }))
		).toEqual(['2027-04-06T18:00:00.000Z', '2027-05-04T18:00:00.000Z']);
	});

	it('marks cancelled occurrences and still counts them', () => {
		const program = {
			recurrence: 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4',
			startsAt: '2027-03-23T18:00:00Z',
			endsAt: '2027-03-23T20:00:00Z',
			timeZone: 'Europe/London',
			// As PostgREST writes a timestamptz.
			cancelledOccurrences: ['2027-03-30T17:00:00+00:00']
		};
		expect(occurrences(program).map((o) => o.cancelled)).toEqual([false, false, true, false]);
	});

	it('gives a single gathering one occurrence, and no end to its repeats', () => {
		const once = { ...networkCall, recurrence: null };
		expect(occurrences(once)).toEqual([
			{ startsAt: '2027-01-05T19:00:00.000Z', endsAt: '2027-01-05T20:30:00.000Z', cancelled: false }
		]);
		expect(repeatsUntil(null, once.startsAt, once.endsAt, once.timeZone)).toBeNull();
	});

	it('has no end for an open-ended series, and gives as many as asked', () => {
		expect(
			repeatsUntil(
				networkCall.recurrence,
				networkCall.startsAt,
				networkCall.endsAt,
				'Europe/London'
			)
		).toBeNull();
		expect(occurrences(networkCall, { limit: 30 })).toHaveLength(30);
		expect(occurrences(networkCall)).toHaveLength(100);
	});

	it('gives the UNTIL for a last day in the gathering’s zone', () => {
		expect(untilEndOfDay('2027-06-30', 'Europe/London')).toBe('20270630T225959Z');
		expect(untilEndOfDay('2027-12-31', 'UTC')).toBe('20271231T235959Z');
	});
});

describe('describing a rule', () => {
	it.each([
		['FREQ=MONTHLY;BYDAY=1TU', 'Every month on the first Tuesday'],
		['FREQ=MONTHLY;BYDAY=-1FR', 'Every month on the last Friday'],
		['FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4', 'Every week on Tuesday and Thursday, 4 times'],
		['FREQ=WEEKLY;INTERVAL=2', 'Every 2 weeks on Tuesday'],
		['FREQ=DAILY;COUNT=1', 'Every day, once'],
		['FREQ=MONTHLY', 'Every month on the 5th'],
		['FREQ=WEEKLY;UNTIL=20270630T225959Z', 'Every week on Tuesday, until Wed 30 Jun 2027']
	])('says %s as %j', (rule, words) => {
		expect(describeRule(rule, networkCall)).toBe(words);
	});
});
