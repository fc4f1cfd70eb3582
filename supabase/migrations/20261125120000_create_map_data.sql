-- Map data and the directory: one function per view, each returning exactly what the caller may
-- see (issue 5).
--
-- Both are SECURITY INVOKER, so the profiles' RLS policies decide who is in every answer
-- (visibility, blocks, onboarding), and both run one query per audience, as map_points does:
-- anonymous callers have no privilege on the published_* columns, and PostgreSQL checks column
-- privileges for every column a query names. Members get the owner's precision; anonymous
-- visitors the public cells (area or coarser, k = 3).
--
-- Both return jsonb rather than rows: PostgREST caps the rows of a set-returning function at
-- db-max-rows (1000), and the map needs more than that in one answer. Neither ever truncates
-- silently: `total` is everyone who matched, `truncated` says whether the items are fewer.
--
-- Filters (both functions), a jsonb object whose keys are all optional; an empty array or a
-- missing key does not filter:
--   open_to        text[]  anyone open to any of these (public.openness values)
--   practices      text[]  anyone working with any of these (public.practice values)
--   pathway_stage  text[]  anyone at any of these stages (public.pathway_stage values)
--   languages      text[]  anyone speaking any of these, case-insensitively
--   q              text    a case-insensitive substring of the name or of an interest
-- Unknown values match nobody; a key of the wrong type is an error (22023) naming the key.

-- The filters as arrays, checked. In public and IMMUTABLE, callable by anyone: it reads nothing,
-- and anonymous callers cannot reach the private schema from an invoker function.
create function public.map_filter_values(filters jsonb, key text) returns text[]
	language plpgsql
	immutable
	set search_path = ''
	as $$
declare
	value jsonb := coalesce(filters, '{}'::jsonb) -> key;
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

comment on function public.map_filter_values(jsonb, text) is
	'The values of one map/directory filter as a text array (null: no filter). Raises 22023 on a malformed filter.';

-- Everything the caller may see in a bounding box, in a compact shape for the map:
--   { "items": [{ kind, id, name, lat, lng, cell, place_label, open_to, practices,
--                 pathway_stage, languages }],
--     "total": everyone who matched, "truncated": total > number of items }
-- At most max_items items (0 for just the count), in cell then id order, so the same request
-- always gets the same items. A box whose west edge is east of its east edge crosses the
-- antimeridian. Only practitioners for now; crews, congregations and gatherings come with their
-- own kinds.
create function public.map_items(
	min_lat double precision,
	min_lng double precision,
	max_lat double precision,
	max_lng double precision,
	max_items integer default 5000,
	filters jsonb default '{}'
)
	returns jsonb
	language plpgsql
	stable
	set search_path = ''
	as $$
declare
	wanted_open_to text[] := public.map_filter_values(filters, 'open_to');
	wanted_practices text[] := public.map_filter_values(filters, 'practices');
	wanted_stages text[] := public.map_filter_values(filters, 'pathway_stage');
	wanted_languages text[] := public.map_filter_values(filters, 'languages');
	needle text := (public.map_filter_values(filters, 'q'))[1];
	result jsonb;
begin
	if min_lat is null or min_lng is null or max_lat is null or max_lng is null
		or min_lat > max_lat then
		raise exception 'the box needs min_lat <= max_lat and all four edges' using errcode = '22023';
	end if;
	if max_items is null or max_items < 0 or max_items > 50000 then
		raise exception 'max_items must be between 0 and 50000' using errcode = '22023';
	end if;

	-- A member, as private.is_member() says (inlined: anonymous callers cannot use private).
	if (select auth.role()) = 'authenticated'
		and not coalesce(((select auth.jwt()) ->> 'is_anonymous')::boolean, false) then
		with matched as (
			select p.id, p.display_name, p.published_lat as lat, p.published_lng as lng,
				p.published_cell as cell, p.place_label, p.open_to, p.practices, p.pathway_stage,
				p.languages
			from public.profiles p
			where p.published_lat between min_lat and max_lat
				and (
					(min_lng <= max_lng and p.published_lng between min_lng and max_lng)
					or (min_lng > max_lng and (p.published_lng >= min_lng or p.published_lng <= max_lng))
				)
				and (wanted_open_to is null or p.open_to::text[] && wanted_open_to)
				and (wanted_practices is null or p.practices::text[] && wanted_practices)
				and (wanted_stages is null or p.pathway_stage::text = any (wanted_stages))
				and (wanted_languages is null
					or exists (select 1 from unnest(p.languages) l where lower(l) = any (wanted_languages)))
				and (needle is null
					or strpos(lower(p.display_name), needle) > 0
					or exists (select 1 from unnest(p.interests) i where strpos(lower(i), needle) > 0))
		),
		shown as (select * from matched order by cell, id limit max_items)
		select jsonb_build_object(
			'items', coalesce((
				select jsonb_agg(jsonb_build_object(
					'kind', 'practitioner', 'id', s.id, 'name', s.display_name, 'lat', s.lat, 'lng', s.lng,
					'cell', s.cell, 'place_label', s.place_label, 'open_to', s.open_to,
					'practices', s.practices, 'pathway_stage', s.pathway_stage, 'languages', s.languages
				) order by s.cell, s.id)
				from shown s
			), '[]'::jsonb),
			'total', (select count(*) from matched),
			'truncated', (select count(*) from matched) > max_items
		)
		into result;
	else
		with matched as (
			select p.id, p.display_name, p.public_lat as lat, p.public_lng as lng,
				p.public_cell as cell, p.public_place_label as place_label, p.open_to, p.practices,
				p.pathway_stage, p.languages
			from public.profiles p
			where p.public_lat between min_lat and max_lat
				and (
					(min_lng <= max_lng and p.public_lng between min_lng and max_lng)
					or (min_lng > max_lng and (p.public_lng >= min_lng or p.public_lng <= max_lng))
				)
				and (wanted_open_to is null or p.open_to::text[] && wanted_open_to)
				and (wanted_practices is null or p.practices::text[] && wanted_practices)
				and (wanted_stages is null or p.pathway_stage::text = any (wanted_stages))
				and (wanted_languages is null
					or exists (select 1 from unnest(p.languages) l where lower(l) = any (wanted_languages)))
				and (needle is null
					or strpos(lower(p.display_name), needle) > 0
					or exists (select 1 from unnest(p.interests) i where strpos(lower(i), needle) > 0))
		),
		shown as (select * from matched order by cell, id limit max_items)
		select jsonb_build_object(
			'items', coalesce((
				select jsonb_agg(jsonb_build_object(
					'kind', 'practitioner', 'id', s.id, 'name', s.display_name, 'lat', s.lat, 'lng', s.lng,
					'cell', s.cell, 'place_label', s.place_label, 'open_to', s.open_to,
					'practices', s.practices, 'pathway_stage', s.pathway_stage, 'languages', s.languages
				) order by s.cell, s.id)
				from shown s
			), '[]'::jsonb),
			'total', (select count(*) from matched),
			'truncated', (select count(*) from matched) > max_items
		)
		into result;
	end if;
	return result;
end;
$$;

-- One page of the directory: everyone the caller may see (placed on the map or not), filtered
-- as the map is, at the caller's audience precision:
--   { "total": everyone who matched,
--     "items": [{ id, display_name, bio, place_label, distance_km, last_confirmed_at,
--                 pathway_stage, practices, open_to, languages }] }
-- sort: 'name' (display name, then id), 'recent' (last confirmed first, never-confirmed last),
-- or 'distance' from near_lat/near_lng (required then): measured from the published (members) or
-- public (anonymous) cell centre and rounded to the cell's size (1, 5, 20, 100 or 1000 km) as
-- nearby_practitioners does; people with no cell come last with a null distance. Distances are
-- given for every sort when a place is given.
create function public.directory_page(
	page integer default 1,
	page_size integer default 20,
	sort text default 'name',
	near_lat double precision default null,
	near_lng double precision default null,
	filters jsonb default '{}'
)
	returns jsonb
	language plpgsql
	stable
	set search_path = ''
	as $$
declare
	wanted_open_to text[] := public.map_filter_values(filters, 'open_to');
	wanted_practices text[] := public.map_filter_values(filters, 'practices');
	wanted_stages text[] := public.map_filter_values(filters, 'pathway_stage');
	wanted_languages text[] := public.map_filter_values(filters, 'languages');
	needle text := (public.map_filter_values(filters, 'q'))[1];
	origin extensions.earth;
	skipped bigint;
	result jsonb;
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
	if (near_lat is null) <> (near_lng is null)
		or near_lat not between -90 and 90 or near_lng not between -180 and 180 then
		raise exception 'near_lat and near_lng go together, within -90..90 and -180..180'
			using errcode = '22023';
	end if;
	if sort = 'distance' and near_lat is null then
		raise exception 'sorting by distance needs near_lat and near_lng' using errcode = '22023';
	end if;
	origin := case when near_lat is not null then extensions.ll_to_earth(near_lat, near_lng) end;
	skipped := (page - 1)::bigint * page_size;

	-- As in map_items: one query per audience, for column privileges.
	if (select auth.role()) = 'authenticated'
		and not coalesce(((select auth.jwt()) ->> 'is_anonymous')::boolean, false) then
		with matched as (
			select p.id, p.display_name, p.bio, p.place_label, p.last_confirmed_at, p.pathway_stage,
				p.practices, p.open_to, p.languages,
				extensions.earth_distance(p.published_earth, origin) as metres,
				case char_length(p.published_cell)
					when 15 then 1 when 13 then 5 when 11 then 20 when 9 then 100 else 1000 end as step_km
			from public.profiles p
			where (wanted_open_to is null or p.open_to::text[] && wanted_open_to)
				and (wanted_practices is null or p.practices::text[] && wanted_practices)
				and (wanted_stages is null or p.pathway_stage::text = any (wanted_stages))
				and (wanted_languages is null
					or exists (select 1 from unnest(p.languages) l where lower(l) = any (wanted_languages)))
				and (needle is null
					or strpos(lower(p.display_name), needle) > 0
					or exists (select 1 from unnest(p.interests) i where strpos(lower(i), needle) > 0))
		),
		ordered as (
			select m.*, row_number() over (
				order by
					case when sort = 'distance' then m.metres end nulls last,
					case when sort = 'recent' then m.last_confirmed_at end desc nulls last,
					m.display_name, m.id
			) as position
			from matched m
		)
		select jsonb_build_object(
			'total', (select count(*) from matched),
			'items', coalesce((
				select jsonb_agg(jsonb_build_object(
					'id', o.id, 'display_name', o.display_name, 'bio', o.bio, 'place_label', o.place_label,
					'distance_km', case when o.metres is not null
						then (greatest(round(o.metres / 1000.0 / o.step_km), 1) * o.step_km)::integer end,
					'last_confirmed_at', o.last_confirmed_at, 'pathway_stage', o.pathway_stage,
					'practices', o.practices, 'open_to', o.open_to, 'languages', o.languages
				) order by o.position)
				from ordered o
				where o.position > skipped and o.position <= skipped + page_size
			), '[]'::jsonb)
		)
		into result;
	else
		with matched as (
			select p.id, p.display_name, p.bio, p.public_place_label as place_label,
				p.last_confirmed_at, p.pathway_stage, p.practices, p.open_to, p.languages,
				extensions.earth_distance(p.public_earth, origin) as metres,
				case char_length(p.public_cell) when 11 then 20 when 9 then 100 else 1000 end as step_km
			from public.profiles p
			where (wanted_open_to is null or p.open_to::text[] && wanted_open_to)
				and (wanted_practices is null or p.practices::text[] && wanted_practices)
				and (wanted_stages is null or p.pathway_stage::text = any (wanted_stages))
				and (wanted_languages is null
					or exists (select 1 from unnest(p.languages) l where lower(l) = any (wanted_languages)))
				and (needle is null
					or strpos(lower(p.display_name), needle) > 0
					or exists (select 1 from unnest(p.interests) i where strpos(lower(i), needle) > 0))
		),
		ordered as (
			select m.*, row_number() over (
				order by
					case when sort = 'distance' then m.metres end nulls last,
					case when sort = 'recent' then m.last_confirmed_at end desc nulls last,
					m.display_name, m.id
			) as position
			from matched m
		)
		select jsonb_build_object(
			'total', (select count(*) from matched),
			'items', coalesce((
				select jsonb_agg(jsonb_build_object(
					'id', o.id, 'display_name', o.display_name, 'bio', o.bio, 'place_label', o.place_label,
					'distance_km', case when o.metres is not null
						then (greatest(round(o.metres / 1000.0 / o.step_km), 1) * o.step_km)::integer end,
					'last_confirmed_at', o.last_confirmed_at, 'pathway_stage', o.pathway_stage,
					'practices', o.practices, 'open_to', o.open_to, 'languages', o.languages
				) order by o.position)
				from ordered o
				where o.position > skipped and o.position <= skipped + page_size
			), '[]'::jsonb)
		)
		into result;
	end if;
	return result;
end;
$$;

-- Anyone may ask: the answers are filtered by RLS and column privileges for the caller.
revoke execute on function public.map_filter_values(jsonb, text) from public, anon, authenticated;
revoke execute on function public.map_items(double precision, double precision, double precision, double precision, integer, jsonb) from public, anon, authenticated;
revoke execute on function public.directory_page(integer, integer, text, double precision, double precision, jsonb) from public, anon, authenticated;
grant execute on function public.map_filter_values(jsonb, text) to anon, authenticated;
grant execute on function public.map_items(double precision, double precision, double precision, double precision, integer, jsonb) to anon, authenticated;
grant execute on function public.directory_page(integer, integer, text, double precision, double precision, jsonb) to anon, authenticated;
