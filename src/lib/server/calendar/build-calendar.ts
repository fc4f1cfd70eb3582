import { TZDate } from '@date-fns/tz';
import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Enums } from '$lib/database.types';
import {
	formatRule,
	parseRule,
	RecurrenceRuleError,
	type RecurrenceRule
} from '$lib/gatherings/recurrence';
import { localDate, toZoned } from '$lib/gatherings/time';
import { GATHERING_KIND_NAMES } from '$lib/groups/wording';

/**
 * iCalendar (RFC 5545) text for gatherings, written by ical-generator: one VEVENT per
 * gathering, a series as one VEVENT with its RRULE and its cancelled occurrences as EXDATEs,
 * times in the gathering's own zone (TZID) with a VTIMEZONE for each zone used, so a calendar
 * app keeps the call at 19:00 London time across the clock changes as the site does.
 *
 * Whatever is in `venue` goes into the file: the callers pass it only where the person the
 * file is for may read it (the private feed of a host or approved attendee, or their own
 * download); the public feed and anonymous downloads carry the public area label only.
 */

export interface CalendarVenue {
	address: string | null;
	lat: number | null;
	lng: number | null;
	online_url: string | null;
}

/** A gathering as the feeds' database functions return it (snake_case, as its columns). */
export interface CalendarGathering {
	id: string;
	kind: Enums<'gathering_kind'>;
	name: string;
	description: string;
	status: Enums<'gathering_status'>;
	starts_at: string;
	ends_at: string;
	time_zone: string;
	all_day: boolean;
	recurrence: string | null;
	cancelled_occurrences: string[] | null;
	meeting_mode: string;
	area_label: string | null;
	/** When it was last changed (LAST-MODIFIED), where the reader has it. */
	updated_at?: string;
	venue?: CalendarVenue | null;
}

export interface CalendarOptions {
	/** The calendar's name as a calendar app lists it. */
	name: string;
	description?: string;
	/** The site's origin ('https://map.example'): links to each gathering, and its UIDs. */
	siteOrigin: string;
	gatherings: readonly CalendarGathering[];
	/** How often a subscribed calendar app should fetch the feed again; none for a download. */
	refreshMinutes?: number;
	/** DTSTAMP, the time the file was made: fixed in tests. */
	now?: Date;
}

const PRODUCT = { company: 'Microsolidarity', product: 'Network map', language: 'EN' };

/**
 * How each status reads in a calendar app: a cancelled gathering stays, struck through where the
 * app does so and named so everywhere; a draft (only in its hosts' own download) is tentative.
 */
const STATUS_IN_CALENDAR: Record<
	CalendarGathering['status'],
	{ summary: string; status: ICalEventStatus }
> = {
	published: { summary: '', status: ICalEventStatus.CONFIRMED },
	cancelled: { summary: 'Cancelled: ', status: ICalEventStatus.CANCELLED },
	draft: { summary: 'Draft: ', status: ICalEventStatus.TENTATIVE }
};

/** The VTIMEZONE block of an IANA zone, from the library ical-generator's README suggests. */
function vtimezone(zone: string): string | null {
	const block = tzlib_get_ical_block(zone);
	return Array.isArray(block) ? block[0] : null;
}

function compactLocal(instant: string, zone: string): string {
	const local = toZoned(instant, zone);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${local.year}${pad(local.month)}${pad(local.day)}T${pad(local.hour)}${pad(local.minute)}${pad(local.second)}`;
}

function compactDate(instant: string, zone: string): string {
	return localDate(instant, zone).replaceAll('-', '');
}

/**
 * The RRULE and EXDATE lines, which ical-generator inserts as they are (its options object
 * has no ordinals such as 1TU). For an all-day series UNTIL is a date, as RFC 5545 wants
 * UNTIL of DTSTART's value type.
 */
function recurrenceLines(gathering: CalendarGathering): string | null {
	if (!gathering.recurrence) return null;
	let rule: RecurrenceRule;
	try {
		rule = parseRule(gathering.recurrence);
	} catch (error) {
		if (!(error instanceof RecurrenceRuleError)) throw error;
		// The database's check is a pattern, looser than the rule's meaning (it lets an ordinal
		// into a weekly BYDAY). One such rule must not take a whole feed down: the first
		// occurrence still goes in.
		console.warn(`Gathering ${gathering.id} has a repeat rule the calendar cannot use`, error);
		return null;
	}
	let ruleText = formatRule(rule);
	if (gathering.all_day && rule.until !== null) {
		ruleText = ruleText.replace(
			/UNTIL=[^;]+/,
			`UNTIL=${compactDate(rule.until, gathering.time_zone)}`
		);
	}
	const lines = [`RRULE:${ruleText}`];
	for (const cancelled of gathering.cancelled_occurrences ?? []) {
		lines.push(
			gathering.all_day
				? `EXDATE;VALUE=DATE:${compactDate(cancelled, gathering.time_zone)}`
				: `EXDATE;TZID=${gathering.time_zone}:${compactLocal(cancelled, gathering.time_zone)}`
		);
	}
	return lines.join('\r\n');
}

function locationOf(gathering: CalendarGathering) {
	const venue = gathering.venue;
	if (venue?.address) {
		return {
			title: venue.address,
			...(venue.lat !== null && venue.lng !== null
				? { geo: { lat: venue.lat, lon: venue.lng } }
				: {})
		};
	}
	if (gathering.meeting_mode === 'online') return venue?.online_url ?? 'Online';
	return gathering.area_label;
}

function descriptionOf(gathering: CalendarGathering, pageUrl: string): string {
	const parts = [gathering.description.trim()];
	if (gathering.venue?.online_url) parts.push(`Join online: ${gathering.venue.online_url}`);
	if (gathering.meeting_mode !== 'online' && !gathering.venue?.address) {
		parts.push('The exact place is shown to hosts and approved attendees.');
	}
	parts.push(`Details and sign-up: ${pageUrl}`);
	return parts.filter(Boolean).join('\n\n');
}

export function buildCalendar(options: CalendarOptions): string {
	const origin = new URL(options.siteOrigin);
	const calendar = new ICalCalendar({
		name: options.name,
		description: options.description,
		prodId: PRODUCT,
		ttl: options.refreshMinutes ? options.refreshMinutes * 60 : null,
		// A name without a generator writes X-WR-TIMEZONE for the calendar, which the events
		// do not need: each names its own zone.
		timezone: { name: null, generator: vtimezone }
	});
	for (const gathering of options.gatherings) {
		const zone = gathering.time_zone;
		const pageUrl = new URL(`/gatherings/${gathering.id}`, origin).href;
		const { summary, status } = STATUS_IN_CALENDAR[gathering.status];
		calendar.createEvent({
			id: `gathering-${gathering.id}@${origin.host}`,
			stamp: options.now ?? new Date(),
			lastModified: gathering.updated_at ? new Date(gathering.updated_at) : null,
			// TZDate reads its wall clock in the zone, which ical-generator writes with TZID;
			// a plain Date would be read in the server's own zone.
			start: new TZDate(gathering.starts_at, zone),
			end: new TZDate(gathering.ends_at, zone),
			timezone: zone,
			allDay: gathering.all_day,
			repeating: recurrenceLines(gathering),
			summary: `${summary}${gathering.name}`,
			description: descriptionOf(gathering, pageUrl),
			location: locationOf(gathering),
			url: pageUrl,
			status,
			categories: [{ name: GATHERING_KIND_NAMES[gathering.kind] }]
		});
	}
	return calendar.toString();
}
