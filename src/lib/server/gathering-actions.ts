import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { PostgrestError, SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type {
	GatheringAction,
	GatheringDone,
	GatheringRefusal
} from '$lib/gatherings/gathering-actions';
import { isOneOf } from '$lib/people/choices';
import { RSVP_ANSWER_CHOICES, type RsvpAnswer, type RsvpState } from '$lib/gatherings/wording';
import { isUuid } from '$lib/uuid';
import { cancelOccurrence, setGatheringStatus } from './gatherings';
import { refusable, type Outcome } from './query-error';
import { requireUser } from './visitor';

/**
 * The form actions of what people do with a gathering, each on the gathering's own pages (whose
 * id is the gathering's): answering, cancelling a date or the whole gathering, deciding a
 * sign-up, adding and removing hosts. Each answers `{ done }` when it worked, or a 400 with
 * `{ refused }` holding the database's own message, which the page shows beside the form that
 * was refused, as a group's actions do.
 */
type Client = SupabaseClient<Database>;

interface ActionInput {
	supabase: Client;
	gatheringId: string;
	form: FormData;
}

type Prepared =
	| {
			call: PromiseLike<Outcome<unknown>>;
			target?: string;
			done?: Partial<GatheringDone>;
	  }
	| { problem: string; target?: string };

function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

function personIn(form: FormData): string | null {
	const value = text(form, 'profile_id');
	return isUuid(value) ? value : null;
}

const ANSWERS: readonly RsvpAnswer[] = RSVP_ANSWER_CHOICES.map(({ value }) => value);

/** A database function's answer as an outcome. */
function called<T>(
	action: string,
	call: PromiseLike<{ data: T | null; error: PostgrestError | null }>
): Promise<Outcome<T>> {
	return refusable(action, call);
}

const prepare: Record<GatheringAction, (input: ActionInput) => Prepared> = {
	rsvp: ({ supabase, gatheringId, form }) => {
		const answer = text(form, 'answer');
		if (!isOneOf(ANSWERS, answer)) return { problem: 'Choose going, interested or not going.' };
		return {
			call: called('answer', supabase.rpc('rsvp', { gathering_id: gatheringId, answer })),
			done: { answer }
		};
	},
	cancelOccurrence: ({ supabase, gatheringId, form }) => {
		const startsAt = text(form, 'starts_at');
		if (Number.isNaN(Date.parse(startsAt))) {
			return { problem: 'Choose a date of the series to cancel.', target: startsAt };
		}
		const iso = new Date(startsAt).toISOString();
		return {
			call: cancelOccurrence(supabase, { id: gatheringId, startsAt: iso }),
			target: startsAt
		};
	},
	decide: ({ supabase, gatheringId, form }) => {
		const profileId = personIn(form);
		const approve = text(form, 'approve');
		if (!profileId) return { problem: 'Choose whose sign-up to decide.' };
		if (approve !== 'yes' && approve !== 'no') {
			return { problem: 'Choose approve or decline: nothing was changed.', target: profileId };
		}
		return {
			call: called(
				'decide a sign-up',
				supabase.rpc('decide_rsvp', {
					gathering_id: gatheringId,
					profile_id: profileId,
					approve: approve === 'yes'
				})
			),
			target: profileId,
			done: { approved: approve === 'yes' }
		};
	},
	addHost: ({ supabase, gatheringId, form }) => {
		const profileId = personIn(form);
		if (!profileId) return { problem: 'Choose who to make a host.' };
		return {
			call: called(
				'add a host',
				supabase.rpc('add_gathering_host', { gathering_id: gatheringId, profile_id: profileId })
			),
			target: profileId
		};
	},
	removeHost: ({ supabase, gatheringId, form }) => {
		const profileId = personIn(form);
		if (!profileId) return { problem: 'Choose which host to remove.' };
		return {
			call: called(
				'remove a host',
				supabase.rpc('remove_gathering_host', { gathering_id: gatheringId, profile_id: profileId })
			),
			target: profileId
		};
	},
	cancelGathering: ({ supabase, gatheringId, form }) => ({
		call: setGatheringStatus(supabase, {
			id: gatheringId,
			name: text(form, 'gathering_name') || 'the gathering',
			status: 'cancelled'
		})
	})
};

/** The SvelteKit form action that does `action` for the signed-in visitor. */
function gatheringAction(action: GatheringAction) {
	return async (event: RequestEvent) => {
		requireUser(event.locals, event.url);
		const gatheringId = event.params.id;
		if (!gatheringId || !isUuid(gatheringId)) error(404, 'There is no gathering here.');
		const form = await event.request.formData();
		const prepared = prepare[action]({ supabase: event.locals.supabase, gatheringId, form });
		const refused = (message: string): GatheringRefusal => ({
			action,
			target: prepared.target,
			message
		});
		if ('problem' in prepared) return fail(400, { refused: refused(prepared.problem) });
		const outcome = await prepared.call;
		if (!outcome.ok) return fail(400, { refused: refused(outcome.refusal) });
		const done: GatheringDone = {
			action,
			target: prepared.target,
			...prepared.done,
			// rsvp and decide_rsvp answer with where the person stands now.
			...(action === 'rsvp' || action === 'decide'
				? { state: (outcome.value as RsvpState | null) ?? null }
				: {})
		};
		return { done };
	};
}

/** What a gathering's page does. */
export const gatheringPageActions = {
	rsvp: gatheringAction('rsvp'),
	cancelOccurrence: gatheringAction('cancelOccurrence'),
	removeHost: gatheringAction('removeHost')
};

/** What its hosts do on its list of sign-ups. */
export const rsvpListActions = {
	decide: gatheringAction('decide'),
	addHost: gatheringAction('addHost'),
	removeHost: gatheringAction('removeHost')
};

/** Cancelling the whole gathering, from its edit page. */
export const cancelGatheringAction = gatheringAction('cancelGathering');
