import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { database } from '../support/privacy';
import { memberWithProfile, serviceClient, type Member } from '../support/supabase';

/**
 * A crew's life through the API, as its people live it: made, asked to join, accepted, full,
 * invited, left, handed over. The attacks on each rule are in tests/integration/privacy/crews*.
 */

const token = `crews-${randomUUID().slice(0, 8)}`;
const utrecht = { lat: 52.0907, lng: 5.1214 };

async function townCell(point: { lat: number; lng: number }): Promise<string> {
	const { rows } = await database().query<{ cell: string }>(
		"select private.cell_at($1, $2, private.precision_zoom('town')) as cell",
		[point.lat, point.lng]
	);
	return rows[0].cell;
}

async function person(name: string): Promise<Member> {
	return memberWithProfile(
		name.toLowerCase(),
		{ display_name: `${name} ${token}`, visibility: 'members', open_to: ['crewing'] },
		utrecht
	);
}

async function newCrew(host: Member, sizeLimit = 3): Promise<string> {
	const { data, error } = await host.client.rpc('create_group', {
		kind: 'crew',
		name: `Crew ${token} ${randomUUID().slice(0, 4)}`,
		area_cell: await townCell(utrecht),
		size_limit: sizeLimit,
		status: 'open',
		visibility: 'members',
		commitment: '6 weeks, then we review',
		languages: ['English']
	});
	if (error) throw error;
	return data;
}

async function groupRow(id: string) {
	const { rows } = await database().query<{ status: string; member_count: number }>(
		'select status, member_count from public.groups where id = $1',
		[id]
	);
	return rows[0];
}

afterAll(async () => {
	await database().query('delete from public.groups where name like $1', [`%${token}%`]);
});

describe('a crew people run', () => {
	it('starts with its maker as its first host', async () => {
		const host = await person('Host');
		const crew = await newCrew(host);
		const { data, error } = await host.client.rpc('group_members_of', { group_id: crew });
		expect(error).toBeNull();
		expect(data).toEqual([expect.objectContaining({ profile_id: host.id, role: 'host' })]);
		expect(await groupRow(crew)).toEqual({ status: 'open', member_count: 1 });
	});

	it('takes a request, tells its members, and becomes full at its limit', async () => {
		const host = await person('Host');
		const crew = await newCrew(host);
		const [asker, second, third] = await Promise.all([person('A'), person('B'), person('C')]);

		const asked = await asker.client.rpc('request_to_join', { group_id: crew, message: 'Hello!' });
		expect(asked.error).toBeNull();
		const inbox = await host.client.from('notifications').select('kind, body, actor_name');
		expect(inbox.data).toContainEqual({
			kind: 'request_received',
			body: 'Hello!',
			actor_name: `A ${token}`
		});

		const accepted = await host.client.rpc('decide_request', {
			request_id: asked.data!,
			accept: true
		});
		expect(accepted.error).toBeNull();
		const told = await asker.client.from('notifications').select('kind, body');
		expect(told.data).toContainEqual({ kind: 'request_decided', body: 'accepted' });

		const secondAsk = await second.client.rpc('request_to_join', { group_id: crew });
		expect(secondAsk.error).toBeNull();
		const secondAccepted = await asker.client.rpc('decide_request', {
			request_id: secondAsk.data!,
			accept: true
		});
		expect(secondAccepted.error).toBeNull();
		expect(await groupRow(crew)).toEqual({ status: 'full', member_count: 3 });

		const refused = await third.client.rpc('request_to_join', { group_id: crew });
		expect(refused.error?.message).toMatch(/is full/);

		const left = await second.client.rpc('leave_group', { group_id: crew });
		expect(left.error).toBeNull();
		expect(await groupRow(crew)).toEqual({ status: 'open', member_count: 2 });
	});

	it('lets a host invite someone they see, who accepts from their inbox', async () => {
		const host = await person('Host');
		const crew = await newCrew(host, 4);
		const guest = await person('Guest');
		const invited = await host.client.rpc('invite_to_group', {
			group_id: crew,
			invitee_id: guest.id,
			message: 'Join us?'
		});
		expect(invited.error).toBeNull();
		const inbox = await guest.client.from('notifications').select('kind, invitation_id');
		expect(inbox.data).toContainEqual({ kind: 'invitation_received', invitation_id: invited.data });
		const answered = await guest.client.rpc('answer_invitation', {
			invitation_id: invited.data!,
			accept: true
		});
		expect(answered.error).toBeNull();
		const members = await guest.client.rpc('group_members_of', { group_id: crew });
		expect(members.data?.map((m) => m.profile_id).sort()).toEqual([host.id, guest.id].sort());
	});

	it('keeps a host: the last one hands over before leaving', async () => {
		const host = await person('Host');
		const crew = await newCrew(host, 4);
		const guest = await person('Guest');
		const invited = await host.client.rpc('invite_to_group', {
			group_id: crew,
			invitee_id: guest.id
		});
		await guest.client.rpc('answer_invitation', { invitation_id: invited.data!, accept: true });

		const refused = await host.client.rpc('leave_group', { group_id: crew });
		expect(refused.error?.message).toMatch(/last host/);
		const handed = await host.client.rpc('set_member_role', {
			group_id: crew,
			profile_id: guest.id,
			role: 'host'
		});
		expect(handed.error).toBeNull();
		expect((await host.client.rpc('leave_group', { group_id: crew })).error).toBeNull();
		// Told without the name: the member list shows each member only as their profile allows.
		const told = await guest.client.from('notifications').select('kind, actor_name');
		expect(told.data).toContainEqual({ kind: 'member_left', actor_name: null });
	});

	it('queues emails as each person chose, once', async () => {
		const host = await person('Host');
		const crew = await newCrew(host, 4);
		const asker = await person('Asker');
		await asker.client.rpc('request_to_join', { group_id: crew, message: 'Hi' });
		const service = serviceClient();
		const queued = await service.rpc('queue_emails', {});
		expect(queued.error).toBeNull();
		const { rows } = await database().query<{ digest: boolean; n: number }>(
			`select digest, cardinality(notification_ids) as n from public.outbox_emails
			where recipient_id = $1`,
			[host.id]
		);
		expect(rows).toEqual([{ digest: false, n: 1 }]);
		await service.rpc('queue_emails', {});
		const again = await database().query(
			'select 1 from public.outbox_emails where recipient_id = $1',
			[host.id]
		);
		expect(again.rowCount).toBe(1);
	});
});

describe('the crew radar', () => {
	it('counts the people open to crewing nearby, and fires an alert once when enough are', async () => {
		const place = { lat: 51.0543 + Math.random() / 100, lng: 3.7174 };
		const seeker = await memberWithProfile(
			'seeker',
			{ display_name: `Seeker ${token}`, visibility: 'members', open_to: ['crewing'] },
			place
		);
		const alert = await seeker.client
			.from('radar_alerts')
			.insert({ min_people: 2, radius_km: 10 })
			.select('id')
			.single();
		expect(alert.error).toBeNull();
		const before = await seeker.client.rpc('crew_radar', { radius_km: 10 });
		expect(before.error).toBeNull();
		const seenBefore = (before.data as { total: number }).total;

		const service = serviceClient();
		for (const name of ['near1', 'near2']) {
			await memberWithProfile(
				name,
				{ display_name: `${name} ${token}`, visibility: 'members', open_to: ['crewing'] },
				place
			);
		}
		const after = await seeker.client.rpc('crew_radar', { radius_km: 10 });
		expect((after.data as { total: number }).total).toBe(seenBefore + 2);

		const fired = await service.rpc('fire_radar_alerts');
		expect(fired.error).toBeNull();
		const again = await service.rpc('fire_radar_alerts');
		expect(again.error).toBeNull();
		const told = await seeker.client.from('notifications').select('kind').eq('kind', 'radar_alert');
		expect(told.data).toHaveLength(1);
	});
});

describe('a crew whose last host deletes their account', () => {
	it('makes its longest-standing member host, and closes once nobody is left', async () => {
		const host = await person('Host');
		const crew = await newCrew(host, 4);
		const [first, second] = [await person('First'), await person('Second')];
		for (const member of [first, second]) {
			const asked = await member.client.rpc('request_to_join', { group_id: crew });
			expect(
				(await host.client.rpc('decide_request', { request_id: asked.data!, accept: true })).error
			).toBeNull();
		}

		expect((await host.client.rpc('delete_my_account')).error).toBeNull();
		const members = await first.client.rpc('group_members_of', { group_id: crew });
		expect(members.data?.map(({ profile_id, role }) => ({ profile_id, role }))).toEqual([
			{ profile_id: first.id, role: 'host' },
			{ profile_id: second.id, role: 'member' }
		]);
		expect(await groupRow(crew)).toEqual({ status: 'open', member_count: 2 });

		expect((await first.client.rpc('delete_my_account')).error).toBeNull();
		expect((await second.client.rpc('delete_my_account')).error).toBeNull();
		expect(await groupRow(crew)).toEqual({ status: 'closed', member_count: 0 });
	});
});
