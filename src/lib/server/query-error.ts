import type { PostgrestError } from '@supabase/supabase-js';

/**
 * A query the database refused or could not answer, saying what the app was doing ("Could not
 * read the group: …"), with PostgREST's error as its cause. Every server module throws this one
 * error when it unwraps `{ data, error }`, so a failed query reads alike wherever it happened.
 */
export class QueryError extends Error {
	constructor(action: string, cause: PostgrestError) {
		super(`Could not ${action}: ${cause.message}`, { cause });
		this.name = 'QueryError';
	}
}

/**
 * The SQLSTATEs of the database's refusals, whose messages are written for the person refused
 * ("Bristol Makers Crew is full: there is no seat left."): raised by the crew functions (P0001
 * refused, P0002 no such thing for you, 42501 not allowed, 23514 a value the rules refuse, 22023
 * a missing choice). Anything else is the app's problem, not the person's.
 */
const REFUSAL_CODES: ReadonlySet<string> = new Set(['P0001', 'P0002', '42501', '23514', '22023']);

/** What a refusal says, to show as it is; null for an error that is not a refusal. */
export function refusalOf(error: PostgrestError): string | null {
	return REFUSAL_CODES.has(error.code) ? error.message : null;
}

/** A call the database may refuse: its answer, or the refusal's message. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: string };

/**
 * Unwraps a call the database may refuse: a refusal comes back as an outcome to show the person,
 * any other error is thrown as a QueryError.
 */
export async function refusable<T>(
	action: string,
	call: PromiseLike<{ data: T | null; error: PostgrestError | null }>
): Promise<Outcome<T>> {
	const { data, error } = await call;
	// A function returning void answers null.
	if (!error) return { ok: true, value: data as T };
	const refusal = refusalOf(error);
	if (refusal !== null) return { ok: false, refusal };
	throw new QueryError(action, error);
}
