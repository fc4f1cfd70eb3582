/**
 * The inbox: a person's notifications as the inbox page shows them, with what can be done from
 * it (answer an invitation, decide a request) and what the header says of it. What each
 * notification says is `$lib/notifications/wording`, shared with the emails.
 */
import { resolve } from '$app/paths';
import type { Enums, Tables } from '$lib/database.types';
import { notificationLink } from '$lib/notifications/wording';
import { isUuid } from '$lib/uuid';

type Notification = Tables<'notifications'>;
type RequestStatus = Enums<'request_status'>;

/** Notifications on one page of the inbox. */
export const INBOX_PAGE_SIZE = 20;

/**
 * One notification, as its recipient may read it, with the status of the request or invitation
 * it is about (null when there is none, or it is no longer the recipient's to read).
 */
export type InboxNotification = Pick<
	Notification,
	| 'id'
	| 'kind'
	| 'group_id'
	| 'request_id'
	| 'invitation_id'
	| 'actor_name'
	| 'group_name'
	| 'gathering_id'
	| 'gathering_name'
	| 'body'
	| 'created_at'
	| 'read_at'
> & {
	request: { status: RequestStatus } | null;
	invitation: { status: RequestStatus } | null;
};

/** What can be answered from the inbox: an open invitation to the recipient, an open request. */
export type InboxAnswer =
	{ kind: 'invitation'; id: string } | { kind: 'request'; id: string } | null;

export function answerFor(notification: InboxNotification): InboxAnswer {
	if (
		notification.kind === 'invitation_received' &&
		notification.invitation_id &&
		notification.invitation?.status === 'open'
	) {
		return { kind: 'invitation', id: notification.invitation_id };
	}
	if (
		notification.kind === 'request_received' &&
		notification.request_id &&
		notification.request?.status === 'open'
	) {
		return { kind: 'request', id: notification.request_id };
	}
	return null;
}

/**
 * What a person may report of what they received: a request to join a group they are in, or an
 * invitation sent to them. The database decides whether it is theirs to report.
 */
export function reportableOf(
	notification: Pick<InboxNotification, 'kind' | 'request_id' | 'invitation_id'>
): { subject: 'join_request' | 'invitation'; id: string; label: string } | null {
	if (notification.kind === 'request_received' && notification.request_id) {
		return { subject: 'join_request', id: notification.request_id, label: 'Report this request' };
	}
	if (notification.kind === 'invitation_received' && notification.invitation_id) {
		return {
			subject: 'invitation',
			id: notification.invitation_id,
			label: 'Report this invitation'
		};
	}
	return null;
}

/** What became of a request or invitation that is no longer open, said under it. */
export function outcomeOf(notification: InboxNotification): string | null {
	if (notification.kind === 'invitation_received') {
		const status = notification.invitation?.status;
		if (status === 'accepted') return 'You accepted this invitation.';
		if (status === 'declined') return 'You declined this invitation.';
		if (status === 'withdrawn') return 'The hosts took this invitation back.';
	}
	if (notification.kind === 'request_received') {
		const status = notification.request?.status;
		if (status === 'accepted') return 'This request was accepted.';
		if (status === 'declined') return 'This request was declined.';
		if (status === 'withdrawn') return 'They took this request back.';
	}
	return null;
}

/**
 * Where a notification's link goes from the inbox, and what it says: the crew radar for a radar
 * alert, the page of the gathering it is about, else the page of the group it is about (null once
 * that group or gathering is deleted). The emails send an invitation to the inbox, where it is
 * answered; in the inbox itself it links to its group.
 */
export function inboxLinkOf(
	notification: Pick<InboxNotification, 'kind' | 'group_id' | 'gathering_id'>
): { href: string; label: string } | null {
	const link = notificationLink(notification);
	if (notification.kind === 'radar_alert') return { href: resolve('/radar'), label: link.label };
	if (notification.gathering_id) {
		return {
			href: resolve('/gatherings/[id]', { id: notification.gathering_id }),
			label: link.label
		};
	}
	if (!notification.group_id) return null;
	return {
		href: resolve('/groups/[id]', { id: notification.group_id }),
		label: link.path === '/inbox' ? 'Open the group’s page' : link.label
	};
}

/**
 * Unread notifications are counted up to this many; from there the header says "99+". Counting
 * stops because the header counts them in the same query as the name, by their ids
 * (`readOwnHeader`).
 */
export const UNREAD_COUNTED_UP_TO = 100;

/** The unread count as the header shows it: "3", or "99+" once it is counted no further. */
export function unreadBadge(count: number): string {
	return count >= UNREAD_COUNTED_UP_TO ? `${UNREAD_COUNTED_UP_TO - 1}+` : String(count);
}

/** An answer posted from the inbox, or what is wrong with the post. */
export type PostedAnswer =
	| {
			notificationId: string;
			answer: { kind: 'invitation' | 'request'; id: string };
			accept: boolean;
	  }
	| { problem: string };

/**
 * Reads the accept or decline buttons of an inbox item: the notification, what it is about
 * (`answer_kind` and `answer_id`) and which button was pressed (`answer`).
 */
export function parseAnswer(form: FormData): PostedAnswer {
	const notificationId = String(form.get('notification_id') ?? '');
	const kind = form.get('answer_kind');
	const id = String(form.get('answer_id') ?? '');
	const answer = form.get('answer');
	if (
		!isUuid(notificationId) ||
		!isUuid(id) ||
		(kind !== 'invitation' && kind !== 'request') ||
		(answer !== 'accept' && answer !== 'decline')
	) {
		return { problem: 'Choose Accept or Decline on one of the items below.' };
	}
	return { notificationId, answer: { kind, id }, accept: answer === 'accept' };
}

/** What the inbox says once an answer went through. */
export function answeredText({
	kind,
	accept
}: {
	kind: 'invitation' | 'request';
	accept: boolean;
}) {
	if (kind === 'invitation') {
		return accept ? 'Invitation accepted: you are in the group now.' : 'Invitation declined.';
	}
	return accept ? 'Request accepted: they are in the group now.' : 'Request declined.';
}
