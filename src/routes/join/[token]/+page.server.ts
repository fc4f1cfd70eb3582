import { error, fail, redirect } from '@sveltejs/kit';
import { PRECISION_VALUES, VISIBILITY_VALUES, isOneOf } from '$lib/people/choices';
import {
	NO_INVITATION_MESSAGE,
	checkInvitationToken,
	chooseForInvitation,
	confirmInvitation,
	invitationOr404
} from '$lib/server/imports';
import { isMember } from '$lib/server/visitor';
import type { Actions, PageServerLoad } from './$types';

/**
 * The link in an import invitation: what would be published about the person a movement imported,
 * who would see it and how precisely (theirs to change), and the way to say yes (signing in with
 * the address it went to) or no. Until they say yes nothing of it is anywhere else.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const invitation = await invitationOr404(locals.supabase, params.token);
	return { invitation, signedInAs: isMember(locals.user) ? (locals.user.email ?? '') : null };
};

/** The choices posted with either form, or the problem with them. */
function readChoices(form: FormData) {
	const visibility = String(form.get('visibility') ?? '');
	const precision = String(form.get('precision') ?? '');
	const errors: { visibility?: string; precision?: string } = {};
	if (!isOneOf(VISIBILITY_VALUES, visibility)) errors.visibility = 'Choose who can see you.';
	if (!isOneOf(PRECISION_VALUES, precision)) errors.precision = 'Choose how precisely.';
	if (!isOneOf(VISIBILITY_VALUES, visibility) || !isOneOf(PRECISION_VALUES, precision)) {
		return { errors, values: { visibility, precision } };
	}
	return { choices: { visibility, precision } };
}

export const actions: Actions = {
	/** Saves who sees the person and how precisely; then signs them in, or puts them on the map. */
	confirm: async ({ locals, params, request, url }) => {
		checkInvitationToken(params.token);
		const read = readChoices(await request.formData());
		if (!read.choices) return fail(400, { errors: read.errors, values: read.values });
		const saved = await chooseForInvitation(locals.supabase, {
			token: params.token,
			...read.choices
		});
		if (!saved) error(404, NO_INVITATION_MESSAGE);
		// Signing in is how the person shows the invitation is theirs; they come back here.
		if (!isMember(locals.user)) {
			redirect(303, `/login?${new URLSearchParams({ next: url.pathname })}`);
		}
		const confirmed = await confirmInvitation(locals.supabase, params.token);
		if ('refusal' in confirmed) {
			return fail(403, { refusal: confirmed.refusal, values: read.choices });
		}
		// The link opens nothing once answered: the answer is told on a page of its own.
		redirect(303, `/join/answered?answer=${confirmed.status}`);
	}
};
