import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, database, practitionerAt } from '../support/privacy';
import { signUpMember, type Member } from '../support/supabase';

/**
 * The map's counts kept by cell (issue 13) against the map read the straightforward way
 * (audience.map_view_scanned: every visible item read and grouped on the fly), on everything the
 * shared stack holds at that moment: the seed and whatever the other files have made. Both are
 * asked in one repeatable-read transaction as PostgREST asks them (role and claims), so they see
 * the same people; every zoom, boxes across the world, the antimeridian and the edges of tiles,
 * for an anonymous visitor, a member, a member someone blocked, and an anonymous sign-in.
 * Also the directory's keyset pages against its numbered pages, and the counts against a
 * recount from scratch.
 */

interface MapAnswer {
	total: number;
	detail: string;
	counts: number[][];
	items: { id: string }[];
}

type Claims = Record<string, unknown>;

const boxes = {
	world: [-85, -180, 85, 180],
	europe: [35, -11, 60, 20],
	'the antimeridian': [-30, 170, 10, -170],
	'the Low Countries, off the tiles edges': [51.3, 3.3, 53.7, 7.3],
	'London at zoom 11': [51.36, -0.54, 51.64, 0.3],
	'a crossing box with no one': [-60, 179, -50, -179]
} as const;

let blocked: Member;
let stranger: Member;

beforeAll(async () => {
	// Someone placed publicly who blocks a member: that member's counts leave them out.
	blocked = await signUpMember('parity-blocked');
	const blocker = await practitionerAt('parity-blocker', { lat: 52.09, lng: 5.12 });
	const { error } = await blocker.client.from('blocks').insert({ blocked_id: blocked.id });
	expect(error).toBeNull();
	stranger = await signUpMember('parity-stranger');
	await database().query('update auth.users set is_anonymous = true where id = $1', [stranger.id]);
});

afterAll(async () => {
	await closeDatabase();
});

/** Runs statements as PostgREST would for these claims, in one snapshot. */
async function asCaller<T>(
	claims: Claims,
	run: (query: (sql: string, values?: unknown[]) => Promise<T[]>) => Promise<void>
) {
	const client = await database().connect();
	try {
		await client.query('begin isolation level repeatable read');
		await client.query(
			`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`,
			[claims.role, JSON.stringify(claims)]
		);
		await run(async (sql, values) => (await client.query(sql, values)).rows as T[]);
	} finally {
		await client.query('rollback');
		client.release();
	}
}

const callers: Record<string, () => Claims> = {
	'an anonymous visitor': () => ({ role: 'anon' }),
	'a member (Ada, of the seed)': () => ({
		role: 'authenticated',
		sub: '00000000-0000-4000-8000-000000000001',
		is_anonymous: false
	}),
	'a member someone blocked': () => ({
		role: 'authenticated',
		sub: blocked.id,
		is_anonymous: false
	}),
	'an anonymous sign-in': () => ({ role: 'authenticated', sub: stranger.id, is_anonymous: true })
};

/** Counts as a sorted list, so that two answers compare whatever their order. */
const sorted = (counts: number[][]) =>
	[...counts].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);

describe('the map read from the counts', () => {
	for (const [who, claims] of Object.entries(callers)) {
		it(`answers ${who} as the straightforward map does, at every zoom and box`, async () => {
			await asCaller<{ kept: MapAnswer; scanned: MapAnswer }>(claims(), async (query) => {
				for (const [name, [minLat, minLng, maxLat, maxLng]] of Object.entries(boxes)) {
					for (let zoom = 0; zoom <= 16; zoom++) {
						for (const maxItems of [0, 50]) {
							const [row] = await query(
								`select public.map_view($1, $2, $3, $4, $5, $6) as kept,
									audience.map_view_scanned($1, $2, $3, $4, $5, $6) as scanned`,
								[minLat, minLng, maxLat, maxLng, zoom, maxItems]
							);
							const where = `${name} at zoom ${zoom}, max_items ${maxItems}`;
							expect(row.kept.total, where).toBe(row.scanned.total);
							expect(row.kept.detail, where).toBe(row.scanned.detail);
							expect(row.kept.items, where).toEqual(row.scanned.items);
							expect(sorted(row.kept.counts), where).toEqual(sorted(row.scanned.counts));
						}
					}
				}
			});
		});
	}

	it('answers a person filter by reading the people when the box holds fewer than 100,000', async () => {
		await asCaller<{ view: MapAnswer }>(callers['an anonymous visitor'](), async (query) => {
			const [row] = await query(
				`select public.map_view(-85, -180, 85, 180, 2, 0, '{"open_to": ["crewing"]}') as view`
			);
			// The stack holds far fewer: the filter is answered by reading them.
			expect(row.view.detail).toBe('counts');
			expect(row.view.total).toBeGreaterThan(0);
		});
	});
});

describe('the counts', () => {
	it('equal a recount from scratch', async () => {
		const kept = `select audience, level, key, people from private.map_tiles where people <> 0
			union all select audience, -1, cell || '@' || lat || ',' || lng, people from private.map_points where people <> 0
			union all select 0, zoom, country || '/' || cell, people from private.public_counts where people <> 0
			order by 1, 2, 3`;
		const client = await database().connect();
		try {
			await client.query('begin');
			const before = (await client.query(kept)).rows;
			await client.query('select private.recount_places()');
			const after = (await client.query(kept)).rows;
			expect(before.length).toBeGreaterThan(0);
			expect(before).toEqual(after);
		} finally {
			await client.query('rollback');
			client.release();
		}
	});
});

describe('the directory by keyset', () => {
	it('gives cursors by distance that name the last person, not how far, and only for their place', async () => {
		await asCaller<{ page: { next: string | null } }>(
			callers['an anonymous visitor'](),
			async (query) => {
				const [first] = await query(
					`select public.directory_list('distance', null, 2, 52.09, 5.12) as page`
				);
				const cursor = first.page.next;
				expect(cursor).not.toBeNull();
				expect(Object.keys(JSON.parse(cursor!)).sort()).toEqual(['i', 'n', 'o', 's', 't']);
				const [again] = await query(
					`select public.directory_list('distance', $1, 2, 52.09, 5.12) as page`,
					[cursor]
				);
				expect(again.page).toBeTruthy();
				await expect(
					query(`select public.directory_list('distance', $1, 2, 48.85, 2.35) as page`, [cursor])
				).rejects.toMatchObject({ code: '22023' });
			}
		);
	});

	for (const [who, claims] of Object.entries(callers)) {
		for (const [sort, filters] of [
			['name', {}],
			['recent', {}],
			['distance', {}],
			['name', { q: 'a' }],
			['distance', { open_to: ['crewing'] }]
		] as const) {
			const filtered =
				Object.keys(filters).length > 0 ? `, filtered by ${JSON.stringify(filters)}` : '';
			it(`lists for ${who}, sorted by ${sort}${filtered}, what the numbered pages list`, async () => {
				await asCaller<{ page: { items: unknown[]; total: number; next: string | null } }>(
					claims(),
					async (query) => {
						const near = sort === 'distance' ? [52.09, 5.12] : [null, null];
						const listed: unknown[] = [];
						let after: string | null = null;
						let total = 0;
						do {
							const [row] = await query(`select public.directory_list($1, $2, 7, $3, $4) as page`, [
								sort,
								after,
								...near
							]);
							listed.push(...row.page.items);
							total = row.page.total;
							after = row.page.next;
						} while (after);
						const paged: unknown[] = [];
						for (let page = 1; paged.length < total || page === 1; page++) {
							const [row] = await query(`select public.directory_page($1, 7, $2, $3, $4) as page`, [
								page,
								sort,
								...near
							]);
							if (row.page.items.length === 0) break;
							paged.push(...row.page.items);
							expect(row.page.total).toBe(total);
						}
						expect(listed.length).toBe(total);
						expect(listed).toEqual(paged);
					}
				);
			});
		}
	}
});
