import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinThroughRequest, refusal, startGroup } from '../../support/groups';
import { database } from '../../support/privacy';
import { anonymousClient, membersNamedWith, type Member } from '../../support/supabase';

/**
 * A crew joining a congregation (issue 10): only the crew's hosts ask, only the congregation's
 * hosts decide, once, and only the members of either read the request; only the crew's hosts
 * take it out again. Attacked as an anonymous visitor, another member, a member of each group and
 * the host of each. Everything meets in Bamako, Mali, and is named with this run's token.
 */

const token = `ml${randomUUID().slice(0, 6)}`;
const person = membersNamedWith(token);
const bamako = { lat: 12.6392, lng: -8.0029 };

let crewHost: Member;
let crewMember: Member;
let congregationHost: Member;
let congregationMember: Member;
let outsider: Member;
let crew: string;
let congregation: string;
let request: string;

beforeAll(async () => {
	[crewHost, crewMember, congregationHost, congregationMember, outsider] = await Promise.all([
		person('CrewHost'),
		person('CrewMember'),
		person('CongregationHost'),
		person('CongregationMember'),
		person('Outsider')
	]);
	crew = await startGroup(crewHost, { name: `${token} Crew`, at: bamako });
	congregation = await startGroup(congregationHost, {
		kind: 'congregation',
		name: `${token} Congregation`,
		at: bamako
	});
	await joinThroughRequest(crew, crewMember, crewHost);
	await joinThroughRequest(congregation, congregationMember, congregationHost);
});

afterAll(async () => {
	await database().query('delete from public.groups where name like $1', [`${token} %`]);
});

async function congregationOfCrew() {
	const { rows } = await database().query(
		'select congregation_id from public.groups where id = $1',
		[crew]
	);
	return rows[0].congregation_id;
}

describe('asking to join a congregation', () => {
	it('is for the crew’s hosts only', async () => {
		const onlyHosts = { code: '42501', message: `Only the hosts of ${token} Crew can do this.` };
		for (const asker of [crewMember, congregationHost, congregationMember, outsider]) {
			const answer = await asker.client.rpc('request_congregation', {
				crew_id: crew,
				congregation_id: congregation
			});
			expect(refusal(answer)).toEqual(onlyHosts);
		}
		const anonymous = await anonymousClient().rpc('request_congregation', {
			crew_id: crew,
			congregation_id: congregation
		});
		expect(anonymous.error?.code).toBe('42501');
		const { rows } = await database().query(
			'select 1 from public.congregation_requests where crew_id = $1',
			[crew]
		);
		expect(rows).toEqual([]);
	});

	it('takes a crew into a congregation only', async () => {
		const otherCrew = await startGroup(congregationHost, {
			name: `${token} Other Crew`,
			at: bamako
		});
		const intoCrew = await crewHost.client.rpc('request_congregation', {
			crew_id: crew,
			congregation_id: otherCrew
		});
		expect(intoCrew.error?.code).toBe('23514');
		const congregationAsCrew = await congregationHost.client.rpc('request_congregation', {
			crew_id: congregation,
			congregation_id: congregation
		});
		expect(congregationAsCrew.error?.code).toBe('23514');
	});

	it('is asked once while open, and tells the congregation’s hosts', async () => {
		const asked = await crewHost.client.rpc('request_congregation', {
			crew_id: crew,
			congregation_id: congregation
		});
		expect(asked.error).toBeNull();
		request = asked.data!;
		const again = await crewHost.client.rpc('request_congregation', {
			crew_id: crew,
			congregation_id: congregation
		});
		expect(refusal(again)).toEqual({
			code: 'P0001',
			message: `${token} Crew has asked to join ${token} Congregation already.`
		});
		const { data } = await congregationHost.client
			.from('notifications')
			.select('kind, body')
			.eq('kind', 'congregation_request_received');
		expect(data).toEqual([{ kind: 'congregation_request_received', body: `${token} Crew` }]);
	});
});

describe('who reads a crew’s request to join a congregation', () => {
	it('is the members of either group', async () => {
		for (const reader of [crewHost, crewMember, congregationHost, congregationMember]) {
			const { data } = await reader.client
				.from('congregation_requests')
				.select('crew_id, congregation_id, status')
				.eq('id', request);
			expect(data).toEqual([{ crew_id: crew, congregation_id: congregation, status: 'open' }]);
		}
	});

	it('is nobody else', async () => {
		const { data } = await outsider.client.from('congregation_requests').select('id');
		expect(data).toEqual([]);
		const anonymous = await anonymousClient().from('congregation_requests').select('id');
		expect(anonymous.error?.code).toBe('42501');
	});

	it('cannot be written directly by anyone', async () => {
		for (const writer of [crewHost, congregationHost]) {
			const updated = await writer.client
				.from('congregation_requests')
				.update({ status: 'accepted' })
				.eq('id', request);
			expect(updated.error?.code).toBe('42501');
			const inserted = await writer.client
				.from('congregation_requests')
				.insert({ crew_id: crew, congregation_id: congregation, status: 'accepted' });
			expect(inserted.error?.code).toBe('42501');
		}
		expect(await congregationOfCrew()).toBeNull();
	});
});

describe('deciding a crew’s request', () => {
	it('is for the congregation’s hosts only', async () => {
		const notYours = { code: 'P0002', message: 'There is no such request for you to answer.' };
		for (const decider of [crewHost, crewMember, congregationMember, outsider]) {
			const answer = await decider.client.rpc('decide_congregation_request', {
				request_id: request,
				accept: true
			});
			expect(refusal(answer)).toEqual(notYours);
		}
		expect(await congregationOfCrew()).toBeNull();
	});

	it('puts the crew in the congregation, once, and tells the crew’s hosts', async () => {
		const accepted = await congregationHost.client.rpc('decide_congregation_request', {
			request_id: request,
			accept: true
		});
		expect(accepted.error).toBeNull();
		expect(await congregationOfCrew()).toBe(congregation);
		const again = await congregationHost.client.rpc('decide_congregation_request', {
			request_id: request,
			accept: false
		});
		expect(refusal(again)).toEqual({
			code: 'P0001',
			message: 'This request was already accepted.'
		});
		const { data } = await crewHost.client
			.from('notifications')
			.select('kind, body')
			.eq('kind', 'congregation_request_decided');
		expect(data).toEqual([
			{ kind: 'congregation_request_decided', body: `accepted: ${token} Congregation` }
		]);
	});
});

describe('leaving a congregation', () => {
	it('is for the crew’s hosts only', async () => {
		for (const leaver of [crewMember, congregationHost]) {
			const answer = await leaver.client.rpc('leave_congregation', { crew_id: crew });
			expect(refusal(answer)).toEqual({
				code: '42501',
				message: `Only the hosts of ${token} Crew can do this.`
			});
		}
		expect(await congregationOfCrew()).toBe(congregation);
		const left = await crewHost.client.rpc('leave_congregation', { crew_id: crew });
		expect(left.error).toBeNull();
		expect(await congregationOfCrew()).toBeNull();
	});
});
