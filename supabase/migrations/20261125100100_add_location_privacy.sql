-- Practitioner profiles with owner-controlled visibility and location privacy.
--
-- The guarantees this file makes true (DESIGN.md section 3):
-- 1. The exact point lives in public.profile_locations, readable and writable by its owner
--    only. Nothing else stores it.
-- 2. What others see is a deterministic grid cell (a Web Mercator quadkey; a coarser cell is a
--    prefix of a finer one) at the owner's precision, computed here whenever the point or the
--    precision changes: published_cell / published_lat / published_lng / place_label.
-- 3. Anonymous visitors have no privilege on those columns at all. They read public_cell /
--    public_lat / public_lng / public_place_label: never finer than `area`, and
-- 6. coarsened (area → region → country) until at least k = 3 publicly visible people share
--    the cell, or left empty.
-- 4. Who sees a profile is its visibility, enforced by the RLS policies below.
-- 7. A blocked person cannot see the blocker (private.is_blocked_from in every policy).

-- Vocabularies ------------------------------------------------------------------------------

create type public.location_precision as enum ('neighbourhood', 'town', 'area', 'region', 'country');
create type public.pathway_stage as enum ('curious', 'practising', 'hosting', 'weaving');
create type public.practice as enum (
	'crewing',
	'congregating',
	'facilitation',
	'hosting_gatherings',
	'conflict_work',
	'meaningful_work',
	'mentoring'
);
create type public.openness as enum ('crewing', 'hosting_a_crew', 'gatherings', 'mentoring', 'collaborating');

-- Grid cells ---------------------------------------------------------------------------------

-- The zoom level of each precision: cell widths at the equator of about 1.2, 4.9, 20, 78 and
-- 1,250 km.
create function private.precision_zoom(level public.location_precision) returns integer
	language sql
	immutable
	strict
	set search_path = ''
	as $$
	select case level
		when 'neighbourhood' then 15
		when 'town' then 13
		when 'area' then 11
		when 'region' then 9
		when 'country' then 5
	end
$$;

-- The quadkey of the Web Mercator tile holding a point at a zoom level. Latitudes beyond the
-- projection's limit are clamped; longitude 180 is the same meridian as -180.
create function private.cell_at(lat double precision, lng double precision, zoom integer)
	returns text
	language plpgsql
	immutable
	strict
	set search_path = ''
	as $$
declare
	tiles bigint := 1::bigint << zoom;
	clamped double precision := greatest(least(lat, 85.05112878), -85.05112878);
	x bigint;
	y bigint;
	key text := '';
	mask bigint;
begin
	x := floor((lng + 180.0) / 360.0 * tiles)::bigint;
	x := ((x % tiles) + tiles) % tiles;
	y := floor(
		(1.0 - ln(tan(radians(clamped)) + 1.0 / cos(radians(clamped))) / pi()) / 2.0 * tiles
	)::bigint;
	y := greatest(least(y, tiles - 1), 0);
	for bit in reverse zoom..1 loop
		mask := 1::bigint << (bit - 1);
		key := key || ((case when x & mask <> 0 then 1 else 0 end)
			+ (case when y & mask <> 0 then 2 else 0 end))::text;
	end loop;
	return key;
end;
$$;

-- The centre of a cell, in Mercator space (so the centre of the tile as drawn on the map).
create function private.cell_centre(cell text, out lat double precision, out lng double precision)
	language plpgsql
	immutable
	strict
	set search_path = ''
	as $$
declare
	zoom integer := char_length(cell);
	tiles double precision := power(2, char_length(cell));
	x bigint := 0;
	y bigint := 0;
	digit integer;
begin
	for position in 1..zoom loop
		digit := substr(cell, position, 1)::integer;
		x := (x << 1) | (digit & 1);
		y := (y << 1) | ((digit >> 1) & 1);
	end loop;
	lng := (x + 0.5) / tiles * 360.0 - 180.0;
	lat := degrees(atan(sinh(pi() * (1.0 - 2.0 * (y + 0.5) / tiles))));
end;
$$;

-- The words shown with a cell: the nearest gazetteer place to the cell's centre (never to the
-- exact point), with bigger places for coarser cells. Country-level labels are the country's
-- name (see private.publish_locations).
create function private.cell_label(cell text, level public.location_precision)
	returns text
	language plpgsql
	stable
	strict
	set search_path = ''
	as $$
declare
	centre record := private.cell_centre(cell);
	nearest record;
begin
	select p.name, p.country_code
	into nearest
	from public.places p
	where p.population >= case level when 'area' then 15000 when 'region' then 100000 else 0 end
	order by p.earth operator(extensions.<->) extensions.ll_to_earth(centre.lat, centre.lng)
	limit 1;
	if not found then
		return null;
	end if;
	return case level
		when 'area' then format('%s area, %s', nearest.name, nearest.country_code)
		when 'region' then format('around %s, %s', nearest.name, nearest.country_code)
		else format('near %s, %s', nearest.name, nearest.country_code)
	end;
end;
$$;

-- The country a point is in, as the country of the nearest gazetteer place. Used only at
-- country granularity, which is coarser than any cell.
create function private.country_at(lat double precision, lng double precision) returns char(2)
	language sql
	stable
	set search_path = ''
	as $$
	select p.country_code
	from public.places p
	order by p.earth operator(extensions.<->) extensions.ll_to_earth(country_at.lat, country_at.lng)
	limit 1
$$;

-- Profiles -------------------------------------------------------------------------------------

alter table public.profiles
	add column pronouns text check (char_length(pronouns) <= 40),
	add column languages text[] not null default '{}' check (cardinality(languages) <= 10),
	add column interests text[] not null default '{}' check (cardinality(interests) <= 20),
	add column practices public.practice[] not null default '{}',
	add column pathway_stage public.pathway_stage,
	add column open_to public.openness[] not null default '{}',
	add column offers text[] not null default '{}' check (cardinality(offers) <= 10),
	add column needs text[] not null default '{}' check (cardinality(needs) <= 10),
	add column website text check (website ~ '^https?://' and char_length(website) <= 200),
	add column discord_handle text check (char_length(discord_handle) <= 40),
	add column precision public.location_precision not null default 'area',
	-- Null until the owner has saved the onboarding: until then nobody else sees the profile.
	add column onboarded_at timestamptz,
	add column last_confirmed_at timestamptz,
	add column published_cell text,
	add column published_earth extensions.earth,
	add column published_country char(2),
	add column public_cell text,
	add column public_lat double precision,
	add column public_lng double precision,
	add column public_place_label text,
	add column public_earth extensions.earth;

-- Array elements have limits of their own, checked here because CHECK cannot loop.
create function private.all_shorter_than(items text[], max_length integer) returns boolean
	language sql
	immutable
	strict
	set search_path = ''
	as $$
	select coalesce(bool_and(char_length(item) between 1 and max_length), true) from unnest(items) item
$$;

alter table public.profiles
	add constraint profiles_languages_length check (private.all_shorter_than(languages, 40)),
	add constraint profiles_interests_length check (private.all_shorter_than(interests, 40)),
	add constraint profiles_offers_length check (private.all_shorter_than(offers, 120)),
	add constraint profiles_needs_length check (private.all_shorter_than(needs, 120));

create index profiles_published_earth_idx on public.profiles using gist (published_earth);
create index profiles_public_earth_idx on public.profiles using gist (public_earth);
create index profiles_published_country_idx on public.profiles (published_country)
	where visibility = 'public';

-- The exact point: its owner's alone.
create table public.profile_locations (
	profile_id uuid primary key default auth.uid() references public.profiles (id) on delete cascade,
	lat double precision not null check (lat between -90 and 90),
	lng double precision not null check (lng between -180 and 180),
	updated_at timestamptz not null default now()
);

comment on table public.profile_locations is
	'The exact point a practitioner placed themselves at. Readable and writable by its owner only.';

alter table public.profile_locations enable row level security;
revoke all on public.profile_locations from anon, authenticated;
grant select, insert, update, delete on public.profile_locations to authenticated;

create policy "owners can see their exact location"
	on public.profile_locations for select
	to authenticated
	using (profile_id = (select auth.uid()));

create policy "owners can place themselves"
	on public.profile_locations for insert
	to authenticated
	with check (profile_id = (select auth.uid()));

create policy "owners can move themselves"
	on public.profile_locations for update
	to authenticated
	using (profile_id = (select auth.uid()))
	with check (profile_id = (select auth.uid()));

create policy "owners can take themselves off the map"
	on public.profile_locations for delete
	to authenticated
	using (profile_id = (select auth.uid()));

-- Blocks ----------------------------------------------------------------------------------------

create table public.blocks (
	blocker_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
	blocked_id uuid not null references public.profiles (id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (blocker_id, blocked_id),
	check (blocker_id <> blocked_id)
);

create index blocks_blocked_idx on public.blocks (blocked_id, blocker_id);

comment on table public.blocks is 'Who blocked whom. Only the blocker sees a block.';

alter table public.blocks enable row level security;
revoke all on public.blocks from anon, authenticated;
grant select, insert (blocked_id), delete on public.blocks to authenticated;

create policy "blockers see their blocks"
	on public.blocks for select
	to authenticated
	using (blocker_id = (select auth.uid()));

create policy "members can block"
	on public.blocks for insert
	to authenticated
	with check (blocker_id = (select auth.uid()));

create policy "blockers can unblock"
	on public.blocks for delete
	to authenticated
	using (blocker_id = (select auth.uid()));

-- Whether the requester is blocked by a profile's owner. SECURITY DEFINER because the blocked
-- person must not be able to read the block itself.
create function private.is_blocked_from(owner uuid) returns boolean
	language sql
	stable
	security definer
	set search_path = ''
	as $$
	select exists (
		select 1 from public.blocks
		where blocker_id = owner and blocked_id = (select auth.uid())
	)
$$;

-- A signed-in practitioner: Supabase's anonymous sign-ins also carry the authenticated role,
-- but they are strangers, not members.
create function private.is_member() returns boolean
	language sql
	stable
	set search_path = ''
	as $$
	select (select auth.role()) = 'authenticated'
		and not coalesce(((select auth.jwt()) ->> 'is_anonymous')::boolean, false)
$$;

-- Crews arrive with a later issue; until then nobody shares a crew, so 'crewmates' profiles
-- are seen by their owner only. The policy already asks this function.
create function private.shares_crew(other uuid) returns boolean
	language sql
	stable
	security definer
	set search_path = ''
	as $$
	select false
$$;

grant usage on schema private to authenticated;
grant execute on function private.is_member() to authenticated;
-- Who sees a profile ----------------------------------------------------------------------------

drop policy "anyone can see public profiles" on public.profiles;
drop policy "members can see profiles shared with members" on public.profiles;
drop policy "owners can create their own profile" on public.profiles;

create policy "anyone can see public profiles"
	on public.profiles for select
	to anon
	using (visibility = 'public' and onboarded_at is not null);

create policy "members see what is shared with them"
	on public.profiles for select
	to authenticated
	using (
		onboarded_at is not null
		and (
			visibility = 'public'
			or visibility = 'members' and private.is_member()
			or (visibility = 'crewmates' and private.shares_crew(id))
		)
		and not private.is_blocked_from(id)
	);

-- Column privileges: anonymous visitors never get the owner-precision columns, so no filter,
-- ordering or embedding can reach them; members do (RLS still decides which rows).
revoke all on public.profiles from anon, authenticated;
grant select (
	id, display_name, bio, pronouns, languages, interests, practices, pathway_stage, open_to,
	offers, needs, website, discord_handle, visibility, precision, onboarded_at,
	last_confirmed_at, created_at, updated_at,
	public_cell, public_lat, public_lng, public_place_label, public_earth
) on public.profiles to anon;
grant select (
	id, display_name, bio, pronouns, languages, interests, practices, pathway_stage, open_to,
	offers, needs, website, discord_handle, visibility, precision, onboarded_at,
	last_confirmed_at, created_at, updated_at,
	public_cell, public_lat, public_lng, public_place_label, public_earth,
	published_cell, published_lat, published_lng, place_label, published_earth, published_country
) on public.profiles to authenticated;
grant update (
	display_name, bio, pronouns, languages, interests, practices, pathway_stage, open_to,
	offers, needs, website, discord_handle, visibility, precision, onboarded_at
) on public.profiles to authenticated;
-- Profiles are created with the account (below) and removed with it, by delete_my_account:
-- a profile deleted on its own would leave an account that can never have one again.
drop policy "owners can delete their own profile" on public.profiles;

-- The owner says "I'm in" by setting onboarded_at; the database decides the time.
create function private.stamp_onboarding() returns trigger
	language plpgsql
	set search_path = ''
	as $$
begin
	if new.onboarded_at is distinct from old.onboarded_at then
		new.onboarded_at := case when new.onboarded_at is null then null else now() end;
	end if;
	return new;
end;
$$;

create trigger profiles_stamp_onboarding
	before update of onboarded_at on public.profiles
	for each row execute function private.stamp_onboarding();

-- A profile for every new account -------------------------------------------------------------

create function private.create_profile_for_new_user() returns trigger
	language plpgsql
	security definer
	set search_path = ''
	as $$
begin
	insert into public.profiles (id, display_name)
	values (
		new.id,
		left(coalesce(
			nullif(btrim(new.raw_user_meta_data ->> 'display_name'), ''),
			nullif(split_part(new.email, '@', 1), ''),
			'New practitioner'
		), 80)
	)
	on conflict (id) do nothing;
	return new;
end;
$$;

create trigger on_auth_user_created
	after insert on auth.users
	for each row execute function private.create_profile_for_new_user();

-- Publishing cells ------------------------------------------------------------------------------

-- What anonymous visitors see of everyone public in the given countries: the finest of area,
-- region and country (never finer than the owner's own precision) at which at least three
-- publicly visible people of that country share the cell. Fewer than three in the whole
-- country: not shown to anonymous visitors at all.
create function private.refresh_public_cells(country_codes text[]) returns void
	language plpgsql
	security definer
	set search_path = ''
	as $$
begin
	with candidates as (
		select id, published_cell, published_country
		from public.profiles
		where visibility = 'public'
			and onboarded_at is not null
			and published_cell is not null
			and published_country = any (country_codes)
	),
	-- Zoom 0 stands for the whole country.
	levels (zoom, level) as (
		values (11, 'area'::public.location_precision), (9, 'region'), (0, 'country')
	),
	keyed as (
		select candidates.id, candidates.published_country, levels.zoom, levels.level,
			case when levels.zoom = 0 then candidates.published_country
				else left(candidates.published_cell, levels.zoom) end as cell_key
		from candidates
		join levels on levels.zoom = 0 or char_length(candidates.published_cell) >= levels.zoom
	),
	counts as (
		select published_country, zoom, cell_key, count(*) as people
		from keyed
		group by 1, 2, 3
	),
	chosen as (
		select distinct on (keyed.id) keyed.id, keyed.published_country, keyed.zoom, keyed.level, keyed.cell_key
		from keyed
		join counts using (published_country, zoom, cell_key)
		where counts.people >= 3
		order by keyed.id, keyed.zoom desc
	),
	placed as (
		select chosen.id,
			case when chosen.zoom = 0 then private.cell_at(c.lat, c.lng, 5) else chosen.cell_key end as cell,
			case when chosen.zoom = 0 then c.lat else centre.lat end as lat,
			case when chosen.zoom = 0 then c.lng else centre.lng end as lng,
			case when chosen.zoom = 0 then c.name else private.cell_label(chosen.cell_key, chosen.level) end as label
		from chosen
		join public.countries c on c.code = chosen.published_country
		left join lateral private.cell_centre(case when chosen.zoom > 0 then chosen.cell_key end) centre on true
	),
	-- Everyone of these countries: the chosen get their cell, everyone else none; and nobody
	-- who is no longer public or placed keeps one.
	shown as (
		select p.id, placed.cell, placed.lat, placed.lng, placed.label
		from public.profiles p
		left join placed on placed.id = p.id
		where p.published_country = any (country_codes)
			or (
				p.public_cell is not null
				and (p.published_cell is null or p.visibility <> 'public' or p.onboarded_at is null)
			)
	)
	update public.profiles p
	set
		public_cell = shown.cell,
		public_lat = shown.lat,
		public_lng = shown.lng,
		public_place_label = shown.label,
		public_earth = extensions.ll_to_earth(shown.lat, shown.lng)
	from shown
	where p.id = shown.id
		and (p.public_cell, p.public_place_label) is distinct from (shown.cell, shown.label);
end;
$$;

-- Recomputes the published cells of these people from their exact points and precisions, then
-- what anonymous visitors see in the countries they left and entered. Set-based, so reloading
-- the gazetteer republishes everyone in one statement.
create function private.publish_locations(profile_ids uuid[]) returns void
	language plpgsql
	security definer
	set search_path = ''
	as $$
declare
	countries_before text[];
	countries_after text[];
begin
	select coalesce(array_agg(distinct published_country) filter (where published_country is not null), '{}')
	into countries_before
	from public.profiles where id = any (profile_ids);

	with located as (
		select p.id, p.precision, l.lat, l.lng, private.country_at(l.lat, l.lng) as country
		from public.profiles p
		left join public.profile_locations l on l.profile_id = p.id
		where p.id = any (profile_ids)
	),
	cells as (
		select located.id, located.precision, located.country,
			case
				when located.lat is null then null
				when located.precision = 'country' and c.code is not null then private.cell_at(c.lat, c.lng, 5)
				else private.cell_at(located.lat, located.lng, private.precision_zoom(located.precision))
			end as cell,
			c.name as country_name, c.lat as country_lat, c.lng as country_lng
		from located
		left join public.countries c on c.code = located.country
	),
	published as (
		select cells.id, cells.cell, cells.country,
			case when cells.precision = 'country' and cells.country_name is not null then cells.country_lat else centre.lat end as lat,
			case when cells.precision = 'country' and cells.country_name is not null then cells.country_lng else centre.lng end as lng,
			case when cells.precision = 'country' then cells.country_name
				else private.cell_label(cells.cell, cells.precision) end as label
		from cells
		left join lateral private.cell_centre(cells.cell) centre on true
	)
	update public.profiles p
	set
		published_cell = published.cell,
		published_lat = published.lat,
		published_lng = published.lng,
		published_earth = extensions.ll_to_earth(published.lat, published.lng),
		published_country = case when published.cell is null then null else published.country end,
		place_label = published.label
	from published
	where p.id = published.id;

	select coalesce(array_agg(distinct published_country) filter (where published_country is not null), '{}')
	into countries_after
	from public.profiles where id = any (profile_ids);

	perform private.refresh_public_cells(countries_before || countries_after);
end;
$$;

create function private.on_location_change() returns trigger
	language plpgsql
	security definer
	set search_path = ''
	as $$
begin
	perform private.publish_locations(array[coalesce(new.profile_id, old.profile_id)]);
	return null;
end;
$$;

-- Whoever leaves, however (an administrator removing the account, a cascade), the people who
-- stay are recounted.
create function private.on_profiles_deleted() returns trigger
	language plpgsql
	security definer
	set search_path = ''
	as $$
begin
	perform private.refresh_public_cells(array(
		select distinct published_country::text from removed where published_country is not null
	));
	return null;
end;
$$;

create trigger profiles_refresh_public_cells_on_delete
	after delete on public.profiles
	referencing old table as removed
	for each statement execute function private.on_profiles_deleted();

-- Changes to who anonymous visitors see where are made one at a time: two people leaving a cell
-- in concurrent transactions would each still count the other and leave the rest shown too
-- finely. Taken before any row is written, so it cannot deadlock.
create function private.lock_public_cells() returns trigger
	language plpgsql
	set search_path = ''
	as $$
begin
	perform pg_advisory_xact_lock(hashtext('private.refresh_public_cells'));
	return null;
end;
$$;

create trigger profile_locations_lock_public_cells
	before insert or update or delete on public.profile_locations
	for each statement execute function private.lock_public_cells();

create trigger profiles_lock_public_cells
	before update of precision, visibility, onboarded_at or delete on public.profiles
	for each statement execute function private.lock_public_cells();

create trigger profile_locations_publish
	after insert or update or delete on public.profile_locations
	for each row execute function private.on_location_change();

create function private.on_profile_audience_change() returns trigger
	language plpgsql
	security definer
	set search_path = ''
	as $$
begin
	perform private.publish_locations(array[new.id]);
	return null;
end;
$$;

create trigger profiles_publish_on_audience_change
	after update of precision, visibility, onboarded_at on public.profiles
	for each row
	when (
		old.precision is distinct from new.precision
		or old.visibility is distinct from new.visibility
		or (old.onboarded_at is null) is distinct from (new.onboarded_at is null)
	)
	execute function private.on_profile_audience_change();

-- Skeleton rows had a published point and no exact one: keep them where they were, as area
-- cells, and count them as onboarded.
insert into public.profile_locations (profile_id, lat, lng)
select id, published_lat, published_lng from public.profiles where published_lat is not null;
update public.profiles set onboarded_at = created_at where onboarded_at is null;

-- RPCs for the app ------------------------------------------------------------------------------

-- Everyone the caller may see in a bounding box, at the caller's audience precision. A box
-- whose west edge is east of its east edge crosses the antimeridian.
create function public.map_points(
	min_lat double precision,
	min_lng double precision,
	max_lat double precision,
	max_lng double precision
)
	returns table (
		id uuid,
		display_name text,
		lat double precision,
		lng double precision,
		cell text,
		place_label text
	)
	language plpgsql
	stable
	set search_path = ''
	as $$
begin
	-- Two queries, not one with CASE: anonymous callers have no privilege on the published_*
	-- columns, and PostgreSQL checks column privileges for every column a query names.
	-- A member, as private.is_member() says (inlined: anonymous callers cannot use private).
	if (select auth.role()) = 'authenticated'
		and not coalesce(((select auth.jwt()) ->> 'is_anonymous')::boolean, false) then
		return query
		select p.id, p.display_name, p.published_lat, p.published_lng, p.published_cell, p.place_label
		from public.profiles p
		where p.published_lat between min_lat and max_lat
			and (
				(min_lng <= max_lng and p.published_lng between min_lng and max_lng)
				or (min_lng > max_lng and (p.published_lng >= min_lng or p.published_lng <= max_lng))
			)
		order by p.published_cell, p.id;
	else
		return query
		select p.id, p.display_name, p.public_lat, p.public_lng, p.public_cell, p.public_place_label
		from public.profiles p
		where p.public_lat between min_lat and max_lat
			and (
				(min_lng <= max_lng and p.public_lng between min_lng and max_lng)
				or (min_lng > max_lng and (p.public_lng >= min_lng or p.public_lng <= max_lng))
			)
		order by p.public_cell, p.id;
	end if;
end;
$$;

-- The nearest practitioners to a point, by their cells; distances rounded to the cell's size
-- (1, 5, 20, 100 or 1000 km), so they never say more than the cell.
create function public.nearby_practitioners(
	lat double precision,
	lng double precision,
	max_results integer default 20
)
	returns table (id uuid, display_name text, place_label text, distance_km integer)
	language plpgsql
	stable
	set search_path = ''
	as $$
declare
	origin extensions.earth := extensions.ll_to_earth(lat, lng);
	wanted integer := least(greatest(max_results, 1), 100);
begin
	-- As in map_points: one query per audience, for column privileges.
	-- A member, as private.is_member() says (inlined: anonymous callers cannot use private).
	if (select auth.role()) = 'authenticated'
		and not coalesce(((select auth.jwt()) ->> 'is_anonymous')::boolean, false) then
		return query
		select p.id, p.display_name, p.place_label,
			(greatest(round(extensions.earth_distance(p.published_earth, origin) / 1000.0 / size.km), 1) * size.km)::integer
		from public.profiles p,
			lateral (select case char_length(p.published_cell)
				when 15 then 1 when 13 then 5 when 11 then 20 when 9 then 100 else 1000 end as km) size
		where p.published_earth is not null
		order by p.published_earth operator(extensions.<->) origin, p.id
		limit wanted;
	else
		return query
		select p.id, p.display_name, p.public_place_label,
			(greatest(round(extensions.earth_distance(p.public_earth, origin) / 1000.0 / size.km), 1) * size.km)::integer
		from public.profiles p,
			lateral (select case char_length(p.public_cell)
				when 11 then 20 when 9 then 100 else 1000 end as km) size
		where p.public_earth is not null
		order by p.public_earth operator(extensions.<->) origin, p.id
		limit wanted;
	end if;
end;
$$;

-- What people would see of the caller at each precision, for the onboarding's preview.
create function public.place_labels_for(lat double precision, lng double precision)
	returns table (
		"precision" public.location_precision,
		cell text,
		lat double precision,
		lng double precision,
		label text
	)
	language sql
	stable
	security definer
	set search_path = ''
	as $$
	select level,
		case when level = 'country' then private.cell_at(c.lat, c.lng, 5) else cell end,
		case when level = 'country' then c.lat else centre.lat end,
		case when level = 'country' then c.lng else centre.lng end,
		case when level = 'country' then c.name else private.cell_label(cell, level) end
	from unnest(enum_range(null::public.location_precision)) level
	cross join private.cell_at(place_labels_for.lat, place_labels_for.lng, private.precision_zoom(level)) cell
	cross join private.cell_centre(cell) centre
	left join public.countries c on c.code = private.country_at(place_labels_for.lat, place_labels_for.lng)
$$;

create function public.confirm_still_here() returns timestamptz
	language sql
	security definer
	set search_path = ''
	as $$
	update public.profiles set last_confirmed_at = now()
	where id = (select auth.uid())
	returning last_confirmed_at
$$;

-- Deleting the account removes everything of the person at once: the profile, the exact
-- location and blocks cascade from auth.users.
create function public.delete_my_account() returns void
	language plpgsql
	security definer
	set search_path = ''
	as $$
declare
	me uuid := (select auth.uid());
begin
	if me is null then
		raise exception 'Sign in to delete your account.' using errcode = '42501';
	end if;
	-- The profile, exact location and blocks cascade; the profiles delete trigger recounts
	-- who anonymous visitors may still see.
	delete from auth.users where id = me;
end;
$$;

-- Everything stored about the caller, for "export my data".
create function public.export_my_data() returns jsonb
	language sql
	stable
	security definer
	set search_path = ''
	as $$
	select jsonb_build_object(
		'exported_at', now(),
		'account', (
			select jsonb_build_object('id', u.id, 'email', u.email, 'created_at', u.created_at,
				'last_sign_in_at', u.last_sign_in_at)
			from auth.users u where u.id = (select auth.uid())
		),
		'profile', (
			select to_jsonb(p) - 'published_earth' - 'public_earth'
			from public.profiles p where p.id = (select auth.uid())
		),
		'exact_location', (
			select to_jsonb(l) from public.profile_locations l where l.profile_id = (select auth.uid())
		),
		'blocks', coalesce((
			select jsonb_agg(jsonb_build_object('blocked_id', b.blocked_id, 'created_at', b.created_at))
			from public.blocks b where b.blocker_id = (select auth.uid())
		), '[]'::jsonb)
	)
	where (select auth.uid()) is not null
$$;

-- Who may call what: anonymous visitors the three read-only searches; members also their own
-- account's actions.
revoke execute on all functions in schema public from public, anon, authenticated;
revoke execute on all functions in schema private from public, anon, authenticated;
grant execute on function public.search_places(text, integer) to anon, authenticated;
grant execute on function public.map_points(double precision, double precision, double precision, double precision) to anon, authenticated;
grant execute on function public.nearby_practitioners(double precision, double precision, integer) to anon, authenticated;
grant execute on function public.place_labels_for(double precision, double precision) to authenticated;
grant execute on function public.confirm_still_here() to authenticated;
grant execute on function public.delete_my_account() to authenticated;
grant execute on function public.export_my_data() to authenticated;
grant execute on function private.is_blocked_from(uuid), private.shares_crew(uuid), private.is_member() to authenticated;
grant execute on function private.all_shorter_than(text[], integer) to authenticated;

-- After the gazetteer is (re)loaded, every label is recomputed from the new places.
create function private.republish_all_locations() returns void
	language plpgsql
	security definer
	set search_path = ''
	as $$
begin
	perform pg_advisory_xact_lock(hashtext('private.refresh_public_cells'));
	perform private.publish_locations(array(select id from public.profiles));
end;
$$;

revoke execute on function private.republish_all_locations() from public, anon, authenticated;
