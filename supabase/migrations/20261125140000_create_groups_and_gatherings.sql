-- Crews, congregations and gatherings: their read model, and their place on the network map
-- (issue 5).
--
-- Everything here is published information: a group or gathering is placed by its meeting
-- area, a grid cell no finer than a town (~5 km), and never by a point. The cell's centre and
-- label are computed here from the cell, so nobody can store a finer point beside it.
--
-- Writes (creating a crew, joining, RSVPs) come with later issues: for now the API roles may
-- only read, and the seed and tests write as the service role.
--
-- Who reads what:
-- - groups and gatherings: anyone those marked 'public', members also those marked 'members'.
-- - group memberships: a member reads the memberships of the groups they are in, nobody else's.
-- - profiles: 'crewmates' profiles are now seen by the people who share a crew with them
--   (private.shares_crew, DESIGN.md section 3.4).
--
-- The map's data functions (map_items, map_view) now return crews, congregations and upcoming
-- gatherings beside practitioners; see public.map_groups_and_gatherings.

-- Vocabularies ------------------------------------------------------------------------------

create type public.group_kind as enum ('crew', 'congregation');
create type public.group_status as enum ('forming', 'open', 'full', 'paused', 'closed');
-- Groups and gatherings have no 'crewmates' or 'only me': they are seen by anyone or by members.
create type public.group_visibility as enum ('public', 'members');
create type public.gathering_kind as enum ('camp', 'regional_gathering', 'call');

-- Published areas -----------------------------------------------------------------------------

-- The words shown with a meeting area: the gazetteer's, at the precision the cell's length is
-- (town, area, or region for anything coarser), as a profile's are.
create function private.area_label(cell text) returns text
	language sql
	stable
	strict
	set search_path = ''
	as $$
	select private.cell_label(
		cell,
		case
			when char_length(cell) >= 13 then 'town'
			when char_length(cell) >= 11 then 'area'
			else 'region'
		end::public.location_precision
	)
$$;

comment on function private.area_label(text) is
	'The place label of a group''s or gathering''s published area cell.';

-- The centre and words of a meeting area, from its cell alone: whatever the writer sent for
-- area_lat / area_lng / area_label is replaced, so a finer point can never be stored. Shared by
-- groups and gatherings, whose area columns have the same names. SECURITY DEFINER to read the
-- gazetteer and the private cell functions for any writer.
create function private.publish_area() returns trigger
	language plpgsql
	security definer
	set search_path = ''
	as $$
declare
	centre record := private.cell_centre(new.area_cell);
begin
	new.area_lat := centre.lat;
	new.area_lng := centre.lng;
	new.area_label := private.area_label(new.area_cell);
	return new;
end;
$$;

comment on function private.publish_area() is
	'Sets area_lat, area_lng and area_label from area_cell, so a published area is only ever a cell.';

-- Groups ----------------------------------------------------------------------------------------

create table public.groups (
	id uuid primary key default gen_random_uuid(),
	kind public.group_kind not null,
	name text not null check (name = btrim(name) and char_length(name) between 1 and 80),
	purpose text not null default '' check (char_length(purpose) <= 500),
	status public.group_status not null default 'forming',
	size_limit integer,
	-- A crew may belong to a congregation (checked by private.check_group_congregation).
	congregation_id uuid references public.groups (id) on delete set null,
	meeting_mode text not null default 'in_person' check (meeting_mode in ('in_person', 'online', 'mixed')),
	rhythm text not null default '' check (char_length(rhythm) <= 80),
	visibility public.group_visibility not null default 'members',
	-- The meeting area: a quadkey no finer than a town (zoom 13) and no coarser than zoom 5.
	area_cell text not null check (area_cell ~ '^[0-3]{5,13}$'),
	area_lat double precision,
	area_lng double precision,
	area_label text,
	-- Kept by the group_members triggers below.
	member_count integer not null default 0 check (member_count >= 0),
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	-- Crews are 3 to 8 people by definition; a congregation is larger, with or without a limit.
	constraint groups_size_limit_fits_kind check (
		case kind
			when 'crew' then size_limit is not null and size_limit between 3 and 8
			else size_limit is null or size_limit >= 9
		end
	),
	constraint groups_only_crews_join_congregations check (congregation_id is null or kind = 'crew')
);

comment on table public.groups is
	'Crews (3 to 8 people) and congregations (larger). Published information: seen by anyone when public, by members otherwise.';

create index groups_congregation_idx on public.groups (congregation_id) where congregation_id is not null;
-- The map's box query, as profiles_published_lat_lng_idx; closed groups are never on the map.
create index groups_area_lat_lng_idx on public.groups (area_lat, area_lng) where status <> 'closed';

-- A crew's congregation must be a congregation, and a group keeps its kind (so a congregation
-- holding crews cannot become a crew).
create function private.check_group_congregation() returns trigger
	language plpgsql
	security definer
	set search_path = ''
	as $$
begin
	if tg_op = 'UPDATE' and new.kind <> old.kind then
		raise exception 'a group cannot change its kind' using errcode = '23514';
	end if;
	if new.congregation_id is not null and not exists (
		select 1 from public.groups where id = new.congregation_id and kind = 'congregation'
	) then
		raise exception 'a crew can only belong to a congregation' using errcode = '23514';
	end if;
	return new;
end;
$$;

comment on function private.check_group_congregation() is
	'Refuses a crew whose congregation_id is not a congregation, and any change of a group''s kind.';

create trigger groups_check_congregation
	before insert or update of kind, congregation_id on public.groups
	for each row execute function private.check_group_congregation();

create trigger groups_publish_area
	before insert or update on public.groups
	for each row execute function private.publish_area();

create trigger groups_touch_updated_at
	before update on public.groups
	for each row execute function public.touch_updated_at();

alter table public.groups enable row level security;

-- Every column is published information; no writes through the API yet.
revoke all on public.groups from anon, authenticated;
grant select on public.groups to anon, authenticated;

create policy "anyone can see public groups"
	on public.groups for select
	to anon
	using (visibility = 'public');

-- Supabase's anonymous sign-ins carry the authenticated role too: private.is_member() tells them
-- from members.
create policy "members see public and members-only groups"
	on public.groups for select
	to authenticated
	using (visibility = 'public' or (visibility = 'members' and private.is_member()));

-- Memberships -----------------------------------------------------------------------------------

create table public.group_members (
	group_id uuid not null references public.groups (id) on delete cascade,
	profile_id uuid not null references public.profiles (id) on delete cascade,
	role text not null default 'member' check (role in ('host', 'member')),
	joined_at timestamptz not null default now(),
	primary key (group_id, profile_id)
);

comment on table public.group_members is
	'Who is in which group. A member sees the memberships of their own groups only.';

create index group_members_profile_idx on public.group_members (profile_id, group_id);

-- The groups the caller is in. SECURITY DEFINER so the policy below can ask it without asking
-- itself (a policy on group_members that read group_members would recurse).
create function private.groups_of_caller() returns uuid[]
	language sql
	stable
	security definer
	set search_path = ''
	as $$
	select coalesce(array_agg(group_id), '{}')
	from public.group_members
	where profile_id = (select auth.uid())
$$;

comment on function private.groups_of_caller() is
	'The ids of the groups the caller is a member of: the group_members policy shows their memberships.';

alter table public.group_members enable row level security;

revoke all on public.group_members from anon, authenticated;
grant select on public.group_members to authenticated;

-- Wrapped in a select, so it is asked once per query, not once per row (as blockers_of_caller).
create policy "members see the memberships of their own groups"
	on public.group_members for select
	to authenticated
	using (group_id = any ((select private.groups_of_caller())::uuid[]));

-- groups.member_count follows the memberships. SECURITY DEFINER: whoever joins or leaves (a
-- member, once joining arrives) may not update groups themselves.
create function private.count_group_members() returns trigger
	language plpgsql
	security definer
	set search_path = ''
	as $$
begin
	if tg_op = 'INSERT' then
		update public.groups set member_count = member_count + 1 where id = new.group_id;
	elsif tg_op = 'DELETE' then
		update public.groups set member_count = greatest(member_count - 1, 0) where id = old.group_id;
	end if;
	return null;
end;
$$;

comment on function private.count_group_members() is
	'Keeps groups.member_count equal to the number of the group''s memberships.';

create trigger group_members_count
	after insert or delete on public.group_members
	for each row execute function private.count_group_members();

-- A membership is of one person in one group: moving it would skip the counts above. Leave and
-- join instead.
create function private.keep_membership_identity() returns trigger
	language plpgsql
	set search_path = ''
	as $$
begin
	raise exception 'a membership cannot move to another group or person' using errcode = '23514';
end;
$$;

comment on function private.keep_membership_identity() is
	'Refuses updates of group_members.group_id or profile_id: leave and join instead.';

create trigger group_members_keep_identity
	before update of group_id, profile_id on public.group_members
	for each row
	when (old.group_id is distinct from new.group_id or old.profile_id is distinct from new.profile_id)
	execute function private.keep_membership_identity();

-- Crewmates ---------------------------------------------------------------------------------------

-- Whether the caller and `other` are in one crew (not merely one congregation). The profiles
-- policy asks it for 'crewmates' profiles only. SECURITY DEFINER because the caller may not read
-- the other person's memberships of groups they are not in.
create or replace function private.shares_crew(other uuid) returns boolean
	language sql
	stable
	security definer
	set search_path = ''
	as $$
	select exists (
		select 1
		from public.group_members mine
		join public.group_members theirs on theirs.group_id = mine.group_id
		join public.groups g on g.id = mine.group_id
		where mine.profile_id = (select auth.uid())
			and theirs.profile_id = other
			and g.kind = 'crew'
	)
$$;

comment on function private.shares_crew(uuid) is
	'Whether the caller and this person are both in one crew: who sees a ''crewmates'' profile.';

-- Gatherings ------------------------------------------------------------------------------------

create table public.gatherings (
	id uuid primary key default gen_random_uuid(),
	kind public.gathering_kind not null,
	name text not null check (name = btrim(name) and char_length(name) between 1 and 120),
	description text not null default '' check (char_length(description) <= 1000),
	starts_at timestamptz not null,
	ends_at timestamptz not null,
	-- The zone the dates are shown in, an IANA name (checked by private.check_time_zone).
	time_zone text not null,
	host_group_id uuid references public.groups (id) on delete set null,
	capacity integer check (capacity > 0),
	visibility public.group_visibility not null default 'members',
	-- The published area, as groups': a cell no finer than a town, placed by its centre.
	area_cell text not null check (area_cell ~ '^[0-3]{5,13}$'),
	area_lat double precision,
	area_lng double precision,
	area_label text,
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint gatherings_ends_after_start check (ends_at >= starts_at)
);

comment on table public.gatherings is
	'Camps, regional gatherings and calls. Published information: seen by anyone when public, by members otherwise.';

create index gatherings_host_group_idx on public.gatherings (host_group_id) where host_group_id is not null;
create index gatherings_area_lat_lng_idx on public.gatherings (area_lat, area_lng);

-- A CHECK must be immutable and the zone list is not, so the zone is tried here instead:
-- PostgreSQL raises 22023 for a zone it does not know.
create function private.check_time_zone() returns trigger
	language plpgsql
	set search_path = ''
	as $$
begin
	perform now() at time zone new.time_zone;
	return new;
end;
$$;

comment on function private.check_time_zone() is
	'Refuses a gathering whose time_zone PostgreSQL does not know (22023).';

create trigger gatherings_check_time_zone
	before insert or update of time_zone on public.gatherings
	for each row execute function private.check_time_zone();

create trigger gatherings_publish_area
	before insert or update on public.gatherings
	for each row execute function private.publish_area();

create trigger gatherings_touch_updated_at
	before update on public.gatherings
	for each row execute function public.touch_updated_at();

alter table public.gatherings enable row level security;

revoke all on public.gatherings from anon, authenticated;
grant select on public.gatherings to anon, authenticated;

create policy "anyone can see public gatherings"
	on public.gatherings for select
	to anon
	using (visibility = 'public');

create policy "members see public and members-only gatherings"
	on public.gatherings for select
	to authenticated
	using (visibility = 'public' or (visibility = 'members' and private.is_member()));

-- Reloading the gazetteer relabels every published area too (the local stack loads it after the
-- seed). The update fires publish_area, which recomputes the label.
create or replace function private.republish_all_locations() returns void
	language plpgsql
	security definer
	set search_path = ''
	as $$
begin
	perform pg_advisory_xact_lock(hashtext('private.refresh_public_cells'));
	perform private.publish_locations(array(select id from public.profiles));
	update public.groups set area_cell = area_cell
	where area_label is distinct from private.area_label(area_cell);
	update public.gatherings set area_cell = area_cell
	where area_label is distinct from private.area_label(area_cell);
end;
$$;

comment on function private.republish_all_locations() is
	'Recomputes every published location and label, of people, groups and gatherings, after the gazetteer changes.';

-- Filters -----------------------------------------------------------------------------------------

-- As before (20261125120000_create_map_data.sql), with one more key:
--   within_days  number  gatherings starting within this many days (a whole number, 1..3660)
create or replace function public.map_filter_values(filters jsonb, key text) returns text[]
	language plpgsql
	immutable
	set search_path = ''
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

comment on function public.map_filter_values(jsonb, text) is
	'The values of one map/directory filter as a text array (null: no filter). Raises 22023 on a malformed filter.';

-- The map's groups and gatherings -----------------------------------------------------------------

-- The crews, congregations and gatherings on the map in a box, for map_items and map_view. One
-- function for both, and for both audiences: unlike people, groups and gatherings are published
-- at one precision for everyone, and their RLS policies decide who sees which (this is SECURITY
-- INVOKER). In public so anonymous callers of those functions may run it, as map_filter_values.
--
-- Closed groups and gatherings that have ended are never on the map. seats_open is how many more
-- may join a forming or open crew or congregation with a size limit (never below 0), else null.
-- Filters: q matches a group's name or purpose, a gathering's name or description; within_days
-- keeps the gatherings that start within that many days (groups are not dated). The person
-- filters (open_to, practices, pathway_stage, languages) do not apply here.
create function public.map_groups_and_gatherings(
	min_lat double precision,
	min_lng double precision,
	max_lat double precision,
	max_lng double precision,
	filters jsonb default '{}'
)
	returns table (
		kind text,
		id uuid,
		name text,
		lat double precision,
		lng double precision,
		cell text,
		place_label text,
		status public.group_status,
		size_limit integer,
		seats_open integer,
		starts_at timestamptz,
		ends_at timestamptz,
		time_zone text,
		gathering_kind public.gathering_kind
	)
	language sql
	stable
	set search_path = ''
	as $$
	with wanted as (
		select (public.map_filter_values(filters, 'q'))[1] as needle,
			(public.map_filter_values(filters, 'within_days'))[1]::integer as within_days
	)
	select g.kind::text, g.id, g.name, g.area_lat, g.area_lng, g.area_cell, g.area_label, g.status,
		g.size_limit,
		-- greatest() skips nulls, so the size limit is asked for first.
		case when g.status in ('forming', 'open') and g.size_limit is not null
			then greatest(g.size_limit - g.member_count, 0) end,
		null::timestamptz, null::timestamptz, null::text, null::public.gathering_kind
	from public.groups g, wanted w
	where g.status <> 'closed'
		and g.area_lat between min_lat and max_lat
		and (
			(min_lng <= max_lng and g.area_lng between min_lng and max_lng)
			or (min_lng > max_lng and (g.area_lng >= min_lng or g.area_lng <= max_lng))
		)
		and (w.needle is null
			or strpos(lower(g.name), w.needle) > 0
			or strpos(lower(g.purpose), w.needle) > 0)
	union all
	select 'gathering', e.id, e.name, e.area_lat, e.area_lng, e.area_cell, e.area_label,
		null::public.group_status, null::integer, null::integer,
		e.starts_at, e.ends_at, e.time_zone, e.kind
	from public.gatherings e, wanted w
	where e.ends_at >= now()
		and (w.within_days is null or e.starts_at <= now() + make_interval(days => w.within_days))
		and e.area_lat between min_lat and max_lat
		and (
			(min_lng <= max_lng and e.area_lng between min_lng and max_lng)
			or (min_lng > max_lng and (e.area_lng >= min_lng or e.area_lng <= max_lng))
		)
		and (w.needle is null
			or strpos(lower(e.name), w.needle) > 0
			or strpos(lower(e.description), w.needle) > 0)
$$;

comment on function public.map_groups_and_gatherings(double precision, double precision, double precision, double precision, jsonb) is
	'The crews, congregations and upcoming gatherings the caller may see in a box, as map items: the part of map_items and map_view that is the same for every audience.';

-- The map's data functions --------------------------------------------------------------------------

-- As before (20261125120000_create_map_data.sql), with every kind. Each item is
--   { kind: 'practitioner' | 'crew' | 'congregation' | 'gathering', id, name, lat, lng, cell,
--     place_label, open_to, practices, pathway_stage, languages, status, size_limit, seats_open,
--     starts_at, ends_at, time_zone, gathering_kind }
-- with every field present: people have empty group and gathering fields (null), groups and
-- gatherings empty person fields ([] or null). Person filters narrow people only, within_days
-- gatherings only, q everything; total counts every kind.
create or replace function public.map_items(
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
	-- Checked here too, so a bad value is an error even when no gathering is in the box.
	perform public.map_filter_values(filters, 'within_days');

	-- A member, as private.is_member() says (inlined: anonymous callers cannot use private).
	if (select auth.role()) = 'authenticated'
		and not coalesce(((select auth.jwt()) ->> 'is_anonymous')::boolean, false) then
		with matched as (
			select 'practitioner' as kind, p.id, p.display_name as name, p.published_lat as lat,
				p.published_lng as lng, p.published_cell as cell, p.place_label, p.open_to, p.practices,
				p.pathway_stage, p.languages, null::public.group_status as status,
				null::integer as size_limit, null::integer as seats_open, null::timestamptz as starts_at,
				null::timestamptz as ends_at, null::text as time_zone,
				null::public.gathering_kind as gathering_kind
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
			union all
			select o.kind, o.id, o.name, o.lat, o.lng, o.cell, o.place_label, '{}', '{}', null, '{}',
				o.status, o.size_limit, o.seats_open, o.starts_at, o.ends_at, o.time_zone, o.gathering_kind
			from public.map_groups_and_gatherings(min_lat, min_lng, max_lat, max_lng, filters) o
		),
		shown as (select * from matched order by cell, id limit max_items)
		select jsonb_build_object(
			'items', coalesce((
				select jsonb_agg(jsonb_build_object(
					'kind', s.kind, 'id', s.id, 'name', s.name, 'lat', s.lat, 'lng', s.lng,
					'cell', s.cell, 'place_label', s.place_label, 'open_to', s.open_to,
					'practices', s.practices, 'pathway_stage', s.pathway_stage, 'languages', s.languages,
					'status', s.status, 'size_limit', s.size_limit, 'seats_open', s.seats_open,
					'starts_at', s.starts_at, 'ends_at', s.ends_at, 'time_zone', s.time_zone,
					'gathering_kind', s.gathering_kind
				) order by s.cell, s.id)
				from shown s
			), '[]'::jsonb),
			'total', (select count(*) from matched),
			'truncated', (select count(*) from matched) > max_items
		)
		into result;
	else
		with matched as (
			select 'practitioner' as kind, p.id, p.display_name as name, p.public_lat as lat,
				p.public_lng as lng, p.public_cell as cell, p.public_place_label as place_label,
				p.open_to, p.practices, p.pathway_stage, p.languages, null::public.group_status as status,
				null::integer as size_limit, null::integer as seats_open, null::timestamptz as starts_at,
				null::timestamptz as ends_at, null::text as time_zone,
				null::public.gathering_kind as gathering_kind
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
			union all
			select o.kind, o.id, o.name, o.lat, o.lng, o.cell, o.place_label, '{}', '{}', null, '{}',
				o.status, o.size_limit, o.seats_open, o.starts_at, o.ends_at, o.time_zone, o.gathering_kind
			from public.map_groups_and_gatherings(min_lat, min_lng, max_lat, max_lng, filters) o
		),
		shown as (select * from matched order by cell, id limit max_items)
		select jsonb_build_object(
			'items', coalesce((
				select jsonb_agg(jsonb_build_object(
					'kind', s.kind, 'id', s.id, 'name', s.name, 'lat', s.lat, 'lng', s.lng,
					'cell', s.cell, 'place_label', s.place_label, 'open_to', s.open_to,
					'practices', s.practices, 'pathway_stage', s.pathway_stage, 'languages', s.languages,
					'status', s.status, 'size_limit', s.size_limit, 'seats_open', s.seats_open,
					'starts_at', s.starts_at, 'ends_at', s.ends_at, 'time_zone', s.time_zone,
					'gathering_kind', s.gathering_kind
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

comment on function public.map_items(double precision, double precision, double precision, double precision, integer, jsonb) is
	'Everything the caller may see in a box (practitioners, crews, congregations, upcoming gatherings), at most max_items of it in cell then id order, with the total. Raises 22023 on a bad box, limit or filter.';

-- As before (20261125130000_create_map_view.sql), with every kind: items are map_items' objects,
-- and each group counts [lat, lng, practitioners, crews, congregations, gatherings].
create or replace function public.map_view(
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
	-- Checked here too, so a bad value is an error even when no gathering is in the box.
	perform public.map_filter_values(filters, 'within_days');

	-- A member, as private.is_member() says (inlined: anonymous callers cannot use private).
	-- The scalar subqueries under each CASE run only when their branch is taken.
	if (select auth.role()) = 'authenticated'
		and not coalesce(((select auth.jwt()) ->> 'is_anonymous')::boolean, false) then
		with matched as materialized (
			select 'practitioner' as kind, p.id, p.display_name as name, p.published_lat as lat,
				p.published_lng as lng, p.published_cell as cell, p.place_label, p.open_to, p.practices,
				p.pathway_stage, p.languages, null::public.group_status as status,
				null::integer as size_limit, null::integer as seats_open, null::timestamptz as starts_at,
				null::timestamptz as ends_at, null::text as time_zone,
				null::public.gathering_kind as gathering_kind
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
			union all
			select o.kind, o.id, o.name, o.lat, o.lng, o.cell, o.place_label, '{}', '{}', null, '{}',
				o.status, o.size_limit, o.seats_open, o.starts_at, o.ends_at, o.time_zone, o.gathering_kind
			from public.map_groups_and_gatherings(min_lat, min_lng, max_lat, max_lng, filters) o
		),
		counted as (
			select count(*) as total, max_items > 0 and count(*) <= max_items as listed from matched
		)
		select jsonb_build_object(
			'total', c.total,
			'detail', case when c.listed then 'items' else 'counts' end,
			'items', case when c.listed then coalesce((
				select jsonb_agg(jsonb_build_object(
					'kind', m.kind, 'id', m.id, 'name', m.name, 'lat', m.lat, 'lng', m.lng,
					'cell', m.cell, 'place_label', m.place_label, 'open_to', m.open_to,
					'practices', m.practices, 'pathway_stage', m.pathway_stage, 'languages', m.languages,
					'status', m.status, 'size_limit', m.size_limit, 'seats_open', m.seats_open,
					'starts_at', m.starts_at, 'ends_at', m.ends_at, 'time_zone', m.time_zone,
					'gathering_kind', m.gathering_kind
				) order by m.cell, m.id)
				from matched m
			), '[]'::jsonb) else '[]'::jsonb end,
			'counts', case when not c.listed then coalesce((
				select jsonb_agg(jsonb_build_array(
					g.lat, g.lng, g.practitioners, g.crews, g.congregations, g.gatherings
				) order by g.key)
				from (
					select left(m.cell, key_length) as key,
						round(avg(m.lat)::numeric, 5)::double precision as lat,
						round(avg(m.lng)::numeric, 5)::double precision as lng,
						count(*) filter (where m.kind = 'practitioner') as practitioners,
						count(*) filter (where m.kind = 'crew') as crews,
						count(*) filter (where m.kind = 'congregation') as congregations,
						count(*) filter (where m.kind = 'gathering') as gatherings
					from matched m
					group by 1
				) g
			), '[]'::jsonb) else '[]'::jsonb end
		)
		into result
		from counted c;
	else
		with matched as materialized (
			select 'practitioner' as kind, p.id, p.display_name as name, p.public_lat as lat,
				p.public_lng as lng, p.public_cell as cell, p.public_place_label as place_label,
				p.open_to, p.practices, p.pathway_stage, p.languages, null::public.group_status as status,
				null::integer as size_limit, null::integer as seats_open, null::timestamptz as starts_at,
				null::timestamptz as ends_at, null::text as time_zone,
				null::public.gathering_kind as gathering_kind
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
			union all
			select o.kind, o.id, o.name, o.lat, o.lng, o.cell, o.place_label, '{}', '{}', null, '{}',
				o.status, o.size_limit, o.seats_open, o.starts_at, o.ends_at, o.time_zone, o.gathering_kind
			from public.map_groups_and_gatherings(min_lat, min_lng, max_lat, max_lng, filters) o
		),
		counted as (
			select count(*) as total, max_items > 0 and count(*) <= max_items as listed from matched
		)
		select jsonb_build_object(
			'total', c.total,
			'detail', case when c.listed then 'items' else 'counts' end,
			'items', case when c.listed then coalesce((
				select jsonb_agg(jsonb_build_object(
					'kind', m.kind, 'id', m.id, 'name', m.name, 'lat', m.lat, 'lng', m.lng,
					'cell', m.cell, 'place_label', m.place_label, 'open_to', m.open_to,
					'practices', m.practices, 'pathway_stage', m.pathway_stage, 'languages', m.languages,
					'status', m.status, 'size_limit', m.size_limit, 'seats_open', m.seats_open,
					'starts_at', m.starts_at, 'ends_at', m.ends_at, 'time_zone', m.time_zone,
					'gathering_kind', m.gathering_kind
				) order by m.cell, m.id)
				from matched m
			), '[]'::jsonb) else '[]'::jsonb end,
			'counts', case when not c.listed then coalesce((
				select jsonb_agg(jsonb_build_array(
					g.lat, g.lng, g.practitioners, g.crews, g.congregations, g.gatherings
				) order by g.key)
				from (
					select left(m.cell, key_length) as key,
						round(avg(m.lat)::numeric, 5)::double precision as lat,
						round(avg(m.lng)::numeric, 5)::double precision as lng,
						count(*) filter (where m.kind = 'practitioner') as practitioners,
						count(*) filter (where m.kind = 'crew') as crews,
						count(*) filter (where m.kind = 'congregation') as congregations,
						count(*) filter (where m.kind = 'gathering') as gatherings
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
	'What the map shows in a box at a zoom, for the caller (practitioners, crews, congregations, upcoming gatherings): every item when total <= max_items (max_items > 0), else counts per kind grouped by quadkey prefix (zoom + 5). Raises 22023 on a bad box, zoom, limit or filter.';

-- Who may call what ---------------------------------------------------------------------------------

-- New functions in public are granted to every API role by default, and functions in private to
-- PUBLIC: take that back, then grant what the policies and map functions need. (create or
-- replace keeps the grants of map_items, map_view, map_filter_values and shares_crew.)
revoke execute on function public.map_groups_and_gatherings(double precision, double precision, double precision, double precision, jsonb) from public, anon, authenticated;
grant execute on function public.map_groups_and_gatherings(double precision, double precision, double precision, double precision, jsonb) to anon, authenticated;

revoke execute on function private.area_label(text) from public, anon, authenticated;
revoke execute on function private.publish_area() from public, anon, authenticated;
revoke execute on function private.check_group_congregation() from public, anon, authenticated;
revoke execute on function private.count_group_members() from public, anon, authenticated;
revoke execute on function private.keep_membership_identity() from public, anon, authenticated;
revoke execute on function private.check_time_zone() from public, anon, authenticated;
revoke execute on function private.groups_of_caller() from public, anon, authenticated;
grant execute on function private.groups_of_caller() to authenticated;

-- Leaving is real (DESIGN.md 3.8): an export gives a person all of their data, now with the groups
-- they belong to. Same function as before with one more key; its grants stay as they were.
create or replace function public.export_my_data() returns jsonb
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
		), '[]'::jsonb),
		'group_memberships', coalesce((
			select jsonb_agg(jsonb_build_object('group_id', m.group_id, 'group_name', g.name,
				'group_kind', g.kind, 'role', m.role, 'joined_at', m.joined_at) order by m.joined_at)
			from public.group_members m
			join public.groups g on g.id = m.group_id
			where m.profile_id = (select auth.uid())
		), '[]'::jsonb)
	)
	where (select auth.uid()) is not null
$$;
