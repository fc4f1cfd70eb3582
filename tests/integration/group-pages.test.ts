import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGathering } from '../../src/lib/server/gatherings';
import { readGroupPage } from '../../src/lib/server/groups';
import { createGathering, createGroup, joinGroup } from '../support/groups';
import { database } from '../support/privacy';
import { anonymousClient, memberWithProfile, type Member } from '../support/supabase';

/**
 * What the crew, congregation and gathering pages read (`$lib/server/groups`), through the
 * public key as an anonymous visitor and as a member: each sees only what the groups' and
 * gatherings' visibility allows, the links between them included. Everything here meets in
 * Lilongwe, Malawi, which no other test file uses, and is named with this run's token.
 */

const token = `ll${randomUUID().slice(0, 6)}`;
const lilongwe = { lat: -13.9626, lng: 33.7741 };

let member: Member;
const ids = {
	congregation: '',
	membersCongregation: '',
	publicCrew: '',
	membersCrew: '',
	closedCrew: '',
	crewInMembersCongregation: '',
	upcoming: '',
	membersOnlyGathering: '',
	ended: ''
};

beforeAll(async () => {
	member = await memberWithProfile(`${token}-member`);
	ids.congregation = await createGroup({
		kind: 'congregation',
		name: `${token} Congregation`,
		visibility: 'public',
		at: lilongwe,
		precision: 'area'
	});
	ids.membersCongregation = await createGroup({
		kind: 'congregation',
		name: `${token} Members Congregation`,
		at: lilongwe,
		precision: 'area'
	});
	ids.publicCrew = await createGroup({
		kind: 'crew',
		name: `${token} Public Crew`,
		visibility: 'public',
		congregationId: ids.congregation,
		sizeLimit: 5,
		at: lilongwe
	});
	ids.membersCrew = await createGroup({
		kind: 'crew',
		name: `${token} Members Crew`,
		congregationId: ids.congregation,
		at: lilongwe
	});
	ids.closedCrew = await createGroup({
		kind: 'crew',
		name: `${token} Closed Crew`,
		visibility: 'public',
		status: 'closed',
		congregationId: ids.congregation,
		at: lilongwe
	});
	ids.crewInMembersCongregation = await createGroup({
		kind: 'crew',
		name: `${token} Crew of a members-only congregation`,
		visibility: 'public',
		congregationId: ids.membersCongregation,
		at: lilongwe
	});
	await joinGroup(ids.publicCrew, member);

	ids.upcoming = await createGathering({
		kind: 'regional_gathering',
		name: `${token} Upcoming`,
		startsInDays: 20,
		endsInDays: 21,
		timeZone: 'Africa/Blantyre',
		visibility: 'public',
		at: lilongwe
	});
	ids.membersOnlyGathering = await createGathering({
		kind: 'call',
		name: `${token} Members call`,
		startsInDays: 5,
		endsInDays: 5.05,
		timeZone: 'Africa/Blantyre',
		at: lilongwe
	});
	ids.ended = await createGathering({
		kind: 'camp',
		name: `${token} Ended`,
		startsInDays: -10,
		endsInDays: -8,
		timeZone: 'Africa/Blantyre',
		visibility: 'public',
		at: lilongwe
	});
	await database().query('update public.gatherings set host_group_id = $1 where id = any($2)', [
		ids.congregation,
		[ids.upcoming, ids.membersOnlyGathering, ids.ended]
	]);
});

afterAll(async () => {
	await database().query('delete from public.gatherings where name like $1', [`${token}%`]);
	await database().query('delete from public.groups where name like $1', [`${token}%`]);
});

const names = (rows: { name: string }[]) => rows.map(({ name }) => name.replace(`${token} `, ''));

describe('a congregation’s page', () => {
	it('lists to an anonymous visitor its public crews that have not closed, and its public upcoming gatherings', async () => {
		const page = await readGroupPage(anonymousClient(), ids.congregation);
		expect(page?.group.name).toBe(`${token} Congregation`);
		expect(names(page!.crews)).toEqual(['Public Crew']);
		expect(names(page!.gatherings)).toEqual(['Upcoming']);
	});

	it('adds members-only crews and gatherings for a member, soonest gathering first', async () => {
		const page = await readGroupPage(member.client, ids.congregation);
		expect(names(page!.crews)).toEqual(['Members Crew', 'Public Crew']);
		expect(names(page!.gatherings)).toEqual(['Members call', 'Upcoming']);
	});

	it('counts a crew’s members for its seats', async () => {
		const page = await readGroupPage(anonymousClient(), ids.congregation);
		expect(page!.crews[0]).toMatchObject({ size_limit: 5, member_count: 1, status: 'open' });
	});
});

describe('a crew’s page', () => {
	it('names its congregation when the visitor may see it', async () => {
		const page = await readGroupPage(anonymousClient(), ids.publicCrew);
		expect(page?.congregation?.name).toBe(`${token} Congregation`);
		expect(page?.crews).toEqual([]);
	});

	it('leaves out a members-only congregation for an anonymous visitor, not for a member', async () => {
		const anonymous = await readGroupPage(anonymousClient(), ids.crewInMembersCongregation);
		expect(anonymous?.group.name).toBe(`${token} Crew of a members-only congregation`);
		expect(anonymous?.congregation).toBeNull();
		const signedIn = await readGroupPage(member.client, ids.crewInMembersCongregation);
		expect(signedIn?.congregation?.name).toBe(`${token} Members Congregation`);
	});

	it('is not there for an anonymous visitor when it is members-only, as if it did not exist', async () => {
		expect(await readGroupPage(anonymousClient(), ids.membersCrew)).toBeNull();
		expect(await readGroupPage(anonymousClient(), randomUUID())).toBeNull();
		expect(await readGroupPage(member.client, ids.membersCrew)).not.toBeNull();
	});

	it('still shows a closed crew, which the map leaves out', async () => {
		const page = await readGroupPage(anonymousClient(), ids.closedCrew);
		expect(page?.group.status).toBe('closed');
	});

	it('gives away neither who created it nor its exact cell', async () => {
		const page = await readGroupPage(member.client, ids.publicCrew);
		expect(Object.keys(page!.group)).not.toContain('created_by');
		expect(Object.keys(page!.group)).not.toContain('area_cell');
	});
});

describe('a gathering’s page', () => {
	it('names its host for anyone who may see both', async () => {
		const page = await readGathering(anonymousClient(), ids.upcoming);
		expect(page?.gathering).toMatchObject({
			name: `${token} Upcoming`,
			kind: 'regional_gathering',
			time_zone: 'Africa/Blantyre'
		});
		expect(page?.hostGroup?.name).toBe(`${token} Congregation`);
	});

	it('keeps a gathering that has ended, which the map leaves out', async () => {
		const page = await readGathering(anonymousClient(), ids.ended);
		expect(page?.gathering.name).toBe(`${token} Ended`);
		expect(new Date(page!.gathering.ends_at).getTime()).toBeLessThan(Date.now());
	});

	it('is not there for an anonymous visitor when it is members-only', async () => {
		expect(await readGathering(anonymousClient(), ids.membersOnlyGathering)).toBeNull();
		const signedIn = await readGathering(member.client, ids.membersOnlyGathering);
		expect(signedIn?.gathering.kind).toBe('call');
	});
});
