import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../scripts/local-stack/migrate.ts';
import type { MailTransport } from '../../src/lib/server/outbox/send-outbox';
import { createGroup, hostGroup } from '../support/groups';
import {
	mailboxMessagesTo,
	sendNotificationEmails,
	stackSmtp,
	TEST_MAIL_FROM,
	TEST_SITE_URL,
	type MailMessage
} from '../support/mail';
import { database } from '../support/privacy';
import {
	anonymousClient,
	memberWithProfile,
	serviceClient,
	type Member
} from '../support/supabase';

/**
 * The notification worker against the real local stack: what people do through the API makes
 * notifications, a pass emails them through the stack's SMTP server, and the mailbox shows what
 * arrived. Other files may queue emails on the same stack at any time (and a pass sends theirs
 * too), so every assertion is about this file's people.
 */

const token = `mail-${randomUUID().slice(0, 8)}`;
// Bhutan: no other integration file puts anything there (see tests/support/privacy.ts).
const thimphu = { lat: 27.4728, lng: 89.639 };
const smtp = stackSmtp();
/** Everyone this file makes: its passes send their emails only. */
const people: Member[] = [];
const pass = (transport: MailTransport = smtp, log: string[] = []) =>
	sendNotificationEmails({ transport, log, recipients: people });
const mailTo = (member: Member) => mailboxMessagesTo(member.email);

async function outboxOf(member: Member) {
	const { data, error } = await serviceClient()
		.from('outbox_emails')
		.select('id, digest, notification_ids, sent_at')
		.eq('recipient_id', member.id)
		.order('created_at');
	if (error) throw error;
	return data;
}

async function person(name: string): Promise<Member & { name: string }> {
	const displayName = `${name} ${token}`;
	const member = await memberWithProfile(name.toLowerCase(), { display_name: displayName });
	people.push(member);
	return { ...member, name: displayName };
}

/** A crew in Thimphu with `host` as its host; its name and id. */
async function crewHostedBy(host: Member) {
	const name = `Thimphu Crew ${token} ${randomUUID().slice(0, 4)}`;
	const id = await createGroup({ kind: 'crew', name, at: thimphu, sizeLimit: 8 });
	await hostGroup(id, host);
	return { id, name };
}

async function askToJoin(member: Member, groupId: string, message = '') {
	const { data, error } = await member.client.rpc('request_to_join', {
		group_id: groupId,
		message
	});
	if (error) throw error;
	return data;
}

async function accept(host: Member, requestId: string) {
	const { error } = await host.client.rpc('decide_request', {
		request_id: requestId,
		accept: true
	});
	if (error) throw error;
}

afterAll(async () => {
	smtp.close();
	await database().query('delete from public.groups where name like $1', [`%${token}%`]);
});

describe('a request to join', () => {
	it('is emailed to the host at once, once, with the message and a link to the setting', async () => {
		const host = await person('Host');
		const asker = await person('Ada');
		const crew = await crewHostedBy(host);
		await askToJoin(asker, crew.id, 'Hello! I make furniture.\nCould I join?');

		await pass();
		await pass();

		const [email, ...more] = await mailTo(host);
		expect(more).toEqual([]);
		expect(email).toMatchObject({
			from: '"Microsolidarity map" <map@example.test>',
			subject: `${asker.name} asked to join ${crew.name}`
		});
		expect(email.text).toContain('> Hello! I make furniture.\n> Could I join?');
		expect(email.text).toContain(`Open the group’s page: ${TEST_SITE_URL}/groups/${crew.id}`);
		const [row] = await outboxOf(host);
		expect(email.messageId).toBe(`<${row.id}@microsolidarity-map>`);
		expect(row.sent_at).not.toBeNull();

		// The link opens the host's own settings, without signing in.
		const settingsLink = email.headers['list-unsubscribe'];
		const [, settingsToken] =
			/^<http:\/\/app\.example\.test\/email-settings\/([0-9a-f-]{36})\?kind=request_received>$/.exec(
				settingsLink
			) ?? [];
		expect(email.text).toContain(settingsLink.slice(1, -1));
		const settings = await anonymousClient().rpc('email_settings_by_token', {
			token: settingsToken
		});
		expect(settings.error).toBeNull();
		expect(settings.data).toContainEqual({ kind: 'request_received', delivery: 'now' });
	});
});

describe('when the worker crashes between sending and marking', () => {
	it('sends nothing twice and loses nothing: one message per notification, every row marked', async () => {
		const host = await person('Host');
		const crew = await crewHostedBy(host);
		const askers = [await person('Bo'), await person('Cy'), await person('Di')];
		for (const asker of askers) await askToJoin(asker, crew.id, `I am ${asker.name}`);

		const crashAfterSending: MailTransport = {
			async sendMail(mail) {
				await smtp.sendMail(mail);
				throw new Error('the worker died before marking');
			}
		};
		const log: string[] = [];
		await pass(crashAfterSending, log);

		expect(await mailTo(host)).toHaveLength(3);
		const unmarked = await outboxOf(host);
		expect(unmarked.map((row) => row.sent_at)).toEqual([null, null, null]);
		for (const row of unmarked) {
			expect(log).toContainEqual(
				`Could not send outbox email ${row.id}; it stays unsent for the next pass: the worker died before marking`
			);
		}

		await pass();
		await pass();

		const received = await mailTo(host);
		expect(received.map((email) => email.subject).sort()).toEqual(
			askers.map((asker) => `${asker.name} asked to join ${crew.name}`).sort()
		);
		const rows = await outboxOf(host);
		expect(rows).toHaveLength(3);
		expect(rows.every((row) => row.sent_at !== null)).toBe(true);
		expect(received.map((email) => email.messageId).sort()).toEqual(
			rows.map((row) => `<${row.id}@microsolidarity-map>`).sort()
		);
	});

	it('leaves an email the server refused for the next pass, and sends the others', async () => {
		const [refusedHost, otherHost] = [await person('Eve'), await person('Fi')];
		const asker = await person('Gus');
		for (const host of [refusedHost, otherHost]) {
			await askToJoin(asker, (await crewHostedBy(host)).id);
		}

		const refusing: MailTransport = {
			async sendMail(mail) {
				if (mail.to === refusedHost.email) throw new Error('550 No such user here');
				return smtp.sendMail(mail);
			}
		};
		const log: string[] = [];
		await pass(refusing, log);

		expect(await mailTo(refusedHost)).toEqual([]);
		expect(await mailTo(otherHost)).toHaveLength(1);
		const [refused] = await outboxOf(refusedHost);
		expect(refused.sent_at).toBeNull();
		expect(log).toContainEqual(
			`Could not send outbox email ${refused.id}; it stays unsent for the next pass: 550 No such user here`
		);

		await pass();
		expect(await mailTo(refusedHost)).toHaveLength(1);
		expect((await outboxOf(refusedHost))[0].sent_at).not.toBeNull();
	});
});

describe('two workers at once', () => {
	it('never claim the same email, and a claim a dead worker left ends with its lease', async () => {
		const host = await person('Hal');
		const crew = await crewHostedBy(host);
		for (const name of ['Ike', 'Jo', 'Kai', 'Lu']) await askToJoin(await person(name), crew.id);
		const service = serviceClient();
		expect((await service.rpc('queue_emails', {})).error).toBeNull();
		const mine = new Set((await outboxOf(host)).map((row) => row.id));
		expect(mine.size).toBe(4);

		// Both claim everything unsent at once; each of this host's emails goes to one of them.
		const [first, second] = await Promise.all([
			service.rpc('claim_outbox_emails', { batch_size: 1000 }),
			service.rpc('claim_outbox_emails', { batch_size: 1000 })
		]);
		expect(first.error).toBeNull();
		expect(second.error).toBeNull();
		const claimedBy = (rows: { id: string }[]) =>
			rows.map((row) => row.id).filter((id) => mine.has(id));
		const ids = [...claimedBy(first.data!), ...claimedBy(second.data!)];
		expect(ids.sort()).toEqual([...mine].sort());

		// Nobody else takes them while the lease lasts, as if the workers had died holding them.
		const meanwhile = await service.rpc('claim_outbox_emails', { batch_size: 1000 });
		expect(claimedBy(meanwhile.data!)).toEqual([]);
		await pass();
		expect(await mailTo(host)).toEqual([]);

		// When the lease ends, the next pass sends each once.
		await database().query(
			`update public.outbox_emails set claimed_until = now() - interval '1 second'
			where id = any ($1)`,
			[[...mine]]
		);
		await pass();
		expect(await mailTo(host)).toHaveLength(4);
		expect((await outboxOf(host)).every((row) => row.sent_at !== null)).toBe(true);
	});
});

describe('a daily digest', () => {
	it('gathers a person’s notifications of the day into one email, once their oldest has waited a day', async () => {
		const host = await person('Host');
		const member = await person('Hal');
		const crew = await crewHostedBy(host);
		await accept(host, await askToJoin(member, crew.id));
		const newcomers = [await person('Ivy'), await person('Jo')];
		for (const newcomer of newcomers) await accept(host, await askToJoin(newcomer, crew.id));

		// member_joined is emailed daily: nothing yet, however often the worker runs.
		await pass();
		const joined = (email: MailMessage) => email.subject.startsWith('Your daily summary');
		expect((await mailTo(member)).filter(joined)).toEqual([]);

		await database().query(
			`update public.notifications set created_at = created_at - interval '25 hours'
			where recipient_id = $1 and kind = 'member_joined'`,
			[member.id]
		);
		await pass();
		await pass();

		const digests = (await mailTo(member)).filter(joined);
		expect(digests).toHaveLength(1);
		const [digest] = digests;
		expect(digest.subject).toBe('Your daily summary: 2 updates');
		expect(digest.text).toContain(`${newcomers[0].name} joined ${crew.name}.`);
		expect(digest.text).toContain(`${newcomers[1].name} joined ${crew.name}.`);
		expect(digest.headers['list-unsubscribe']).toMatch(
			/^<http:\/\/app\.example\.test\/email-settings\/[0-9a-f-]{36}>$/
		);
		const digestRows = (await outboxOf(member)).filter((row) => row.digest);
		expect(digestRows).toHaveLength(1);
		expect(digestRows[0].notification_ids).toHaveLength(2);
	});
});

describe('a kind set to never', () => {
	it('is never emailed, and stays in the inbox', async () => {
		const host = await person('Kit');
		const chose = await host.client
			.from('email_settings')
			.insert({ kind: 'request_received', delivery: 'never' });
		expect(chose.error).toBeNull();
		const crew = await crewHostedBy(host);
		await askToJoin(await person('Lou'), crew.id, 'Room for one more?');

		await pass();

		expect(await mailTo(host)).toEqual([]);
		expect(await outboxOf(host)).toEqual([]);
		const inbox = await host.client.from('notifications').select('kind, body');
		expect(inbox.data).toEqual([{ kind: 'request_received', body: 'Room for one more?' }]);
	});
});

describe('npm run notify', () => {
	/** The worker as a hosted project runs it: its settings from the environment alone. */
	function notify(...args: string[]) {
		const { apiUrl, serviceKey, smtpUrl } = inject('stack');
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/notify.ts', ...args], {
			cwd: projectRoot,
			env: {
				...process.env,
				PUBLIC_SUPABASE_URL: apiUrl,
				SUPABASE_SERVICE_ROLE_KEY: serviceKey,
				SMTP_URL: smtpUrl,
				MAIL_FROM: TEST_MAIL_FROM,
				ORIGIN: TEST_SITE_URL,
				NOTIFY_INTERVAL_SECONDS: '1'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
		return { child, exited, output: () => output };
	}

	/**
	 * The command sends everyone's emails, and other files leave hundreds waiting on the shared
	 * stack: what they left is put aside first, so the run is about this file's. No other file sends
	 * or reads sent emails.
	 */
	async function putOthersAside() {
		await database().query(
			`update public.notifications set email_state = 'skipped'
			where email_state = 'pending' and recipient_id <> all ($1);`,
			[people.map((member) => member.id)]
		);
		await database().query(
			`update public.outbox_emails set sent_at = now()
			where sent_at is null and recipient_id <> all ($1)`,
			[people.map((member) => member.id)]
		);
	}

	it('runs one pass and exits, for a scheduler', async () => {
		const host = await person('Max');
		await askToJoin(await person('Ned'), (await crewHostedBy(host)).id);
		await putOthersAside();

		const run = notify();
		expect(await run.exited).toBe(0);
		expect(await mailTo(host)).toHaveLength(1);
	});

	it('with --watch, sends as notifications come and stops cleanly on SIGTERM', async () => {
		await putOthersAside();
		const run = notify('--watch');
		const host = await person('Oda');
		await askToJoin(await person('Pia'), (await crewHostedBy(host)).id);
		while ((await mailTo(host)).length === 0) {
			expect(run.child.exitCode, run.output()).toBeNull();
			await new Promise((resolve) => setTimeout(resolve, 100));
		}

		run.child.kill('SIGTERM');
		expect(await run.exited).toBe(0);
		expect(run.output()).toContain('[notify] Sending notification emails every 1 s.');
	});
});
