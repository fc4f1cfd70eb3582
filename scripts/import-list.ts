/**
 * Staging a movement's list for `npm run import`: parse the file (CSV or Murmurations JSON), send
 * its good rows to the database's `stage_imports` in chunks (set-based there), and add up what
 * became of every row. Invitations are sent separately (sendImportInvitations), so a dry run sends
 * nothing and a failed send never loses a staged row.
 *
 * Imports stay relative: this runs outside SvelteKit.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../src/lib/database.types.ts';
import {
	ImportFileError,
	type ImportProblem,
	type ParsedList
} from '../src/lib/imports/import-row.ts';
import { parseCsv } from '../src/lib/imports/parse-csv.ts';
import { parseMurmurations } from '../src/lib/imports/parse-murmurations.ts';

/** Rows per call of stage_imports: big enough to be set-based, small enough for one request. */
export const STAGE_CHUNK_ROWS = 2000;

export type ListFormat = 'csv' | 'murmurations';

/** The format a file's name says, or its first character when the name says nothing. */
export function formatOf(fileName: string, text: string): ListFormat {
	if (/\.json$/i.test(fileName)) return 'murmurations';
	if (/\.csv$/i.test(fileName)) return 'csv';
	return /^\s*[[{]/.test(text) ? 'murmurations' : 'csv';
}

export function parseList(format: ListFormat, text: string): ParsedList {
	return format === 'csv' ? parseCsv(text) : parseMurmurations(text);
}

export interface ImportSummary {
	/** The batch the staged rows belong to; null for a dry run or a list with nothing to stage. */
	batches: string[];
	rows: number;
	staged: number;
	updated: number;
	unchanged: number;
	/** Every row not staged, with where it is in the file and why. */
	skipped: ImportProblem[];
}

interface StageAnswer {
	batch: string | null;
	rows: number;
	staged: number;
	updated: number;
	unchanged: number;
	skipped: number;
	skipped_rows: { line: number; email: string; reason: string }[];
}

/** Stages a parsed list; `onProgress` hears how many rows are done after each chunk. */
export async function stageList({
	supabase,
	list,
	format,
	source,
	runBy = '',
	dryRun = false,
	onProgress = () => undefined
}: {
	/** A client with the service role key. */
	supabase: SupabaseClient<Database>;
	list: ParsedList;
	format: ListFormat;
	source: string;
	runBy?: string;
	dryRun?: boolean;
	onProgress?: (done: number, total: number) => void;
}): Promise<ImportSummary> {
	const summary: ImportSummary = {
		batches: [],
		rows: list.rows.length + list.problems.length,
		staged: 0,
		updated: 0,
		unchanged: 0,
		skipped: [...list.problems]
	};
	const urls = new Map(list.rows.map((row) => [row.line, row.profile_url]));
	// Named as the parsers name them: "line 4" of a CSV file, "entry 4 (https://…)" of profiles.
	const where = (line: number) =>
		format === 'csv'
			? `line ${line}`
			: `entry ${line}${urls.get(line) ? ` (${urls.get(line)})` : ''}`;
	for (let start = 0; start < list.rows.length; start += STAGE_CHUNK_ROWS) {
		const chunk = list.rows.slice(start, start + STAGE_CHUNK_ROWS);
		const { data, error } = await supabase.rpc('stage_imports', {
			source,
			people: chunk as never,
			run_by: runBy,
			dry_run: dryRun
		});
		if (error) throw new ImportFileError(`the database refused the list: ${error.message}`);
		const answer = data as unknown as StageAnswer;
		if (answer.batch) summary.batches.push(answer.batch);
		summary.staged += answer.staged;
		summary.updated += answer.updated;
		summary.unchanged += answer.unchanged;
		for (const row of answer.skipped_rows) {
			summary.skipped.push({ line: row.line, message: `${where(row.line)}: ${row.reason}` });
		}
		onProgress(Math.min(start + chunk.length, list.rows.length), list.rows.length);
	}
	summary.skipped.sort((a, b) => a.line - b.line);
	return summary;
}
