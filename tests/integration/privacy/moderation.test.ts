import { beforeAll, describe, expect, it } from 'vitest';
import { publishedGathering } from '../../support/gatherings';
import { pastDailyLimit, refusal, startGroup } from '../../support/groups';
import { makeModerator, NOT_A_MODERATOR, outcomesFor, report } from '../../support/moderation';
import {
	accessToken,
	anonymousSignIn,
	anonymousToken,
	database,
	expectNoExactPoint,
	nowhere,
	practitionerAt,
	rest,
	sightings,
	type Point
} from '../../support/privacy';
import { memberWithProfile, serviceClient, type Member } from '../../support/supabase';

/**
 * Reports and the moderators who act on them, attacked as each role: anonymous visitors, an
 * anonymous sign-in, another member, a blocked member, the reporter, the reported, and a
 * moderator trying what moderators must not (reading exact points: never; granting the role:
 * never through the API). Everyone here lives in Panama City.
 */

const panama: Point = { lat: 8.98234567, lng: -79.51876543 };

let reporter: Member;
let reported: Member;
let hidden: Member;
let host: Member;
let requester: Member;
let member: Member;
let blockedByReported: Member;
let moderator: Member;
let crewId: string;
let gatheringId: string;
let requestId: string;
let invitationId: string;

beforeAll(async () => {
	[reporter, reported, hidden, host, requester, member, blockedByReported, moderator] =
		await Promise.all([
			memberWithProfile('pa-reporter'),
			practitionerAt('pa-reported', panama, { precision: 'neighbourhood', bio: 'pa bio' }),
			memberWithProfile('pa-hidden', { visibility: 'only_me' }),
			memberWithProfile('pa-host'),
			memberWithProfile('pa-requester'),
			memberWithProfile('pa-member'),
			memberWithProfile('pa-blocked'),
			memberWithProfile('pa-moderator')
		]);
	await makeModerator(moderator);
	const blocking = await reported.client
		.from('blocks')
		.insert({ blocked_id: blockedByReported.id });
	expect(blocking.error).toBeNull();
	crewId = await startGroup(host, { name: 'pa-crew', visibility: 'public', at: panama });
	gatheringId = await publishedGathering(host, {
		name: 'pa-day',
		at: panama,
		visibility: 'public'
	});
	const asked = await requester.client.rpc('request_to_join', {
		group_id: crewId,
		message: 'pa an abusive message'
	});
	expect(asked.error).toBeNull();
	requestId = asked.data as string;
	const invited = await host.client.rpc('invite_to_group', {
		group_id: crewId,
		invitee_id: member.id,
		message: 'pa an unwelcome invitation'
	});
	expect(invited.error).toBeNull();
	invitationId = invited.data as string;
});

describe('reporting', () => {
	it('is refused to anonymous visitors and anonymous sign-ins, and stores nothing', async () => {
		const anonymous = await rest(anonymousToken(), 'rpc/report', {
			method: 'POST',
			body: { subject: 'person', subject_id: reported.id, reason: 'spam' }
		});
		expect(anonymous.status).toBe(401);
		const stranger = await anonymousSignIn(await memberWithProfile('pa-stranger'));
		const { error } = await stranger.client.rpc('report', {
			subject: 'person',
			subject_id: reported.id,
			reason: 'spam'
		});
		expect(refusal({ error })).toEqual({ code: '42501', message: 'Sign in first.' });
		const { rows } = await database().query(
			'select count(*)::int as n from public.reports where subject_id = $1',
			[reported.id]
		);
		expect(rows[0].n).toBe(0);
	});

	it('is only of what the reporter can see, or received', async () => {
		const nothing = { code: 'P0002', message: 'Nothing to report here.' };
		const attempts = await Promise.all([
			// A person who shows themselves to nobody, and a blocker to the one they blocked.
			reporter.client.rpc('report', { subject: 'person', subject_id: hidden.id, reason: 'spam' }),
			blockedByReported.client.rpc('report', {
				subject: 'person',
				subject_id: reported.id,
				reason: 'spam'
			}),
			// Someone else's request and invitation.
			member.client.rpc('report', {
				subject: 'join_request',
				subject_id: requestId,
				reason: 'spam'
			}),
			reporter.client.rpc('report', {
				subject: 'invitation',
				subject_id: invitationId,
				reason: 'spam'
			}),
			// Something that does not exist.
			reporter.client.rpc('report', {
				subject: 'gathering',
				subject_id: crypto.randomUUID(),
				reason: 'spam'
			})
		]);
		for (const attempt of attempts) expect(refusal(attempt)).toEqual(nothing);
		expect(
			refusal(
				await reporter.client.rpc('report', {
					subject: 'person',
					subject_id: reporter.id,
					reason: 'spam'
				})
			)
		).toEqual({ code: 'P0001', message: 'You cannot report yourself.' });
	});

	it('keeps each report to its reporter and the moderators', async () => {
		const id = await report(reporter, 'person', reported.id, 'harassment', 'pa they follow me');
		const own = await reporter.client
			.from('reports')
			.select('id, subject, reason, details, status');
		expect(own.data).toEqual([
			{ id, subject: 'person', reason: 'harassment', details: 'pa they follow me', status: 'open' }
		]);
		for (const other of [member, reported, host, blockedByReported]) {
			const seen = await rest(await accessToken(other), `reports?select=id&id=eq.${id}`);
			expect(seen.body).toEqual([]);
		}
		const anonymous = await rest(anonymousToken(), `reports?select=id&id=eq.${id}`);
		expect(anonymous.status).toBe(401);
		// Not even the reporter reads whom a suspension would be for (a group's maker).
		const behind = await rest(await accessToken(reporter), 'reports?select=subject_person');
		expect(behind.status).toBe(403);
		// Nobody writes reports but through report().
		const forged = await rest(await accessToken(reporter), 'reports', {
			method: 'POST',
			body: { subject: 'person', subject_id: member.id, reason: 'spam', status: 'actioned' }
		});
		expect(forged.status).toBe(403);
	});

	it('takes one open report per subject from each reporter, and ten a day', async () => {
		expect(
			refusal(
				await reporter.client.rpc('report', {
					subject: 'person',
					subject_id: reported.id,
					reason: 'spam'
				})
			)
		).toEqual({
			code: 'P0001',
			message: 'You have reported this already: a moderator will look at it.'
		});
		const busy = await memberWithProfile('pa-busy');
		// Nine reports earlier today (arranged past the API, with their times).
		await database().query(
			`insert into public.reports (reporter_id, subject, subject_id, reason, status, resolved_at)
			select $1, 'person', gen_random_uuid(), 'spam', 'dismissed', now()
			from generate_series(1, 9)`,
			[busy.id]
		);
		await report(busy, 'group', crewId, 'spam');
		const { error } = await busy.client.rpc('report', {
			subject: 'gathering',
			subject_id: gatheringId,
			reason: 'spam'
		});
		expect(error).toMatchObject(pastDailyLimit(10, 'reports'));
	});
});

describe('the moderators’ functions', () => {
	it('answer nobody else, whatever they are', async () => {
		const [open] = (await moderator.client.rpc('moderation_queue')).data as { id: string }[];
		expect(open).toBeDefined();
		for (const caller of [reporter, reported, member, blockedByReported, host]) {
			const attempts = await Promise.all([
				caller.client.rpc('moderation_queue'),
				caller.client.rpc('moderation_log'),
				caller.client.rpc('suspended_people'),
				caller.client.rpc('moderate', { report_id: open.id, action: 'dismiss' })
			]);
			for (const attempt of attempts) expect(refusal(attempt)).toEqual(NOT_A_MODERATOR);
		}
		for (const [fn, body] of [
			['moderation_queue', {}],
			['moderation_log', {}],
			['suspended_people', {}],
			['am_i_moderator', {}],
			['moderate', { report_id: open.id, action: 'dismiss' }]
		] as const) {
			const anonymous = await rest(anonymousToken(), `rpc/${fn}`, { method: 'POST', body });
			expect(anonymous.status, fn).toBe(401);
		}
		expect((await reporter.client.rpc('am_i_moderator')).data).toBe(false);
		expect((await moderator.client.rpc('am_i_moderator')).data).toBe(true);
		const { rows } = await database().query('select status from public.reports where id = $1', [
			open.id
		]);
		expect(rows[0].status).toBe('open');
	});

	it('are granted with the service key only, never through the API', async () => {
		for (const caller of [member, moderator]) {
			const token = await accessToken(caller);
			const granted = await rest(token, 'moderators', {
				method: 'POST',
				body: { profile_id: caller === member ? member.id : reporter.id }
			});
			expect(granted.status).toBe(403);
			expect((await rest(token, 'moderators?select=profile_id')).status).toBe(403);
			expect((await rest(token, 'moderation_log?select=*')).status).toBe(403);
		}
		expect((await member.client.rpc('am_i_moderator')).data).toBe(false);
		const { count } = await serviceClient()
			.from('moderators')
			.select('profile_id', { count: 'exact', head: true })
			.in('profile_id', [member.id, reporter.id]);
		expect(count).toBe(0);
	});

	it('show the context of each report, but never an exact point', async () => {
		const token = await accessToken(moderator);
		const queue = await rest(token, 'rpc/moderation_queue', { method: 'POST', body: {} });
		expect(queue.status).toBe(200);
		const item = (queue.body as { subject_id: string; context: Record<string, unknown> }[]).find(
			(entry) => entry.subject_id === reported.id
		);
		expect(item?.context).toMatchObject({ display_name: 'pa-reported', bio: 'pa bio' });
		expectNoExactPoint(queue, panama, 'the moderation queue');
		// A moderator reads people as any member does: no exact point, no finer cell than shared.
		const exact = await rest(
			token,
			`profile_locations?select=lat,lng&profile_id=eq.${reported.id}`
		);
		expect(exact.body).toEqual([]);
		expectNoExactPoint(
			await rest(token, `profiles?select=*&id=eq.${reported.id}`),
			panama,
			'the reported profile, as a moderator'
		);
	});
});

describe('acting on a report', () => {
	it('dismisses it: the reporter is told, without details, and the reported person is not', async () => {
		const id = await report(member, 'group', crewId, 'spam', 'pa not spam really');
		const second = await report(reporter, 'group', crewId, 'inappropriate');
		const { error } = await moderator.client.rpc('moderate', { report_id: id, action: 'dismiss' });
		expect(error).toBeNull();
		const { rows } = await database().query(
			'select id, status from public.reports where id = any ($1) order by id',
			[[id, second]]
		);
		expect(rows.map((row) => row.status)).toEqual(['dismissed', 'dismissed']);
		for (const who of [member, reporter]) {
			expect(await outcomesFor(who)).toContainEqual({
				kind: 'report_outcome',
				body: 'dismissed',
				actor_name: null,
				group_name: null,
				group_id: null
			});
		}
		expect(await outcomesFor(host)).toEqual([]);
		// Closed is closed.
		expect(
			refusal(await moderator.client.rpc('moderate', { report_id: id, action: 'hide' }))
		).toEqual({ code: 'P0001', message: 'This report is closed already.' });
	});

	it('hides a group and a gathering from everyone, their hosts included', async () => {
		const feedToken = (await host.client.rpc('regenerate_calendar_token')).data as string;
		const hostsFeed = async () => {
			const feed = await rest(anonymousToken(), 'rpc/calendar_feed_by_token', {
				method: 'POST',
				body: { token: feedToken }
			});
			expect(feed.status).toBe(200);
			return (feed.body as { id: string }[]).map((entry) => entry.id);
		};
		expect(await hostsFeed()).toContain(gatheringId);
		const onCrew = await report(member, 'group', crewId, 'unsafe');
		const onDay = await report(member, 'gathering', gatheringId, 'unsafe');
		for (const id of [onCrew, onDay]) {
			expect(
				(await moderator.client.rpc('moderate', { report_id: id, action: 'hide' })).error
			).toBeNull();
		}
		for (const token of [anonymousToken(), await accessToken(member), await accessToken(host)]) {
			expect((await rest(token, `groups?select=id&id=eq.${crewId}`)).body).toEqual([]);
			expect((await rest(token, `gatherings?select=id&id=eq.${gatheringId}`)).body).toEqual([]);
			const pages = await Promise.all([
				rest(token, 'rpc/group_page', { method: 'POST', body: { filters: { q: 'pa-crew' } } }),
				rest(token, 'rpc/gathering_page', { method: 'POST', body: { filters: { q: 'pa-day' } } })
			]);
			for (const page of pages) {
				expect(page.status).toBe(200);
				expect(page.text).not.toContain(crewId);
				expect(page.text).not.toContain(gatheringId);
			}
		}
		// Nor is it in the calendar feed of its host, read by the feed's secret address.
		expect(await hostsFeed()).not.toContain(gatheringId);
		expect(await outcomesFor(member)).toContainEqual(
			expect.objectContaining({ kind: 'report_outcome', body: 'actioned' })
		);
	});

	it('hides a request’s message from the host who received it', async () => {
		const id = await report(host, 'join_request', requestId, 'harassment');
		expect(
			(await moderator.client.rpc('moderate', { report_id: id, action: 'hide' })).error
		).toBeNull();
		const { rows } = await database().query(
			'select message, hidden_at is not null as hidden from public.group_requests where id = $1',
			[requestId]
		);
		expect(rows[0]).toEqual({ message: '', hidden: true });
		// A person is not hidden: they are suspended.
		const onPerson = await report(member, 'person', reported.id, 'harassment');
		expect(
			refusal(await moderator.client.rpc('moderate', { report_id: onPerson, action: 'hide' }))
		).toMatchObject({ code: '22023' });
	});

	it('suspends the person behind an invitation, who then vanishes', async () => {
		const id = await report(member, 'invitation', invitationId, 'harassment');
		const { error } = await moderator.client.rpc('moderate', {
			report_id: id,
			action: 'suspend',
			note: 'pa repeated unwelcome invitations'
		});
		expect(error).toBeNull();
		// The invitation was the host's: the host is suspended and gone from others' reads.
		expect(await sightings(await accessToken(member), { id: host.id, near: panama })).toEqual(
			nowhere
		);
		const suspended = (await moderator.client.rpc('suspended_people')).data as { id: string }[];
		expect(suspended.map((person) => person.id)).toContain(host.id);
		// The log is everyone's; this file's entries are those about its own subjects.
		const ours = new Set([crewId, gatheringId, requestId, invitationId, host.id, reported.id]);
		const log = (
			(await moderator.client.rpc('moderation_log')).data as {
				action: string;
				subject: string;
				subject_id: string;
				moderator: { id: string } | null;
			}[]
		).filter((entry) => ours.has(entry.subject_id));
		expect(log.map((entry) => [entry.action, entry.subject])).toEqual(
			expect.arrayContaining([
				['dismiss', 'group'],
				['hide', 'group'],
				['hide', 'gathering'],
				['hide', 'join_request'],
				['suspend', 'person']
			])
		);
		expect(log.every((entry) => entry.moderator?.id === moderator.id)).toBe(true);
	});
});
