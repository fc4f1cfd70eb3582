import { error, redirect } from '@sveltejs/kit';
import { declineInvitation, isInvitationToken, readInvitation } from '$lib/server/imports';
import type { Actions, PageServerLoad } from './$types';

/**
 * "No, thank you": everything a movement gave about the person is deleted and no later import
 * stages them again. A button, not the link itself, as mail scanners open links; a mail program's
 * one-click "unsubscribe" (RFC 8058) posts here too, and declines.
 */
const NO_INVITATION =
	'This link does not open an invitation: it may be mistyped, already answered, or declined.';

export const load: PageServerLoad = async ({ locals, params }) => {
	const invitation = isInvitationToken(params.token)
		? await readInvitation(locals.supabase, params.token)
		: null;
	if (!invitation) error(404, NO_INVITATION);
	return { source: invitation.source };
};

export const actions: Actions = {
	default: async ({ locals, params }) => {
		if (!isInvitationToken(params.token)) error(404, NO_INVITATION);
		if (!(await declineInvitation(locals.supabase, params.token))) error(404, NO_INVITATION);
		// The link opens nothing now: the answer is told on a page of its own.
		redirect(303, '/join/answered?answer=declined');
	}
};
