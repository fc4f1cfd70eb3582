-- Practitioners on the map, and the privacy of where they live (DESIGN.md section 3).
--
-- The guarantees this file makes true:
-- 1. The exact point lives in public.profile_locations, readable and writable by its owner
--    only. Nothing else stores it.
-- 2. What others see is a deterministic grid cell (a Web Mercator quadkey; a coarser cell is a
--    prefix of a finer one) at the owner's precision, computed here whenever the point or the
--    precision changes: published_cell / published_lat / published_lng / place_label.
-- 3. Anonymous visitors have no privilege on those columns at all. They read public_cell /
--    public_lat / public_lng / public_place_label: never finer than `area`, and
-- 6. coarsened (area → region → country) until at least k = 3 publicly visible people share
--    the cell, or left empty.
-- 4. Who sees a profile is its visibility, enforced by the RLS policies below (and, for
--    crewmates, by the policy that comes with crews).
-- 7. A blocked person cannot see the blocker: every read policy on profiles leaves out the
--    people who blocked the caller.

-- Vocabularies ------------------------------------------------------------------------------

create type public.profile_visibility as enum ('public', 'members', 'crewmates', 'only_me');
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
	language sql immutable strict set search_path = ''
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
	language plpgsql immutable strict set search_path = ''
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
	language plpgsql immutable strict set search_path = ''
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
-- name (see private.place_at).
create function private.cell_label(cell text, level public.location_precision)
	returns text
	language plpgsql stable strict set search_path = ''
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
	language sql stable set search_path = ''
	as $$
	select p.country_code
	from public.places p
	order by p.earth operator(extensions.<->) extensions.ll_to_earth(country_at.lat, country_at.lng)
	limit 1
$$;

-- Where a point is published at a precision, and what that place is called: the centre of its
-- cell, or at country precision the country's own point and name (its largest city, so that a
-- country dot never hints at which part of the country someone is in).
create function private.place_at(
	lat double precision,
	lng double precision,
	level public.location_precision,
	out cell text,
	out centre_lat double precision,
	out centre_lng double precision,
	out label text,
	out country char(2)
)
	language sql stable strict set search_path = ''
	as $$
	select
		case when place_at.level = 'country' and c.code is not null then private.cell_at(c.lat, c.lng, 5)
			else here.cell end,
		case when place_at.level = 'country' and c.code is not null then c.lat else centre.lat end,
		case when place_at.level = 'country' and c.code is not null then c.lng else centre.lng end,
		case when place_at.level = 'country' then c.name
			else private.cell_label(here.cell, place_at.level) end,
		found.code
	from (select private.country_at(place_at.lat, place_at.lng) as code) found
	left join public.countries c on c.code = found.code
	cross join lateral (
		select private.cell_at(place_at.lat, place_at.lng, private.precision_zoom(place_at.level)) as cell
	) here
	cross join lateral private.cell_centre(here.cell) centre
$$;

-- Profiles -------------------------------------------------------------------------------------

-- Keeps a row's updated_at (of profiles here, and of groups and gatherings).
create function private.touch_updated_at() returns trigger
	language plpgsql set search_path = ''
	as $$
begin
	new.updated_at := now();
	return new;
end;
$$;

-- Array elements have limits of their own, checked here because CHECK cannot loop.
create function private.all_shorter_than(items text[], max_length integer) returns boolean
	language sql immutable strict set search_path = ''
	as $$
	select coalesce(bool_and(char_length(item) between 1 and max_length), true) from unnest(items) item
$$;

create table public.profiles (
	id uuid primary key references auth.users (id) on delete cascade,
	-- Empty until the owner names themselves while onboarding (an account's email says nothing
	-- about the name someone wants to be known by); required from then on.
	display_name text not null default '' check (char_length(btrim(display_name)) <= 80),
	bio text not null default '' check (char_length(bio) <= 280),
	-- Private-leaning default: a new profile is seen by signed-in members only.
	visibility public.profile_visibility not null default 'members',
	published_lat double precision check (published_lat between -90 and 90),
	published_lng double precision check (published_lng between -180 and 180),
	place_label text check (char_length(place_label) <= 120),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	pronouns text check (char_length(pronouns) <= 40),
	languages text[] not null default '{}' check (cardinality(languages) <= 10),
	interests text[] not null default '{}' check (cardinality(interests) <= 20),
	practices public.practice[] not null default '{}',
	pathway_stage public.pathway_stage,
	open_to public.openness[] not null default '{}',
	offers text[] not null default '{}' check (cardinality(offers) <= 10),
	needs text[] not null default '{}' check (cardinality(needs) <= 10),
	website text check (website ~ '^https?://' and char_length(website) <= 200),
	discord_handle text check (char_length(discord_handle) <= 40),
	precision public.location_precision not null default 'area',
	-- Null until the owner has saved the onboarding: until then nobody else sees the profile.
	onboarded_at timestamptz,
	last_confirmed_at timestamptz,
	published_cell text,
	published_earth extensions.earth,
	published_country char(2),
	public_cell text,
	public_lat double precision,
	public_lng double precision,
	public_place_label text,
	public_earth extensions.earth,
	check ((published_lat is null) = (published_lng is null)),
	constraint profiles_named_when_listed check (onboarded_at is null or btrim(display_name) <> ''),
	constraint profiles_languages_length check (private.all_shorter_than(languages, 40)),
	constraint profiles_interests_length check (private.all_shorter_than(interests, 40)),
	constraint profiles_offers_length check (private.all_shorter_than(offers, 120)),
	constraint profiles_needs_length check (private.all_shorter_than(needs, 120))
);

comment on table public.profiles is 'A practitioner on the network map. Visibility is enforced by RLS.';
comment on column public.profiles.updated_at is
	'When the row last changed, including republished cells after a move. Not readable through '
	'the API (it would tell others when someone moved or edited); the owner gets it in '
	'export_my_data.';

create index profiles_published_earth_idx on public.profiles using gist (published_earth);
create index profiles_public_earth_idx on public.profiles using gist (public_earth);
create index profiles_published_country_idx on public.profiles (published_country)
	where visibility = 'public';
-- The map's box queries: a range on latitude, longitude checked in the index (a whole-world box
-- scans the table instead). Partial, as people off the map have no point.
create index profiles_published_lat_lng_idx on public.profiles (published_lat, published_lng)
	where published_lat is not null;
create index profiles_public_lat_lng_idx on public.profiles (public_lat, public_lng)
	where public_lat is not null;

alter table public.profiles enable row level security;

-- Column privileges: anonymous visitors never get the owner-precision columns, so no filter,
-- ordering or embedding can reach them; members do (RLS still decides which rows). Nobody reads
-- updated_at. Profiles are created with the account (below) and removed with it, by
-- delete_my_account: a profile deleted on its own would leave an account that can never have
-- one again, so there is no insert or delete.
revoke all on public.profiles from anon, authenticated;
grant select (
	id, display_name, bio, pronouns, languages, interests, practices, pathway_stage, open_to,
	offers, needs, website, discord_handle, visibility, precision, onboarded_at,
	last_confirmed_at, created_at,
	public_cell, public_lat, public_lng, public_place_label, public_earth
) on public.profiles to anon;
grant select (
	id, display_name, bio, pronouns, languages, interests, practices, pathway_stage, open_to,
	offers, needs, website, discord_handle, visibility, precision, onboarded_at,
	last_confirmed_at, created_at,
	public_cell, public_lat, public_lng, public_place_label, public_earth,
	published_cell, published_lat, published_lng, place_label, published_earth, published_country
) on public.profiles to authenticated;
grant update (
	display_name, bio, pronouns, languages, interests, practices, pathway_stage, open_to,
	offers, needs, website, discord_handle, visibility, precision, onboarded_at
) on public.profiles to authenticated;

create policy "owners can see their own profile"
	on public.profiles for select
	to authenticated
	using (id = (select auth.uid()));

create policy "owners can update their own profile"
	on public.profiles for update
	to authenticated
	using (id = (select auth.uid()))
	with check (id = (select auth.uid()));

create trigger profiles_touch_updated_at
	before update on public.profiles
	for each row execute function private.touch_updated_at();

-- The owner says "I'm in" by setting onboarded_at; the database decides the time.
create function private.stamp_onboarding() returns trigger
	language plpgsql set search_path = ''
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

-- A profile for every new account, named only if the sign-up gave a name (an OAuth provider's,
-- or the seed's).
create function private.create_profile_for_new_user() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
begin
	insert into public.profiles (id, display_name)
	values (new.id, left(coalesce(btrim(new.raw_user_meta_data ->> 'display_name'), ''), 80))
	on conflict (id) do nothing;
	return new;
end;
$$;

create trigger on_auth_user_created
	after insert on auth.users
	for each row execute function private.create_profile_for_new_user();

-- The exact point: its owner's alone ----------------------------------------------------------

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

-- Only its owner reads, places, moves or removes it.
create policy "owners keep their exact location"
	on public.profile_locations for all
	to authenticated
	using (profile_id = (select auth.uid()))
	with check (profile_id = (select auth.uid()));

-- Blocks ----------------------------------------------------------------------------------------

-- blocked_id deliberately references nothing: a block of an id without an account is accepted
-- like any other, so blocking is no way to test whether an account exists. The blocker is always
-- the caller, so their reference tells nobody anything.
create table public.blocks (
	blocker_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
	blocked_id uuid not null,
	created_at timestamptz not null default now(),
	primary key (blocker_id, blocked_id),
	check (blocker_id <> blocked_id)
);

create index blocks_blocked_idx on public.blocks (blocked_id, blocker_id);

comment on table public.blocks is 'Who blocked whom. Only the blocker sees a block.';
comment on column public.blocks.blocked_id is
	'Whom the block hides the blocker from. No reference to profiles, so that blocking answers '
	'alike for any id; blocks of a deleted profile go with it (private.republish_on_change).';

alter table public.blocks enable row level security;
revoke all on public.blocks from anon, authenticated;
grant select, insert (blocked_id), delete on public.blocks to authenticated;

-- Only the blocker reads, makes or lifts a block (there is no update privilege to use).
create policy "blockers keep their own blocks"
	on public.blocks for all
	to authenticated
	using (blocker_id = (select auth.uid()))
	with check (blocker_id = (select auth.uid()));

-- Who sees a profile ----------------------------------------------------------------------------

-- Functions that any API role may run from inside the read functions: SECURITY INVOKER only,
-- so the caller's own row-level security and column privileges answer. PostgREST does not
-- expose this schema; `private` stays closed to anonymous callers.
create schema audience;
revoke all on schema audience from public;
grant usage on schema audience to anon, authenticated;

-- A signed-in practitioner. Supabase's anonymous sign-ins also carry the authenticated role,
-- but they are strangers, not members.
create function audience.is_member() returns boolean
	language sql stable set search_path = ''
	as $$
	select (select auth.role()) = 'authenticated'
		and not coalesce(((select auth.jwt()) ->> 'is_anonymous')::boolean, false)
$$;

comment on function audience.is_member() is
	'Whether the caller is a signed-in member (not an anonymous visitor or an anonymous sign-in).';

grant execute on function audience.is_member() to anon, authenticated;

-- The people who have blocked the caller. SECURITY DEFINER because the blocked person must not
-- read the blocks themselves; asked once per query by the policies (wrapped in a select, an
-- InitPlan), not once per row.
create function private.blockers_of_caller() returns uuid[]
	language sql stable security definer set search_path = ''
	as $$
	select coalesce(array_agg(blocker_id), '{}')
	from public.blocks
	where blocked_id = (select auth.uid())
$$;

comment on function private.blockers_of_caller() is
	'The people who have blocked the caller: the profiles policies hide them from the caller.';

grant usage on schema private to authenticated;
grant execute on function private.blockers_of_caller() to authenticated;
-- CHECK constraints call it for whoever writes a profile.
grant execute on function private.all_shorter_than(text[], integer) to authenticated;

create policy "anyone can see public profiles"
	on public.profiles for select
	to anon
	using (visibility = 'public' and onboarded_at is not null);

-- Who the caller is and whom they are blocked by are asked once per query (each wrapped in a
-- select, an InitPlan), not once per row.
create policy "members see what is shared with members"
	on public.profiles for select
	to authenticated
	using (
		onboarded_at is not null
		and (visibility = 'public' or (visibility = 'members' and (select audience.is_member())))
		and id <> all ((select private.blockers_of_caller())::uuid[])
	);

-- Publishing cells ------------------------------------------------------------------------------

-- The k = 3 rule: where anonymous visitors see each public person of these countries, at the
-- finest of area, region and country (never finer than the person's own cell) at which at least
-- three public people of their country share the cell. Fewer than three in the whole country:
-- not shown at all (no row). With `as_if`, the answer is as if that person were public at that
-- cell instead of wherever they are: the preview's question before someone saves.
create function private.stranger_places(
	country_codes text[],
	as_if_id uuid default null,
	as_if_cell text default null
)
	returns table (
		id uuid,
		cell text,
		lat double precision,
		lng double precision,
		label text,
		level public.location_precision
	)
	language sql stable set search_path = ''
	as $$
	with candidates as (
		select p.id, p.published_cell, p.published_country::text as published_country
		from public.profiles p
		where p.visibility = 'public'
			and p.onboarded_at is not null
			and p.published_cell is not null
			and p.published_country = any (country_codes)
			and p.id is distinct from as_if_id
		union all
		select as_if_id, as_if_cell, country_codes[1]
		where as_if_id is not null
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
		select distinct on (keyed.id) keyed.id, keyed.published_country, keyed.zoom, keyed.level,
			keyed.cell_key
		from keyed
		join counts using (published_country, zoom, cell_key)
		where counts.people >= 3
		order by keyed.id, keyed.zoom desc
	)
	select chosen.id,
		case when chosen.zoom = 0 then private.cell_at(c.lat, c.lng, 5) else chosen.cell_key end,
		case when chosen.zoom = 0 then c.lat else centre.lat end,
		case when chosen.zoom = 0 then c.lng else centre.lng end,
		case when chosen.zoom = 0 then c.name else private.cell_label(chosen.cell_key, chosen.level) end,
		chosen.level
	from chosen
	join public.countries c on c.code = chosen.published_country
	left join lateral private.cell_centre(case when chosen.zoom > 0 then chosen.cell_key end) centre
		on true
$$;

-- Recounts what anonymous visitors see of everyone public in the given countries, and clears the
-- public cells of anyone who is no longer public or placed.
create function private.refresh_public_cells(country_codes text[]) returns void
	language plpgsql security definer set search_path = ''
	as $$
begin
	with placed as (select * from private.stranger_places(country_codes)),
	-- Everyone of these countries: the placed get their cell, everyone else none; and nobody
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
	language plpgsql security definer set search_path = ''
	as $$
declare
	countries_before text[];
	countries_after text[];
begin
	select coalesce(array_agg(distinct published_country) filter (where published_country is not null), '{}')
	into countries_before
	from public.profiles where id = any (profile_ids);

	update public.profiles p
	set
		published_cell = published.cell,
		published_lat = published.centre_lat,
		published_lng = published.centre_lng,
		published_earth = extensions.ll_to_earth(published.centre_lat, published.centre_lng),
		published_country = case when published.cell is null then null else published.country end,
		place_label = published.label
	from public.profiles me
	left join public.profile_locations l on l.profile_id = me.id
	left join lateral private.place_at(l.lat, l.lng, me.precision) published on true
	where me.id = any (profile_ids) and p.id = me.id;

	select coalesce(array_agg(distinct published_country) filter (where published_country is not null), '{}')
	into countries_after
	from public.profiles where id = any (profile_ids);

	perform private.refresh_public_cells(countries_before || countries_after);
end;
$$;

-- Keeps the published cells right as people change, for every trigger below:
create function private.republish_on_change() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
begin
	if tg_when = 'BEFORE' then
		-- Changes to who anonymous visitors see where are made one at a time: two people leaving a
		-- cell in concurrent transactions would each still count the other and leave the rest
		-- shown too finely. Taken before any row is written, so it cannot deadlock.
		perform pg_advisory_xact_lock(hashtext('private.refresh_public_cells'));
	elsif tg_op = 'DELETE' and tg_table_name = 'profiles' then
		-- Whoever leaves, however (delete_my_account, an administrator, a cascade): every block
		-- of them goes in the same statement (what ON DELETE CASCADE would do on
		-- blocks.blocked_id), so leaving is real for blocks both ways, and the people who stay
		-- are recounted. SECURITY DEFINER because whoever deletes a profile cannot see the
		-- blocks others made of it.
		delete from public.blocks b
		using removed
		where b.blocked_id = removed.id;
		perform private.refresh_public_cells(array(
			select distinct published_country::text from removed where published_country is not null
		));
	elsif tg_table_name = 'profile_locations' then
		-- A point placed, moved or taken off the map.
		perform private.publish_locations(array[coalesce(new.profile_id, old.profile_id)]);
	else
		-- A change of precision, visibility or onboarding.
		perform private.publish_locations(array[new.id]);
	end if;
	return null;
end;
$$;

-- When they run: a move publishes the mover; a change of who sees someone, or how precisely,
-- publishes them again; anyone leaving has the people who stay recounted.
create trigger profile_locations_lock_public_cells
	before insert or update or delete on public.profile_locations
	for each statement execute function private.republish_on_change();
create trigger profile_locations_publish
	after insert or update or delete on public.profile_locations
	for each row execute function private.republish_on_change();
create trigger profiles_lock_public_cells
	before update of precision, visibility, onboarded_at or delete on public.profiles
	for each statement execute function private.republish_on_change();
create trigger profiles_publish_on_audience_change
	after update of precision, visibility, onboarded_at on public.profiles
	for each row
	when (
		old.precision is distinct from new.precision
		or old.visibility is distinct from new.visibility
		or (old.onboarded_at is null) is distinct from (new.onboarded_at is null)
	)
	execute function private.republish_on_change();
create trigger profiles_after_removed
	after delete on public.profiles
	referencing old table as removed
	for each statement execute function private.republish_on_change();

-- The owner's own actions -----------------------------------------------------------------------

-- What each audience would see of the caller at a point, for every precision they could choose:
-- the members' place (the cell at that precision) and the strangers' (what the k = 3 rule would
-- give them now if the caller were public there: never finer than area, coarser where fewer than
-- three public people would share the cell, none where fewer than three are in the country).
-- SECURITY DEFINER to count the public people around the point; it names nobody, and it tells a
-- member nothing that signing out and looking at the map would not.
create function public.place_labels_for(lat double precision, lng double precision)
	returns table (
		"precision" public.location_precision,
		cell text,
		lat double precision,
		lng double precision,
		label text,
		stranger_precision public.location_precision,
		stranger_cell text,
		stranger_lat double precision,
		stranger_lng double precision,
		stranger_label text
	)
	language sql stable security definer set search_path = ''
	as $$
	with choices as (
		select level, here.*
		from unnest(enum_range(null::public.location_precision)) level
		cross join private.place_at(place_labels_for.lat, place_labels_for.lng, level) here
	)
	select choices.level, choices.cell, choices.centre_lat, choices.centre_lng, choices.label,
		strangers.level, strangers.cell, strangers.lat, strangers.lng, strangers.label
	from choices
	left join lateral private.stranger_places(
		array[choices.country::text], (select auth.uid()), choices.cell
	) strangers on strangers.id = (select auth.uid())
	order by choices.level
$$;

comment on function public.place_labels_for(double precision, double precision) is
	'For the audience preview: at each precision, the caller''s published cell and label at this point, and what anonymous visitors would see if the caller were public there.';

grant execute on function public.place_labels_for(double precision, double precision) to authenticated;

-- Saving a profile and the exact point in one transaction, so that others see a profile as it
-- was or as it is, never half saved (and never, even for a moment, a new point at an old, finer
-- precision). SECURITY INVOKER: the caller's own row-level security and column privileges apply
-- (only the owner's row, only the columns members may update). Keys left out of `changes` keep
-- their values; the point is left alone when point_lat and point_lng are null.
create function public.save_my_profile(
	changes jsonb,
	point_lat double precision default null,
	point_lng double precision default null,
	onboard boolean default false
)
	returns void
	language plpgsql security invoker set search_path = ''
	as $$
declare
	me uuid := auth.uid();
	wanted public.profiles;
begin
	if me is null then
		raise exception 'sign in to save your profile' using errcode = '42501';
	end if;
	if jsonb_typeof(changes) is distinct from 'object' then
		raise exception 'changes must be a JSON object' using errcode = '22023';
	end if;
	if (point_lat is null) <> (point_lng is null) then
		raise exception 'a point needs both point_lat and point_lng' using errcode = '22023';
	end if;
	-- Each key's text is read as its column's type: a value no column takes is an error (22P02).
	wanted := jsonb_populate_record(null::public.profiles, changes);

	update public.profiles p set
		display_name = case when changes ? 'display_name' then wanted.display_name else p.display_name end,
		bio = case when changes ? 'bio' then wanted.bio else p.bio end,
		pronouns = case when changes ? 'pronouns' then wanted.pronouns else p.pronouns end,
		languages = case when changes ? 'languages' then wanted.languages else p.languages end,
		interests = case when changes ? 'interests' then wanted.interests else p.interests end,
		practices = case when changes ? 'practices' then wanted.practices else p.practices end,
		pathway_stage = case when changes ? 'pathway_stage' then wanted.pathway_stage else p.pathway_stage end,
		open_to = case when changes ? 'open_to' then wanted.open_to else p.open_to end,
		offers = case when changes ? 'offers' then wanted.offers else p.offers end,
		needs = case when changes ? 'needs' then wanted.needs else p.needs end,
		website = case when changes ? 'website' then wanted.website else p.website end,
		discord_handle = case when changes ? 'discord_handle' then wanted.discord_handle else p.discord_handle end,
		visibility = case when changes ? 'visibility' then wanted.visibility else p.visibility end,
		precision = case when changes ? 'precision' then wanted.precision else p.precision end,
		-- private.stamp_onboarding puts the database's own time here.
		onboarded_at = case when onboard then now() else p.onboarded_at end
	where p.id = me;
	if not found then
		raise exception 'you have no profile to save' using errcode = 'P0002';
	end if;

	if point_lat is not null then
		insert into public.profile_locations as l (profile_id, lat, lng)
		values (me, point_lat, point_lng)
		on conflict (profile_id) do update
			set lat = excluded.lat, lng = excluded.lng, updated_at = now();
	end if;
end;
$$;

comment on function public.save_my_profile(jsonb, double precision, double precision, boolean) is
	'Saves the caller''s profile and, when given, their exact point, in one transaction (SECURITY INVOKER: their own RLS and column privileges apply).';

grant execute on function public.save_my_profile(jsonb, double precision, double precision, boolean)
	to authenticated;
