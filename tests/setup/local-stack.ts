import type { TestProject } from 'vitest/node';
import { stackInfo, startThrowawayStack } from '../../scripts/local-stack/index.ts';
import type { LocalStackInfo } from '../../scripts/local-stack/index.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		stack: LocalStackInfo;
	}
}

/**
 * One real local stack per test run: PostgreSQL with every migration and the seed, PostgREST
 * and the auth stand-in behind the gateway, on free ports, deleted afterwards.
 */
export default async function setup(project: TestProject) {
	const stack = await startThrowawayStack({
		// Tests sign many people in from one address; they test the limits on their own.
		authRateLimits: {
			emailSendIntervalSeconds: 0,
			requestsPerHourPerIp: 100_000,
			verifyRequestsPerFiveMinutesPerIp: 100_000
		}
	});
	project.provide('stack', stackInfo(stack));
	return stack.stop;
}
