/**
 * Time for gatherings: a wall-clock time in an IANA zone ↔ an instant, and how a gathering's
 * time reads to people. Pure (Intl only), so the server, the browser and the tests agree.
 *
 * The exported API (other modules import it; keep it stable):
 *
 * - `LocalDateTime` { year, month (1-12), day, hour, minute, second }: a wall-clock reading.
 * - `canonicalTimeZone(name)` → the IANA name spelled as the database wants it, or null when
 *   it is not one (Intl accepts 'europe/london'; the database wants 'Europe/London').
 * - `isTimeZone(name)` → true for an IANA name spelled so (the database has the last word).
 * - `timeZoneNames()` → the IANA names this runtime knows, UTC included, sorted.
 * - `toZoned(instant, zone)` → the `LocalDateTime` an instant reads as in a zone.
 * - `fromZoned(local, zone)` → the instant (a Date) of a wall-clock reading in a zone. A time
 *   skipped by a daylight-saving change (02:30 on the spring-forward night) moves forward by the
 *   gap (03:30 summer time); a time that happens twice (the autumn night) takes the first.
 * - `offsetMinutes(instant, zone)` → the zone's offset from UTC at that instant (60 for BST).
 * - `localDate(instant, zone)` → 'YYYY-MM-DD'; `localTime(instant, zone)` → 'HH:MM'.
 * - `toLocalInput(instant, zone)` → 'YYYY-MM-DDTHH:MM', the value of an
 *   `<input type="datetime-local">`; `fromLocalInput(value, zone)` → an ISO instant
 *   ('…Z'), or null when the value is not a date-time.
 * - `addDays('YYYY-MM-DD', n)` → 'YYYY-MM-DD' (calendar arithmetic, no zone involved).
 * - `allDayBounds({ firstDay, lastDay, timeZone })` → { startsAt, endsAt } as the database stores
 *   all-day gatherings: local midnight of the first day, local midnight after the last day.
 * - `allDayDates({ startsAt, endsAt, timeZone })` → { firstDay, lastDay }, the inverse.
 * - `formatLocalDay('YYYY-MM-DD')` → 'Tue 5 Jan 2027'.
 * - `formatWhen(when, zone?)` → the time as people read it, in `zone` (default: the
 *   gathering's own), e.g. 'Tue 5 Jan 2027, 19:00–20:30 GMT', 'Fri 10 – Sun 12 Jul 2027'.
 *   `when` is { startsAt, endsAt, timeZone, allDay } (ISO strings or Dates).
 * - `readsDifferently(when, viewerZone)` → true when the viewer's clock shows a different time
 *   from the gathering's (then show both); never for all-day gatherings, whose days are days.
 */

export interface LocalDateTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** A gathering's time as the database stores it (the first occurrence for a series). */
export interface GatheringWhen {
	startsAt: string | Date;
	endsAt: string | Date;
	timeZone: string;
	allDay: boolean;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

// Formatters are costly to build and a feed of a hundred gatherings asks for thousands of readings.
const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
	let formatter = partFormatters.get(zone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		partFormatters.set(zone, formatter);
	}
	return formatter;
}

function toDate(instant: string | Date): Date {
	return instant instanceof Date ? instant : new Date(instant);
}

// Intl knows zones case-insensitively and some under older names (Asia/Calcutta for
// Asia/Kolkata); the database's list is case-sensitive and has both names.
const ZONE_SPELLING = /^[A-Z][A-Za-z0-9_+-]*(\/[A-Z][A-Za-z0-9_+-]*)*$/;

export function canonicalTimeZone(name: string): string | null {
	if (!name || name.trim() !== name) return null;
	let resolved: string;
	try {
		resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
	} catch {
		return null;
	}
	if (resolved.toLowerCase() === name.toLowerCase()) return resolved;
	return ZONE_SPELLING.test(name) ? name : resolved;
}

export function isTimeZone(name: string): boolean {
	return canonicalTimeZone(name) === name;
}

export function timeZoneNames(): string[] {
	const names = new Set(Intl.supportedValuesOf('timeZone'));
	// Node's list leaves UTC out although every Intl call accepts it.
	names.add('UTC');
	return [...names].sort();
}

export function toZoned(instant: string | Date, zone: string): LocalDateTime {
	const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
	for (const part of partsFormatter(zone).formatToParts(toDate(instant))) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	return {
		year: parts.year!,
		month: parts.month!,
		day: parts.day!,
		hour: parts.hour!,
		minute: parts.minute!,
		second: parts.second!
	};
}

// Years 0-99 would read as 1900-1999 in Date.UTC; gatherings are not held then.
function wallClockMs(local: LocalDateTime): number {
	return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

export function offsetMinutes(instant: string | Date, zone: string): number {
	const date = toDate(instant);
	const wholeSeconds = Math.floor(date.getTime() / 1000) * 1000;
	return (wallClockMs(toZoned(date, zone)) - wholeSeconds) / MINUTE;
}

export function fromZoned(local: LocalDateTime, zone: string): Date {
	const wall = wallClockMs(local);
	// Real zones change offset at most once in two days, so the offsets a day either side are
	// the two that can apply.
	const before = offsetMinutes(new Date(wall - DAY), zone);
	const after = offsetMinutes(new Date(wall + DAY), zone);
	const candidates = [wall - before * MINUTE, wall - after * MINUTE].filter(
		(utc) => wallClockMs(toZoned(new Date(utc), zone)) === wall
	);
	if (candidates.length > 0) return new Date(Math.min(...candidates));
	// The wall-clock time was skipped: read it with the offset before the change, which lands
	// after the gap by as much as it was into it.
	return new Date(wall - before * MINUTE);
}

function pad(value: number, width = 2): string {
	return String(value).padStart(width, '0');
}

function dateText(local: LocalDateTime): string {
	return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`;
}

export function localDate(instant: string | Date, zone: string): string {
	return dateText(toZoned(instant, zone));
}

export function localTime(instant: string | Date, zone: string): string {
	const local = toZoned(instant, zone);
	return `${pad(local.hour)}:${pad(local.minute)}`;
}

export function toLocalInput(instant: string | Date, zone: string): string {
	return `${localDate(instant, zone)}T${localTime(instant, zone)}`;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(year: number, month: number, day: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return year >= 1000 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function fromLocalInput(value: string, zone: string): string | null {
	const match = LOCAL_INPUT.exec(value.trim());
	if (!match || !isTimeZone(zone)) return null;
	const [year, month, day, hour, minute, second = 0] = match.slice(1).map((v) => Number(v ?? 0));
	if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
	return fromZoned({ year, month, day, hour, minute, second }, zone).toISOString();
}

function parseDate(day: string): { year: number; month: number; day: number } {
	const match = DATE_ONLY.exec(day);
	if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${day}`);
	const [year, month, date] = match.slice(1).map(Number);
	if (!isRealDate(year, month, date)) throw new RangeError(`Not a date: ${day}`);
	return { year, month, day: date };
}

export function addDays(day: string, days: number): string {
	const { year, month, day: date } = parseDate(day);
	const moved = new Date(Date.UTC(year, month - 1, date + days));
	return dateText({
		year: moved.getUTCFullYear(),
		month: moved.getUTCMonth() + 1,
		day: moved.getUTCDate(),
		hour: 0,
		minute: 0,
		second: 0
	});
}

function midnight(day: string, zone: string): Date {
	return fromZoned({ ...parseDate(day), hour: 0, minute: 0, second: 0 }, zone);
}

export function allDayBounds(days: { firstDay: string; lastDay: string; timeZone: string }): {
	startsAt: string;
	endsAt: string;
} {
	return {
		startsAt: midnight(days.firstDay, days.timeZone).toISOString(),
		endsAt: midnight(addDays(days.lastDay, 1), days.timeZone).toISOString()
	};
}

export function allDayDates(when: {
	startsAt: string | Date;
	endsAt: string | Date;
	timeZone: string;
}): { firstDay: string; lastDay: string } {
	const firstDay = localDate(when.startsAt, when.timeZone);
	// endsAt is the midnight after the last day; a minute before it is on the last day.
	const lastDay = localDate(new Date(toDate(when.endsAt).getTime() - MINUTE), when.timeZone);
	return { firstDay, lastDay: lastDay < firstDay ? firstDay : lastDay };
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${zone}|${JSON.stringify(options)}`;
	let made = dayFormatters.get(key);
	if (!made) {
		// en-GB: day before month, a 24-hour clock; fixed so server and browser render alike.
		made = new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...options });
		dayFormatters.set(key, made);
	}
	return made;
}

const DAY_PARTS: Intl.DateTimeFormatOptions = {
	weekday: 'short',
	day: 'numeric',
	month: 'short',
	year: 'numeric'
};

function formatDay(instant: Date, zone: string): string {
	return formatter(zone, DAY_PARTS).format(instant).replace(',', '');
}

export function formatLocalDay(day: string): string {
	return formatDay(midnight(day, 'UTC'), 'UTC');
}

function formatClock(instant: Date, zone: string): string {
	return formatter(zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

/** The zone's short name at that instant: 'GMT', 'BST', 'CET', 'GMT-5'. */
function zoneAbbreviation(instant: Date, zone: string): string {
	const part = formatter(zone, { timeZoneName: 'short' })
		.formatToParts(instant)
		.find((p) => p.type === 'timeZoneName');
	return part?.value ?? zone;
}

function formatAllDay(when: GatheringWhen): string {
	const { firstDay, lastDay } = allDayDates(when);
	if (firstDay === lastDay) return formatLocalDay(firstDay);
	const first = midnight(firstDay, 'UTC');
	const [firstYear, firstMonth] = firstDay.split('-');
	const [lastYear, lastMonth] = lastDay.split('-');
	const dayMonth = (d: Date) =>
		formatter('UTC', { weekday: 'short', day: 'numeric', month: 'short' })
			.format(d)
			.replace(',', '');
	const dayOnly = (d: Date) =>
		formatter('UTC', { weekday: 'short', day: 'numeric' }).format(d).replace(',', '');
	const lastText = formatLocalDay(lastDay);
	if (firstYear !== lastYear) return `${formatLocalDay(firstDay)} – ${lastText}`;
	if (firstMonth !== lastMonth) return `${dayMonth(first)} – ${lastText}`;
	return `${dayOnly(first)} – ${lastText}`;
}

export function formatWhen(when: GatheringWhen, zone: string = when.timeZone): string {
	if (when.allDay) return formatAllDay(when);
	const start = toDate(when.startsAt);
	const end = toDate(when.endsAt);
	const startDay = formatDay(start, zone);
	const endDay = formatDay(end, zone);
	const abbreviation = zoneAbbreviation(start, zone);
	if (startDay === endDay) {
		return `${startDay}, ${formatClock(start, zone)}–${formatClock(end, zone)} ${abbreviation}`;
	}
	const endAbbreviation = zoneAbbreviation(end, zone);
	const startPart =
		endAbbreviation === abbreviation
			? `${startDay}, ${formatClock(start, zone)}`
			: `${startDay}, ${formatClock(start, zone)} ${abbreviation}`;
	return `${startPart} – ${endDay}, ${formatClock(end, zone)} ${endAbbreviation}`;
}

export function readsDifferently(when: GatheringWhen, viewerZone: string): boolean {
	if (when.allDay || !isTimeZone(viewerZone)) return false;
	return [when.startsAt, when.endsAt].some(
		(instant) => offsetMinutes(instant, when.timeZone) !== offsetMinutes(instant, viewerZone)
	);
}
