import type { Database } from '../../src/lib/database.types';
import { CELL_LENGTH, database, type Point, type Precision } from './privacy';
import type { Member } from './supabase';

/**
 * Arranging crews, congregations, memberships and gatherings for integration tests.
 *
 * No API role may write groups, memberships or gatherings yet (creating a crew, joining and RSVPs
 * come with later issues: see supabase/migrations/20261125140000_create_groups_and_gatherings.sql),
 * so these write as the database's superuser, the way the seed does. Once the API can, tests that
 * are about what members do should do it through the API instead.
 *
 * Defaults follow the tables' own (visibility 'members'), or the common case of these tests (an
 * open group, a town cell). Names are stored as given: callers put their run's token in them, so
 * their afterAll can remove what they made.
 */

type GroupKind = Database['public']['Enums']['group_kind'];
type GroupStatus = Database['public']['Enums']['group_status'];
type GroupVisibility = Database['public']['Enums']['group_visibility'];
type GatheringKind = Database['public']['Enums']['gathering_kind'];

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
	precision = 'town'
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
}): Promise<string> {
	const { rows } = await database().query<{ id: string }>(
		`insert into public.gatherings
			(kind, name, starts_at, ends_at, time_zone, capacity, visibility, area_cell)
		values ($1, $2, now() + make_interval(secs => $3::double precision * 86400),
			now() + make_interval(secs => $4::double precision * 86400),
			$5, $6, $7, private.cell_at($8, $9, $10))
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
			CELL_LENGTH[precision]
		]
	);
	return rows[0].id;
}
