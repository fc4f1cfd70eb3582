import pg from 'pg';
import { expect, inject } from 'vitest';
import type { Database } from '../../src/lib/database.types';
import { memberWithProfile, signInAs, type Member, type ProfileChanges } from './supabase';

/**
 * Helpers for the location privacy attack suite (tests/integration/privacy, DESIGN.md section 3).
 *
 * The stack is shared by every integration file running in parallel, and guarantee 6 counts
 * people per country, so each privacy file places its people in countries nobody else uses:
 *
 * | file             | countries                                           |
 * | ---------------- | --------------------------------------------------- |
 * | exact-location   | Mongolia                                            |
 * | published-cells  | Kyrgyzstan, Kazakhstan                              |
 * | visibility       | Bolivia                                             |
 * | search           | Namibia                                             |
 * | k-anonymity      | Iceland, Uruguay, Laos, Paraguay, Botswana, Ecuador |
 * | blocking         | Georgia                                             |
 * | leaving          | Armenia                                             |
 * | writes           | Estonia                                             |
 * | crewmates        | Peru                                                |
 * | oracles          | Moldova                                             |
 * | save-profile     | Lithuania                                           |
 * | radar            | Chile                                               |
 * | crews-membership | Tanzania                                            |
 * | suspension       | Costa Rica                                          |
 * | moderation       | Panama                                              |
 * | hardening        | Honduras                                            |
 * | imports          | Slovenia                                            |
 *
 * The other crew files place groups, not people, each in a country of its own: Uganda
 * (crews-groups), Rwanda (crews-requests), Ethiopia (crews-invitations), Senegal (crews-blocking),
 * Mali (crews-congregations) and Togo (notifications). The gathering files do the same: Ghana
 * (gatherings-drafts), Zimbabwe (gatherings-rsvps), Cameroon (gatherings-venues), Angola
 * (gatherings-blocking), Gabon (gatherings-calendars), Jordan (gatherings-invitations) and Tunisia
 * (gatherings-planner, which counts a country's people).
 *
 * None of them is in the seed, nor are the countries of the other integration files: Zambia and
 * Fiji (map-data), Madagascar (map-view), Nepal (groups-rls), Mozambique (map-kinds), Malawi
 * (group-pages), Bhutan (notification-emails), Niger (report-pages) and Slovakia (imports), nor those of the browser
 * tests that count people: Cambodia (planner), Laos (gathering-journey) and Burkina Faso
 * (moderation).
 */

export type Precision = Database['public']['Enums']['location_precision'];
export type Visibility = Database['public']['Enums']['profile_visibility'];
type ProfileRow = Database['public']['Tables']['profiles']['Row'];

export interface Point {
	lat: number;
	lng: number;
}

/** The length of a published cell's quadkey at each precision (its Web Mercator zoom). */
export const CELL_LENGTH: Record<Precision, number> = {
	neighbourhood: 15,
	town: 13,
	area: 11,
	region: 9,
	country: 5
};

/** The finest cell anonymous visitors may get: area (guarantee 3). */
export const ANONYMOUS_FINEST_CELL_LENGTH = CELL_LENGTH.area;

/** What directory_page rounds distances to, by cell length: the size each precision names. */
export const DISTANCE_STEP_KM: Record<number, number> = { 15: 1, 13: 5, 11: 20, 9: 100, 5: 1000 };

/**
 * A practitioner who has finished onboarding and placed themselves: public at area precision and
 * named `name` unless `profile` says otherwise.
 */
export function practitionerAt(
	name: string,
	point: Point,
	profile: ProfileChanges = {}
): Promise<Member> {
	return memberWithProfile(name, { visibility: 'public', precision: 'area', ...profile }, point);
}

/**
 * Makes practitioners as practitionerAt does, named with a test file's token (`${token} Ana`), so
 * that a search for the token finds that file's people and nobody else's.
 */
export function practitionersNamedWith(token: string) {
	return (name: string, point: Point, profile: ProfileChanges = {}): Promise<Member> =>
		practitionerAt(`${token}-${name.toLowerCase()}`, point, {
			...profile,
			display_name: `${token} ${name}`
		});
}

/**
 * Two public neighbours of a person at `point`, a few hundred metres north-east and south-west in
 * the same area cell: with that person public too, three share the cell, so anonymous visitors
 * see them (guarantee 6, k = 3). One after the other: each placement republishes the country.
 */
export async function neighboursOf(prefix: string, point: Point): Promise<Member[]> {
	const neighbours: Member[] = [];
	for (const [index, offset] of [0.003, -0.003].entries()) {
		const at = { lat: point.lat + offset, lng: point.lng + offset };
		neighbours.push(await practitionerAt(`${prefix}-neighbour-${index + 1}`, at));
	}
	return neighbours;
}

/** A member's access token, to send raw requests as them. */
export async function accessToken(member: Member): Promise<string> {
	const { data } = await member.client.auth.getSession();
	if (!data.session) throw new Error(`${member.email} has no session`);
	return data.session.access_token;
}

/** The public key: what an anonymous visitor sends as their bearer token. */
export function anonymousToken(): string {
	return inject('stack').anonKey;
}

export interface RestResponse {
	status: number;
	headers: Headers;
	/** The raw body, for looking for coordinates in error messages too. */
	text: string;
	body: unknown;
}

/**
 * A raw PostgREST request with the public key, as an attacker with curl would send it:
 * `path` is everything after `/rest/v1/`, `token` the anon key or a member's access token.
 */
export async function rest(
	token: string,
	path: string,
	init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}
): Promise<RestResponse> {
	const { apiUrl, anonKey } = inject('stack');
	const response = await fetch(`${apiUrl}/rest/v1/${path}`, {
		method: init.method ?? 'GET',
		headers: {
			apikey: anonKey,
			Authorization: `Bearer ${token}`,
			'Content-Type': 'application/json',
			...init.headers
		},
		body: init.body === undefined ? undefined : JSON.stringify(init.body)
	});
	const text = await response.text();
	let body: unknown = null;
	try {
		body = text ? JSON.parse(text) : null;
	} catch {
		body = text;
	}
	return { status: response.status, headers: response.headers, text, body };
}

/** The total of a `Prefer: count=…` response, from its Content-Range header (`0-4/5`). */
export function countOf(response: RestResponse): number | null {
	const total = response.headers.get('content-range')?.split('/')[1];
	return total === undefined || total === '*' ? null : Number(total);
}

/** Every number anywhere in a JSON value, including numbers written as strings. */
export function numbersIn(value: unknown): number[] {
	if (typeof value === 'number') return [value];
	if (typeof value === 'string') {
		return (value.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/gi) ?? []).map(Number);
	}
	if (Array.isArray(value)) return value.flatMap(numbersIn);
	if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
	return [];
}

/**
 * Fails if a response carries the exact point in any form: as a number anywhere in its body or
 * headers, or written out in its text (an error message, a detail, a hint).
 */
export function expectNoExactPoint(response: RestResponse, point: Point, what: string) {
	// Content-Location only echoes the request's own query string back.
	const headers = [...response.headers.entries()]
		.filter(([name]) => name !== 'content-location')
		.map(([name, value]) => `${name}: ${value}`);
	const numbers = [...numbersIn(response.body), ...numbersIn(headers.join('\n'))];
	expect(numbers, `${what}: a number equal to the exact latitude`).not.toContain(point.lat);
	expect(numbers, `${what}: a number equal to the exact longitude`).not.toContain(point.lng);
	for (const coordinate of [point.lat, point.lng]) {
		// Four decimals is about 10 m: no published cell centre shares them by chance here.
		expect(response.text, `${what}: the exact point written out`).not.toContain(
			coordinate.toFixed(4)
		);
	}
}

/** Fails if a response names a cell or holds a coordinate: for refused requests. */
export function expectNoLocationIn(response: RestResponse, cells: string[], what: string) {
	for (const cell of cells) expect(response.text, `${what}: a cell`).not.toContain(cell);
	expect(response.text, `${what}: a coordinate`).not.toMatch(/-?\d{1,3}\.\d{3,}/);
}

/** The bounds of a quadkey cell in degrees (Bing Maps tile system), to check what is its centre. */
export function cellBounds(quadkey: string) {
	let x = 0;
	let y = 0;
	for (const digit of quadkey) {
		x = x * 2 + (Number(digit) & 1);
		y = y * 2 + (Number(digit) >> 1);
	}
	const tiles = 2 ** quadkey.length;
	const lngAt = (column: number) => (column / tiles) * 360 - 180;
	const mercatorY = (row: number) => Math.PI * (1 - (2 * row) / tiles);
	const latAt = (row: number) => (Math.atan(Math.sinh(mercatorY(row))) * 180) / Math.PI;
	return {
		west: lngAt(x),
		east: lngAt(x + 1),
		north: latAt(y),
		south: latAt(y + 1),
		/** The middle of the tile as drawn on a Web Mercator map. */
		centre: {
			lat: (Math.atan(Math.sinh((mercatorY(y) + mercatorY(y + 1)) / 2)) * 180) / Math.PI,
			lng: lngAt(x + 0.5)
		}
	};
}

/** Great-circle distance in km on the sphere that PostgreSQL's earthdistance uses. */
export function distanceKm(a: Point, b: Point): number {
	const earthRadiusKm = 6378.168;
	const radians = (degrees: number) => (degrees * Math.PI) / 180;
	const dLat = radians(b.lat - a.lat);
	const dLng = radians(b.lng - a.lng);
	const h =
		Math.sin(dLat / 2) ** 2 +
		Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
	return 2 * earthRadiusKm * Math.asin(Math.sqrt(h));
}

let pool: pg.Pool | undefined;

/** The database as its superuser: only for ground truth and arranging, never as the attacker. */
export function database(): pg.Pool {
	if (!pool) {
		pool = new pg.Pool({ connectionString: inject('stack').dbUrl, max: 4 });
		// The stack stops after the last test file; an idle connection it closes then is expected.
		pool.on('error', () => undefined);
	}
	return pool;
}

export async function closeDatabase() {
	await pool?.end();
	pool = undefined;
}

/**
 * The same person signed in as one of Supabase's anonymous sign-ins is (`is_anonymous` in their
 * token): a stranger with the authenticated role. The stack turns anonymous sign-ins off, so the
 * account is marked anonymous here, then signed in again.
 */
export async function anonymousSignIn(member: Member): Promise<Member> {
	await database().query('update auth.users set is_anonymous = true where id = $1', [member.id]);
	return signInAs(member.email);
}

/** One SQL statement and its parameters. */
export type Statement = [sql: string, values?: unknown[]];

/**
 * A transaction as a member, run the way PostgREST runs a request with their token (role
 * `authenticated`, their claims), held open until `commit`.
 */
export async function transactionAs(member: { id: string }) {
	const client = await database().connect();
	await client.query('begin');
	const { rows } = await client.query<{ pid: number }>(
		`select pg_backend_pid() as pid, set_config('role', 'authenticated', true),
			set_config('request.jwt.claims', $1, true)`,
		[JSON.stringify({ sub: member.id, role: 'authenticated', is_anonymous: false })]
	);
	return {
		pid: rows[0].pid,
		/** Runs one statement; the error it was refused with, or null when it went through. */
		attempt([sql, values = []]: Statement): Promise<Error | null> {
			return client.query(sql, values).then(
				() => null,
				(error: Error) => error
			);
		},
		/** Ends the transaction (a refused one rolls back) and gives its connection back. */
		async commit() {
			await client.query('commit');
			client.release();
		}
	};
}

/**
 * Two requests of one member that overlap for certain: `second` starts while `first` has run
 * but not committed, and `first` commits only once `second` has either finished or is waiting
 * for a lock `first` holds. Two requests sent at once through the API overlap only by chance.
 * What each was refused with, or null.
 */
export async function overlapping(
	member: { id: string },
	first: Statement,
	second: Statement
): Promise<[Error | null, Error | null]> {
	const held = await transactionAs(member);
	const firstAnswer = await held.attempt(first);
	const racing = await transactionAs(member);
	let settled = false;
	const secondAnswer = racing.attempt(second).finally(() => (settled = true));
	while (!settled && !(await waitingForLock(racing.pid))) {
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
	await held.commit();
	const answer = await secondAnswer;
	await racing.commit();
	return [firstAnswer, answer];
}

/** Whether a backend is blocked waiting for a lock. */
export async function waitingForLock(pid: number): Promise<boolean> {
	const { rows } = await database().query<{ waiting: boolean }>(
		`select wait_event_type = 'Lock' as waiting from pg_stat_activity where pid = $1`,
		[pid]
	);
	return rows[0]?.waiting ?? false;
}

export type GroundTruth = ProfileRow & {
	exact_lat: number | null;
	exact_lng: number | null;
	account_exists: boolean;
};

/** Everything stored about a person, read past RLS; null when nothing is left. */
export async function groundTruth(id: string): Promise<GroundTruth | null> {
	const { rows } = await database().query<GroundTruth>(
		`select p.*, l.lat as exact_lat, l.lng as exact_lng,
			exists (select 1 from auth.users u where u.id = p.id) as account_exists
		from public.profiles p
		left join public.profile_locations l on l.profile_id = p.id
		where p.id = $1`,
		[id]
	);
	return rows[0] ?? null;
}

export interface AnonymousView {
	id: string;
	public_cell: string | null;
	public_lat: number | null;
	public_lng: number | null;
	public_place_label: string | null;
}

/** What an anonymous visitor reads of these people's profile rows (absent: not visible). */
export async function anonymousViewOf(ids: string[]): Promise<Map<string, AnonymousView>> {
	const response = await rest(
		anonymousToken(),
		`profiles?select=id,public_cell,public_lat,public_lng,public_place_label&id=in.(${ids.join(',')})`
	);
	expect(response.status).toBe(200);
	return new Map((response.body as AnonymousView[]).map((row) => [row.id, row]));
}

export interface MapPoint {
	id: string;
	display_name: string;
	lat: number;
	lng: number;
	cell: string;
	place_label: string | null;
}

/** The practitioners on the map over the whole world (map_items), as the holder of `token`. */
export async function worldMapPoints(token: string): Promise<MapPoint[]> {
	const response = await rest(token, 'rpc/map_items', {
		method: 'POST',
		body: { min_lat: -90, min_lng: -180, max_lat: 90, max_lng: 180, max_items: 50000 }
	});
	expect(response.status).toBe(200);
	const { items, truncated } = response.body as {
		items: (Omit<MapPoint, 'display_name'> & { kind: string; name: string })[];
		truncated: boolean;
	};
	expect(truncated).toBe(false);
	return items
		.filter((item) => item.kind === 'practitioner')
		.map(({ id, name, lat, lng, cell, place_label }) => ({
			id,
			display_name: name,
			lat,
			lng,
			cell,
			place_label
		}));
}

export interface NearbyPractitioner {
	id: string;
	display_name: string;
	place_label: string | null;
	distance_km: number;
}

/**
 * The practitioners nearest to a point, as the holder of `token` finds them: the directory sorted
 * by distance from it (its first 100), leaving out people with no place.
 */
export async function nearby(token: string, point: Point): Promise<NearbyPractitioner[]> {
	const response = await rest(token, 'rpc/directory_page', {
		method: 'POST',
		body: { sort: 'distance', near_lat: point.lat, near_lng: point.lng, page_size: 100 }
	});
	expect(response.status).toBe(200);
	const { items } = response.body as {
		items: (NearbyPractitioner & { distance_km: number | null })[];
	};
	return items
		.filter((item): item is NearbyPractitioner => item.distance_km !== null)
		.map(({ id, display_name, place_label, distance_km }) => ({
			id,
			display_name,
			place_label,
			distance_km
		}));
}

/** A person's point on the world map (map_items) as a member sees it; undefined when not on it. */
export async function mapPointAs(viewer: Member, id: string): Promise<MapPoint | undefined> {
	return (await worldMapPoints(await accessToken(viewer))).find((point) => point.id === id);
}

/**
 * How often a viewer comes across a person in each place they could: the person's profile row,
 * a count of it, the world map, and the directory sorted by distance from a point near them.
 */
export interface Sightings {
	row: number;
	count: number | null;
	map: number;
	nearby: number;
}

/** Sightings of a person the viewer may see: once in each place. */
export const everywhere: Sightings = { row: 1, count: 1, map: 1, nearby: 1 };
/** Sightings of a person hidden from the viewer. */
export const nowhere: Sightings = { row: 0, count: 0, map: 0, nearby: 0 };

/** Where the holder of `token` comes across the person with this id, looking `near` them. */
export async function sightings(
	token: string,
	person: { id: string; near: Point }
): Promise<Sightings> {
	const { id } = person;
	const [row, counted, map, near] = await Promise.all([
		rest(token, `profiles?select=id&id=eq.${id}`),
		rest(token, `profiles?select=id&id=eq.${id}`, {
			method: 'HEAD',
			headers: { Prefer: 'count=exact' }
		}),
		worldMapPoints(token),
		nearby(token, person.near)
	]);
	expect(row.status).toBe(200);
	return {
		row: (row.body as { id: string }[]).length,
		count: countOf(counted),
		map: map.filter((point) => point.id === id).length,
		nearby: near.filter((practitioner) => practitioner.id === id).length
	};
}
