import { error, fail } from '@sveltejs/kit';
import { pageCount, parsePageNumber } from '$lib/components/pagination';
import { INBOX_PAGE_SIZE, answeredText, parseAnswer } from '$lib/inbox/inbox';
import { answerFromInbox, listInbox, markNotificationsRead } from '$lib/server/inbox';
import { requireUser } from '$lib/server/visitor';
import { isUuid } from '$lib/uuid';
import type { Actions, PageServerLoad } from './$types';

// Opening the inbox marks nothing read: invitations and requests wait here to be answered, and
// an item stays marked new until its reader says it is read, or answers it.
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url);
	const page = parsePageNumber(url.searchParams.get('page'));
	if (page === null) error(400, 'Page numbers are whole numbers from 1, as in ?page=2.');
	const { notifications, total } = await listInbox(locals.supabase, {
		page,
		pageSize: INBOX_PAGE_SIZE
	});
	const pages = pageCount(total, INBOX_PAGE_SIZE);
	if (page > pages) {
		error(
			404,
			`There is no page ${page} of your inbox: it has ${pages} page${pages === 1 ? '' : 's'}.`
		);
	}
	return { notifications, total, page, pageCount: pages };
};

export const actions: Actions = {
	read: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const id = String((await request.formData()).get('notification_id') ?? '');
		if (!isUuid(id)) return fail(400, { readError: 'Choose a notification to mark read.' });
		await markNotificationsRead(locals.supabase, [id]);
		return { status: 'Marked read.' };
	},
	readAll: async ({ locals, url }) => {
		requireUser(locals, url);
		const marked = await markNotificationsRead(locals.supabase, null);
		return {
			status: marked === 0 ? 'Everything was read already.' : 'Everything is marked read.'
		};
	},
	answer: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const posted = parseAnswer(await request.formData());
		if ('problem' in posted) return fail(400, { readError: posted.problem });
		const result = await answerFromInbox(locals.supabase, posted);
		if (!result.ok) {
			return fail(409, {
				answerError: { notificationId: posted.notificationId, message: result.refusal }
			});
		}
		return { status: answeredText({ kind: posted.answer.kind, accept: posted.accept }) };
	}
};
