import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type {
	ModerationAction,
	ModerationLogEntry,
	OpenReport,
	OwnSuspension,
	SuspendedPerson
} from '$lib/moderation/moderation';
import type { ReportReason, ReportSubject } from '$lib/moderation/reports';
import { QueryError, refusable, type Outcome } from './query-error';

/**
 * Reports and moderation, through the database's functions with the visitor's own client: who may
 * report what, who moderates, and what a suspended person may still do are all the database's
 * to decide (see the moderation migration). Nothing here uses the secret key.
 */
type Client = SupabaseClient<Database>;

/** What a report is about, as the report page names it, with where it is seen. */
export interface ReportedThing {
	name: string;
	/** Its page, or where the person received it. */
	href: string;
}

/**
 * The thing to report as the visitor sees it, or null when they cannot see it: the report page
 * then says there is nothing to report, as the database would.
 */
export async function readReportedThing(
	supabase: Client,
	{ subject, id }: { subject: ReportSubject; id: string }
): Promise<Omit<ReportedThing, 'href'> | null> {
	switch (subject) {
		case 'person': {
			const { data, error } = await supabase
				.from('profiles')
				.select('display_name')
				.eq('id', id)
				.maybeSingle();
			if (error) throw new QueryError('read the person to report', error);
			return data && { name: data.display_name };
		}
		case 'group': {
			const { data, error } = await supabase
				.from('groups')
				.select('name')
				.eq('id', id)
				.maybeSingle();
			if (error) throw new QueryError('read the group to report', error);
			return data && { name: data.name };
		}
		case 'gathering': {
			const { data, error } = await supabase
				.from('gatherings')
				.select('name')
				.eq('id', id)
				.maybeSingle();
			if (error) throw new QueryError('read the gathering to report', error);
			return data && { name: data.name };
		}
		case 'join_request': {
			const { data, error } = await supabase
				.from('group_requests')
				.select('requester_name, group:groups(name)')
				.eq('id', id)
				.maybeSingle();
			if (error) throw new QueryError('read the request to report', error);
			return (
				data && {
					name: `the request of ${data.requester_name || 'someone'} to join ${data.group?.name ?? 'a group'}`
				}
			);
		}
		case 'invitation': {
			const { data, error } = await supabase
				.from('group_invitations')
				.select('inviter_name, group:groups(name)')
				.eq('id', id)
				.maybeSingle();
			if (error) throw new QueryError('read the invitation to report', error);
			return (
				data && {
					name: `the invitation from ${data.inviter_name || 'someone'} to join ${data.group?.name ?? 'a group'}`
				}
			);
		}
	}
}

/** Files a report; the database refuses what may not be reported, and past its limits. */
export function fileReport(
	supabase: Client,
	report: { subject: ReportSubject; subjectId: string; reason: ReportReason; details: string }
): Promise<Outcome<string>> {
	return refusable(
		'send the report',
		supabase.rpc('report', {
			subject: report.subject,
			subject_id: report.subjectId,
			reason: report.reason,
			details: report.details
		})
	);
}

/** Whether the signed-in visitor moderates; the database checks again on every action. */
export async function amIModerator(supabase: Client): Promise<boolean> {
	const { data, error } = await supabase.rpc('am_i_moderator');
	if (error) throw new QueryError('check whether you moderate', error);
	return data;
}

/** What the moderation page shows: open reports, suspended people and the audit log. */
export async function readModeration(supabase: Client): Promise<{
	queue: OpenReport[];
	suspended: SuspendedPerson[];
	log: ModerationLogEntry[];
}> {
	const [queue, suspended, log] = await Promise.all([
		supabase.rpc('moderation_queue'),
		supabase.rpc('suspended_people'),
		supabase.rpc('moderation_log', { max_rows: 100 })
	]);
	if (queue.error) throw new QueryError('read the open reports', queue.error);
	if (suspended.error) throw new QueryError('read who is suspended', suspended.error);
	if (log.error) throw new QueryError('read the moderation log', log.error);
	return {
		queue: (queue.data ?? []) as unknown as OpenReport[],
		suspended: (suspended.data ?? []) as unknown as SuspendedPerson[],
		log: (log.data ?? []) as unknown as ModerationLogEntry[]
	};
}

/** Closes a report: dismissed, the item hidden, or the person suspended (`until` null: until lifted). */
export function moderateReport(
	supabase: Client,
	{
		reportId,
		action,
		until,
		note
	}: { reportId: string; action: ModerationAction; until: string | null; note: string }
): Promise<Outcome<undefined>> {
	return refusable(
		`${action} the report`,
		supabase.rpc('moderate', {
			report_id: reportId,
			action,
			// The function's default is null (until lifted); PostgREST takes an absent argument so.
			...(until ? { until } : {}),
			note
		})
	);
}

export function liftSuspension(
	supabase: Client,
	{ profileId, note }: { profileId: string; note: string }
): Promise<Outcome<undefined>> {
	return refusable(
		'lift the suspension',
		supabase.rpc('lift_suspension', { profile_id: profileId, note })
	);
}

/** The signed-in person's own suspension, or null when they are not suspended. */
export async function readOwnSuspension(supabase: Client): Promise<OwnSuspension | null> {
	const { data, error } = await supabase.rpc('my_suspension');
	if (error) throw new QueryError('read whether your account is suspended', error);
	return (data ?? null) as OwnSuspension | null;
}
