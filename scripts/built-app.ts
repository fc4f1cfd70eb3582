// The built app (`vite build`, adapter-node's `build/index.js`) served against a local stack, as
// it runs in production: for the browser tests and the map benchmark.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './local-stack/migrate.ts';
import { waitForExit } from './local-stack/processes.ts';

const server = path.join(projectRoot, 'build', 'index.js');

/** For the benchmarks: builds the app (`vite build`) when there is no build yet. */
export function buildIfMissing() {
	if (existsSync(server)) return;
	console.log('No build found: running vite build…');
	const build = spawnSync('npx', ['vite', 'build'], { cwd: projectRoot, stdio: 'inherit' });
	if (build.status !== 0) throw new Error('vite build failed.');
}

export interface BuiltApp {
	appUrl: string;
	/** The server's process, to measure what it spends (`npm run bench:load`). */
	pid: number | undefined;
	stop(): Promise<void>;
}

/** Starts the built app on a port, talking to the stack, and waits until it answers. */
export async function startBuiltApp({
	port,
	stack,
	stdout = 'ignore',
	origin
}: {
	port: number;
	stack: { apiUrl: string; anonKey: string; serviceKey: string; mailboxUrl: string };
	/** Where the server's own output goes; its errors always reach this process's stderr. */
	stdout?: 'ignore' | 'inherit';
	/**
	 * The address the app says it is at (adapter-node's ORIGIN), when it differs from where it
	 * listens: `https://…` as behind a proxy that ends TLS. It still listens on plain http.
	 */
	origin?: string;
}): Promise<BuiltApp> {
	if (!existsSync(server)) {
		throw new Error('No build found: run `npm run build` (`npm run test:e2e` builds it first).');
	}
	const appUrl = `http://127.0.0.1:${port}`;
	const app = spawn(process.execPath, [server], {
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: origin ?? appUrl,
			PUBLIC_SUPABASE_URL: stack.apiUrl,
			PUBLIC_SUPABASE_ANON_KEY: stack.anonKey,
			PUBLIC_LOCAL_MAILBOX_URL: stack.mailboxUrl,
			// Sign-in limits count each visitor's address (src/lib/server/auth-forwarding.ts).
			SUPABASE_SECRET_KEY: stack.serviceKey
		},
		stdio: ['ignore', stdout, 'inherit']
	});
	const stop = async () => {
		app.kill('SIGTERM');
		await waitForExit(app, 5_000);
	};
	for (let tries = 0; ; tries++) {
		const up = await fetch(appUrl).then(
			() => true,
			() => false
		);
		if (up) return { appUrl, pid: app.pid, stop };
		if (app.exitCode !== null || tries > 200) {
			await stop();
			throw new Error(`The built app did not start on ${appUrl}.`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}
