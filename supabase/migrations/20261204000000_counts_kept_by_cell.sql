-- The same product at a million people (issue 13): writes and reads that do not grow with the
-- network.
--
-- 1. The k = 3 rule kept locally. private.public_counts holds, for every country, area cell
--    (zoom 11) and region cell (zoom 9), how many publicly listed people are placed there. A save
--    changes the counts of the keys it leaves and enters, and recomputes what anonymous visitors
--    see of the saver and of the people of any key whose count crossed 3 (at most three of them
--    each): the work of a save no longer depends on the size of the country. Saves lock only the
--    keys they touch (advisory locks, in one order), so saves in different places do not wait on
--    each other. The rule itself is unchanged: private.public_places answers it from the counts
--    exactly as private.stranger_places answered it by counting (that function and
--    private.refresh_public_cells stay, as the straightforward version the benchmark compares
--    with).
-- 2. Counts by cell kept up to date, per audience (1: anonymous visitors, public cells; 2: members,
--    the owners' precision), in private.map_points (one row per published point) and
--    private.map_tiles (sums over quadkey prefixes of 7, 9, 11 and 13 characters, and level 0: the
--    directory's totals by country). public.map_view reads them instead of every person; what one
--    caller sees differently from their audience (people who blocked them, crewmates-only people
--    they share a crew with, themselves) is corrected per request, the additions through
--    row-level security. Person filters fall back to a scan, refused with "narrow" when more than
--    100,000 people are in the box.
-- 3. A keyset directory (public.directory_list) beside the paged one.
--
-- Who is counted for which audience is the audience rule of the profiles policies, restated once
-- here in private.audience_bits for the counts; tests/integration/privacy/aggregates.test.ts
-- holds the two to the same answers.

-- Who is counted ------------------------------------------------------------------------------------

-- Which audiences list a person, as the profiles policies decide for people other than the caller:
-- 1 = anonymous visitors (public, onboarded, not suspended), 2 = members (public or members,
-- onboarded, not suspended). Crewmates-only people are nobody's by default: each caller's
-- crewmates are added per request, through the policies themselves.
create function private.audience_bits(
	visibility public.profile_visibility,
	onboarded_at timestamptz,
	suspended_until timestamptz
) returns smallint
	language sql immutable set search_path = ''
	as $$
	select case when onboarded_at is null or suspended_until is not null then 0
		when visibility = 'public' then 3
		when visibility = 'members' then 2
		else 0 end::smallint
$$;

-- What was last published for each person: the audiences their published cells were counted for.
-- Read only by the publishing functions (no grant), so the counts can be undone exactly.
alter table public.profiles add column published_audiences smallint not null default 0;
comment on column public.profiles.published_audiences is
	'The audiences (private.audience_bits) this person was last counted for; kept by private.publish_locations.';

-- The people of one k = 3 key, found without reading the country.
create index profiles_public_area_idx on public.profiles (published_country, left(published_cell, 11))
	where (published_audiences & 1) <> 0 and published_cell is not null;
create index profiles_public_region_idx on public.profiles (published_country, left(published_cell, 9))
	where (published_audiences & 1) <> 0 and published_cell is not null;
create index profiles_public_country_idx on public.profiles (published_country)
	where (published_audiences & 1) <> 0 and published_cell is not null;

-- The directory's keysets.
create index profiles_name_idx on public.profiles (display_name, id);
create index profiles_recent_idx on public.profiles (
	(coalesce(last_confirmed_at, '-infinity'::timestamptz)) desc, display_name, id
);

-- The counts ------------------------------------------------------------------------------------------

-- How many publicly listed people each country (zoom 0, cell ''), area cell (zoom 11) and region
-- cell (zoom 9) holds: what the k = 3 rule asks.
create table private.public_counts (
	country char(2) not null,
	zoom smallint not null check (zoom in (0, 9, 11)),
	cell text collate "C" not null,
	people integer not null,
	primary key (country, zoom, cell)
);

comment on table private.public_counts is
	'Publicly listed, placed people per country, region cell and area cell: the counts of the k = 3 rule.';

-- Each published point with how many people of an audience are there. For members a point is a
-- cell's centre (or a country's point); for anonymous visitors the public cell's.
create table private.map_points (
	audience smallint not null check (audience in (1, 2)),
	cell text collate "C" not null,
	lat double precision not null,
	lng double precision not null,
	people integer not null,
	primary key (audience, cell, lat, lng)
);

comment on table private.map_points is
	'How many people of each audience (1: anonymous visitors, 2: members) are at each published point.';

create index map_points_box_idx on private.map_points
	using gist (extensions.cube(array[audience::double precision, lat, lng]))
	where people > 0;

-- Sums over the quadkey prefixes the map groups by: the people whose cell starts with key (or is
-- key, for cells shorter than the level), with their points' sums for the average. Level 0 holds
-- the directory's totals per country ('' for people with no place).
create table private.map_tiles (
	audience smallint not null check (audience in (1, 2)),
	level smallint not null check (level in (0, 7, 9, 11, 13)),
	key text collate "C" not null,
	people integer not null,
	lat_sum double precision not null default 0,
	lng_sum double precision not null default 0,
	-- The key's tile, for telling the tiles wholly in a box from those on its edge.
	south double precision,
	north double precision,
	west double precision,
	east double precision,
	primary key (audience, level, key)
);

comment on table private.map_tiles is
	'How many people of each audience are under each quadkey prefix (levels 7, 9, 11, 13), with the sums of their points; level 0: directory totals per country.';

create index map_tiles_box_idx on private.map_tiles
	using gist (extensions.cube(
		array[audience::double precision, level::double precision, south, west],
		array[audience::double precision, level::double precision, north, east]
	))
	where level > 0 and people > 0;

-- What one transaction's publishing changed, between its statements: +1 and -1 rows per person and
-- audience ('kanon' for the k = 3 counts, 'public' and 'members' for the map, 'public_list' and
-- 'members_list' for the directory totals). Emptied before the transaction ends. Unlogged: it
-- never holds anything past a transaction.
create unlogged table private.publish_deltas (
	tx bigint not null,
	what text not null,
	country text,
	cell text collate "C",
	lat double precision,
	lng double precision,
	change smallint not null
);

create index publish_deltas_tx_idx on private.publish_deltas (tx);

-- The places one transaction's publishing computed for its people, written to their rows together
-- with what anonymous visitors see of them (one write of each row). Emptied before the transaction
-- ends.
create unlogged table private.publish_targets (
	tx bigint not null,
	id uuid not null,
	cell text,
	lat double precision,
	lng double precision,
	label text,
	country char(2),
	audiences smallint not null,
	primary key (tx, id)
);

alter table private.public_counts enable row level security;
alter table private.map_points enable row level security;
alter table private.map_tiles enable row level security;
alter table private.publish_deltas enable row level security;
alter table private.publish_targets enable row level security;
revoke all on private.public_counts, private.map_points, private.map_tiles, private.publish_deltas,
	private.publish_targets from public, anon, authenticated;

-- The bounds of a quadkey's tile.
create function private.tile_bounds(
	key text,
	out south double precision,
	out north double precision,
	out west double precision,
	out east double precision
)
	language plpgsql immutable strict set search_path = ''
	as $$
declare
	tiles double precision := power(2, char_length(key));
	x bigint := 0;
	y bigint := 0;
	digit integer;
begin
	for position in 1..char_length(key) loop
		digit := substr(key, position, 1)::integer;
		x := (x << 1) | (digit & 1);
		y := (y << 1) | ((digit >> 1) & 1);
	end loop;
	west := x / tiles * 360.0 - 180.0;
	east := (x + 1) / tiles * 360.0 - 180.0;
	north := degrees(atan(sinh(pi() * (1.0 - 2.0 * y / tiles))));
	south := degrees(atan(sinh(pi() * (1.0 - 2.0 * (y + 1) / tiles))));
	-- The edge tiles reach the poles: the points there are clamped to the projection, not cut.
	if y = 0 then
		north := 90;
	end if;
	if y + 1 = tiles then
		south := -90;
	end if;
end;
$$;

-- Locks -------------------------------------------------------------------------------------------------

-- Everyone's places at once: for statements that change many people (imports, administrators,
-- account deletion, the gazetteer), which then publish set-based. The same lock the first version
-- took for every save, now shared by single saves and taken whole only here.
create function private.lock_all_places() returns void
	language plpgsql security definer set search_path = ''
	as $$
begin
	if current_setting('microsolidarity.all_places', true) is distinct from 'locked' then
		perform pg_advisory_xact_lock(hashtext('private.refresh_public_cells'));
		perform set_config('microsolidarity.all_places', 'locked', true);
	end if;
end;
$$;

-- The keys these people are counted under now and would be counted under once published again,
-- locked in one order: a key whose count changes exclusively, a key they stay in shared (its
-- count is read, not changed). Each person first, so that two saves of one person do not read
-- each other's keys half-way. More than 100 people lock everything instead.
create function private.lock_places(profile_ids uuid[]) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	place record;
begin
	if current_setting('microsolidarity.all_places', true) = 'locked' then
		return;
	end if;
	if cardinality(profile_ids) > 100 then
		perform private.lock_all_places();
		return;
	end if;
	for place in select distinct hashtext(id::text) as person from unnest(profile_ids) id order by 1 loop
		perform pg_advisory_xact_lock(2, place.person);
	end loop;
	perform pg_advisory_xact_lock_shared(hashtext('private.refresh_public_cells'));
	for place in
		with states as (
			select p.published_country as old_country,
				case when (p.published_audiences & 1) <> 0 then p.published_cell end as old_cell,
				case when (private.audience_bits(p.visibility, p.onboarded_at, p.suspended_until) & 1) <> 0
					and p.suspended_until is null then l.lat end as lat,
				l.lng, private.precision_zoom(p.precision) as zoom
			from public.profiles p
			left join public.profile_locations l on l.profile_id = p.id
			where p.id = any (profile_ids)
		),
		keyed as (
			select old_country as country, z.zoom, case when z.zoom = 0 then '' else left(old_cell, z.zoom) end as cell,
				true as old, false as new
			from states cross join (values (0), (9), (11)) z (zoom)
			where old_cell is not null and (z.zoom = 0 or char_length(old_cell) >= z.zoom)
			union all
			select private.country_at(lat, lng)::char(2), z.zoom,
				case when z.zoom = 0 then '' else private.cell_at(lat, lng, z.zoom) end, false, true
			from states cross join (values (0), (9), (11)) z (zoom)
			where lat is not null and (z.zoom = 0 or states.zoom >= z.zoom)
		),
		modes as (
			select hashtext(country || '/' || zoom || '/' || cell) as key,
				bool_or(old) <> bool_or(new) as exclusive
			from keyed
			where country is not null
			group by country, zoom, cell
		)
		select key, bool_or(exclusive) as exclusive from modes group by key order by key
	loop
		if place.exclusive then
			perform pg_advisory_xact_lock(1, place.key);
		else
			perform pg_advisory_xact_lock_shared(1, place.key);
		end if;
	end loop;
end;
$$;

-- The k = 3 rule from the counts ----------------------------------------------------------------------

-- The words of a place: what private.cell_label says of a cell whose nearest place (big enough for
-- the level) is this one.
create function private.place_words(level public.location_precision, name text, country_code text)
	returns text
	language sql immutable set search_path = ''
	as $$
	select case when name is null then null
		when level = 'area' then format('%s area, %s', name, country_code)
		when level = 'region' then format('around %s, %s', name, country_code)
		else format('near %s, %s', name, country_code)
	end
$$;

-- Where anonymous visitors see the publicly listed people of these countries with these published
-- cells (pairs of the two arrays): the finest of area, region and country (never finer than the
-- cell) whose key holds at least three, or nowhere (no row). With as_if, as if that person were
-- counted at the cell instead of wherever they are: the preview's question before someone saves.
-- Set-based, each cell's nearest place found in the one query.
create function private.public_places(in_countries text[], in_cells text[], as_if uuid default null)
	returns table (
		country text,
		published_cell text,
		cell text,
		lat double precision,
		lng double precision,
		label text,
		level public.location_precision
	)
	language sql stable set search_path = ''
	as $$
	with wanted as (
		select distinct w.country::char(2) as country, w.cell collate "C" as cell
		from unnest(in_countries, in_cells) w (country, cell)
		where w.country is not null and w.cell is not null
	),
	me as (
		select p.published_country, p.published_cell
		from public.profiles p
		where p.id = as_if and (p.published_audiences & 1) <> 0 and p.published_cell is not null
	),
	chosen as (
		select wanted.country, wanted.cell, k.zoom, k.key,
			case k.zoom when 0 then 'country' when 9 then 'region' else 'area' end::public.location_precision
				as level
		from wanted
		cross join lateral (
			select k.zoom, k.key
			from (values (11, left(wanted.cell, 11)), (9, left(wanted.cell, 9)), (0, '')) k (zoom, key)
			where (k.zoom = 0 or char_length(wanted.cell) >= k.zoom)
				and coalesce((
					select c.people from private.public_counts c
					where c.country = wanted.country and c.zoom = k.zoom and c.cell = k.key
				), 0)
				+ case when as_if is null then 0
					when exists (
						select 1 from me
						where me.published_country = wanted.country
							and (k.zoom = 0 or left(me.published_cell, k.zoom) = k.key)
					) then 0
					else 1 end >= 3
			order by k.zoom desc
			limit 1
		) k
	)
	select chosen.country, chosen.cell,
		case when chosen.zoom = 0 then private.cell_at(c.lat, c.lng, 5) else chosen.key end,
		case when chosen.zoom = 0 then c.lat else centre.lat end,
		case when chosen.zoom = 0 then c.lng else centre.lng end,
		case when chosen.zoom = 0 then c.name
			else private.place_words(chosen.level, near.name, near.country_code) end,
		chosen.level
	from chosen
	join public.countries c on c.code = chosen.country
	left join lateral private.cell_centre(case when chosen.zoom > 0 then chosen.key end) centre on true
	left join lateral (
		select p.name, p.country_code
		from public.places p
		where p.population >= case chosen.level when 'area' then 15000 else 100000 end
		order by p.earth operator(extensions.<->) extensions.ll_to_earth(centre.lat, centre.lng)
		limit 1
	) near on chosen.zoom > 0
$$;

-- Publishing ---------------------------------------------------------------------------------------------

-- Applies what this transaction's publishing recorded in publish_deltas: the k = 3 counts first;
-- then what anonymous visitors see of `profile_ids` and of everyone in a key whose count crossed 3;
-- then the map's and the directory's counts. Every table is written in one sorted statement, so
-- concurrent saves take their row locks in one order.
create function private.settle_published(profile_ids uuid[]) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	this_tx bigint := txid_current();
	crossed text[];
	touched_ids uuid[];
begin
	with deltas as (
		select d.country, z.zoom, case when z.zoom = 0 then '' else left(d.cell, z.zoom) end as cell,
			sum(d.change)::integer as change
		from private.publish_deltas d
		cross join (values (0), (9), (11)) z (zoom)
		where d.tx = this_tx and d.what = 'kanon'
			and (z.zoom = 0 or char_length(d.cell) >= z.zoom)
		group by 1, 2, 3
		having sum(d.change) <> 0
	),
	applied as (
		insert into private.public_counts as c (country, zoom, cell, people)
		select d.country, d.zoom, d.cell, d.change from deltas d order by 1, 2, 3
		on conflict (country, zoom, cell) do update set people = c.people + excluded.people
		returning c.country, c.zoom, c.cell, c.people
	)
	select coalesce(array_agg(a.country || '/' || a.zoom || '/' || a.cell), '{}')
	into crossed
	from applied a
	join deltas d on d.country = a.country and d.zoom = a.zoom and d.cell = a.cell
	where (a.people >= 3) <> (a.people - d.change >= 3);

	-- The people published now (private.publish_targets) and the people of the keys that crossed 3:
	-- found first, by index, so that what follows reads their rows by id (a few for one save).
	with keys as (
		select split_part(k, '/', 1)::char(2) as country, split_part(k, '/', 2)::integer as zoom,
			split_part(k, '/', 3) as cell
		from unnest(crossed) k
	),
	touched as (
		select t.id from private.publish_targets t where t.tx = this_tx
		union
		select p.id from keys
		join public.profiles p on p.published_country = keys.country
		where keys.zoom = 0 and (p.published_audiences & 1) <> 0 and p.published_cell is not null
		union
		select p.id from keys
		join public.profiles p
			on p.published_country = keys.country and left(p.published_cell, 11) = keys.cell
		where keys.zoom = 11 and (p.published_audiences & 1) <> 0 and p.published_cell is not null
		union
		select p.id from keys
		join public.profiles p
			on p.published_country = keys.country and left(p.published_cell, 9) = keys.cell
		where keys.zoom = 9 and (p.published_audiences & 1) <> 0 and p.published_cell is not null
	)
	select coalesce(array_agg(touched.id), '{}') into touched_ids from touched;

	-- What anonymous visitors see of each, from the counts; the people published now with their
	-- new places, the others as they are.
	with batch as (
		select t.* from private.publish_targets t where t.tx = this_tx
	),
	candidates as (
		select p.id, p.public_cell, p.public_lat, p.public_lng, batch.id is not null as in_batch,
			batch.cell as new_cell, batch.lat as new_lat, batch.lng as new_lng, batch.label as new_label,
			batch.country as new_country, batch.audiences as new_audiences,
			case when batch.id is not null
				then case when (batch.audiences & 1) <> 0 then batch.country end
				when (p.published_audiences & 1) <> 0 then p.published_country end as country,
			case when batch.id is not null
				then case when (batch.audiences & 1) <> 0 then batch.cell end
				when (p.published_audiences & 1) <> 0 then p.published_cell end as cell
		from public.profiles p
		left join batch on batch.id = p.id
		where p.id = any (touched_ids)
	),
	-- Each published cell's public place found once, however many share it.
	shown as (
		select place.country, place.published_cell as cell, place.cell as public_cell, place.lat,
			place.lng, place.label
		from private.public_places(
			array(select candidates.country from candidates),
			array(select candidates.cell from candidates)
		) place
	),
	placed as (
		select candidates.*, candidates.public_cell as old_cell, candidates.public_lat as old_lat,
			candidates.public_lng as old_lng, shown.public_cell as cell_shown, shown.lat, shown.lng,
			shown.label
		from candidates
		left join shown on shown.country = candidates.country and shown.cell = candidates.cell
	),
	-- One write of each row: the people published now get their places and what anonymous
	-- visitors see of them together.
	changed as (
		update public.profiles p
		set
			published_cell = case when placed.in_batch then placed.new_cell else p.published_cell end,
			published_lat = case when placed.in_batch then placed.new_lat else p.published_lat end,
			published_lng = case when placed.in_batch then placed.new_lng else p.published_lng end,
			published_earth = case when placed.in_batch
				then extensions.ll_to_earth(placed.new_lat, placed.new_lng) else p.published_earth end,
			published_country = case when placed.in_batch then placed.new_country else p.published_country end,
			place_label = case when placed.in_batch then placed.new_label else p.place_label end,
			published_audiences = case when placed.in_batch
				then placed.new_audiences else p.published_audiences end,
			public_cell = placed.cell_shown,
			public_lat = placed.lat,
			public_lng = placed.lng,
			public_place_label = placed.label,
			public_earth = extensions.ll_to_earth(placed.lat, placed.lng)
		from placed
		where p.id = placed.id and p.id = any (touched_ids)
			and (placed.in_batch
				or (p.public_cell, p.public_lat, p.public_lng, p.public_place_label)
					is distinct from (placed.cell_shown, placed.lat, placed.lng, placed.label))
		returning placed.old_cell, placed.old_lat, placed.old_lng, placed.cell_shown, placed.lat,
			placed.lng,
			(placed.old_cell, placed.old_lat, placed.old_lng)
				is distinct from (placed.cell_shown, placed.lat, placed.lng) as moved
	)
	insert into private.publish_deltas (tx, what, cell, lat, lng, change)
	select this_tx, 'public', old_cell, old_lat, old_lng, -1 from changed where moved and old_cell is not null
	union all
	select this_tx, 'public', cell_shown, lat, lng, 1 from changed where moved and cell_shown is not null;

	-- The map's points, then its tiles and the directory's totals.
	insert into private.map_points as m (audience, cell, lat, lng, people)
	select case d.what when 'public' then 1 else 2 end, d.cell, d.lat, d.lng, sum(d.change)
	from private.publish_deltas d
	where d.tx = this_tx and d.what in ('public', 'members')
	group by 1, 2, 3, 4
	having sum(d.change) <> 0
	order by 1, 2, 3, 4
	on conflict (audience, cell, lat, lng) do update set people = m.people + excluded.people;

	insert into private.map_tiles as t (
		audience, level, key, people, lat_sum, lng_sum, south, north, west, east
	)
	select summed.audience, summed.level, summed.key, summed.people, summed.lat_sum, summed.lng_sum,
		bounds.south, bounds.north, bounds.west, bounds.east
	from (
		select case when d.what in ('public', 'public_list') then 1 else 2 end as audience,
			levels.level,
			case when levels.level = 0 then coalesce(d.country, '') else left(d.cell, levels.level) end as key,
			sum(d.change) as people,
			coalesce(sum(d.change * d.lat), 0) as lat_sum,
			coalesce(sum(d.change * d.lng), 0) as lng_sum
		from private.publish_deltas d
		join (values (0), (7), (9), (11), (13)) levels (level)
			on (levels.level = 0) = (d.what in ('public_list', 'members_list'))
		where d.tx = this_tx and d.what <> 'kanon'
		group by 1, 2, 3
		-- A move within a tile keeps its number and changes its sums.
		having sum(d.change) <> 0 or sum(d.change * d.lat) <> 0 or sum(d.change * d.lng) <> 0
	) summed
	left join lateral private.tile_bounds(case when summed.level > 0 then summed.key end) bounds on true
	order by 1, 2, 3
	on conflict (audience, level, key) do update
		set people = t.people + excluded.people,
			lat_sum = t.lat_sum + excluded.lat_sum,
			lng_sum = t.lng_sum + excluded.lng_sum;

	-- Rows this transaction emptied go (it holds their row locks), so that moves leave no litter.
	delete from private.map_points m
	using private.publish_deltas d
	where d.tx = this_tx and d.what in ('public', 'members')
		and m.audience = case d.what when 'public' then 1 else 2 end
		and m.cell = d.cell and m.lat = d.lat and m.lng = d.lng and m.people = 0;
	delete from private.map_tiles t
	using private.publish_deltas d
	cross join (values (0), (7), (9), (11), (13)) levels (level)
	where d.tx = this_tx and d.what <> 'kanon'
		and (levels.level = 0) = (d.what in ('public_list', 'members_list'))
		and t.audience = case when d.what in ('public', 'public_list') then 1 else 2 end
		and t.level = levels.level
		and t.key = case when levels.level = 0 then coalesce(d.country, '') else left(d.cell, levels.level) end
		and t.people = 0;

	delete from private.publish_deltas d where d.tx = this_tx;
	delete from private.publish_targets t where t.tx = this_tx;
end;
$$;

-- Recomputes the published cells of these people from their exact points and precisions, and
-- everything counted from them. One person locks only their own keys; many lock everything and
-- run the same statements set-based (reloading the gazetteer republishes everyone at once).
create or replace function private.publish_locations(profile_ids uuid[]) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	this_tx bigint := txid_current();
begin
	perform private.lock_places(profile_ids);

	-- private.place_at for each person, with each cell's centre and label found once however many
	-- share it.
	with states as (
		select me.id, me.published_cell as old_cell, me.published_lat as old_lat,
			me.published_lng as old_lng, me.published_country as old_country,
			me.published_audiences as old_audiences, me.precision,
			private.audience_bits(me.visibility, me.onboarded_at, me.suspended_until) as audiences,
			found.country_code as found_country,
			private.cell_at(l.lat, l.lng, private.precision_zoom(me.precision)) as here
		from public.profiles me
		-- A suspended person is placed nowhere, which also takes them out of every count.
		left join public.profile_locations l on l.profile_id = me.id and me.suspended_until is null
		-- private.country_at, in the one query.
		left join lateral (
			select p.country_code from public.places p
			order by p.earth operator(extensions.<->) extensions.ll_to_earth(l.lat, l.lng)
			limit 1
		) found on l.lat is not null
		where me.id = any (profile_ids)
	),
	-- private.cell_label, in the one query.
	cells as (
		select distinct_cells.here, distinct_cells.precision, centre.lat, centre.lng,
			private.place_words(distinct_cells.precision, near.name, near.country_code) as label
		from (select distinct states.here, states.precision from states where states.here is not null) distinct_cells
		cross join lateral private.cell_centre(distinct_cells.here) centre
		left join lateral (
			select p.name, p.country_code
			from public.places p
			where p.population >= case distinct_cells.precision when 'area' then 15000
				when 'region' then 100000 else 0 end
			order by p.earth operator(extensions.<->) extensions.ll_to_earth(centre.lat, centre.lng)
			limit 1
		) near on distinct_cells.precision <> 'country'
	),
	targets as (
		select states.id, states.old_cell, states.old_lat, states.old_lng, states.old_country,
			states.old_audiences, states.audiences,
			case when states.precision = 'country' and c.code is not null
				then private.cell_at(c.lat, c.lng, 5) else states.here end as cell,
			case when states.precision = 'country' and c.code is not null then c.lat else cells.lat end
				as centre_lat,
			case when states.precision = 'country' and c.code is not null then c.lng else cells.lng end
				as centre_lng,
			case when states.precision = 'country' then c.name else cells.label end as label,
			case when states.here is null then null else states.found_country end as country
		from states
		left join cells on cells.here = states.here and cells.precision = states.precision
		left join public.countries c on c.code = states.found_country
	),
	kept as (
		insert into private.publish_targets (tx, id, cell, lat, lng, label, country, audiences)
		select this_tx, t.id, t.cell, t.centre_lat, t.centre_lng, t.label, t.country, t.audiences
		from targets t
	),
	written as (select * from targets),
	before_and_after (what, country, cell, lat, lng, change) as (
		select 'kanon', old_country::text, old_cell, null::double precision, null::double precision, -1
		from written where (old_audiences & 1) <> 0 and old_cell is not null and old_country is not null
		union all
		select 'kanon', country::text, cell, null, null, 1
		from written where (audiences & 1) <> 0 and cell is not null and country is not null
		union all
		select 'members', null, old_cell, old_lat, old_lng, -1
		from written where (old_audiences & 2) <> 0 and old_cell is not null
		union all
		select 'members', null, cell, centre_lat, centre_lng, 1
		from written where (audiences & 2) <> 0 and cell is not null
		union all
		select 'public_list', old_country::text, null, null, null, -1 from written where (old_audiences & 1) <> 0
		union all
		select 'public_list', country::text, null, null, null, 1 from written where (audiences & 1) <> 0
		union all
		select 'members_list', old_country::text, null, null, null, -1 from written where (old_audiences & 2) <> 0
		union all
		select 'members_list', country::text, null, null, null, 1 from written where (audiences & 2) <> 0
	)
	insert into private.publish_deltas (tx, what, country, cell, lat, lng, change)
	select this_tx, what, country, cell, lat, lng, change from before_and_after;

	perform private.settle_published(profile_ids);
end;
$$;

-- Whoever leaves, however (delete_my_account, an administrator, a cascade): every block of them
-- goes in the same statement (what ON DELETE CASCADE would do on blocks.blocked_id), and what was
-- counted of them is taken out, recomputing the people of any key that falls below 3. Runs under
-- the lock of everyone's places, taken before the statement.
create function private.unpublish_removed() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
declare
	this_tx bigint := txid_current();
begin
	delete from public.blocks b
	using removed
	where b.blocked_id = removed.id;

	insert into private.publish_deltas (tx, what, country, cell, lat, lng, change)
	select this_tx, 'kanon', published_country, published_cell, null, null, -1
	from removed
	where (published_audiences & 1) <> 0 and published_cell is not null and published_country is not null
	union all
	select this_tx, 'members', null, published_cell, published_lat, published_lng, -1
	from removed where (published_audiences & 2) <> 0 and published_cell is not null
	union all
	select this_tx, 'public', null, public_cell, public_lat, public_lng, -1
	from removed where public_cell is not null
	union all
	select this_tx, 'public_list', published_country, null, null, null, -1
	from removed where (published_audiences & 1) <> 0
	union all
	select this_tx, 'members_list', published_country, null, null, null, -1
	from removed where (published_audiences & 2) <> 0;

	perform private.settle_published('{}');
	return null;
end;
$$;

-- Statements that change several people's places lock everyone's first, before any row: a member's
-- own statements (row-level security keeps them to their own row) lock their keys when they
-- publish.
create function private.lock_places_for_statement() returns trigger
	language plpgsql security invoker set search_path = ''
	as $$
begin
	if current_user <> 'authenticated' then
		perform private.lock_all_places();
	end if;
	return null;
end;
$$;

-- Publishing at commit: a save that changes a person's audience and point in one transaction
-- (public.save_my_profile) publishes once, its final state, and takes its row locks on the counts
-- last. The later events of the same person find nothing left to change.
create function private.publish_at_commit() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
begin
	if tg_table_name = 'profile_locations' then
		perform private.publish_locations(array[coalesce(new.profile_id, old.profile_id)]);
	else
		perform private.publish_locations(array[new.id]);
	end if;
	return null;
end;
$$;

drop trigger profile_locations_lock_public_cells on public.profile_locations;
drop trigger profile_locations_publish on public.profile_locations;
drop trigger profiles_lock_public_cells on public.profiles;
drop trigger profiles_publish_on_audience_change on public.profiles;
drop trigger profiles_after_removed on public.profiles;

create trigger profile_locations_lock_places
	before insert or update or delete on public.profile_locations
	for each statement execute function private.lock_places_for_statement();
create constraint trigger profile_locations_publish
	after insert or update or delete on public.profile_locations
	deferrable initially deferred
	for each row execute function private.publish_at_commit();
create trigger profiles_lock_places
	before update of precision, visibility, onboarded_at, suspended_until or delete on public.profiles
	for each statement execute function private.lock_places_for_statement();
create constraint trigger profiles_publish_on_audience_change
	after update of precision, visibility, onboarded_at on public.profiles
	deferrable initially deferred
	for each row
	when (
		old.precision is distinct from new.precision
		or old.visibility is distinct from new.visibility
		or (old.onboarded_at is null) is distinct from (new.onboarded_at is null)
	)
	execute function private.publish_at_commit();
create trigger profiles_after_removed
	after delete on public.profiles
	referencing old table as removed
	for each statement execute function private.unpublish_removed();

grant execute on function private.lock_all_places() to service_role;

-- Reloading the gazetteer relabels everything published, set-based under the lock of everyone.
create or replace function private.republish_all_locations() returns void
	language plpgsql security definer set search_path = ''
	as $$
begin
	perform private.lock_all_places();
	perform private.publish_locations(array(select id from public.profiles));
	update public.groups set area_cell = area_cell
	where area_label is distinct from private.area_label(area_cell);
	update public.gatherings set area_cell = area_cell
	where area_label is distinct from private.area_label(area_cell);
end;
$$;

-- Counts everything again from the people's published cells, under the lock of everyone: for this
-- migration, and for an administrator who doubts the counts (the tests compare the two).
create function private.recount_places() returns void
	language plpgsql security definer set search_path = ''
	as $$
begin
	perform private.lock_all_places();
	delete from private.public_counts;
	delete from private.map_points;
	delete from private.map_tiles;
	-- Everyone as counted for nobody, then published: every count is rebuilt from the deltas.
	update public.profiles
	set published_audiences = 0, published_cell = null, published_lat = null, published_lng = null,
		published_earth = null, published_country = null, place_label = null,
		public_cell = null, public_lat = null, public_lng = null, public_place_label = null,
		public_earth = null;
	perform private.publish_locations(array(select id from public.profiles));
end;
$$;

select private.recount_places();

-- The preview asks the counts too ----------------------------------------------------------------------

create or replace function public.place_labels_for(lat double precision, lng double precision)
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
		where private.require_point(place_labels_for.lat, place_labels_for.lng)
	)
	select choices.level, choices.cell, choices.centre_lat, choices.centre_lng, choices.label,
		strangers.level, strangers.cell, strangers.lat, strangers.lng, strangers.label
	from choices
	left join lateral private.public_places(
		array[choices.country::text], array[choices.cell], (select auth.uid())
	) strangers on (select auth.uid()) is not null
	order by choices.level
$$;
