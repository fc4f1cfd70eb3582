/**
 * Recurring gatherings: the subset of RFC 5545 RRULE the database accepts, expanded in the
 * gathering's IANA zone so the wall clock holds across daylight-saving changes (the monthly
 * call stays at 19:00 in London in January and in July). Pure (Intl only, through ./time).
 *
 * The subset: FREQ=DAILY|WEEKLY|MONTHLY, optional INTERVAL, optional BYDAY (MO..SU; with an
 * ordinal 1..5 or -1..-5 for MONTHLY: 1TU is the first Tuesday, -1FR the last Friday), and
 * COUNT or UNTIL (UNTIL as UTC 'YYYYMMDDTHHMMSSZ'), written without the 'RRULE:' prefix, e.g.
 * 'FREQ=MONTHLY;BYDAY=1TU' or 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4'.
 *
 * Semantics (as RFC 5545, and as calendar apps read the feeds):
 * - The first occurrence is the gathering's own starts_at/ends_at and counts towards COUNT.
 *   A start that the rule would not produce is refused by `ruleProblem` with `first` given
 *   (RFC 5545 leaves such a series undefined, and calendar apps then disagree).
 * - Each occurrence keeps the first one's wall-clock start and end in the zone (and its length
 *   in days: a weekend camp stays Friday to Sunday), so it lasts an hour more or less across a
 *   daylight-saving change, as the clock on the wall says. A wall-clock time the change skips or
 *   repeats reads as RFC 5545 §3.3.10 says, "in the same manner as an explicit DATE-TIME"
 *   (§3.3.5): a skipped 01:30 is 02:30 summer time, a repeated 01:30 the first of the two (see
 *   `fromZoned` in ./time). (§3.3.10's other sentence, to ignore a "nonexistent local time",
 *   concerns times a BYHOUR-style part generates, which this subset has not; ical.net reads it
 *   so too: https://github.com/ical-org/ical.net/issues/681.)
 * - UNTIL includes an occurrence starting at that instant. A month without the day (the 31st,
 *   a fifth Monday) has no occurrence, it does not move.
 * - Cancelled occurrences (the gathering's cancelled_occurrences, EXDATE in a feed) still count
 *   towards COUNT; they come back marked `cancelled`.
 *
 * The exported API (other modules import it; keep it stable):
 *
 * - types `Frequency`, `Weekday`, `ByDay` { weekday, ordinal | null }, `RecurrenceRule`
 *   { freq, interval, byDay, count | null, until (ISO) | null }, `Occurrence`
 *   { startsAt, endsAt (ISO), cancelled }, `Series` { recurrence, startsAt, endsAt, timeZone,
 *   cancelledOccurrences? } (the gathering's columns, camel-cased).
 * - `WEEKDAYS` (MO … SU, Monday first) and `WEEKDAY_NAMES` ({ MO: 'Monday', … }).
 * - `parseRule(text)` → RecurrenceRule, or throws `RecurrenceRuleError` whose message is a
 *   sentence for people.
 * - `ruleProblem(text, first?)` → that sentence, or null when the rule is good; with
 *   `first` { startsAt, timeZone } also checks the first occurrence is one the rule produces
 *   and that UNTIL is not before it.
 * - `formatRule(rule)` → the canonical text ('FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4').
 * - `untilEndOfDay(day, timeZone)` → the UNTIL value for "the last one is on that day":
 *   the last second of 'YYYY-MM-DD' in the zone, as 'YYYYMMDDTHHMMSSZ'.
 * - `occurrences(series, { from?, to?, limit? })` → the occurrences in order, those still
 *   going on at `from` (ending after it) and starting before `to`; at most `limit` (default
 *   100). A series without recurrence has one occurrence.
 * - `repeatsUntil(rule, startsAt, endsAt, timeZone)` → the end of the last occurrence (ISO),
 *   what the database keeps in repeats_until; null for an open-ended rule or no rule.
 *   (Four positional parameters: the signature the issue's plan gave the other helpers.)
 * - `describeRule(text, first?)` → 'Every month on the first Tuesday', 'Every week on
 *   Tuesday and Thursday, 4 times', 'Every 2 weeks on Monday, until Tue 5 Jan 2027'.
 */

import { addDays, formatLocalDay, fromZoned, localDate, toZoned, type LocalDateTime } from './time';

export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY';
export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

export interface ByDay {
	weekday: Weekday;
	/** 1..5 or -1..-5 (MONTHLY only): the nth such day of the month, counted from its end when negative. */
	ordinal: number | null;
}

export interface RecurrenceRule {
	freq: Frequency;
	interval: number;
	byDay: ByDay[];
	count: number | null;
	/** ISO instant: occurrences starting after it do not happen. */
	until: string | null;
}

export interface Occurrence {
	startsAt: string;
	endsAt: string;
	cancelled: boolean;
}

export interface Series {
	recurrence: string | null;
	startsAt: string | Date;
	endsAt: string | Date;
	timeZone: string;
	cancelledOccurrences?: readonly string[] | null;
}

export class RecurrenceRuleError extends Error {
	override name = 'RecurrenceRuleError';
}

/** Monday first, as RFC 5545's default week start (WKST=MO). */
export const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** Each weekday's name, as descriptions and forms write it. */
export const WEEKDAY_NAMES: Record<Weekday, string> = {
	MO: 'Monday',
	TU: 'Tuesday',
	WE: 'Wednesday',
	TH: 'Thursday',
	FR: 'Friday',
	SA: 'Saturday',
	SU: 'Sunday'
};

const limits = {
	/** What a person might mean by "every N": more is a typing slip. */
	maxInterval: 99,
	/** A series of more than this many sessions is better open-ended. */
	maxCount: 1000,
	/** occurrences() returns at most this many unless asked for fewer. */
	defaultLimit: 100,
	/** Periods (days, weeks, months) walked before giving up on a rule that yields nothing. */
	maxPeriods: 100_000
};

const DAY = 86_400_000;
const UNTIL_FORMAT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const BY_DAY_FORMAT = /^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/;

function refuse(message: string): never {
	throw new RecurrenceRuleError(message);
}

function parseUntil(value: string): string {
	const match = UNTIL_FORMAT.exec(value);
	if (!match) refuse('The end of the repeat must be a UTC time such as 20270105T190000Z.');
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	const instant = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
	if (instant.getUTCDate() !== day || instant.getUTCMonth() !== month - 1 || hour > 23) {
		refuse('The end of the repeat is not a real date.');
	}
	if (minute > 59 || second > 59) refuse('The end of the repeat is not a real time.');
	return instant.toISOString();
}

function parsePositive(value: string, what: string, max: number): number {
	if (!/^[1-9]\d*$/.test(value) || Number(value) > max) {
		refuse(`${what} must be a whole number from 1 to ${max}.`);
	}
	return Number(value);
}

export function parseRule(text: string): RecurrenceRule {
	const parts = new Map<string, string>();
	for (const part of text.trim().split(';')) {
		const [name, value, ...rest] = part.split('=');
		if (!name || value === undefined || value === '' || rest.length > 0) {
			refuse(`"${part}" is not a NAME=VALUE part of a repeat rule.`);
		}
		const key = name.toUpperCase();
		if (parts.has(key)) refuse(`The repeat rule says ${key} twice.`);
		parts.set(key, value.toUpperCase());
	}
	for (const key of parts.keys()) {
		if (!['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL'].includes(key)) {
			refuse(`A repeat rule here may not use ${key}; use FREQ, INTERVAL, BYDAY, COUNT or UNTIL.`);
		}
	}
	const freq = parts.get('FREQ');
	if (!freq) refuse('A repeat rule needs FREQ (DAILY, WEEKLY or MONTHLY).');
	if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY') {
		refuse('A gathering repeats DAILY, WEEKLY or MONTHLY.');
	}
	const interval = parts.has('INTERVAL')
		? parsePositive(parts.get('INTERVAL')!, 'INTERVAL', limits.maxInterval)
		: 1;
	const count = parts.has('COUNT')
		? parsePositive(parts.get('COUNT')!, 'COUNT', limits.maxCount)
		: null;
	const until = parts.has('UNTIL') ? parseUntil(parts.get('UNTIL')!) : null;
	if (count !== null && until !== null)
		refuse('A repeat ends after a COUNT or on an UNTIL, not both.');
	const byDay: ByDay[] = [];
	if (parts.has('BYDAY')) {
		for (const item of parts.get('BYDAY')!.split(',')) {
			const match = BY_DAY_FORMAT.exec(item);
			if (!match) refuse(`"${item}" is not a day such as TU, or for a monthly repeat 1TU or -1FR.`);
			const ordinal = match[1] ? Number(match[1]) : null;
			if (ordinal !== null && freq !== 'MONTHLY') {
				refuse('Only a monthly repeat may name the first, second or last day (1TU, -1FR).');
			}
			const weekday = match[2] as Weekday;
			// A day named twice (the database's pattern lets TU,TU through) means it once.
			if (!byDay.some((d) => d.weekday === weekday && d.ordinal === ordinal)) {
				byDay.push({ weekday, ordinal });
			}
		}
	}
	return { freq, interval, byDay, count, until };
}

function formatUntil(iso: string): string {
	return iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function formatRule(rule: RecurrenceRule): string {
	const parts = [`FREQ=${rule.freq}`];
	if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
	if (rule.byDay.length > 0) {
		parts.push(`BYDAY=${rule.byDay.map((d) => `${d.ordinal ?? ''}${d.weekday}`).join(',')}`);
	}
	if (rule.count !== null) parts.push(`COUNT=${rule.count}`);
	if (rule.until !== null) parts.push(`UNTIL=${formatUntil(rule.until)}`);
	return parts.join(';');
}

export function untilEndOfDay(day: string, timeZone: string): string {
	const nextMidnight = fromZoned(
		{ ...dateParts(addDays(day, 1)), hour: 0, minute: 0, second: 0 },
		timeZone
	);
	return formatUntil(new Date(nextMidnight.getTime() - 1000).toISOString());
}

// Calendar days are counted as whole days since 1970-01-01, whatever the zone: the expansion
// works on the wall calendar and only turns days into instants at the end.

function dateParts(day: string): { year: number; month: number; day: number } {
	const [year, month, date] = day.split('-').map(Number);
	return { year, month, day: date };
}

function dayNumber(local: { year: number; month: number; day: number }): number {
	return Date.UTC(local.year, local.month - 1, local.day) / DAY;
}

function dayFields(dayNum: number): { year: number; month: number; day: number } {
	const date = new Date(dayNum * DAY);
	return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** 0 for Monday … 6 for Sunday. */
function weekdayIndex(dayNum: number): number {
	// 1970-01-01 was a Thursday.
	return (((dayNum + 3) % 7) + 7) % 7;
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthDays(rule: RecurrenceRule, year: number, month: number, firstDay: number): number[] {
	const start = dayNumber({ year, month, day: 1 });
	const length = daysInMonth(year, month);
	if (rule.byDay.length === 0) {
		return firstDay <= length ? [start + firstDay - 1] : [];
	}
	const days = new Set<number>();
	for (const { weekday, ordinal } of rule.byDay) {
		const wanted = WEEKDAYS.indexOf(weekday);
		const matching: number[] = [];
		for (let offset = 0; offset < length; offset++) {
			if (weekdayIndex(start + offset) === wanted) matching.push(start + offset);
		}
		if (ordinal === null) matching.forEach((d) => days.add(d));
		else {
			const picked = ordinal > 0 ? matching[ordinal - 1] : matching[matching.length + ordinal];
			if (picked !== undefined) days.add(picked);
		}
	}
	return [...days].sort((a, b) => a - b);
}

/** The days of one period (the k-th day, week or month of the rule), in order. */
function periodDays(rule: RecurrenceRule, first: number, period: number): number[] {
	const step = period * rule.interval;
	if (rule.freq === 'DAILY') {
		const day = first + step;
		const allowed = rule.byDay.map((d) => WEEKDAYS.indexOf(d.weekday));
		return allowed.length === 0 || allowed.includes(weekdayIndex(day)) ? [day] : [];
	}
	if (rule.freq === 'WEEKLY') {
		const monday = first - weekdayIndex(first) + 7 * step;
		const offsets =
			rule.byDay.length === 0
				? [weekdayIndex(first)]
				: [...new Set(rule.byDay.map((d) => WEEKDAYS.indexOf(d.weekday)))].sort((a, b) => a - b);
		return offsets.map((offset) => monday + offset);
	}
	const { year, month, day } = dayFields(first);
	const monthIndex = year * 12 + (month - 1) + step;
	return monthDays(rule, Math.floor(monthIndex / 12), (monthIndex % 12) + 1, day);
}

function atDay(dayNum: number, clock: LocalDateTime, timeZone: string): Date {
	return fromZoned(
		{ ...dayFields(dayNum), hour: clock.hour, minute: clock.minute, second: clock.second },
		timeZone
	);
}

/** Every occurrence in order until `stop` says so; the first is always the series' own. */
function* expand(series: Series, rule: RecurrenceRule | null): Generator<Occurrence> {
	const start = toZoned(series.startsAt, series.timeZone);
	const end = toZoned(series.endsAt, series.timeZone);
	const first = dayNumber(start);
	const length = dayNumber(end) - first;
	const cancelled = new Set((series.cancelledOccurrences ?? []).map((c) => new Date(c).getTime()));
	const occurrence = (day: number): Occurrence => {
		const startsAt = day === first ? new Date(series.startsAt) : atDay(day, start, series.timeZone);
		const endsAt =
			day === first ? new Date(series.endsAt) : atDay(day + length, end, series.timeZone);
		return {
			startsAt: startsAt.toISOString(),
			endsAt: endsAt.toISOString(),
			cancelled: cancelled.has(startsAt.getTime())
		};
	};
	yield occurrence(first);
	if (!rule) return;
	const until = rule.until === null ? Infinity : new Date(rule.until).getTime();
	let produced = 1;
	for (let period = 0; period < limits.maxPeriods; period++) {
		for (const day of periodDays(rule, first, period)) {
			if (day <= first) continue;
			if (rule.count !== null && produced >= rule.count) return;
			const next = occurrence(day);
			if (new Date(next.startsAt).getTime() > until) return;
			produced++;
			yield next;
		}
	}
}

export function occurrences(
	series: Series,
	window: { from?: string | Date; to?: string | Date; limit?: number } = {}
): Occurrence[] {
	const rule = series.recurrence ? parseRule(series.recurrence) : null;
	const from = window.from === undefined ? -Infinity : new Date(window.from).getTime();
	const to = window.to === undefined ? Infinity : new Date(window.to).getTime();
	const limit = window.limit ?? limits.defaultLimit;
	const found: Occurrence[] = [];
	if (limit <= 0) return found;
	for (const next of expand(series, rule)) {
		if (new Date(next.startsAt).getTime() >= to) break;
		if (new Date(next.endsAt).getTime() <= from) continue;
		found.push(next);
		if (found.length >= limit) break;
	}
	return found;
}

export function repeatsUntil(
	rule: string | null,
	startsAt: string | Date,
	endsAt: string | Date,
	timeZone: string
): string | null {
	if (!rule) return null;
	const parsed = parseRule(rule);
	if (parsed.count === null && parsed.until === null) return null;
	let last: Occurrence | null = null;
	for (const next of expand({ recurrence: rule, startsAt, endsAt, timeZone }, parsed)) last = next;
	return last!.endsAt;
}

export function ruleProblem(
	text: string,
	first?: { startsAt: string | Date; timeZone: string }
): string | null {
	let rule: RecurrenceRule;
	try {
		rule = parseRule(text);
	} catch (error) {
		if (error instanceof RecurrenceRuleError) return error.message;
		throw error;
	}
	if (!first) return null;
	if (rule.until !== null && new Date(rule.until) < new Date(first.startsAt)) {
		return 'The repeat ends before the first date.';
	}
	const start = dayNumber(toZoned(first.startsAt, first.timeZone));
	if (!periodDays(rule, start, 0).includes(start)) {
		return `The first date is not one the repeat produces: make it ${describeDays(rule, start)}.`;
	}
	return null;
}

const ORDINAL_WORDS: Record<string, string> = {
	'1': 'first',
	'2': 'second',
	'3': 'third',
	'4': 'fourth',
	'5': 'fifth',
	'-1': 'last',
	'-2': 'second-to-last',
	'-3': 'third-to-last',
	'-4': 'fourth-to-last',
	'-5': 'fifth-to-last'
};

function listWords(words: string[]): string {
	if (words.length <= 1) return words.join('');
	return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function dayOfMonthWord(day: number): string {
	const suffix =
		day % 10 === 1 && day !== 11
			? 'st'
			: day % 10 === 2 && day !== 12
				? 'nd'
				: day % 10 === 3 && day !== 13
					? 'rd'
					: 'th';
	return `the ${day}${suffix}`;
}

/** 'the first Tuesday', 'Tuesday and Thursday', 'the 15th': the days a period holds. */
function describeDays(rule: RecurrenceRule, first: number | null): string {
	if (rule.byDay.length > 0) {
		return listWords(
			rule.byDay.map(({ weekday, ordinal }) =>
				ordinal === null
					? WEEKDAY_NAMES[weekday]
					: `the ${ORDINAL_WORDS[String(ordinal)]} ${WEEKDAY_NAMES[weekday]}`
			)
		);
	}
	if (first === null) return '';
	if (rule.freq === 'MONTHLY') return dayOfMonthWord(dayFields(first).day);
	return WEEKDAY_NAMES[WEEKDAYS[weekdayIndex(first)]];
}

export function describeRule(
	text: string,
	first?: { startsAt: string | Date; timeZone: string }
): string {
	const rule = parseRule(text);
	const firstDay = first ? dayNumber(toZoned(first.startsAt, first.timeZone)) : null;
	const unit = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month' }[rule.freq];
	const every = rule.interval === 1 ? `Every ${unit}` : `Every ${rule.interval} ${unit}s`;
	const days = rule.freq === 'DAILY' && rule.byDay.length === 0 ? '' : describeDays(rule, firstDay);
	let description = days ? `${every} on ${days}` : every;
	if (rule.count !== null) description += rule.count === 1 ? ', once' : `, ${rule.count} times`;
	if (rule.until !== null) {
		description += `, until ${formatLocalDay(localDate(rule.until, first?.timeZone ?? 'UTC'))}`;
	}
	return description;
}
