-- Bringing an existing list: a movement's people, staged from a CSV file or Murmurations profiles,
-- each invited by email to confirm before appearing anywhere.
--
-- The guarantees this file makes true:
-- 1. Nobody is put on the map without consent. A staged person lives in private.imported_people,
--    which no API role can read or write (the private schema; every table here revokes everything
--    from public, anon and authenticated). Nothing reaches profiles or profile_locations until the
--    person confirms, signed in with the address the invitation went to (public.confirm_import).
-- 2. Imports are idempotent. A staged person is (source, email), or a Murmurations profile URL:
--    importing the same list again updates the staged rows and invites nobody twice. Someone
--    already on the map is never staged over their own choices, and someone who declined (or
--    confirmed and later left) is never staged again: private.import_declines keeps a hash of
--    their address, nothing more.
-- 3. The invitation link's token is stored as its hash. The token itself is kept only until its
--    email is marked sent, so that an email sent again after a crash between sending and marking
--    carries the same link; from then on only the hash is left, and nobody can mail the link again.
-- 4. The exact point of a staged person is kept only until they answer: confirming moves it to
--    profile_locations (the one place a point lives), declining deletes the row, and an invitation
--    left unanswered past its time loses its name and point (public.prune_import_invitations).
-- 5. Publication is set-based: private.confirm_imports (SQL only, for the benchmark and tests: it
--    stands for every person of a batch having confirmed) places a whole batch with the per-row
--    publishing triggers off and then calls private.publish_locations once.

-- Tables ---------------------------------------------------------------------------------------

create table private.import_batches (
	id uuid primary key default gen_random_uuid(),
	-- The movement's name for the list ("Bristol network 2026"): with the email, the staged key.
	source text not null check (char_length(btrim(source)) between 1 and 80),
	-- Who ran the import (the operator's name as the command was given it).
	run_by text not null default '' check (char_length(run_by) <= 120),
	started_at timestamptz not null default now(),
	rows_read integer not null default 0,
	staged integer not null default 0,
	updated integer not null default 0,
	unchanged integer not null default 0,
	skipped integer not null default 0
);

comment on table private.import_batches is
	'One run of the bulk import: where the list came from, who ran it, and what became of its rows.';

create table private.imported_people (
	id uuid primary key default gen_random_uuid(),
	batch_id uuid not null references private.import_batches (id) on delete cascade,
	source text not null,
	-- Lower-case, trimmed: the address the invitation goes to, and the one the person signs in with.
	email text not null check (email = lower(btrim(email)) and char_length(email) <= 254),
	-- A Murmurations profile's own address: the same profile from another file is the same person.
	profile_url text check (char_length(profile_url) <= 500),
	-- Any other id the list gave the person.
	external_id text check (char_length(external_id) <= 200),
	-- Name and exact point are null once the person has answered or the invitation ran out.
	display_name text check (char_length(btrim(display_name)) between 1 and 80 and private.is_plain_line(display_name)),
	lat double precision check (lat between -90 and 90),
	lng double precision check (lng between -180 and 180),
	-- The gazetteer place (GeoNames id) the point came from, when the list gave a place instead of
	-- coordinates. No foreign key: reloading the gazetteer (npm run db:places) truncates places.
	place_id bigint,
	visibility public.profile_visibility not null default 'members',
	precision public.location_precision not null default 'area',
	token_hash bytea unique,
	-- The invitation's token while its email is on its way; null once it is marked sent.
	pending_token text,
	invite_claimed_until timestamptz,
	invited_at timestamptz,
	confirmed_at timestamptz,
	profile_id uuid references public.profiles (id) on delete cascade,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check ((lat is null) = (lng is null))
);

comment on table private.imported_people is
	'People staged by the bulk import, waiting to confirm. Never readable through the API.';

create unique index imported_people_source_email_key on private.imported_people (source, email);
create unique index imported_people_profile_url_key on private.imported_people (profile_url)
	where profile_url is not null;
create index imported_people_batch_idx on private.imported_people (batch_id);
create index imported_people_email_idx on private.imported_people (email);
-- The invitations still to send, oldest first.
create index imported_people_uninvited_idx on private.imported_people (created_at)
	where invited_at is null and confirmed_at is null;

create table private.import_declines (
	-- sha256 of the lower-case address: enough to recognise it in a later list, and no more.
	email_hash bytea primary key,
	declined_at timestamptz not null default now()
);

comment on table private.import_declines is
	'Addresses (hashed) never to stage again: people who declined an invitation, or confirmed and later left.';

revoke all on private.import_batches, private.imported_people, private.import_declines
	from public, anon, authenticated;

-- How long an invitation's link works.
create function private.import_invitation_days() returns integer
	language sql immutable set search_path = ''
	as $$ select 30 $$;

create function private.email_hash(email text) returns bytea
	language sql immutable strict set search_path = ''
	as $$ select sha256(convert_to(lower(btrim(email)), 'UTF8')) $$;

create function private.token_hash(token text) returns bytea
	language sql immutable strict set search_path = ''
	as $$ select sha256(convert_to(token, 'UTF8')) $$;

-- 256 bits from the operating system's random source (gen_random_uuid), as 64 hex digits.
create function private.new_import_token() returns text
	language sql volatile set search_path = ''
	as $$
	select replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
$$;

-- A person who leaves the map after confirming (their profile is deleted, and this row with it)
-- is not invited again by the next import of the same list.
create function private.remember_leavers() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
begin
	if old.confirmed_at is not null then
		insert into private.import_declines (email_hash)
		values (private.email_hash(old.email))
		on conflict do nothing;
	end if;
	return old;
end;
$$;

create trigger imported_people_remember_leavers
	before delete on private.imported_people
	for each row execute function private.remember_leavers();

-- Staging ----------------------------------------------------------------------------------------

-- Stages a list's people (a JSON array of objects with line, name, email, lat and lng or place and
-- country, visibility, precision, profile_url, external_id), set-based. Each row is staged (new),
-- updated (known, changed), unchanged, or skipped with a reason; the answer counts them and lists
-- the skipped: { batch, rows, staged, updated, unchanged, skipped, skipped_rows: [{line, email,
-- reason}] }. With dry_run nothing is written and batch is null.
create function public.stage_imports(
	source text,
	people jsonb,
	run_by text default '',
	dry_run boolean default false
)
	returns jsonb
	language plpgsql security definer set search_path = ''
	as $$
declare
	list_source text := btrim(stage_imports.source);
	batch uuid;
	summary jsonb;
begin
	if char_length(coalesce(list_source, '')) not between 1 and 80 then
		raise exception 'The source names the list in 1 to 80 characters.' using errcode = '22023';
	end if;
	if jsonb_typeof(people) is distinct from 'array' then
		raise exception 'people must be a JSON array' using errcode = '22023';
	end if;
	if not dry_run then
		insert into private.import_batches (source, run_by)
		values (list_source, left(coalesce(stage_imports.run_by, ''), 120))
		returning id into batch;
	end if;

	create temporary table import_rows on commit drop as
	with input as (
		select r.line, nullif(btrim(r.name), '') as name, lower(btrim(coalesce(r.email, ''))) as email,
			r.lat, r.lng, nullif(btrim(r.place), '') as place, nullif(btrim(r.country), '') as country,
			lower(btrim(coalesce(r.visibility, ''))) as visibility,
			lower(btrim(coalesce(r.precision, ''))) as precision,
			nullif(btrim(r.profile_url), '') as profile_url, nullif(btrim(r.external_id), '') as external_id,
			e.ordinality
		from jsonb_array_elements(people) with ordinality as e(item, ordinality)
		cross join jsonb_to_record(e.item) as r(
			line integer, name text, email text, lat double precision, lng double precision,
			place text, country text, visibility text, precision text, profile_url text,
			external_id text
		)
	),
	-- Each place name once, resolved to the gazetteer's biggest place of that name (in that
	-- country, when one is given by code or name): one hash join over the gazetteer for the list.
	wanted_places as (
		select distinct lower(place) as place, lower(country) as country
		from input where place is not null and (lat is null or lng is null)
	),
	resolved as (
		select distinct on (w.place, w.country) w.place, w.country, p.id, p.lat, p.lng
		from wanted_places w
		join public.places p on lower(p.name) = w.place
		join public.countries c on c.code = p.country_code
		where w.country is null or lower(p.country_code) = w.country or lower(c.name) = w.country
		order by w.place, w.country, p.population desc
	),
	shaped as (
		select i.*,
			coalesce(i.lat, case when i.lng is null then r.lat end) as point_lat,
			coalesce(i.lng, case when i.lat is null then r.lng end) as point_lng,
			case when i.lat is null and i.lng is null then r.id end as place_id
		from input i
		left join resolved r on r.place = lower(i.place) and r.country is not distinct from lower(i.country)
	),
	checked as (
		select s.*,
			case
				when s.email !~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' or char_length(s.email) > 254
					then 'not an email address'
				when s.name is null then 'no name'
				when char_length(s.name) > 80 then 'name longer than 80 characters'
				when not private.is_plain_line(s.name) then 'name holds control or text-direction characters'
				when s.visibility <> '' and s.visibility <> all (enum_range(null::public.profile_visibility)::text[])
					then 'visibility is not one of public, members, crewmates, only_me'
				when s.precision <> '' and s.precision <> all (enum_range(null::public.location_precision)::text[])
					then 'precision is not one of neighbourhood, town, area, region, country'
				when (s.lat is null) <> (s.lng is null) then 'a point needs both latitude and longitude'
				when s.lat is not null and (s.lat not between -90 and 90 or s.lng not between -180 and 180)
					then 'coordinates out of range'
				when s.point_lat is null and s.place is not null
					then format('no place called %s in the gazetteer', concat_ws(', ', s.place, s.country))
				when s.point_lat is null then 'no place and no coordinates'
				when char_length(s.profile_url) > 500 or char_length(s.external_id) > 200
					then 'profile URL or id too long'
			end as problem,
			-- The same person twice in one list: the first row counts.
			row_number() over (partition by s.email order by s.ordinality) as nth,
			row_number() over (partition by coalesce(s.profile_url, s.ordinality::text) order by s.ordinality)
				as nth_profile
		from shaped s
	)
	select c.line, c.ordinality, c.email, c.name, c.point_lat, c.point_lng, c.place_id,
		coalesce(nullif(c.visibility, ''), 'members')::public.profile_visibility as visibility,
		-- A point taken from a place's name is that town's centre: no finer than town.
		case
			when c.place_id is not null and c.precision in ('', 'neighbourhood') then 'town'
			else coalesce(nullif(c.precision, ''), 'area')
		end::public.location_precision as precision,
		c.profile_url, c.external_id,
		coalesce(
			c.problem,
			case when c.nth > 1 then 'the same address earlier in this list'
				when c.nth_profile > 1 then 'the same profile earlier in this list' end
		) as problem,
		null::uuid as existing_id,
		null::text as outcome
	from checked c;
	-- A temporary table has no statistics until analysed: without them the joins below are planned
	-- as if it held one row.
	analyze import_rows;

	-- Who is staged already, who is on the map already, and who asked never to be.
	update import_rows r
	set problem = case
		when exists (select 1 from private.import_declines d where d.email_hash = private.email_hash(r.email))
			then 'declined an invitation, or left the map'
		when exists (
			-- is_sso_user = false: the predicate of Supabase's index on auth.users (email).
			select 1 from auth.users u join public.profiles p on p.id = u.id
			where u.email = r.email and u.is_sso_user = false and p.onboarded_at is not null
		) then 'already on the map'
	end
	where r.problem is null;
	update import_rows r
	set existing_id = s.id,
		problem = case
			when s.confirmed_at is not null then 'confirmed already'
			when s.invited_at is not null
				and s.invited_at < now() - make_interval(days => private.import_invitation_days())
				then 'invited before and never answered'
		end,
		outcome = case
			when (s.display_name, s.lat, s.lng, s.place_id, s.visibility, s.precision, s.external_id, s.profile_url)
				is not distinct from (r.name, r.point_lat, r.point_lng, r.place_id, r.visibility, r.precision,
					r.external_id, coalesce(r.profile_url, s.profile_url))
				then 'unchanged'
			else 'updated'
		end
	from (
		-- The staged row of the same profile, or else of the same address in the same list.
		select i.ordinality, coalesce(by_url.id, by_email.id) as id
		from import_rows i
		left join private.imported_people by_url on by_url.profile_url = i.profile_url
		left join private.imported_people by_email on by_email.source = list_source and by_email.email = i.email
		where i.problem is null
	) known
	join private.imported_people s on s.id = known.id
	where r.ordinality = known.ordinality and r.problem is null;
	update import_rows set outcome = case when problem is not null then 'skipped' else coalesce(outcome, 'staged') end;

	if not dry_run then
		update private.imported_people s
		set batch_id = batch, email = r.email, display_name = r.name, lat = r.point_lat, lng = r.point_lng,
			place_id = r.place_id, visibility = r.visibility, precision = r.precision,
			external_id = r.external_id, profile_url = coalesce(r.profile_url, s.profile_url),
			updated_at = now()
		from import_rows r
		where r.outcome = 'updated' and s.id = r.existing_id;

		insert into private.imported_people (batch_id, source, email, profile_url, external_id,
			display_name, lat, lng, place_id, visibility, precision, token_hash, pending_token)
		select batch, list_source, r.email, r.profile_url, r.external_id, r.name, r.point_lat, r.point_lng,
			r.place_id, r.visibility, r.precision, private.token_hash(r.token), r.token
		-- A fresh token per row: a volatile call in the select list runs once for each.
		from (select *, private.new_import_token() as token from import_rows where outcome = 'staged') r;
	end if;

	select jsonb_build_object(
		'batch', batch,
		'rows', count(*),
		'staged', count(*) filter (where outcome = 'staged'),
		'updated', count(*) filter (where outcome = 'updated'),
		'unchanged', count(*) filter (where outcome = 'unchanged'),
		'skipped', count(*) filter (where outcome = 'skipped'),
		'skipped_rows', coalesce(
			jsonb_agg(jsonb_build_object('line', line, 'email', email, 'reason', problem) order by ordinality)
				filter (where outcome = 'skipped'),
			'[]'
		)
	)
	into summary
	from import_rows;

	if not dry_run then
		update private.import_batches b
		set rows_read = (summary ->> 'rows')::integer, staged = (summary ->> 'staged')::integer,
			updated = (summary ->> 'updated')::integer, unchanged = (summary ->> 'unchanged')::integer,
			skipped = (summary ->> 'skipped')::integer
		where b.id = batch;
	end if;
	drop table import_rows;
	return summary;
end;
$$;

comment on function public.stage_imports(text, jsonb, text, boolean) is
	'Stages a list''s people for invitation (service role only; npm run import).';

-- Invitations -------------------------------------------------------------------------------------

-- Claims invitations still to send, oldest first, for one sender for a lease, with the link's
-- token (a fresh one for each row never claimed, the same one again for a row whose email may
-- have gone out already) and what the email shows: the name and the place at the chosen
-- precision as members would see it.
create function public.claim_import_invitations(
	batch_size integer default 50,
	lease_seconds integer default 300
)
	returns table (
		id uuid,
		email text,
		display_name text,
		source text,
		token text,
		place_label text,
		visibility public.profile_visibility,
		"precision" public.location_precision
	)
	language sql volatile security definer set search_path = ''
	as $$
	with claimed as (
		update private.imported_people s
		set invite_claimed_until = now() + make_interval(secs => least(greatest(lease_seconds, 30), 3600))
		where s.id in (
			select c.id from private.imported_people c
			where c.invited_at is null and c.confirmed_at is null and c.pending_token is not null
				and (c.invite_claimed_until is null or c.invite_claimed_until < now())
			order by c.created_at
			limit least(greatest(batch_size, 1), 500)
			for update skip locked
		)
		returning s.*
	)
	select c.id, c.email, c.display_name, c.source, c.pending_token, place.label, c.visibility, c.precision
	from claimed c
	left join lateral private.place_at(c.lat, c.lng, c.precision) place on true
	order by c.created_at
$$;

comment on function public.claim_import_invitations(integer, integer) is
	'Claims unsent import invitations for one sender, for a lease, with their links'' tokens. For the notify worker and npm run import.';

-- Marks an invitation sent: from now on only the token's hash is kept.
create function public.mark_import_invited(invitation_ids uuid[]) returns integer
	language sql volatile security definer set search_path = ''
	as $$
	with marked as (
		update private.imported_people s
		set invited_at = now(), pending_token = null, invite_claimed_until = null
		where s.id = any (invitation_ids) and s.invited_at is null
		returning 1
	)
	select count(*)::integer from marked
$$;

-- Lets claimed invitations go for the next sender at once (they failed to send).
create function public.release_import_invitations(invitation_ids uuid[]) returns void
	language sql volatile security definer set search_path = ''
	as $$
	update private.imported_people s set invite_claimed_until = null
	where s.id = any (invitation_ids) and s.invited_at is null
$$;

-- An invitation left unanswered past its time keeps no name and no point; a year after that the
-- row goes (until then a later import of the same list does not invite the person again).
create function public.prune_import_invitations() returns integer
	language sql volatile security definer set search_path = ''
	as $$
	with expired as (
		update private.imported_people s
		set display_name = null, lat = null, lng = null, place_id = null
		where s.confirmed_at is null and s.lat is not null
			and s.invited_at < now() - make_interval(days => private.import_invitation_days())
			and s.invited_at >= now() - make_interval(days => private.import_invitation_days() + 365)
		returning 1
	),
	forgotten as (
		delete from private.imported_people s
		where s.confirmed_at is null
			and s.invited_at < now() - make_interval(days => private.import_invitation_days() + 365)
		returning 1
	)
	select ((select count(*) from expired) + (select count(*) from forgotten))::integer
$$;

revoke all on function public.stage_imports(text, jsonb, text, boolean),
	public.claim_import_invitations(integer, integer), public.mark_import_invited(uuid[]),
	public.release_import_invitations(uuid[]), public.prune_import_invitations()
	from public, anon, authenticated;
grant execute on function public.stage_imports(text, jsonb, text, boolean),
	public.claim_import_invitations(integer, integer), public.mark_import_invited(uuid[]),
	public.release_import_invitations(uuid[]), public.prune_import_invitations()
	to service_role;

-- The invitation link ----------------------------------------------------------------------------

-- The staged row a link's token opens, while its invitation is open; null for anything else.
create function private.open_invitation(token text) returns private.imported_people
	language sql stable security definer set search_path = ''
	as $$
	select s.* from private.imported_people s
	where s.token_hash = private.token_hash(open_invitation.token)
		and s.confirmed_at is null
		and s.invited_at is not null
$$;

-- What the person at the end of an invitation link would put on the map: their name, who would see
-- it, and where, at each precision they could choose (the members' square and label, and what
-- strangers would see today under the k = 3 rule, as the preview while adding yourself shows),
-- never the point itself. The address is shown masked (the link may be forwarded). An unknown
-- token raises P0002; an invitation that ran out says so ({ status: 'expired' }) and shows nothing.
create function public.import_invitation_by_token(token text) returns jsonb
	language plpgsql stable security definer set search_path = ''
	as $$
declare
	staged private.imported_people := private.open_invitation(token);
begin
	if staged.id is null then
		raise exception 'This link does not open an invitation.' using errcode = 'P0002';
	end if;
	if staged.invited_at < now() - make_interval(days => private.import_invitation_days())
		or staged.lat is null then
		return jsonb_build_object('status', 'expired', 'source', staged.source);
	end if;
	return jsonb_build_object(
		'status', 'open',
		'source', staged.source,
		'display_name', staged.display_name,
		'email_hint', regexp_replace(staged.email, '^(.)[^@]*', '\1…'),
		'visibility', staged.visibility,
		'precision', staged.precision,
		'expires_at', staged.invited_at + make_interval(days => private.import_invitation_days()),
		'places', (
			-- The shape of place_labels_for's rows, so the page shows them as the profile form does.
			select jsonb_agg(jsonb_build_object(
				'precision', choice.level,
				'cell', here.cell,
				'lat', here.centre_lat,
				'lng', here.centre_lng,
				'label', here.label,
				'stranger_precision', strangers.level,
				'stranger_cell', strangers.cell,
				'stranger_lat', strangers.lat,
				'stranger_lng', strangers.lng,
				'stranger_label', strangers.label
			) order by choice.level)
			from unnest(enum_range(null::public.location_precision)) as choice(level)
			cross join private.place_at(staged.lat, staged.lng, choice.level) here
			left join lateral private.stranger_places(array[here.country::text], staged.id, here.cell) strangers
				on strangers.id = staged.id
		)
	);
end;
$$;

comment on function public.import_invitation_by_token(text) is
	'What an import invitation would publish, for whoever holds its link. Never the exact point.';

-- The person at the end of the link changes who would see them, and how precisely.
create function public.set_import_choices(
	token text,
	visibility public.profile_visibility,
	"precision" public.location_precision
)
	returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	staged private.imported_people := private.open_invitation(token);
begin
	if staged.id is null or staged.lat is null
		or staged.invited_at < now() - make_interval(days => private.import_invitation_days()) then
		raise exception 'This link does not open an invitation.' using errcode = 'P0002';
	end if;
	if set_import_choices.visibility is null or set_import_choices.precision is null then
		raise exception 'Choose who sees you and how precisely.' using errcode = '22023';
	end if;
	update private.imported_people s
	set visibility = set_import_choices.visibility, precision = set_import_choices.precision,
		updated_at = now()
	where s.id = staged.id;
end;
$$;

-- "Not interested": everything staged about the person goes, and no later import stages them.
create function public.decline_import(token text) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	staged private.imported_people := private.open_invitation(token);
begin
	if staged.id is null then
		raise exception 'This link does not open an invitation.' using errcode = 'P0002';
	end if;
	insert into private.import_declines (email_hash)
	values (private.email_hash(staged.email))
	on conflict do nothing;
	delete from private.imported_people s where s.id = staged.id;
end;
$$;

-- "Put me on the map": for the signed-in person whose address the invitation went to, the staged
-- name, point and choices become their profile and exact point, they are onboarded, and the
-- publishing triggers publish them, all in one transaction; the staged row keeps no name or point.
-- Someone already on the map keeps their own choices ({ status: 'already_on_map' }).
create function public.confirm_import(token text) returns jsonb
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := (select auth.uid());
	my_email text;
	staged private.imported_people;
begin
	if me is null or not audience.is_member() then
		raise exception 'Sign in with the address the invitation went to first.' using errcode = '42501';
	end if;
	select * into staged from private.imported_people s
	where s.id = (private.open_invitation(token)).id
	for update;
	if staged.id is null then
		raise exception 'This link does not open an invitation.' using errcode = 'P0002';
	end if;
	if staged.invited_at < now() - make_interval(days => private.import_invitation_days())
		or staged.lat is null then
		raise exception 'This invitation has run out.' using errcode = 'P0002', hint = 'expired';
	end if;
	select lower(u.email) into my_email from auth.users u where u.id = me;
	if my_email is distinct from staged.email then
		raise exception 'This invitation went to another address: sign in with that one to accept it.'
			using errcode = '42501', hint = 'other_address';
	end if;
	if private.is_suspended_now(me) then
		raise exception 'Your account is suspended.' using errcode = '42501';
	end if;

	if exists (select 1 from public.profiles p where p.id = me and p.onboarded_at is not null) then
		update private.imported_people s
		set confirmed_at = now(), profile_id = me, display_name = null, lat = null, lng = null,
			place_id = null, updated_at = now()
		where s.id = staged.id;
		return jsonb_build_object('status', 'already_on_map', 'profile_id', me);
	end if;

	update public.profiles p
	set display_name = case when btrim(p.display_name) = '' then staged.display_name else p.display_name end,
		visibility = staged.visibility,
		precision = staged.precision,
		onboarded_at = now(),
		last_confirmed_at = now()
	where p.id = me;
	insert into public.profile_locations (profile_id, lat, lng)
	values (me, staged.lat, staged.lng)
	on conflict (profile_id) do update set lat = excluded.lat, lng = excluded.lng, updated_at = now();
	update private.imported_people s
	set confirmed_at = now(), profile_id = me, display_name = null, lat = null, lng = null,
		place_id = null, updated_at = now()
	where s.id = staged.id;
	return jsonb_build_object('status', 'published', 'profile_id', me);
end;
$$;

comment on function public.confirm_import(text) is
	'Puts the signed-in person on the map as their import invitation describes, if it went to their address.';

revoke all on function public.import_invitation_by_token(text),
	public.set_import_choices(text, public.profile_visibility, public.location_precision),
	public.decline_import(text), public.confirm_import(text)
	from public, anon, authenticated;
grant execute on function public.import_invitation_by_token(text),
	public.set_import_choices(text, public.profile_visibility, public.location_precision),
	public.decline_import(text)
	to anon, authenticated;
grant execute on function public.confirm_import(text) to authenticated;

-- Confirmation in bulk (SQL only) ---------------------------------------------------------------

-- Everyone of a batch not yet answered, confirmed at once as if each had said yes: for the
-- benchmark (throughput to publication) and tests, never reachable through the API. Accounts are
-- made as the auth server makes them (an existing account of the same address is used; someone
-- already on the map keeps their own choices), profiles and points written with the per-row
-- triggers off (session_replication_role, which the superuser, and on a hosted project the
-- postgres role through supautils, may set), then one set-based private.publish_locations.
create function private.confirm_imports(batch uuid) returns integer
	language plpgsql security definer set search_path = ''
	as $$
declare
	ids uuid[];
begin
	create temporary table confirming on commit drop as
	select s.id as staged_id, coalesce(u.id, gen_random_uuid()) as profile_id, u.id is not null as has_account,
		s.email, s.display_name, s.lat, s.lng, s.visibility, s.precision
	from private.imported_people s
	left join auth.users u on u.email = s.email and u.is_sso_user = false
	where s.batch_id = confirm_imports.batch and s.confirmed_at is null and s.lat is not null
		and not exists (
			select 1 from public.profiles p where p.id = u.id and p.onboarded_at is not null
		);

	perform set_config('session_replication_role', 'replica', true);
	insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data,
		raw_user_meta_data, created_at, updated_at, is_anonymous)
	select c.profile_id, 'authenticated', 'authenticated', c.email, now(),
		'{"provider":"email","providers":["email"]}', '{}', now(), now(), false
	from confirming c where not c.has_account;
	insert into public.profiles as p (id, display_name, visibility, precision, onboarded_at, last_confirmed_at)
	select c.profile_id, c.display_name, c.visibility, c.precision, now(), now()
	from confirming c
	on conflict (id) do update
		set display_name = case when btrim(p.display_name) = '' then excluded.display_name else p.display_name end,
			visibility = excluded.visibility, precision = excluded.precision,
			onboarded_at = excluded.onboarded_at, last_confirmed_at = excluded.last_confirmed_at,
			updated_at = now();
	insert into public.profile_locations as l (profile_id, lat, lng)
	select c.profile_id, c.lat, c.lng from confirming c
	on conflict (profile_id) do update set lat = excluded.lat, lng = excluded.lng, updated_at = now();
	update private.imported_people s
	set confirmed_at = now(), profile_id = c.profile_id, display_name = null, lat = null, lng = null,
		place_id = null, pending_token = null, updated_at = now()
	from confirming c
	where s.id = c.staged_id;
	perform set_config('session_replication_role', 'origin', true);

	select coalesce(array_agg(profile_id), '{}') into ids from confirming;
	perform private.publish_locations(ids);
	drop table confirming;
	return cardinality(ids);
end;
$$;

comment on function private.confirm_imports(uuid) is
	'Confirms a whole import batch at once and publishes it in one set-based call: for the benchmark and tests only.';

revoke all on function private.confirm_imports(uuid) from public, anon, authenticated;
