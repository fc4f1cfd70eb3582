import { describe, expect, it } from 'vitest';
import { DEFAULT_EMAIL_DELIVERY } from '../../src/lib/inbox/email-settings';
import { NOTIFICATION_KINDS } from '../../src/lib/notifications/wording';
import {
	readEmailSettingsByToken,
	readOwnEmailSettings,
	saveOwnEmailSettings,
	setEmailSettingsByToken
} from '../../src/lib/server/email-settings';
import { database } from '../support/privacy';
import { anonymousClient, memberWithProfile, type Member } from '../support/supabase';

/**
 * The email settings pages' reads and saves (`$lib/server/email-settings`): a member's own, which
 * store only what differs from the default, and through an email's link, with no session at all.
 */

async function storedRows(member: Member) {
	const { rows } = await database().query<{ kind: string; delivery: string }>(
		'select kind, delivery from public.email_settings where profile_id = $1 order by kind',
		[member.id]
	);
	return rows;
}

/** The token in the member's email links, as the outbox makes it. */
async function emailTokenOf(member: Member): Promise<string> {
	const { rows } = await database().query<{ token: string }>(
		`insert into private.email_tokens (profile_id) values ($1)
		on conflict (profile_id) do update set profile_id = excluded.profile_id
		returning token`,
		[member.id]
	);
	return rows[0].token;
}

describe('the defaults', () => {
	it('are the database’s, kind for kind', async () => {
		const { rows } = await database().query<{ kind: string; delivery: string }>(
			`select k.kind::text, private.default_delivery(k.kind)::text as delivery
			from unnest(enum_range(null::public.notification_kind)) k (kind)`
		);
		expect(Object.fromEntries(rows.map((row) => [row.kind, row.delivery]))).toEqual(
			DEFAULT_EMAIL_DELIVERY
		);
		expect([...NOTIFICATION_KINDS].sort()).toEqual(rows.map((row) => row.kind).sort());
	});
});

describe('a member’s own settings', () => {
	it('are the defaults until they choose', async () => {
		const member = await memberWithProfile('settings-new');
		expect(await readOwnEmailSettings(member.client)).toEqual(DEFAULT_EMAIL_DELIVERY);
	});

	it('store only what differs from the default, however often they are saved', async () => {
		const member = await memberWithProfile('settings-saver');

		await saveOwnEmailSettings(member.client, {
			...DEFAULT_EMAIL_DELIVERY,
			radar_alert: 'now',
			member_left: 'never'
		});
		expect(await storedRows(member)).toEqual([
			{ kind: 'member_left', delivery: 'never' },
			{ kind: 'radar_alert', delivery: 'now' }
		]);

		// One changed, one back to its default, one new.
		await saveOwnEmailSettings(member.client, {
			...DEFAULT_EMAIL_DELIVERY,
			radar_alert: 'never',
			request_received: 'daily'
		});
		expect(await storedRows(member)).toEqual([
			{ kind: 'request_received', delivery: 'daily' },
			{ kind: 'radar_alert', delivery: 'never' }
		]);
		expect(await readOwnEmailSettings(member.client)).toEqual({
			...DEFAULT_EMAIL_DELIVERY,
			radar_alert: 'never',
			request_received: 'daily'
		});

		await saveOwnEmailSettings(member.client, DEFAULT_EMAIL_DELIVERY);
		expect(await storedRows(member)).toEqual([]);
	});

	it('are nobody else’s to read or change', async () => {
		const owner = await memberWithProfile('settings-owner');
		const other = await memberWithProfile('settings-other');
		await saveOwnEmailSettings(owner.client, { ...DEFAULT_EMAIL_DELIVERY, member_left: 'never' });

		await saveOwnEmailSettings(other.client, { ...DEFAULT_EMAIL_DELIVERY, member_left: 'now' });

		expect(await storedRows(owner)).toEqual([{ kind: 'member_left', delivery: 'never' }]);
		expect(await readOwnEmailSettings(other.client)).toMatchObject({ member_left: 'now' });
	});
});

describe('settings through an email’s link', () => {
	it('read and change the settings of the person the link was sent to, without signing in', async () => {
		const member = await memberWithProfile('settings-link');
		const token = await emailTokenOf(member);
		const visitor = anonymousClient();

		expect(await readEmailSettingsByToken(visitor, token)).toEqual(DEFAULT_EMAIL_DELIVERY);
		expect(
			await setEmailSettingsByToken(visitor, {
				token,
				changes: { radar_alert: 'never', member_joined: 'now' }
			})
		).toBe(true);

		expect(await readEmailSettingsByToken(visitor, token)).toEqual({
			...DEFAULT_EMAIL_DELIVERY,
			radar_alert: 'never',
			member_joined: 'now'
		});
		expect(await readOwnEmailSettings(member.client)).toMatchObject({
			radar_alert: 'never',
			member_joined: 'now'
		});
	});

	it('open nothing for a token that is nobody’s', async () => {
		const visitor = anonymousClient();
		const unknown = '5f0c2a53-7c1e-4d0e-9a53-2f1e3c4b5a69';

		expect(await readEmailSettingsByToken(visitor, unknown)).toBeNull();
		expect(
			await setEmailSettingsByToken(visitor, { token: unknown, changes: { radar_alert: 'never' } })
		).toBe(false);
	});
});
