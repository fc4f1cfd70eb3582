import { randomUUID } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_GROUP_FORM, meetingAreaCell, type NewGroup } from '../../src/lib/groups/group-form';
import { groupActions } from '../../src/lib/server/group-actions';
import { saveGroupFromForm, startGroupFromForm } from '../../src/lib/server/group-form';
import {
	listGroupsToInviteTo,
	readGroupStanding,
	readOwnGroups
} from '../../src/lib/server/group-memberships';
import { createGroup, listGroups } from '../../src/lib/server/groups';
import { database } from '../support/privacy';
import { anonymousClient, memberWithProfile, signUpMember, type Member } from '../support/supabase';

/**
 * What the group pages' server modules do beyond one call to the database: starting a group from
 * its form and inviting people to it, saving a host's changes, reading how a visitor stands with
 * a group, listing groups near a place, and the groups a host may invite someone to. Through the
 * public key as the people concerned. The groups meet in Tanzania, which no other test file uses,
 * and are named with this run's token.
 */

const token = `rg${randomUUID().slice(0, 6)}`;
const dodoma = { lat: -6.163, lng: 35.7516 };
/** About 27 km east of Dodoma. */
const nearDodoma = { lat: -6.1, lng: 35.99 };
/** About 190 km east: outside 100 km. */
const morogoroWay = { lat: -6.5, lng: 37.45 };

function person(name: string, visibility: 'members' | 'only_me' = 'members'): Promise<Member> {
	return memberWithProfile(name, { display_name: `${name} ${token}`, visibility });
}

function crew(overrides: Partial<NewGroup> = {}): NewGroup {
	return {
		kind: 'crew',
		name: `${token} Crew ${randomUUID().slice(0, 4)}`,
		purpose: '',
		status: 'open',
		size_limit: 4,
		meeting_mode: 'in_person',
		rhythm: '',
		commitment: '',
		languages: [],
		visibility: 'members',
		area_cell: meetingAreaCell(dodoma),
		congregation_id: null,
		...overrides
	};
}

async function made(host: Member, group: NewGroup = crew()): Promise<string> {
	const outcome = await createGroup(host.client, group);
	if (!outcome.ok) throw new Error(outcome.refusal);
	return outcome.value;
}

/** The form of a new crew as a browser posts it. */
function newCrewForm(fields: Record<string, string> = {}): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries({
		...EMPTY_GROUP_FORM,
		name: `${token} Started ${randomUUID().slice(0, 4)}`,
		lat: String(dodoma.lat),
		lng: String(dodoma.lng),
		...fields
	})) {
		form.append(name, value);
	}
	return form;
}

async function row(id: string) {
	const { rows } = await database().query<{
		name: string;
		status: string;
		languages: string[];
		area_cell: string;
	}>('select name, status, languages, area_cell from public.groups where id = $1', [id]);
	return rows[0];
}

/** SvelteKit's redirect, thrown: where it goes. */
async function redirectOf(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (thrown) {
		const { status, location } = thrown as { status: number; location: string };
		if (status === 303) return location;
		throw thrown;
	}
	throw new Error('expected a redirect');
}

afterAll(async () => {
	await database().query('delete from public.groups where name like $1', [`${token}%`]);
});

describe('starting a group from its form', () => {
	it('makes the visitor its first host and lands on its page', async () => {
		const host = await person('Starter');
		const location = await redirectOf(
			startGroupFromForm(host.client, { formData: newCrewForm(), invitees: [] })
		);
		const id = location.match(/^\/groups\/([0-9a-f-]{36})\?started$/)?.[1];
		expect(id).toBeDefined();
		const { data } = await host.client.rpc('group_members_of', { group_id: id! });
		expect(data).toEqual([expect.objectContaining({ profile_id: host.id, role: 'host' })]);
		// Only the town square around the point is stored.
		expect((await row(id!)).area_cell).toBe(meetingAreaCell(dodoma));
	});

	it('invites the people chosen, and says which it could not and why', async () => {
		const host = await person('Inviter');
		const [visible, hidden] = await Promise.all([person('Seen'), person('Hidden', 'only_me')]);
		const answer = await startGroupFromForm(host.client, {
			formData: newCrewForm(),
			invitees: [
				{ id: visible.id, name: `Seen ${token}` },
				{ id: hidden.id, name: null }
			]
		});
		expect(answer).toEqual({
			created: { id: expect.any(String), name: expect.stringContaining(token) },
			invitations: [
				{ inviteeId: visible.id, name: `Seen ${token}`, refusal: null },
				{
					inviteeId: hidden.id,
					name: null,
					refusal: 'You can invite only people you can see on the map or in the directory.'
				}
			]
		});
		const { data: invited } = await visible.client
			.from('group_invitations')
			.select('group_id, status');
		expect(invited).toEqual([
			{ group_id: (answer as { created: { id: string } }).created.id, status: 'open' }
		]);
	});

	it('lands on the page saying how many were invited when every invitation went', async () => {
		const host = await person('Radar');
		const guests = await Promise.all([person('Guest1'), person('Guest2')]);
		const location = await redirectOf(
			startGroupFromForm(host.client, {
				formData: newCrewForm(),
				invitees: guests.map(({ id }) => ({ id, name: null }))
			})
		);
		expect(location).toMatch(/\?started&invited=2$/);
	});

	it('gives the database’s refusal back with everything typed', async () => {
		// Signed in, but not on the map yet: groups see their people by their profiles.
		const newcomer = await signUpMember('newcomer');
		const formData = newCrewForm({ purpose: 'Neighbours helping neighbours' });
		const answer = await startGroupFromForm(newcomer.client, { formData, invitees: [] });
		expect(answer).toMatchObject({
			status: 400,
			data: {
				values: { purpose: 'Neighbours helping neighbours' },
				errors: { form: 'Finish your profile first: groups see you by it.' }
			}
		});
	});
});

describe('a host saving changes', () => {
	let host: Member;
	let member: Member;
	let id: string;

	beforeAll(async () => {
		[host, member] = await Promise.all([person('Host'), person('Member')]);
		id = await made(host);
		const invited = await host.client.rpc('invite_to_group', {
			group_id: id,
			invitee_id: member.id
		});
		await member.client.rpc('answer_invitation', { invitation_id: invited.data!, accept: true });
	});

	function changes(fields: Record<string, string>): FormData {
		return newCrewForm({ name: `${token} Renamed`, size_limit: '4', ...fields });
	}

	const group = () => ({
		id,
		name: 'the crew',
		kind: 'crew' as const,
		area_cell: meetingAreaCell(dodoma)
	});

	it('saves them with a plain update', async () => {
		const failure = await saveGroupFromForm(host.client, {
			formData: changes({ status: 'paused', languages: 'Swahili, English' }),
			group: group()
		});
		expect(failure).toBeNull();
		expect(await row(id)).toMatchObject({
			name: `${token} Renamed`,
			status: 'paused',
			languages: ['Swahili', 'English']
		});
	});

	it('puts the database’s refusal of a size below the members beside the size field', async () => {
		await database().query("update public.groups set status = 'open' where id = $1", [id]);
		for (const name of ['Third', 'Fourth']) {
			const joiner = await person(name);
			const invited = await host.client.rpc('invite_to_group', {
				group_id: id,
				invitee_id: joiner.id
			});
			await joiner.client.rpc('answer_invitation', { invitation_id: invited.data!, accept: true });
		}
		expect((await row(id)).status).toBe('full');

		const refused = await saveGroupFromForm(host.client, {
			formData: changes({ size_limit: '3', status: 'open' }),
			group: group()
		});
		expect(refused).toMatchObject({
			status: 400,
			data: {
				values: { size_limit: '3' },
				errors: { size_limit: "The size limit cannot be below the group's 4 members." }
			}
		});
	});

	it('tells a member who is not a host that only hosts change it', async () => {
		const failure = await saveGroupFromForm(member.client, {
			formData: changes({ name: `${token} Hijacked` }),
			group: { ...group(), name: `${token} Renamed` }
		});
		expect(failure).toMatchObject({
			status: 400,
			data: { errors: { form: `Only the hosts of ${token} Renamed can change it.` } }
		});
		expect((await row(id)).name).toBe(`${token} Renamed`);
	});
});

describe('how a visitor stands with a group', () => {
	let host: Member;
	let member: Member;
	let asker: Member;
	let guest: Member;
	let hidden: Member;
	let id: string;

	beforeAll(async () => {
		[host, member, asker, guest, hidden] = await Promise.all([
			person('Host'),
			person('Member'),
			person('Asker'),
			person('Guest'),
			person('Hidden', 'only_me')
		]);
		id = await made(host, crew({ size_limit: 6 }));
		for (const joiner of [member, hidden]) {
			const asked = await joiner.client.rpc('request_to_join', { group_id: id });
			await host.client.rpc('decide_request', { request_id: asked.data!, accept: true });
		}
		await asker.client.rpc('request_to_join', { group_id: id, message: 'I make chairs.' });
		await host.client.rpc('invite_to_group', {
			group_id: id,
			invitee_id: guest.id,
			message: 'Join us?'
		});
	});

	it('tells an anonymous visitor nothing of who is in it', async () => {
		const standing = await readGroupStanding(anonymousClient(), {
			group: { id, kind: 'crew' },
			userId: null
		});
		expect(standing).toMatchObject({ signedIn: false, hosts: null, members: [], role: null });
	});

	it('gives a member the member list, each as their profile allows, and the open requests, not the invitations', async () => {
		const standing = await readGroupStanding(member.client, {
			group: { id, kind: 'crew' },
			userId: member.id
		});
		expect(standing).toMatchObject({
			signedIn: true,
			onboarded: true,
			role: 'member',
			hostCount: 1,
			ownRequest: null,
			ownInvitation: null,
			hosts: [{ profile_id: host.id, display_name: `Host ${token}` }]
		});
		expect(
			standing.members.map(({ profile_id, role, display_name }) => [profile_id, role, display_name])
		).toEqual([
			[host.id, 'host', `Host ${token}`],
			[member.id, 'member', `Member ${token}`],
			// Hidden keeps their profile to themselves: listed, but without a name.
			[hidden.id, 'member', null]
		]);
		expect(standing.openRequests).toEqual([
			expect.objectContaining({ requester_id: asker.id, message: 'I make chairs.' })
		]);
		// Invitations are the invitee's and the hosts' to read.
		expect(standing.openInvitations).toEqual([]);
	});

	it('gives a host the invitations waiting for an answer', async () => {
		const standing = await readGroupStanding(host.client, {
			group: { id, kind: 'crew' },
			userId: host.id
		});
		expect(standing.role).toBe('host');
		expect(standing.openInvitations).toEqual([
			expect.objectContaining({ invitee_id: guest.id, inviter_name: `Host ${token}` })
		]);
	});

	it('gives someone who asked their own request, and no member list', async () => {
		const standing = await readGroupStanding(asker.client, {
			group: { id, kind: 'crew' },
			userId: asker.id
		});
		expect(standing).toMatchObject({
			role: null,
			ownRequest: { requester_id: asker.id, message: 'I make chairs.' },
			members: [],
			openRequests: []
		});
	});

	it('gives someone invited their invitation', async () => {
		const standing = await readGroupStanding(guest.client, {
			group: { id, kind: 'crew' },
			userId: guest.id
		});
		expect(standing.ownInvitation).toMatchObject({
			invitee_id: guest.id,
			inviter_name: `Host ${token}`,
			message: 'Join us?'
		});
	});

	it('names the congregation a crew asked to join, and the crew asking to the congregation', async () => {
		const congregationHost = await person('Congregant');
		const congregation = await made(
			congregationHost,
			crew({ kind: 'congregation', size_limit: null, name: `${token} Congregation` })
		);
		await host.client.rpc('request_congregation', { crew_id: id, congregation_id: congregation });

		const crewSide = await readGroupStanding(host.client, {
			group: { id, kind: 'crew' },
			userId: host.id
		});
		expect(crewSide.congregationAsks).toEqual([
			{ id: expect.any(String), group: { id: congregation, name: `${token} Congregation` } }
		]);
		const congregationSide = await readGroupStanding(congregationHost.client, {
			group: { id: congregation, kind: 'congregation' },
			userId: congregationHost.id
		});
		expect(congregationSide.crewRequests).toEqual([
			{ id: crewSide.congregationAsks[0].id, group: { id, name: expect.stringContaining(token) } }
		]);
	});
});

describe('listing groups near a place', () => {
	// Other tests here start groups in Dodoma too: these are told apart by their names.
	const listed = `${token} Listed`;
	let ids: Record<'near' | 'formingOnline' | 'full' | 'far' | 'closed' | 'congregation', string>;
	let viewer: Member;

	beforeAll(async () => {
		const [a, b, c, d] = await Promise.all([person('A'), person('B'), person('C'), person('D')]);
		viewer = await person('Viewer');
		const near = await made(
			a,
			crew({
				name: `${listed} Near`,
				languages: ['Swahili'],
				area_cell: meetingAreaCell(nearDodoma)
			})
		);
		const formingOnline = await made(
			b,
			crew({ name: `${listed} Forming Online`, status: 'forming', meeting_mode: 'online' })
		);
		const full = await made(c, crew({ name: `${listed} Full`, size_limit: 3 }));
		for (const joiner of [await person('J1'), await person('J2')]) {
			const asked = await joiner.client.rpc('request_to_join', { group_id: full });
			await c.client.rpc('decide_request', { request_id: asked.data!, accept: true });
		}
		const far = await made(
			d,
			crew({ name: `${listed} Far`, area_cell: meetingAreaCell(morogoroWay) })
		);
		const closed = await made(d, crew({ name: `${listed} Closed` }));
		await d.client.from('groups').update({ status: 'closed' }).eq('id', closed);
		const congregation = await made(
			d,
			crew({
				kind: 'congregation',
				size_limit: null,
				name: `${listed} Gathering of crews`,
				visibility: 'public'
			})
		);
		ids = { near, formingOnline, full, far, closed, congregation };
	});

	async function names(filters: Partial<Parameters<typeof listGroups>[1]['filters']>, km = 100) {
		const { entries } = await listGroups(viewer.client, {
			filters: { seatsOpen: false, forming: false, near: 'Dodoma', withinKm: km, ...filters },
			place: dodoma,
			page: 1,
			pageSize: 20
		});
		return entries.filter(({ name }) => name.startsWith(listed)).map(({ name }) => name);
	}

	it('lists those within the distance, nearest first, never the closed ones', async () => {
		const { entries } = await listGroups(viewer.client, {
			filters: { seatsOpen: false, forming: false, near: 'Dodoma', withinKm: 100 },
			place: dodoma,
			page: 1,
			pageSize: 20
		});
		const ours = entries.filter(({ name }) => name.startsWith(listed));
		expect(ours.map(({ id }) => id).slice(-1)).toEqual([ids.near]);
		expect(ours.map(({ id }) => id)).not.toContain(ids.far);
		expect(ours.map(({ id }) => id)).not.toContain(ids.closed);
		// About 27 km, said to the size of the town square: 25 km.
		expect(ours.find(({ id }) => id === ids.near)?.distance_km).toBe(25);
		expect(ours[0].distance_km).toBe(5);
	});

	it('reaches further when asked', async () => {
		expect(await names({}, 200)).toContain(`${listed} Far`);
	});

	it('filters by open seats, forming, meeting mode, kind and language', async () => {
		expect(await names({ seatsOpen: true })).not.toContain(`${listed} Full`);
		expect(await names({ forming: true })).toEqual([`${listed} Forming Online`]);
		expect(await names({ meetingMode: 'online' })).toEqual([`${listed} Forming Online`]);
		expect(await names({ kind: 'congregation' })).toEqual([`${listed} Gathering of crews`]);
		// However it is typed.
		expect(await names({ language: 'swahili' })).toEqual([`${listed} Near`]);
	});

	it('pages through the list with a total', async () => {
		const first = await listGroups(viewer.client, {
			filters: { seatsOpen: false, forming: false, near: 'Dodoma', withinKm: 100 },
			place: dodoma,
			page: 1,
			pageSize: 2
		});
		const second = await listGroups(viewer.client, {
			filters: { seatsOpen: false, forming: false, near: 'Dodoma', withinKm: 100 },
			place: dodoma,
			page: 2,
			pageSize: 2
		});
		expect(first.entries).toHaveLength(2);
		expect(first.total).toBe(second.total);
		expect(second.entries.map(({ id }) => id)).not.toContain(first.entries[0].id);
	});

	it('lists only public groups to an anonymous visitor', async () => {
		const { entries } = await listGroups(anonymousClient(), {
			filters: { seatsOpen: false, forming: false, near: 'Dodoma', withinKm: 100 },
			place: dodoma,
			page: 1,
			pageSize: 20
		});
		expect(entries.filter(({ name }) => name.startsWith(listed)).map(({ id }) => id)).toEqual([
			ids.congregation
		]);
	});
});

describe('a host inviting from a profile', () => {
	it('offers the groups they host with a seat that the person is not in', async () => {
		const host = await person('Host');
		const invitee = await person('Invitee');
		const open = await made(host, crew({ name: `${token} B Open` }));
		const forming = await made(host, crew({ name: `${token} A Forming`, status: 'forming' }));
		const paused = await made(host, crew({ name: `${token} Paused` }));
		await host.client.from('groups').update({ status: 'paused' }).eq('id', paused);
		const theirs = await made(host, crew({ name: `${token} Theirs` }));
		const invited = await host.client.rpc('invite_to_group', {
			group_id: theirs,
			invitee_id: invitee.id
		});
		await invitee.client.rpc('answer_invitation', { invitation_id: invited.data!, accept: true });

		expect(
			await listGroupsToInviteTo(host.client, { userId: host.id, inviteeId: invitee.id })
		).toEqual([
			{ id: forming, name: `${token} A Forming` },
			{ id: open, name: `${token} B Open` }
		]);
	});
});

describe('one’s own groups, requests and invitations', () => {
	it('lists each with its group', async () => {
		const me = await person('Me');
		const [host, other] = await Promise.all([person('Host'), person('Other')]);
		const mine = await made(me, crew({ name: `${token} Mine` }));
		const asked = await made(host, crew({ name: `${token} Asked` }));
		const inviting = await made(other, crew({ name: `${token} Inviting` }));
		await me.client.rpc('request_to_join', { group_id: asked, message: 'Hi' });
		await other.client.rpc('invite_to_group', {
			group_id: inviting,
			invitee_id: me.id,
			message: 'Come!'
		});

		expect(await readOwnGroups(me.client, me.id)).toEqual({
			groups: [
				{ role: 'host', group: { id: mine, kind: 'crew', name: `${token} Mine`, status: 'open' } }
			],
			requests: [
				{
					id: expect.any(String),
					message: 'Hi',
					created_at: expect.any(String),
					group: { id: asked, name: `${token} Asked` }
				}
			],
			invitations: [
				{
					id: expect.any(String),
					message: 'Come!',
					created_at: expect.any(String),
					inviter_name: `Other ${token}`,
					group: { id: inviting, name: `${token} Inviting` }
				}
			]
		});
	});
});

describe('the group page’s actions', () => {
	/** A form action's event, as SvelteKit makes it for a member posting a form. */
	function posting(member: Member, { id, fields }: { id: string; fields: Record<string, string> }) {
		const body = new FormData();
		for (const [name, value] of Object.entries(fields)) body.append(name, value);
		return {
			locals: {
				supabase: member.client,
				user: { id: member.id, is_anonymous: false },
				session: null
			},
			params: { id },
			url: new URL(`http://app.test/groups/${id}`),
			request: new Request(`http://app.test/groups/${id}`, { method: 'POST', body })
		} as unknown as RequestEvent;
	}

	it('answers done, or the database’s refusal with what was typed', async () => {
		const host = await person('Host');
		const id = await made(host, crew({ name: `${token} Small`, size_limit: 3 }));
		const [first, second, third] = await Promise.all([
			person('First'),
			person('Second'),
			person('Third')
		]);

		expect(await groupActions.join(posting(first, { id, fields: { message: 'Hello' } }))).toEqual({
			done: { action: 'join', target: undefined, accepted: undefined, groupName: undefined }
		});
		const { data: request } = await first.client.from('group_requests').select('id').single();
		expect(
			await groupActions.decideRequest(
				posting(host, { id, fields: { request_id: request!.id, accept: 'yes' } })
			)
		).toMatchObject({ done: { action: 'decideRequest', target: request!.id, accepted: true } });
		const invited = await host.client.rpc('invite_to_group', {
			group_id: id,
			invitee_id: second.id
		});
		await second.client.rpc('answer_invitation', { invitation_id: invited.data!, accept: true });

		expect(
			await groupActions.join(posting(third, { id, fields: { message: 'Room for one more?' } }))
		).toMatchObject({
			status: 400,
			data: {
				refused: { action: 'join', message: `${token} Small is full: there is no seat left.` },
				typed: { joinMessage: 'Room for one more?' }
			}
		});
	});

	it('refuses a message too long before asking the database', async () => {
		const host = await person('Host');
		const id = await made(host);
		const asker = await person('Asker');
		expect(
			await groupActions.join(posting(asker, { id, fields: { message: 'x'.repeat(501) } }))
		).toMatchObject({
			status: 400,
			data: { refused: { message: 'A message is at most 500 characters long (it has 501).' } }
		});
		const { data } = await asker.client.from('group_requests').select('id');
		expect(data).toEqual([]);
	});
});
