import { error, fail } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { isReportSubject, parseReportForm, type ReportSubject } from '$lib/moderation/reports';
import { fileReport, readReportedThing } from '$lib/server/moderation';
import { requireUser } from '$lib/server/visitor';
import { isUuid } from '$lib/uuid';
import type { Actions, PageServerLoad } from './$types';

/** The database's own words for what cannot be reported, said the same way here. */
const NOTHING_TO_REPORT = 'Nothing to report here.';

function reported(params: { subject: string; id: string }): { subject: ReportSubject; id: string } {
	if (!isReportSubject(params.subject) || !isUuid(params.id)) error(404, NOTHING_TO_REPORT);
	return { subject: params.subject, id: params.id };
}

/** Where the thing reported is seen, and what the way back says: its page, or the inbox. */
function back({ subject, id }: { subject: ReportSubject; id: string }, name: string) {
	switch (subject) {
		case 'person':
			return { href: resolve('/p/[id]', { id }), label: `Back to ${name}` };
		case 'group':
			return { href: resolve('/groups/[id]', { id }), label: `Back to ${name}` };
		case 'gathering':
			return { href: resolve('/gatherings/[id]', { id }), label: `Back to ${name}` };
		default:
			return { href: resolve('/inbox'), label: 'Back to your inbox' };
	}
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireUser(locals, url);
	const target = reported(params);
	const thing = await readReportedThing(locals.supabase, target);
	if (!thing) error(404, NOTHING_TO_REPORT);
	return { subject: target.subject, name: thing.name, back: back(target, thing.name) };
};

export const actions: Actions = {
	default: async ({ locals, params, url, request }) => {
		requireUser(locals, url);
		const target = reported(params);
		const parsed = parseReportForm(await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, typed: parsed.typed });
		const outcome = await fileReport(locals.supabase, {
			subject: target.subject,
			subjectId: target.id,
			reason: parsed.reason,
			details: parsed.details
		});
		if (!outcome.ok) {
			return fail(409, {
				refusal: outcome.refusal,
				typed: { reason: parsed.reason, details: parsed.details }
			});
		}
		return { reported: true };
	}
};
