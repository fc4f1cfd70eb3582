-- Crews, congregations and gatherings: what they are, who is in which crew, and what they
-- publish.
--
-- Everything here is published information: a group or gathering is placed by its meeting
-- area, a grid cell no finer than a town (~5 km), and never by a point. The cell's centre and
-- label are computed here from the cell, so nobody can store a finer point beside it. Who made a
-- group or gathering, and when it was last edited, are not readable through the API: the account
-- id would tie a person to the group whatever their own profile shares.
--
-- Writes (creating a crew, joining, RSVPs) come with later issues: for now the API roles may
-- only read, and the seed and tests write as the service role.
--
-- Who reads what:
-- - groups and gatherings: anyone those marked 'public', members also those marked 'members'.
-- - group memberships: a member reads the memberships of the groups they are in, nobody else's.
-- - profiles: 'crewmates' profiles are seen by the people who share a crew with them
--   (private.shares_crew, DESIGN.md section 3.4).

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
	language sql stable strict set search_path = ''
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
	language plpgsql security definer set search_path = ''
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
	language plpgsql security definer set search_path = ''
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
	language sql stable security definer set search_path = ''
	as $$
	select array(select group_id from public.group_members where profile_id = (select auth.uid()))
$$;

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
	language plpgsql security definer set search_path = ''
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
	language plpgsql set search_path = ''
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
create function private.shares_crew(other uuid) returns boolean
	language sql stable security definer set search_path = ''
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
	language plpgsql set search_path = ''
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


-- Both published alike ----------------------------------------------------------------------------

-- A group's and a gathering's area is only ever a cell (private.publish_area), and each keeps the
-- time of its last edit.
create trigger groups_publish_area
	before insert or update on public.groups
	for each row execute function private.publish_area();
create trigger gatherings_publish_area
	before insert or update on public.gatherings
	for each row execute function private.publish_area();
create trigger groups_touch_updated_at
	before update on public.groups
	for each row execute function private.touch_updated_at();
create trigger gatherings_touch_updated_at
	before update on public.gatherings
	for each row execute function private.touch_updated_at();

-- Whether the caller may see something published with this visibility: anyone a public one,
-- signed-in members (not Supabase's anonymous sign-ins, see audience.is_member) a members-only one.
create function audience.may_see(visibility public.group_visibility) returns boolean
	language sql stable set search_path = ''
	as $$
	select visibility = 'public' or (visibility = 'members' and audience.is_member())
$$;

grant execute on function audience.may_see(public.group_visibility) to anon, authenticated;

alter table public.groups enable row level security;
alter table public.gatherings enable row level security;

-- Published information, but not who made a group or gathering or when it was last edited (the
-- account id would tie a person to it whatever their own profile shares). Per column, so a new
-- column is unreadable until a migration grants it. No writes through the API yet.
revoke all on public.groups, public.gatherings from anon, authenticated;
grant select (
	id, kind, name, purpose, status, size_limit, congregation_id, meeting_mode, rhythm, visibility,
	area_cell, area_lat, area_lng, area_label, member_count, created_at
) on public.groups to anon, authenticated;
grant select (
	id, kind, name, description, starts_at, ends_at, time_zone, host_group_id, capacity,
	visibility, area_cell, area_lat, area_lng, area_label, created_at
) on public.gatherings to anon, authenticated;

create policy "anyone sees the groups shared with them"
	on public.groups for select
	to anon, authenticated
	using (audience.may_see(visibility));

create policy "anyone sees the gatherings shared with them"
	on public.gatherings for select
	to anon, authenticated
	using (audience.may_see(visibility));

comment on column public.groups.created_by is
	'The account that made the group. Not readable through the API: it would tie a person to the group whatever their own profile shares.';
comment on column public.gatherings.created_by is
	'The account that made the gathering. Not readable through the API, as groups.created_by.';

-- Crewmates see each other ---------------------------------------------------------------------

-- The third way to see a profile, beside the public and members policy on profiles: its owner
-- shares it with crewmates, and the caller shares a crew with them. Blocks and onboarding apply
-- as in the members policy.
create policy "crewmates see what is shared with crewmates"
	on public.profiles for select
	to authenticated
	using (
		onboarded_at is not null
		and visibility = 'crewmates'
		and private.shares_crew(id)
		and id <> all ((select private.blockers_of_caller())::uuid[])
	);

-- After the gazetteer changes ---------------------------------------------------------------------

-- Reloading the gazetteer relabels everything published: every person's cells, and every group's
-- and gathering's area (the update fires publish_area, which recomputes the label). Called by the
-- gazetteer loader (scripts/local-stack/places.ts, `npm run db:places`).
create function private.republish_all_locations() returns void
	language plpgsql security definer set search_path = ''
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

-- The policies above ask these for whoever reads.
grant execute on function private.groups_of_caller(), private.shares_crew(uuid) to authenticated;
