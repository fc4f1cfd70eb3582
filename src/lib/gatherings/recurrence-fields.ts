/**
 * The recurrence as the gathering form shows it (repeats daily, weekly on some days, or monthly on
 * the same date or on "the first Tuesday"; for ever, a number of times, or until a day) and the
 * RRULE the database keeps (`FREQ=MONTHLY;BYDAY=1TU`, the subset its check allows: FREQ, INTERVAL,
 * BYDAY, then COUNT or UNTIL). Pure: the form reads and writes rules through these, and
 * `recurrence.ts` expands them.
 */

import { localDate } from './time';
import {
	WEEKDAYS,
	WEEKDAY_NAMES,
	describeRule,
	formatRule,
	parseRule,
	untilEndOfDay,
	type ByDay,
	type Frequency,
	type Weekday
} from './recurrence';

export const REPEAT_CHOICES = [
	{ value: '', label: 'Does not repeat' },
	{ value: 'DAILY', label: 'Every day' },
	{ value: 'WEEKLY', label: 'Every week' },
	{ value: 'MONTHLY', label: 'Every month' }
] as const;

export const REPEAT_END_CHOICES = [
	{ value: 'never', label: 'Goes on until cancelled' },
	{ value: 'count', label: 'After a number of times' },
	{ value: 'until', label: 'On a last day' }
] as const;

/** The recurrence's fields as the form holds them, as typed. */
export interface RecurrenceFields {
	/** '' for none, else the frequency. */
	repeat: string;
	/** Every how many days, weeks or months: a whole number as typed, '' for 1. */
	interval: string;
	/** The weekdays of a weekly rule. */
	by_day: string[];
	/** A monthly rule's weekday with its ordinal ('1TU', '-1FR'), or '' for the same date. */
	monthly_on: string;
	/** 'never', 'count' or 'until'. */
	repeat_end: string;
	count: string;
	/** The last day, `YYYY-MM-DD`, in the gathering's zone. */
	until: string;
}

export const NO_RECURRENCE: RecurrenceFields = {
	repeat: '',
	interval: '',
	by_day: [],
	monthly_on: '',
	repeat_end: 'never',
	count: '',
	until: ''
};

/** The weekday of a calendar day (`YYYY-MM-DD`), as RRULE names it. */
export function weekdayOf(day: string): Weekday {
	const index = new Date(`${day}T00:00:00Z`).getUTCDay();
	return WEEKDAYS[(index + 6) % 7];
}

/**
 * The monthly choices a start day allows: the same date, its weekday's place in the month ("the
 * second Tuesday", not for a fifth one) and, in the month's last week, "the last Tuesday". Worded
 * as `describeRule` words the rule each makes.
 */
export function monthlyChoices(day: string): { value: string; label: string }[] {
	const date = new Date(`${day}T00:00:00Z`);
	if (Number.isNaN(date.getTime())) return [{ value: '', label: 'On the same date' }];
	const dayOfMonth = date.getUTCDate();
	const daysInMonth = new Date(
		Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)
	).getUTCDate();
	const weekday = weekdayOf(day);
	const nth = Math.ceil(dayOfMonth / 7);
	const values = [
		'',
		...(nth <= 4 ? [`${nth}${weekday}`] : []),
		...(dayOfMonth + 7 > daysInMonth ? [`-1${weekday}`] : [])
	];
	return values.map((value) => ({
		value,
		label: describeRule(`FREQ=MONTHLY${value ? `;BYDAY=${value}` : ''}`, {
			startsAt: date,
			timeZone: 'UTC'
		}).replace(/^Every month on/, 'On')
	}));
}

/** A monthly rule's BYDAY as the form offers it: the first to fourth, or the last, weekday. */
const MONTHLY_ON = /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/;

/** The most times a series repeats, and the longest gap: far beyond any real one. */
export const RECURRENCE_LIMITS = { count: 500, interval: 12 } as const;

export type RecurrenceErrors = Partial<Record<keyof RecurrenceFields, string>>;

function unitOf(frequency: Frequency): string {
	return frequency === 'DAILY' ? 'day' : frequency === 'WEEKLY' ? 'week' : 'month';
}

/**
 * The RRULE for the form's fields (see `recurrence.ts` for the subset), null when it does not
 * repeat, with a message per field that is wrong. `startDay` is the first day (`YYYY-MM-DD`) in
 * `timeZone`, when the form has one: a rule must produce the first date.
 */
export function readRecurrence(
	fields: RecurrenceFields,
	{ startDay, timeZone }: { startDay: string | null; timeZone: string | null }
): { rule: string | null; errors: RecurrenceErrors } {
	const errors: RecurrenceErrors = {};
	if (fields.repeat === '') return { rule: null, errors };
	if (fields.repeat !== 'DAILY' && fields.repeat !== 'WEEKLY' && fields.repeat !== 'MONTHLY') {
		errors.repeat = 'Choose how often it repeats, or that it does not.';
		return { rule: null, errors };
	}
	const freq: Frequency = fields.repeat;

	const intervalText = fields.interval.trim();
	const interval = intervalText === '' ? 1 : /^\d+$/.test(intervalText) ? Number(intervalText) : 0;
	if (!(interval >= 1 && interval <= RECURRENCE_LIMITS.interval)) {
		errors.interval = `Give a whole number from 1 to ${RECURRENCE_LIMITS.interval}: 1 for every ${unitOf(freq)}, 2 for every other.`;
	}

	let byDay: ByDay[] = [];
	if (freq === 'WEEKLY') {
		const days = WEEKDAYS.filter((day) => fields.by_day.includes(day));
		if (days.length !== new Set(fields.by_day).size) {
			errors.by_day = 'Choose the days of the week from the list.';
		} else if (startDay && days.length > 0 && !days.includes(weekdayOf(startDay))) {
			errors.by_day = `The first one is on a ${WEEKDAY_NAMES[weekdayOf(startDay)]}: include it in the days, or change the start.`;
		}
		byDay = days.map((weekday) => ({ weekday, ordinal: null }));
	}

	if (freq === 'MONTHLY' && fields.monthly_on !== '') {
		const match = MONTHLY_ON.exec(fields.monthly_on);
		if (!match) errors.monthly_on = 'Choose which day of the month from the list.';
		else if (
			startDay &&
			!monthlyChoices(startDay).some(({ value }) => value === fields.monthly_on)
		) {
			const offered = monthlyChoices(startDay)
				.map(({ label }) => label.replace(/^On /, ''))
				.join(' or ');
			errors.monthly_on = `The first one is not on that day of its month: choose ${offered}, or change the start.`;
		} else byDay = [{ weekday: match[2] as Weekday, ordinal: Number(match[1]) }];
	}

	let count: number | null = null;
	let until: string | null = null;
	if (fields.repeat_end === 'count') {
		const text = fields.count.trim();
		count = /^\d+$/.test(text) ? Number(text) : 0;
		if (!(count >= 2 && count <= RECURRENCE_LIMITS.count)) {
			errors.count = `Give how many times in all, from 2 to ${RECURRENCE_LIMITS.count}, like 4 for four sessions.`;
		}
	} else if (fields.repeat_end === 'until') {
		const day = fields.until.trim();
		if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
			errors.until = 'Give the last day as a date, like 2027-12-31.';
		} else if (startDay && day <= startDay) {
			errors.until = 'The last day comes after the first one: choose a later day.';
		} else if (timeZone) {
			const stamp = untilEndOfDay(day, timeZone);
			until = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`;
		}
	} else if (fields.repeat_end !== 'never') {
		errors.repeat_end = 'Choose when it stops repeating.';
	}

	if (Object.keys(errors).length > 0) return { rule: null, errors };
	return { rule: formatRule({ freq, interval, byDay, count, until }), errors };
}

/**
 * The form's fields for a saved rule, the last day of an UNTIL read in the gathering's zone. A
 * rule the form cannot show (a fifth Monday, several monthly days) shows as near as it can, and
 * the form's check says what to change.
 */
export function recurrenceFieldsOf(rule: string | null, timeZone: string): RecurrenceFields {
	if (!rule) return NO_RECURRENCE;
	const parsed = parseRule(rule);
	return {
		repeat: parsed.freq,
		interval: parsed.interval === 1 ? '' : String(parsed.interval),
		by_day: parsed.freq === 'WEEKLY' ? parsed.byDay.map(({ weekday }) => weekday) : [],
		monthly_on:
			parsed.freq === 'MONTHLY' && parsed.byDay.length > 0
				? `${parsed.byDay[0].ordinal ?? ''}${parsed.byDay[0].weekday}`
				: '',
		repeat_end: parsed.count !== null ? 'count' : parsed.until !== null ? 'until' : 'never',
		count: parsed.count === null ? '' : String(parsed.count),
		until: parsed.until === null ? '' : localDate(parsed.until, timeZone)
	};
}
