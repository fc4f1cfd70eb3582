-- Practitioners on the map: one profile per auth user.
--
-- This is the walking skeleton's table. Later migrations add the owner-only exact location,
-- precision levels and the derived published cell; until then the published point is set by
-- the seed and is already coarse.

create type public.profile_visibility as enum ('public', 'members', 'crewmates', 'only_me');

create table public.profiles (
	id uuid primary key references auth.users (id) on delete cascade,
	display_name text not null check (char_length(btrim(display_name)) between 1 and 80),
	bio text not null default '' check (char_length(bio) <= 280),
	-- Private-leaning default: a new profile is seen by signed-in members only.
	visibility public.profile_visibility not null default 'members',
	published_lat double precision check (published_lat between -90 and 90),
	published_lng double precision check (published_lng between -180 and 180),
	place_label text check (char_length(place_label) <= 120),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check ((published_lat is null) = (published_lng is null))
);

comment on table public.profiles is 'A practitioner on the network map. Visibility is enforced by RLS.';

alter table public.profiles enable row level security;

-- Supabase grants every API role everything on new tables; take that back and grant only
-- what the policies below are written for.
revoke all on public.profiles from anon, authenticated;
grant select on public.profiles to anon, authenticated;
grant insert (id, display_name, bio, visibility) on public.profiles to authenticated;
grant update (display_name, bio, visibility) on public.profiles to authenticated;
grant delete on public.profiles to authenticated;

create policy "anyone can see public profiles"
	on public.profiles for select
	to anon, authenticated
	using (visibility = 'public');

create policy "members can see profiles shared with members"
	on public.profiles for select
	to authenticated
	using (visibility = 'members');

-- 'crewmates' stays owner-only until crews exist.
create policy "owners can see their own profile"
	on public.profiles for select
	to authenticated
	using (id = (select auth.uid()));

create policy "owners can create their own profile"
	on public.profiles for insert
	to authenticated
	with check (id = (select auth.uid()));

create policy "owners can update their own profile"
	on public.profiles for update
	to authenticated
	using (id = (select auth.uid()))
	with check (id = (select auth.uid()));

create policy "owners can delete their own profile"
	on public.profiles for delete
	to authenticated
	using (id = (select auth.uid()));

create function public.touch_updated_at() returns trigger
	language plpgsql
	set search_path = ''
	as $$
begin
	new.updated_at := now();
	return new;
end;
$$;

revoke execute on function public.touch_updated_at() from public, anon, authenticated;

create trigger profiles_touch_updated_at
	before update on public.profiles
	for each row execute function public.touch_updated_at();
