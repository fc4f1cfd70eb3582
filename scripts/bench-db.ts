// `npm run bench:db`: how long the map's and the directory's database functions take with many
// people, as an anonymous visitor and as a member, against a baseline measured in the same run:
// a bare scan that only counts the rows the same caller may see in the same box (the same role,
// the same row-level security, the same index), so the ratio is what shaping the answer costs on
// top of reading it.
//
// It seeds a throw-away stack with 10,000 and then 100,000 synthetic practitioners (clustered
// around the biggest gazetteer cities; every fourth shares with members only, every third is
// open to crewing) and calls each function as PostgREST would: `set local role` and the JWT
// claims in one transaction, from a client on the same machine. Each case is called twice to
// warm up, then BENCH_RUNS times (20 by default) alternating with its baseline; it prints p50
// and p99 of the round trip. BENCH_SIZES=10000 (comma-separated) measures other sizes.
import pg from 'pg';
import { biggestCities, seedPractitioners, syntheticId, syntheticPoints } from './bench-seed.ts';
import { percentile } from './bench-stats.ts';
import { startThrowawayStack } from './local-stack/index.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const RUNS = Math.max(2, Number(process.env.BENCH_RUNS ?? 20));

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

interface Case {
	name: string;
	sql: string;
	/** The bare scan it is compared with: counts the caller's visible rows. */
	baseline: string;
}

const boxArgs = (box: Box) =>
	`min_lat => ${box.min_lat}, min_lng => ${box.min_lng}, max_lat => ${box.max_lat}, max_lng => ${box.max_lng}`;

/** The rows a caller may see in a box, counted: anonymous callers read the public cells. */
function bareScan(box: Box | null, member: boolean) {
	const [lat, lng] = member ? ['published_lat', 'published_lng'] : ['public_lat', 'public_lng'];
	const where = box
		? `where ${lat} between ${box.min_lat} and ${box.max_lat} and ${lng} between ${box.min_lng} and ${box.max_lng}`
		: '';
	return `select count(*) from public.profiles ${where}`;
}

function cases(member: boolean): Case[] {
	const view = (name: string, box: Box, zoom: number) => ({
		name,
		sql: `select public.map_view(${boxArgs(box)}, zoom => ${zoom})`,
		baseline: bareScan(box, member)
	});
	const directory = (name: string, args: string) => ({
		name,
		sql: `select public.directory_page(${args})`,
		baseline: bareScan(null, member)
	});
	return [
		view('map_view, the world at zoom 2', WORLD, 2),
		view('map_view, western Europe at zoom 6', WESTERN_EUROPE, 6),
		view('map_view, London at zoom 11', LONDON, 11),
		{
			name: 'map_items, London (at most 5,000)',
			sql: `select public.map_items(${boxArgs(LONDON)}, max_items => 5000)`,
			baseline: bareScan(LONDON, member)
		},
		directory('directory_page 1, by name', 'page => 1'),
		directory('directory_page 50, by name', 'page => 50'),
		directory(
			'directory_page 1, open to crewing',
			`page => 1, filters => '{"open_to": ["crewing"]}'`
		),
		directory(
			'directory_page 1, by distance from London',
			`page => 1, sort => 'distance', near_lat => 51.5, near_lng => -0.12`
		)
	];
}

/** Runs a statement as PostgREST would for this caller, and times the round trip. */
async function timed(db: pg.Client, claims: Record<string, string>, sql: string) {
	await db.query('begin');
	try {
		await db.query(`set local role ${claims.role}`);
		await db.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
		const started = performance.now();
		await db.query(sql);
		return performance.now() - started;
	} finally {
		await db.query('rollback');
	}
}

const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(10);

const stack = await startThrowawayStack();
const db = new pg.Client({ connectionString: stack.dbUrl });
try {
	await db.connect();
	const cities = await biggestCities(db);
	const points = syntheticPoints({ cities, count: Math.max(...SIZES), seed: 20261203 });
	let seeded = 0;
	for (const size of SIZES) {
		const started = performance.now();
		await seedPractitioners({ db, points: points.slice(seeded, size), from: seeded, mixed: true });
		seeded = size;
		await db.query('analyze public.profiles');
		console.log(
			`\n${size.toLocaleString('en-GB')} practitioners (seeded in ${((performance.now() - started) / 1000).toFixed(1)} s), ${RUNS} calls each, round trip from a local client`
		);
		console.log(
			`${'case'.padEnd(48)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'bare p50'.padStart(10)}  ratio (p50 / bare p50)`
		);
		const callers = [
			{ name: 'anonymous visitor', claims: { role: 'anon' }, member: false },
			{
				name: 'member',
				claims: { role: 'authenticated', sub: syntheticId(0) },
				member: true
			}
		];
		for (const caller of callers) {
			console.log(`as ${caller.name}`);
			for (const { name, sql, baseline } of cases(caller.member)) {
				for (let warm = 0; warm < 2; warm++) {
					await timed(db, caller.claims, sql);
					await timed(db, caller.claims, baseline);
				}
				const ours: number[] = [];
				const bare: number[] = [];
				for (let run = 0; run < RUNS; run++) {
					ours.push(await timed(db, caller.claims, sql));
					bare.push(await timed(db, caller.claims, baseline));
				}
				const p50 = percentile(ours, 0.5);
				const bareP50 = percentile(bare, 0.5);
				console.log(
					`  ${name.padEnd(46)}${ms(p50)}${ms(percentile(ours, 0.99))}${ms(bareP50)}  ${(p50 / bareP50).toFixed(2)}×`
				);
			}
		}
	}
} finally {
	await db.end();
	await stack.stop();
}
