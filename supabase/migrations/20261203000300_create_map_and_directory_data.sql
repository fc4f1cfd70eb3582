-- What the map and the directory read: one function that yields everything the caller may see,
-- at the caller's precision (audience.visible_items), and the three API functions that shape it
-- for the map (map_view, map_items) and the directory (directory_page).
--
-- All of them are SECURITY INVOKER, so the tables' row-level security decides who is in every
-- answer and every count (visibility, crewmates, blocks, onboarding), and column privileges
-- decide which point each caller may read: members the owner's precision (published_*),
-- anonymous visitors the public cells (public_*: area or coarser, k = 3). New reads of people,
-- groups or gatherings select from audience.visible_items rather than from the tables.
--
-- The API functions return jsonb rather than rows: PostgREST caps the rows of a set-returning
-- function at db-max-rows (1000), and the map needs more than that in one answer. None of them
-- ever truncates silently. Each holds what it read in memory twice (the rows visible_items
-- returns, then the query's own copy to count, list and group them): 16 MB keeps 100,000 people
-- in memory instead of temporary files.
--
-- Filters, a jsonb object whose keys are all optional; an empty array or a missing key does not
-- filter:
--   open_to        text[]  people open to any of these (public.openness values)
--   practices      text[]  people working with any of these (public.practice values)
--   pathway_stage  text[]  people at any of these stages (public.pathway_stage values)
--   languages      text[]  people speaking any of these, case-insensitively
--   q              text    a case-insensitive part of a person's name or interest, a group's
--                          name or purpose, a gathering's name or description
--   within_days    number  gatherings starting within this many days (a whole number, 1..3660)
-- Person filters narrow people only, within_days gatherings only, q everything. Unknown values
-- match nobody; a key of the wrong type is an error (22023) naming the key.

-- The values of one filter as a text array (null: no filter). Pure, so anyone may run it.
create function audience.filter_values(filters jsonb, key text) returns text[]
	language plpgsql immutable set search_path = ''
	as $$
declare
	value jsonb := coalesce(filters, '{}'::jsonb) -> key;
	days numeric;
	result text[];
begin
	if jsonb_typeof(coalesce(filters, '{}'::jsonb)) <> 'object' then
		raise exception 'filters must be a JSON object' using errcode = '22023';
	end if;
	if value is null or jsonb_typeof(value) = 'null' then
		return null;
	end if;
	if key = 'q' then
		if jsonb_typeof(value) <> 'string' then
			raise exception 'filters.q must be a string' using errcode = '22023';
		end if;
		result := array[lower(btrim(value #>> '{}'))];
		return case when result[1] = '' then null else result end;
	end if;
	if key = 'within_days' then
		if jsonb_typeof(value) = 'number' then
			days := (value #>> '{}')::numeric;
		end if;
		if days is null or days <> trunc(days) or days not between 1 and 3660 then
			raise exception 'filters.within_days must be a whole number of days from 1 to 3660'
				using errcode = '22023';
		end if;
		return array[days::integer::text];
	end if;
	if jsonb_typeof(value) <> 'array'
		or exists (select 1 from jsonb_array_elements(value) element where jsonb_typeof(element) <> 'string') then
		raise exception 'filters.% must be an array of strings', key using errcode = '22023';
	end if;
	result := array(
		select case when key = 'languages' then lower(btrim(element)) else element end
		from jsonb_array_elements_text(value) element
	);
	return case when cardinality(result) = 0 then null else result end;
end;
$$;

comment on function audience.filter_values(jsonb, text) is
	'The values of one map/directory filter as a text array (null: no filter). Raises 22023 on a malformed filter.';

-- The audience rule -------------------------------------------------------------------------------

-- Everything the caller may see, as rows of one shape: practitioners at the caller's precision,
-- crews and congregations that are not closed, gatherings that have not ended, each placed at its
-- published cell's centre, matching the filters. In a box [min_lng..max_lng] × [min_lat..max_lat]
-- when one is given (west > east crosses the antimeridian), else everywhere, people with no place
-- included. Only the kinds asked for (null: all). distance_m is from near_lat/near_lng to the
-- cell's centre (null without a place, or for people with no cell): the centre is what the caller
-- sees, so it says nothing finer. Every column is present on every kind: people have null group
-- and gathering fields, groups and gatherings empty person fields.
--
-- People are one query written once, with the point columns chosen by audience: PostgreSQL checks
-- column privileges for every column a query names, so a query that named published_* would fail
-- for anonymous callers even where it never read them. Groups and gatherings are published at one
-- precision for everyone; their policies decide who sees which.
create function audience.visible_items(
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
	origin extensions.earth;
	-- Which point columns of profiles the caller may read.
	point_columns text[] := case when audience.is_member()
		then array['published_lat', 'published_lng', 'published_cell', 'place_label', 'published_earth']
		else array['public_lat', 'public_lng', 'public_cell', 'public_place_label', 'public_earth']
	end;
begin
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
				and ($7 is null or p.open_to::text[] && $7)
				and ($8 is null or p.practices::text[] && $8)
				and ($9 is null or p.pathway_stage::text = any ($9))
				and ($10 is null
					or exists (select 1 from unnest(p.languages) l where lower(l) = any ($10)))
				and ($11 is null
					or strpos(lower(p.display_name), $11) > 0
					or exists (select 1 from unnest(p.interests) i where strpos(lower(i), $11) > 0))
			$people$,
			variadic point_columns
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
		where e.ends_at >= now()
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

comment on function audience.visible_items(double precision, double precision, double precision, double precision, jsonb, double precision, double precision, text[]) is
	'Everything the caller may see (practitioners, crews, congregations, upcoming gatherings), at the caller''s precision, matching the filters, in a box or everywhere: the one place that says who sees whom and how precisely.';

grant execute on function audience.filter_values(jsonb, text) to anon, authenticated;
grant execute on function audience.visible_items(double precision, double precision, double precision, double precision, jsonb, double precision, double precision, text[]) to anon, authenticated;

-- The map --------------------------------------------------------------------------------------------

-- What every map request must be: a whole box, south below north (west > east crosses the
-- antimeridian), and a limit on the items sent one by one.
create function audience.check_map_request(
	min_lat double precision,
	min_lng double precision,
	max_lat double precision,
	max_lng double precision,
	max_items integer
)
	returns void
	language plpgsql immutable set search_path = ''
	as $$
begin
	if min_lat is null or min_lng is null or max_lat is null or max_lng is null
		or min_lat > max_lat then
		raise exception 'the box needs min_lat <= max_lat and all four edges' using errcode = '22023';
	end if;
	if max_items is null or max_items < 0 or max_items > 50000 then
		raise exception 'max_items must be between 0 and 50000' using errcode = '22023';
	end if;
end;
$$;

grant execute on function audience.check_map_request(double precision, double precision, double precision, double precision, integer) to anon, authenticated;

-- Everything the caller may see in a box, for search and for listing a crowded place:
--   { "items": [item, ...]   at most max_items of them (0 for just the count), in cell then id
--                            order, so the same request always gets the same items,
--     "total": everything that matched, "truncated": total > number of items }
-- Each item is { kind, id, name, lat, lng, cell, place_label, open_to, practices, pathway_stage,
-- languages, status, size_limit, seats_open, starts_at, ends_at, time_zone, gathering_kind }.
create function public.map_items(
	min_lat double precision,
	min_lng double precision,
	max_lat double precision,
	max_lng double precision,
	max_items integer default 5000,
	filters jsonb default '{}'
)
	returns jsonb
	language sql stable set search_path = '' set work_mem = '16MB'
	as $$
	select audience.check_map_request(min_lat, min_lng, max_lat, max_lng, max_items);
	with matched as (
		select * from audience.visible_items(min_lat, min_lng, max_lat, max_lng, filters)
	),
	shown as (select * from matched order by cell, id limit max_items)
	select jsonb_build_object(
		'items', coalesce((
			select jsonb_agg(to_jsonb(s) - '{distance_m,last_confirmed_at}'::text[] order by s.cell, s.id)
			from shown s
		), '[]'::jsonb),
		'total', (select count(*) from matched),
		'truncated', (select count(*) from matched) > max_items
	)
$$;

comment on function public.map_items(double precision, double precision, double precision, double precision, integer, jsonb) is
	'Everything the caller may see in a box (practitioners, crews, congregations, upcoming gatherings), at most max_items of it in cell then id order, with the total. Raises 22023 on a bad box, limit or filter.';

-- What the network map shows for a box and a zoom: every item when few match, counts by place
-- when many, so a map of 100k practitioners never receives every point.
--   { "total":  everything that matched,
--     "detail": "items" when total <= max_items (and max_items > 0), else "counts",
--     "items":  [item, ...]   all of them, as map_items gives them, in cell then id order; else [],
--     "counts": [[lat, lng, practitioners, crews, congregations, gatherings], ...]   else [] }
-- Counts gather the matched items by the first zoom + 5 characters of their cell's quadkey (the
-- whole cell when it is shorter): at map zoom z a place spans a tile of zoom z + 5, about 8
-- pixels wide. A place's lat/lng is the average of its items' points, rounded to 5 decimals
-- (about a metre): the average of points the caller could read anyway. Places come in quadkey
-- order, so the same request gets the same answer, and their counts always add up to total.
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
begin
	perform audience.check_map_request(min_lat, min_lng, max_lat, max_lng, max_items);
	if zoom is null or zoom < 0 or zoom > 24 then
		raise exception 'zoom must be between 0 and 24' using errcode = '22023';
	end if;
	-- The scalar subqueries under each CASE run only when their branch is taken.
	return (
		with matched as (
			select * from audience.visible_items(min_lat, min_lng, max_lat, max_lng, filters)
		),
		counted as (
			select count(*) as total, max_items > 0 and count(*) <= max_items as listed from matched
		)
		select jsonb_build_object(
			'total', c.total,
			'detail', case when c.listed then 'items' else 'counts' end,
			'items', case when c.listed then coalesce((
				select jsonb_agg(to_jsonb(m) - '{distance_m,last_confirmed_at}'::text[] order by m.cell, m.id)
				from matched m
			), '[]'::jsonb) else '[]'::jsonb end,
			'counts', case when not c.listed then coalesce((
				select jsonb_agg(jsonb_build_array(
					place.lat, place.lng, place.practitioners, place.crews, place.congregations,
					place.gatherings
				) order by place.key)
				from (
					select left(m.cell, zoom + 5) as key,
						round(avg(m.lat)::numeric, 5)::double precision as lat,
						round(avg(m.lng)::numeric, 5)::double precision as lng,
						count(*) filter (where m.kind = 'practitioner') as practitioners,
						count(*) filter (where m.kind = 'crew') as crews,
						count(*) filter (where m.kind = 'congregation') as congregations,
						count(*) filter (where m.kind = 'gathering') as gatherings
					from matched m
					group by 1
				) place
			), '[]'::jsonb) else '[]'::jsonb end
		)
		from counted c
	);
end;
$$;

comment on function public.map_view(double precision, double precision, double precision, double precision, integer, integer, jsonb) is
	'What the map shows in a box at a zoom, for the caller (practitioners, crews, congregations, upcoming gatherings): every item when total <= max_items (max_items > 0), else counts per kind grouped by quadkey prefix (zoom + 5). Raises 22023 on a bad box, zoom, limit or filter.';

-- The directory ---------------------------------------------------------------------------------------

-- One page of the directory: every practitioner the caller may see (placed on the map or not),
-- filtered as the map is, at the caller's precision:
--   { "total": everyone who matched,
--     "items": [{ id, display_name, bio, place_label, distance_km, last_confirmed_at,
--                 pathway_stage, practices, open_to, languages }] }
-- sort: 'name' (display name, then id), 'recent' (last confirmed first, never-confirmed last),
-- or 'distance' from near_lat/near_lng (required then), between cell centres; people with no cell
-- come last with a null distance. Distances are given for every sort when a place is given,
-- rounded to the size of each person's cell (1, 5, 20, 100 or 1000 km), so they never say more
-- than the cell.
create function public.directory_page(
	page integer default 1,
	page_size integer default 20,
	sort text default 'name',
	near_lat double precision default null,
	near_lng double precision default null,
	filters jsonb default '{}'
)
	returns jsonb
	language plpgsql stable set search_path = '' set work_mem = '16MB'
	as $$
declare
	skipped bigint;
begin
	if page is null or page < 1 then
		raise exception 'page must be a whole number from 1' using errcode = '22023';
	end if;
	if page_size is null or page_size < 1 or page_size > 100 then
		raise exception 'page_size must be between 1 and 100' using errcode = '22023';
	end if;
	if sort is null or sort not in ('name', 'recent', 'distance') then
		raise exception 'sort must be name, recent or distance' using errcode = '22023';
	end if;
	if sort = 'distance' and near_lat is null then
		raise exception 'sorting by distance needs near_lat and near_lng' using errcode = '22023';
	end if;
	skipped := (page - 1)::bigint * page_size;
	return (
		with matched as (
			select * from audience.visible_items(
				filters => filters, near_lat => near_lat, near_lng => near_lng, kinds => '{practitioner}'
			)
		),
		ordered as (
			select m.*, row_number() over (
				order by
					case when sort = 'distance' then m.distance_m end nulls last,
					case when sort = 'recent' then m.last_confirmed_at end desc nulls last,
					m.name, m.id
			) as position
			from matched m
		)
		select jsonb_build_object(
			'total', (select count(*) from matched),
			'items', coalesce((
				select jsonb_agg(jsonb_build_object(
					'id', o.id, 'display_name', o.name, 'bio', p.bio, 'place_label', o.place_label,
					'distance_km', case when o.distance_m is not null
						then (greatest(round(o.distance_m / 1000.0 / size.km), 1) * size.km)::integer end,
					'last_confirmed_at', o.last_confirmed_at, 'pathway_stage', o.pathway_stage,
					'practices', o.practices, 'open_to', o.open_to, 'languages', o.languages
				) order by o.position)
				from ordered o
				join public.profiles p on p.id = o.id
				cross join lateral (
					select case
						when char_length(o.cell) >= 15 then 1
						when char_length(o.cell) >= 13 then 5
						when char_length(o.cell) >= 11 then 20
						when char_length(o.cell) >= 9 then 100
						else 1000
					end as km
				) size
				where o.position > skipped and o.position <= skipped + page_size
			), '[]'::jsonb)
		)
	);
end;
$$;

comment on function public.directory_page(integer, integer, text, double precision, double precision, jsonb) is
	'One page of the practitioners the caller may see, filtered and sorted, with distances rounded to each cell''s size. Raises 22023 on a bad page, size, sort, place or filter.';

-- Anyone may ask: the answers are filtered by RLS and column privileges for the caller.
grant execute on function public.map_items(double precision, double precision, double precision, double precision, integer, jsonb) to anon, authenticated;
grant execute on function public.map_view(double precision, double precision, double precision, double precision, integer, integer, jsonb) to anon, authenticated;
grant execute on function public.directory_page(integer, integer, text, double precision, double precision, jsonb) to anon, authenticated;
