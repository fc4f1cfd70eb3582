import { expect } from 'vitest';
import type { Database } from '../../src/lib/database.types';
import { serviceClient, type Member } from './supabase';

export type ReportSubject = Database['public']['Enums']['report_subject'];
export type ReportReason = Database['public']['Enums']['report_reason'];

/**
 * Makes `member` a moderator the one way there is: a row written with the service key (what
 * `npm run admin -- grant-moderator` does). Arranging, not the thing tested.
 */
export async function makeModerator(member: Pick<Member, 'id'>): Promise<void> {
	const { error } = await serviceClient().from('moderators').insert({ profile_id: member.id });
	if (error) throw error;
}

/** `reporter` reports a subject through the API; the report's id. Throws if refused. */
export async function report(
	reporter: Member,
	subject: ReportSubject,
	subjectId: string,
	reason: ReportReason = 'harassment',
	details = ''
): Promise<string> {
	const { data, error } = await reporter.client.rpc('report', {
		subject,
		subject_id: subjectId,
		reason,
		details
	});
	if (error) throw error;
	return data;
}

/** `moderator` suspends a person (until lifted unless `until` says), through the API. */
export async function suspend(
	moderator: Member,
	person: Pick<Member, 'id'>,
	until: string | null = null
): Promise<void> {
	const { error } = await moderator.client.rpc('suspend_person', {
		profile_id: person.id,
		until: until ?? undefined,
		note: 'Arranged by a test'
	});
	if (error) throw error;
}

/** `moderator` lifts a person's suspension, through the API. */
export async function lift(moderator: Member, person: Pick<Member, 'id'>): Promise<void> {
	const { error } = await moderator.client.rpc('lift_suspension', { profile_id: person.id });
	if (error) throw error;
}

/** The refusal every moderator function gives to someone who is not one. */
export const NOT_A_MODERATOR = { code: '42501', message: 'Only moderators can do this.' };

/** The refusal every write of a suspended person gets. */
export const SUSPENDED = {
	code: '42501',
	message:
		'Your account is suspended: you can read, export or delete your data, and change nothing else.'
};

/** The report_outcome notifications in `member`'s inbox, read as they read them. */
export async function outcomesFor(member: Member) {
	const { data, error } = await member.client
		.from('notifications')
		.select('kind, body, actor_name, group_name, group_id')
		.eq('kind', 'report_outcome');
	expect(error).toBeNull();
	return data ?? [];
}
