import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../../src/lib/imports/import-row';
import { parseCsv } from '../../src/lib/imports/parse-csv';
import {
	invitationMessageId,
	sendImportInvitations
} from '../../src/lib/server/outbox/invitations';
import { stageList } from '../../scripts/import-list';
import {
	accountExists,
	importAddress,
	invite,
	listName,
	stage,
	stagedRow
} from '../support/imports';
import { mailboxMessagesTo, stackSmtp, TEST_MAIL_FROM, TEST_SITE_URL } from '../support/mail';
import { database, groundTruth } from '../support/privacy';
import { anonymousClient, memberWithProfile, serviceClient, signInAs } from '../support/supabase';

/**
 * The bulk import (issue 13): a movement's list is staged, idempotently, each new person is
 * invited once, and nobody reaches the map until they confirm. People here live in Slovakia,
 * which no other file uses.
 */

const BRATISLAVA = { lat: 48.1486, lng: 17.1077 };

describe('staging a list', () => {
	it('stages new people, and staging the same list again changes nothing', async () => {
		const source = listName('Bratislava circle');
		const [ann, bo] = [importAddress('ann'), importAddress('bo')];
		const rows = [
			{ name: 'Ann', email: ann.toUpperCase(), ...BRATISLAVA, visibility: 'public' as const },
			{
				name: 'Bo',
				email: bo,
				place: 'Bratislava',
				country: 'SK',
				precision: 'neighbourhood' as const
			}
		];
		const first = await stage(source, rows);
		expect(first).toMatchObject({ rows: 2, staged: 2, updated: 0, unchanged: 0, skipped: 0 });
		expect(first.batch).toMatch(/^[0-9a-f-]{36}$/);
		// The address is kept in lower case; a place's point is the town's, shown no finer than town.
		expect(await stagedRow(source, ann)).toMatchObject({
			display_name: 'Ann',
			visibility: 'public'
		});
		expect(await stagedRow(source, bo)).toMatchObject({ precision: 'town', has_token: true });

		const again = await stage(source, rows);
		expect(again).toMatchObject({ rows: 2, staged: 0, updated: 0, unchanged: 2, skipped: 0 });

		const moved = await stage(source, [{ ...rows[0], lat: 48.2 }, rows[1]]);
		expect(moved).toMatchObject({ staged: 0, updated: 1, unchanged: 1 });
		expect((await stagedRow(source, ann))?.lat).toBe(48.2);
	});

	it('puts nobody on the map and makes nobody an account', async () => {
		const source = listName('Nobody yet');
		const email = importAddress('cy');
		await stage(source, [{ name: 'Cy Unconfirmed', email, ...BRATISLAVA, visibility: 'public' }]);
		expect(await accountExists(email)).toBe(false);
		const { data } = await anonymousClient()
			.from('profiles')
			.select('id')
			.eq('display_name', 'Cy Unconfirmed');
		expect(data).toEqual([]);
	});

	it('skips, with a reason for each line, what it cannot or must not stage', async () => {
		const source = listName('Mixed');
		const onTheMap = await memberWithProfile('sk-onmap');
		const twice = importAddress('twice');
		const answer = await stage(source, [
			{ name: 'Bad', email: 'not-an-address', ...BRATISLAVA },
			{ name: 'Nowhere', email: importAddress('nowhere'), place: 'Nowhereville' },
			{ name: 'Twice', email: twice, ...BRATISLAVA },
			{ name: 'Twice again', email: twice, ...BRATISLAVA },
			{ name: 'On the map', email: onTheMap.email, ...BRATISLAVA },
			{ name: 'Bad\u202Ename', email: importAddress('rtl'), ...BRATISLAVA }
		]);
		expect(answer).toMatchObject({ rows: 6, staged: 1, skipped: 5 });
		expect(answer.skipped_rows.map(({ line, reason }) => [line, reason])).toEqual([
			[2, 'not an email address'],
			[3, 'no place called Nowhereville in the gazetteer'],
			[5, 'the same address earlier in this list'],
			[6, 'already on the map'],
			[7, 'name holds control or text-direction characters']
		]);
		// The person already on the map keeps their own choices.
		expect(await stagedRow(source, onTheMap.email)).toBeNull();
	});

	it('writes nothing on a dry run, and says what it would do', async () => {
		const source = listName('Dry');
		const email = importAddress('dry');
		const answer = await stage(source, [{ name: 'Dry', email, ...BRATISLAVA }], { dryRun: true });
		expect(answer).toMatchObject({ batch: null, staged: 1 });
		expect(await stagedRow(source, email)).toBeNull();
	});

	it('knows a Murmurations profile by its address, whichever file brings it', async () => {
		const url = `https://example.test/profiles/${importAddress('murm')}`;
		const email = importAddress('murm');
		const first = listName('Index A');
		await stage(first, [{ name: 'Murm', email, ...BRATISLAVA, profile_url: url }]);
		const second = await stage(listName('Index B'), [
			{ name: 'Murm Renamed', email, ...BRATISLAVA, profile_url: url }
		]);
		expect(second).toMatchObject({ staged: 0, updated: 1 });
		expect(await stagedRow(first, email)).toMatchObject({ display_name: 'Murm Renamed' });
	});

	it('stages a parsed CSV file in chunks and names skipped rows by their line', async () => {
		const source = listName('CSV');
		const [good, bad] = [importAddress('csv-good'), importAddress('csv-bad')];
		const list = parseCsv(
			`name,email,place,lat,lng\nGood,${good},"Bratislava, SK",,\nBad,${bad},Nowhereville,,\nWorse,nobody,,1,2\n`
		);
		const summary = await stageList({ supabase: serviceClient(), list, format: 'csv', source });
		expect(summary).toMatchObject({ rows: 3, staged: 1, updated: 0, unchanged: 0 });
		expect(summary.skipped.map((problem) => problem.message)).toEqual([
			'line 3: no place called Nowhereville in the gazetteer',
			'line 4: “nobody” is not an email address'
		]);
		await expect(
			stageList({ supabase: serviceClient(), list, format: 'csv', source: ' ' })
		).rejects.toThrow(ImportFileError);
	});
});

describe('the invitation', () => {
	it('is emailed once, with a link and a one-click decline, and only its hash is kept', async () => {
		const source = listName('Invited');
		const email = importAddress('invited');
		await stage(source, [{ name: 'Ivo Invited', email, ...BRATISLAVA, precision: 'town' }]);
		const { id } = (await stagedRow(source, email)) as { id: string };
		const transport = stackSmtp();
		try {
			// Other files' invitations may be sent too: the stack's mailbox keeps them all.
			for (
				let pass = 0;
				pass < 20 && (await stagedRow(source, email))?.invited_at == null;
				pass++
			) {
				await sendImportInvitations({
					supabase: serviceClient(),
					transport,
					siteUrl: TEST_SITE_URL,
					from: TEST_MAIL_FROM
				});
			}
		} finally {
			transport.close();
		}
		const [message, ...more] = await mailboxMessagesTo(email);
		expect(more).toEqual([]);
		expect(message.messageId).toBe(invitationMessageId(id));
		expect(message.subject).toBe(`${source} invites you onto the microsolidarity map`);
		expect(message.text).toMatch(/“Ivo Invited” on the map, near \S+, SK \(at town precision\)/);
		const link = message.text.match(/\/join\/([0-9a-f]{64})\b/);
		expect(link).not.toBeNull();
		expect(message.headers['list-unsubscribe']).toBe(`<${TEST_SITE_URL}/join/${link![1]}/decline>`);
		expect(await stagedRow(source, email)).toMatchObject({ pending_token: null, has_token: true });

		// Importing the list again invites nobody again.
		expect(
			await stage(source, [{ name: 'Ivo Invited', email, ...BRATISLAVA, precision: 'town' }])
		).toMatchObject({ unchanged: 1 });
		const { rows } = await database().query(
			`select count(*)::int as waiting from private.imported_people
			where source = $1 and invited_at is null`,
			[source]
		);
		expect(rows[0].waiting).toBe(0);
	});
});

describe('confirming', () => {
	it('puts the person on the map as they chose, signed in with the invited address', async () => {
		const source = listName('Confirm');
		const email = importAddress('confirm');
		await stage(source, [{ name: 'Cleo Confirmed', email, ...BRATISLAVA, visibility: 'members' }]);
		const token = await invite(source, email);

		const anonymous = anonymousClient();
		const shown = await anonymous.rpc('import_invitation_by_token', { token });
		expect(shown.error).toBeNull();
		expect(shown.data).toMatchObject({
			status: 'open',
			source,
			display_name: 'Cleo Confirmed',
			visibility: 'members',
			precision: 'area',
			email_hint: expect.stringMatching(/^c…@example\.test$/)
		});
		expect(JSON.stringify(shown.data)).not.toContain(String(BRATISLAVA.lng));
		expect(
			await anonymous.rpc('set_import_choices', { token, visibility: 'public', precision: 'town' })
		).toMatchObject({ error: null });

		const cleo = await signInAs(email);
		const confirmed = await cleo.client.rpc('confirm_import', { token });
		expect(confirmed.data).toEqual({ status: 'published', profile_id: cleo.id });
		const profile = await groundTruth(cleo.id);
		expect(profile).toMatchObject({
			display_name: 'Cleo Confirmed',
			visibility: 'public',
			precision: 'town',
			exact_lat: BRATISLAVA.lat
		});
		expect(profile?.onboarded_at).not.toBeNull();
		expect(profile?.published_cell).toHaveLength(13);
		// The staged row keeps no name and no point; the link opens nothing any more.
		expect(await stagedRow(source, email)).toMatchObject({
			display_name: null,
			lat: null,
			profile_id: cleo.id
		});
		expect((await anonymous.rpc('import_invitation_by_token', { token })).error?.code).toBe(
			'P0002'
		);
	});

	it('refuses someone signed in with another address', async () => {
		const source = listName('Other');
		const email = importAddress('owner');
		await stage(source, [{ name: 'Ola', email, ...BRATISLAVA }]);
		const token = await invite(source, email);
		const someoneElse = await memberWithProfile('sk-else');
		const refused = await someoneElse.client.rpc('confirm_import', { token });
		expect(refused.error).toMatchObject({ code: '42501', hint: 'other_address' });
		expect(await stagedRow(source, email)).toMatchObject({
			confirmed_at: null,
			display_name: 'Ola'
		});
	});

	it('leaves someone already on the map as they are', async () => {
		const source = listName('Already');
		const email = importAddress('already');
		await stage(source, [{ name: 'Al From The List', email, ...BRATISLAVA, visibility: 'public' }]);
		const token = await invite(source, email);
		const al = await signInAs(email);
		await al.client
			.from('profiles')
			.update({ display_name: 'Al', onboarded_at: new Date().toISOString() })
			.eq('id', al.id);
		const answer = await al.client.rpc('confirm_import', { token });
		expect(answer.data).toEqual({ status: 'already_on_map', profile_id: al.id });
		expect(await groundTruth(al.id)).toMatchObject({
			display_name: 'Al',
			visibility: 'members',
			exact_lat: null
		});
	});

	it('says when an invitation has run out, and publishes nothing', async () => {
		const source = listName('Expired');
		const email = importAddress('expired');
		await stage(source, [{ name: 'Ed', email, ...BRATISLAVA }]);
		const token = await invite(source, email);
		await database().query(
			`update private.imported_people set invited_at = now() - interval '31 days' where source = $1`,
			[source]
		);
		const shown = await anonymousClient().rpc('import_invitation_by_token', { token });
		expect(shown.data).toEqual({ status: 'expired', source });
		const ed = await signInAs(email);
		const refused = await ed.client.rpc('confirm_import', { token });
		expect(refused.error).toMatchObject({ code: 'P0002', hint: 'expired' });
		// Pruning forgets the name and point of invitations that ran out.
		await serviceClient().rpc('prune_import_invitations');
		expect(await stagedRow(source, email)).toMatchObject({ display_name: null, lat: null });
		// And the next import of the list does not ask again.
		expect((await stage(source, [{ name: 'Ed', email, ...BRATISLAVA }])).skipped_rows).toEqual([
			{ line: 2, email, reason: 'invited before and never answered' }
		]);
	});
});

describe('declining', () => {
	it('deletes the staged person, and no later list stages them again', async () => {
		const source = listName('Decline');
		const email = importAddress('decline');
		await stage(source, [{ name: 'Dee', email, ...BRATISLAVA }]);
		const token = await invite(source, email);
		expect(await anonymousClient().rpc('decline_import', { token })).toMatchObject({ error: null });
		expect(await stagedRow(source, email)).toBeNull();
		const again = await stage(listName('Another list'), [{ name: 'Dee', email, ...BRATISLAVA }]);
		expect(again.skipped_rows).toEqual([
			{ line: 2, email, reason: 'declined an invitation, or left the map' }
		]);
	});

	it('is what leaving the map after confirming amounts to, for later lists', async () => {
		const source = listName('Leaver');
		const email = importAddress('leaver');
		await stage(source, [{ name: 'Lee', email, ...BRATISLAVA }]);
		const token = await invite(source, email);
		const lee = await signInAs(email);
		await lee.client.rpc('confirm_import', { token });
		expect(await lee.client.rpc('delete_my_account')).toMatchObject({ error: null });
		expect(await stagedRow(source, email)).toBeNull();
		expect((await stage(source, [{ name: 'Lee', email, ...BRATISLAVA }])).skipped).toBe(1);
	});
});

describe('confirming a whole batch at once (the benchmark’s path)', () => {
	it('makes accounts, profiles and points, and publishes them all in one call', async () => {
		const source = listName('Bulk');
		const people = Array.from({ length: 50 }, (_, index) => ({
			name: `Bulk ${index}`,
			email: importAddress(`bulk${index}`),
			lat: BRATISLAVA.lat + index * 0.01,
			lng: BRATISLAVA.lng,
			visibility: 'public' as const
		}));
		const { batch } = await stage(source, people);
		// Each invitation has a link of its own.
		const tokens = await database().query(
			'select count(distinct token_hash)::int as tokens from private.imported_people where batch_id = $1',
			[batch]
		);
		expect(tokens.rows[0].tokens).toBe(50);
		const { rows } = await database().query('select private.confirm_imports($1) as confirmed', [
			batch
		]);
		expect(rows[0].confirmed).toBe(50);
		const published = await database().query(
			`select count(*) filter (where p.published_cell is not null and p.onboarded_at is not null)::int as placed,
				count(*) filter (where p.public_cell is not null)::int as public
			from private.imported_people s join public.profiles p on p.id = s.profile_id
			where s.batch_id = $1`,
			[batch]
		);
		expect(published.rows[0]).toEqual({ placed: 50, public: 50 });
		// Confirming the batch again confirms nobody twice.
		const again = await database().query('select private.confirm_imports($1) as confirmed', [
			batch
		]);
		expect(again.rows[0].confirmed).toBe(0);
	});
});
