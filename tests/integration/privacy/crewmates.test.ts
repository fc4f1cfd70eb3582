import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapItem } from '../../../src/lib/map/map-items';
import {
	anonymousClient,
	memberWithProfile,
	type Client,
	type Member
} from '../../support/supabase';
import { joinThroughRequest, startGroup } from '../../support/groups';
import { CELL_LENGTH, database, groundTruth, practitionerAt } from '../../support/privacy';

/**
 * Guarantee 4's third choice: a 'crewmates' profile is seen by the people who share a crew with
 * its owner, at the owner's precision, and by nobody else: not by someone who shares only a
 * congregation with them, not by other members, not by anonymous visitors; and no longer by a
 * crewmate who leaves. The groups are made, joined and left through the API, as people do it, so
 * the crewmates rule is reachable the way it is meant to be. Everyone here lives around Cusco,
 * Peru, which no other test file uses; groups are named with this run's token.
 */

const token = `pe${randomUUID().slice(0, 6)}`;
/** Where this file's groups meet. */
const cusco = { lat: -13.53, lng: -71.97 };
/** Around Cusco, wide enough for any cell of the owner's. */
const cuscoBox = { min_lat: -16, min_lng: -75, max_lat: -11, max_lng: -69 };

let owner: Member; // crewmates only, town precision; in the crew and the congregation
let crewmate: Member; // in the crew
let congregant: Member; // in the congregation and in another crew of it, not in the owner's crew
let stranger: Member; // in no group

beforeAll(async () => {
	[owner, crewmate, congregant, stranger] = await Promise.all([
		practitionerAt(
			`${token}-owner`,
			{ lat: -13.53195, lng: -71.96746 },
			{ visibility: 'crewmates', precision: 'town' }
		),
		memberWithProfile(`${token}-crewmate`),
		memberWithProfile(`${token}-congregant`),
		memberWithProfile(`${token}-stranger`)
	]);
	const congregation = await startGroup(owner, {
		kind: 'congregation',
		name: `${token} Congregation`,
		at: cusco
	});
	// The owner hosts the congregation too, so their crew is in it at once.
	const crew = await startGroup(owner, {
		name: `${token} Crew`,
		at: cusco,
		congregationId: congregation
	});
	const otherCrew = await startGroup(congregant, {
		name: `${token} Other Crew`,
		at: cusco,
		congregationId: congregation
	});
	const { data: asked } = await owner.client
		.from('congregation_requests')
		.select('id')
		.eq('crew_id', otherCrew)
		.single();
	const decided = await owner.client.rpc('decide_congregation_request', {
		request_id: asked!.id,
		accept: true
	});
	expect(decided.error).toBeNull();
	await joinThroughRequest(congregation, congregant, owner);
	await joinThroughRequest(crew, crewmate, owner);
});

afterAll(async () => {
	await database().query('delete from public.groups where name like $1', [`${token} %`]);
});

/** The owner as a viewer comes across them: their profile row, map items and directory entry. */
async function sightingsOfOwner(client: Client) {
	const [row, view, items, directory] = await Promise.all([
		client.from('profiles').select('id').eq('id', owner.id),
		client.rpc('map_view', { ...cuscoBox, zoom: 6, filters: { q: token } }),
		client.rpc('map_items', { ...cuscoBox, filters: { q: token } }),
		client.rpc('directory_page', { page_size: 100, filters: { q: token } })
	]);
	for (const response of [row, view, items, directory]) expect(response.error).toBeNull();
	const people = (data: unknown) =>
		(data as { items: MapItem[] }).items.filter((item) => item.id === owner.id);
	return {
		rows: row.data!,
		view: people(view.data),
		items: people(items.data),
		directory: people(directory.data)
	};
}

const unseen = { rows: [], view: [], items: [], directory: [] };

describe('a crewmates-only profile', () => {
	it('is seen by a crewmate, at the owner’s precision, in the profile and on the map', async () => {
		const truth = (await groundTruth(owner.id))!;
		expect(truth.published_cell).toHaveLength(CELL_LENGTH.town);

		const { data } = await crewmate.client
			.from('profiles')
			.select('id, published_cell, published_lat, published_lng, place_label')
			.eq('id', owner.id);
		expect(data).toEqual([
			{
				id: owner.id,
				published_cell: truth.published_cell,
				published_lat: truth.published_lat,
				published_lng: truth.published_lng,
				place_label: truth.place_label
			}
		]);

		const { view, items } = await sightingsOfOwner(crewmate.client);
		for (const listed of [view, items]) {
			expect(listed).toHaveLength(1);
			expect(listed[0]).toMatchObject({
				kind: 'practitioner',
				cell: truth.published_cell,
				lat: truth.published_lat,
				lng: truth.published_lng
			});
		}
	});

	it('is not seen by someone who shares only a congregation with the owner', async () => {
		expect(await sightingsOfOwner(congregant.client)).toEqual(unseen);
	});

	it('is not seen by another member', async () => {
		expect(await sightingsOfOwner(stranger.client)).toEqual(unseen);
	});

	it('is not seen by an anonymous visitor, nor given a public cell', async () => {
		expect(await sightingsOfOwner(anonymousClient())).toEqual(unseen);
		expect(await groundTruth(owner.id)).toMatchObject({ public_cell: null, public_lat: null });
	});

	it('is not counted on the map for anyone but crewmates', async () => {
		const counts = async (client: Client) => {
			const { data, error } = await client.rpc('map_view', {
				...cuscoBox,
				zoom: 6,
				max_items: 0,
				filters: { q: `${token}-owner` }
			});
			expect(error).toBeNull();
			return (data as { total: number }).total;
		};
		expect(await counts(crewmate.client)).toBe(1);
		for (const client of [congregant.client, stranger.client, anonymousClient()]) {
			expect(await counts(client)).toBe(0);
		}
	});

	it('is seen by a crewmate in the directory, at the owner’s place', async () => {
		const { directory } = await sightingsOfOwner(crewmate.client);
		expect(directory).toEqual([
			expect.objectContaining({
				id: owner.id,
				place_label: (await groundTruth(owner.id))!.place_label
			})
		]);
	});

	it('is no longer seen by a crewmate who leaves the crew', async () => {
		const crew = await crewmate.client
			.from('groups')
			.select('id')
			.eq('name', `${token} Crew`)
			.single();
		const { error } = await crewmate.client.rpc('leave_group', { group_id: crew.data!.id });
		expect(error).toBeNull();
		expect(await sightingsOfOwner(crewmate.client)).toEqual(unseen);
	});
});
