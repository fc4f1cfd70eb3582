// The load of `npm run bench:load`, in a process of its own: autocannon's work must not slow the
// local stack's gateway and auth, which run in the bench's process (as they would on another
// machine). The bench sends a LoadPlan over IPC; this answers 'started' once autocannon is
// running, then a LoadReport.
import autocannon from 'autocannon';

export interface LoadRequest {
	method: 'GET' | 'POST';
	path: string;
	headers: Record<string, string>;
	body?: string;
}

export interface LoadRun {
	/** How the bench names it in its table, e.g. "/map, signed in". */
	name: string;
	origin: string;
	connections: number;
	/** Each connection goes through these in turn (one per signed-in member, say). */
	requests: LoadRequest[];
}

export interface LoadPlan {
	runs: LoadRun[];
	durationSeconds: number;
}

/** What the bench gets back: each run's result, and the CPU this process spent. */
export interface LoadReport {
	results: LoadResult[];
	cpuSeconds: number;
}

export interface LoadResult {
	name: string;
	connections: number;
	durationSeconds: number;
	/** Every response's latency in ms, in order. */
	latencies: number[];
	/** Every response's status and when it arrived (epoch ms): what happened when. */
	responses: [at: number, status: number][];
	/** Requests that got no response (refused, reset, timed out), and when. */
	socketErrors: number[];
}

/** Runs every run of the plan at once, for its duration. */
async function runPlan({ runs, durationSeconds }: LoadPlan): Promise<LoadResult[]> {
	const running = Promise.all(
		runs.map(async (run) => {
			const result: LoadResult = {
				name: run.name,
				connections: run.connections,
				durationSeconds,
				latencies: [],
				responses: [],
				socketErrors: []
			};
			await new Promise<void>((resolve, reject) => {
				const instance = autocannon(
					{
						url: run.origin,
						connections: run.connections,
						duration: durationSeconds,
						requests: run.requests,
						timeout: 10
					},
					(error) => (error ? reject(error) : resolve())
				);
				instance.on('response', (_client, status, _bytes, latency) => {
					result.latencies.push(latency);
					result.responses.push([Date.now(), status]);
				});
				instance.on('reqError', () => result.socketErrors.push(Date.now()));
			});
			return result;
		})
	);
	process.send!('started');
	return running;
}

process.once('message', async (plan: LoadPlan) => {
	const results = await runPlan(plan);
	const { user, system } = process.cpuUsage();
	const report: LoadReport = { results, cpuSeconds: (user + system) / 1e6 };
	process.send!(report, () => process.exit(0));
});
