import { developerStackConfig } from './config.ts';
import { startLocalStack, type LocalStack } from './index.ts';

/**
 * Runs the developer stack until Ctrl-C, a dead child, or the death of whoever started us.
 * `onStop` runs first, so the app goes down before the database it talks to.
 */
export async function runDeveloperStack(onStop: () => Promise<void> = async () => undefined) {
	const config = developerStackConfig();
	const started = performance.now();
	let starting: Promise<LocalStack> | undefined;
	let stopping: Promise<never> | undefined;
	const shutdown = (code: number) => {
		stopping ??= (async () => {
			await onStop().catch(() => undefined);
			// Ctrl-C while starting: let the start finish, then stop what it started.
			await starting?.then(
				(stack) => stack.stop(),
				() => undefined
			);
			process.exit(code);
		})();
		return stopping;
	};
	process.once('SIGINT', () => void shutdown(0));
	process.once('SIGTERM', () => void shutdown(0));
	process.once('SIGHUP', () => void shutdown(0));
	// If `npm run dev` is killed outright we are re-parented: take the stack down with us.
	const parent = process.ppid;
	setInterval(() => process.ppid !== parent && void shutdown(1), 500).unref();

	let stack: LocalStack;
	try {
		starting = startLocalStack({
			...config,
			durable: true,
			log: (source, line) => console.log(`[${source}] ${line}`),
			onUnexpectedExit: () => void shutdown(1)
		});
		stack = await starting;
	} catch (error) {
		if (stopping) await stopping;
		console.error(`\nThe local stack could not start:\n${(error as Error).message}\n`);
		process.exit(1);
	}
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(
		[
			'',
			`Local Supabase stack ready in ${seconds} s`,
			`  API       ${stack.apiUrl}`,
			`  Database  ${stack.dbUrl}`,
			`  Mailbox   ${stack.mailboxUrl}   (sign-in and notification emails land here)`,
			`  SMTP      ${stack.smtpUrl}   (mail sent here lands in the mailbox)`,
			'  Keys      npm run stack:status',
			''
		].join('\n')
	);
	return { stack, config, shutdown };
}
