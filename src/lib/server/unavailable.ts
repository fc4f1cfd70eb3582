import { getRequestEvent } from '$app/server';
import type { RequestEvent } from '@sveltejs/kit';

/**
 * When Supabase cannot answer (its API refuses connections, or its gateway says 502, 503 or 504
 * because PostgREST or the database is down), a page or endpoint that needed it answers 503 with
 * this sentence and when to try again, not a 500: the outage is ours and passes, and nothing about
 * it is the visitor's to fix.
 */
export const UNAVAILABLE_MESSAGE = 'The map is taking a breather: try again in a minute.';

/** As the sentence says: a minute. */
export const RETRY_AFTER_SECONDS = 60;

/** What a gateway answers when what stands behind it is down or not answering. */
const GATEWAY_DOWN = new Set([502, 503, 504]);

/**
 * The Supabase clients' fetch: notes on the request being answered that Supabase could not be
 * reached, so the error that follows becomes a 503 (see `answerUnavailable`).
 */
export function watchReachability(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
	return async (input, init) => {
		let response: Response;
		try {
			response = await fetch(input, init);
		} catch (error) {
			// An aborted request was given up on by the app; it says nothing about Supabase.
			if ((error as Error)?.name !== 'AbortError') markUnreachable();
			throw error;
		}
		if (GATEWAY_DOWN.has(response.status)) markUnreachable();
		return response;
	};
}

function markUnreachable() {
	let event: RequestEvent;
	try {
		event = getRequestEvent();
	} catch {
		// Outside a request (a script, a test) there is no answer to change.
		return;
	}
	event.locals.supabaseUnreachable = true;
}

/**
 * What an unexpected error says (`handleError`): the sentence above when the request found
 * Supabase unreachable, flagged so the error page shows it as it is.
 */
export function unavailableError(event: RequestEvent, status: number): App.Error | undefined {
	return status === 500 && event.locals.supabaseUnreachable
		? { message: UNAVAILABLE_MESSAGE, unavailable: true }
		: undefined;
}

/**
 * The response to a request that failed because Supabase could not be reached: 503 with
 * Retry-After instead of 500, its body (the error page, or `{ message }`) as rendered.
 */
export function answerUnavailable(event: RequestEvent, response: Response): Response {
	if (response.status !== 500 || !event.locals.supabaseUnreachable) return response;
	const headers = new Headers(response.headers);
	headers.set('retry-after', String(RETRY_AFTER_SECONDS));
	headers.set('cache-control', 'no-store');
	return new Response(response.body, { status: 503, headers });
}
