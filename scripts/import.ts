// `npm run import -- <file.csv|file.json> [--source name] [--by name] [--dry-run] [--no-invite]`:
// stages a movement's list and invites each new person by email to confirm before they appear
// anywhere. Against a hosted project (PUBLIC_SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY set, and
// the mail settings of "Email" in the README) or else the running local stack. See "Bringing an
// existing list" in the README.
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { ImportFileError } from '../src/lib/imports/import-row.ts';
import { sendImportInvitations } from '../src/lib/server/outbox/invitations.ts';
import { outboxSettingsFromEnv, type OutboxSettings } from '../src/lib/server/outbox/settings.ts';
import { formatOf, parseList, stageList } from './import-list.ts';
import { developerStackConfig, loadDotEnv, localOutboxSettings } from './local-stack/config.ts';
import { readRunningStack } from './local-stack/index.ts';
import { AdminError, connectAsAdmin } from './moderators.ts';

const USAGE = `Usage: npm run import -- <file.csv|file.json> [--source "name of the list"] [--by "your name"] [--dry-run] [--no-invite]`;

interface Arguments {
	file: string;
	source: string;
	runBy: string;
	dryRun: boolean;
	invite: boolean;
}

function parseArguments(args: string[]): Arguments {
	const positional: string[] = [];
	const options: Record<string, string> = {};
	const flags = new Set<string>();
	for (let index = 0; index < args.length; index += 1) {
		const arg = args[index];
		if (arg === '--source' || arg === '--by') {
			const value = args[index + 1];
			if (!value) throw new AdminError(`${arg} needs a value.\n${USAGE}`);
			options[arg] = value;
			index += 1;
		} else if (arg === '--dry-run' || arg === '--no-invite') {
			flags.add(arg);
		} else if (arg.startsWith('--')) {
			throw new AdminError(`Unknown option ${arg}.\n${USAGE}`);
		} else {
			positional.push(arg);
		}
	}
	if (positional.length !== 1) throw new AdminError(USAGE);
	const [file] = positional;
	return {
		file,
		source: (options['--source'] ?? path.basename(file).replace(/\.[^.]+$/, '')).trim(),
		runBy: options['--by'] ?? userInfo().username,
		dryRun: flags.has('--dry-run'),
		invite: !flags.has('--no-invite')
	};
}

/** Where invitations are sent from: the hosted project's mail settings, or the local stack's. */
async function mailSettings(): Promise<OutboxSettings | string> {
	if (process.env.PUBLIC_SUPABASE_URL) {
		try {
			return outboxSettingsFromEnv(process.env);
		} catch (error) {
			return (error as Error).message;
		}
	}
	const config = developerStackConfig();
	const stack = await readRunningStack(config.dir);
	return stack ? localOutboxSettings(stack, config) : 'The local stack is not running.';
}

/** A line that rewrites itself on a terminal, and is printed now and then otherwise. */
function progress(label: string) {
	let last = 0;
	return (done: number, total: number) => {
		if (total < 2000) return;
		if (process.stderr.isTTY) {
			process.stderr.write(
				`\r${label} ${done.toLocaleString('en')} of ${total.toLocaleString('en')}`
			);
			if (done === total) process.stderr.write('\n');
		} else if (done === total || Date.now() - last > 2000) {
			last = Date.now();
			console.error(`${label} ${done.toLocaleString('en')} of ${total.toLocaleString('en')}`);
		}
	};
}

async function run(args: string[]): Promise<void> {
	const options = parseArguments(args);
	const text = await readFile(options.file, 'utf8').catch((error: Error) => {
		throw new AdminError(`Could not read ${options.file}: ${error.message}`);
	});
	const format = formatOf(options.file, text);
	const list = parseList(format, text);
	const supabase = await connectAsAdmin();
	const started = performance.now();
	const summary = await stageList({
		supabase,
		list,
		format,
		source: options.source,
		runBy: options.runBy,
		dryRun: options.dryRun,
		onProgress: progress('Staged')
	});
	const seconds = (performance.now() - started) / 1000;
	const heading = options.dryRun
		? `Dry run of “${options.source}”: nothing was written.`
		: `“${options.source}”:`;
	console.log(
		[
			heading,
			`  ${summary.rows} row(s) read in ${seconds.toFixed(1)} s`,
			`  ${summary.staged} ${options.dryRun ? 'would be staged' : 'staged'} (new)`,
			`  ${summary.updated} ${options.dryRun ? 'would be updated' : 'updated'}`,
			`  ${summary.unchanged} unchanged`,
			`  ${summary.skipped.length} skipped`
		].join('\n')
	);
	for (const skipped of summary.skipped) console.log(`    ${skipped.message}`);
	if (options.dryRun) return;

	if (!options.invite) {
		console.log('Invitations were not sent (--no-invite): the notification worker sends them.');
		return;
	}
	const settings = await mailSettings();
	if (typeof settings === 'string') {
		console.log(`Invitations were not sent now (${settings}); the notification worker sends them.`);
		return;
	}
	const transport = nodemailer.createTransport(settings.smtp);
	try {
		const invited = await sendImportInvitations({
			supabase,
			transport,
			siteUrl: settings.siteUrl,
			from: settings.from,
			log: (line) => console.error(line),
			onProgress: ({ sent }) => progress('Invited')(sent, summary.staged)
		});
		console.log(
			`  ${invited.sent} invited by email` +
				(invited.failed ? `; ${invited.failed} left for the notification worker to send` : '')
		);
	} finally {
		transport.close();
	}
}

loadDotEnv();
try {
	await run(process.argv.slice(2));
} catch (error) {
	console.error(
		error instanceof AdminError || error instanceof ImportFileError
			? `${error instanceof ImportFileError ? 'The list cannot be imported: ' : ''}${error.message}`
			: error
	);
	process.exitCode = 1;
}
