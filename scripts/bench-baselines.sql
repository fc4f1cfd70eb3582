-- The straightforward versions `npm run bench:db` measures the map's and the directory's functions
-- against, in the same run: loaded into the benchmark's throw-away database only, never shipped as
-- a migration.
--
-- bench.map_view_scan and bench.directory_page_scan are public.map_view and public.directory_page
-- as supabase/migrations/20261203000300_create_map_and_directory_data.sql wrote them, body for
-- body: every call reads everyone the caller may see through audience.visible_items (row-level
-- security and column privileges deciding, as before) and counts, groups and sorts them on the
-- fly. SECURITY INVOKER, as the originals, so each runs as the caller and sees what they may see.
--
-- bench.publish_straightforward is private.publish_locations as it was, for the import's
-- baseline. The save's baseline needs nothing here: it is the same save followed by
-- private.refresh_public_cells(array[country]), what publishing ran after every save before the
-- counts were kept locally (see scripts/bench-db.ts).
create schema bench;
grant usage on schema bench to anon, authenticated;

-- public.map_view as it was.
create function bench.map_view_scan(
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

-- public.directory_page as it was (it stays in the API for pages by number).
create function bench.directory_page_scan(
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

grant execute on function bench.map_view_scan(double precision, double precision, double precision, double precision, integer, integer, jsonb) to anon, authenticated;
grant execute on function bench.directory_page_scan(integer, integer, text, double precision, double precision, jsonb) to anon, authenticated;

-- private.publish_locations as supabase/migrations/20261203003100_reports_and_moderation.sql wrote
-- it: each person's cell from their point, then every public person of every country they left
-- or entered recounted (private.refresh_public_cells). The import's baseline; run by the
-- benchmark's superuser with the row triggers off, as the original set no trigger going.
create function bench.publish_straightforward(profile_ids uuid[]) returns void
	language plpgsql set search_path = ''
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
	left join public.profile_locations l on l.profile_id = me.id and me.suspended_until is null
	left join lateral private.place_at(l.lat, l.lng, me.precision) published on true
	where me.id = any (profile_ids) and p.id = me.id;

	select coalesce(array_agg(distinct published_country) filter (where published_country is not null), '{}')
	into countries_after
	from public.profiles where id = any (profile_ids);

	perform private.refresh_public_cells(countries_before || countries_after);
end;
$$;
