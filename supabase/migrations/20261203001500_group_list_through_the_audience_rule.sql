-- The list of crews and congregations (/groups) reads through the audience rule, as the map and
-- the directory do: audience.visible_items says which groups the caller may see and how far each
-- is from a place; this adds the list's own filters and its order, and pages it.
--
-- filters: { "kind": "crew" | "congregation", "seats_open": true (forming or open),
--            "forming": true, "meeting_mode": "in_person" | "online" | "mixed",
--            "language": "Dutch" (any spelling case) }
-- Answers { "total": every group that matched,
--           "items": [{ id, cell, distance_m }] } for the page, nearest first when a place is
-- given (within_km of it, 10 to 200), else by name. The app rounds distances to each cell's size.
create function public.group_page(
	page integer default 1,
	page_size integer default 20,
	near_lat double precision default null,
	near_lng double precision default null,
	within_km integer default null,
	filters jsonb default '{}'
)
	returns jsonb
	language plpgsql stable set search_path = ''
	as $$
declare
	wanted_kind text := filters ->> 'kind';
	wanted_mode text := filters ->> 'meeting_mode';
	wanted_language text := lower(btrim(filters ->> 'language'));
	only_seats boolean := coalesce((filters ->> 'seats_open')::boolean, false);
	only_forming boolean := coalesce((filters ->> 'forming')::boolean, false);
	skipped bigint;
begin
	if page is null or page < 1 then
		raise exception 'page must be a whole number from 1' using errcode = '22023';
	end if;
	if page_size is null or page_size < 1 or page_size > 100 then
		raise exception 'page_size must be between 1 and 100' using errcode = '22023';
	end if;
	if wanted_kind is not null and wanted_kind not in ('crew', 'congregation') then
		raise exception 'kind must be crew or congregation' using errcode = '22023';
	end if;
	if wanted_mode is not null and wanted_mode not in ('in_person', 'online', 'mixed') then
		raise exception 'meeting_mode must be in_person, online or mixed' using errcode = '22023';
	end if;
	if within_km is not null and (near_lat is null or within_km not between 10 and 200) then
		raise exception 'within_km is from 10 to 200, around near_lat and near_lng' using errcode = '22023';
	end if;
	skipped := (page - 1)::bigint * page_size;
	return (
		with matched as (
			select v.id, v.name, v.cell, v.distance_m
			from audience.visible_items(
				near_lat => near_lat, near_lng => near_lng, kinds => '{crew,congregation}'
			) v
			join public.groups g on g.id = v.id
			where (wanted_kind is null or v.kind = wanted_kind)
				and (not only_seats or g.status in ('forming', 'open'))
				and (not only_forming or g.status = 'forming')
				and (wanted_mode is null or g.meeting_mode = wanted_mode)
				and (wanted_language is null or wanted_language = ''
					or exists (select 1 from unnest(g.languages) l where lower(l) = wanted_language))
				and (within_km is null or v.distance_m <= within_km * 1000.0)
		),
		ordered as (
			select m.*, row_number() over (order by m.distance_m nulls last, m.name, m.id) as position
			from matched m
		)
		select jsonb_build_object(
			'total', (select count(*) from matched),
			'items', coalesce((
				select jsonb_agg(jsonb_build_object(
					'id', o.id, 'cell', o.cell, 'distance_m', o.distance_m
				) order by o.position)
				from ordered o
				where o.position > skipped and o.position <= skipped + page_size
			), '[]'::jsonb)
		)
	);
end;
$$;

comment on function public.group_page(integer, integer, double precision, double precision, integer, jsonb) is
	'One page of the crews and congregations the caller may see, filtered, nearest first near a place or else by name. Raises 22023 on a bad page, size, place or filter.';

grant execute on function public.group_page(integer, integer, double precision, double precision, integer, jsonb)
	to anon, authenticated;
