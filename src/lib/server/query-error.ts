import type { PostgrestError } from '@supabase/supabase-js';
import { PLAIN_TEXT_MESSAGE } from '$lib/plain-text';

/**
 * A query the database refused or could not answer, saying what the app was doing ("Could not
 * read the group: …"), with PostgREST's error as its cause. Every server module throws this one
 * error when it unwraps `{ data, error }`, so a failed query reads alike wherever it happened.
 */
export class QueryError extends Error {
	declare readonly cause: PostgrestError;

	constructor(action: string, cause: PostgrestError) {
		super(`Could not ${action}: ${cause.message}`, { cause });
		this.name = 'QueryError';
	}
}

/**
 * The SQLSTATEs of the database functions' refusals, whose messages are written for people
 * ("Bristol Makers Crew is full: there is no seat left."): a refusal (P0001), nothing to act on
 * (P0002), not allowed (42501), and a value out of bounds (23514, 22023).
 */
const REFUSAL_CODES = new Set(['P0001', 'P0002', '42501', '23514', '22023']);

/**
 * What a database function's refusal says, to show beside the action that was refused; any other
 * error is thrown as a QueryError. Only for functions (`rpc`): a table's own errors are not
 * written for people, even with the same codes.
 */
export function refusalOf(action: string, error: PostgrestError): string {
	if (plainTextConstraint(error)) return PLAIN_TEXT_MESSAGE;
	if (REFUSAL_CODES.has(error.code)) return error.message;
	throw new QueryError(action, error);
}

/**
 * The name of the check constraint a write broke by holding control or text-direction characters
 * (the database names them `<table>_<column>_plain_text`), or null for any other error. Its own
 * message names the constraint, not the field, so the forms say `PLAIN_TEXT_MESSAGE` instead.
 */
export function plainTextConstraint(error: PostgrestError): string | null {
	if (error.code !== '23514') return null;
	return /"(\w+_plain_text)"/.exec(error.message)?.[1] ?? null;
}

/** Which of a form's fields a `_plain_text` refusal is about, when one of them is its column. */
export function plainTextField<Field extends string>(
	error: PostgrestError,
	fields: readonly Field[]
): Field | null {
	const constraint = plainTextConstraint(error);
	if (!constraint) return null;
	// Longest first: `profiles_display_name_plain_text` is about display_name, not name.
	const longestFirst = [...fields].sort((a, b) => b.length - a.length);
	return longestFirst.find((field) => constraint.endsWith(`_${field}_plain_text`)) ?? null;
}

/** A call the database may refuse: its answer, or the refusal's message. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: string };

/**
 * Unwraps a call the database may refuse (see `refusalOf`): a refusal comes back as an outcome to
 * show the person, any other error is thrown as a QueryError.
 */
export async function refusable<T>(
	action: string,
	call: PromiseLike<{ data: T | null; error: PostgrestError | null }>
): Promise<Outcome<T>> {
	const { data, error } = await call;
	// A function returning void answers null.
	if (!error) return { ok: true, value: data as T };
	return { ok: false, refusal: refusalOf(action, error) };
}

/**
 * Whether a query failed because the signed-in person's account is suspended: the database
 * refuses every write of theirs (42501, "Your account is suspended…"; see the moderation
 * migration). `hooks.server.ts` shows that refusal as it is, where a write the app does not expect
 * to be refused would otherwise be a 500.
 */
export function isSuspensionRefusal(
	error: unknown
): error is QueryError & { cause: PostgrestError } {
	if (!(error instanceof QueryError)) return false;
	const cause = error.cause as PostgrestError | undefined;
	return cause?.code === '42501' && /suspended/i.test(cause.message);
}
