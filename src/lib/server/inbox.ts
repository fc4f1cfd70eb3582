import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { InboxNotification } from '$lib/inbox/inbox';
import { QueryError, refusalOf } from './query-error';

/**
 * The signed-in person's inbox, read and changed with their own request-scoped client: the
 * notifications are readable by their recipient only, and answering goes through the database's
 * functions, which check who may.
 */
type Client = SupabaseClient<Database>;

/**
 * A page of the inbox, newest first, with how many there are in all. The status of the request or
 * invitation each is about comes embedded, under the reader's own row-level security, so the page
 * knows which can still be answered in the same query.
 */
export async function listInbox(
	supabase: Client,
	{ page, pageSize }: { page: number; pageSize: number }
): Promise<{ notifications: InboxNotification[]; total: number }> {
	const from = (page - 1) * pageSize;
	const { data, error, count } = await supabase
		.from('notifications')
		.select(
			'id, kind, group_id, request_id, invitation_id, actor_name, group_name, gathering_id, gathering_name, body, created_at, read_at, request:group_requests(status), invitation:group_invitations(status)',
			{ count: 'exact' }
		)
		.order('created_at', { ascending: false })
		.order('id')
		.range(from, from + pageSize - 1);
	// PostgREST answers a page past the end with 416; the page then has nothing on it.
	if (error && error.code !== 'PGRST103') throw new QueryError('read your inbox', error);
	return { notifications: data ?? [], total: count ?? 0 };
}

/** Marks these of the caller's notifications read, or all of them (null); returns how many were unread. */
export async function markNotificationsRead(
	supabase: Client,
	ids: readonly string[] | null
): Promise<number> {
	const { data, error } = await supabase.rpc(
		'mark_notifications_read',
		ids === null ? {} : { ids: [...ids] }
	);
	if (error) throw new QueryError('mark your notifications read', error);
	return data;
}

/** What answering from the inbox came to: done, or refused with the database's reason. */
export type AnswerResult = { ok: true } | { ok: false; refusal: string };

/**
 * Answers an invitation or decides a request from the inbox, then marks the notification that
 * brought it read: answering it is reading it. A refusal (the crew filled up, the request was
 * withdrawn) leaves the notification unread.
 */
export async function answerFromInbox(
	supabase: Client,
	{
		notificationId,
		answer,
		accept
	}: {
		notificationId: string;
		answer: { kind: 'invitation' | 'request'; id: string };
		accept: boolean;
	}
): Promise<AnswerResult> {
	const { error } =
		answer.kind === 'invitation'
			? await supabase.rpc('answer_invitation', { invitation_id: answer.id, accept })
			: await supabase.rpc('decide_request', { request_id: answer.id, accept });
	if (error) {
		return { ok: false, refusal: refusalOf(`answer the ${answer.kind}`, error) };
	}
	await markNotificationsRead(supabase, [notificationId]);
	return { ok: true };
}
