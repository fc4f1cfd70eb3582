import { randomUUID } from 'node:crypto';
import { fileReport, readReportedThing } from '../../src/lib/server/moderation';
import { startGroup } from '../support/groups';
import { database } from '../support/privacy';
import { membersNamedWith, type Member } from '../support/supabase';

/**
 * What the report page reads and sends (`$lib/server/moderation`) for what someone received: a
 * crew's host reports a request to join it, and the person invited reports the invitation; anyone
 * else finds nothing to report, in the database's words. The crew meets in Niamey, Niger, which no
 * other test file uses.
 */
const token = `rp${randomUUID().slice(0, 6)}`;
const member = membersNamedWith(token);
const niamey = { lat: 13.5116, lng: 2.1254 };
const crewName = `${token} Niamey Crew`;

let host: Member;
let asker: Member;
let invitee: Member;
let bystander: Member;
let crewId: string;
let requestId: string;
let invitationId: string;

beforeAll(async () => {
	[host, asker, invitee, bystander] = await Promise.all([
		member('Host'),
		member('Asker'),
		member('Invitee'),
		member('Bystander')
	]);
	crewId = await startGroup(host, { name: crewName, at: niamey });
	const asked = await asker.client.rpc('request_to_join', {
		group_id: crewId,
		message: 'Buy my course'
	});
	if (asked.error) throw asked.error;
	requestId = asked.data;
	const invited = await host.client.rpc('invite_to_group', {
		group_id: crewId,
		invitee_id: invitee.id
	});
	if (invited.error) throw invited.error;
	invitationId = invited.data;
});

afterAll(async () => {
	await database().query('delete from public.groups where id = $1', [crewId]);
});

describe('reporting a request to join', () => {
	it('is for the crew’s host, named by who asked and for what', async () => {
		const thing = { subject: 'join_request', id: requestId } as const;
		expect(await readReportedThing(host.client, thing)).toEqual({
			name: `the request of ${token} Asker to join ${crewName}`
		});
		const filed = await fileReport(host.client, {
			subject: 'join_request',
			subjectId: requestId,
			reason: 'spam',
			details: ''
		});
		expect(filed).toMatchObject({ ok: true });

		// Once is enough: the second report says so, as the database words it.
		expect(
			await fileReport(host.client, {
				subject: 'join_request',
				subjectId: requestId,
				reason: 'spam',
				details: ''
			})
		).toEqual({
			ok: false,
			refusal: 'You have reported this already: a moderator will look at it.'
		});
	});

	it('is nothing to report for anyone else', async () => {
		const thing = { subject: 'join_request', id: requestId } as const;
		expect(await readReportedThing(bystander.client, thing)).toBeNull();
		expect(
			await fileReport(bystander.client, {
				subject: 'join_request',
				subjectId: requestId,
				reason: 'harassment',
				details: ''
			})
		).toEqual({ ok: false, refusal: 'Nothing to report here.' });
	});
});

describe('reporting an invitation', () => {
	it('is for the person invited', async () => {
		expect(
			await readReportedThing(invitee.client, { subject: 'invitation', id: invitationId })
		).toEqual({ name: `the invitation from ${token} Host to join ${crewName}` });
		expect(
			await fileReport(invitee.client, {
				subject: 'invitation',
				subjectId: invitationId,
				reason: 'harassment',
				details: 'I never asked for this'
			})
		).toMatchObject({ ok: true });
	});

	it('is nothing to report for the one who sent it', async () => {
		expect(
			await fileReport(host.client, {
				subject: 'invitation',
				subjectId: invitationId,
				reason: 'harassment',
				details: ''
			})
		).toEqual({ ok: false, refusal: 'Nothing to report here.' });
	});
});

describe('reporting oneself', () => {
	it('is refused with the database’s reason', async () => {
		expect(
			await fileReport(asker.client, {
				subject: 'person',
				subjectId: asker.id,
				reason: 'other',
				details: ''
			})
		).toEqual({ ok: false, refusal: 'You cannot report yourself.' });
	});
});
