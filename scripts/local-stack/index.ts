import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createAuthService, type AuthRateLimits } from './auth/index.ts';
import { createGateway, gatewayUrl } from './gateway.ts';
import { createApiKeys, DEFAULT_JWT_SECRET } from './keys.ts';
import { Mailbox } from './mailbox.ts';
import { migrate, StaleDatabaseError } from './migrate.ts';
import { startSmtpCatcher } from './smtp.ts';
import {
	removeDataDir,
	startPostgres,
	stopOrphanedServer,
	type RunningPostgres
} from './postgres.ts';
import { startPostgrest } from './postgrest.ts';
import { copyDatabaseTemplate, LOCAL_DB_PASSWORD } from './template.ts';
import { freePort, isAlive, isPortTaken, processCommand, waitForExit } from './processes.ts';

export { MigrationError } from './migrate.ts';

export interface LocalStackOptions {
	/** Holds the database (`db/`) and the state file other commands read. */
	dir: string;
	/** The one URL the app talks to. 0 picks a free port. */
	apiPort: number;
	/** PostgreSQL, for migrations and tools. 0 picks a free port. */
	dbPort: number;
	/** The SMTP server whose messages land in the mailbox. 0 (the default) picks a free port. */
	smtpPort?: number;
	/** Where sign-in links send people back to. */
	siteUrl: string;
	additionalRedirectUrls?: string[];
	jwtSecret?: string;
	/** Start from an empty database. */
	fresh?: boolean;
	/** Keep data safe across power cuts (fsync); off for throw-away stacks. */
	durable?: boolean;
	/** Delete `dir` on stop: a throw-away stack for tests and benchmarks. */
	ephemeral?: boolean;
	authRateLimits?: AuthRateLimits;
	log?: (source: string, line: string) => void;
	/** Called when a process of the stack dies while it should be running. */
	onUnexpectedExit?: (reason: string) => void;
}

/** What `npm run stack:status` prints, and what tests and scripts need to connect. */
export interface LocalStackInfo {
	apiUrl: string;
	anonKey: string;
	serviceKey: string;
	dbUrl: string;
	jwtSecret: string;
	mailboxUrl: string;
	/** Mail sent here lands in the mailbox: `smtp://127.0.0.1:<port>`. */
	smtpUrl: string;
}

export interface LocalStack extends LocalStackInfo {
	stop(): Promise<void>;
	/** PostgREST and PostgreSQL one at a time, to rehearse an outage (`npm run bench:load`, tests). */
	servers: Record<'postgrest' | 'postgres', StackServer>;
}

/** One server of the stack, to stop as a crash would and start again while the rest runs on. */
export interface StackServer {
	/** Its process id, while it runs. */
	pid(): number | undefined;
	/**
	 * Sends it a signal (SIGKILL by default: a crash) and waits until it is gone. Its exit is
	 * expected: `onUnexpectedExit` is not told.
	 */
	kill(signal?: NodeJS.Signals): Promise<void>;
	/** Starts it again as the stack first did: the same port, settings and password. */
	restart(): Promise<void>;
}

interface StateFile extends LocalStackInfo {
	ownerPid: number;
	childPids: number[];
	startedAt: string;
}

export class StackAlreadyRunningError extends Error {}

const STATE_FILE = 'stack.json';

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
	const log = options.log ?? ((source, line) => console.log(`[${source}] ${line}`));
	await mkdir(options.dir, { recursive: true });
	// As root, PostgreSQL runs as the postgres user, who must be able to enter this folder.
	await chmod(options.dir, 0o755);
	await recoverFromPreviousRun(options.dir);
	const dataDir = path.join(options.dir, 'db');
	await stopOrphanedServer(dataDir);
	if (options.fresh) await removeDataDir(dataDir);
	// A new database starts as a copy of the template: built once per version of the schema.
	if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await copyDatabaseTemplate(dataDir);

	const apiPort = options.apiPort || (await freePort());
	const dbPort = options.dbPort || (await freePort());
	const smtpPort = options.smtpPort || (await freePort());
	for (const [port, name, variable] of [
		[apiPort, 'API', 'LOCAL_API_PORT'],
		[dbPort, 'database', 'LOCAL_DB_PORT'],
		[smtpPort, 'SMTP server', 'LOCAL_SMTP_PORT']
	] as const) {
		if (await isPortTaken(port)) {
			throw new Error(
				`Port ${port} for the local ${name} is already in use by another program (a Supabase CLI stack?). Stop it, or set ${variable} to another port.`
			);
		}
	}

	const jwtSecret = options.jwtSecret ?? DEFAULT_JWT_SECRET;
	const keys = await createApiKeys(jwtSecret);
	const apiUrl = gatewayUrl(apiPort);
	const stopping = { value: false };
	const cleanups: Array<() => Promise<void>> = [];
	const stop = async () => {
		stopping.value = true;
		for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
		await rm(path.join(options.dir, STATE_FILE), { force: true });
		if (options.ephemeral) await rm(options.dir, { recursive: true, force: true });
	};
	/** Processes stopped on purpose (StackServer.kill), whose exit is no surprise. */
	const killed = new WeakSet<ChildProcess>();
	const watch = (name: string, running: { process: ChildProcess; recentOutput(): string }) =>
		running.process.once('exit', (code, signal) => {
			if (stopping.value || killed.has(running.process)) return;
			const said = running.recentOutput().split('\n').slice(-5).join('\n');
			const reason = `${name} stopped unexpectedly (${signal ?? `exit code ${code}`}).${said ? ` Its last words:\n${said}` : ''}`;
			log('stack', reason);
			options.onUnexpectedExit?.(reason);
		});

	try {
		const authenticatorPassword = randomBytes(16).toString('hex');
		const startDatabase = async () => {
			const started = await startPostgres({
				dataDir,
				port: dbPort,
				password: LOCAL_DB_PASSWORD,
				durable: options.durable ?? false,
				log: (line) => log('postgres', line)
			});
			try {
				await migrate({
					dbUrl: started.url,
					authenticatorPassword,
					seed: true,
					log: (line) => log('migrate', line)
				});
				return started;
			} catch (error) {
				await started.stop();
				throw error;
			}
		};
		let postgres: RunningPostgres;
		try {
			postgres = await startDatabase();
		} catch (error) {
			if (!(error instanceof StaleDatabaseError)) throw error;
			// Never half-migrated: nothing was applied. The old folder is kept beside the new one.
			const kept = `${dataDir}-before-${new Date().toISOString().slice(0, 10)}`;
			log(
				'stack',
				`${error.message} The migrations were squashed into one file per domain, so this database cannot be brought up to date. Rebuilding it from the current migrations and the seed; the old database folder is kept at ${kept} (delete it when you no longer need it).`
			);
			await rm(kept, { recursive: true, force: true });
			await rename(dataDir, kept);
			await copyDatabaseTemplate(dataDir);
			postgres = await startDatabase();
		}
		cleanups.push(() => postgres.stop());
		watch('PostgreSQL', postgres);

		const postgrestOptions = {
			dbHost: '127.0.0.1',
			dbPort,
			authenticatorPassword,
			jwtSecret,
			port: await freePort(),
			adminPort: await freePort(),
			log: (line: string) => log('postgrest', line)
		};
		let postgrest = await startPostgrest(postgrestOptions);
		cleanups.push(() => postgrest.stop());
		watch('PostgREST', postgrest);

		const pool = new pg.Pool({ connectionString: postgres.url, max: 5 });
		// An idle connection the server closes (a restart, the stack stopping) is not a failure of
		// any request: say so instead of letting the pool's 'error' event end the process.
		pool.on('error', (error) => log('auth', `database connection closed: ${error.message}`));
		cleanups.push(() => pool.end());
		const mailbox = new Mailbox({ log: (line) => log('mail', line) });
		const smtp = await startSmtpCatcher({
			mailbox,
			port: smtpPort,
			log: (line) => log('smtp', line)
		});
		cleanups.push(() => smtp.stop());
		const auth = createAuthService({
			pool,
			jwtSecret,
			apiUrl,
			siteUrl: options.siteUrl,
			additionalRedirectUrls: options.additionalRedirectUrls,
			mailbox,
			log: (line) => log('auth', line),
			rateLimits: options.authRateLimits
		});
		const gateway = createGateway({
			postgrestUrl: postgrest.url,
			auth,
			mailbox,
			apiKeys: [keys.anonKey, keys.serviceKey]
		});
		await listen(gateway, apiPort);
		cleanups.push(() => close(gateway));

		const info: LocalStackInfo = {
			apiUrl,
			anonKey: keys.anonKey,
			serviceKey: keys.serviceKey,
			dbUrl: postgres.url,
			jwtSecret,
			mailboxUrl: `${apiUrl}/mailbox`,
			smtpUrl: smtp.url
		};
		const startedAt = new Date().toISOString();
		const writeState = async () => {
			const state: StateFile = {
				...info,
				ownerPid: process.pid,
				childPids: [postgres.process.pid, postgrest.process.pid].filter(
					(pid): pid is number => pid !== undefined
				),
				startedAt
			};
			// Holds the keys: readable by this user only. Written aside and renamed into place, so
			// whoever reads it (stack:status, a test waiting for the stack) never sees half of it.
			const stateFile = path.join(options.dir, STATE_FILE);
			await writeFile(`${stateFile}.tmp`, JSON.stringify(state, null, '\t'), { mode: 0o600 });
			await rename(`${stateFile}.tmp`, stateFile);
		};
		await writeState();
		const server = (
			name: string,
			current: () => { process: ChildProcess },
			start: () => Promise<void>
		): StackServer => ({
			pid: () => current().process.pid,
			async kill(signal = 'SIGKILL') {
				const { process: child } = current();
				killed.add(child);
				child.kill(signal);
				await waitForExit(child, 10_000);
			},
			async restart() {
				await start();
				await writeState();
				log('stack', `${name} restarted`);
			}
		});
		const servers = {
			postgrest: server(
				'PostgREST',
				() => postgrest,
				async () => {
					postgrest = await startPostgrest(postgrestOptions);
					watch('PostgREST', postgrest);
				}
			),
			postgres: server(
				'PostgreSQL',
				() => postgres,
				async () => {
					postgres = await restartPostgres(() =>
						startPostgres({
							dataDir,
							port: dbPort,
							password: LOCAL_DB_PASSWORD,
							durable: options.durable ?? false,
							log: (line) => log('postgres', line)
						})
					);
					watch('PostgreSQL', postgres);
				}
			)
		};
		return { ...info, stop, servers };
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * PostgreSQL after a crash: the server processes of the killed postmaster notice it is gone and
 * exit, but until the last has, the new one refuses to start (their shared memory is still in
 * use). Tries again for up to 30 s.
 */
async function restartPostgres(start: () => Promise<RunningPostgres>): Promise<RunningPostgres> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		try {
			return await start();
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
}

/**
 * A stack on free ports with its own freshly built database (every migration, the seed and
 * the gazetteer), deleted when stopped.
 */
export async function startThrowawayStack(
	overrides: Partial<LocalStackOptions> = {}
): Promise<LocalStack> {
	const dir = await mkdtemp(path.join(tmpdir(), 'microsolidarity-stack-'));
	await chmod(dir, 0o755);
	return startLocalStack({
		dir,
		apiPort: 0,
		dbPort: 0,
		siteUrl: 'http://127.0.0.1:5173',
		jwtSecret: randomBytes(32).toString('hex'),
		ephemeral: true,
		log: () => undefined,
		...overrides
	});
}

/** Reads the state of a stack that `npm run dev` or `npm run stack` is running. */
export async function readRunningStack(dir: string): Promise<LocalStackInfo | undefined> {
	const state = await readState(dir);
	if (!state || !isOurProcess(state.ownerPid)) return undefined;
	return stackInfo(state);
}

/** What others need to connect to a stack, and nothing else (no handles: it can be sent on). */
export function stackInfo(stack: LocalStackInfo): LocalStackInfo {
	const { apiUrl, anonKey, serviceKey, dbUrl, jwtSecret, mailboxUrl, smtpUrl } = stack;
	return { apiUrl, anonKey, serviceKey, dbUrl, jwtSecret, mailboxUrl, smtpUrl };
}

/**
 * Refuses to start twice on the same folder, and cleans up after a run whose parent was
 * killed: SIGKILL leaves PostgREST and PostgreSQL running (they are in their own process
 * group), holding the ports the next start needs.
 */
async function recoverFromPreviousRun(dir: string) {
	const state = await readState(dir);
	if (!state) return;
	if (isOurProcess(state.ownerPid)) {
		throw new StackAlreadyRunningError(
			`The local stack is already running (process ${state.ownerPid}, API at ${state.apiUrl}). Use it, or stop that process first (Ctrl-C in its terminal).`
		);
	}
	for (const pid of state.childPids) {
		const command = processCommand(pid);
		if (!isAlive(pid) || !/postgrest|postgres/.test(command)) continue;
		// SIGINT is PostgreSQL's fast shutdown; PostgREST has nothing to save.
		process.kill(pid, command.includes('postgrest') ? 'SIGKILL' : 'SIGINT');
		for (let waited = 0; isAlive(pid) && waited < 10_000; waited += 50) {
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}
	await rm(path.join(dir, STATE_FILE), { force: true });
}

async function readState(dir: string): Promise<StateFile | undefined> {
	const file = path.join(dir, STATE_FILE);
	if (!existsSync(file)) return undefined;
	try {
		return JSON.parse(await readFile(file, 'utf8')) as StateFile;
	} catch {
		return undefined;
	}
}

function isOurProcess(pid: number) {
	return isAlive(pid) && /node|tsx/.test(processCommand(pid));
}

function listen(server: Server, port: number) {
	return new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
}

function close(server: Server) {
	return new Promise<void>((resolve) => {
		server.closeAllConnections();
		server.close(() => resolve());
	});
}
