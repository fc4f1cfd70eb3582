import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerFromInbox, listInbox, markNotificationsRead } from '../../src/lib/server/inbox';
import { readOwnHeader } from '../../src/lib/server/profiles';
import { cellAt } from '../support/groups';
import { database } from '../support/privacy';
import { memberWithProfile, type Member } from '../support/supabase';

/**
 * What the inbox page and the header read and do (`$lib/server/inbox`, `readOwnHeader`), through
 * the public key as the people concerned: a host told of requests, someone invited, and the
 * answers that take more than one call (answering, then marking the notification read).
 */

const token = `inbox-${randomUUID().slice(0, 8)}`;
const reykjavik = { lat: 64.1466, lng: -21.9426 };

async function person(name: string): Promise<Member> {
	return memberWithProfile(name.toLowerCase(), {
		display_name: `${name} ${token}`,
		visibility: 'members',
		open_to: ['crewing']
	});
}

async function newCrew(host: Member, sizeLimit = 4): Promise<string> {
	const { data, error } = await host.client.rpc('create_group', {
		kind: 'crew',
		name: `Crew ${token} ${randomUUID().slice(0, 4)}`,
		area_cell: await cellAt(reykjavik, 'town'),
		size_limit: sizeLimit,
		status: 'open'
	});
	if (error) throw error;
	return data;
}

async function invite(host: Member, crew: string, guest: Member): Promise<string> {
	const { data, error } = await host.client.rpc('invite_to_group', {
		group_id: crew,
		invitee_id: guest.id,
		message: 'Come crew with us'
	});
	if (error) throw error;
	return data;
}

async function ask(asker: Member, crew: string, message = 'Hello!'): Promise<string> {
	const { data, error } = await asker.client.rpc('request_to_join', { group_id: crew, message });
	if (error) throw error;
	return data;
}

afterAll(async () => {
	await database().query('delete from public.groups where name like $1', [`%${token}%`]);
});

describe('the header', () => {
	it('reads the name and counts only the reader’s own unread notifications', async () => {
		const host = await person('Host');
		const crew = await newCrew(host);
		const [first, second] = await Promise.all([person('First'), person('Second')]);
		await ask(first, crew);
		await ask(second, crew);

		expect(await readOwnHeader(host.client, host.id)).toEqual({
			displayName: `Host ${token}`,
			unreadCount: 2
		});
		// The askers were told nothing; one who may see the host's name still reads none of theirs.
		expect(await readOwnHeader(first.client, first.id)).toMatchObject({ unreadCount: 0 });
		expect(await readOwnHeader(first.client, host.id)).toEqual({
			displayName: `Host ${token}`,
			unreadCount: 0
		});

		const { notifications } = await listInbox(host.client, { page: 1, pageSize: 20 });
		await markNotificationsRead(host.client, [notifications[0].id]);
		expect(await readOwnHeader(host.client, host.id)).toMatchObject({ unreadCount: 1 });
	});
});

describe('the inbox', () => {
	let host: Member;
	let crew: string;
	let askers: Member[];

	beforeAll(async () => {
		host = await person('Host');
		crew = await newCrew(host, 8);
		askers = await Promise.all(['A', 'B', 'C'].map(person));
		// One after another, so their order is known.
		for (const asker of askers) await ask(asker, crew, `I am ${asker.email}`);
	});

	it('lists the reader’s notifications newest first, a page at a time, with the total', async () => {
		const first = await listInbox(host.client, { page: 1, pageSize: 2 });
		expect(first.total).toBe(3);
		expect(first.notifications.map((each) => each.body)).toEqual([
			`I am ${askers[2].email}`,
			`I am ${askers[1].email}`
		]);
		const second = await listInbox(host.client, { page: 2, pageSize: 2 });
		expect(second.notifications.map((each) => each.body)).toEqual([`I am ${askers[0].email}`]);
		expect(await listInbox(host.client, { page: 3, pageSize: 2 })).toEqual({
			notifications: [],
			total: 0
		});
	});

	it('says, in the same read, whether each request is still open', async () => {
		const { notifications } = await listInbox(host.client, { page: 1, pageSize: 20 });
		expect(notifications.map((each) => [each.kind, each.request?.status])).toEqual([
			['request_received', 'open'],
			['request_received', 'open'],
			['request_received', 'open']
		]);
		const { data: withdrawn } = await askers[0].client
			.from('group_requests')
			.select('id')
			.eq('group_id', crew)
			.single();
		await askers[0].client.rpc('withdraw_request', { request_id: withdrawn!.id });
		const after = await listInbox(host.client, { page: 1, pageSize: 20 });
		expect(after.notifications.find((each) => each.request_id === withdrawn!.id)?.request).toEqual({
			status: 'withdrawn'
		});
	});

	it('marks read idempotently: one, then all, then nothing left to mark', async () => {
		const reader = await person('Reader');
		const readerCrew = await newCrew(reader, 8);
		for (const asker of await Promise.all(['D', 'E'].map(person))) await ask(asker, readerCrew);
		const { notifications } = await listInbox(reader.client, { page: 1, pageSize: 20 });

		expect(await markNotificationsRead(reader.client, [notifications[0].id])).toBe(1);
		expect(await markNotificationsRead(reader.client, [notifications[0].id])).toBe(0);
		expect(await markNotificationsRead(reader.client, null)).toBe(1);
		expect(await markNotificationsRead(reader.client, null)).toBe(0);
		const read = await listInbox(reader.client, { page: 1, pageSize: 20 });
		expect(read.notifications.every((each) => each.read_at !== null)).toBe(true);
	});
});

describe('answering from the inbox', () => {
	it('accepts an invitation, then marks the notification that brought it read', async () => {
		const host = await person('Host');
		const crew = await newCrew(host);
		const guest = await person('Guest');
		const invitationId = await invite(host, crew, guest);
		const [notification] = (await listInbox(guest.client, { page: 1, pageSize: 20 })).notifications;
		expect(notification).toMatchObject({
			kind: 'invitation_received',
			invitation_id: invitationId,
			invitation: { status: 'open' },
			read_at: null
		});

		const result = await answerFromInbox(guest.client, {
			notificationId: notification.id,
			answer: { kind: 'invitation', id: invitationId },
			accept: true
		});

		expect(result).toEqual({ ok: true });
		const [after] = (await listInbox(guest.client, { page: 1, pageSize: 20 })).notifications;
		expect(after.invitation).toEqual({ status: 'accepted' });
		expect(after.read_at).not.toBeNull();
		const members = await guest.client.rpc('group_members_of', { group_id: crew });
		expect(members.data?.map((member) => member.profile_id)).toContain(guest.id);
	});

	it('declines a request, and the requester is told', async () => {
		const host = await person('Host');
		const crew = await newCrew(host);
		const asker = await person('Asker');
		const requestId = await ask(asker, crew);
		const [notification] = (await listInbox(host.client, { page: 1, pageSize: 20 })).notifications;

		const result = await answerFromInbox(host.client, {
			notificationId: notification.id,
			answer: { kind: 'request', id: requestId },
			accept: false
		});

		expect(result).toEqual({ ok: true });
		const [told] = (await listInbox(asker.client, { page: 1, pageSize: 20 })).notifications;
		expect(told).toMatchObject({ kind: 'request_decided', body: 'declined', read_at: null });
	});

	it('gives the database’s reason when the crew is full, and leaves the notification unread', async () => {
		const host = await person('Host');
		const crew = await newCrew(host, 3);
		const [first, second, third] = await Promise.all([person('A'), person('B'), person('C')]);
		const requests = [await ask(first, crew), await ask(second, crew), await ask(third, crew)];
		await host.client.rpc('decide_request', { request_id: requests[0], accept: true });
		await host.client.rpc('decide_request', { request_id: requests[1], accept: true });
		const { notifications } = await listInbox(host.client, { page: 1, pageSize: 20 });
		const lastAsk = notifications.find((each) => each.request_id === requests[2])!;

		const result = await answerFromInbox(host.client, {
			notificationId: lastAsk.id,
			answer: { kind: 'request', id: requests[2] },
			accept: true
		});

		expect(result).toEqual({
			ok: false,
			refusal: expect.stringMatching(/is full: there is no seat left/)
		});
		const after = await listInbox(host.client, { page: 1, pageSize: 20 });
		expect(after.notifications.find((each) => each.id === lastAsk.id)?.read_at).toBeNull();
	});

	it('will not answer someone else’s invitation, whatever is posted', async () => {
		const host = await person('Host');
		const crew = await newCrew(host);
		const guest = await person('Guest');
		const stranger = await person('Stranger');
		const invitationId = await invite(host, crew, guest);
		const [notification] = (await listInbox(guest.client, { page: 1, pageSize: 20 })).notifications;

		const result = await answerFromInbox(stranger.client, {
			notificationId: notification.id,
			answer: { kind: 'invitation', id: invitationId },
			accept: true
		});

		expect(result).toEqual({
			ok: false,
			refusal: 'There is no such invitation for you to answer.'
		});
		const [still] = (await listInbox(guest.client, { page: 1, pageSize: 20 })).notifications;
		expect(still).toMatchObject({ invitation: { status: 'open' }, read_at: null });
	});
});
