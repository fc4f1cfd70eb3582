/**
 * The notification worker: each pass fires the radar alerts that came true, queues the emails
 * that are due (the database decides: at once, daily digest or never, per person and kind), then
 * sends every unsent outbox email and marks it sent.
 *
 * Exactly once, as a reader sees it: an email is marked sent only after the SMTP server took
 * it, so a failure before that leaves it for the next pass, and nothing is lost. A failure after
 * sending but before marking sends it again next pass, with the same Message-ID (made from the
 * outbox row's id), which mail stores keep once. Each worker claims the emails it sends for a
 * lease (claim_outbox_emails), so two workers never send one email at once; a worker that dies
 * holding some leaves them to whoever comes after the lease (five minutes).
 *
 * Imports stay relative: this runs outside SvelteKit (`npm run notify`, `npm run dev`).
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import nodemailer from 'nodemailer';
import WebSocket from 'ws';
import type { Database, Tables } from '$lib/database.types';
import { QueryError } from '../query-error';
import { composeEmail, type NotificationEmail, type OutboxNotification } from './compose';
import { INVITATION_DEFAULTS, sendImportInvitations } from './invitations';
import { OUTBOX_DEFAULTS, type OutboxSettings } from './settings';

/** What sends a composed email: nodemailer's SMTP transport, or a test's wrapper of it. */
export interface MailTransport {
	sendMail(mail: NotificationEmail): Promise<unknown>;
}

export interface OutboxPassOptions {
	/** A client with the service role key: the outbox is readable by it alone. */
	supabase: SupabaseClient<Database>;
	transport: MailTransport;
	siteUrl: string;
	from: string;
	batchSize?: number;
	log?: (line: string) => void;
	/** Stops the pass between two emails. */
	signal?: AbortSignal;
	/** Sends only these people's emails (all when absent). */
	recipientIds?: string[];
}

export interface OutboxPassReport {
	/** Suspensions whose time ran out, ended on this pass. */
	suspensionsEnded: number;
	alertsFired: number;
	queued: number;
	sent: number;
	/** Left unsent for the next pass. */
	failed: number;
	/** Invitations to imported people (only on a pass for everyone, not for some recipients). */
	invitationsSent: number;
}

const NOTIFICATION_COLUMNS =
	'id, kind, group_id, request_id, invitation_id, actor_name, group_name, gathering_id, gathering_name, body, created_at';
/** Ids per `in (…)` filter, so a long digest's query stays well within a URL's length. */
const IDS_PER_QUERY = 100;

/** The service-role client and the SMTP transport the worker sends with. */
export function connectOutbox(settings: OutboxSettings) {
	const supabase = createClient<Database>(settings.supabaseUrl, settings.serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		// Node 20 has no global WebSocket. https://github.com/supabase/supabase-js/issues/1400
		realtime: { transport: WebSocket as never }
	});
	const transport = nodemailer.createTransport(settings.smtp);
	return { supabase, transport };
}

/** One pass: end suspensions that ran out, fire alerts, queue what is due, send everything unsent. */
export async function sendOutbox(options: OutboxPassOptions): Promise<OutboxPassReport> {
	const { supabase, log = () => undefined } = options;
	const report: OutboxPassReport = {
		suspensionsEnded: 0,
		alertsFired: 0,
		queued: 0,
		sent: 0,
		failed: 0,
		invitationsSent: 0
	};

	// A failure of any of these is said and does not stop the sending of what is queued already.
	// Suspensions first: a person back on the map counts in the radar alerts of this pass.
	const ended = await supabase.rpc('end_expired_suspensions');
	if (ended.error) log(`Could not end the suspensions that ran out: ${ended.error.message}`);
	else report.suspensionsEnded = ended.data;
	const fired = await supabase.rpc('fire_radar_alerts');
	if (fired.error) log(`Could not fire the radar alerts: ${fired.error.message}`);
	else report.alertsFired = fired.data;
	const queued = await supabase.rpc('queue_emails');
	if (queued.error) log(`Could not queue emails: ${queued.error.message}`);
	else report.queued = queued.data;

	// Oldest first, a batch at a time, each claimed for this worker alone (a second worker running
	// at once claims others). Those that fail stay claimed until the pass ends, so a few addresses
	// the server refuses never hold up the rest, and are let go for the next pass.
	const leftForNextPass: string[] = [];
	try {
		for (;;) {
			const batch = await supabase.rpc('claim_outbox_emails', {
				batch_size: options.batchSize ?? OUTBOX_DEFAULTS.batchSize,
				recipients: options.recipientIds
			});
			if (batch.error) throw new QueryError('claim outbox emails', batch.error);
			if (batch.data.length === 0) break;
			for (const email of batch.data) {
				if (options.signal?.aborted) {
					leftForNextPass.push(email.id);
					continue;
				}
				const outcome = await sendOne(options, email);
				if (outcome === 'sent') report.sent++;
				if (outcome === 'left') {
					leftForNextPass.push(email.id);
					report.failed++;
				}
			}
			if (options.signal?.aborted) break;
		}
	} finally {
		await releaseClaims(supabase, leftForNextPass, log);
	}
	// Then invitations to imported people, a few hundred a pass so a big list never holds up the
	// notifications; `npm run import` sends its own list's at once. Unanswered ones that ran out
	// lose their name and point.
	if (!options.recipientIds && !options.signal?.aborted) {
		try {
			const invited = await sendImportInvitations({
				supabase,
				transport: options.transport,
				siteUrl: options.siteUrl,
				from: options.from,
				limit: INVITATION_DEFAULTS.perWorkerPass,
				log
			});
			report.invitationsSent = invited.sent;
			report.failed += invited.failed;
		} catch (error) {
			log(`Could not send the import invitations: ${(error as Error).message}`);
		}
		const pruned = await supabase.rpc('prune_import_invitations');
		if (pruned.error) log(`Could not prune the expired invitations: ${pruned.error.message}`);
	}
	if (report.invitationsSent > 0) log(`Sent ${report.invitationsSent} import invitation(s)`);
	if (report.sent + report.failed + report.alertsFired > 0) {
		log(
			`Sent ${report.sent} email${report.sent === 1 ? '' : 's'}` +
				(report.failed ? `, ${report.failed} left for the next pass` : '') +
				(report.alertsFired ? `; fired ${report.alertsFired} radar alert(s)` : '')
		);
	}
	if (report.suspensionsEnded > 0) {
		log(`Ended ${report.suspensionsEnded} suspension(s) whose time ran out`);
	}
	return report;
}

type OutboxRow = Pick<
	Tables<'outbox_emails'>,
	'id' | 'to_address' | 'digest' | 'notification_ids' | 'settings_token'
>;

/**
 * Sends one outbox email and marks it sent: 'sent', or 'left' for the next pass (it failed, and
 * the log says why), or 'empty' when there was nothing left to tell.
 */
async function sendOne(
	options: OutboxPassOptions,
	email: OutboxRow
): Promise<'sent' | 'left' | 'empty'> {
	const log = options.log ?? (() => undefined);
	let notifications: OutboxNotification[];
	try {
		notifications = await readNotifications(options.supabase, email.notification_ids);
		if (notifications.length > 0) {
			await options.transport.sendMail(
				composeEmail({ email, notifications, siteUrl: options.siteUrl, from: options.from })
			);
		}
	} catch (error) {
		log(
			`Could not send outbox email ${email.id}; it stays unsent for the next pass: ${(error as Error).message}`
		);
		return 'left';
	}
	const marked = await options.supabase
		.from('outbox_emails')
		.update({ sent_at: new Date().toISOString() })
		.eq('id', email.id)
		.is('sent_at', null);
	if (marked.error) {
		log(
			`Sent outbox email ${email.id} but could not mark it sent; the next pass sends it again, with the same Message-ID: ${marked.error.message}`
		);
		return 'left';
	}
	if (notifications.length === 0) {
		// Deleted since it was queued; rare, as a deleted account takes its outbox with it.
		log(`Outbox email ${email.id} had nothing left to tell; marked it done without sending.`);
		return 'empty';
	}
	return 'sent';
}

/** Lets the next pass, of this worker or another, take these again at once. */
async function releaseClaims(
	supabase: SupabaseClient<Database>,
	ids: string[],
	log: (line: string) => void
) {
	if (ids.length === 0) return;
	const { error } = await supabase
		.from('outbox_emails')
		.update({ claimed_until: null })
		.in('id', ids)
		.is('sent_at', null);
	// Not fatal: the claims end by themselves when their lease does.
	if (error)
		log(`Could not let go of ${ids.length} outbox email(s) for the next pass: ${error.message}`);
}

async function readNotifications(
	supabase: SupabaseClient<Database>,
	ids: string[]
): Promise<OutboxNotification[]> {
	const found: OutboxNotification[] = [];
	for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
		const { data, error } = await supabase
			.from('notifications')
			.select(NOTIFICATION_COLUMNS)
			.in('id', ids.slice(start, start + IDS_PER_QUERY));
		if (error) throw new QueryError('read the notifications of an outbox email', error);
		found.push(...data);
	}
	return found;
}

/**
 * Runs a pass every `intervalSeconds` until `signal` aborts, finishing the email in hand first.
 * A pass that fails (the database down, say) is logged and the next one tries again.
 */
export async function watchOutbox(
	options: OutboxPassOptions & { intervalSeconds: number; signal: AbortSignal }
): Promise<void> {
	const log = options.log ?? (() => undefined);
	while (!options.signal.aborted) {
		try {
			await sendOutbox(options);
		} catch (error) {
			log(
				`The pass failed; trying again in ${options.intervalSeconds} s: ${(error as Error).message}`
			);
		}
		await new Promise<void>((resolve) => {
			const timer = setTimeout(done, options.intervalSeconds * 1000);
			options.signal.addEventListener('abort', done, { once: true });
			function done() {
				clearTimeout(timer);
				options.signal.removeEventListener('abort', done);
				resolve();
			}
		});
	}
}

/**
 * The long-running worker, as `npm run notify -- --watch` and `npm run dev` run it: a pass now
 * and every `settings.intervalSeconds`; `stop()` lets the email in hand finish, then closes.
 */
export function startOutboxWorker(settings: OutboxSettings, log: (line: string) => void) {
	const { supabase, transport } = connectOutbox(settings);
	const stopping = new AbortController();
	const running = watchOutbox({
		supabase,
		transport,
		siteUrl: settings.siteUrl,
		from: settings.from,
		intervalSeconds: settings.intervalSeconds,
		signal: stopping.signal,
		log
	});
	return {
		async stop() {
			stopping.abort();
			await running;
			transport.close();
		}
	};
}
