import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { PostgrestError, SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { Done, GroupAction, Refusal } from '$lib/groups/group-actions';
import { hasForbiddenCharacters, PLAIN_TEXT_MESSAGE } from '$lib/plain-text';
import { isUuid } from '$lib/uuid';
import { refusable } from './query-error';
import { requireUser } from './visitor';

/**
 * The form actions of what people do with a group, one per database function, for the group's
 * page (`/groups/<id>`, whose id is the group's), for `/me` (answering invitations, taking back
 * requests) and for a profile (`/p/<id>`, inviting that person). Each answers `{ done }` when it worked, or a 400 with `{ refused }` holding the
 * database's own message, which the page shows beside the form that was refused.
 */
type Client = SupabaseClient<Database>;

/** What an action posts in: the id in the page's address, and the form. */
interface ActionInput {
	supabase: Client;
	/** The group's id on a group's page, the person's on a profile; absent elsewhere. */
	pageId: string | undefined;
	form: FormData;
}

/** A call to make, or a problem with the form that stops it before the database is asked. */
type Prepared =
	| {
			call: PromiseLike<{ data: unknown; error: PostgrestError | null }>;
			target?: string;
			accepted?: boolean;
			/** What was typed, given back on a refusal (as `typed`) so nothing is lost. */
			typed?: Record<string, string>;
	  }
	| { problem: string; target?: string; typed?: Record<string, string> };

/** The longest message a request or an invitation carries (the database's check). */
export const MESSAGE_LIMIT = 500;

function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/** An id posted by a button or a hidden field: a request's, an invitation's or a person's. */
function idIn(form: FormData, name: string): string | null {
	const value = text(form, name);
	return isUuid(value) ? value : null;
}

/** A yes or no posted by the button pressed. */
function answerIn(form: FormData): boolean | null {
	const value = text(form, 'accept');
	return value === 'yes' ? true : value === 'no' ? false : null;
}

function groupOf(groupId: string | undefined): string {
	// Only the group's own page posts these, and its load has checked the id already.
	if (!groupId) error(404, 'There is no group here.');
	return groupId;
}

/** A short message as typed, or the problem with it. */
function message(form: FormData): { message: string } | { problem: string } {
	const typed = text(form, 'message').trim();
	const length = [...typed].length;
	if (length > MESSAGE_LIMIT) {
		return { problem: `A message is at most ${MESSAGE_LIMIT} characters long (it has ${length}).` };
	}
	if (hasForbiddenCharacters(typed, { multiline: true })) return { problem: PLAIN_TEXT_MESSAGE };
	return { message: typed };
}

const NOT_CHOSEN = 'Choose what to answer: nothing was sent.';

const prepare: Record<GroupAction, (input: ActionInput) => Prepared> = {
	invite: ({ supabase, pageId: inviteeId, form }) => {
		const groupId = idIn(form, 'group_id');
		const typed = { inviteMessage: text(form, 'message'), inviteGroup: text(form, 'group_id') };
		if (!inviteeId) error(404, 'There is nobody here to invite.');
		if (!groupId) return { problem: 'Choose a group to invite them to.', typed };
		const checked = message(form);
		if ('problem' in checked) return { ...checked, typed };
		return {
			call: supabase.rpc('invite_to_group', {
				group_id: groupId,
				invitee_id: inviteeId,
				message: checked.message
			}),
			target: groupId,
			typed
		};
	},
	join: ({ supabase, pageId: groupId, form }) => {
		const typed = { joinMessage: text(form, 'message') };
		const checked = message(form);
		if ('problem' in checked) return { ...checked, typed };
		return {
			call: supabase.rpc('request_to_join', {
				group_id: groupOf(groupId),
				message: checked.message
			}),
			typed
		};
	},
	withdrawRequest: ({ supabase, form }) => {
		const requestId = idIn(form, 'request_id');
		if (!requestId) return { problem: 'There is no such request to take back.' };
		return { call: supabase.rpc('withdraw_request', { request_id: requestId }), target: requestId };
	},
	answerInvitation: ({ supabase, form }) => {
		const invitationId = idIn(form, 'invitation_id');
		const accept = answerIn(form);
		if (!invitationId) return { problem: 'There is no such invitation to answer.' };
		if (accept === null) return { problem: NOT_CHOSEN, target: invitationId };
		return {
			call: supabase.rpc('answer_invitation', { invitation_id: invitationId, accept }),
			target: invitationId,
			accepted: accept
		};
	},
	leave: ({ supabase, pageId: groupId }) => ({
		call: supabase.rpc('leave_group', { group_id: groupOf(groupId) })
	}),
	decideRequest: ({ supabase, form }) => {
		const requestId = idIn(form, 'request_id');
		const accept = answerIn(form);
		if (!requestId) return { problem: 'There is no such request to answer.' };
		if (accept === null) return { problem: NOT_CHOSEN, target: requestId };
		return {
			call: supabase.rpc('decide_request', { request_id: requestId, accept }),
			target: requestId,
			accepted: accept
		};
	},
	withdrawInvitation: ({ supabase, form }) => {
		const invitationId = idIn(form, 'invitation_id');
		if (!invitationId) return { problem: 'There is no such invitation to take back.' };
		return {
			call: supabase.rpc('withdraw_invitation', { invitation_id: invitationId }),
			target: invitationId
		};
	},
	removeMember: ({ supabase, pageId: groupId, form }) => {
		const profileId = idIn(form, 'profile_id');
		if (!profileId) return { problem: 'Choose a member to remove.' };
		return {
			call: supabase.rpc('remove_member', { group_id: groupOf(groupId), profile_id: profileId }),
			target: profileId
		};
	},
	setRole: ({ supabase, pageId: groupId, form }) => {
		const profileId = idIn(form, 'profile_id');
		const role = text(form, 'role');
		if (!profileId) return { problem: 'Choose a member.' };
		return {
			call: supabase.rpc('set_member_role', {
				group_id: groupOf(groupId),
				profile_id: profileId,
				role
			}),
			target: profileId
		};
	},
	joinCongregation: ({ supabase, pageId: groupId, form }) => {
		const congregationId = idIn(form, 'congregation_id');
		if (!congregationId) return { problem: 'Choose a congregation to ask.' };
		return {
			call: supabase.rpc('request_congregation', {
				crew_id: groupOf(groupId),
				congregation_id: congregationId
			})
		};
	},
	leaveCongregation: ({ supabase, pageId: groupId }) => ({
		call: supabase.rpc('leave_congregation', { crew_id: groupOf(groupId) })
	}),
	decideCrew: ({ supabase, form }) => {
		const requestId = idIn(form, 'request_id');
		const accept = answerIn(form);
		if (!requestId) return { problem: 'There is no such request to answer.' };
		if (accept === null) return { problem: NOT_CHOSEN, target: requestId };
		return {
			call: supabase.rpc('decide_congregation_request', { request_id: requestId, accept }),
			target: requestId,
			accepted: accept
		};
	}
};

/** The SvelteKit form action that does `action` for the signed-in visitor. */
function groupAction(action: GroupAction) {
	return async (event: RequestEvent) => {
		requireUser(event.locals, event.url);
		const pageId = event.params.id;
		if (pageId !== undefined && !isUuid(pageId)) error(404, 'There is nothing here.');
		const form = await event.request.formData();
		const prepared = prepare[action]({ supabase: event.locals.supabase, pageId, form });
		const refused = (message: string): Refusal => ({ action, target: prepared.target, message });
		if ('problem' in prepared) {
			return fail(400, { refused: refused(prepared.problem), typed: prepared.typed ?? {} });
		}
		const outcome = await refusable(`do “${action}” with a group`, prepared.call);
		if (!outcome.ok) {
			return fail(400, { refused: refused(outcome.refusal), typed: prepared.typed ?? {} });
		}
		const done: Done = {
			action,
			target: prepared.target,
			accepted: prepared.accepted,
			// Named by the form that did it, for pages listing several groups' requests.
			groupName: text(form, 'group_name') || undefined
		};
		return { done };
	};
}

const actions = Object.fromEntries(
	(Object.keys(prepare) as GroupAction[]).map((action) => [action, groupAction(action)])
) as Record<GroupAction, ReturnType<typeof groupAction>>;

/** What a group's page does: everything but inviting, which starts from the invitee's profile. */
export const groupActions = (({ invite: _invite, ...rest }) => rest)(actions);

/** Inviting the person whose profile it is into a group one hosts. */
export const inviteActions = { invite: actions.invite };

/** What someone does with their own requests and invitations, from any page that lists them. */
export const ownRequestActions = {
	withdrawRequest: actions.withdrawRequest,
	answerInvitation: actions.answerInvitation
};
