// `npm run dev`: the app, on the embedded local stack unless PUBLIC_SUPABASE_URL is set.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startOutboxWorker } from '../src/lib/server/outbox/send-outbox.ts';
import {
	developerStackConfig,
	developerStackInfo,
	loadDotEnv,
	localOutboxSettings
} from './local-stack/config.ts';
import { readRunningStack } from './local-stack/index.ts';
import { runDeveloperStack } from './local-stack/foreground.ts';
import { isAlive, isPortTaken, processCommand, waitForExit } from './local-stack/processes.ts';

// Vite's package exports do not include its CLI script; find it next to its package.json.
const vite = path.join(
	path.dirname(createRequire(import.meta.url).resolve('vite/package.json')),
	'bin',
	'vite.js'
);

loadDotEnv();
const config = developerStackConfig();

if (process.env.PUBLIC_SUPABASE_URL) {
	console.log(
		`Using the Supabase project at ${process.env.PUBLIC_SUPABASE_URL} (PUBLIC_SUPABASE_URL); the local stack is not started.`
	);
	const app = startVite({});
	app.once('exit', (code) => process.exit(code ?? 0));
} else {
	const appPidFile = path.join(config.dir, 'app.pid');
	const running = await readRunningStack(config.dir);
	if (running) {
		console.error(
			`The local stack is already running (API at ${running.apiUrl}): is another \`npm run dev\` open? Stop it first.`
		);
		process.exit(1);
	}
	await stopLeftoverApp(appPidFile);
	if (await isPortTaken(config.appPort)) {
		console.error(
			`Port ${config.appPort} for the app is in use by another program. Stop it, or set PORT to another port.`
		);
		process.exit(1);
	}
	// The stack's URL and keys follow from its settings, so Vite starts alongside the stack
	// instead of after it: the first page comes a second or two sooner.
	const expected = await developerStackInfo(config);
	const app = startVite({
		PUBLIC_SUPABASE_URL: expected.apiUrl,
		PUBLIC_SUPABASE_ANON_KEY: expected.anonKey,
		PUBLIC_LOCAL_MAILBOX_URL: expected.mailboxUrl,
		// Sign-in limits count each visitor's address (src/lib/server/auth-forwarding.ts).
		SUPABASE_SECRET_KEY: expected.serviceKey
	});
	await mkdir(config.dir, { recursive: true });
	if (app.pid) await writeFile(appPidFile, String(app.pid));
	// The notification worker starts once the stack is up, and stops before the app and the stack.
	let stopWorker = async () => {};
	const { stack, shutdown } = await runDeveloperStack(async () => {
		await stopWorker();
		app.kill('SIGTERM');
		await waitForExit(app, 5_000);
		await rm(appPidFile, { force: true });
	});
	app.once('exit', (code) => void shutdown(code ?? 0));
	// The notification emails, sent through the stack's SMTP server into its mailbox.
	stopWorker = startOutboxWorker(localOutboxSettings(stack, config), (line) =>
		console.log(`[notify] ${line}`)
	).stop;
}

function startVite(env: Record<string, string>) {
	return spawn(process.execPath, [vite, 'dev', '--port', String(config.appPort), '--strictPort'], {
		stdio: 'inherit',
		env: { ...process.env, ...env }
	});
}

/** A `npm run dev` killed with SIGKILL leaves its Vite server behind; stop it. */
async function stopLeftoverApp(pidFile: string) {
	if (!existsSync(pidFile)) return;
	const pid = Number(await readFile(pidFile, 'utf8'));
	if (Number.isInteger(pid) && isAlive(pid) && processCommand(pid).includes('vite')) {
		process.kill(pid, 'SIGKILL');
		while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
	}
	await rm(pidFile, { force: true });
}
