import { describe, expect, it } from 'vitest';
import { datesLine, seatsLine, seatsOpen } from './item-lines';

describe('seatsLine', () => {
	it('counts the open seats of a crew against its size', () => {
		expect(seatsLine({ kind: 'crew', status: 'open', size_limit: 6, seats_open: 3 })).toBe(
			'3 open seats of 6'
		);
		expect(seatsLine({ kind: 'crew', status: 'forming', size_limit: 8, seats_open: 1 })).toBe(
			'1 open seat of 8'
		);
	});

	it('says a crew with no seat left is full', () => {
		expect(seatsLine({ kind: 'crew', status: 'open', size_limit: 5, seats_open: 0 })).toBe('Full');
	});

	it('gives the status when seats are not counted', () => {
		expect(seatsLine({ kind: 'crew', status: 'paused', size_limit: 5, seats_open: null })).toBe(
			'Paused'
		);
		expect(seatsLine({ kind: 'congregation', status: 'open', size_limit: null })).toBe('Open');
	});

	it('says nothing about a person or a gathering', () => {
		expect(seatsLine({ kind: 'practitioner' })).toBeNull();
		expect(seatsLine({ kind: 'gathering', status: 'open' })).toBeNull();
	});
});

describe('datesLine', () => {
	it('ends an all-day camp on its last day, not at the midnight after it', () => {
		expect(
			datesLine({
				kind: 'gathering',
				starts_at: '2026-07-18T22:00:00Z',
				ends_at: '2026-07-23T22:00:00Z',
				time_zone: 'Europe/Berlin'
			})
		).toBe('19–23 July 2026');
		expect(
			datesLine({
				kind: 'gathering',
				starts_at: '2027-05-01T04:00:00Z',
				ends_at: '2027-05-02T04:00:00Z',
				time_zone: 'America/New_York'
			})
		).toBe('1 May 2027');
	});

	it('writes days in one month once', () => {
		expect(
			datesLine({
				kind: 'gathering',
				starts_at: '2027-07-10T08:00:00Z',
				ends_at: '2027-07-14T14:00:00Z',
				time_zone: 'Europe/Amsterdam'
			})
		).toBe('10–14 July 2027');
	});

	it('names both months when it spans two', () => {
		expect(
			datesLine({
				kind: 'gathering',
				starts_at: '2027-06-30T08:00:00Z',
				ends_at: '2027-07-02T14:00:00Z',
				time_zone: 'Europe/London'
			})
		).toBe('30 June – 2 July 2027');
	});

	it('gives a one-day gathering its times in its own time zone', () => {
		expect(
			datesLine({
				kind: 'gathering',
				starts_at: '2027-03-03T18:00:00Z',
				ends_at: '2027-03-03T19:30:00Z',
				time_zone: 'Europe/Amsterdam'
			})
		).toBe('3 March 2027, 19:00–20:30 CET');
	});

	it('uses the gathering’s day, not the reader’s: late UTC is the next day in Melbourne', () => {
		expect(
			datesLine({
				kind: 'gathering',
				starts_at: '2027-01-09T22:00:00Z',
				ends_at: '2027-01-11T06:00:00Z',
				time_zone: 'Australia/Melbourne'
			})
		).toBe('10–11 January 2027');
	});

	it('names both years across new year', () => {
		expect(
			datesLine({
				kind: 'gathering',
				starts_at: '2027-12-30T10:00:00Z',
				ends_at: '2028-01-02T10:00:00Z',
				time_zone: 'UTC'
			})
		).toBe('30 December 2027 – 2 January 2028');
	});

	it('says nothing about anything but a gathering', () => {
		expect(datesLine({ kind: 'crew', starts_at: '2027-01-01T00:00:00Z' })).toBeNull();
	});
});

describe('seatsOpen', () => {
	it('counts the seats a forming or open group has left', () => {
		expect(seatsOpen({ status: 'open', size_limit: 6, member_count: 4 })).toBe(2);
		expect(seatsOpen({ status: 'forming', size_limit: 8, member_count: 1 })).toBe(7);
	});

	it('never goes below zero', () => {
		expect(seatsOpen({ status: 'open', size_limit: 5, member_count: 7 })).toBe(0);
	});

	it('offers none without a size limit, or when the group is full, paused or closed', () => {
		expect(seatsOpen({ status: 'open', size_limit: null, member_count: 12 })).toBeNull();
		for (const status of ['full', 'paused', 'closed'] as const) {
			expect(seatsOpen({ status, size_limit: 6, member_count: 2 })).toBeNull();
		}
	});
});
