// `npm run bench:map`: how fast `/map` becomes usable with 10k, 100k and 1M practitioners, against
// a baseline measured in the same run on the same points: a bare page with MapLibre's built-in
// GeoJSON clustering (`cluster: true`) on the same offline basemap.
//
// For each size it seeds a throw-away stack with synthetic public practitioners clustered
// around real cities, loads `/map` anonymously in headless Chromium and measures
// - time to first idle map: navigation start → MapLibre's first `idle` once the points are on
//   the map (the app marks it with `data-idle`, the baseline page records it), and, as well, to
//   the first ready map (the app's `data-state="ready"`, the baseline's `load` with its layers),
// - the longest main-thread task from navigation start to one second after idle,
// - bytes transferred until then (CDP `Network.loadingFinished` encodedDataLength),
// and, once, the JavaScript `/map` loads before it asks for MapLibre's chunk (gzip sizes).
// Last, with the largest size seeded, Lighthouse (system Chromium) on `/directory` (see below
// why not on `/map`).
// BENCH_SIZES=10000,100000 (comma-separated) measures other sizes; BENCH_RUNS=5 loads each page more
// times (3 by default, after a warm-up load each; medians are printed); BENCH_BYTES=1 lists where
// the bytes went; BENCH_LIGHTHOUSE=0 skips Lighthouse.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { chromiumFlags, chromiumPath, launchBrowser } from '../tests/support/browser.ts';
import { startThrowawayStack } from './local-stack/index.ts';
import { projectRoot } from './local-stack/migrate.ts';
import { freePort } from './local-stack/processes.ts';
import { biggestCities, seedPractitioners, syntheticPoints, type Point } from './bench-seed.ts';
import { buildIfMissing, startBuiltApp } from './built-app.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
/** Loads of each page per size, after one warm-up load each; medians are reported. */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
/** Tasks and bytes are counted until this long after the map is ready. */
const SETTLE_MS = 1_000;

interface PageMeasure {
	readyMs: number;
	idleMs: number;
	longestTaskMs: number;
	/** The longest clustering step on the main thread (the app's user-timing measures). */
	longestClusteringMs?: number;
	bytes: number;
	pointCount?: number;
}

/** Installed before any page script: collects long tasks and when the map became ready. */
function installProbes() {
	const bench = { longTasks: [] as number[][], readyAt: 0, idleAt: 0 };
	Object.assign(window, { __bench: bench });
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) bench.longTasks.push([entry.startTime, entry.duration]);
	}).observe({ type: 'longtask', buffered: true });
	new MutationObserver(() => {
		if (!bench.readyAt && document.querySelector('[data-testid=network-map][data-state=ready]')) {
			bench.readyAt = performance.now();
		}
		if (!bench.idleAt && document.querySelector('[data-testid=network-map][data-idle]')) {
			bench.idleAt = performance.now();
		}
	}).observe(document, {
		subtree: true,
		attributes: true,
		attributeFilter: ['data-state', 'data-idle']
	});
}

async function measurePage({
	browser,
	url,
	onScript,
	reportBytes = false
}: {
	browser: Browser;
	url: string;
	onScript?: (url: string) => void;
	/** Print where the bytes went (with `BENCH_BYTES=1`). */
	reportBytes?: boolean;
}): Promise<PageMeasure> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	await page.addInitScript(installProbes);
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	let bytes = 0;
	const urls = new Map<string, string>();
	const bytesByUrl = new Map<string, number>();
	cdp.on('Network.loadingFinished', (event) => {
		bytes += event.encodedDataLength;
		const requested = urls.get(event.requestId) ?? '?';
		bytesByUrl.set(requested, (bytesByUrl.get(requested) ?? 0) + event.encodedDataLength);
	});
	cdp.on('Network.requestWillBeSent', (event) => {
		urls.set(event.requestId, event.request.url);
		if (event.type === 'Script' || event.request.url.endsWith('.js')) onScript?.(event.request.url);
	});
	await page.goto(url, { timeout: 300_000 });
	await page.waitForFunction(
		() => (window as unknown as { __bench: { idleAt: number } }).__bench.idleAt > 0,
		undefined,
		{ timeout: 300_000, polling: 50 }
	);
	await page.waitForTimeout(SETTLE_MS);
	const probes = await page.evaluate(
		() =>
			(window as unknown as { __bench: { longTasks: number[][]; readyAt: number; idleAt: number } })
				.__bench
	);
	const pointCount = await page
		.locator('[data-testid=network-map]')
		.getAttribute('data-point-count', { timeout: 1_000 })
		.catch(() => null);
	const clustering = await page.evaluate(() =>
		performance
			.getEntriesByType('measure')
			.filter(({ name }) => name.startsWith('map:cluster'))
			.map(({ duration }) => duration)
	);
	const until = probes.idleAt + SETTLE_MS;
	const longestTaskMs = Math.max(
		0,
		...probes.longTasks.filter(([start]) => start < until).map(([, duration]) => duration)
	);
	await context.close();
	if (reportBytes && process.env.BENCH_BYTES) printBytesByUrl(url, bytesByUrl);
	return {
		readyMs: probes.readyAt,
		idleMs: probes.idleAt,
		longestTaskMs,
		longestClusteringMs: clustering.length > 0 ? Math.max(...clustering) : undefined,
		bytes,
		pointCount: pointCount ? Number(pointCount) : undefined
	};
}

/** Each measure's median over several loads (the point count is the same in every load). */
function medianMeasure(runs: PageMeasure[]): PageMeasure {
	const median = (values: number[]) => {
		const sorted = [...values].sort((a, b) => a - b);
		const middle = Math.floor(sorted.length / 2);
		return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	};
	const clustering = runs.flatMap(({ longestClusteringMs }) =>
		longestClusteringMs === undefined ? [] : [longestClusteringMs]
	);
	return {
		readyMs: median(runs.map(({ readyMs }) => readyMs)),
		idleMs: median(runs.map(({ idleMs }) => idleMs)),
		longestTaskMs: median(runs.map(({ longestTaskMs }) => longestTaskMs)),
		longestClusteringMs: clustering.length > 0 ? Math.max(...clustering) : undefined,
		bytes: median(runs.map(({ bytes }) => bytes)),
		pointCount: runs.at(-1)?.pointCount
	};
}

/** `BENCH_BYTES=1`: where a page's bytes went, biggest first. */
function printBytesByUrl(page: string, bytesByUrl: Map<string, number>) {
	console.log(`\nBytes by request, ${page}`);
	for (const [url, size] of [...bytesByUrl].sort(([, a], [, b]) => b - a).slice(0, 12)) {
		console.log(`${(size / 1024).toFixed(1).padStart(9)} KB  ${url.slice(0, 100)}`);
	}
}

const baselinePage = (center: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Baseline: MapLibre clustering</title>
<link rel="stylesheet" href="/maplibre/maplibre-gl.css">
<style>html,body,#map{margin:0;height:100%}</style></head>
<body><div id="map" data-testid="network-map" data-state="loading"></div>
<script type="module">
import * as maplibregl from '/maplibre/maplibre-gl.mjs';
maplibregl.setWorkerUrl('/maplibre/maplibre-gl-worker.mjs');
const [style, points] = await Promise.all(
	['/basemap/style.json', '/points.geojson'].map((url) => fetch(url).then((r) => r.json()))
);
const container = document.getElementById('map');
const map = new maplibregl.Map({ container, style, ${center}, maxZoom: 10 });
map.on('load', () => {
	map.addSource('people', { type: 'geojson', data: points, cluster: true });
	map.addLayer({ id: 'clusters', type: 'circle', source: 'people', filter: ['has', 'point_count'],
		paint: { 'circle-color': '#2f6f5e', 'circle-radius': ['step', ['get', 'point_count'], 12, 100, 18, 1000, 24] } });
	map.addLayer({ id: 'counts', type: 'symbol', source: 'people', filter: ['has', 'point_count'],
		layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': ['Noto Sans Regular'], 'text-size': 12 } });
	map.addLayer({ id: 'people', type: 'circle', source: 'people', filter: ['!', ['has', 'point_count']],
		paint: { 'circle-color': '#2f6f5e', 'circle-radius': 5 } });
	container.dataset.state = 'ready';
	map.once('idle', () => { window.__bench.idleAt = performance.now(); });
});
</script></body></html>`;

/**
 * The baseline page, MapLibre from node_modules, the points as GeoJSON, and everything else
 * (the basemap) passed through to the app so both pages draw the same style. Responses are
 * gzipped, as the app's are.
 */
async function startBaselineServer({ appUrl }: { appUrl: string }) {
	// Gzipped once when shown: a million points are some 80 MB of GeoJSON.
	let geojsonGzip = gzipSync('');
	let page = '';
	const maplibreDir = path.join(projectRoot, 'node_modules', 'maplibre-gl', 'dist');
	const types: Record<string, string> = {
		'.mjs': 'text/javascript',
		'.css': 'text/css',
		'.json': 'application/json',
		'.geojson': 'application/geo+json',
		'.html': 'text/html'
	};
	const server: Server = createServer(async (request, response) => {
		const url = new URL(request.url ?? '/', 'http://localhost');
		let body: Buffer;
		let type = types[path.extname(url.pathname)] ?? 'application/octet-stream';
		if (url.pathname === '/points.geojson') {
			response.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' });
			response.end(geojsonGzip);
			return;
		}
		if (url.pathname === '/') {
			body = Buffer.from(page);
			type = types['.html'];
		} else if (url.pathname.startsWith('/maplibre/')) {
			body = await readFile(path.join(maplibreDir, path.basename(url.pathname)));
		} else {
			const upstream = await fetch(`${appUrl}${url.pathname}${url.search}`);
			const text = await upstream.text();
			body = Buffer.from(text.replaceAll(appUrl, `http://127.0.0.1:${port}`));
			type = upstream.headers.get('content-type') ?? type;
		}
		response.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' });
		response.end(gzipSync(body));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/`,
		show(points: { type: 'FeatureCollection'; features: unknown[] }, center: string) {
			geojsonGzip = gzipSync(JSON.stringify(points));
			page = baselinePage(center);
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** The built app's chunk that holds MapLibre, and the gzip size of every client JS file. */
async function clientScripts() {
	const dir = path.join(projectRoot, 'build', 'client', '_app', 'immutable');
	const gzipBytes = new Map<string, number>();
	let maplibreChunk = '';
	for (const entry of await readdir(dir, { recursive: true })) {
		if (!entry.endsWith('.js')) continue;
		const source = await readFile(path.join(dir, entry));
		gzipBytes.set(path.basename(entry), gzipSync(source, { level: 9 }).length);
		if (source.length > 300_000 && source.includes('setWorkerUrl'))
			maplibreChunk = path.basename(entry);
	}
	return { gzipBytes, maplibreChunk };
}

interface LighthouseReport {
	categories: Record<'performance' | 'accessibility', { score: number }>;
	audits: Record<'largest-contentful-paint' | 'total-blocking-time', { numericValue: number }>;
}

/**
 * The Lighthouse CLI (desktop preset: the map is laid out for wide screens first); undefined if
 * it fails or takes over three minutes. Spawned without blocking: the stack's gateway and auth
 * run in this process, and a synchronous spawn would stop them answering the app while
 * Lighthouse loads its pages.
 */
async function lighthouse(url: string): Promise<LighthouseReport | undefined> {
	const dir = await mkdtemp(path.join(tmpdir(), 'bench-map-lighthouse-'));
	const output = path.join(dir, 'report.json');
	try {
		const run = spawn(
			path.join(projectRoot, 'node_modules', '.bin', 'lighthouse'),
			[
				url,
				`--chrome-path=${chromiumPath}`,
				`--chrome-flags=--headless=new --disable-dev-shm-usage ${chromiumFlags.join(' ')}`,
				'--preset=desktop',
				'--only-categories=performance,accessibility',
				// The full-page screenshot resizes the window to the whole page, which redraws the
				// map's WebGL canvas in software at that size; the scores do not use it.
				'--skip-audits=full-page-screenshot',
				'--output=json',
				`--output-path=${output}`,
				'--quiet'
			],
			{ stdio: ['ignore', 'ignore', 'inherit'] }
		);
		const timer = setTimeout(() => run.kill('SIGTERM'), 180_000);
		const status = await new Promise<number | null>((resolve) => run.on('exit', resolve));
		clearTimeout(timer);
		if (status !== 0) {
			// A Lighthouse that is stopped leaves the Chromium it launched (detached, by
			// chrome-launcher, with a lighthouse.* profile folder) running.
			spawnSync('pkill', ['-f', 'user-data-dir=[^ ]*lighthouse\\.']);
			return undefined;
		}
		return JSON.parse(await readFile(output, 'utf8')) as LighthouseReport;
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

buildIfMissing();

const cleanups: (() => Promise<unknown>)[] = [];
try {
	const stack = await startThrowawayStack();
	cleanups.push(() => stack.stop());
	const db = new pg.Client({ connectionString: stack.dbUrl });
	await db.connect();
	cleanups.push(() => db.end());
	const app = await startBuiltApp({ port: await freePort(), stack });
	cleanups.push(app.stop);
	const baseline = await startBaselineServer({ appUrl: app.appUrl });
	cleanups.push(baseline.close);
	const browser = await launchBrowser();
	cleanups.push(() => browser.close());

	const cities = await biggestCities(db);
	const allPoints = syntheticPoints({ cities, count: Math.max(...SIZES), seed: 20261125 });
	const { gzipBytes, maplibreChunk } = await clientScripts();

	let seeded = 0;
	let scriptsBeforeMap: string[] | undefined;
	for (const size of SIZES) {
		const started = performance.now();
		await seedPractitioners({
			db,
			points: allPoints.slice(seeded, size),
			from: seeded,
			onBatch: (added) => {
				if (size - seeded > 100_000)
					console.log(`seeding: ${(seeded + added).toLocaleString('en')} in`);
			}
		});
		seeded = size;
		const seedMs = performance.now() - started;

		// The same points the app is given: where anonymous visitors see people (their public cells).
		const { rows } = await db.query<Point>(
			'select public_lat as lat, public_lng as lng from public.profiles where public_lat is not null'
		);
		const features = rows.map((point) => ({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [point.lng, point.lat] },
			properties: {}
		}));
		// A loop, not Math.min(...values): spreading a million arguments overflows the stack.
		const edges = { south: 90, west: 180, north: -90, east: -180 };
		for (const { lat, lng } of rows) {
			edges.south = Math.min(edges.south, lat);
			edges.north = Math.max(edges.north, lat);
			edges.west = Math.min(edges.west, lng);
			edges.east = Math.max(edges.east, lng);
		}
		const bounds = `bounds: [[${edges.west}, ${edges.south}], [${edges.east}, ${edges.north}]], fitBoundsOptions: { padding: 48, maxZoom: 5 }`;
		baseline.show({ type: 'FeatureCollection', features }, bounds);

		const scripts: string[] = [];
		const measureOurs = (reportBytes = false) =>
			measurePage({
				browser,
				url: `${app.appUrl}/map`,
				onScript: (url) => scripts.push(path.basename(new URL(url).pathname)),
				reportBytes
			});
		const measureTheirs = (reportBytes = false) =>
			measurePage({ browser, url: baseline.url, reportBytes });
		// One load of each first, not counted: the database's and the servers' caches are then
		// warm for both, as for every visitor but the very first.
		await measureOurs();
		await measureTheirs();
		scriptsBeforeMap ??= scripts.slice(0, Math.max(0, scripts.indexOf(maplibreChunk)));
		const ourRuns: PageMeasure[] = [];
		const theirRuns: PageMeasure[] = [];
		for (let run = 0; run < RUNS; run++) {
			// Alternating which goes first, so neither always follows the other's garbage.
			if (run % 2 === 0) {
				ourRuns.push(await measureOurs(run === 0));
				theirRuns.push(await measureTheirs(run === 0));
			} else {
				theirRuns.push(await measureTheirs());
				ourRuns.push(await measureOurs());
			}
		}
		const ours = medianMeasure(ourRuns);
		const theirs = medianMeasure(theirRuns);

		console.log(
			`\n${size.toLocaleString('en')} practitioners (seeded in ${seconds(seedMs)}; ${rows.length.toLocaleString('en')} visible anonymously, the app drew ${ours.pointCount ?? '?'}; medians of ${RUNS} loads each)`
		);
		console.log(
			`${''.padEnd(36)} ${'app'.padStart(10)} ${'baseline'.padStart(10)}   ratio (app / baseline)`
		);
		const row = (label: string, app: number, base: number, format: (value: number) => string) =>
			console.log(
				`${label.padEnd(36)} ${format(app).padStart(10)} ${format(base).padStart(10)}   ${(app / base).toFixed(2)}×`
			);
		row('first idle map', ours.idleMs, theirs.idleMs, seconds);
		const idleRatios = ourRuns.map((run, index) => run.idleMs / theirRuns[index].idleMs);
		console.log(
			`${'  (ratio in each pair of loads)'.padEnd(36)} ${idleRatios.map((ratio) => `${ratio.toFixed(2)}×`).join(', ')}`
		);
		row('first ready map (points handed over)', ours.readyMs, theirs.readyMs, seconds);
		row(
			'longest main-thread task',
			ours.longestTaskMs,
			theirs.longestTaskMs,
			(ms) => `${ms.toFixed(0)} ms`
		);
		row('bytes transferred', ours.bytes, theirs.bytes, kilobytes);
		console.log(
			`${'app: longest clustering step'.padEnd(36)} ${(ours.longestClusteringMs === undefined ? 'in worker' : `${ours.longestClusteringMs.toFixed(1)} ms`).padStart(10)}   (aim: under 100 ms; the baseline clusters in MapLibre's worker)`
		);
	}

	if (scriptsBeforeMap && maplibreChunk) {
		const total = scriptsBeforeMap.reduce((sum, file) => sum + (gzipBytes.get(file) ?? 0), 0);
		console.log(
			`\nJavaScript before the map chunk: ${kilobytes(total)} gzip in ${scriptsBeforeMap.length} files (aim: under 60 KB)`
		);
	}
	const lighthousePages = process.env.BENCH_LIGHTHOUSE === '0' ? [] : ['/map', '/directory'];
	if (lighthousePages.length > 0) {
		console.log(`\nLighthouse (desktop), ${seeded.toLocaleString('en')} practitioners seeded`);
	}
	for (const page of lighthousePages) {
		const report = await lighthouse(`${app.appUrl}${page}`);
		if (!report) {
			console.log(`${page.padEnd(12)} Lighthouse did not finish`);
			continue;
		}
		const { categories, audits } = report;
		console.log(
			`${page.padEnd(12)} performance ${Math.round(categories.performance.score * 100)}, accessibility ${Math.round(categories.accessibility.score * 100)}, LCP ${seconds(audits['largest-contentful-paint'].numericValue)}, TBT ${audits['total-blocking-time'].numericValue.toFixed(0)} ms`
		);
	}
	console.log(
		'\nAims: first idle map at least 3× faster than the baseline at 100k and 5× at 1M, no task' +
			' over 100 ms; Lighthouse performance and accessibility at least 95.'
	);
} finally {
	for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(error));
}
