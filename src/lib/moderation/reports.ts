/**
 * Reports: what can be reported, the reasons a person chooses from, what the report form posts
 * and what it says. The database (`public.report`) has the last word on who may report what, how
 * often, and how long the details may be; the form checks the same first, so a mistake is said
 * beside its field without a round trip.
 */
import { resolve } from '$app/paths';
import type { FieldChoice } from '$lib/components/ChoiceFieldset.svelte';
import type { Enums } from '$lib/database.types';

export type ReportSubject = Enums<'report_subject'>;
export type ReportReason = Enums<'report_reason'>;

/** Every kind of thing a report can be about, as the report page's address names it. */
export const REPORT_SUBJECTS: readonly ReportSubject[] = [
	'person',
	'group',
	'gathering',
	'join_request',
	'invitation'
];

export function isReportSubject(value: unknown): value is ReportSubject {
	return REPORT_SUBJECTS.includes(value as ReportSubject);
}

/** What a report of each kind is about, in running text: "Report {a person}". */
export const REPORT_SUBJECT_NAMES: Record<ReportSubject, string> = {
	person: 'a person',
	group: 'a crew or congregation',
	gathering: 'a gathering',
	join_request: 'a request to join',
	invitation: 'an invitation'
};

/** The reasons, in the order the form offers them, each with what it covers. */
export const REPORT_REASON_CHOICES = [
	{
		value: 'harassment',
		label: 'Harassment',
		description: 'Threats, insults, or contact someone asked to stop.'
	},
	{
		value: 'spam',
		label: 'Spam',
		description: 'Advertising, scams, or the same message sent again and again.'
	},
	{
		value: 'impersonation',
		label: 'Pretending to be someone else',
		description: 'A person, crew or gathering that is not who or what it says.'
	},
	{
		value: 'unsafe',
		label: 'Puts someone in danger',
		description: 'Violence, self-harm, or telling others where someone is without their say.'
	},
	{
		value: 'inappropriate',
		label: 'Inappropriate',
		description: 'Sexual, hateful or otherwise out of place on a community map.'
	},
	{ value: 'other', label: 'Something else', description: 'Say what in the details.' }
] as const satisfies readonly (FieldChoice & { value: ReportReason })[];

/** What a reason is called: "Puts someone in danger". */
export function reasonLabel(reason: ReportReason): string {
	return REPORT_REASON_CHOICES.find(({ value }) => value === reason)?.label ?? reason;
}

/** The longest details the database keeps. */
export const REPORT_DETAILS_MAX = 1000;

/** What the form says once a report is made. */
export const REPORT_THANKS =
	'Thanks: a moderator will look at it. We will tell you the outcome, not the details.';

/** The report page for one thing. */
export function reportHref(subject: ReportSubject, id: string): string {
	return resolve('/report/[subject]/[id]', { subject, id });
}

export interface ReportFields {
	reason: string;
	details: string;
}

export type ParsedReport =
	| { ok: true; reason: ReportReason; details: string }
	| { ok: false; errors: Partial<Record<keyof ReportFields, string>>; typed: ReportFields };

/** Reads the report form: a reason from the list, and details within the database's limit. */
export function parseReportForm(form: FormData): ParsedReport {
	const typed = {
		reason: String(form.get('reason') ?? ''),
		details: String(form.get('details') ?? '').trim()
	};
	const errors: Partial<Record<keyof ReportFields, string>> = {};
	const reason = REPORT_REASON_CHOICES.find(({ value }) => value === typed.reason)?.value;
	if (!reason) errors.reason = 'Choose the reason that fits best.';
	if ([...typed.details].length > REPORT_DETAILS_MAX) {
		errors.details = `Keep the details to ${REPORT_DETAILS_MAX} characters: these are ${[...typed.details].length}.`;
	}
	if (!reason || errors.details) return { ok: false, errors, typed };
	return { ok: true, reason, details: typed.details };
}
