/**
 * What a crew's or a gathering's entry on the map says besides its name: open seats, and dates
 * in the gathering's own time zone. Pure, so the list, the card and their tests agree.
 */
import type { Tables } from '$lib/database.types';
import type { MapItem, MapItemKind } from '$lib/map/map-items';
import { localTime } from '$lib/gatherings/time';
import { GROUP_STATUS_SHORT_NAMES } from './wording';

/**
 * The fields of an item these lines read: any map item, or a group's or a gathering's row with
 * its kind. The fields that do not apply to a kind are null or missing.
 */
export type GroupFacts = { kind: MapItemKind } & Partial<
	Pick<MapItem, 'status' | 'size_limit' | 'seats_open' | 'starts_at' | 'ends_at' | 'time_zone'>
>;

/**
 * How many more may join, as the map's data counts `seats_open`: only a forming or open group
 * with a size limit has seats to offer (never below zero); null otherwise.
 */
export function seatsOpen({
	status,
	size_limit,
	member_count
}: Pick<Tables<'groups'>, 'status' | 'size_limit' | 'member_count'>): number | null {
	if (size_limit === null || (status !== 'forming' && status !== 'open')) return null;
	return Math.max(size_limit - member_count, 0);
}

/**
 * "3 open seats of 6", "1 open seat of 8", "Full", or null when there is nothing to say (a
 * person, or a congregation without a size limit).
 */
export function seatsLine({ kind, status, size_limit, seats_open }: GroupFacts): string | null {
	if (kind !== 'crew' && kind !== 'congregation') return null;
	if (seats_open != null && size_limit != null) {
		if (seats_open === 0) return 'Full';
		return `${seats_open} open ${seats_open === 1 ? 'seat' : 'seats'} of ${size_limit}`;
	}
	return status ? GROUP_STATUS_SHORT_NAMES[status] : null;
}

/**
 * A gathering's dates where it happens: "10–14 July 2027", "30 June – 2 July 2027", or one day
 * with its times ("3 March 2027, 19:00–20:30 CET"). Null for anything else.
 */
export function datesLine({ kind, starts_at, ends_at, time_zone }: GroupFacts): string | null {
	if (kind !== 'gathering' || !starts_at || !ends_at) return null;
	const start = new Date(starts_at);
	const timeZone = time_zone ?? 'UTC';
	// An all-day gathering ends at local midnight after its last day (see gatherings/time.ts). The
	// map's data does not say which are all day, but one that starts and ends at midnight in its
	// own zone is: its last day is the one before its end.
	const allDay = localTime(start, timeZone) === '00:00' && localTime(ends_at, timeZone) === '00:00';
	const end = new Date(new Date(ends_at).getTime() - (allDay ? 60_000 : 0));
	const day = (date: Date) =>
		new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'long', day: 'numeric' })
			.formatToParts(date)
			.reduce<Record<string, string>>(
				(parts, { type, value }) => ({ ...parts, [type]: value }),
				{}
			);
	const [from, to] = [day(start), day(end)];
	if (from.year === to.year && from.month === to.month && from.day === to.day) {
		if (allDay) return `${from.day} ${from.month} ${from.year}`;
		const time = new Intl.DateTimeFormat('en-GB', {
			timeZone,
			hour: '2-digit',
			minute: '2-digit'
		});
		const zone =
			new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
				.formatToParts(end)
				.find(({ type }) => type === 'timeZoneName')?.value ?? timeZone;
		return `${from.day} ${from.month} ${from.year}, ${time.format(start)}–${time.format(end)} ${zone}`;
	}
	if (from.year === to.year && from.month === to.month) {
		return `${from.day}–${to.day} ${to.month} ${to.year}`;
	}
	if (from.year === to.year) return `${from.day} ${from.month} – ${to.day} ${to.month} ${to.year}`;
	return `${from.day} ${from.month} ${from.year} – ${to.day} ${to.month} ${to.year}`;
}
