// `npm run bench:load`: the built app and the REST API under many visitors at once, then two
// faults: PostgREST killed under load, and PostgreSQL killed during a stream of writes.
//
// It seeds a throw-away stack (durable, as `npm run dev` and a real database are: fsync on) with
// the demo data and synthetic practitioners, serves the built app, signs in a few demo members,
// and runs autocannon (in a process of its own, scripts/load-generator.ts) with 200 connections
// for 60 s against `/map`, `/map/view` (a view as the map asks for it), `/directory`, and PostgREST
// through the gateway with the public key (`rpc/map_view` and a read of `profiles`), each half
// anonymous and half signed in. Before it, the baseline, measured in the same run with as many
// connections: a built immutable asset, the least any request to the app costs. It prints
// requests per second, p50 and p99 latency and errors per target and in all, and each p99 as a
// ratio to the baseline's, and what each process spent of the CPU.
//
// Flags: --duration 60 (seconds of load), --connections 200, --people 10000 (synthetic
// practitioners), --skip-faults. A quick run: `npm run bench:load -- --duration 10`.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { biggestCities, seedPractitioners, syntheticPoints } from './bench-seed.ts';
import { percentile } from './bench-stats.ts';
import { buildIfMissing, startBuiltApp, type BuiltApp } from './built-app.ts';
import { startThrowawayStack, type LocalStack } from './local-stack/index.ts';
import { projectRoot } from './local-stack/migrate.ts';
import { freePort } from './local-stack/processes.ts';
import type { LoadResult, LoadRun } from './load-generator.ts';
import {
	postgresCrash,
	postgrestOutage,
	type CrashFigures,
	type OutageFigures
} from './load-faults.ts';
import { loadRuns, signIn, startLoad, targets, type SignedIn } from './load-targets.ts';

const { values: flags } = parseArgs({
	options: {
		duration: { type: 'string', default: '60' },
		connections: { type: 'string', default: '200' },
		people: { type: 'string', default: '10000' },
		'skip-faults': { type: 'boolean', default: false }
	}
});
const DURATION = Number(flags.duration);
const CONNECTIONS = Number(flags.connections);
const PEOPLE = Number(flags.people);
/** The demo members who browse signed in (supabase/seed.sql). */
const MEMBER_EMAILS = ['ada', 'bram', 'wren', 'noor', 'dalia'].map((name) => `${name}@example.org`);

// What each process spent of the CPU, from /proc/<pid>/stat: user and system time in clock ticks
// (100 a second on Linux), with the children it has waited for (PostgreSQL's ended backends).
const TICKS_PER_SECOND = 100;

function statFields(pid: number | string): number[] | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command may hold spaces: the fields start after its closing parenthesis.
		return stat
			.slice(stat.lastIndexOf(')') + 2)
			.split(' ')
			.map(Number);
	} catch {
		return undefined; // It has ended.
	}
}

/** A process's CPU ticks, and those of its live children too when asked (PostgreSQL's backends). */
function cpuTicks(pid: number | undefined, { withChildren = false } = {}): number {
	const own = pid ? statFields(pid) : undefined;
	if (!pid || !own) return 0;
	// utime, stime, cutime, cstime.
	let ticks = own[11] + own[12] + own[13] + own[14];
	if (withChildren) {
		for (const entry of readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			const fields = statFields(entry);
			if (fields?.[1] === pid) ticks += fields[11] + fields[12];
		}
	}
	return ticks;
}

/** The CPU seconds of each part of the system while `action` runs. */
async function cpuDuring<T>(
	parts: Record<string, () => number>,
	action: () => Promise<T>
): Promise<{ result: T; cpuSeconds: Record<string, number>; wallSeconds: number }> {
	const before = Object.fromEntries(Object.entries(parts).map(([name, ticks]) => [name, ticks()]));
	const started = performance.now();
	const result = await action();
	const wallSeconds = (performance.now() - started) / 1000;
	const cpuSeconds = Object.fromEntries(
		Object.entries(parts).map(([name, ticks]) => [
			name,
			(ticks() - before[name]) / TICKS_PER_SECOND
		])
	);
	return { result, cpuSeconds, wallSeconds };
}

interface Row {
	name: string;
	connections: number;
	rps: number;
	p50: number;
	p99: number;
	non2xx: number;
	socketErrors: number;
}

function summarise(name: string, results: LoadResult[]): Row {
	const latencies = results.flatMap((result) => result.latencies);
	const seconds = Math.max(...results.map((result) => result.durationSeconds));
	return {
		name,
		connections: results.reduce((sum, result) => sum + result.connections, 0),
		rps: latencies.length / seconds,
		p50: percentile(latencies, 0.5) ?? NaN,
		p99: percentile(latencies, 0.99) ?? NaN,
		non2xx: results.reduce(
			(sum, result) => sum + result.responses.filter(([, status]) => status >= 300).length,
			0
		),
		socketErrors: results.reduce((sum, result) => sum + result.socketErrors.length, 0)
	};
}

function printTable(rows: Row[], baseline: Row) {
	// A run that got no answer at all has no latencies.
	const ms = (value: number) => (Number.isNaN(value) ? 'none' : `${value.toFixed(0)} ms`);
	console.log(
		`${'target'.padEnd(34)}${'conns'.padStart(6)}${'req/s'.padStart(9)}${'p50'.padStart(9)}${'p99'.padStart(9)}${'non-2xx'.padStart(9)}${'socket'.padStart(8)}   p99 ÷ baseline p99`
	);
	for (const row of [...rows, baseline]) {
		if (row === baseline || row.name === 'all') console.log('-'.repeat(104));
		console.log(
			`${row.name.padEnd(34)}${String(row.connections).padStart(6)}${row.rps.toFixed(0).padStart(9)}${ms(row.p50).padStart(9)}${ms(row.p99).padStart(9)}${String(row.non2xx).padStart(9)}${String(row.socketErrors).padStart(8)}   ${row === baseline || Number.isNaN(row.p99) ? '' : `${(row.p99 / baseline.p99).toFixed(1)}×`}`
		);
	}
}

/** Every request of every run, anonymous and signed in, first checked to answer 2xx. */
async function checkTargets(runs: LoadRun[]) {
	for (const run of runs) {
		for (const request of run.requests) {
			const response = await fetch(`${run.origin}${request.path}`, {
				method: request.method,
				headers: request.headers,
				body: request.body
			});
			if (!response.ok) {
				throw new Error(
					`${run.name} answered ${response.status} before any load: ${(await response.text()).slice(0, 300)}`
				);
			}
			await response.arrayBuffer();
		}
	}
}

/** A built file of the app (immutable, precompressed): the baseline request. */
function immutableAsset() {
	const dir = path.join(projectRoot, 'build', 'client', '_app', 'immutable', 'entry');
	const file = readdirSync(dir).find((name) => name.startsWith('start.') && name.endsWith('.js'));
	if (!file) throw new Error(`No start chunk in ${dir}`);
	return `/_app/immutable/entry/${file}`;
}

interface Measured {
	rows: Row[];
	baseline: Row;
	cpu: { seconds: Record<string, number>; wallSeconds: number };
}

async function measureLoad({
	stack,
	app,
	members
}: {
	stack: LocalStack;
	app: BuiltApp;
	members: SignedIn[];
}): Promise<Measured> {
	const runs = loadRuns(
		targets(stack),
		{ origin: app.appUrl, apiUrl: stack.apiUrl, connections: CONNECTIONS },
		members
	);
	await checkTargets(runs);
	const baselineRun: LoadRun = {
		name: 'baseline: a built immutable asset',
		origin: app.appUrl,
		connections: runs.reduce((sum, run) => sum + run.connections, 0),
		requests: [
			{ method: 'GET', path: immutableAsset(), headers: { 'accept-encoding': 'gzip, br' } }
		]
	};
	const baselineSeconds = Math.min(DURATION, 20);
	console.log(
		`\nBaseline: ${baselineRun.connections} connections for ${baselineSeconds} s on ${baselineRun.requests[0].path}…`
	);
	const {
		results: [baselineResult]
	} = await startLoad({ runs: [baselineRun], durationSeconds: baselineSeconds }).done;

	console.log(`Load: ${baselineRun.connections} connections for ${DURATION} s…`);
	const postgrestPid = stack.servers.postgrest.pid();
	const postgresPid = stack.servers.postgres.pid();
	const { result, cpuSeconds, wallSeconds } = await cpuDuring(
		{
			'the app (Node)': () => cpuTicks(app.pid),
			PostgREST: () => cpuTicks(postgrestPid),
			PostgreSQL: () => cpuTicks(postgresPid, { withChildren: true }),
			'gateway and auth (this process)': () =>
				((process.cpuUsage().user + process.cpuUsage().system) / 1e6) * TICKS_PER_SECOND
		},
		() => startLoad({ runs, durationSeconds: DURATION }).done
	);
	cpuSeconds['autocannon (its process)'] = result.cpuSeconds;
	const rows = result.results.map((run) => summarise(run.name, [run]));
	rows.push(summarise('all', result.results));
	return {
		rows,
		baseline: summarise(baselineResult.name, [baselineResult]),
		cpu: { seconds: cpuSeconds, wallSeconds }
	};
}

const cleanups: (() => Promise<unknown>)[] = [];
try {
	buildIfMissing();
	const port = await freePort();
	const stack = await startThrowawayStack({
		siteUrl: `http://127.0.0.1:${port}`,
		// As a real database, so that a crash loses nothing it acknowledged (fsync on).
		durable: true,
		// Everyone signs in from this one address; the limits are not what is measured.
		authRateLimits: { emailSendIntervalSeconds: 0, requestsPerHourPerIp: 100_000 }
	});
	cleanups.push(() => stack.stop());

	const started = performance.now();
	const db = new pg.Client({ connectionString: stack.dbUrl });
	await db.connect();
	const cities = await biggestCities(db);
	await seedPractitioners({
		db,
		points: syntheticPoints({ cities, count: PEOPLE, seed: 20261204 }),
		from: 0,
		mix: 'members'
	});
	await db.query('analyze');
	const {
		rows: [{ area_cell: areaCell }]
	} = await db.query<{ area_cell: string }>('select area_cell from public.groups limit 1');
	// Closed before the crash: a connection the server drops would end this process.
	await db.end();
	console.log(
		`Seeded ${PEOPLE.toLocaleString('en-GB')} synthetic practitioners beside the demo data in ${((performance.now() - started) / 1000).toFixed(1)} s.`
	);

	const app = await startBuiltApp({ port, stack });
	cleanups.push(app.stop);
	const members = await Promise.all(MEMBER_EMAILS.map((email) => signIn(stack, email)));

	// Other work on the machine takes CPU from every part measured here: say how busy it was.
	const busy = () => loadavg()[0].toFixed(1);
	console.log(`Machine: ${availableParallelism()} cores, load average ${busy()} before the load.`);
	const measured = await measureLoad({ stack, app, members });
	console.log(`Load average ${busy()} at the end of the load (1 minute).`);
	console.log(
		`\nUnder load: ${measured.rows.at(-1)!.connections} connections for ${DURATION} s, ${PEOPLE.toLocaleString('en-GB')} synthetic practitioners; signed-in rows cycle through ${members.length} demo members.\n`
	);
	printTable(measured.rows, measured.baseline);
	const cores = availableParallelism();
	console.log(
		`\nCPU spent during the load (${cores} cores × ${measured.cpu.wallSeconds.toFixed(0)} s = ${(cores * measured.cpu.wallSeconds).toFixed(0)} s available):`
	);
	for (const [part, seconds] of Object.entries(measured.cpu.seconds)) {
		console.log(
			`  ${part.padEnd(34)} ${seconds.toFixed(1).padStart(6)} s  (${((seconds / (cores * measured.cpu.wallSeconds)) * 100).toFixed(0)}%)`
		);
	}

	let outage: OutageFigures | undefined;
	let crash: CrashFigures | undefined;
	if (!flags['skip-faults']) {
		console.log(
			'\nFault 1: PostgREST killed (SIGKILL) under load on the app, restarted 5 s later…'
		);
		outage = await postgrestOutage({ stack, app, members, connections: CONNECTIONS });
		console.log(
			[
				`  while it was down: ${outage.during.unavailable} answers 503, ${outage.during.ok} 2xx (begun before), ${outage.during.other} other answers, ${outage.during.socketErrors} socket errors`,
				`  a visitor saw: ${outage.sample.status}, Retry-After ${outage.sample.retryAfter}, friendly text ${outage.sample.friendly ? 'yes' : 'NO'}, internals shown ${outage.sample.leaks ? 'YES' : 'no'}`,
				`  PostgREST restarted in ${outage.restartMs} ms; the app's first 200 came ${outage.firstOkMs} ms after the restart began`,
				`  after that: ${outage.afterRecovery.responses} answers, ${outage.afterRecovery.notOk} not 2xx, ${outage.afterRecovery.socketErrors} socket errors`
			].join('\n')
		);

		console.log(
			'\nFault 2: PostgreSQL killed (SIGKILL of the postmaster) during a stream of writes, restarted at once…'
		);
		const writerEmails = Array.from({ length: 120 }, (_, n) => `bench-${n + 1}@example.test`);
		const writers: SignedIn[] = [];
		for (const email of writerEmails) writers.push(await signIn(stack, email));
		crash = await postgresCrash({ stack, writers, areaCell });
		console.log(
			[
				`  writes attempted ${crash.attempted}, acknowledged ${crash.acknowledged}, failed ${crash.failed}`,
				`  after the restart: present ${crash.present}, missing ${crash.missing} (must be 0), half-written ${crash.halfWritten} (must be 0), committed but never acknowledged ${crash.committedUnacknowledged}`,
				`  PostgreSQL was back ${crash.restartMs} ms after the kill (${crash.acknowledgedWhileDown} writes under way were acknowledged meanwhile); the next write was acknowledged ${crash.firstWriteAfterMs} ms after that${crash.postgrestRestarted ? ' (PostgREST had to be restarted)' : ' (PostgREST reconnected by itself)'}`
			].join('\n')
		);
	}

	const all = measured.rows.at(-1)!;
	const errors = all.non2xx + all.socketErrors;
	console.log('\nSummary');
	console.log(
		`  load: ${all.rps.toFixed(0)} req/s, p50 ${all.p50.toFixed(0)} ms, p99 ${all.p99.toFixed(0)} ms (${(all.p99 / measured.baseline.p99).toFixed(1)}× the baseline's ${measured.baseline.p99.toFixed(0)} ms), ${errors} errors`
	);
	console.log(
		`  aims: 0 errors ${errors === 0 ? 'met' : 'MISSED'}; p99 under 500 ms ${all.p99 < 500 ? 'met' : `MISSED by ${(all.p99 - 500).toFixed(0)} ms`}`
	);
	if (outage) {
		const friendly = outage.sample.status === 503 && outage.sample.friendly && !outage.sample.leaks;
		console.log(
			`  PostgREST down: ${friendly ? 'a friendly 503' : 'NOT a friendly 503'}, ${outage.during.other + outage.during.socketErrors} other errors, back ${outage.firstOkMs} ms after the restart began`
		);
	}
	if (crash) {
		console.log(
			`  PostgreSQL crash: ${crash.missing} acknowledged writes missing, ${crash.halfWritten} half-written (${crash.missing === 0 && crash.halfWritten === 0 ? 'met' : 'MISSED'})`
		);
	}
} finally {
	for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(error));
}
