import { error, redirect } from '@sveltejs/kit';
import {
	NO_INVITATION_MESSAGE,
	checkInvitationToken,
	declineInvitation,
	invitationOr404
} from '$lib/server/imports';
import type { Actions, PageServerLoad } from './$types';

/**
 * "No, thank you": everything a movement gave about the person is deleted and no later import
 * stages them again. A button, not the link itself, as mail scanners open links; a mail program's
 * one-click "unsubscribe" (RFC 8058) posts here too, and declines.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const invitation = await invitationOr404(locals.supabase, params.token);
	return { source: invitation.source };
};

export const actions: Actions = {
	default: async ({ locals, params }) => {
		checkInvitationToken(params.token);
		if (!(await declineInvitation(locals.supabase, params.token)))
			error(404, NO_INVITATION_MESSAGE);
		// The link opens nothing now: the answer is told on a page of its own.
		redirect(303, '/join/answered?answer=declined');
	}
};
