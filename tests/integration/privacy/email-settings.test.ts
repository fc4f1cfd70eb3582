import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../../support/groups';
import { accessToken, anonymousToken, database, rest } from '../../support/privacy';
import {
	anonymousClient,
	memberWithProfile,
	type Client,
	type Member
} from '../../support/supabase';

/**
 * How each person wants their notifications emailed (issue 10): their own to read and change,
 * nobody else's; and through the link in an email, without signing in, only with that person's
 * unguessable token, which the API never gives out. Attacked as an anonymous visitor, another
 * member and the owner. Nobody here has a place.
 */

const token = `mail${randomUUID().slice(0, 6)}`;

let owner: Member;
let other: Member;
/** The owner's token, as the link in an email to them carries it. */
let ownersLink: string;

beforeAll(async () => {
	[owner, other] = await Promise.all([
		memberWithProfile(`${token}-owner`),
		memberWithProfile(`${token}-other`)
	]);
	for (const member of [owner, other]) {
		const { error } = await member.client
			.from('email_settings')
			.insert({ kind: 'member_joined', delivery: 'never' });
		expect(error).toBeNull();
	}
	// The notify worker makes a person's token when it first emails them (queue_emails).
	const { rows } = await database().query<{ token: string }>(
		'insert into private.email_tokens (profile_id) values ($1) returning token',
		[owner.id]
	);
	ownersLink = rows[0].token;
});

async function settingsOf(member: Member) {
	const { rows } = await database().query(
		'select kind, delivery from public.email_settings where profile_id = $1 order by kind',
		[member.id]
	);
	return rows;
}

describe('email settings', () => {
	it('are the owner’s to read and change', async () => {
		const read = await owner.client.from('email_settings').select('profile_id, kind, delivery');
		expect(read.data).toEqual([{ profile_id: owner.id, kind: 'member_joined', delivery: 'never' }]);
		const changed = await owner.client
			.from('email_settings')
			.update({ delivery: 'daily' })
			.eq('kind', 'member_joined')
			.select('delivery');
		expect(changed.data).toEqual([{ delivery: 'daily' }]);
		const removed = await owner.client.from('email_settings').delete().eq('kind', 'member_joined');
		expect(removed.error).toBeNull();
		expect(await settingsOf(owner)).toEqual([]);
		await owner.client.from('email_settings').insert({ kind: 'member_joined', delivery: 'never' });
	});

	it('are nobody else’s to read or change', async () => {
		const before = await settingsOf(owner);
		const read = await other.client
			.from('email_settings')
			.select('kind')
			.eq('profile_id', owner.id);
		expect(read.data).toEqual([]);
		const updated = await other.client
			.from('email_settings')
			.update({ delivery: 'now' })
			.eq('profile_id', owner.id)
			.select('kind');
		expect(updated.data).toEqual([]);
		const deleted = await other.client
			.from('email_settings')
			.delete()
			.eq('profile_id', owner.id)
			.select('kind');
		expect(deleted.data).toEqual([]);
		const forOwner = await other.client
			.from('email_settings')
			.insert({ profile_id: owner.id, kind: 'request_received', delivery: 'never' });
		expect(forOwner.error?.code).toBe('42501');
		// The settings form's upsert may change a row's kind: only ever the writer's own rows.
		const rekinded = await other.client
			.from('email_settings')
			.update({ kind: 'radar_alert' })
			.eq('profile_id', owner.id)
			.select('kind');
		expect(rekinded.data).toEqual([]);
		const upserted = await other.client
			.from('email_settings')
			.upsert([{ profile_id: owner.id, kind: 'member_joined', delivery: 'now' }], {
				onConflict: 'profile_id,kind'
			});
		expect(upserted.error?.code).toBe('42501');
		expect(await settingsOf(owner)).toEqual(before);
	});

	it('are refused to anonymous visitors', async () => {
		const read = await anonymousClient().from('email_settings').select('kind');
		expect(read.error?.code).toBe('42501');
		const written = await anonymousClient()
			.from('email_settings')
			.insert({ kind: 'request_received', delivery: 'never' });
		expect(written.error?.code).toBe('42501');
	});
});

describe('the email link', () => {
	const visitors: { who: string; client: () => Client }[] = [
		{ who: 'an anonymous visitor', client: () => anonymousClient() },
		{ who: 'another member', client: () => other.client }
	];

	it.each(visitors)('opens the owner’s settings, and only theirs, for $who', async ({ client }) => {
		const { data, error } = await client().rpc('email_settings_by_token', { token: ownersLink });
		expect(error).toBeNull();
		const settings = data as { kind: string; delivery: string }[];
		expect(settings).toContainEqual({ kind: 'member_joined', delivery: 'never' });
		expect(settings).toContainEqual({ kind: 'request_received', delivery: 'now' });
		expect(settings).toContainEqual({ kind: 'member_left', delivery: 'daily' });
		expect(JSON.stringify(data)).not.toContain(owner.id);
	});

	it('changes the owner’s setting and nobody else’s', async () => {
		const otherBefore = await settingsOf(other);
		const { error } = await anonymousClient().rpc('set_email_setting_by_token', {
			token: ownersLink,
			kind: 'request_received',
			delivery: 'daily'
		});
		expect(error).toBeNull();
		expect(await settingsOf(owner)).toEqual([
			{ kind: 'request_received', delivery: 'daily' },
			{ kind: 'member_joined', delivery: 'never' }
		]);
		expect(await settingsOf(other)).toEqual(otherBefore);
	});

	it('refuses any other token, reading or changing nothing', async () => {
		const before = [await settingsOf(owner), await settingsOf(other)];
		const notAnyones = {
			code: 'P0002',
			message: "This link does not open anyone's email settings: sign in to change yours."
		};
		for (const wrong of [randomUUID(), owner.id, other.id]) {
			const read = await anonymousClient().rpc('email_settings_by_token', { token: wrong });
			expect(refusal(read)).toEqual(notAnyones);
			expect(read.data).toBeNull();
			const written = await anonymousClient().rpc('set_email_setting_by_token', {
				token: wrong,
				kind: 'member_joined',
				delivery: 'now'
			});
			expect(refusal(written)).toEqual(notAnyones);
		}
		expect([await settingsOf(owner), await settingsOf(other)]).toEqual(before);
	});

	it('is never given out through the API: not as a table, a column or in the export', async () => {
		for (const as of [anonymousToken(), await accessToken(owner)]) {
			for (const [path, headers] of [
				['email_tokens?select=*', {}],
				['email_tokens?select=*', { 'Accept-Profile': 'private' }],
				['outbox_emails?select=settings_token', {}]
			] as const) {
				const response = await rest(as, path, { headers });
				expect(response.status, path).toBeGreaterThanOrEqual(400);
				expect(response.text, path).not.toContain(ownersLink);
			}
		}
		const exported = await owner.client.rpc('export_my_data');
		expect(exported.error).toBeNull();
		expect(JSON.stringify(exported.data)).not.toContain(ownersLink);
	});
});
