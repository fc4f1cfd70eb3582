// The faults of `npm run bench:load`: PostgREST killed under load on the app, and PostgreSQL
// killed during a stream of writes. Each returns its figures; the bench prints them.
import pg from 'pg';
import type { BuiltApp } from './built-app.ts';
import type { LocalStack } from './local-stack/index.ts';
import { loadRuns, sleep, startLoad, targets, type SignedIn } from './load-targets.ts';

/** The friendly sentence of src/lib/server/unavailable.ts, looked for in the 503 page. */
const FRIENDLY = 'The map is taking a breather: try again in a minute.';

/** What PostgREST's outage did to the app's answers. */
export interface OutageFigures {
	/** Answers and failures while it was down (from the kill until it was ready again). */
	during: { unavailable: number; ok: number; other: number; socketErrors: number };
	/** What a visitor saw once during it. */
	sample: { status: number; retryAfter: string | null; friendly: boolean; leaks: boolean };
	restartMs: number;
	/** From the restart's start to the first 200 of the app. */
	firstOkMs: number;
	/** After that first 200: answers that were not 2xx, and failures. */
	afterRecovery: { responses: number; notOk: number; socketErrors: number };
}

/**
 * PostgREST killed (SIGKILL) while the app's pages and endpoint are under load, then restarted
 * through the stack's own code a few seconds later.
 */
export async function postgrestOutage({
	stack,
	app,
	members,
	connections
}: {
	stack: LocalStack;
	app: BuiltApp;
	members: SignedIn[];
	/** The load's connections; at most 60 are used here. */
	connections: number;
}): Promise<OutageFigures> {
	const seconds = { before: 4, down: 5, after: 6 };
	const appTargets = targets(stack).filter((target) => !target.name.startsWith('REST'));
	const runs = loadRuns(
		appTargets,
		{ origin: app.appUrl, apiUrl: stack.apiUrl, connections: Math.min(connections, 60) },
		members
	);
	const load = startLoad({
		runs,
		durationSeconds: seconds.before + seconds.down + seconds.after
	});
	await load.started;
	await sleep(seconds.before * 1000);
	const killedAt = Date.now();
	await stack.servers.postgrest.kill('SIGKILL');
	await sleep(1000);
	const seen = await fetch(`${app.appUrl}/directory`, { headers: { accept: 'text/html' } });
	const page = await seen.text();
	const sample = {
		status: seen.status,
		retryAfter: seen.headers.get('retry-after'),
		friendly: page.includes(FRIENDLY),
		leaks: /QueryError|fetch failed|PostgREST|\n\s+at /.test(page)
	};
	await sleep(Math.max(0, killedAt + seconds.down * 1000 - Date.now()));
	const restartAt = Date.now();
	await stack.servers.postgrest.restart();
	const readyAt = Date.now();
	const { results } = await load.done;

	const responses = results.flatMap((result) => result.responses).sort(([a], [b]) => a - b);
	const socketErrors = results.flatMap((result) => result.socketErrors);
	const within = (at: number) => at >= killedAt && at <= readyAt;
	const during = responses.filter(([at]) => within(at));
	const firstOk = responses.find(([at, status]) => at >= restartAt && status === 200);
	const firstOkAt = firstOk?.[0] ?? Infinity;
	const after = responses.filter(([at]) => at > firstOkAt);
	return {
		during: {
			unavailable: during.filter(([, status]) => status === 503).length,
			ok: during.filter(([, status]) => status < 300).length,
			other: during.filter(([, status]) => status >= 300 && status !== 503).length,
			socketErrors: socketErrors.filter(within).length
		},
		sample,
		restartMs: readyAt - restartAt,
		firstOkMs: firstOkAt - restartAt,
		afterRecovery: {
			responses: after.length,
			notOk: after.filter(([, status]) => status >= 300).length,
			socketErrors: socketErrors.filter((at) => at > firstOkAt).length
		}
	};
}

/** What a crash of PostgreSQL during a stream of writes left behind. */
export interface CrashFigures {
	attempted: number;
	acknowledged: number;
	/** Acknowledged, and found after the restart. */
	present: number;
	missing: number;
	/** Committed although the writer never heard so (the answer was lost with the connection). */
	committedUnacknowledged: number;
	/** A group without its first host, or whose member count is not its memberships'. */
	halfWritten: number;
	failed: number;
	restartMs: number;
	/**
	 * Acknowledged after the kill, before the restart: the killed postmaster's server processes
	 * finish the statement under way and answer it before they notice and exit.
	 */
	acknowledgedWhileDown: number;
	/** From the end of the restart to the next acknowledged write. */
	firstWriteAfterMs: number;
	/** Whether PostgREST had to be restarted too (it reconnects by itself, with backoff). */
	postgrestRestarted: boolean;
}

/**
 * Members make crews (`create_group`: the group and its first host's membership in one
 * transaction) through PostgREST, about WRITE_RATE a second; once a third of the stream is
 * acknowledged, PostgreSQL's postmaster is killed with SIGKILL and restarted, as a supervisor
 * would. Afterwards every acknowledged crew must be there, and none half made.
 */
export async function postgresCrash({
	stack,
	writers,
	areaCell
}: {
	stack: LocalStack;
	writers: SignedIn[];
	areaCell: string;
}): Promise<CrashFigures> {
	const WRITE_RATE = 100;
	/** create_group's limit: five new groups a day each. */
	const QUOTA = 5;
	const acknowledged = new Map<string, string>();
	const ackTimes: number[] = [];
	let attempted = 0;
	let failed = 0;
	/** What the first failed write said, to show if the stream never got going. */
	let firstFailure = '';
	let writing = writers.length;
	const deadline = Date.now() + 120_000;
	const crash: { killedAt?: number; restartedAt?: number; postgrestRestarted: boolean } = {
		postgrestRestarted: false
	};

	const writer = async (member: SignedIn, index: number) => {
		const pause = (writers.length / WRITE_RATE) * 1000;
		await sleep((index / writers.length) * pause);
		let made = 0;
		for (let n = 0; made < QUOTA && Date.now() < deadline; n++) {
			attempted++;
			try {
				const response = await fetch(`${stack.apiUrl}/rest/v1/rpc/create_group`, {
					method: 'POST',
					headers: {
						apikey: stack.anonKey,
						authorization: `Bearer ${member.accessToken}`,
						'content-type': 'application/json'
					},
					body: JSON.stringify({
						kind: 'crew',
						name: `Load crew ${index}-${n}`,
						area_cell: areaCell,
						status: 'open',
						size_limit: 6,
						visibility: 'members'
					})
				});
				const body = (await response.json()) as string | { hint?: string };
				if (response.ok && typeof body === 'string') {
					acknowledged.set(body, member.id);
					ackTimes.push(Date.now());
					made++;
				} else if (typeof body === 'object' && body.hint === 'rate_limited') {
					// Writes committed without an answer used up the day's quota.
					break;
				} else {
					failed++;
					firstFailure ||= `${response.status} ${JSON.stringify(body)}`;
				}
			} catch (error) {
				failed++;
				firstFailure ||= String(error);
			}
			await sleep(pause);
		}
		writing--;
	};

	const supervisor = async () => {
		const total = writers.length * QUOTA;
		while (acknowledged.size < total / 3) {
			if (writing === 0) throw new Error(`The writes did not get going: ${firstFailure}`);
			await sleep(10);
		}
		crash.killedAt = Date.now();
		await stack.servers.postgres.kill('SIGKILL');
		await stack.servers.postgres.restart();
		crash.restartedAt = Date.now();
		// PostgREST reconnects by itself; if it has not within 10 s, it is restarted.
		const ackedBefore = acknowledged.size;
		const waitUntil = Date.now() + 10_000;
		while (acknowledged.size === ackedBefore && Date.now() < waitUntil) await sleep(50);
		if (acknowledged.size === ackedBefore) {
			crash.postgrestRestarted = true;
			await stack.servers.postgrest.kill('SIGTERM');
			await stack.servers.postgrest.restart();
		}
	};

	await Promise.all([...writers.map(writer), supervisor()]);

	const db = new pg.Client({ connectionString: stack.dbUrl });
	await db.connect();
	try {
		const ids = [...acknowledged.keys()];
		const writerIds = writers.map((member) => member.id);
		const { rows: present } = await db.query<{ count: number }>(
			'select count(*)::int as count from public.groups where id = any($1::uuid[])',
			[ids]
		);
		const { rows: all } = await db.query<{ count: number }>(
			'select count(*)::int as count from public.groups where created_by = any($1::uuid[])',
			[writerIds]
		);
		const { rows: half } = await db.query<{ count: number }>(
			`select count(*)::int as count from public.groups g
			where g.created_by = any($1::uuid[])
				and (
					not exists (select 1 from public.group_members m
						where m.group_id = g.id and m.profile_id = g.created_by and m.role = 'host')
					or g.member_count <> (select count(*) from public.group_members m where m.group_id = g.id)
				)`,
			[writerIds]
		);
		const killedAt = crash.killedAt ?? NaN;
		const restartedAt = crash.restartedAt ?? NaN;
		return {
			attempted,
			acknowledged: ids.length,
			present: present[0].count,
			missing: ids.length - present[0].count,
			committedUnacknowledged: all[0].count - present[0].count,
			halfWritten: half[0].count,
			failed,
			restartMs: restartedAt - killedAt,
			acknowledgedWhileDown: ackTimes.filter((at) => at > killedAt && at <= restartedAt).length,
			firstWriteAfterMs: (ackTimes.find((at) => at > restartedAt) ?? NaN) - restartedAt,
			postgrestRestarted: crash.postgrestRestarted
		};
	} finally {
		await db.end();
	}
}
