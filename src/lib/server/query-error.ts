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
