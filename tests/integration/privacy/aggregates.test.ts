import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellAt } from '../../../src/lib/geo/cells';
import type { ListedView, MapItem, MapItems, PlaceCount } from '../../../src/lib/map/map-items';
import { VIEW_ZOOM_RANGE } from '../../../src/lib/map/view-params';
import { joinThroughRequest, startGroup } from '../../support/groups';
import { lift, makeModerator, suspend } from '../../support/moderation';
import {
	CELL_LENGTH,
	anonymousSignIn,
	anonymousViewOf,
	cellBounds,
	committingTogether,
	overlappingRequests,
	practitionersNamedWith,
	type Point,
	type Statement
} from '../../support/privacy';
import {
	anonymousClient,
	memberWithProfile,
	serviceClient,
	signUpMember,
	type Client,
	type Member
} from '../../support/supabase';

/**
 * Counts never say more than the people they count (DESIGN.md section 3, guarantees 4, 6 and 7;
 * issue 13): the counts by place that map_view sends instead of items (max_items 0 always asks
 * for them), at every zoom the map asks at (0 to 24), and the directory's totals. For each
 * audience (an anonymous visitor, an anonymous sign-in, another member, a member someone blocked,
 * a crewmate, the person themself, a moderator) they count exactly the people that caller may
 * see: the same people map_items lists for them in the same box, at the same points, and the
 * people placed here that the rules let them see. They follow the k = 3 rule for anonymous visitors, blocks,
 * crewmates-only and members-only people, suspensions, moves, and two people leaving at once.
 *
 * The directory's keyset pages (directory_list) list what its numbered pages list, in the same
 * order, for every audience and sort, with totals that are the number of people they list.
 *
 * Written black-box against the scan that counted before issue 13 (everything but directory_list
 * passed on it), and held since to the counts kept by cell. Each scenario has a country of its
 * own, which no other test file uses, and asks only about a box around its own people that holds
 * nobody else's: Uzbekistan (the audiences), Azerbaijan and Qatar (k = 3), Bangladesh (moves),
 * Nicaragua and Guatemala (two leaving at once).
 */

/** A box to ask map_view and map_items about: the four edges, as they take them. */
interface Box {
	min_lat: number;
	min_lng: number;
	max_lat: number;
	max_lng: number;
}

/**
 * A box `degrees` either way of a point. Half a degree holds any region cell (the coarsest an
 * anonymous visitor gets short of the country) around people within a few kilometres of it, and
 * the country's own point when that is the nearby capital.
 */
function boxAround({ lat, lng }: Point, degrees = 0.5): Box {
	return {
		min_lat: lat - degrees,
		min_lng: lng - degrees,
		max_lat: lat + degrees,
		max_lng: lng + degrees
	};
}

/**
 * A box holding the whole tile of `point` at the coarsest level the counts are kept at (a quadkey
 * of 7 characters, about 300 km), with a margin: in it the counts are read from the sums kept per
 * tile at every level, not only point by point as on a box's edges.
 */
function boxHoldingTheTileOf(point: Point): Box {
	const tile = cellBounds(cellAt({ ...point, zoom: 7 }));
	const margin = 0.1;
	return {
		min_lat: tile.south - margin,
		min_lng: tile.west - margin,
		max_lat: tile.north + margin,
		max_lng: tile.east + margin
	};
}

/** Every zoom the map asks for counts at, from the whole world to the finest it allows. */
const ZOOMS = Array.from(
	{ length: VIEW_ZOOM_RANGE.max - VIEW_ZOOM_RANGE.min + 1 },
	(_, index) => VIEW_ZOOM_RANGE.min + index
);

/** Someone asking: a name for the failure messages and the client they ask with. */
interface Caller {
	name: string;
	client: Client;
}

/** The counts a caller gets for a box at a zoom (map_view with max_items 0). */
async function countsAt(caller: Caller, box: Box, zoom: number): Promise<ListedView> {
	const { data, error } = await caller.client.rpc('map_view', { ...box, zoom, max_items: 0 });
	expect(error, `${caller.name} at zoom ${zoom}`).toBeNull();
	const view = data as unknown as ListedView;
	expect(view.detail, `${caller.name} at zoom ${zoom}`).toBe('counts');
	expect(view.items).toEqual([]);
	return view;
}

/** The counts a caller gets for a box at every zoom, by zoom. */
function countsAtEveryZoom(caller: Caller, box: Box): Promise<ListedView[]> {
	return Promise.all(ZOOMS.map((zoom) => countsAt(caller, box, zoom)));
}

/** Everything a caller may see in a box, one by one (map_items). */
async function itemsIn(caller: Caller, box: Box): Promise<MapItem[]> {
	const { data, error } = await caller.client.rpc('map_items', { ...box, max_items: 50000 });
	expect(error, caller.name).toBeNull();
	const { items, truncated } = data as unknown as MapItems;
	expect(truncated).toBe(false);
	return items;
}

const sum = (numbers: number[]) => numbers.reduce((total, n) => total + n, 0);

/** How many things of every kind the counts hold. */
function countedIn(view: ListedView): number {
	return sum(view.counts.map(([, , ...kinds]) => sum(kinds)));
}

/**
 * The places map_view's answer promises for these items at a zoom: grouped by the first zoom + 5
 * characters of their cells, each at the average of its items' points with how many of each kind
 * it holds. Not the counting done again: the items come from map_items, which lists one by one,
 * and the counts must never hold anyone, or any point, that the list does not.
 */
function placesOf(items: MapItem[], zoom: number): PlaceCount[] {
	const groups = new Map<string, MapItem[]>();
	for (const item of items) {
		const key = item.cell.slice(0, zoom + 5);
		groups.set(key, [...(groups.get(key) ?? []), item]);
	}
	return [...groups.values()].map((group) => {
		const of = (kind: MapItem['kind']) => group.filter((item) => item.kind === kind).length;
		return [
			sum(group.map((item) => item.lat)) / group.length,
			sum(group.map((item) => item.lng)) / group.length,
			of('practitioner'),
			of('crew'),
			of('congregation'),
			of('gathering')
		];
	});
}

/** Places in a fixed order (south to north), their points compared to about a metre. */
function comparable(places: PlaceCount[], { near = false } = {}): unknown[] {
	return [...places]
		.sort(([latA, lngA], [latB, lngB]) => latA - latB || lngA - lngB)
		.map(([lat, lng, ...kinds]) =>
			near ? [expect.closeTo(lat, 4), expect.closeTo(lng, 4), ...kinds] : [lat, lng, ...kinds]
		);
}

/** A place's counts of people alone, at a point compared to about a metre. */
function atPoint(lat: number, lng: number, people: number): unknown[] {
	return [expect.closeTo(lat, 4), expect.closeTo(lng, 4), people, 0, 0, 0];
}

const idsOf = (people: { id: string }[]) => people.map((person) => person.id).sort();

/**
 * Fails unless, at every zoom 0..18, the caller's counts for the box hold exactly the people
 * `sees`: the total is how many they are, the places add up to it, and the places are the
 * caller's own map_items grouped by place (no one else, no finer point); and map_items lists them
 * and nobody else.
 */
async function expectCountsOf({ caller, box, sees }: { caller: Caller; box: Box; sees: Member[] }) {
	const items = await itemsIn(caller, box);
	expect(idsOf(items), `${caller.name}: who is on the map`).toEqual(idsOf(sees));
	const views = await countsAtEveryZoom(caller, box);
	for (const [zoom, view] of views.entries()) {
		const what = `${caller.name} at zoom ${zoom}`;
		expect(view.total, `${what}: the total`).toBe(sees.length);
		expect(countedIn(view), `${what}: the places add up to the total`).toBe(view.total);
		expect(comparable(view.counts), `${what}: the places`).toEqual(
			comparable(placesOf(items, zoom), { near: true })
		);
	}
}

/** How many people the counts put inside a quadkey cell (by where their places are). */
function countedWithin(view: ListedView, quadkey: string): number {
	const { north, south, east, west } = cellBounds(quadkey);
	return sum(
		view.counts
			.filter(([lat, lng]) => lat > south && lat < north && lng > west && lng < east)
			.map(([, , practitioners]) => practitioners)
	);
}

/** One person in the directory, as directory_page and directory_list give them. */
interface DirectoryEntry {
	id: string;
	display_name: string;
	[field: string]: unknown;
}

interface DirectoryPage {
	total: number;
	items: DirectoryEntry[];
}

/** What both directory functions take, besides how to page. */
interface DirectoryArgs {
	sort?: 'name' | 'recent' | 'distance';
	near_lat?: number;
	near_lng?: number;
	filters?: { q: string };
}

/** One page of the directory as a caller reads it. */
async function directoryPage(
	caller: Caller,
	args: DirectoryArgs & { page?: number; page_size?: number }
): Promise<DirectoryPage> {
	const { data, error } = await caller.client.rpc('directory_page', args);
	expect(error, caller.name).toBeNull();
	return data as unknown as DirectoryPage;
}

/** Who a caller finds in the directory searching for `q`, and the total it gives. */
async function directorySearch(caller: Caller, q: string) {
	const { total, items } = await directoryPage(caller, { page_size: 100, filters: { q } });
	return { total, ids: idsOf(items) };
}

interface DirectoryList extends DirectoryPage {
	/** The cursor of the next page; null on the last. */
	next: string | null;
	total_capped: boolean;
}

/**
 * The caller's keyset directory (directory_list), following `next` from the first page until
 * there is none, or until it has given at least `most` entries: the entries in order, the first
 * page, and the cursors it followed.
 */
async function walkDirectoryList(
	caller: Caller,
	args: DirectoryArgs & { page_size: number },
	most = Infinity
): Promise<{ entries: DirectoryEntry[]; first: DirectoryList; cursors: string[] }> {
	const entries: DirectoryEntry[] = [];
	const cursors: string[] = [];
	let first: DirectoryList | undefined;
	let after: string | null = null;
	do {
		const { data, error } = await caller.client.rpc('directory_list', {
			...args,
			...(after === null ? {} : { after })
		});
		expect(error, caller.name).toBeNull();
		const page = data as unknown as DirectoryList;
		expect(page.items.length, caller.name).toBeLessThanOrEqual(args.page_size);
		first ??= page;
		entries.push(...page.items);
		after = page.next;
		if (after !== null) cursors.push(after);
	} while (after !== null && entries.length < most);
	return { entries, first: first!, cursors };
}

/** The numbers a cursor holds as numbers (not inside its names, ids or times). */
function numbersOf(cursor: string): number[] {
	const numbers = (value: unknown): number[] =>
		typeof value === 'number'
			? [value]
			: value && typeof value === 'object'
				? Object.values(value).flatMap(numbers)
				: [];
	return numbers(JSON.parse(cursor));
}

/**
 * The caller's whole unfiltered directory, read both ways: every numbered page to the first short
 * one (directory_page) and every keyset page (directory_list), each with the total it gave.
 */
async function wholeDirectory(caller: Caller) {
	const pageSize = 100;
	const first = await directoryPage(caller, { page: 1, page_size: pageSize });
	const paged = first.items.map((item) => item.id);
	for (let page = 2, last = first; last.items.length === pageSize; page++) {
		last = await directoryPage(caller, { page, page_size: pageSize });
		paged.push(...last.items.map((item) => item.id));
	}
	const walked = await walkDirectoryList(caller, { page_size: pageSize });
	return {
		paged: { total: first.total, ids: paged },
		walked: { total: walked.first.total, ids: walked.entries.map((entry) => entry.id) }
	};
}

/**
 * What `read` gives once two readings in a row agree. Other test files add people to the shared
 * stack meanwhile: a reading taken while nothing changed is a reading of one moment.
 */
async function readingOfOneMoment<T>(read: () => Promise<T>): Promise<T> {
	let previous = JSON.stringify(await read());
	for (;;) {
		const reading = await read();
		if (JSON.stringify(reading) === previous) return reading;
		previous = JSON.stringify(reading);
	}
}

describe('counts by audience (Tashkent, Uzbekistan)', () => {
	const token = `uz${randomUUID().slice(0, 6)}`;
	const practitioner = practitionersNamedWith(token);
	const tashkent: Point = { lat: 41.3111, lng: 69.2797 };
	/** Another area cell of Tashkent's region, about 17 km away. */
	const eastOfTashkent: Point = { lat: 41.2612, lng: 69.4623 };
	/** Where the crew meets: Samarkand, far outside the box, so the counts here hold people only. */
	const samarkand: Point = { lat: 39.6542, lng: 66.9597 };
	const box = boxAround(tashkent);

	let ada: Member; // public, neighbourhood: the person who blocks `blocked`
	let ben: Member; // public, town
	let cam: Member; // public, area
	let dee: Member; // public, town: suspended on the way
	let eve: Member; // members only
	let fay: Member; // crewmates only, in a crew with `crewmate`
	let gus: Member; // only me
	let hal: Member; // public, alone in its area cell: the region for anonymous visitors
	let anonymousSignInMember: Member;
	let stranger: Member;
	let blocked: Member;
	let crewmate: Member;
	let blockedCrewmate: Member; // in Fay's crew too, and blocked by her
	let blockedTwice: Member; // blocked by Ada (public) and by Eve (members only)
	let moderator: Member;

	const anonymous: Caller = { name: 'an anonymous visitor', client: anonymousClient() };
	const asCaller = (name: string, member: Member): Caller => ({ name, client: member.client });

	beforeAll(async () => {
		// One after another: each placement recounts the public cells.
		const near = (offset: number): Point => ({
			lat: tashkent.lat + offset,
			lng: tashkent.lng + offset
		});
		ada = await practitioner('Ada', near(0), { precision: 'neighbourhood' });
		ben = await practitioner('Ben', near(0.003), { precision: 'town' });
		cam = await practitioner('Cam', near(-0.003), { precision: 'area' });
		dee = await practitioner('Dee', near(0.002), { precision: 'town' });
		eve = await practitioner('Eve', near(-0.002), { visibility: 'members', precision: 'town' });
		fay = await practitioner('Fay', eastOfTashkent, { visibility: 'crewmates', precision: 'town' });
		gus = await practitioner(
			'Gus',
			{ lat: eastOfTashkent.lat + 0.003, lng: eastOfTashkent.lng },
			{ visibility: 'only_me', precision: 'neighbourhood' }
		);
		hal = await practitioner(
			'Hal',
			{ lat: eastOfTashkent.lat - 0.003, lng: eastOfTashkent.lng },
			{ precision: 'area' }
		);
		[anonymousSignInMember, stranger, blocked, crewmate, blockedCrewmate, blockedTwice, moderator] =
			await Promise.all([
				signUpMember('uz-anonymous').then(anonymousSignIn),
				memberWithProfile('uz-stranger'),
				memberWithProfile('uz-blocked'),
				memberWithProfile('uz-crewmate'),
				memberWithProfile('uz-blocked-crewmate'),
				memberWithProfile('uz-blocked-twice'),
				memberWithProfile('uz-moderator')
			]);
		await makeModerator(moderator);
		const crew = await startGroup(fay, { name: `${token} Crew`, at: samarkand });
		await joinThroughRequest(crew, crewmate, fay);
		await joinThroughRequest(crew, blockedCrewmate, fay);
		for (const [blocker, blockedOne] of [
			[ada, blocked],
			[fay, blockedCrewmate],
			[ada, blockedTwice],
			[eve, blockedTwice]
		]) {
			const { error } = await blocker.client.from('blocks').insert({ blocked_id: blockedOne.id });
			expect(error).toBeNull();
		}
	});

	/** Who each caller may see, by the rules, once Dee is suspended. */
	const publicTier = () => [ada, ben, cam, hal];
	const membersTier = () => [ada, ben, cam, eve, hal];

	/**
	 * Each audience: who asks (nobody signed in when `member` is absent), and whom of this
	 * scenario’s people they may see on the map and, when that is not the same, in the directory.
	 */
	const audiences: {
		name: string;
		member?: () => Member;
		sees: () => Member[];
		inDirectory?: () => Member[];
	}[] = [
		{ name: 'an anonymous visitor', sees: publicTier },
		// An anonymous sign-in is a stranger who reads no member's rows, public ones included
		// (supabase/migrations/20261203003100_reports_and_moderation.sql): it counts nobody.
		{ name: 'an anonymous sign-in', member: () => anonymousSignInMember, sees: () => [] },
		{ name: 'another member', member: () => stranger, sees: membersTier },
		{ name: 'the member Ada blocked', member: () => blocked, sees: () => [ben, cam, eve, hal] },
		{
			name: 'a member Ada and Eve blocked',
			member: () => blockedTwice,
			sees: () => [ben, cam, hal]
		},
		{ name: 'Fay’s crewmate', member: () => crewmate, sees: () => [...membersTier(), fay] },
		{ name: 'a crewmate Fay blocked', member: () => blockedCrewmate, sees: membersTier },
		{ name: 'Ada herself', member: () => ada, sees: membersTier },
		{
			name: 'Fay herself (crewmates only)',
			member: () => fay,
			sees: () => [...membersTier(), fay]
		},
		{ name: 'Gus himself (only me)', member: () => gus, sees: () => [...membersTier(), gus] },
		{ name: 'a moderator', member: () => moderator, sees: membersTier },
		// Suspended, Dee is on nobody's map, her own included; she still reads her own profile.
		{
			name: 'Dee herself, suspended',
			member: () => dee,
			sees: membersTier,
			inDirectory: () => [...membersTier(), dee]
		}
	];
	const callerOf = ({ name, member }: (typeof audiences)[number]): Caller =>
		member ? asCaller(name, member()) : anonymous;

	/** At every zoom, how many more people `more` is counted than `fewer` in all, and around `cell`. */
	async function extraCounted({
		more,
		fewer,
		cell
	}: {
		more: Caller;
		fewer: Caller;
		cell: string;
	}) {
		const [mores, fewers] = await Promise.all([
			countsAtEveryZoom(more, box),
			countsAtEveryZoom(fewer, box)
		]);
		return ZOOMS.map((zoom) => ({
			zoom,
			inAll: mores[zoom].total - fewers[zoom].total,
			aroundTheCell:
				countedWithin(mores[zoom], cell.slice(0, zoom + 5)) -
				countedWithin(fewers[zoom], cell.slice(0, zoom + 5))
		}));
	}
	const oneMoreAtEveryZoom = ZOOMS.map((zoom) => ({ zoom, inAll: 1, aroundTheCell: 1 }));

	/** A person's cell as a member who sees them reads it on the map. */
	async function publishedCellOf(person: Member, seenBy: Caller): Promise<string> {
		const item = (await itemsIn(seenBy, box)).find((item) => item.id === person.id);
		expect(item, `${seenBy.name} sees the person`).toBeDefined();
		return item!.cell;
	}

	it('counts a public person for everyone until a moderator suspends them, then for nobody', async () => {
		await expectCountsOf({ caller: anonymous, box, sees: [...publicTier(), dee] });
		const member = asCaller('another member', stranger);
		await expectCountsOf({ caller: member, box, sees: [...membersTier(), dee] });
		await suspend(moderator, dee);
		await expectCountsOf({ caller: anonymous, box, sees: publicTier() });
		await expectCountsOf({ caller: member, box, sees: membersTier() });
	});

	for (const audience of audiences) {
		describe(`as ${audience.name}`, () => {
			it('counts, at every zoom, exactly the people they may see, where they may see them', async () => {
				await expectCountsOf({ caller: callerOf(audience), box, sees: audience.sees() });
			});

			it('counts the same with a filter that every one of them matches, read person by person', async () => {
				const caller = callerOf(audience);
				const filtered = await Promise.all(
					ZOOMS.map(async (zoom) => {
						const { data, error } = await caller.client.rpc('map_view', {
							...box,
							zoom,
							max_items: 0,
							filters: { q: token }
						});
						expect(error).toBeNull();
						return data as unknown as ListedView;
					})
				);
				for (const [zoom, view] of (await countsAtEveryZoom(caller, box)).entries()) {
					expect(filtered[zoom].detail, `zoom ${zoom}`).toBe('counts');
					expect(filtered[zoom].total, `zoom ${zoom}`).toBe(view.total);
					expect(comparable(filtered[zoom].counts), `zoom ${zoom}`).toEqual(
						comparable(view.counts, { near: true })
					);
				}
			});

			it('finds the same people in the directory, and its total is what it lists', async () => {
				const caller = callerOf(audience);
				const inDirectory = (audience.inDirectory ?? audience.sees)();
				expect(await directorySearch(caller, token), 'searching for this scenario').toEqual({
					total: inDirectory.length,
					ids: idsOf(inDirectory)
				});
				const { paged, walked } = await readingOfOneMoment(() => wholeDirectory(caller));
				expect(new Set(paged.ids).size, 'nobody listed twice').toBe(paged.ids.length);
				expect(paged.total, 'the total of the numbered pages').toBe(paged.ids.length);
				expect(walked.total, 'the total of the keyset pages').toBe(walked.ids.length);
				expect(walked.ids, 'the keyset pages, in order').toEqual(paged.ids);
				const ours = [ada, ben, cam, dee, eve, fay, gus, hal];
				const listed = ours.filter((person) => paged.ids.includes(person.id));
				expect(idsOf(listed), 'this scenario’s people, unfiltered').toEqual(idsOf(inDirectory));
			}, 60_000);
		});
	}

	describe('the keyset directory (directory_list)', () => {
		const near = { near_lat: tashkent.lat, near_lng: tashkent.lng };
		const sorts = [{ sort: 'name' }, { sort: 'recent' }, { sort: 'distance', ...near }] as const;

		beforeAll(async () => {
			// Some confirmed, one after another, so that the recent sort has times to order by, and
			// some never, who come last.
			for (const person of [eve, ben, hal, ada]) {
				const { error } = await person.client.rpc('confirm_still_here');
				expect(error).toBeNull();
			}
		});

		for (const order of sorts) {
			it(`lists, following next from page to page, what directory_page lists by ${order.sort}, for every audience`, async () => {
				for (const audience of audiences) {
					const caller = callerOf(audience);
					const args = { ...order, filters: { q: token } };
					const paged = await directoryPage(caller, { ...args, page_size: 100 });
					const walked = await walkDirectoryList(caller, { ...args, page_size: 2 });
					expect(walked.entries, `${caller.name}: the entries, in order`).toEqual(paged.items);
					expect(walked.cursors.length, `${caller.name}: pages`).toBe(
						Math.max(Math.ceil(paged.items.length / 2) - 1, 0)
					);
					// A cursor says nothing finer than the page did: no distance, no point but the one
					// the caller measured from.
					for (const cursor of walked.cursors) {
						for (const number of numbersOf(cursor)) {
							expect([near.near_lat, near.near_lng], `${caller.name}: ${cursor}`).toContain(number);
						}
					}
					expect(walked.first, `${caller.name}: the total`).toMatchObject({
						total: paged.total,
						total_capped: false
					});
				}
			});
		}

		it('answers a cursor naming someone the caller may not see as one naming nobody', async () => {
			const cursorNaming = (id: string) =>
				JSON.stringify({
					s: 'distance',
					n: 'x',
					i: id,
					t: null,
					o: [near.near_lat, near.near_lng]
				});
			const answerTo = async (caller: Caller, id: string) => {
				const { data, error } = await caller.client.rpc('directory_list', {
					sort: 'distance',
					...near,
					after: cursorNaming(id)
				});
				return { data, code: error?.code, message: error?.message };
			};
			const member = asCaller('another member', stranger);
			for (const [caller, hidden] of [
				[anonymous, eve],
				[anonymous, fay],
				[member, gus],
				[member, dee],
				[asCaller('the member Ada blocked', blocked), ada]
			] as const) {
				expect(await answerTo(caller, hidden.id), caller.name).toEqual(
					await answerTo(caller, randomUUID())
				);
			}
			// Naming someone the caller sees is a cursor like any other: the test can tell them apart.
			expect((await answerTo(member, ada.id)).code).toBeUndefined();
		});

		it('lists the whole unfiltered directory as directory_page does, by every sort', async () => {
			/** Every numbered page to the first short one, and every keyset page, in order. */
			const bothWays = async (caller: Caller, order: DirectoryArgs) => {
				const paged: DirectoryEntry[] = [];
				for (let page = 1, last: DirectoryPage | undefined; !last || last.items.length === 100;) {
					last = await directoryPage(caller, { ...order, page: page++, page_size: 100 });
					paged.push(...last.items);
				}
				// Another page size, so that the keyset pages end elsewhere: inside runs of people at
				// one distance or confirmed at one time, and where the placed give way to the unplaced.
				const walked = await walkDirectoryList(caller, { ...order, page_size: 37 });
				return { paged, walked: walked.entries };
			};
			for (const caller of [anonymous, asCaller('another member', stranger)]) {
				for (const order of sorts) {
					const { paged, walked } = await readingOfOneMoment(() => bothWays(caller, order));
					expect(walked, `${caller.name} by ${order.sort}`).toEqual(paged);
				}
			}
		}, 60_000);
	});

	it('gives anonymous visitors no point finer than the public cells', async () => {
		const publicCells = await anonymousViewOf(idsOf(publicTier()));
		const items = await itemsIn(anonymous, box);
		expect(items).toHaveLength(publicTier().length);
		for (const item of items) {
			const seen = publicCells.get(item.id)!;
			expect(item).toMatchObject({
				cell: seen.public_cell,
				lat: seen.public_lat,
				lng: seen.public_lng
			});
			expect(item.cell.length).toBeLessThanOrEqual(CELL_LENGTH.area);
		}
		// Hal is alone in his area cell: anonymous visitors count him at the region's place.
		expect(publicCells.get(hal.id)?.public_cell).toHaveLength(CELL_LENGTH.region);
	});

	it('counts the blocker for another member but not for the member they blocked, at every zoom', async () => {
		const member = asCaller('another member', stranger);
		const extra = await extraCounted({
			more: member,
			fewer: asCaller('the member Ada blocked', blocked),
			cell: await publishedCellOf(ada, member)
		});
		expect(extra).toEqual(oneMoreAtEveryZoom);
	});

	it('counts a crewmates-only person for her crewmate and herself, at her cell, and for no other member', async () => {
		const crewmateCaller = asCaller('Fay’s crewmate', crewmate);
		const cell = await publishedCellOf(fay, crewmateCaller);
		const member = asCaller('another member', stranger);
		for (const seer of [crewmateCaller, asCaller('Fay herself', fay)]) {
			expect(await extraCounted({ more: seer, fewer: member, cell }), seer.name).toEqual(
				oneMoreAtEveryZoom
			);
		}
		for (const other of [asCaller('a moderator', moderator), asCaller('Ada', ada)]) {
			const extra = await extraCounted({ more: other, fewer: member, cell });
			expect(
				extra.filter(({ inAll, aroundTheCell }) => inAll || aroundTheCell),
				other.name
			).toEqual([]);
		}
	});

	it('never counts a members-only person for anonymous visitors', async () => {
		// The two tiers differ by Eve alone: at every zoom, members count one more.
		const [views, memberViews] = await Promise.all([
			countsAtEveryZoom(anonymous, box),
			countsAtEveryZoom(asCaller('another member', stranger), box)
		]);
		expect(ZOOMS.map((zoom) => memberViews[zoom].total - views[zoom].total)).toEqual(
			ZOOMS.map(() => 1)
		);
		expect(idsOf(await itemsIn(anonymous, box))).not.toContain(eve.id);
	});

	it('counts the blocker for the member they blocked again once the block is lifted', async () => {
		const { error } = await ada.client.from('blocks').delete().eq('blocked_id', blocked.id);
		expect(error).toBeNull();
		const formerlyBlocked = asCaller('the member Ada unblocked', blocked);
		await expectCountsOf({ caller: formerlyBlocked, box, sees: membersTier() });
		const extra = await extraCounted({
			more: formerlyBlocked,
			fewer: asCaller('another member', stranger),
			cell: await publishedCellOf(ada, formerlyBlocked)
		});
		expect(extra.filter(({ inAll, aroundTheCell }) => inAll || aroundTheCell)).toEqual([]);
		expect(await directorySearch(formerlyBlocked, token)).toEqual({
			total: membersTier().length,
			ids: idsOf(membersTier())
		});
	});
});

describe('k = 3 in the anonymous counts (Baku, Azerbaijan)', () => {
	const practitioner = practitionersNamedWith(`az${randomUUID().slice(0, 6)}`);
	const baku: Point = { lat: 40.4093, lng: 49.8671 };
	/** Baku's tile, from the Caspian to the Kura: nobody else lives in it. */
	const box = boxHoldingTheTileOf(baku);
	/** Where one of them moves to: Doha, Qatar, where nobody else lives. */
	const doha: Point = { lat: 25.2854, lng: 51.531 };
	const dohaBox = boxAround(doha);

	let a: Member; // public, neighbourhood
	let b: Member; // public, town
	let c: Member; // public, area: the third, who leaves in every way there is
	let member: Member;
	let moderator: Member;

	const anonymous: Caller = { name: 'an anonymous visitor', client: anonymousClient() };
	const asMember = (): Caller => ({ name: 'a member', client: member.client });

	beforeAll(async () => {
		a = await practitioner('A', baku, { precision: 'neighbourhood' });
		b = await practitioner(
			'B',
			{ lat: baku.lat + 0.003, lng: baku.lng + 0.003 },
			{ precision: 'town' }
		);
		[member, moderator] = await Promise.all([
			memberWithProfile('az-member'),
			memberWithProfile('az-moderator')
		]);
		await makeModerator(moderator);
	});

	/**
	 * Fails unless anonymous visitors count the three at the area cell's place and nowhere else, at
	 * every zoom: one place, at the centre of the public cell they read on the three's profiles.
	 */
	async function expectThreeAtTheAreaCell() {
		const view = await anonymousViewOf([a.id, b.id, c.id]);
		const cells = new Set([...view.values()].map((seen) => seen.public_cell));
		expect(cells.size, 'one public cell for the three').toBe(1);
		const { public_cell, public_lat, public_lng } = view.get(a.id)!;
		expect(public_cell).toHaveLength(CELL_LENGTH.area);
		const { centre } = cellBounds(public_cell!);
		expect(public_lat).toBeCloseTo(centre.lat, 5);
		expect(public_lng).toBeCloseTo(centre.lng, 5);
		for (const [zoom, counts] of (await countsAtEveryZoom(anonymous, box)).entries()) {
			expect(counts.total, `zoom ${zoom}`).toBe(3);
			expect(counts.counts, `zoom ${zoom}`).toEqual([atPoint(public_lat!, public_lng!, 3)]);
		}
		await expectCountsOf({ caller: anonymous, box, sees: [a, b, c] });
	}

	/** Fails unless anonymous visitors count nobody here at any zoom, while members count `left`. */
	async function expectHiddenFromAnonymous(left: Member[]) {
		await expectCountsOf({ caller: anonymous, box, sees: [] });
		await expectCountsOf({ caller: asMember(), box, sees: left });
	}

	it('never counts two public people alone in a country for anonymous visitors', async () => {
		await expectHiddenFromAnonymous([a, b]);
	});

	it('counts three at the area cell’s place once a third joins them', async () => {
		c = await practitioner('C', { lat: baku.lat - 0.003, lng: baku.lng - 0.003 });
		await expectThreeAtTheAreaCell();
	});

	it('hides the other two again when the third shows themself to members only', async () => {
		const { error } = await c.client
			.from('profiles')
			.update({ visibility: 'members' })
			.eq('id', c.id);
		expect(error).toBeNull();
		await expectHiddenFromAnonymous([a, b, c]);
		const back = await c.client.from('profiles').update({ visibility: 'public' }).eq('id', c.id);
		expect(back.error).toBeNull();
		await expectThreeAtTheAreaCell();
	});

	it('takes the other two out of the area cell when the third coarsens to the country', async () => {
		const { error } = await c.client
			.from('profiles')
			.update({ precision: 'country' })
			.eq('id', c.id);
		expect(error).toBeNull();
		// Three public people in the country still: all three at the country's own point, none at the
		// area cell's, at every zoom.
		const view = await anonymousViewOf([a.id, b.id, c.id]);
		for (const seen of view.values()) expect(seen.public_cell).toHaveLength(CELL_LENGTH.country);
		const { public_lat, public_lng } = view.get(a.id)!;
		for (const [zoom, counts] of (await countsAtEveryZoom(anonymous, box)).entries()) {
			expect(counts.counts, `zoom ${zoom}`).toEqual([atPoint(public_lat!, public_lng!, 3)]);
		}
		await expectCountsOf({ caller: anonymous, box, sees: [a, b, c] });
		await expectCountsOf({ caller: asMember(), box, sees: [a, b, c] });
		const back = await c.client.from('profiles').update({ precision: 'area' }).eq('id', c.id);
		expect(back.error).toBeNull();
		await expectThreeAtTheAreaCell();
	});

	it('hides the other two again when the third moves away, and the one who moved too', async () => {
		const away = await c.client.from('profile_locations').update(doha).eq('profile_id', c.id);
		expect(away.error).toBeNull();
		await expectHiddenFromAnonymous([a, b]);
		await expectCountsOf({ caller: anonymous, box: dohaBox, sees: [] });
		await expectCountsOf({ caller: asMember(), box: dohaBox, sees: [c] });
		const back = await c.client
			.from('profile_locations')
			.update({ lat: baku.lat - 0.003, lng: baku.lng - 0.003 })
			.eq('profile_id', c.id);
		expect(back.error).toBeNull();
		await expectThreeAtTheAreaCell();
	});

	it('hides the other two again while the third is suspended', async () => {
		await suspend(moderator, c);
		await expectHiddenFromAnonymous([a, b]);
		await lift(moderator, c);
		await expectThreeAtTheAreaCell();
	});

	it('hides the other two again when the third moves away and shows themself to members only in one save', async () => {
		const saved = await c.client.rpc('save_my_profile', {
			changes: { visibility: 'members' },
			point_lat: doha.lat,
			point_lng: doha.lng
		});
		expect(saved.error).toBeNull();
		await expectHiddenFromAnonymous([a, b]);
		await expectCountsOf({ caller: asMember(), box: dohaBox, sees: [c] });
		const back = await c.client.rpc('save_my_profile', {
			changes: { visibility: 'public' },
			point_lat: baku.lat - 0.003,
			point_lng: baku.lng - 0.003
		});
		expect(back.error).toBeNull();
		await expectThreeAtTheAreaCell();
	});

	it('hides the other two again while the third is taken off the map by undoing their onboarding', async () => {
		const { error } = await c.client.from('profiles').update({ onboarded_at: null }).eq('id', c.id);
		expect(error).toBeNull();
		await expectHiddenFromAnonymous([a, b]);
		const back = await c.client
			.from('profiles')
			.update({ onboarded_at: new Date().toISOString() })
			.eq('id', c.id);
		expect(back.error).toBeNull();
		await expectThreeAtTheAreaCell();
	});

	it('hides the other two again when the third deletes their account', async () => {
		const { error } = await c.client.rpc('delete_my_account');
		expect(error).toBeNull();
		await expectHiddenFromAnonymous([a, b]);
	});

	it('hides the other two again when an administrator removes a third’s account', async () => {
		c = await practitioner('C2', { lat: baku.lat - 0.003, lng: baku.lng - 0.003 });
		await expectThreeAtTheAreaCell();
		const { error } = await serviceClient().auth.admin.deleteUser(c.id);
		expect(error).toBeNull();
		await expectHiddenFromAnonymous([a, b]);
	});
});

describe('when someone moves (Dhaka and Narayanganj, Bangladesh)', () => {
	const practitioner = practitionersNamedWith(`bd${randomUUID().slice(0, 6)}`);
	const dhaka: Point = { lat: 23.7806, lng: 90.407 };
	/** Another area cell of the same region, about 20 km south-east. */
	const narayanganj: Point = { lat: 23.6238, lng: 90.5 };
	/** Dhaka's tile, from the Ganges to Chittagong: nobody else lives in it. */
	const box = boxHoldingTheTileOf(dhaka);
	const near = (point: Point, offset: number): Point => ({
		lat: point.lat + offset,
		lng: point.lng + offset
	});

	let mover: Member; // public, town, in Dhaka with three others, then in Narayanganj
	let inDhaka: Member[]; // three public and one members-only
	let inNarayanganj: Member[]; // three public
	let member: Member;

	beforeAll(async () => {
		// One after another: each placement recounts the public cells.
		mover = await practitioner('Mover', dhaka, { precision: 'town' });
		inDhaka = [];
		for (const [index, offset] of [0.002, -0.002, 0.004].entries()) {
			inDhaka.push(await practitioner(`Dhaka${index}`, near(dhaka, offset), { precision: 'town' }));
		}
		inDhaka.push(
			await practitioner('DhakaMember', near(dhaka, -0.004), {
				visibility: 'members',
				precision: 'town'
			})
		);
		inNarayanganj = [];
		for (const [index, offset] of [0, 0.002, -0.002].entries()) {
			inNarayanganj.push(
				await practitioner(`Narayanganj${index}`, near(narayanganj, offset), { precision: 'town' })
			);
		}
		member = await memberWithProfile('bd-member');
	});

	it('moves one from the old place’s count to the new one’s, for members and anonymous visitors, at every zoom', async () => {
		const callers = [
			{ caller: { name: 'an anonymous visitor', client: anonymousClient() }, public: true },
			{ caller: { name: 'a member', client: member.client }, public: false }
		];
		const everyone = [mover, ...inDhaka, ...inNarayanganj];
		const sees = (isPublic: boolean) =>
			everyone.filter((person) => !isPublic || person !== inDhaka[3]);
		/** The mover's cell as each caller reads it. */
		const cellsOfMover = async () => {
			const publicCell = (await anonymousViewOf([mover.id])).get(mover.id)!.public_cell!;
			const items = await itemsIn(callers[1].caller, box);
			const publishedCell = items.find((item) => item.id === mover.id)!.cell;
			return [publicCell, publishedCell];
		};

		const cellsBefore = await cellsOfMover();
		expect(cellsBefore.map((cell) => cell.length)).toEqual([CELL_LENGTH.area, CELL_LENGTH.town]);
		const before: ListedView[][] = [];
		for (const { caller, public: isPublic } of callers) {
			await expectCountsOf({ caller, box, sees: sees(isPublic) });
			before.push(await countsAtEveryZoom(caller, box));
		}

		const moved = await mover.client
			.from('profile_locations')
			.update(near(narayanganj, 0.004))
			.eq('profile_id', mover.id);
		expect(moved.error).toBeNull();

		const cellsAfter = await cellsOfMover();
		expect(cellsAfter.map((cell) => cell.length)).toEqual([CELL_LENGTH.area, CELL_LENGTH.town]);
		for (const [index, { caller, public: isPublic }] of callers.entries()) {
			await expectCountsOf({ caller, box, sees: sees(isPublic) });
			const after = await countsAtEveryZoom(caller, box);
			let apart = 0;
			for (const zoom of ZOOMS) {
				const from = cellsBefore[index].slice(0, zoom + 5);
				const to = cellsAfter[index].slice(0, zoom + 5);
				const what = `${caller.name} at zoom ${zoom}`;
				const change = (cell: string) =>
					countedWithin(after[zoom], cell) - countedWithin(before[index][zoom], cell);
				if (from === to) {
					expect(change(from), `${what}: one place for both`).toBe(0);
				} else {
					apart++;
					expect(change(from), `${what}: the place left`).toBe(-1);
					expect(change(to), `${what}: the place entered`).toBe(1);
				}
				expect(after[zoom].total, what).toBe(before[index][zoom].total);
			}
			// Both callers' cells part at their 11th character: from zoom 6 on.
			expect(apart, caller.name).toBe(ZOOMS.filter((zoom) => zoom >= 6).length);
		}
	});
});

describe('when two of four public people in one area cell leave at the same moment', () => {
	const leave: Statement = [
		`update public.profiles set visibility = 'members' where id = auth.uid()`
	];
	const anonymous: Caller = { name: 'an anonymous visitor', client: anonymousClient() };

	/**
	 * Four public people in one area cell around `point`, placed one after another so that each
	 * placement sees the others, and counted for anonymous visitors at one place.
	 */
	async function fourAround(point: Point, country: string): Promise<Member[]> {
		const practitioner = practitionersNamedWith(`${country}${randomUUID().slice(0, 6)}`);
		const four: Member[] = [];
		for (const [index, offset] of [0, 0.002, -0.002, 0.004].entries()) {
			four.push(
				await practitioner(
					`Four${index}`,
					{ lat: point.lat + offset, lng: point.lng - offset },
					{ precision: 'town' }
				)
			);
		}
		await expectCountsOf({ caller: anonymous, box: boxAround(point), sees: four });
		const [zoomZero] = await countsAtEveryZoom(anonymous, boxAround(point));
		expect(zoomZero.counts).toHaveLength(1);
		return four;
	}

	/** Fails unless anonymous visitors count nobody around `point`, and members all four. */
	async function expectTheTwoLeftHidden(point: Point, four: Member[]) {
		await expectCountsOf({ caller: anonymous, box: boxAround(point), sees: [] });
		const member = await memberWithProfile('four-member');
		await expectCountsOf({
			caller: { name: 'a member', client: member.client },
			box: boxAround(point),
			sees: four
		});
	}

	it('leaves the other two out of the anonymous counts when the second runs before the first commits (Managua, Nicaragua)', async () => {
		const managua: Point = { lat: 12.1364, lng: -86.2514 };
		const four = await fourAround(managua, 'ni');
		const [, , leave1, leave2] = four;
		const answers = await overlappingRequests(
			{ by: leave1, run: leave },
			{ by: leave2, run: leave }
		);
		expect(answers).toEqual([null, null]);
		await expectTheTwoLeftHidden(managua, four);
	}, 60_000);

	it('leaves the other two out of the anonymous counts when both commit at once (Guatemala City)', async () => {
		const guatemalaCity: Point = { lat: 14.6349, lng: -90.5069 };
		const four = await fourAround(guatemalaCity, 'gt');
		const [, , leave1, leave2] = four;
		const answers = await committingTogether(
			{ by: leave1, run: leave },
			{ by: leave2, run: leave }
		);
		expect(answers).toEqual([null, null]);
		await expectTheTwoLeftHidden(guatemalaCity, four);
	}, 60_000);
});
