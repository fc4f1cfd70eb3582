// Synthetic practitioners for the benchmarks (`bench:map`, `bench:db`): deterministic, clustered
// around the biggest gazetteer cities, seeded in set-based statements as a bulk import would be.
import pg from 'pg';

export interface Point {
	lat: number;
	lng: number;
}

/** How many of the biggest gazetteer places people cluster around. */
export const CITY_COUNT = 400;

/** The biggest gazetteer places, to put people around. */
export async function biggestCities(db: pg.Client) {
	const { rows } = await db.query<Point & { population: number }>(
		'select lat, lng, population from public.places order by population desc limit $1',
		[CITY_COUNT]
	);
	return rows;
}

/** Mulberry32: a small seeded PRNG, so every run places the same people in the same spots. */
export function seededRandom(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * People near big cities, more of them near bigger ones: a city is picked with probability
 * proportional to its population, then a point about 15 km (one standard deviation) from it.
 */
export function syntheticPoints({
	cities,
	count,
	seed
}: {
	cities: (Point & { population: number })[];
	count: number;
	seed: number;
}) {
	const random = seededRandom(seed);
	const cumulative: number[] = [];
	let total = 0;
	for (const city of cities) cumulative.push((total += city.population));
	const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	const points: Point[] = [];
	for (let i = 0; i < count; i++) {
		const pick = random() * total;
		let low = 0;
		let high = cumulative.length - 1;
		while (low < high) {
			const middle = (low + high) >> 1;
			if (cumulative[middle] < pick) low = middle + 1;
			else high = middle;
		}
		const city = cities[low];
		const lat = Math.max(-85, Math.min(85, city.lat + gaussian() * 0.14));
		const lngSpread = 0.14 / Math.max(0.2, Math.cos((city.lat * Math.PI) / 180));
		const lng = ((city.lng + gaussian() * lngSpread + 540) % 360) - 180;
		points.push({ lat, lng });
	}
	return points;
}

export const syntheticId = (index: number) =>
	`00000000-0000-4000-9000-${index.toString(16).padStart(12, '0')}`;

/**
 * Who the synthetic people are, beyond their points:
 * - `public`: everyone public at town precision, confirmed today (what `bench:map` draws);
 * - `members`: every fourth shares with members only, every third is open to crewing, and
 *   confirmations spread over a year (`bench:load`);
 * - `every-audience`: as many audiences and precisions as real people choose (`bench:db`): of
 *   every 20 people, 12 public, 5 members only and 3 crewmates only; by blocks of 20 (so that
 *   every audience meets every precision), 3 in 20 at neighbourhood precision, 7 at town, 5 at
 *   area, 3 at region and 2 at country; every third open to crewing; confirmations over a year.
 */
export type SyntheticMix = 'public' | 'members' | 'every-audience';

/** What synthetic person number `n` (from 1, as in their email and name) chose. */
export function syntheticChoices(n: number, mix: SyntheticMix) {
	const PRECISIONS = ['neighbourhood', 'town', 'area', 'region', 'country'] as const;
	const byBlock = Math.floor(n / 20) % 20;
	let visibility: 'public' | 'members' | 'crewmates' = 'public';
	if (mix === 'members' && n % 4 === 3) visibility = 'members';
	if (mix === 'every-audience') {
		visibility = n % 20 >= 17 ? 'crewmates' : n % 20 >= 12 ? 'members' : 'public';
	}
	return {
		visibility,
		precision:
			mix === 'every-audience'
				? PRECISIONS[[3, 10, 15, 18, 20].findIndex((below) => byBlock < below)]
				: 'town',
		openToCrewing: mix !== 'public' && n % 3 === 0,
		confirmedDaysAgo: mix === 'public' ? 0 : n % 365
	};
}

/** How many people one transaction adds: large enough to stay set-based, small enough for memory. */
export const SEED_BATCH = 50_000;

/**
 * Adds people `from`..`from + points.length - 1` in batches of SEED_BATCH, one transaction each:
 * their users, profiles and exact points (see addPractitioners), then one set-based publish of
 * the batch (private.publish_locations, as private.republish_all_locations does after a
 * gazetteer load). `onBatch` hears how many are in after each batch.
 */
export async function seedPractitioners({
	db,
	points,
	from,
	mix = 'public',
	onBatch
}: {
	db: pg.Client;
	points: Point[];
	from: number;
	mix?: SyntheticMix;
	onBatch?: (added: number) => void;
}) {
	for (let start = 0; start < points.length; start += SEED_BATCH) {
		await db.query('begin');
		const ids = await addPractitioners({
			db,
			points: points.slice(start, start + SEED_BATCH),
			from: from + start,
			mix
		});
		await db.query('select private.publish_locations($1::uuid[])', [ids]);
		await db.query('commit');
		onBatch?.(Math.min(points.length, start + SEED_BATCH));
	}
}

/**
 * Inserts people `from`..`from + points.length - 1`, unpublished, in the caller's transaction:
 * users (their trigger creates profiles), then their profiles and exact points with the per-row
 * publishing triggers off. Returns their ids, for the caller to publish.
 */
export async function addPractitioners({
	db,
	points,
	from,
	mix
}: {
	db: pg.Client;
	points: Point[];
	from: number;
	mix: SyntheticMix;
}) {
	const ids = points.map((_, i) => syntheticId(from + i));
	await db.query(
		`insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data,
			raw_user_meta_data, created_at, updated_at, is_anonymous)
		select id, 'authenticated', 'authenticated', 'bench-' || ($2::int + n) || '@example.test', now(),
			'{"provider":"email","providers":["email"]}',
			jsonb_build_object('display_name', 'Practitioner ' || ($2::int + n)), now(), now(), false
		from unnest($1::uuid[]) with ordinality as t(id, n)`,
		[ids, from]
	);
	// Superuser only: skips the per-row triggers that would publish each person one at a time.
	await db.query('set local session_replication_role = replica');
	const choices = ids.map((_, i) => syntheticChoices(from + i + 1, mix));
	await db.query(
		`update public.profiles p
		set visibility = t.visibility::public.profile_visibility,
			precision = t.precision::public.location_precision,
			open_to = case when t.open_to_crewing then '{crewing}' else '{}' end::public.openness[],
			onboarded_at = now(),
			last_confirmed_at = now() - make_interval(days => t.days_ago)
		from unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[], $5::int[])
			as t(id, visibility, precision, open_to_crewing, days_ago)
		where p.id = t.id`,
		[
			ids,
			choices.map((choice) => choice.visibility),
			choices.map((choice) => choice.precision),
			choices.map((choice) => choice.openToCrewing),
			choices.map((choice) => choice.confirmedDaysAgo)
		]
	);
	await db.query(
		`insert into public.profile_locations (profile_id, lat, lng)
		select * from unnest($1::uuid[], $2::float8[], $3::float8[])`,
		[ids, points.map((point) => point.lat), points.map((point) => point.lng)]
	);
	await db.query('set local session_replication_role = origin');
	return ids;
}
