-- The map and the directory read the counts kept by cell (issue 13; see
-- 20261204000000_counts_kept_by_cell.sql for how they are kept).
--
-- public.map_view keeps its answer and its signature. Without person filters it adds up the
-- caller's audience's counts in the box (whole tiles inside it, single points on its edges), takes
-- out the people who blocked the caller and adds, through row-level security, the people the
-- caller sees beyond their audience (themselves, crewmates-only crewmates). It lists items only
-- when few are there, reading them as before. With person filters (open_to, practices,
-- pathway_stage, languages, q) it scans as before, up to 100,000 people in the box; beyond that
-- it answers "narrow" rather than taking seconds or dropping anyone.
--
-- public.directory_list pages the directory by keyset (name, recently confirmed, or distance),
-- with a total from the counts when no person filter is given.

-- The counts are read through the functions of their own schema: SECURITY DEFINER (they read
-- private tables), each answering only what its caller may see, for every API role. PostgREST
-- does not expose the schema: the API's invoker functions call them.
create schema counts;
revoke all on schema counts from public;
grant usage on schema counts to anon, authenticated;

-- Which counts the caller reads: 1 for anonymous visitors, 2 for members, 0 for everyone else
-- (an anonymous sign-in sees no one but themselves).
create function counts.caller_audience() returns smallint
	language sql stable set search_path = ''
	as $$
	select case
		when (select auth.role()) = 'anon' then 1
		when (select auth.role()) = 'authenticated' and (select audience.is_member()) then 2
		else 0
	end::smallint
$$;

-- The people of the caller's audience in a box, grouped by the first key_length characters of
-- their cells: their number and the sums of their points. Tiles wholly inside the box are read
-- whole; tiles on its edge are read point by point. The people who blocked the caller are taken
-- out here, as the profiles policies take them out; nothing here names or places anyone.
create function counts.people_counts(
	min_lat double precision,
	min_lng double precision,
	max_lat double precision,
	max_lng double precision,
	key_length integer
)
	returns table (key text, people bigint, lat_sum double precision, lng_sum double precision)
	language sql stable security definer set search_path = ''
	as $$
	with caller as (
		select counts.caller_audience() as audience,
			case when key_length <= 7 then 7 when key_length <= 9 then 9
				when key_length <= 11 then 11 when key_length <= 13 then 13 end::smallint as level,
			min_lng > max_lng as crossing,
			case when min_lng > max_lng then 180 else max_lng end as first_east
	),
	tiles as (
		select t.key, t.people, t.lat_sum, t.lng_sum,
			t.south >= min_lat and t.north <= max_lat
				and ((t.west >= min_lng and t.east <= c.first_east)
					or (c.crossing and t.east <= max_lng)) as inside
		from caller c
		join private.map_tiles t
			on t.people > 0 and t.level > 0
			and (
				extensions.cube(array[t.audience::double precision, t.level::double precision, t.south, t.west],
					array[t.audience::double precision, t.level::double precision, t.north, t.east])
				operator(extensions.&&) extensions.cube(
					array[c.audience::double precision, c.level::double precision, min_lat, min_lng],
					array[c.audience::double precision, c.level::double precision, max_lat, c.first_east])
				or (c.crossing and extensions.cube(array[t.audience::double precision, t.level::double precision, t.south, t.west],
					array[t.audience::double precision, t.level::double precision, t.north, t.east])
				operator(extensions.&&) extensions.cube(
					array[c.audience::double precision, c.level::double precision, min_lat, -180],
					array[c.audience::double precision, c.level::double precision, max_lat, max_lng]))
			)
		where c.level is not null and c.audience > 0
	),
	-- The points read one by one: those under edge tiles, or all in the box at the finest zooms.
	edges as materialized (
		select e.key, c.audience, c.level from tiles e cross join caller c where not e.inside
	),
	points as (
		select p.cell, p.people, p.lat, p.lng
		from edges e
		cross join lateral (
			select p.cell, p.people, p.lat, p.lng
			from private.map_points p
			where p.audience = e.audience and p.cell >= e.key and p.cell < e.key || '4' and p.people > 0
			-- One index range per edge tile, never a scan of every point.
			offset 0
		) p
		where left(p.cell, e.level) = e.key
		union all
		select p.cell, p.people, p.lat, p.lng
		from caller c
		join private.map_points p
			on p.people > 0
			and (
				extensions.cube(array[p.audience::double precision, p.lat, p.lng])
				operator(extensions.<@) extensions.cube(array[c.audience::double precision, min_lat, min_lng],
					array[c.audience::double precision, max_lat, c.first_east])
				or (c.crossing and extensions.cube(array[p.audience::double precision, p.lat, p.lng])
				operator(extensions.<@) extensions.cube(array[c.audience::double precision, min_lat, -180],
					array[c.audience::double precision, max_lat, max_lng]))
			)
		where c.level is null and c.audience > 0
	),
	-- Found by their ids (a few), then kept to the box.
	blockers as materialized (
		select b.published_cell as cell, b.published_lat as lat, b.published_lng as lng
		from caller c
		join public.profiles b
			on b.id = any ((select private.blockers_of_caller())::uuid[])
			and (b.published_audiences & 2) <> 0 and b.published_cell is not null
		where c.audience = 2
	),
	everyone as (
		select t.key, t.people::bigint as people, t.lat_sum, t.lng_sum from tiles t where t.inside
		union all
		select p.cell, p.people, p.people * p.lat, p.people * p.lng
		from points p
		where p.lat between min_lat and max_lat
			and ((min_lng <= max_lng and p.lng between min_lng and max_lng)
				or (min_lng > max_lng and (p.lng >= min_lng or p.lng <= max_lng)))
		union all
		select b.cell, -1, -b.lat, -b.lng
		from blockers b
		where b.lat between min_lat and max_lat
			and ((min_lng <= max_lng and b.lng between min_lng and max_lng)
				or (min_lng > max_lng and (b.lng >= min_lng or b.lng <= max_lng)))
	)
	select left(e.key, key_length), sum(e.people)::bigint, sum(e.lat_sum), sum(e.lng_sum)
	from everyone e
	group by 1
	having sum(e.people) <> 0
$$;

comment on function counts.people_counts(double precision, double precision, double precision, double precision, integer) is
	'The caller''s audience''s people in a box, by quadkey prefix, without those who blocked the caller: counts and point sums from private.map_tiles and private.map_points.';

-- How many people the directory lists for the caller's audience, without those who blocked them.
create function counts.people_total() returns bigint
	language sql stable security definer set search_path = ''
	as $$
	select coalesce((
		select sum(t.people) from private.map_tiles t
		where t.audience = counts.caller_audience() and t.level = 0
	), 0) - case when counts.caller_audience() = 2 then (
		select count(*) from public.profiles b
		where b.id = any ((select private.blockers_of_caller())::uuid[]) and (b.published_audiences & 2) <> 0
	) else 0 end
$$;

-- The people the caller may see beyond their audience's counts: themselves, and crewmates-only
-- people they share a crew with. Whether each is seen is left to the profiles policies (the
-- caller reads them through row-level security); in_base says whether the counts hold them
-- already. Ids only: the caller knows these people anyway.
create function counts.caller_extras() returns table (id uuid, in_base boolean)
	language sql stable security definer set search_path = ''
	as $$
	select me.id, (me.published_audiences & 2) <> 0 and counts.caller_audience() = 2
	from public.profiles me
	where me.id = (select auth.uid())
	union
	select theirs.profile_id, false
	from public.group_members mine
	join public.groups g on g.id = mine.group_id and g.kind = 'crew'
	join public.group_members theirs on theirs.group_id = mine.group_id
	join public.profiles p on p.id = theirs.profile_id and p.visibility = 'crewmates'
	where mine.profile_id = (select auth.uid()) and theirs.profile_id <> mine.profile_id
$$;

revoke all on function counts.caller_audience(), counts.people_counts(double precision, double precision, double precision, double precision, integer),
	counts.people_total(), counts.caller_extras() from public;
grant execute on function counts.caller_audience(), counts.people_counts(double precision, double precision, double precision, double precision, integer),
	counts.people_total(), counts.caller_extras() to anon, authenticated;

-- The person filters as SQL over `p` (public.profiles), for the reads that build their query:
-- the values come as parameters $first .. $first + 4 (open_to, practices, pathway_stage and
-- languages as text arrays, the needle as lower-case text, each null for no filter). The one place
-- the filters are written.
create function audience.person_filter_sql(first integer) returns text
	language sql immutable set search_path = ''
	as $$
	select format(
		$filter$(%1$s::text[] is null or p.open_to::text[] && %1$s)
			and (%2$s::text[] is null or p.practices::text[] && %2$s)
			and (%3$s::text[] is null or p.pathway_stage::text = any (%3$s))
			and (%4$s::text[] is null
				or exists (select 1 from unnest(p.languages) l where lower(l) = any (%4$s)))
			and (%5$s::text is null
				or strpos(lower(p.display_name), %5$s) > 0
				or exists (select 1 from unnest(p.interests) i where strpos(lower(i), %5$s) > 0))$filter$,
		'$' || first, '$' || (first + 1), '$' || (first + 2), '$' || (first + 3), '$' || (first + 4)
	)
$$;

grant execute on function audience.person_filter_sql(integer) to anon, authenticated;

-- audience.visible_items as before, its person filters written by audience.person_filter_sql.
create or replace function audience.visible_items(
	min_lat double precision default null,
	min_lng double precision default null,
	max_lat double precision default null,
	max_lng double precision default null,
	filters jsonb default '{}',
	near_lat double precision default null,
	near_lng double precision default null,
	kinds text[] default null
)
	returns table (
		kind text,
		id uuid,
		name text,
		lat double precision,
		lng double precision,
		cell text,
		place_label text,
		distance_m double precision,
		last_confirmed_at timestamptz,
		open_to public.openness[],
		practices public.practice[],
		pathway_stage public.pathway_stage,
		languages text[],
		status public.group_status,
		size_limit integer,
		seats_open integer,
		starts_at timestamptz,
		ends_at timestamptz,
		time_zone text,
		gathering_kind public.gathering_kind
	)
	language plpgsql stable set search_path = ''
	as $$
#variable_conflict use_column
declare
	-- Parsed first, so a malformed filter is an error whatever the box holds.
	wanted_open_to text[] := audience.filter_values(filters, 'open_to');
	wanted_practices text[] := audience.filter_values(filters, 'practices');
	wanted_stages text[] := audience.filter_values(filters, 'pathway_stage');
	wanted_languages text[] := audience.filter_values(filters, 'languages');
	needle text := (audience.filter_values(filters, 'q'))[1];
	within_days integer := (audience.filter_values(filters, 'within_days'))[1]::integer;
	boxed boolean := min_lat is not null;
	-- Which gatherings: upcoming (the default), past or any; published ones, and cancelled ones
	-- too where a list asks for them (the map never does).
	wanted_when text := coalesce(filters ->> 'when', 'upcoming');
	with_cancelled boolean := coalesce(filters ->> 'with_cancelled', 'false') = 'true';
	origin extensions.earth;
	-- Which point columns of profiles the caller may read.
	point_columns text[] := case when audience.is_member()
		then array['published_lat', 'published_lng', 'published_cell', 'place_label', 'published_earth']
		else array['public_lat', 'public_lng', 'public_cell', 'public_place_label', 'public_earth']
	end;
begin
	if wanted_when not in ('upcoming', 'past', 'any') then
		raise exception 'filters.when must be upcoming, past or any' using errcode = '22023';
	end if;
	if (min_lat is null or min_lng is null or max_lat is null or max_lng is null)
		<> (min_lat is null and min_lng is null and max_lat is null and max_lng is null)
		or min_lat > max_lat then
		raise exception 'the box needs min_lat <= max_lat and all four edges' using errcode = '22023';
	end if;
	if (near_lat is null) <> (near_lng is null)
		or near_lat not between -90 and 90 or near_lng not between -180 and 180 then
		raise exception 'near_lat and near_lng go together, within -90..90 and -180..180'
			using errcode = '22023';
	end if;
	origin := case when near_lat is not null then extensions.ll_to_earth(near_lat, near_lng) end;

	if kinds is null or 'practitioner' = any (kinds) then
		return query execute format(
			$people$
			select 'practitioner'::text, p.id, p.display_name, p.%1$I, p.%2$I, p.%3$I, p.%4$I,
				extensions.earth_distance(p.%5$I, $6), p.last_confirmed_at,
				p.open_to, p.practices, p.pathway_stage, p.languages,
				null::public.group_status, null::integer, null::integer,
				null::timestamptz, null::timestamptz, null::text, null::public.gathering_kind
			from public.profiles p
			where (not $5 or (
					p.%1$I between $1 and $3
					and (($2 <= $4 and p.%2$I between $2 and $4)
						or ($2 > $4 and (p.%2$I >= $2 or p.%2$I <= $4)))
				))
				and %6$s
			$people$,
			variadic point_columns || audience.person_filter_sql(7)
		)
		using min_lat, min_lng, max_lat, max_lng, boxed, origin,
			wanted_open_to, wanted_practices, wanted_stages, wanted_languages, needle;
	end if;

	-- Crews, congregations and gatherings are all placed by a published area: one query for both.
	return query
	select published.kind, published.id, published.name, published.area_lat, published.area_lng,
		published.area_cell, published.area_label,
		extensions.earth_distance(extensions.ll_to_earth(published.area_lat, published.area_lng), origin),
		null::timestamptz, '{}'::public.openness[], '{}'::public.practice[],
		null::public.pathway_stage, '{}'::text[], published.status, published.size_limit,
		published.seats_open, published.starts_at, published.ends_at, published.time_zone,
		published.gathering_kind
	from (
		select g.kind::text as kind, g.id, g.name, g.purpose as about, g.area_lat, g.area_lng,
			g.area_cell, g.area_label, g.status, g.size_limit,
			-- How many more may join a forming or open group with a size limit, never below 0.
			-- greatest() skips nulls, so the size limit is asked for first.
			case when g.status in ('forming', 'open') and g.size_limit is not null
				then greatest(g.size_limit - g.member_count, 0) end as seats_open,
			null::timestamptz as starts_at, null::timestamptz as ends_at, null::text as time_zone,
			null::public.gathering_kind as gathering_kind
		from public.groups g
		where g.status <> 'closed'
		union all
		select 'gathering', e.id, e.name, e.description, e.area_lat, e.area_lng, e.area_cell,
			e.area_label, null, null, null, e.starts_at, e.ends_at, e.time_zone, e.kind
		from public.gatherings e
		where (e.status = 'published' or (with_cancelled and e.status = 'cancelled'))
			and case wanted_when
				when 'upcoming' then audience.gathering_ends(e.ends_at, e.recurrence, e.repeats_until) >= now()
				when 'past' then audience.gathering_ends(e.ends_at, e.recurrence, e.repeats_until) < now()
				else true
			end
			and (within_days is null or e.starts_at <= now() + make_interval(days => within_days))
	) published
	where (kinds is null or published.kind = any (kinds))
		and (not boxed or (
			published.area_lat between min_lat and max_lat
			and ((min_lng <= max_lng and published.area_lng between min_lng and max_lng)
				or (min_lng > max_lng and (published.area_lng >= min_lng or published.area_lng <= max_lng)))
		))
		and (needle is null
			or strpos(lower(published.name), needle) > 0
			or strpos(lower(published.about), needle) > 0);
end;
$$;


-- Whether filters narrow people (and so cannot be answered from the counts). Raises 22023 on a
-- malformed filter, as every read does.
create function audience.filters_people(filters jsonb) returns boolean
	language sql immutable set search_path = ''
	as $$
	select audience.filter_values(filters, 'open_to') is not null
		or audience.filter_values(filters, 'practices') is not null
		or audience.filter_values(filters, 'pathway_stage') is not null
		or audience.filter_values(filters, 'languages') is not null
		or audience.filter_values(filters, 'q') is not null
$$;

grant execute on function audience.filters_people(jsonb) to anon, authenticated;

-- The map -----------------------------------------------------------------------------------------------

-- The map as it was answered before the counts: everything the caller may see in the box, read
-- and grouped on the fly. Still the answer for items and for person filters; the benchmark's
-- straightforward version.
alter function public.map_view(double precision, double precision, double precision, double precision, integer, integer, jsonb)
	rename to map_view_scanned;
alter function public.map_view_scanned(double precision, double precision, double precision, double precision, integer, integer, jsonb)
	set schema audience;
revoke all on function audience.map_view_scanned(double precision, double precision, double precision, double precision, integer, integer, jsonb)
	from public, anon, authenticated;
grant execute on function audience.map_view_scanned(double precision, double precision, double precision, double precision, integer, integer, jsonb)
	to anon, authenticated;

create function public.map_view(
	min_lat double precision,
	min_lng double precision,
	max_lat double precision,
	max_lng double precision,
	zoom integer,
	max_items integer default 2000,
	filters jsonb default '{}'
)
	returns jsonb
	language plpgsql stable set search_path = '' set work_mem = '16MB'
	as $$
declare
	key_length integer := zoom + 5;
	answer jsonb;
	-- What the caller sees beyond their audience's counts, read through row-level security
	-- (members' point columns, so only asked by signed-in callers).
	extras text := case when (select auth.role()) = 'authenticated' then $extras$
		select left(p.published_cell, $5), 1::bigint, p.published_lat, p.published_lng
		from public.profiles p
		join counts.caller_extras() e on e.id = p.id and not e.in_base
		where p.published_cell is not null
			and p.published_lat between $1 and $3
			and (($2 <= $4 and p.published_lng between $2 and $4)
				or ($2 > $4 and (p.published_lng >= $2 or p.published_lng <= $4)))
		$extras$ else 'select null::text, 0::bigint, 0::double precision, 0::double precision where false' end;
begin
	perform audience.check_map_request(min_lat, min_lng, max_lat, max_lng, max_items);
	if zoom is null or zoom < 0 or zoom > 24 then
		raise exception 'zoom must be between 0 and 24' using errcode = '22023';
	end if;
	if (select auth.role()) is distinct from 'anon' and (select auth.role()) is distinct from 'authenticated' then
		return audience.map_view_scanned(min_lat, min_lng, max_lat, max_lng, zoom, max_items, filters);
	end if;
	if audience.filters_people(filters) then
		if (
			select coalesce(sum(c.people), 0)
			from counts.people_counts(min_lat, min_lng, max_lat, max_lng, least(key_length, 7)) c
		) > 100000 then
			return jsonb_build_object('total', null, 'detail', 'narrow', 'items', '[]'::jsonb,
				'counts', '[]'::jsonb, 'limit', 100000);
		end if;
		return audience.map_view_scanned(min_lat, min_lng, max_lat, max_lng, zoom, max_items, filters);
	end if;

	execute format($counted$
		with people as (
			select c.key, c.people, c.lat_sum, c.lng_sum
			from counts.people_counts($1, $2, $3, $4, $5) c
			union all
			%s
		),
		others as (
			select left(o.cell, $5) as key, o.kind, o.lat, o.lng
			from audience.visible_items($1, $2, $3, $4, $6, kinds => '{crew,congregation,gathering}') o
		),
		places as (
			select everything.key, sum(everything.practitioners) as practitioners,
				sum(everything.crews) as crews, sum(everything.congregations) as congregations,
				sum(everything.gatherings) as gatherings, sum(everything.items) as items,
				sum(everything.lat_sum) as lat_sum, sum(everything.lng_sum) as lng_sum
			from (
				select p.key, p.people as practitioners, 0 as crews, 0 as congregations,
					0 as gatherings, p.people as items, p.lat_sum, p.lng_sum
				from people p
				union all
				select o.key, 0, (o.kind = 'crew')::integer, (o.kind = 'congregation')::integer,
					(o.kind = 'gathering')::integer, 1, o.lat, o.lng
				from others o
			) everything
			group by everything.key
			having sum(everything.items) > 0
		)
		select jsonb_build_object(
			'total', coalesce(sum(pl.items), 0),
			'detail', 'counts',
			'items', '[]'::jsonb,
			'counts', coalesce(jsonb_agg(jsonb_build_array(
				round((pl.lat_sum / pl.items)::numeric, 5)::double precision,
				round((pl.lng_sum / pl.items)::numeric, 5)::double precision,
				pl.practitioners, pl.crews, pl.congregations, pl.gatherings
			) order by pl.key collate "C"), '[]'::jsonb)
		)
		from places pl
	$counted$, extras)
	into answer
	using min_lat, min_lng, max_lat, max_lng, key_length, filters;

	-- Few enough to list one by one: read them (the count of what is read is the total).
	if max_items > 0 and (answer ->> 'total')::bigint <= max_items then
		return audience.map_view_scanned(min_lat, min_lng, max_lat, max_lng, zoom, max_items, filters);
	end if;
	return answer;
end;
$$;

comment on function public.map_view(double precision, double precision, double precision, double precision, integer, integer, jsonb) is
	'What the map shows in a box at a zoom, for the caller (practitioners, crews, congregations, upcoming gatherings): every item when total <= max_items (max_items > 0), else counts per kind grouped by quadkey prefix (zoom + 5), from the counts kept by cell; with person filters over more than 100,000 people, detail "narrow" and a null total. Raises 22023 on a bad box, zoom, limit or filter.';

grant execute on function public.map_view(double precision, double precision, double precision, double precision, integer, integer, jsonb) to anon, authenticated;

-- The directory by keyset ------------------------------------------------------------------------------

-- One page of the directory after a cursor, in the order directory_page gives:
--   { "items": [the items of directory_page],
--     "next":  the cursor of the page after this one, or null on the last page,
--     "total": everyone who matched, "total_capped": true when a person filter matched more than
--              1,000 (total is then 1,000: counting them all would read everyone) }
-- sort: 'name', 'recent' or 'distance' (near_lat/near_lng required), as directory_page sorts.
-- after: null for the first page, else a cursor this function gave for the same sort and place.
create function public.directory_list(
	sort text default 'name',
	after text default null,
	page_size integer default 20,
	near_lat double precision default null,
	near_lng double precision default null,
	filters jsonb default '{}'
)
	returns jsonb
	language plpgsql stable set search_path = '' set max_parallel_workers_per_gather = 0
	as $$
declare
	member boolean := (select audience.is_member());
	wanted_open_to text[] := audience.filter_values(filters, 'open_to');
	wanted_practices text[] := audience.filter_values(filters, 'practices');
	wanted_stages text[] := audience.filter_values(filters, 'pathway_stage');
	wanted_languages text[] := audience.filter_values(filters, 'languages');
	needle text := (audience.filter_values(filters, 'q'))[1];
	filtered boolean;
	cursor_value jsonb;
	after_name text;
	after_id uuid;
	after_time timestamptz;
	after_distance double precision;
	after_placed boolean;
	cursor_rows integer;
	origin extensions.earth;
	-- Members read the owners' precision, everyone else the public cells.
	columns text[] := case when member
		then array['published_cell', 'place_label', 'published_earth']
		else array['public_cell', 'public_place_label', 'public_earth'] end;
	matches text := audience.person_filter_sql(1);
	query text;
	rows jsonb;
	total bigint;
	capped boolean := false;
begin
	if page_size is null or page_size < 1 or page_size > 100 then
		raise exception 'page_size must be between 1 and 100' using errcode = '22023';
	end if;
	if sort is null or sort not in ('name', 'recent', 'distance') then
		raise exception 'sort must be name, recent or distance' using errcode = '22023';
	end if;
	if (near_lat is null) <> (near_lng is null)
		or near_lat not between -90 and 90 or near_lng not between -180 and 180 then
		raise exception 'near_lat and near_lng go together, within -90..90 and -180..180'
			using errcode = '22023';
	end if;
	if sort = 'distance' and near_lat is null then
		raise exception 'sorting by distance needs near_lat and near_lng' using errcode = '22023';
	end if;
	filtered := wanted_open_to is not null or wanted_practices is not null or wanted_stages is not null
		or wanted_languages is not null or needle is not null;
	origin := case when near_lat is not null then extensions.ll_to_earth(near_lat, near_lng) end;

	if after is not null then
		begin
			cursor_value := after::jsonb;
			after_name := cursor_value ->> 'n';
			after_id := (cursor_value ->> 'i')::uuid;
			after_time := (cursor_value ->> 't')::timestamptz;
		exception when others then
			raise exception 'after must be a cursor from the page before' using errcode = '22023';
		end;
		if after_name is null or after_id is null or cursor_value ->> 's' is distinct from sort
			or (sort = 'distance' and cursor_value -> 'o' is distinct from jsonb_build_array(near_lat, near_lng)) then
			raise exception 'after must be a cursor from the page before' using errcode = '22023';
		end if;
		-- A cursor by distance names the last person listed, not how far they are: that is read
		-- again (through row-level security), so the link says nothing finer than the page did.
		if sort = 'distance' then
			execute format('select extensions.earth_distance(p.%I, $1) from public.profiles p where p.id = $2',
				columns[3])
			into after_distance
			using origin, after_id;
			get diagnostics cursor_rows = row_count;
			if cursor_rows = 0 then
				raise exception 'after must be a cursor from the page before' using errcode = '22023';
			end if;
			after_placed := after_distance is null;
		end if;
	end if;

	-- The page's rows, one more than asked for to know whether another page follows. Each sort
	-- reads an index in order from the cursor: names, confirmation times (ties by name), or
	-- distances (nearest first through the cells' index, then the people with no cell). Where a
	-- sort reads two ranges, every row of the first comes before every row of the second, so the
	-- second is read only when the first runs short (the function runs without parallel workers,
	-- which keeps the ranges in order).
	query := format($page$
		select p.id, p.display_name, p.bio, p.%2$I as place_label, p.%1$I as cell,
			extensions.earth_distance(p.%3$I, $6) as distance_m, p.last_confirmed_at,
			p.pathway_stage, p.practices, p.open_to, p.languages
		from public.profiles p
		where %4$s
	$page$, columns[1], columns[2], columns[3], matches);
	query := case sort
		when 'name' then format($name$
			select * from (%1$s and ($7::text is null or (p.display_name, p.id) > ($7, $8))
				order by p.display_name, p.id limit $11) page
			$name$, query)
		when 'recent' then format($recent$
			select * from (
				(%1$s and $7::text is not null
					and coalesce(p.last_confirmed_at, '-infinity') = coalesce($9, '-infinity')
					and (p.display_name, p.id) > ($7, $8)
				order by p.display_name, p.id limit $11)
				union all
				(%1$s and ($7::text is null or coalesce(p.last_confirmed_at, '-infinity') < coalesce($9, '-infinity'))
				order by coalesce(p.last_confirmed_at, '-infinity') desc, p.display_name, p.id limit $11)
			) page
			limit $11
			$recent$, query)
		else format($distance$
			select * from (
				(%1$s and p.%2$I is not null and not coalesce($12, false)
					and ($7::text is null
						or extensions.earth_distance(p.%2$I, $6) > $10
						or (extensions.earth_distance(p.%2$I, $6) = $10 and (p.display_name, p.id) > ($7, $8)))
				order by p.%2$I operator(extensions.<->) $6, p.display_name, p.id limit $11)
				union all
				(%1$s and p.%2$I is null
					and ($7::text is null or not coalesce($12, false) or (p.display_name, p.id) > ($7, $8))
				order by p.display_name, p.id limit $11)
			) page
			limit $11
			$distance$, query, columns[3])
	end;

	execute format($json$
		select coalesce(jsonb_agg(jsonb_build_object(
			'id', r.id, 'display_name', r.display_name, 'bio', r.bio, 'place_label', r.place_label,
			'distance_km', case when r.distance_m is not null
				then (greatest(round(r.distance_m / 1000.0 / size.km), 1) * size.km)::integer end,
			'last_confirmed_at', r.last_confirmed_at, 'pathway_stage', r.pathway_stage,
			'practices', r.practices, 'open_to', r.open_to, 'languages', r.languages,
			'cursor', jsonb_build_object('s', $13, 'n', r.display_name, 'i', r.id,
				't', r.last_confirmed_at,
				'o', case when $13 = 'distance' then jsonb_build_array($14::double precision, $15::double precision) end)
		) order by r.position), '[]'::jsonb)
		from (
			select page.*, row_number() over () as position from (%s) page
		) r
		cross join lateral (
			select case
				when char_length(r.cell) >= 15 then 1
				when char_length(r.cell) >= 13 then 5
				when char_length(r.cell) >= 11 then 20
				when char_length(r.cell) >= 9 then 100
				else 1000
			end as km
		) size
	$json$, query)
	into rows
	using wanted_open_to, wanted_practices, wanted_stages, wanted_languages, needle, origin,
		after_name, after_id, after_time, after_distance, page_size + 1, after_placed, sort, near_lat,
		near_lng;

	if not filtered then
		total := counts.people_total();
		if (select auth.role()) = 'authenticated' then
			total := total + (
				select count(*) from public.profiles p
				join counts.caller_extras() e on e.id = p.id and not e.in_base
			);
		end if;
	else
		execute format('select count(*) from (select 1 from public.profiles p where %s limit 1001) matched', matches)
		into total
		using wanted_open_to, wanted_practices, wanted_stages, wanted_languages, needle;
		capped := total > 1000;
		total := least(total, 1000);
	end if;

	return jsonb_build_object(
		'items', coalesce((
			select jsonb_agg(item - 'cursor' order by position)
			from jsonb_array_elements(rows) with ordinality listed (item, position)
			where position <= page_size
		), '[]'::jsonb),
		'next', case when jsonb_array_length(rows) > page_size
			then (rows -> (page_size - 1) -> 'cursor')::text end,
		'total', total,
		'total_capped', capped
	);
end;
$$;

comment on function public.directory_list(text, text, integer, double precision, double precision, jsonb) is
	'One page of the practitioners the caller may see, after a cursor (keyset), in directory_page''s order, with the cursor of the next page and the total. Raises 22023 on a bad sort, size, place, cursor or filter.';

grant execute on function public.directory_list(text, text, integer, double precision, double precision, jsonb) to anon, authenticated;
