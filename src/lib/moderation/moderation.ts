/**
 * What moderators see and do: the shapes of the database's moderation answers (`moderation_queue`,
 * `suspended_people`, `moderation_log`, `my_suspension`, all JSON built in SQL), what each action
 * is called, and how long a suspension lasts. The database decides who may do any of it.
 */
import type { ReportReason, ReportSubject } from './reports';

interface Someone {
	id: string;
	display_name: string | null;
}

/**
 * What the queue shows of the thing reported, by subject: a person (`display_name`, `bio`, the
 * public coarse `place_label`, `created_at`, `suspended_until`); a group (`name`, `description`,
 * `kind`, `hidden`); a gathering (`title`, `description`, `hidden`); a request or an invitation
 * (`message`, `from`, `group_name`, `hidden`). Never an exact point.
 */
export interface ReportContext {
	display_name?: string | null;
	bio?: string | null;
	place_label?: string | null;
	created_at?: string | null;
	/** Whether the person is suspended now; `suspended_until` null then means until lifted. */
	suspended?: boolean;
	suspended_until?: string | null;
	name?: string | null;
	title?: string | null;
	description?: string | null;
	kind?: string | null;
	message?: string | null;
	from?: Someone | null;
	group_name?: string | null;
	hidden?: boolean;
}

/** One open report, oldest first in the queue. */
export interface OpenReport {
	id: string;
	subject: ReportSubject;
	subject_id: string;
	reason: ReportReason;
	details: string;
	created_at: string;
	reporter: Someone | null;
	/** How many reports were ever made on the same thing, this one included. */
	reports_on_subject: number;
	context: ReportContext | null;
}

export interface SuspendedPerson {
	id: string;
	display_name: string | null;
	/** Null: until a moderator lifts it. */
	suspended_until: string | null;
	note: string | null;
	suspended_at: string;
}

export interface ModerationLogEntry {
	id: string;
	at: string;
	moderator: Someone | null;
	action: string;
	subject: string | null;
	subject_id: string | null;
	report_id: string | null;
	until: string | null;
	note: string | null;
}

/** The signed-in person's own suspension: `until` null means until a moderator lifts it. */
export interface OwnSuspension {
	until: string | null;
	since?: string;
	note?: string | null;
}

export type ModerationAction = 'dismiss' | 'hide' | 'suspend';

/** The things a report can be about that a moderator can hide; a person is suspended instead. */
export function canHide(subject: ReportSubject): boolean {
	return subject !== 'person';
}

/** How long a suspension lasts, as the form offers it. */
export const SUSPENSION_CHOICES = [
	{ value: '7', label: '7 days' },
	{ value: '30', label: '30 days' },
	{ value: 'lifted', label: 'Until a moderator lifts it' }
] as const;

export type SuspensionChoice = (typeof SUSPENSION_CHOICES)[number]['value'];

/** When a suspension chosen `now` ends: null for "until lifted", undefined for no such choice. */
export function suspensionEnd(choice: string, now: Date): string | null | undefined {
	if (choice === 'lifted') return null;
	if (choice !== '7' && choice !== '30') return undefined;
	return new Date(now.getTime() + Number(choice) * 24 * 60 * 60 * 1000).toISOString();
}

/** A moment as moderators read it: "3 December 2026 at 14:05 UTC". */
export function formatMoment(iso: string): string {
	return `${new Date(iso).toLocaleString('en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone: 'UTC'
	})} UTC`;
}

/** "until 10 December 2026 at 14:05 UTC", or "until a moderator lifts it". */
export function untilText(until: string | null): string {
	return until ? `until ${formatMoment(until)}` : 'until a moderator lifts it';
}

/** What each logged action is called. */
export const ACTION_NAMES: Record<string, string> = {
	dismiss: 'Dismissed a report',
	hide: 'Hid the item',
	suspend: 'Suspended',
	lift: 'Lifted a suspension'
};

/** What the page says once an action went through. */
export function doneText(action: ModerationAction | 'lift', who: string): string {
	const name = who.charAt(0).toUpperCase() + who.slice(1);
	switch (action) {
		case 'dismiss':
			return 'The report is dismissed: nothing changed, and the reporter is told no action was needed.';
		case 'hide':
			return `${name} is hidden from everyone but moderators, and the reporter is told action was taken.`;
		case 'suspend':
			return `${name} is suspended, and the reporter is told action was taken.`;
		case 'lift':
			return `${name}’s suspension is lifted.`;
	}
}
