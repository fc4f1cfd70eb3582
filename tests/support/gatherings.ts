import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Database } from '../../src/lib/database.types';
import { cellAt } from './groups';
import { database, type Point } from './privacy';
import type { Client, Member } from './supabase';

/**
 * Arranging gatherings, venues and RSVPs for integration tests, through the API as the people in
 * them do (supabase/migrations/20261203002100_*): a host makes a draft with a plain insert, writes
 * its venue with a plain upsert and publishes it with a plain update; people answer with `rsvp`
 * and hosts decide with `decide_rsvp`. Each helper throws on a refusal, so a test that means to be
 * refused calls the API itself. Superuser reads (storedRsvps, storedGathering) are ground truth,
 * never the attacker's view.
 */

type Tables = Database['public']['Tables'];
export type GatheringFields = Tables['gatherings']['Insert'];
export type RsvpAnswer = Database['public']['Enums']['rsvp_answer'];
export type RsvpState = Database['public']['Enums']['rsvp_state'];

/** An ISO time `days` days from now (fractions and negative numbers are fine). */
export function inDays(days: number): string {
	return new Date(Date.now() + days * 86_400_000).toISOString();
}

/** A venue: an address and its point, and a joining link for online and mixed gatherings. */
export type Venue = Omit<Tables['gathering_venues']['Insert'], 'gathering_id' | 'updated_at'>;

/**
 * A draft gathering `host` makes with a plain insert, in the town cell around `at`; its id. By
 * default an in-person regional gathering for members, a week from now for six hours, in UTC,
 * open registration and no capacity; `fields` overrides any column.
 */
export async function draftGathering(
	host: Member,
	{
		at,
		...fields
	}: Omit<GatheringFields, 'area_cell' | 'kind' | 'starts_at' | 'ends_at' | 'time_zone'> &
		Partial<Pick<GatheringFields, 'kind' | 'starts_at' | 'ends_at' | 'time_zone'>> & { at: Point }
): Promise<string> {
	const { data, error } = await host.client
		.from('gatherings')
		.insert({
			kind: 'regional_gathering',
			meeting_mode: 'in_person',
			starts_at: inDays(7),
			ends_at: inDays(7.25),
			time_zone: 'UTC',
			visibility: 'members',
			area_cell: await cellAt(at, 'town'),
			...fields
		})
		.select('id')
		.single();
	if (error) throw error;
	return data.id;
}

/**
 * Writes a gathering's venue as `host`: an insert, or an update of the one there (hosts may not
 * update gathering_id, which an upsert would).
 */
export async function setVenue(host: Member, gatheringId: string, venue: Venue): Promise<void> {
	const inserted = await host.client
		.from('gathering_venues')
		.insert({ gathering_id: gatheringId, ...venue });
	if (inserted.error?.code !== '23505') {
		if (inserted.error) throw inserted.error;
		return;
	}
	const { error } = await host.client
		.from('gathering_venues')
		.update(venue)
		.eq('gathering_id', gatheringId);
	if (error) throw error;
}

/** Publishes a draft as `host`, and checks that it was (an update RLS skips says nothing). */
export async function publish(host: Member, gatheringId: string): Promise<void> {
	const { error } = await host.client
		.from('gatherings')
		.update({ status: 'published' })
		.eq('id', gatheringId);
	if (error) throw error;
	expect((await storedGathering(gatheringId)).status).toBe('published');
}

/**
 * A published gathering `host` makes: a draft with `fields`, its venue (by default an address a
 * few streets from `at`, and a link for online and mixed ones), published; its id.
 */
export async function publishedGathering(
	host: Member,
	fields: Parameters<typeof draftGathering>[1],
	venue: Venue = defaultVenue(fields.at, fields.meeting_mode ?? 'in_person')
): Promise<string> {
	const id = await draftGathering(host, fields);
	await setVenue(host, id, venue);
	await publish(host, id);
	return id;
}

/** The venue a gathering gets unless a test says otherwise: what its meeting mode needs. */
export function defaultVenue(at: Point, mode: string): Venue {
	const inPerson = mode !== 'online';
	const online = mode !== 'in_person';
	return {
		address: inPerson ? '12 Meeting House Lane' : '',
		lat: inPerson ? at.lat + 0.0123 : null,
		lng: inPerson ? at.lng - 0.0123 : null,
		online_url: online ? 'https://meet.example.test/secret-room-42' : null
	};
}

/** `member` answers; the state they got (null for interested and not going). Throws if refused. */
export async function answer(
	member: Member,
	gatheringId: string,
	answer: RsvpAnswer
): Promise<RsvpState | null> {
	const { data, error } = await member.client.rpc('rsvp', {
		gathering_id: gatheringId,
		answer
	});
	if (error) throw error;
	return data;
}

/** A host decides a pending RSVP. Throws if refused. */
export async function decide(
	host: Member,
	gatheringId: string,
	person: Pick<Member, 'id'>,
	approve: boolean
): Promise<void> {
	const { error } = await host.client.rpc('decide_rsvp', {
		gathering_id: gatheringId,
		profile_id: person.id,
		approve
	});
	if (error) throw error;
}

/** `blocker` blocks `blocked`, through the API. */
export async function block(blocker: Member, blocked: Pick<Member, 'id'>): Promise<void> {
	const { error } = await blocker.client.from('blocks').insert({ blocked_id: blocked.id });
	if (error) throw error;
}

/** The attendee list as `reader` is shown it, in the order given; throws if refused. */
export async function attendeesAs(reader: Client, gatheringId: string) {
	const { data, error } = await reader.rpc('gathering_attendees', { gathering_id: gatheringId });
	if (error) throw error;
	return data;
}

/** What `reader` reads of a gathering's venue: null when they may not (no row comes back). */
export async function venueAs(reader: Client, gatheringId: string) {
	const { data, error } = await reader
		.from('gathering_venues')
		.select('address, lat, lng, online_url')
		.eq('gathering_id', gatheringId);
	expect(error).toBeNull();
	return data![0] ?? null;
}

/** A member's notifications about a gathering, oldest first: kind and body. */
export async function gatheringNotices(member: Member, gatheringId: string) {
	const { data, error } = await member.client
		.from('notifications')
		.select('kind, body')
		.eq('gathering_id', gatheringId)
		.order('created_at');
	if (error) throw error;
	return data;
}

export interface StoredRsvp {
	profile_id: string;
	answer: RsvpAnswer;
	state: RsvpState | null;
	queued_at: string | null;
}

/** Every RSVP to a gathering as stored, read past RLS, in the order they were queued. */
export async function storedRsvps(gatheringId: string): Promise<StoredRsvp[]> {
	const { rows } = await database().query<StoredRsvp>(
		`select profile_id, answer::text, state::text, queued_at::text
		from public.gathering_rsvps where gathering_id = $1
		order by queued_at nulls last, responded_at, profile_id`,
		[gatheringId]
	);
	return rows;
}

/** A gathering's row as stored, read past RLS. */
export async function storedGathering(gatheringId: string) {
	const { rows } = await database().query<Tables['gatherings']['Row']>(
		'select * from public.gatherings where id = $1',
		[gatheringId]
	);
	return rows[0];
}

/** Removes every gathering whose name starts with a run's token (and so its RSVPs and venue). */
export async function removeGatherings(token: string): Promise<void> {
	await database().query('delete from public.gatherings where name like $1', [`${token} %`]);
}

/** Opts `member` in to invitations to gatherings proposed near them, as /me does. */
export async function optInToInvitations(member: Member): Promise<void> {
	const { error } = await member.client.from('gathering_invitation_optins').insert({});
	if (error) throw error;
}

/** A gathering page's RSVP panel in a browser, once it shows this state (its `data-state`). */
export async function rsvpPanel(page: Page, state: string) {
	const panel = page.locator(`.rsvp-panel[data-state="${state}"]`);
	await panel.waitFor();
	return panel;
}
