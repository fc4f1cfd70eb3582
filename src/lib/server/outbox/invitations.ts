/**
 * Invitations to people a movement imported (`npm run import`): one email each, asking them to
 * confirm before they appear anywhere. Sent like the outbox's emails: claimed for one sender for
 * a lease (`claim_import_invitations`), sent with a Message-ID made from the staged row's id,
 * then marked sent (`mark_import_invited`), after which the database keeps only the link token's
 * hash. A crash between sending and marking sends the same message again, same link and all,
 * which mail stores keep once.
 *
 * Imports stay relative: the notification worker and `npm run import` run this outside SvelteKit.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { escapeHtml } from '../../html';
import { PRECISION_CHOICES, labelOf, type Visibility } from '../../people/choices';
import { QueryError } from '../query-error';
import type { NotificationEmail } from './compose';
import type { MailTransport } from './send-outbox';

export type ImportInvitation =
	Database['public']['Functions']['claim_import_invitations']['Returns'][number];

/** How invitations go out; a big list is sent a batch at a time. */
export const INVITATION_DEFAULTS = {
	batchSize: 50,
	/** How many the notification worker sends in one pass, so notifications never wait long. */
	perWorkerPass: 200
} as const;

/** Who would see the person, in the invitation's words. */
const WHO_SEES: Record<Visibility, string> = {
	public: 'everyone',
	members: 'people signed in to the map',
	crewmates: 'only people in a crew with you',
	only_me: 'nobody but you'
};

/** The Message-ID of a staged person's invitation: the same for every try. */
export function invitationMessageId(stagedId: string): string {
	return `<import-${stagedId}@microsolidarity-map>`;
}

/** The invitation email for one staged person. */
export function composeInvitation({
	invitation,
	siteUrl,
	from
}: {
	invitation: ImportInvitation;
	siteUrl: string;
	from: string;
}): NotificationEmail {
	const site = siteUrl.replace(/\/+$/, '');
	const joinUrl = `${site}/join/${invitation.token}`;
	const declineUrl = `${joinUrl}/decline`;
	// The label at the chosen precision: "near Zeist, NL", "Utrecht area, NL", "Netherlands".
	const place = invitation.place_label ? `, ${invitation.place_label}` : '';
	const precision = labelOf(PRECISION_CHOICES, invitation.precision).toLowerCase();
	const intro = `${invitation.source} would like you on the microsolidarity network map, and gave us your name and where you are. Nothing about you is shown to anyone until you say yes.`;
	const shown = `If you say yes, ${WHO_SEES[invitation.visibility]} will see “${invitation.display_name}” on the map${place} (at ${precision} precision). You choose who sees you and how precisely before you confirm, and can change it at any time.`;
	const no =
		'Not interested? One click and everything we were given about you is deleted, and you will not be asked again.';
	return {
		from,
		to: invitation.email,
		subject: `${invitation.source} invites you onto the microsolidarity map`,
		text: [
			intro,
			'',
			shown,
			'',
			`See it and confirm: ${joinUrl}`,
			'',
			'--',
			`${no} ${declineUrl}`,
			''
		].join('\n'),
		html: `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<p>${escapeHtml(intro)}</p>
<p>${escapeHtml(shown)}</p>
<p><a href="${escapeHtml(joinUrl)}">See it and confirm</a></p>
<hr>
<p>${escapeHtml(no)} <a href="${escapeHtml(declineUrl)}">No, thank you</a></p>
</body>
</html>
`,
		messageId: invitationMessageId(invitation.id),
		headers: {
			// RFC 8058: a mail program's own "unsubscribe" posts here, which declines the invitation.
			'List-Unsubscribe': `<${declineUrl}>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
			'Auto-Submitted': 'auto-generated'
		}
	};
}

export interface InvitationPassReport {
	sent: number;
	/** Left for the next pass (the log says why). */
	failed: number;
}

/**
 * Sends invitations still to send, a batch at a time, until none are left or `limit` are sent.
 * `onProgress` hears the running count after each batch.
 */
export async function sendImportInvitations({
	supabase,
	transport,
	siteUrl,
	from,
	limit = Infinity,
	log = () => undefined,
	onProgress = () => undefined
}: {
	/** A client with the service role key: only it may claim invitations. */
	supabase: SupabaseClient<Database>;
	transport: MailTransport;
	siteUrl: string;
	from: string;
	limit?: number;
	log?: (line: string) => void;
	onProgress?: (report: InvitationPassReport) => void;
}): Promise<InvitationPassReport> {
	const report: InvitationPassReport = { sent: 0, failed: 0 };
	const failed: string[] = [];
	try {
		while (report.sent < limit) {
			const batch = await supabase.rpc('claim_import_invitations', {
				batch_size: Math.min(INVITATION_DEFAULTS.batchSize, limit - report.sent)
			});
			if (batch.error) throw new QueryError('claim import invitations', batch.error);
			if (batch.data.length === 0) break;
			const sent: string[] = [];
			for (const invitation of batch.data) {
				try {
					await transport.sendMail(composeInvitation({ invitation, siteUrl, from }));
					sent.push(invitation.id);
				} catch (error) {
					log(
						`Could not send the invitation to ${invitation.email}; it is tried again later: ${(error as Error).message}`
					);
					failed.push(invitation.id);
				}
			}
			if (sent.length > 0) {
				const marked = await supabase.rpc('mark_import_invited', { invitation_ids: sent });
				if (marked.error) {
					// Sent but not marked: the next try sends the same messages (same Message-IDs).
					throw new QueryError('mark import invitations sent', marked.error);
				}
				report.sent += sent.length;
			}
			report.failed = failed.length;
			onProgress({ ...report });
		}
	} finally {
		if (failed.length > 0) {
			const released = await supabase.rpc('release_import_invitations', {
				invitation_ids: failed
			});
			// Not fatal: the claims end by themselves when their lease does.
			if (released.error) log(`Could not let go of failed invitations: ${released.error.message}`);
		}
	}
	return report;
}
