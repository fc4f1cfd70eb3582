import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
// The `stack` entry of the provided context is declared there.
import './local-stack.ts';
import { startThrowawayStack } from '../../scripts/local-stack/index.ts';
import { projectRoot } from '../../scripts/local-stack/migrate.ts';
import { freePort, waitForExit } from '../../scripts/local-stack/processes.ts';
import { browserTestsEnabled } from '../support/browser.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		appUrl: string;
		browserTests: boolean;
	}
}

/**
 * The built app (`vite build`, adapter-node) on a throw-away local stack, as it would run in
 * production: the same server, a real database, sign-in links pointing back at the app.
 */
export default async function setup(project: TestProject) {
	const enabled = browserTestsEnabled();
	project.provide('browserTests', enabled);
	if (!enabled) return;

	const server = path.join(projectRoot, 'build', 'index.js');
	if (!existsSync(server)) {
		throw new Error('No build found: run `npm run test:e2e`, which builds the app first.');
	}
	const port = await freePort();
	const appUrl = `http://127.0.0.1:${port}`;
	const stack = await startThrowawayStack({
		siteUrl: appUrl,
		authRateLimits: { emailSendIntervalSeconds: 0, requestsPerHourPerIp: 100_000 }
	});
	const app = spawn(process.execPath, [server], {
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: appUrl,
			PUBLIC_SUPABASE_URL: stack.apiUrl,
			PUBLIC_SUPABASE_ANON_KEY: stack.anonKey,
			PUBLIC_LOCAL_MAILBOX_URL: stack.mailboxUrl
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	for (let tries = 0; ; tries++) {
		const up = await fetch(appUrl).then(
			() => true,
			() => false
		);
		if (up) break;
		if (app.exitCode !== null || tries > 200) {
			await stack.stop();
			throw new Error(`The built app did not start on ${appUrl}.`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	const { stop, ...info } = stack;
	project.provide('stack', info);
	project.provide('appUrl', appUrl);
	return async () => {
		app.kill('SIGTERM');
		await waitForExit(app, 5_000);
		await stop();
	};
}
