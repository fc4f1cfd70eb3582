import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinThroughRequest, startGroup } from '../../support/groups';
import { accessToken, anonymousToken, database, rest } from '../../support/privacy';
import {
	anonymousClient,
	membersNamedWith,
	type Client,
	type Member
} from '../../support/supabase';

/**
 * The inbox (issue 10): each notification is read by its recipient only, written by the database
 * only, marked read by its recipient only and once, and never tells who acted by account id, nor
 * who decided a request at all. Attacked as an anonymous visitor, another member, a member of the
 * same group and the recipient. Everyone meets in Lomé, Togo, and is named with this run's token.
 */

const token = `tg${randomUUID().slice(0, 6)}`;
const person = membersNamedWith(token);
const lome = { lat: 6.1319, lng: 1.2228 };

let host: Member;
let member: Member; // in the crew, 'only me'
let asker: Member;
let outsider: Member;
let crew: string;
/** The host's notification of the asker's request. */
let received: string;

beforeAll(async () => {
	[host, member, asker, outsider] = await Promise.all([
		person('Host'),
		person('Member', { visibility: 'only_me' }),
		person('Asker'),
		person('Outsider')
	]);
	crew = await startGroup(host, { name: `${token} Crew`, at: lome });
	await joinThroughRequest(crew, member, host);
	const asked = await asker.client.rpc('request_to_join', { group_id: crew, message: 'Hello' });
	expect(asked.error).toBeNull();
	const { data } = await host.client
		.from('notifications')
		.select('id')
		.eq('kind', 'request_received')
		.eq('request_id', asked.data!)
		.single();
	received = data!.id;
});

afterAll(async () => {
	await database().query('delete from public.groups where name like $1', [`${token} %`]);
});

async function stored(id: string) {
	const { rows } = await database().query(
		'select recipient_id, kind, body, read_at from public.notifications where id = $1',
		[id]
	);
	return rows[0];
}

describe('reading notifications', () => {
	it('shows the recipient theirs', async () => {
		const { data } = await host.client
			.from('notifications')
			.select('kind, group_name, actor_name, body, read_at')
			.eq('id', received);
		expect(data).toEqual([
			{
				kind: 'request_received',
				group_name: `${token} Crew`,
				actor_name: `${token} Asker`,
				body: 'Hello',
				read_at: null
			}
		]);
	});

	it('shows nobody else, not even another member of the group or the one who acted', async () => {
		for (const reader of [member, asker, outsider]) {
			const { data, error } = await reader.client
				.from('notifications')
				.select('id')
				.eq('id', received);
			expect(error).toBeNull();
			expect(data).toEqual([]);
			const { count } = await reader.client
				.from('notifications')
				.select('id', { count: 'exact', head: true })
				.eq('recipient_id', host.id);
			expect(count).toBe(0);
		}
	});

	it('is refused to anonymous visitors', async () => {
		const { error } = await anonymousClient().from('notifications').select('id');
		expect(error?.code).toBe('42501');
	});

	it('never gives who acted by account id: not by column, filter, ordering, embedding or *', async () => {
		const as = await accessToken(host);
		for (const path of [
			`notifications?select=actor_id&id=eq.${received}`,
			`notifications?select=*&id=eq.${received}`,
			`notifications?select=id&actor_id=eq.${asker.id}`,
			`notifications?select=id&order=actor_id`,
			`notifications?select=id,actor:profiles!notifications_actor_id_fkey(id)`,
			`notifications?select=id,email_state&id=eq.${received}`
		]) {
			const response = await rest(as, path);
			expect(response.status, path).toBeGreaterThanOrEqual(400);
			expect(response.text, path).not.toContain(asker.id);
		}
	});
});

describe('writing notifications directly', () => {
	const writers: { who: string; client: () => Client }[] = [
		{ who: 'an anonymous visitor', client: () => anonymousClient() },
		{ who: 'another member', client: () => outsider.client },
		{ who: 'the recipient', client: () => host.client }
	];

	it.each(writers)('changes nothing as $who', async ({ client }) => {
		const before = await stored(received);
		const inserted = await client()
			.from('notifications')
			.insert({ recipient_id: host.id, kind: 'radar_alert', body: `${token} forged` });
		expect(inserted.error?.code).toBe('42501');
		const updated = await client()
			.from('notifications')
			.update({ body: 'changed', read_at: new Date().toISOString() })
			.eq('id', received);
		expect(updated.error?.code).toBe('42501');
		const deleted = await client().from('notifications').delete().eq('id', received);
		expect(deleted.error?.code).toBe('42501');
		expect(await stored(received)).toEqual(before);
		const { rowCount } = await database().query(
			'select 1 from public.notifications where body = $1',
			[`${token} forged`]
		);
		expect(rowCount).toBe(0);
	});
});

describe('mark_notifications_read', () => {
	it('marks nothing of anyone else’s, even given their ids', async () => {
		const { data, error } = await outsider.client.rpc('mark_notifications_read', {
			ids: [received]
		});
		expect(error).toBeNull();
		expect(data).toBe(0);
		const all = await outsider.client.rpc('mark_notifications_read', {});
		expect(all.error).toBeNull();
		expect((await stored(received)).read_at).toBeNull();
	});

	it('marks the caller’s own once: marking again keeps the first time', async () => {
		const first = await host.client.rpc('mark_notifications_read', { ids: [received] });
		expect(first.data).toBe(1);
		const readAt = (await stored(received)).read_at;
		expect(readAt).not.toBeNull();
		const again = await host.client.rpc('mark_notifications_read', { ids: [received] });
		expect(again.data).toBe(0);
		const everything = await host.client.rpc('mark_notifications_read', {});
		expect(everything.error).toBeNull();
		expect((await stored(received)).read_at).toEqual(readAt);
	});

	it('marks all of the caller’s own with no ids, and no one else’s', async () => {
		const guest = await person('Guest');
		const invited = await host.client.rpc('invite_to_group', {
			group_id: crew,
			invitee_id: guest.id
		});
		expect(invited.error).toBeNull();
		const unread = async (who: Member) => {
			const { rows } = await database().query(
				'select count(*)::int as n from public.notifications where recipient_id = $1 and read_at is null',
				[who.id]
			);
			return rows[0].n;
		};
		const askerUnread = await unread(asker);
		expect(await unread(guest)).toBe(1);
		const marked = await guest.client.rpc('mark_notifications_read', {});
		expect(marked.data).toBe(1);
		expect(await unread(guest)).toBe(0);
		expect(await unread(asker)).toBe(askerUnread);
	});

	it('is refused to anonymous visitors', async () => {
		const response = await rest(anonymousToken(), 'rpc/mark_notifications_read', {
			method: 'POST',
			body: { ids: [received] }
		});
		expect(response.status).toBe(401);
		expect((await stored(received)).read_at).not.toBeNull();
	});
});

describe('who a notification names', () => {
	it('does not tell a requester which member decided', async () => {
		const declined = await person('Declined');
		const asked = await declined.client.rpc('request_to_join', { group_id: crew });
		const decided = await host.client.rpc('decide_request', {
			request_id: asked.data!,
			accept: false
		});
		expect(decided.error).toBeNull();
		const { data } = await declined.client
			.from('notifications')
			.select('kind, body, actor_name, group_name');
		expect(data).toEqual([
			{ kind: 'request_decided', body: 'declined', actor_name: null, group_name: `${token} Crew` }
		]);
	});

	it('names the newcomer, not the member who let them in, when someone joins', async () => {
		const newcomer = await person('Newcomer');
		const asked = await newcomer.client.rpc('request_to_join', { group_id: crew });
		// The member who accepts shares their profile with nobody.
		const accepted = await member.client.rpc('decide_request', {
			request_id: asked.data!,
			accept: true
		});
		expect(accepted.error).toBeNull();
		const told = await newcomer.client.from('notifications').select('kind, actor_name');
		expect(told.data).toEqual([{ kind: 'request_decided', actor_name: null }]);
		const { data } = await host.client
			.from('notifications')
			.select('kind, actor_name, body')
			.eq('kind', 'member_joined')
			.eq('request_id', asked.data!);
		expect(data).toEqual([
			{ kind: 'member_joined', actor_name: `${token} Newcomer`, body: `${token} Newcomer` }
		]);
	});
});
