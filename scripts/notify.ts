// `npm run notify`: one pass of the notification worker, for a scheduler; `npm run notify --
// --watch` runs a pass every NOTIFY_INTERVAL_SECONDS until SIGTERM or Ctrl-C. Against a hosted
// project (PUBLIC_SUPABASE_URL set) it takes its settings from the environment (see "Email" in
// the README); otherwise it sends through the running local stack, into its mailbox.
import {
	connectOutbox,
	sendOutbox,
	startOutboxWorker
} from '../src/lib/server/outbox/send-outbox.ts';
import { outboxSettingsFromEnv } from '../src/lib/server/outbox/settings.ts';
import { developerStackConfig, loadDotEnv, localOutboxSettings } from './local-stack/config.ts';
import { readRunningStack } from './local-stack/index.ts';

loadDotEnv();
const log = (line: string) => console.log(`[notify] ${line}`);
const settings = await (async () => {
	try {
		if (process.env.PUBLIC_SUPABASE_URL) return outboxSettingsFromEnv(process.env);
		const config = developerStackConfig();
		const stack = await readRunningStack(config.dir);
		if (!stack) {
			throw new Error(
				'The local stack is not running. Start it with `npm run dev` (which runs this worker too) or `npm run stack`, or set PUBLIC_SUPABASE_URL for a hosted project.'
			);
		}
		return localOutboxSettings(stack, config);
	} catch (error) {
		console.error((error as Error).message);
		process.exit(1);
	}
})();

if (process.argv.includes('--watch')) {
	log(`Sending notification emails every ${settings.intervalSeconds} s. Stop with Ctrl-C.`);
	const worker = startOutboxWorker(settings, log);
	const stop = async () => {
		await worker.stop();
		process.exit(0);
	};
	process.once('SIGTERM', () => void stop());
	process.once('SIGINT', () => void stop());
} else {
	const { supabase, transport } = connectOutbox(settings);
	try {
		const report = await sendOutbox({
			supabase,
			transport,
			siteUrl: settings.siteUrl,
			from: settings.from,
			log
		});
		if (report.sent + report.failed === 0) log('Nothing to send.');
		// A scheduler sees a pass that left emails unsent as failed; the log says which and why.
		process.exitCode = report.failed > 0 ? 1 : 0;
	} catch (error) {
		log(`The pass failed: ${(error as Error).message}`);
		process.exitCode = 1;
	} finally {
		transport.close();
	}
}
