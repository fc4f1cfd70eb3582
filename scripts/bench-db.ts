// `npm run bench:db`: the map's and the directory's database functions, a save and an import with
// 10,000, 100,000 and 1,000,000 people, each against the same function written the straightforward
// way (scan and aggregate on the fly, as before issue 13), measured in the same run.
//
// It seeds a throw-away stack with synthetic practitioners (deterministic, clustered around the
// biggest gazetteer cities, every audience and precision mixed: see SyntheticMix in
// bench-seed.ts) in set-based batches, the per-row triggers off and one private.publish_locations
// per batch, the last IMPORT_BATCH of each size through the import path (below). The member it
// reads as shares a crew with four crewmates-only people and is blocked by three others, so the
// per-caller corrections of the counts are on the path measured.
//
// Every call is made as PostgREST makes it: `set local role` and the JWT claims in one
// transaction, from a client on the same machine (the round trip, a little more than the time in
// the database). Reads roll back; saves and imports commit. Each case is called twice to warm up
// (its baseline once), then BENCH_RUNS times (20 by default) alternating with its baseline, which
// stops early once it has spent BENCH_BASELINE_SECONDS (20 by default; at least 3 calls): at a
// million people one straightforward call takes seconds. It prints p50 and p99, the baseline's
// p50, how many times faster than the baseline (baseline p50 / p50; for the import, throughput
// over the baseline's) and the issue's aim.
//
// The baselines:
// - map_view: audience.map_view_scanned, public.map_view as it was before issue 13 (kept in the
//   database for items and person filters): reads everyone visible in the box through
//   audience.visible_items and groups them on the fly;
// - directory pages: public.directory_page, the numbered pages (unchanged): reads and sorts
//   everyone visible, then skips to the page;
// - a save: the same public.save_my_profile, followed in its transaction by
//   private.refresh_public_cells(array[country]), the whole-country recount publishing ran after
//   every save before the k = 3 counts were kept locally;
// - an import: the same rows published by bench.publish_straightforward (private.publish_locations
//   before issue 13: recounts every country the batch touches; in scripts/bench-baselines.sql,
//   loaded into the throw-away database only), in a transaction rolled back.
//
// BENCH_SIZES=10000,100000 (comma-separated) measures other sizes; BENCH_IMPORT_BATCH sets the
// import's batch (10,000 by default); BENCH_EXPLAIN=1 records the plans of one more call of each
// case (auto_explain, with ANALYZE and BUFFERS, statements inside functions included) to a file per
// size and lists the sequential scans in them.
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import {
	addPractitioners,
	biggestCities,
	seedPractitioners,
	syntheticChoices,
	syntheticId,
	syntheticPoints,
	type Point
} from './bench-seed.ts';
import { percentile } from './bench-stats.ts';
import { startThrowawayStack } from './local-stack/index.ts';
import { projectRoot } from './local-stack/migrate.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const RUNS = Math.max(2, Number(process.env.BENCH_RUNS ?? 20));
const BASELINE_MS = 1000 * Number(process.env.BENCH_BASELINE_SECONDS ?? 20);
const IMPORT_BATCH = Math.max(1, Number(process.env.BENCH_IMPORT_BATCH ?? 10_000));

interface Box {
	min_lat: number;
	min_lng: number;
	max_lat: number;
	max_lng: number;
}

const WORLD: Box = { min_lat: -85.05, min_lng: -180, max_lat: 85.05, max_lng: 180 };
const WESTERN_EUROPE: Box = { min_lat: 35, min_lng: -11, max_lat: 60, max_lng: 20 };
/** What a 1600 × 1000 px map shows of London at zoom 11, with the map's margin. */
const LONDON: Box = { min_lat: 51.36, min_lng: -0.54, max_lat: 51.64, max_lng: 0.3 };
const NEAR_LONDON = 'near_lat => 51.5, near_lng => -0.12';
const OPEN_TO_CREWING = `filters => '{"open_to": ["crewing"]}'`;
const PAGE_SIZE = 20;
/** The deep page the issue asks about: 9,980 people in. */
const DEEP_PAGE = 500;

const AIMS = {
	read: 'p99 < 50 ms at 1M',
	gzip: '< 20 KB gzip at 1M',
	nearest: 'p99 < 5 ms',
	save: 'p99 < 50 ms at 1M, flat from 10k',
	import: '≥ 5,000 people/s'
};

interface Caller {
	name: string;
	claims: Record<string, string>;
}

const ANONYMOUS: Caller = { name: 'anonymous visitor', claims: { role: 'anon' } };
const MEMBER: Caller = {
	name: 'member',
	claims: { role: 'authenticated', sub: syntheticId(0) }
};

/** Opens a transaction as PostgREST would for this caller. */
async function begin(db: pg.Client, caller: Caller) {
	await db.query('begin');
	await db.query(`set local role ${caller.claims.role}`);
	await db.query(`select set_config('request.jwt.claims', $1, true)`, [
		JSON.stringify(caller.claims)
	]);
}

/** A read as this caller, rolled back: its round trip and the JSON it returned, as text. */
async function read(db: pg.Client, caller: Caller, sql: string, params: unknown[] = []) {
	await begin(db, caller);
	try {
		const started = performance.now();
		const { rows } = await db.query<{ answer: string }>(`select (${sql})::text as answer`, params);
		return { ms: performance.now() - started, answer: rows[0].answer };
	} finally {
		await db.query('rollback');
	}
}

/** Prints a measure as soon as it is taken (a million people's baselines take minutes). */
type Recorder = (measure: Measure) => void;

interface Measure {
	name: string;
	aim: string;
	ours: number[];
	theirs: number[];
	unit: 'ms' | 'KB' | 'people/s';
	/** What the case's answer held, when worth saying (how many people matched). */
	note?: string;
}

type Call = () => Promise<{ ms: number; answer?: string }>;

/**
 * Calls `ours` and `theirs` alternately: warm-ups first (two of ours, one of theirs), then RUNS of
 * ours, theirs until RUNS or its time budget. Returns the timings and the warm-up answers. With
 * BENCH_EXPLAIN=1, one more call of ours records its plans (capturePlans).
 */
async function compare({
	db,
	name,
	ours,
	theirs
}: {
	db: pg.Client;
	name: string;
	ours: Call;
	theirs: Call;
}) {
	await ours();
	const oursWarm = await ours();
	const theirsWarm = await theirs();
	const oursMs: number[] = [];
	const theirsMs: number[] = [];
	let theirsSpent = 0;
	for (let run = 0; run < RUNS; run++) {
		oursMs.push((await ours()).ms);
		if (theirsMs.length < 3 || theirsSpent < BASELINE_MS) {
			const { ms } = await theirs();
			theirsMs.push(ms);
			theirsSpent += ms;
		}
	}
	if (EXPLAIN) plans.set(name, await capturePlans(db, ours));
	return { oursMs, theirsMs, oursAnswer: oursWarm.answer, theirsAnswer: theirsWarm.answer };
}

/** BENCH_EXPLAIN=1: the plans of every statement each case ran, by case, for this size. */
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const plans = new Map<string, string[]>();

/**
 * Runs a call once with auto_explain reporting every statement it runs that takes a millisecond or
 * more, functions' inner ones included, as EXPLAIN (ANALYZE, BUFFERS) would, and returns those
 * plans. Not every statement: a function called per row would log a plan per row, hundreds of
 * thousands of them; its cost shows in the plan that calls it. auto_explain is loaded for this
 * session only (superuser); its notices reach the client whatever role the call takes.
 */
async function capturePlans(db: pg.Client, call: Call) {
	const captured: string[] = [];
	const onNotice = (notice: { message?: string }) => captured.push(notice.message ?? '');
	await db.query(`load 'auto_explain'`);
	await db.query(`select set_config(name, value, false) from (values
		('auto_explain.log_min_duration', '1'), ('auto_explain.log_analyze', 'on'),
		('auto_explain.log_buffers', 'on'), ('auto_explain.log_nested_statements', 'on'),
		('auto_explain.log_level', 'notice')) as setting(name, value)`);
	db.on('notice', onNotice);
	try {
		await call();
	} finally {
		db.off('notice', onNotice);
		await db.query(`set auto_explain.log_min_duration = -1`);
	}
	return captured;
}

/**
 * Writes the plans of one size to a file and lists, per case, the tables read from end to end
 * that matter: at least SEQ_SCAN_ROWS rows in one scan, or SEQ_SCAN_MS in all (a crew's few
 * memberships read once per person add up too).
 */
async function reportPlans(size: number) {
	const file = path.join(tmpdir(), `bench-db-plans-${size}.txt`);
	const text = [...plans].map(([name, caught]) => `=== ${name}\n${caught.join('\n\n')}`);
	await writeFile(file, text.join('\n\n'));
	console.log(
		`plans (auto_explain, analyze and buffers) in ${file}; sequential scans that matter:`
	);
	for (const [name, caught] of plans) {
		const byTable = new Map<string, { scans: number; rows: number; ms: number }>();
		for (const plan of caught) {
			for (const [, table, ms, rows, loops] of plan.matchAll(
				/Seq Scan on (\S+).*actual time=[\d.]+\.\.([\d.]+) rows=(\d+) loops=(\d+)/g
			)) {
				const seen = byTable.get(table) ?? { scans: 0, rows: 0, ms: 0 };
				seen.scans += Number(loops);
				seen.rows = Math.max(seen.rows, Number(rows));
				seen.ms += Number(ms) * Number(loops);
				byTable.set(table, seen);
			}
		}
		const scans = [...byTable]
			.filter(([, { rows, ms }]) => rows >= SEQ_SCAN_ROWS || ms >= SEQ_SCAN_MS)
			.map(
				([table, { scans, rows, ms }]) =>
					`${table} ×${scans} (at most ${rows} rows, ${ms.toFixed(1)} ms in all)`
			);
		if (scans.length > 0) console.log(`  ${name}: ${scans.join(', ')}`);
	}
	plans.clear();
}
const SEQ_SCAN_ROWS = 1000;
const SEQ_SCAN_MS = 1;

interface Totalled {
	total?: number | null;
	total_capped?: boolean;
}

/**
 * How many the answer says matched; and a warning line when the function measured and its
 * baseline disagree (unless the measured one says its total is capped).
 */
function checkTotals(name: string, caller: Caller, ours?: string, theirs?: string) {
	const answer = JSON.parse(ours ?? '{}') as Totalled;
	const baseline = JSON.parse(theirs ?? '{}') as Totalled;
	if (answer.total === null || answer.total === undefined) return `total ${answer.total}`;
	if (answer.total !== baseline.total && !answer.total_capped) {
		console.log(
			`  ! ${name} as ${caller.name}: total ${answer.total}, the baseline's ${baseline.total}`
		);
	}
	return `${answer.total.toLocaleString('en-GB')}${answer.total_capped ? '+' : ''} matched`;
}

const boxArgs = (box: Box) =>
	`min_lat => ${box.min_lat}, min_lng => ${box.min_lng}, max_lat => ${box.max_lat}, max_lng => ${box.max_lng}`;

async function measureMapViews(db: pg.Client, caller: Caller, record: Recorder) {
	const views: [string, Box, number][] = [
		['the world at zoom 2', WORLD, 2],
		['western Europe at zoom 6', WESTERN_EUROPE, 6],
		['London at zoom 11', LONDON, 11]
	];
	for (const [where, box, zoom] of views) {
		const args = `${boxArgs(box)}, zoom => ${zoom}`;
		const name = `map_view, ${where}`;
		const result = await compare({
			db,
			name: `${name}, as ${caller.name}`,
			ours: () => read(db, caller, `select public.map_view(${args})`),
			theirs: () => read(db, caller, `select audience.map_view_scanned(${args})`)
		});
		const note = checkTotals(name, caller, result.oursAnswer, result.theirsAnswer);
		record({
			name,
			aim: AIMS.read,
			ours: result.oursMs,
			theirs: result.theirsMs,
			unit: 'ms',
			note
		});
		if (zoom === 2) {
			const gzipKb = (answer = '') => gzipSync(answer).length / 1024;
			record({
				name: 'map_view, the world at zoom 2: gzip size',
				aim: AIMS.gzip,
				ours: [gzipKb(result.oursAnswer)],
				theirs: [gzipKb(result.theirsAnswer)],
				unit: 'KB'
			});
		}
	}
}

/**
 * The cursor after the first `skip` people of the directory for this caller (keyset pages of
 * public.directory_list), or the last one there is when fewer match.
 */
async function cursorAfter(db: pg.Client, caller: Caller, skip: number, args: string) {
	let after: string | null = null;
	let walked = 0;
	while (walked < skip) {
		const size = Math.min(100, skip - walked);
		const { answer } = await read(
			db,
			caller,
			`select public.directory_list(after => $1, page_size => ${size}${args ? `, ${args}` : ''})`,
			[after]
		);
		const { next, items } = JSON.parse(answer) as { next: string | null; items: unknown[] };
		walked += items.length;
		if (!next) break;
		after = next;
	}
	return after;
}

async function measureDirectory(db: pg.Client, caller: Caller, record: Recorder) {
	const pages: [string, number, string][] = [
		['directory, page 1 by name', 1, ''],
		[`directory, page ${DEEP_PAGE} by name`, DEEP_PAGE, ''],
		['directory, page 1, open to crewing', 1, OPEN_TO_CREWING],
		[`directory, page ${DEEP_PAGE}, open to crewing`, DEEP_PAGE, OPEN_TO_CREWING],
		['nearest to London (page 1 by distance)', 1, `sort => 'distance', ${NEAR_LONDON}`]
	];
	for (const [name, page, args] of pages) {
		const rest = args ? `, ${args}` : '';
		const after = page > 1 ? await cursorAfter(db, caller, (page - 1) * PAGE_SIZE, args) : null;
		const result = await compare({
			db,
			name: `${name}, as ${caller.name}`,
			ours: () =>
				read(
					db,
					caller,
					`select public.directory_list(after => $1, page_size => ${PAGE_SIZE}${rest})`,
					[after]
				),
			theirs: () =>
				read(
					db,
					caller,
					`select public.directory_page(page => ${page}, page_size => ${PAGE_SIZE}${rest})`
				)
		});
		const note = checkTotals(name, caller, result.oursAnswer, result.theirsAnswer);
		record({
			name,
			aim: name.startsWith('nearest') ? AIMS.nearest : AIMS.read,
			ours: result.oursMs,
			theirs: result.theirsMs,
			unit: 'ms',
			note
		});
	}
}

/**
 * One person's save in the country with the most people, as that member through
 * public.save_my_profile, committed: their point moves back and forth between two places in the
 * country in different area cells (so they leave one k = 3 count and enter another). The
 * baseline is the same save and then the country's whole recount, in the same transaction.
 */
async function measureSave(db: pg.Client): Promise<Measure> {
	const {
		rows: [mover]
	} = await db.query<{ id: string; country: string; people: string } & Point>(
		`with largest as (
			select published_country as country, count(*) as people from public.profiles
			where published_country is not null group by 1 order by 2 desc, 1 limit 1
		)
		select p.id, largest.country, largest.people, l.lat, l.lng
		from largest
		join public.profiles p on p.published_country = largest.country
		join public.profile_locations l on l.profile_id = p.id
		where p.visibility = 'public' and p.precision = 'town' and p.id <> $1
		order by p.id limit 1`,
		[MEMBER.claims.sub]
	);
	const {
		rows: [elsewhere]
	} = await db.query<Point>(
		`select l.lat, l.lng from public.profiles p
		join public.profile_locations l on l.profile_id = p.id
		where p.published_country = $1 and p.precision = 'town'
			and left(p.published_cell, 11) <> left(private.cell_at($2, $3, 11), 11)
		order by p.id desc limit 1`,
		[mover.country, mover.lat, mover.lng]
	);
	const caller: Caller = { name: 'the mover', claims: { role: 'authenticated', sub: mover.id } };
	let moves = 0;
	const save = async (afterwards?: string) => {
		const to = moves++ % 2 === 0 ? elsewhere : mover;
		await begin(db, caller);
		try {
			const started = performance.now();
			await db.query(`select public.save_my_profile('{}'::jsonb, $1, $2)`, [to.lat, to.lng]);
			if (afterwards) {
				await db.query('reset role');
				await db.query(afterwards, [[mover.country]]);
			}
			await db.query('commit');
			return { ms: performance.now() - started };
		} catch (error) {
			await db.query('rollback');
			throw error;
		}
	};
	const result = await compare({
		db,
		name: 'one save in the largest country',
		ours: () => save(),
		theirs: () => save('select private.refresh_public_cells($1::text[])')
	});
	return {
		name: 'one save in the largest country',
		aim: AIMS.save,
		ours: result.oursMs,
		theirs: result.theirsMs,
		unit: 'ms',
		note: `${mover.country}, ${Number(mover.people).toLocaleString('en-GB')} people placed there`
	};
}

/**
 * People `from`.. brought in through the bulk import (public.stage_imports, then
 * private.confirm_imports of each staged batch: what an import does once everyone has
 * confirmed), timed from the first statement to the last commit.
 */
async function importBatch(db: pg.Client, from: number, points: Point[]) {
	const rows = points.map(({ lat, lng }, index) => {
		const n = from + index + 1;
		const { visibility, precision } = syntheticChoices(n, 'every-audience');
		const email = `bench-${n}@example.test`;
		return { line: index + 1, name: `Practitioner ${n}`, email, lat, lng, visibility, precision };
	});
	const started = performance.now();
	const batches: string[] = [];
	for (let start = 0; start < rows.length; start += IMPORT_CALL_ROWS) {
		const { rows: staged } = await db.query<{ batch: string }>(
			`select public.stage_imports('bench', $1::jsonb) ->> 'batch' as batch`,
			[JSON.stringify(rows.slice(start, start + IMPORT_CALL_ROWS))]
		);
		batches.push(staged[0].batch);
	}
	for (const batch of batches) await db.query('select private.confirm_imports($1)', [batch]);
	const ms = performance.now() - started;
	// What an import list does not carry, chosen as the seeded people choose it, after the clock:
	// otherwise the filtered directory would find no imported person open to crewing.
	const crewing = rows.filter(
		(_, index) => syntheticChoices(from + index + 1, 'every-audience').openToCrewing
	);
	await db.query(
		`update public.profiles p set open_to = '{crewing}'
		from auth.users u where u.id = p.id and u.email = any ($1::text[])`,
		[crewing.map(({ email }) => email)]
	);
	return ms;
}
/** Rows per public.stage_imports call (the import's own advice: 5,000 to 20,000). */
const IMPORT_CALL_ROWS = 10_000;

/** The same people published the straightforward way, then rolled back. */
async function importBatchStraightforward(db: pg.Client, from: number, points: Point[]) {
	const started = performance.now();
	await db.query('begin');
	try {
		const ids = await addPractitioners({ db, points, from, mix: 'every-audience' });
		// As before issue 13: no row trigger went off when cells were published.
		await db.query('set local session_replication_role = replica');
		await db.query('select bench.publish_straightforward($1::uuid[])', [ids]);
		return performance.now() - started;
	} finally {
		await db.query('rollback');
	}
}

/** The member the benchmark reads as: in a crew with four crewmates-only people, blocked by three. */
async function setUpMember(db: pg.Client) {
	const member = MEMBER.claims.sub;
	const crewmates = [16, 17, 18, 19].map(syntheticId);
	const blockers = [1, 2, 3].map(syntheticId);
	await db.query(
		`with crew as (
			insert into public.groups (kind, name, status, size_limit, visibility, area_cell, created_by)
			select 'crew', 'Benchmark crew', 'open', 8, 'members', left(published_cell, 11), id
			from public.profiles where id = $1
			returning id
		)
		insert into public.group_members (group_id, profile_id, role)
		select crew.id, person, case when person = $1 then 'host' else 'member' end
		from crew, unnest($1::uuid || $2::uuid[]) person`,
		[member, crewmates]
	);
	await db.query(
		`insert into public.blocks (blocker_id, blocked_id) select blocker, $1 from unnest($2::uuid[]) blocker`,
		[member, blockers]
	);
}

const formatValue = (value: number, unit: Measure['unit']) =>
	unit === 'people/s'
		? `${Math.round(value).toLocaleString('en-GB')}/s`
		: `${value.toFixed(1)} ${unit}`;

function printMeasure(measure: Measure) {
	const { name, ours, theirs, unit, aim, note } = measure;
	const p50 = percentile(ours, 0.5);
	const theirsP50 = percentile(theirs, 0.5);
	const single = ours.length === 1;
	const times = unit === 'people/s' ? p50 / theirsP50 : theirsP50 / p50;
	console.log(
		`  ${name.padEnd(50)}${formatValue(p50, unit).padStart(12)}${(single ? '' : formatValue(percentile(ours, 0.99), unit)).padStart(12)}${formatValue(theirsP50, unit).padStart(12)}${(single ? '' : String(theirs.length)).padStart(4)}${`${times.toFixed(1)}×`.padStart(9)}   ${aim}${note ? `; ${note}` : ''}`
	);
}

const stack = await startThrowawayStack();
const db = new pg.Client({ connectionString: stack.dbUrl });
const summary = new Map<string, string[]>();
try {
	await db.connect();
	await db.query(await readFile(path.join(projectRoot, 'scripts', 'bench-baselines.sql'), 'utf8'));
	const cities = await biggestCities(db);
	const points = syntheticPoints({ cities, count: Math.max(...SIZES), seed: 20261203 });
	let seeded = 0;
	for (const size of SIZES) {
		const started = performance.now();
		// The member and the people around them (setUpMember) are seeded, whatever the batch.
		const importFrom = Math.max(seeded, size - IMPORT_BATCH, Math.min(size, 20));
		await seedPractitioners({
			db,
			points: points.slice(seeded, importFrom),
			from: seeded,
			mix: 'every-audience',
			onBatch: (added) => {
				if (importFrom - seeded > 100_000)
					console.log(`  seeding: ${(seeded + added).toLocaleString('en-GB')} in`);
			}
		});
		const seedMs = performance.now() - started;
		if (seeded === 0) await setUpMember(db);
		const importPoints = points.slice(importFrom, size);
		const theirsImportMs = await importBatchStraightforward(db, importFrom, importPoints);
		const importMs = await importBatch(db, importFrom, importPoints);
		seeded = size;
		const vacuumStarted = performance.now();
		await db.query('vacuum analyze');
		console.log(
			`\n${size.toLocaleString('en-GB')} practitioners (seeded in ${(seedMs / 1000).toFixed(1)} s, the last ${importPoints.length.toLocaleString('en-GB')} imported; vacuum analyze ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s), ${RUNS} calls each, round trip from a local client`
		);
		console.log(
			`  ${'case'.padEnd(50)}${'p50'.padStart(12)}${'p99'.padStart(12)}${'base p50'.padStart(12)}${'n'.padStart(4)}${'faster'.padStart(9)}   aim`
		);
		let heading = '';
		const record: Recorder = (measure) => {
			printMeasure(measure);
			const key = `${heading}: ${measure.name}`;
			const p99 = measure.ours.length === 1 ? measure.ours[0] : percentile(measure.ours, 0.99);
			summary.set(key, [...(summary.get(key) ?? []), formatValue(p99, measure.unit)]);
		};
		for (const caller of [ANONYMOUS, MEMBER]) {
			console.log((heading = `as ${caller.name}`));
			await measureMapViews(db, caller, record);
			await measureDirectory(db, caller, record);
		}
		console.log((heading = 'writes'));
		record(await measureSave(db));
		record({
			name: 'import, people a second to publication',
			aim: AIMS.import,
			ours: [(importPoints.length * 1000) / importMs],
			theirs: [(importPoints.length * 1000) / theirsImportMs],
			unit: 'people/s',
			note: `${importPoints.length.toLocaleString('en-GB')} by stage_imports + confirm_imports`
		});
		if (EXPLAIN) await reportPlans(size);
	}
	console.log(
		`\np99 (gzip size, people a second) by size: ${SIZES.map((size) => size.toLocaleString('en-GB')).join(' / ')}`
	);
	for (const [key, values] of summary) console.log(`  ${key.padEnd(78)}${values.join(' / ')}`);
} finally {
	await db.end();
	await stack.stop();
}
