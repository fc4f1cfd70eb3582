/** Test data: notifications as the inbox reads them. */
import type { InboxNotification } from './inbox';

export const CREW_ID = '7b0f1b1e-2f55-4c71-9d3e-0a5b2e6c9d10';

let made = 0;

/** An unread "Ada Fernhill asked to join Bristol Makers Crew", changed by `overrides`. */
export function inboxNotification(overrides: Partial<InboxNotification> = {}): InboxNotification {
	made += 1;
	return {
		id: `00000000-0000-4000-8000-${String(made).padStart(12, '0')}`,
		kind: 'request_received',
		group_id: CREW_ID,
		request_id: null,
		invitation_id: null,
		actor_name: 'Ada Fernhill',
		group_name: 'Bristol Makers Crew',
		gathering_id: null,
		gathering_name: null,
		body: '',
		created_at: '2026-12-01T09:30:00Z',
		read_at: null,
		request: null,
		invitation: null,
		...overrides
	};
}
