-- What the gatherings attack suite (tests/integration/privacy/gatherings-*.test.ts) proved wrong
-- in 20261203002100_let_people_run_gatherings.sql, put right. Each part says what got through.

-- 1. A change is the gathering's news, naming nobody -------------------------------------------------
--
-- notify_gathering wrote the actor's display name into every notification it was given an actor
-- for, and a host's change of time, venue, status or occurrence passes the host as actor (so the
-- host is not told of their own change, and nobody blocked either way with them is told). So an
-- attendee read "actor_name: <the host>" on every change, even of a host whose profile is 'only
-- me', whom gathering_hosts_of and gathering_attendees rightly leave unnamed (guarantee 4). The
-- actor is still who is left out and whose block removes the notice (actor_id, which nobody
-- reads); the name is written only for rsvp_received, where the person named is the one asking to
-- come, as a crew's request names its asker.
--
-- 2. Asking to come tells the hosts once a day -----------------------------------------------------
--
-- In approval mode each "going" told every host (rsvp_received, emailed in the daily digest), and
-- going, not going, going again has no limit: anyone could fill a host's inbox with their name. A
-- host is now told of a person's request to come to a gathering at most once a day; the request
-- itself still waits in the host's list of RSVPs.

create or replace function private.notify_gathering(
	actor uuid,
	recipients uuid[],
	kind public.notification_kind,
	gathering_id uuid,
	body text default ''
) returns void
	language sql security definer set search_path = ''
	as $$
	insert into public.notifications (
		recipient_id, kind, gathering_id, gathering_name, actor_id, actor_name, body
	)
	select distinct r.id, notify_gathering.kind, e.id, e.name, who.id,
		case when notify_gathering.kind = 'rsvp_received' then who.display_name end,
		coalesce(notify_gathering.body, '')
	from unnest(recipients) r (id)
	join public.gatherings e on e.id = notify_gathering.gathering_id
	left join public.profiles who on who.id = actor
	where r.id is not null
		and r.id is distinct from actor
		and not exists (
			select 1 from public.blocks b
			where (b.blocker_id = r.id and b.blocked_id = actor)
				or (b.blocker_id = actor and b.blocked_id = r.id)
		)
		and not (
			notify_gathering.kind = 'rsvp_received'
			and exists (
				select 1 from public.notifications told
				where told.recipient_id = r.id
					and told.kind = 'rsvp_received'
					and told.gathering_id = notify_gathering.gathering_id
					and told.actor_id = actor
					and told.created_at > now() - interval '1 day'
			)
		)
$$;

comment on function private.notify_gathering(uuid, uuid[], public.notification_kind, uuid, text) is
	'Adds a notification about a gathering for each recipient, except the actor and anyone blocked either way with them; names the actor only to hosts asked to let them come, once a day.';

-- 3. Planning around a congregation ----------------------------------------------------------------
--
-- plan_region read the congregation with `select *`, which asks for every column of groups, and
-- members may read only some (not who made a group): every {"congregation_id": …} region was
-- refused with "permission denied for table groups", whoever asked. It now reads the columns it
-- uses, which members may read. Otherwise as before.

create or replace function public.plan_region(region jsonb)
	returns jsonb
	language plpgsql stable set search_path = ''
	as $$
declare
	centre_lat double precision;
	centre_lng double precision;
	radius double precision;
	country text;
	label text;
	chosen uuid;
	lat_span double precision;
	lng_span double precision;
begin
	if not audience.is_member() then
		raise exception 'Sign in to plan a gathering.' using errcode = '42501';
	end if;
	if region is null or jsonb_typeof(region) <> 'object' then
		raise exception 'Choose a region: a circle, a country or a congregation.' using errcode = '22023';
	end if;
	if region ? 'congregation_id' then
		begin
			-- Only the columns the caller may read: `select *` asks for all of them, and members
			-- may not read who made a group.
			select g.id, g.area_lat, g.area_lng, g.name
			into chosen, centre_lat, centre_lng, label
			from public.groups g
			where g.id = (region ->> 'congregation_id')::uuid and g.kind = 'congregation';
		exception when invalid_text_representation then
			raise exception 'congregation_id must be a uuid' using errcode = '22023';
		end;
		if chosen is null then
			raise exception 'There is no such congregation, or it is shared only with members.'
				using errcode = 'P0002';
		end if;
		select least(greatest(50, coalesce(max(extensions.earth_distance(
				extensions.ll_to_earth(centre_lat, centre_lng), extensions.ll_to_earth(c.area_lat, c.area_lng)
			)) / 1000 + 25, 0)), 1000)
		into radius
		from public.groups c where c.congregation_id = chosen;
	elsif region ? 'country' then
		if not private.valid_region(region) then
			raise exception 'country must be a two-letter country code' using errcode = '22023';
		end if;
		country := region ->> 'country';
		select c.lat, c.lng, c.name into centre_lat, centre_lng, label
		from public.countries c where c.code = country;
		if label is null then
			raise exception 'There is no country %.', country using errcode = '22023';
		end if;
	else
		if not private.valid_region(region) then
			raise exception 'A circle needs lat, lng and a radius_km from 1 to 1000.' using errcode = '22023';
		end if;
		centre_lat := (region ->> 'lat')::double precision;
		centre_lng := (region ->> 'lng')::double precision;
		radius := (region ->> 'radius_km')::double precision;
	end if;
	if radius is not null then
		-- The circle's box (a degree of latitude is 111.2 km); past a pole, every longitude.
		lat_span := radius / 111.2;
		lng_span := case when abs(centre_lat) + lat_span >= 89.9 then 180
			else least(radius / (111.2 * cos(radians(abs(centre_lat) + lat_span))), 180) end;
	end if;
	return (
		with seen as (
			select v.*
			from audience.visible_items(
				min_lat => case when radius is not null then greatest(centre_lat - lat_span, -90) end,
				min_lng => case when radius is not null then
					case when lng_span >= 180 then -180
						else (centre_lng - lng_span + 540)::numeric % 360 - 180 end end,
				max_lat => case when radius is not null then least(centre_lat + lat_span, 90) end,
				max_lng => case when radius is not null then
					case when lng_span >= 180 then 180
						else (centre_lng + lng_span + 540)::numeric % 360 - 180 end end,
				near_lat => centre_lat, near_lng => centre_lng,
				kinds => '{practitioner,crew,congregation}'
			) v
			where v.lat is not null
				and (radius is null or v.distance_m <= radius * 1000)
				and (country is null or audience.country_at(v.lat, v.lng) = country)
		),
		cells as (
			select s.cell, min(s.lat) as lat, min(s.lng) as lng, min(s.place_label) as label,
				count(*) as people,
				count(*) filter (where 'gatherings' = any (s.open_to)) as open_to_gatherings
			from seen s where s.kind = 'practitioner'
			group by s.cell
		)
		select jsonb_build_object(
			'region', jsonb_build_object('lat', centre_lat, 'lng', centre_lng, 'radius_km', radius,
				'country', country, 'label', label),
			'cells', coalesce((select jsonb_agg(jsonb_build_object(
				'cell', c.cell, 'lat', c.lat, 'lng', c.lng, 'label', c.label, 'people', c.people,
				'open_to_gatherings', c.open_to_gatherings) order by c.cell) from cells c), '[]'::jsonb),
			'groups', coalesce((select jsonb_agg(jsonb_build_object(
				'id', s.id, 'kind', s.kind, 'name', s.name, 'area_label', s.place_label,
				'lat', s.lat, 'lng', s.lng) order by s.kind, s.name, s.id)
				from seen s where s.kind in ('crew', 'congregation')), '[]'::jsonb),
			'totals', jsonb_build_object(
				'people', (select coalesce(sum(c.people), 0) from cells c),
				'open_to_gatherings', (select coalesce(sum(c.open_to_gatherings), 0) from cells c),
				'crews', (select count(*) from seen s where s.kind = 'crew'),
				'congregations', (select count(*) from seen s where s.kind = 'congregation')
			)
		)
	);
end;
$$;

comment on function public.plan_region(jsonb) is
	'What a region holds for a member planning a gathering: people by cell at the caller''s precision, open to gatherings, crews and congregations. Raises 22023 on a bad region.';
