// `npm run admin -- <command>`: what only the operator does, with the secret (service role) key.
// Against a hosted project (PUBLIC_SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY set) or else the
// running local stack. See "Reports and moderation" in the README.
import { loadDotEnv } from './local-stack/config.ts';
import {
	AdminError,
	connectAsAdmin,
	grantModerator,
	listModerators,
	revokeModerator,
	type Moderator
} from './moderators.ts';

const USAGE = `Usage:
  npm run admin -- grant-moderator <email> [--note "why"]
  npm run admin -- revoke-moderator <email>
  npm run admin -- list-moderators`;

function describe(moderator: Moderator): string {
	const name = moderator.displayName ? ` (${moderator.displayName})` : '';
	const note = moderator.note ? `: ${moderator.note}` : '';
	return `${moderator.email}${name}, since ${moderator.grantedAt.slice(0, 10)}${note}`;
}

/** The value after `--note`, and the other arguments. */
function parseArguments(args: string[]): { positional: string[]; note: string } {
	const positional: string[] = [];
	let note = '';
	for (let index = 0; index < args.length; index += 1) {
		if (args[index] === '--note') {
			note = args[index + 1] ?? '';
			index += 1;
		} else {
			positional.push(args[index]);
		}
	}
	return { positional, note };
}

async function run(args: string[]): Promise<string> {
	const {
		positional: [command, email, ...rest],
		note
	} = parseArguments(args);
	const needsEmail = command === 'grant-moderator' || command === 'revoke-moderator';
	if (
		!['grant-moderator', 'revoke-moderator', 'list-moderators'].includes(command) ||
		(needsEmail && !email) ||
		rest.length > 0 ||
		(!needsEmail && email)
	) {
		throw new AdminError(USAGE);
	}
	const client = await connectAsAdmin();
	if (command === 'grant-moderator') {
		const granted = await grantModerator(client, { email, note });
		return `${granted.email} is a moderator now: /moderation is theirs once they sign in.`;
	}
	if (command === 'revoke-moderator') {
		await revokeModerator(client, { email });
		return `${email} is no longer a moderator.`;
	}
	const moderators = await listModerators(client);
	if (moderators.length === 0) return 'There are no moderators yet.';
	return moderators.map(describe).join('\n');
}

loadDotEnv();
try {
	console.log(await run(process.argv.slice(2)));
} catch (error) {
	console.error(error instanceof AdminError ? error.message : error);
	process.exitCode = 1;
}
