-- What the attack suite found after …3100 (tests/integration/privacy/hardening.test.ts):
--
-- 1. map_view and map_items took a box past the poles or the antimeridian (lat 1000 answered
--    200 with items). The app clamps its boxes already; the database now refuses the rest.
-- 2. Three more one-line texts refuse control and direction characters: a group's rhythm and
--    commitment, and a venue's address. The line and paragraph separators (U+2028, U+2029) break
--    a line as surely as a newline, so names refuse them too.
-- 3. A name given at sign-up (an OAuth provider's, or signInWithOtp's data) that is not plain
--    text no longer fails the sign-up: the profile starts unnamed, and the person names
--    themselves when they add themselves to the map.

-- 1. Boxes on the globe --------------------------------------------------------------------------

create or replace function audience.check_map_request(
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
	-- A box may cross the antimeridian (min_lng > max_lng), never leave the globe.
	if min_lat < -90 or max_lat > 90
		or min_lng not between -180 and 180 or max_lng not between -180 and 180 then
		raise exception 'the box must lie within -90..90 and -180..180' using errcode = '22023';
	end if;
	if max_items is null or max_items < 0 or max_items > 50000 then
		raise exception 'max_items must be between 0 and 50000' using errcode = '22023';
	end if;
end;
$$;

-- 2. Plainer text ---------------------------------------------------------------------------------

create or replace function private.is_plain_line(value text) returns boolean
	language sql immutable parallel safe set search_path = ''
	as $$
	-- Built with chr(): U+0001-001F, U+007F-009F, U+061C, U+200E-200F, U+2028-202E, U+2066-2069.
	select value is null
		or value !~ ('[' || chr(1) || '-' || chr(31) || chr(127) || '-' || chr(159) || chr(1564)
			|| chr(8206) || chr(8207) || chr(8232) || '-' || chr(8238) || chr(8294) || '-' || chr(8297)
			|| ']')
$$;

alter table public.groups
	add constraint groups_rhythm_plain_text check (private.is_plain_line(rhythm)),
	add constraint groups_commitment_plain_text check (private.is_plain_line(commitment));
alter table public.gathering_venues
	add constraint gathering_venues_address_plain_text check (private.is_plain_line(address));

-- 3. Names given at sign-up -----------------------------------------------------------------------

create or replace function private.create_profile_for_new_user() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
declare
	given text := left(coalesce(btrim(new.raw_user_meta_data ->> 'display_name'), ''), 80);
begin
	insert into public.profiles (id, display_name)
	values (new.id, case when private.is_plain_line(given) then given else '' end)
	on conflict (id) do nothing;
	return new;
end;
$$;
