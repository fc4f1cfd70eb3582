-- What the network map shows for a box and a zoom, decided in the database (issue 5): every item
-- when few match, counts by place when many, so a map of 100k practitioners never receives every
-- point.
--
-- SECURITY INVOKER with one query per audience, as map_items (20261125120000_create_map_data.sql):
-- the profiles' RLS policies decide who is in every answer and every count (visibility, blocks,
-- onboarding), and column privileges decide which point each caller reads: members the owner's
-- precision, anonymous visitors the public cells (area or coarser, k = 3). A group's position is
-- the average of the points its caller could read anyway, and its counts are of people the caller
-- could list anyway, so groups tell nobody more than the items would. Filters are map_items'
-- (public.map_filter_values); a box whose west edge is east of its east edge crosses the
-- antimeridian.

-- The box queries: a range on latitude, longitude checked in the index (a whole-world box scans
-- the table instead). Partial, as people off the map have no point.
create index profiles_published_lat_lng_idx on public.profiles (published_lat, published_lng)
	where published_lat is not null;
create index profiles_public_lat_lng_idx on public.profiles (public_lat, public_lng)
	where public_lat is not null;

-- Members' reads at this scale: the profiles policy asked private.is_blocked_from(id) for every
-- row, a SECURITY DEFINER call each (never inlined), which cost a member about a second for 100k
-- people. The same rule with the caller's blockers looked up once per query, as an InitPlan
-- (Supabase's advice for functions in policies: wrap them in a select). Same meaning: a profile
-- is hidden from everyone its owner blocked.
create function private.blockers_of_caller() returns uuid[]
	language sql
	stable
	security definer
	set search_path = ''
	as $$
	select coalesce(array_agg(blocker_id), '{}')
	from public.blocks
	where blocked_id = (select auth.uid())
$$;

comment on function private.blockers_of_caller() is
	'The people who have blocked the caller: the profiles policy hides them from the caller.';

revoke execute on function private.blockers_of_caller() from public, anon;
grant execute on function private.blockers_of_caller() to authenticated;

drop policy "members see what is shared with them" on public.profiles;

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
		and id <> all ((select private.blockers_of_caller())::uuid[])
	);

-- Everything the caller may see in a box, at a zoom:
--   { "total":  everyone who matched,
--     "detail": "items" when total <= max_items (and max_items > 0), else "groups",
--     "items":  [{ kind, id, name, lat, lng, cell, place_label, open_to, practices,
--                  pathway_stage, languages }]   all of them, in cell then id order; else [],
--     "groups": [[lat, lng, practitioners, crews, congregations, gatherings]]   else [] }
-- Items are map_items' objects. Groups gather the matched people by the first zoom + 5 characters
-- of their cell's quadkey (the whole cell when it is shorter): at map zoom z a group spans a tile
-- of zoom z + 5, about 8 pixels wide. A group's lat/lng is the average of its people's points,
-- rounded to 5 decimals (about a metre); groups come in quadkey order, so the same request gets
-- the same answer. Groups are never cut short: their counts add up to total. max_items = 0 always
-- gives groups (none, when nothing matched).
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
	key_length integer := zoom + 5;
	result jsonb;
begin
	if min_lat is null or min_lng is null or max_lat is null or max_lng is null
		or min_lat > max_lat then
		raise exception 'the box needs min_lat <= max_lat and all four edges' using errcode = '22023';
	end if;
	if zoom is null or zoom < 0 or zoom > 24 then
		raise exception 'zoom must be between 0 and 24' using errcode = '22023';
	end if;
	if max_items is null or max_items < 0 or max_items > 50000 then
		raise exception 'max_items must be between 0 and 50000' using errcode = '22023';
	end if;

	-- A member, as private.is_member() says (inlined: anonymous callers cannot use private).
	-- The counts' crews, congregations and gatherings are 0 until those arrive with their own
	-- kinds; the scalar subqueries under each CASE run only when their branch is taken.
	if (select auth.role()) = 'authenticated'
		and not coalesce(((select auth.jwt()) ->> 'is_anonymous')::boolean, false) then
		with matched as materialized (
			select 'practitioner' as kind, p.id, p.display_name, p.published_lat as lat,
				p.published_lng as lng, p.published_cell as cell, p.place_label, p.open_to, p.practices,
				p.pathway_stage, p.languages
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
		counted as (
			select count(*) as total, max_items > 0 and count(*) <= max_items as listed from matched
		)
		select jsonb_build_object(
			'total', c.total,
			'detail', case when c.listed then 'items' else 'groups' end,
			'items', case when c.listed then coalesce((
				select jsonb_agg(jsonb_build_object(
					'kind', m.kind, 'id', m.id, 'name', m.display_name, 'lat', m.lat, 'lng', m.lng,
					'cell', m.cell, 'place_label', m.place_label, 'open_to', m.open_to,
					'practices', m.practices, 'pathway_stage', m.pathway_stage, 'languages', m.languages
				) order by m.cell, m.id)
				from matched m
			), '[]'::jsonb) else '[]'::jsonb end,
			'groups', case when not c.listed then coalesce((
				select jsonb_agg(jsonb_build_array(
					g.lat, g.lng, g.practitioners, 0, 0, 0
				) order by g.key)
				from (
					select left(m.cell, key_length) as key,
						round(avg(m.lat)::numeric, 5)::double precision as lat,
						round(avg(m.lng)::numeric, 5)::double precision as lng,
						count(*) filter (where m.kind = 'practitioner') as practitioners
					from matched m
					group by 1
				) g
			), '[]'::jsonb) else '[]'::jsonb end
		)
		into result
		from counted c;
	else
		with matched as materialized (
			select 'practitioner' as kind, p.id, p.display_name, p.public_lat as lat,
				p.public_lng as lng, p.public_cell as cell, p.public_place_label as place_label,
				p.open_to, p.practices, p.pathway_stage, p.languages
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
		counted as (
			select count(*) as total, max_items > 0 and count(*) <= max_items as listed from matched
		)
		select jsonb_build_object(
			'total', c.total,
			'detail', case when c.listed then 'items' else 'groups' end,
			'items', case when c.listed then coalesce((
				select jsonb_agg(jsonb_build_object(
					'kind', m.kind, 'id', m.id, 'name', m.display_name, 'lat', m.lat, 'lng', m.lng,
					'cell', m.cell, 'place_label', m.place_label, 'open_to', m.open_to,
					'practices', m.practices, 'pathway_stage', m.pathway_stage, 'languages', m.languages
				) order by m.cell, m.id)
				from matched m
			), '[]'::jsonb) else '[]'::jsonb end,
			'groups', case when not c.listed then coalesce((
				select jsonb_agg(jsonb_build_array(
					g.lat, g.lng, g.practitioners, 0, 0, 0
				) order by g.key)
				from (
					select left(m.cell, key_length) as key,
						round(avg(m.lat)::numeric, 5)::double precision as lat,
						round(avg(m.lng)::numeric, 5)::double precision as lng,
						count(*) filter (where m.kind = 'practitioner') as practitioners
					from matched m
					group by 1
				) g
			), '[]'::jsonb) else '[]'::jsonb end
		)
		into result
		from counted c;
	end if;
	return result;
end;
$$;

comment on function public.map_view(double precision, double precision, double precision, double precision, integer, integer, jsonb) is
	'What the map shows in a box at a zoom, for the caller: every item when total <= max_items (max_items > 0), else counts grouped by quadkey prefix (zoom + 5). Raises 22023 on a bad box, zoom or limit.';

-- Anyone may ask: the answers are filtered by RLS and column privileges for the caller.
revoke execute on function public.map_view(double precision, double precision, double precision, double precision, integer, integer, jsonb) from public, anon, authenticated;
grant execute on function public.map_view(double precision, double precision, double precision, double precision, integer, integer, jsonb) to anon, authenticated;
