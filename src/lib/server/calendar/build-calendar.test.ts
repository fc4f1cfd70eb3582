import ICAL from 'ical.js';
import { describe, expect, it, vi } from 'vitest';
import { occurrences } from '$lib/gatherings/recurrence';
import { localDate } from '$lib/gatherings/time';
import { calendarEvents } from '../../../../tests/support/calendar';
import { buildCalendar, type CalendarGathering } from './build-calendar';

/**
 * Every calendar here is read back with ical.js, a parser written apart from ical-generator:
 * what a calendar app would make of the file is what is checked, not the text we meant.
 */

const siteOrigin = 'https://map.example';
const now = new Date('2027-01-01T00:00:00Z');

function gathering(fields: Partial<CalendarGathering> = {}): CalendarGathering {
	return {
		id: '00000000-0000-4000-8000-000000000001',
		kind: 'call',
		name: 'Network call',
		description: 'The monthly call of the network.',
		status: 'published',
		starts_at: '2027-01-05T19:00:00Z',
		ends_at: '2027-01-05T20:30:00Z',
		time_zone: 'Europe/London',
		all_day: false,
		recurrence: null,
		cancelled_occurrences: [],
		meeting_mode: 'online',
		area_label: null,
		...fields
	};
}

function build(...gatherings: CalendarGathering[]): string {
	return buildCalendar({ name: 'Gatherings', siteOrigin, now, gatherings });
}

function only(text: string): ICAL.Event {
	const [event, ...rest] = calendarEvents(text);
	expect(rest).toEqual([]);
	return event;
}

/** An instant as UTC, or a day ('2027-07-30') for an all-day gathering, which has no zone. */
function reading(time: ICAL.Time): string {
	return time.isDate ? time.toString() : time.toJSDate().toISOString();
}

/** Start and end of each occurrence a calendar app would show. */
function expanded(event: ICAL.Event, max = 50): { startsAt: string; endsAt: string }[] {
	const found = [];
	const iterator = event.iterator();
	for (let next = iterator.next(); next && found.length < max; next = iterator.next()) {
		const details = event.getOccurrenceDetails(next);
		found.push({ startsAt: reading(details.startDate), endsAt: reading(details.endDate) });
	}
	return found;
}

function ours(series: CalendarGathering, max = 50) {
	return occurrences(
		{
			recurrence: series.recurrence,
			startsAt: series.starts_at,
			endsAt: series.ends_at,
			timeZone: series.time_zone,
			cancelledOccurrences: series.cancelled_occurrences
		},
		{ limit: max }
	)
		.filter((o) => !o.cancelled)
		.map(({ startsAt, endsAt }) =>
			series.all_day
				? {
						startsAt: localDate(startsAt, series.time_zone),
						endsAt: localDate(endsAt, series.time_zone)
					}
				: { startsAt, endsAt }
		);
}

describe('the calendar file', () => {
	it('folds every line at 75 octets, even in the middle of accented text', () => {
		const description = 'Zusammenkunft für Menschen aus Köln, Düsseldorf und Münster — ✓ '.repeat(
			8
		);
		const text = build(gathering({ description }));
		const lines = text.split('\r\n');
		for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(5);
		expect(only(text).description).toContain(description.trim());
	});

	it('escapes commas, semicolons, backslashes and line breaks so they read back as written', () => {
		const name = 'Camp; north, south \\ east';
		const description = 'First line\nSecond line, with; everything \\ in it';
		const event = only(build(gathering({ name, description })));
		expect(event.summary).toBe(name);
		expect(event.description.startsWith(description)).toBe(true);
	});

	it('links each gathering to its page, and gives it a UID of its own that stays', () => {
		const first = gathering();
		const second = gathering({ id: '00000000-0000-4000-8000-000000000002' });
		const [a, b] = calendarEvents(build(first, second));
		expect(a.uid).toBe(`gathering-${first.id}@map.example`);
		expect(b.uid).toBe(`gathering-${second.id}@map.example`);
		expect(a.component.getFirstPropertyValue('url')).toBe(`${siteOrigin}/gatherings/${first.id}`);
		expect(a.description).toContain(`Details and sign-up: ${siteOrigin}/gatherings/${first.id}`);
		expect(only(build(first)).uid).toBe(a.uid);
	});

	it('marks a cancelled gathering as cancelled, and says so in its title', () => {
		const event = only(build(gathering({ status: 'cancelled' })));
		expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(event.summary).toBe('Cancelled: Network call');
	});

	it('marks a draft, which only its hosts download, as tentative', () => {
		const event = only(build(gathering({ status: 'draft' })));
		expect(event.component.getFirstPropertyValue('status')).toBe('TENTATIVE');
		expect(event.summary).toBe('Draft: Network call');
		expect(only(build(gathering())).component.getFirstPropertyValue('status')).toBe('CONFIRMED');
	});
});

describe('time zones', () => {
	it.each([
		['Europe/London', '2027-07-06T18:00:00Z', '20270706T190000'],
		['America/New_York', '2027-01-05T19:00:00Z', '20270105T140000'],
		['Australia/Sydney', '2027-01-05T08:00:00Z', '20270105T190000'],
		['Asia/Kolkata', '2027-01-05T13:30:00Z', '20270105T190000']
	])('writes a %s time on its wall clock, with the zone described', (zone, startsAt, wallClock) => {
		const endsAt = new Date(new Date(startsAt).getTime() + 3_600_000).toISOString();
		const text = build(gathering({ time_zone: zone, starts_at: startsAt, ends_at: endsAt }));
		expect(text).toContain(`DTSTART;TZID=${zone}:${wallClock}`);
		const calendar = new ICAL.Component(ICAL.parse(text));
		expect(
			calendar.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid'))
		).toEqual([zone]);
		const event = only(text);
		expect(event.startDate.zone?.tzid).toBe(zone);
		expect(event.startDate.toJSDate().toISOString()).toBe(new Date(startsAt).toISOString());
		expect(event.endDate.toJSDate().toISOString()).toBe(endsAt);
	});

	it('writes an all-day gathering as the days in its zone, not the UTC ones', () => {
		// Local midnight in Berlin is 22:00 UTC the day before.
		const event = only(
			build(
				gathering({
					kind: 'camp',
					all_day: true,
					time_zone: 'Europe/Berlin',
					starts_at: '2027-07-29T22:00:00Z',
					ends_at: '2027-08-01T22:00:00Z'
				})
			)
		);
		expect(event.startDate.isDate).toBe(true);
		expect(event.startDate.toString()).toBe('2027-07-30');
		expect(event.endDate.toString()).toBe('2027-08-02');
	});
});

describe('recurring gatherings', () => {
	const series: [string, Partial<CalendarGathering>][] = [
		['the monthly call, first Tuesday, London', { recurrence: 'FREQ=MONTHLY;BYDAY=1TU' }],
		[
			'a program of four sessions over the change to summer time',
			{
				kind: 'program',
				recurrence: 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4',
				starts_at: '2027-03-23T18:00:00Z',
				ends_at: '2027-03-23T20:00:00Z'
			}
		],
		[
			'the last Friday of the month in New York until the autumn',
			{
				recurrence: 'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271130T000000Z',
				time_zone: 'America/New_York',
				starts_at: '2027-01-29T23:00:00Z',
				ends_at: '2027-01-30T00:30:00Z'
			}
		],
		[
			'every other morning in Sydney as summer time ends',
			{
				recurrence: 'FREQ=DAILY;INTERVAL=2;COUNT=6',
				time_zone: 'Australia/Sydney',
				starts_at: '2027-03-30T22:00:00Z',
				ends_at: '2027-03-30T23:00:00Z'
			}
		],
		[
			'a weekend camp every four weeks, all day, over the change to winter time',
			{
				kind: 'camp',
				all_day: true,
				recurrence: 'FREQ=WEEKLY;INTERVAL=4;UNTIL=20271201T000000Z',
				time_zone: 'Europe/London',
				starts_at: '2027-09-02T23:00:00Z',
				ends_at: '2027-09-05T23:00:00Z'
			}
		]
	];

	// None of these starts on a wall-clock time a change skips or repeats: ical.js reads those
	// otherwise than RFC 5545 §3.3.5 (a skipped 01:30 as 00:30 GMT, a repeated one as the second),
	// where the site follows the RFC (see recurrence.ts).
	it.each(series)('%s: a calendar app finds the occurrences the site shows', (_, fields) => {
		const ofSeries = gathering(fields);
		const event = only(build(ofSeries));
		expect(event.isRecurring()).toBe(true);
		const theirs = expanded(event, 14);
		expect(theirs).toEqual(ours(ofSeries, 14));
		expect(theirs.length).toBeGreaterThan(3);
	});

	it('leaves out the cancelled occurrences (EXDATE) and keeps the rest', () => {
		const ofSeries = gathering({
			recurrence: 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4',
			starts_at: '2027-03-23T18:00:00Z',
			ends_at: '2027-03-23T20:00:00Z',
			cancelled_occurrences: ['2027-03-30T17:00:00+00:00']
		});
		const text = build(ofSeries);
		expect(text).toContain('EXDATE;TZID=Europe/London:20270330T180000');
		expect(expanded(only(text)).map((o) => o.startsAt)).toEqual([
			'2027-03-23T18:00:00.000Z',
			'2027-03-25T18:00:00.000Z',
			'2027-04-01T17:00:00.000Z'
		]);
	});

	it('writes an all-day series’ end and cancelled days as dates', () => {
		const text = build(
			gathering({
				all_day: true,
				recurrence: 'FREQ=WEEKLY;UNTIL=20270120T000000Z',
				time_zone: 'Europe/Berlin',
				starts_at: '2027-01-05T23:00:00Z',
				ends_at: '2027-01-06T23:00:00Z',
				cancelled_occurrences: ['2027-01-12T23:00:00Z']
			})
		);
		expect(text).toContain('RRULE:FREQ=WEEKLY;UNTIL=20270120\r\n');
		expect(text).toContain('EXDATE;VALUE=DATE:20270113\r\n');
		expect(expanded(only(text))).toEqual([
			{ startsAt: '2027-01-06', endsAt: '2027-01-07' },
			{ startsAt: '2027-01-20', endsAt: '2027-01-21' }
		]);
	});

	it('still gives the first occurrence of a gathering whose rule it cannot use', () => {
		// The database's pattern lets an ordinal into a weekly rule, which means nothing.
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const event = only(build(gathering({ recurrence: 'FREQ=WEEKLY;BYDAY=1TU' })));
		expect(warn).toHaveBeenCalledOnce();
		warn.mockRestore();
		expect(event.isRecurring()).toBe(false);
		expect(event.startDate.toJSDate().toISOString()).toBe('2027-01-05T19:00:00.000Z');
	});
});

describe('the place', () => {
	const inPerson = {
		kind: 'regional_gathering',
		meeting_mode: 'in_person',
		area_label: 'Near Utrecht, NL'
	} as const;

	it('gives only the public area, and says where the exact place is, without a venue', () => {
		const text = build(gathering(inPerson));
		const event = only(text);
		expect(event.location).toBe('Near Utrecht, NL');
		expect(event.component.getFirstProperty('geo')).toBeNull();
		expect(event.description).toContain(
			'The exact place is shown to hosts and approved attendees.'
		);
	});

	it('gives the address and its point with a venue', () => {
		const event = only(
			build(
				gathering({
					...inPerson,
					venue: { address: 'Oudegracht 1, Utrecht', lat: 52.0907, lng: 5.1214, online_url: null }
				})
			)
		);
		expect(event.location).toBe('Oudegracht 1, Utrecht');
		expect(event.component.getFirstPropertyValue('geo')).toEqual([52.0907, 5.1214]);
		expect(event.description).not.toContain('The exact place');
	});

	it('says "Online" for an online gathering, and gives the joining link only with a venue', () => {
		const link = 'https://meet.example/network-call';
		const without = build(gathering());
		expect(only(without).location).toBe('Online');
		expect(without).not.toContain('meet.example');
		const withVenue = only(
			build(gathering({ venue: { address: null, lat: null, lng: null, online_url: link } }))
		);
		expect(withVenue.location).toBe(link);
		expect(withVenue.description).toContain(`Join online: ${link}`);
	});
});
