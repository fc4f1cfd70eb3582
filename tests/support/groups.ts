import type { PostgrestError } from '@supabase/supabase-js';
import type { Database } from '../../src/lib/database.types';
import { CELL_LENGTH, database, type Point, type Precision } from './privacy';
import type { Member } from './supabase';

/**
 * Arranging crews, congregations, memberships and gatherings for integration tests.
 *
 * Members make and run groups through the API (create_group, request_to_join, decide_request and
 * the rest, supabase/migrations/20261203001000_let_people_run_crews.sql): a test about what members
 * do does it that way, with startGroup and joinThroughRequest below. The superuser helpers
 * (createGroup, joinGroup, hostGroup, createGathering) write past every rule, the way the seed
 * does: for arranging what a test is not about (a crew on the map, a group nobody in the test
 * made), and for gatherings, which no API role writes yet.
 *
 * Defaults follow the tables' own (visibility 'members'), or the common case of these tests (an
 * open group, a town cell). Names are stored as given: callers put their run's token in them, so
 * their afterAll can remove what they made.
 */

type GroupKind = Database['public']['Enums']['group_kind'];
type GroupStatus = Database['public']['Enums']['group_status'];
type GroupVisibility = Database['public']['Enums']['group_visibility'];
type GatheringKind = Database['public']['Enums']['gathering_kind'];
type GatheringStatus = Database['public']['Enums']['gathering_status'];

/** How fine a published area may be: a town at the finest, never a neighbourhood. */
export type AreaPrecision = Exclude<Precision, 'neighbourhood'>;

/** The quadkey of the cell holding a point at a precision, as the database computes it. */
export async function cellAt(point: Point, precision: Precision): Promise<string> {
	const { rows } = await database().query<{ cell: string }>(
		'select private.cell_at($1, $2, $3) as cell',
		[point.lat, point.lng, CELL_LENGTH[precision]]
	);
	return rows[0].cell;
}

/**
 * A crew or congregation meeting in the cell around `at`; its id. A crew's size limit defaults to
 * 6 (crews are 3 to 8 people), a congregation's to none.
 */
export async function createGroup({
	kind,
	name,
	purpose = '',
	status = 'open',
	sizeLimit = kind === 'crew' ? 6 : null,
	congregationId = null,
	visibility = 'members',
	at,
	precision = 'town'
}: {
	kind: GroupKind;
	name: string;
	purpose?: string;
	status?: GroupStatus;
	sizeLimit?: number | null;
	/** The congregation a crew belongs to. */
	congregationId?: string | null;
	visibility?: GroupVisibility;
	/** Where the group meets: only its cell at `precision` is stored. */
	at: Point;
	precision?: AreaPrecision;
}): Promise<string> {
	const { rows } = await database().query<{ id: string }>(
		`insert into public.groups
			(kind, name, purpose, status, size_limit, congregation_id, visibility, area_cell)
		values ($1, $2, $3, $4, $5, $6, $7, private.cell_at($8, $9, $10))
		returning id`,
		[
			kind,
			name,
			purpose,
			status,
			sizeLimit,
			congregationId,
			visibility,
			at.lat,
			at.lng,
			CELL_LENGTH[precision]
		]
	);
	return rows[0].id;
}

async function addMembership(groupId: string, member: Pick<Member, 'id'>, role: 'host' | 'member') {
	await database().query(
		'insert into public.group_members (group_id, profile_id, role) values ($1, $2, $3)',
		[groupId, member.id, role]
	);
}

/** Makes each of `members` a member of the group, one after another, in the order given. */
export async function joinGroup(groupId: string, ...members: Pick<Member, 'id'>[]): Promise<void> {
	for (const member of members) await addMembership(groupId, member, 'member');
}

/** Makes `host` a host of the group. */
export async function hostGroup(groupId: string, host: Pick<Member, 'id'>): Promise<void> {
	await addMembership(groupId, host, 'host');
}

/**
 * A gathering in the cell around `at`, from `startsInDays` to `endsInDays` days from now
 * (fractions and negative numbers are fine: -1 is yesterday, at this time); its id.
 */
export async function createGathering({
	kind,
	name,
	startsInDays,
	endsInDays,
	timeZone,
	capacity = null,
	visibility = 'members',
	at,
	precision = 'town',
	status = 'published'
}: {
	kind: GatheringKind;
	name: string;
	startsInDays: number;
	endsInDays: number;
	/** An IANA zone name, which the dates are shown in. */
	timeZone: string;
	capacity?: number | null;
	visibility?: GroupVisibility;
	/** Where the gathering is: only its cell at `precision` is stored. */
	at: Point;
	precision?: AreaPrecision;
	/** Published unless a test needs a draft or a cancelled one. */
	status?: GatheringStatus;
}): Promise<string> {
	const { rows } = await database().query<{ id: string }>(
		`insert into public.gatherings
			(kind, name, starts_at, ends_at, time_zone, capacity, visibility, area_cell, status)
		values ($1, $2, now() + make_interval(secs => $3::double precision * 86400),
			now() + make_interval(secs => $4::double precision * 86400),
			$5, $6, $7, private.cell_at($8, $9, $10), $11)
		returning id`,
		[
			kind,
			name,
			startsInDays,
			endsInDays,
			timeZone,
			capacity,
			visibility,
			at.lat,
			at.lng,
			CELL_LENGTH[precision],
			status
		]
	);
	return rows[0].id;
}

/**
 * A crew or congregation `host` makes through the API (create_group), meeting in the town cell
 * around `at`; its id. The host becomes its first host. A crew's size limit defaults to 6, a
 * congregation's to none.
 */
export async function startGroup(
	host: Member,
	{
		kind = 'crew',
		name,
		at,
		sizeLimit = kind === 'crew' ? 6 : undefined,
		status = 'open',
		visibility = 'members',
		congregationId
	}: {
		kind?: GroupKind;
		name: string;
		at: Point;
		sizeLimit?: number;
		status?: GroupStatus;
		visibility?: GroupVisibility;
		/** The congregation to ask to join (or to join at once, when the host hosts it too). */
		congregationId?: string;
	}
): Promise<string> {
	const { data, error } = await host.client.rpc('create_group', {
		kind,
		name,
		area_cell: await cellAt(at, 'town'),
		size_limit: sizeLimit,
		status,
		visibility,
		congregation_id: congregationId
	});
	if (error) throw error;
	return data;
}

/** `joiner` asks to join and `decider`, a member, accepts: the way in through the API. */
export async function joinThroughRequest(
	groupId: string,
	joiner: Member,
	decider: Member
): Promise<string> {
	const asked = await joiner.client.rpc('request_to_join', { group_id: groupId });
	if (asked.error) throw asked.error;
	const decided = await decider.client.rpc('decide_request', {
		request_id: asked.data,
		accept: true
	});
	if (decided.error) throw decided.error;
	return asked.data;
}

/**
 * What a refused call told its caller (SQLSTATE and message), to compare two refusals exactly or
 * to match one; null when the call was not refused.
 */
export function refusal({ error }: { error: PostgrestError | null }) {
	return error && { code: error.code, message: error.message };
}

/** What someone past a daily limit is told (private.check_daily_limit): `most` of `what` a day. */
export function pastDailyLimit(most: number, what: string) {
	return {
		code: 'P0001',
		hint: 'rate_limited',
		message: `You have sent ${most} ${what} in the last 24 hours, the most we allow: try again tomorrow.`
	};
}
