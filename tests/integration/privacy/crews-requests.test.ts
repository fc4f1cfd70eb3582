import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createGroup,
	joinThroughRequest,
	pastDailyLimit,
	refusal,
	startGroup
} from '../../support/groups';
import { accessToken, database, overlapping, rest } from '../../support/privacy';
import {
	anonymousClient,
	membersNamedWith,
	signUpMember,
	type Client,
	type Member
} from '../../support/supabase';

/**
 * Join requests (issue 10): one open request per person per group, refused with a clear reason
 * to a group that takes nobody, decided by the group's members only, once, withdrawn by the
 * requester only, read by the requester and the group's members only, and capped per day.
 * Attacked as an anonymous visitor, the requester, another member, a member of the group and its
 * host. Blocks are in crews-blocking.test.ts. Everything meets in Kigali, Rwanda, and is named
 * with this run's token.
 */

const token = `rw${randomUUID().slice(0, 6)}`;
const person = membersNamedWith(token);
const kigali = { lat: -1.9441, lng: 30.0619 };

let host: Member;
let member: Member; // in the crew, not a host
let outsider: Member; // in no group here
let crew: string;

beforeAll(async () => {
	[host, member, outsider] = await Promise.all([
		person('Host'),
		person('Member'),
		person('Outsider')
	]);
	crew = await startGroup(host, { name: `${token} Crew`, at: kigali, sizeLimit: 8 });
	await joinThroughRequest(crew, member, host);
});

afterAll(async () => {
	await database().query('delete from public.groups where name like $1', [`${token} %`]);
});

async function requestStatus(id: string) {
	const { rows } = await database().query<{ status: string }>(
		'select status from public.group_requests where id = $1',
		[id]
	);
	return rows[0]?.status;
}

async function ask(asker: Member, groupId = crew, message = '') {
	const { data, error } = await asker.client.rpc('request_to_join', { group_id: groupId, message });
	if (error) throw error;
	return data;
}

describe('asking to join', () => {
	it('keeps one open request per person per group, however many are sent at once', async () => {
		const eager = await person('Eager');
		const answers = await Promise.all(
			Array.from({ length: 10 }, () => eager.client.rpc('request_to_join', { group_id: crew }))
		);
		expect(answers.filter((answer) => !answer.error)).toHaveLength(1);
		for (const answer of answers.filter((each) => each.error)) {
			expect(refusal(answer)).toEqual({
				code: 'P0001',
				message: `You have already asked to join ${token} Crew: your request is waiting for an answer.`
			});
		}
		const { rows } = await database().query(
			'select 1 from public.group_requests where group_id = $1 and requester_id = $2',
			[crew, eager.id]
		);
		expect(rows).toHaveLength(1);
	});

	it('keeps one open request when two first requests overlap', async () => {
		const twice = await person('Twice');
		const [first, second] = await overlapping(
			twice,
			[`select public.request_to_join($1)`, [crew]],
			[`select public.request_to_join($1)`, [crew]]
		);
		expect(first).toBeNull();
		expect(second?.message).toBe(
			`You have already asked to join ${token} Crew: your request is waiting for an answer.`
		);
	});

	it('refuses a paused, closed or full crew with the reason', async () => {
		const asker = await person('Asker');
		const name = `${token} Changing Crew`;
		const changing = await startGroup(host, { name, at: kigali, sizeLimit: 3 });
		const askWhen = async (status: 'paused' | 'closed') => {
			const { error } = await host.client.from('groups').update({ status }).eq('id', changing);
			expect(error).toBeNull();
			return refusal(await asker.client.rpc('request_to_join', { group_id: changing }));
		};
		expect(await askWhen('paused')).toEqual({
			code: 'P0001',
			message: `${name} is paused and takes nobody new for now.`
		});
		expect(await askWhen('closed')).toEqual({ code: 'P0001', message: `${name} has closed.` });
		await host.client.from('groups').update({ status: 'open' }).eq('id', changing);
		await joinThroughRequest(changing, await person('Second'), host);
		await joinThroughRequest(changing, await person('Third'), host);
		expect(refusal(await asker.client.rpc('request_to_join', { group_id: changing }))).toEqual({
			code: 'P0001',
			message: `${name} is full: there is no seat left.`
		});
		const { rows } = await database().query(
			'select 1 from public.group_requests where requester_id = $1',
			[asker.id]
		);
		expect(rows).toEqual([]);
	});

	it('refuses someone already in the group', async () => {
		expect(refusal(await member.client.rpc('request_to_join', { group_id: crew }))).toEqual({
			code: 'P0001',
			message: `You are already in ${token} Crew.`
		});
	});

	it('answers a group that does not exist as one the caller may not see', async () => {
		const { error } = await outsider.client.rpc('request_to_join', { group_id: randomUUID() });
		expect(refusal({ error })).toEqual({
			code: 'P0002',
			message: 'There is no such group, or it is shared only with members.'
		});
	});

	it('is refused to anonymous visitors and to people who have not finished their profile', async () => {
		const anonymous = await anonymousClient().rpc('request_to_join', { group_id: crew });
		expect(anonymous.error?.code).toBe('42501');
		const newcomer = await signUpMember(`${token}-newcomer`);
		const unfinished = await newcomer.client.rpc('request_to_join', { group_id: crew });
		expect(refusal(unfinished)).toEqual({
			code: '42501',
			message: 'Finish your profile first: groups see you by it.'
		});
	});

	it('refuses for a while someone the group declined, without saying why', async () => {
		const declined = await person('Declined');
		const request = await ask(declined);
		expect(
			(await member.client.rpc('decide_request', { request_id: request, accept: false })).error
		).toBeNull();
		expect(refusal(await declined.client.rpc('request_to_join', { group_id: crew }))).toEqual({
			code: 'P0001',
			message: `${token} Crew is not taking a request from you at the moment.`
		});
	});
});

describe('deciding a request', () => {
	it('is open to any member of the group, not only its hosts', async () => {
		const asker = await person('Welcome');
		const request = await ask(asker);
		const { error } = await member.client.rpc('decide_request', {
			request_id: request,
			accept: true
		});
		expect(error).toBeNull();
		expect(await requestStatus(request)).toBe('accepted');
		await asker.client.rpc('leave_group', { group_id: crew });
	});

	it('is refused to the requester and to a member outside the group, alike', async () => {
		const asker = await person('SelfAccept');
		const request = await ask(asker);
		const own = refusal(
			await asker.client.rpc('decide_request', { request_id: request, accept: true })
		);
		const outsiders = refusal(
			await outsider.client.rpc('decide_request', { request_id: request, accept: true })
		);
		const missing = refusal(
			await outsider.client.rpc('decide_request', { request_id: randomUUID(), accept: true })
		);
		expect(own).toEqual({ code: 'P0002', message: 'There is no such request for you to answer.' });
		expect(outsiders).toEqual(own);
		expect(missing).toEqual(own);
		const anonymous = await anonymousClient().rpc('decide_request', {
			request_id: request,
			accept: true
		});
		expect(anonymous.error?.code).toBe('42501');
		expect(await requestStatus(request)).toBe('open');
	});

	it('happens once: a decided request cannot be decided again, nor withdrawn', async () => {
		const asker = await person('Once');
		const request = await ask(asker);
		await host.client.rpc('decide_request', { request_id: request, accept: false });
		expect(
			refusal(await member.client.rpc('decide_request', { request_id: request, accept: true }))
		).toEqual({ code: 'P0001', message: 'This request was already declined.' });
		expect(refusal(await asker.client.rpc('withdraw_request', { request_id: request }))).toEqual({
			code: 'P0001',
			message: 'This request was already declined.'
		});
		expect(await requestStatus(request)).toBe('declined');
	});

	it('happens once when an accept and a decline arrive together', async () => {
		const asker = await person('Together');
		const request = await ask(asker);
		const answers = await Promise.all([
			host.client.rpc('decide_request', { request_id: request, accept: true }),
			member.client.rpc('decide_request', { request_id: request, accept: false })
		]);
		expect(answers.filter((answer) => !answer.error)).toHaveLength(1);
		expect(answers.find((answer) => answer.error)?.error?.message).toMatch(/already/);
		await asker.client.rpc('leave_group', { group_id: crew });
	});

	it('gives the last seat to exactly one of 50 accepts racing for it', async () => {
		const racedCrew = await startGroup(host, {
			name: `${token} Raced Crew`,
			at: kigali,
			sizeLimit: 3
		});
		await joinThroughRequest(racedCrew, member, host);
		const askers = await Promise.all(Array.from({ length: 50 }, (_, i) => person(`Racer${i}`)));
		const requests = await Promise.all(askers.map((asker) => ask(asker, racedCrew)));
		const answers = await Promise.all(
			requests.map((request_id, i) =>
				(i % 2 ? host : member).client.rpc('decide_request', { request_id, accept: true })
			)
		);
		expect(answers.filter((answer) => !answer.error)).toHaveLength(1);
		const full = { code: 'P0001', message: `${token} Raced Crew is full: there is no seat left.` };
		expect(answers.filter((answer) => answer.error).map(refusal)).toEqual(Array(49).fill(full));
		const { rows } = await database().query(
			'select status, member_count from public.groups where id = $1',
			[racedCrew]
		);
		expect(rows[0]).toEqual({ status: 'full', member_count: 3 });
	}, 60_000);
});

describe('withdrawing a request', () => {
	it('is for the requester only', async () => {
		const asker = await person('Withdrawer');
		const request = await ask(asker);
		const notYours = { code: 'P0002', message: 'There is no such request for you to answer.' };
		for (const other of [host, member, outsider]) {
			expect(refusal(await other.client.rpc('withdraw_request', { request_id: request }))).toEqual(
				notYours
			);
		}
		expect(await requestStatus(request)).toBe('open');
		expect((await asker.client.rpc('withdraw_request', { request_id: request })).error).toBeNull();
		expect(await requestStatus(request)).toBe('withdrawn');
		// And they may ask again.
		expect(await ask(asker)).toEqual(expect.any(String));
	});
});

describe('who reads a request and its message', () => {
	let asker: Member;
	let otherAsker: Member;
	let request: string;

	beforeAll(async () => {
		[asker, otherAsker] = await Promise.all([person('Reader'), person('OtherReader')]);
		request = await ask(asker, crew, 'I would love to join: Tuesdays suit me.');
		await ask(otherAsker, crew, 'Me too.');
	});

	const messageAs = async (client: Client) => {
		const { data, error } = await client
			.from('group_requests')
			.select('requester_name, message')
			.eq('id', request);
		expect(error).toBeNull();
		return data;
	};

	it('shows the requester and the group’s members the message', async () => {
		const shown = [
			{ requester_name: `${token} Reader`, message: 'I would love to join: Tuesdays suit me.' }
		];
		for (const client of [asker.client, member.client, host.client]) {
			expect(await messageAs(client)).toEqual(shown);
		}
	});

	it('shows nothing to a member outside the group, nor to another requester', async () => {
		expect(await messageAs(outsider.client)).toEqual([]);
		expect(await messageAs(otherAsker.client)).toEqual([]);
		const { data } = await otherAsker.client.from('group_requests').select('requester_id');
		expect(data).toEqual([{ requester_id: otherAsker.id }]);
	});

	it('is refused to anonymous visitors', async () => {
		const { error } = await anonymousClient().from('group_requests').select('message');
		expect(error?.code).toBe('42501');
	});

	it('never tells who decided, by column, filter, embedding or *', async () => {
		await host.client.rpc('decide_request', { request_id: request, accept: false });
		for (const reader of [asker, member]) {
			const token = await accessToken(reader);
			for (const path of [
				`group_requests?select=decided_by&id=eq.${request}`,
				`group_requests?select=*&id=eq.${request}`,
				`group_requests?select=id&decided_by=eq.${host.id}`,
				`group_requests?select=id&order=decided_by`,
				`group_requests?select=id,decider:profiles!group_requests_decided_by_fkey(id)`,
				`profiles?select=id,group_requests!group_requests_decided_by_fkey(id)&id=eq.${host.id}`
			]) {
				const response = await rest(token, path);
				expect(response.status, path).toBeGreaterThanOrEqual(400);
				expect(response.text, path).not.toContain(host.id);
			}
		}
		const exported = await asker.client.rpc('export_my_data');
		expect(JSON.stringify(exported.data)).not.toContain(host.id);
	});
});

describe('the daily limit on requests', () => {
	/** Groups nobody in the test made: what it is about is the asking. */
	async function groups(count: number, name: string) {
		return Promise.all(
			Array.from({ length: count }, (_, i) =>
				createGroup({ kind: 'crew', name: `${token} ${name} ${i}`, at: kigali })
			)
		);
	}

	it('takes ten a day, withdrawn or not, and refuses the eleventh with a clear message', async () => {
		const asker = await person('Busy');
		const targets = await groups(11, 'Busy');
		const first = await ask(asker, targets[0]);
		await asker.client.rpc('withdraw_request', { request_id: first });
		for (const target of targets.slice(1, 10)) await ask(asker, target);
		const eleventh = await asker.client.rpc('request_to_join', { group_id: targets[10] });
		expect(eleventh.error).toMatchObject(pastDailyLimit(10, 'requests to join'));
	});

	it('takes no eleventh when two requests to different groups overlap', async () => {
		const asker = await person('Hasty');
		const targets = await groups(11, 'Hasty');
		for (const target of targets.slice(0, 9)) await ask(asker, target);
		const [tenth, eleventh] = await overlapping(
			asker,
			[`select public.request_to_join($1)`, [targets[9]]],
			[`select public.request_to_join($1)`, [targets[10]]]
		);
		expect(tenth).toBeNull();
		expect(eleventh?.message).toMatch(/the most we allow/);
	});
});
