import { randomBytes, randomUUID } from 'node:crypto';
import type { ImportRow } from '../../src/lib/imports/import-row';
import { database } from './privacy';
import { serviceClient } from './supabase';

/**
 * Helpers for the bulk import's tests: staging a list as `npm run import` does (the service key,
 * `stage_imports`), and an invitation "sent" with a token the test knows, as the email would carry
 * it. The tests do not claim invitations through the worker's path: every file shares one stack,
 * and a claim takes anyone's.
 */

export interface StageAnswer {
	batch: string | null;
	rows: number;
	staged: number;
	updated: number;
	unchanged: number;
	skipped: number;
	skipped_rows: { line: number; email: string; reason: string }[];
}

/** A source name no other test uses. */
export function listName(label: string): string {
	return `${label} ${randomUUID().slice(0, 8)}`;
}

/** An address no other test uses. */
export function importAddress(name: string): string {
	return `${name}-${randomUUID().slice(0, 8)}@example.test`;
}

export async function stage(
	source: string,
	rows: Partial<ImportRow>[],
	{ dryRun = false }: { dryRun?: boolean } = {}
): Promise<StageAnswer> {
	const { data, error } = await serviceClient().rpc('stage_imports', {
		source,
		people: rows.map((row, index) => ({ line: index + 2, ...row })) as never,
		run_by: 'tests',
		dry_run: dryRun
	});
	if (error) throw error;
	return data as unknown as StageAnswer;
}

/**
 * Marks the staged person's invitation sent, with a fresh token that only the returned value
 * holds (the database keeps its hash), as if its email had gone out.
 */
export async function invite(source: string, email: string): Promise<string> {
	const token = randomBytes(32).toString('hex');
	const { rowCount } = await database().query(
		`update private.imported_people
		set token_hash = private.token_hash($3), pending_token = null, invited_at = now()
		where source = $1 and email = $2`,
		[source, email, token]
	);
	if (rowCount !== 1) throw new Error(`${email} is not staged in ${source}`);
	return token;
}

/** The staged row of a person, as the database holds it (null when there is none). */
export async function stagedRow(source: string, email: string) {
	const { rows } = await database().query(
		`select id, display_name, lat, lng, visibility, precision, invited_at, confirmed_at,
			profile_id, pending_token, token_hash is not null as has_token
		from private.imported_people where source = $1 and email = $2`,
		[source, email]
	);
	return rows[0] ?? null;
}

/** Whether an account with this address exists (nobody is made one before confirming). */
export async function accountExists(email: string): Promise<boolean> {
	const { rows } = await database().query('select 1 from auth.users where email = $1', [email]);
	return rows.length > 0;
}
