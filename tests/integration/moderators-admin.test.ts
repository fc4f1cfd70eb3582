import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { projectRoot } from '../../scripts/local-stack/migrate.ts';
import {
	AdminError,
	grantModerator,
	listModerators,
	revokeModerator,
	serviceClient
} from '../../scripts/moderators.ts';
import { memberWithProfile, type Member } from '../support/supabase';

/**
 * `npm run admin`: the operator grants and revokes the moderator role with the secret key, and
 * the person then is (or is no longer) a moderator as the database tells them with the public
 * key. The command runs as an operator runs it against a hosted project, pointed at the test
 * stack by PUBLIC_SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY.
 */
const run = promisify(execFile);

/** What the command wrote to stderr, without supabase-js's warning about Node 20 on every start. */
function ownLines(stderr: string): string {
	return stderr
		.split('\n')
		.filter((line) => !line.includes('Node.js 20 and below are deprecated'))
		.join('\n')
		.trim();
}

async function admin(args: string[], env: Record<string, string> = {}) {
	const { apiUrl, serviceKey } = inject('stack');
	try {
		const { stdout, stderr } = await run(
			process.execPath,
			['--import', 'tsx', 'scripts/admin.ts', ...args],
			{
				cwd: projectRoot,
				env: {
					...process.env,
					PUBLIC_SUPABASE_URL: apiUrl,
					SUPABASE_SERVICE_ROLE_KEY: serviceKey,
					...env
				}
			}
		);
		return { code: 0, stdout, stderr: ownLines(stderr) };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, stdout: failed.stdout, stderr: ownLines(failed.stderr) };
	}
}

async function isModerator(member: Member): Promise<boolean> {
	const { data, error } = await member.client.rpc('am_i_moderator');
	if (error) throw error;
	return data;
}

function operator() {
	const { apiUrl, serviceKey } = inject('stack');
	return serviceClient(apiUrl, serviceKey);
}

let moderator: Member;
let member: Member;

beforeAll(async () => {
	[moderator, member] = await Promise.all([
		memberWithProfile('admin-cli-moderator'),
		memberWithProfile('admin-cli-member')
	]);
});

afterAll(async () => {
	await operator().from('moderators').delete().in('profile_id', [moderator.id, member.id]);
});

describe('npm run admin -- grant-moderator', () => {
	it('makes the person with that email a moderator, and nobody else', async () => {
		expect(await isModerator(moderator)).toBe(false);

		const granted = await admin(['grant-moderator', moderator.email.toUpperCase()]);
		expect(granted).toMatchObject({ code: 0, stderr: '' });
		expect(granted.stdout).toContain(`${moderator.email} is a moderator now`);

		expect(await isModerator(moderator)).toBe(true);
		expect(await isModerator(member)).toBe(false);

		const listed = await admin(['list-moderators']);
		expect(listed.code).toBe(0);
		expect(listed.stdout).toContain(`${moderator.email} (admin-cli-moderator), since`);
		expect(listed.stdout).not.toContain(member.email);
	});

	it('says so, and fails, for someone who is one already', async () => {
		await grantModerator(operator(), { email: member.email, note: 'twice' });
		const again = await admin(['grant-moderator', member.email]);
		expect(again.code).toBe(1);
		expect(again.stderr.trim()).toBe(`${member.email} is already a moderator.`);
		await revokeModerator(operator(), { email: member.email });
	});

	it('says so, and fails, for an email with no account', async () => {
		const unknown = await admin(['grant-moderator', 'nobody-admin-cli@example.test']);
		expect(unknown.code).toBe(1);
		expect(unknown.stderr.trim()).toBe(
			'There is no account with the email address nobody-admin-cli@example.test.'
		);
	});

	it('explains how to use it when the email is missing', async () => {
		const missing = await admin(['grant-moderator']);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('npm run admin -- grant-moderator <email>');
	});

	it('says the local stack is not running when there is neither it nor a hosted project', async () => {
		const nowhere = await mkdtemp(path.join(tmpdir(), 'admin-cli-'));
		try {
			const refused = await admin(['list-moderators'], {
				PUBLIC_SUPABASE_URL: '',
				LOCAL_STACK_DIR: nowhere
			});
			expect(refused.code).toBe(1);
			expect(refused.stderr).toContain('The local stack is not running.');
		} finally {
			await rm(nowhere, { recursive: true, force: true });
		}
	});

	it('asks for the secret key for a hosted project, and never takes the public one', async () => {
		const { anonKey } = inject('stack');
		const noKey = await admin(['list-moderators'], { SUPABASE_SERVICE_ROLE_KEY: '' });
		expect(noKey.code).toBe(1);
		expect(noKey.stderr).toContain('SUPABASE_SERVICE_ROLE_KEY is not set');

		// With the public key in its place, nobody is made a moderator.
		const publicKey = await admin(['grant-moderator', member.email], {
			SUPABASE_SERVICE_ROLE_KEY: anonKey
		});
		expect(publicKey.code).toBe(1);
		expect(await isModerator(member)).toBe(false);
	});
});

describe('npm run admin -- revoke-moderator', () => {
	it('takes the role away, and says so for someone who is not one', async () => {
		await grantModerator(operator(), { email: member.email });
		expect(await isModerator(member)).toBe(true);

		const revoked = await admin(['revoke-moderator', member.email]);
		expect(revoked).toMatchObject({ code: 0, stderr: '' });
		expect(await isModerator(member)).toBe(false);
		expect((await listModerators(operator())).map(({ id }) => id)).not.toContain(member.id);

		await expect(revokeModerator(operator(), { email: member.email })).rejects.toThrow(
			new AdminError(`${member.email} is not a moderator.`)
		);
	});
});
