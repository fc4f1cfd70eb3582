import type { TestProject } from 'vitest/node';
// The `stack` entry of the provided context is declared there.
import './local-stack.ts';
import { stackInfo, startThrowawayStack } from '../../scripts/local-stack/index.ts';
import { freePort } from '../../scripts/local-stack/processes.ts';
import { startBuiltApp } from '../../scripts/built-app.ts';
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

	const port = await freePort();
	const stack = await startThrowawayStack({
		siteUrl: `http://127.0.0.1:${port}`,
		authRateLimits: {
			emailSendIntervalSeconds: 0,
			requestsPerHourPerIp: 100_000,
			verifyRequestsPerFiveMinutesPerIp: 100_000
		}
	});
	const app = await startBuiltApp({ port, stack, stdout: 'inherit' }).catch(async (error) => {
		await stack.stop();
		throw error;
	});
	project.provide('stack', stackInfo(stack));
	project.provide('appUrl', app.appUrl);
	return async () => {
		await app.stop();
		await stack.stop();
	};
}
