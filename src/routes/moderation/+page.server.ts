import { error, fail } from '@sveltejs/kit';
import { doneText, suspensionEnd, type ModerationAction } from '$lib/moderation/moderation';
import {
	amIModerator,
	liftSuspension,
	moderateReport,
	readModeration
} from '$lib/server/moderation';
import { requireUser } from '$lib/server/visitor';
import { isUuid } from '$lib/uuid';
import type { Actions, PageServerLoad } from './$types';

const ACTIONS: readonly ModerationAction[] = ['dismiss', 'hide', 'suspend'];
/** The longest note the form takes; the database keeps it in the audit log. */
const NOTE_MAX = 1000;

/**
 * Moderators only, and to everyone else a page that is not there. This is for the visitor's sake:
 * the database refuses every read and action here to anyone who does not moderate.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url);
	if (!(await amIModerator(locals.supabase))) error(404, 'Not Found');
	return { ...(await readModeration(locals.supabase)), now: new Date().toISOString() };
};

function noteOf(form: FormData): string {
	return String(form.get('note') ?? '')
		.trim()
		.slice(0, NOTE_MAX);
}

export const actions: Actions = {
	moderate: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const form = await request.formData();
		const reportId = String(form.get('report_id') ?? '');
		const action = String(form.get('action') ?? '') as ModerationAction;
		const name = String(form.get(action === 'suspend' ? 'person_name' : 'item_name') ?? '') || 'It';
		if (!isUuid(reportId) || !ACTIONS.includes(action)) {
			return fail(400, { problem: 'Choose Dismiss, Hide or Suspend on one of the reports.' });
		}
		const until =
			action === 'suspend' ? suspensionEnd(String(form.get('period')), new Date()) : null;
		if (until === undefined) {
			return fail(400, {
				refused: { id: reportId, message: 'Choose how long the suspension lasts.' }
			});
		}
		const outcome = await moderateReport(locals.supabase, {
			reportId,
			action,
			until,
			note: noteOf(form)
		});
		if (!outcome.ok) return fail(409, { refused: { id: reportId, message: outcome.refusal } });
		return { done: doneText(action, name) };
	},
	lift: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const form = await request.formData();
		const profileId = String(form.get('profile_id') ?? '');
		const name = String(form.get('display_name') ?? '') || 'This person';
		if (!isUuid(profileId)) return fail(400, { problem: 'Choose a suspension to lift.' });
		const outcome = await liftSuspension(locals.supabase, { profileId, note: noteOf(form) });
		if (!outcome.ok) return fail(409, { refused: { id: profileId, message: outcome.refusal } });
		return { done: doneText('lift', name) };
	}
};
