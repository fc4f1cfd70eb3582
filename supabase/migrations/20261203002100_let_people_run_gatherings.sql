-- Gatherings people create and run: hosts, the venue only attendees read, RSVPs with a waitlist
-- and approval, calendar feeds, and the regional planner.
--
-- Who does what (each rule is enforced here, not by the app):
-- - A member creates a gathering with a plain insert, always as a draft, and becomes its host
--   (gathering_hosts). The hosts of a host group are hosts too. Hosts edit with a plain update.
--   Only hosts see a draft; publishing needs a venue (in person) or a joining link (online).
--   Status only moves forward: draft → published → cancelled (or draft → cancelled).
-- - The venue (address, point) and the joining link live apart, in gathering_venues, read by the
--   hosts and by approved attendees (going and confirmed) only, never across a block with a host.
-- - RSVPs go through rsvp() and decide_rsvp(), which lock the gathering's row, so places are
--   counted right however many people answer at once: going when full is waitlisted, going in
--   approval mode waits for a host, and a freed place goes to the first on the waitlist.
-- - Attendee lists (gathering_attendees) are read by hosts (every RSVP) and confirmed attendees
--   (the confirmed list), each person as their own profile allows, blocked people left out.
-- - Changes of time, venue or status, a cancelled occurrence, a decision and a place freed up are
--   told through the crews' notifications (inbox and email outbox). Gathering notifications name
--   nobody but the person asking to come: the rest are the gathering's own.
-- - A calendar token gives a private feed of the owner's gatherings without signing in.
-- - The planner reads a region through audience.visible_items, and a gathering proposed from it
--   invites, once published, the members there who opted in to gathering invitations.

create type public.gathering_status as enum ('draft', 'published', 'cancelled');
create type public.rsvp_answer as enum ('going', 'interested', 'not_going');
-- Only for 'going': confirmed (has a place), waitlisted (waits for one, in queued_at order),
-- pending (approval mode, waits for a host), declined (by a host).
create type public.rsvp_state as enum ('confirmed', 'waitlisted', 'pending', 'declined');

-- When a gathering is over: the end of its last occurrence; never for an open-ended series.
create function audience.gathering_ends(
	ends_at timestamptz,
	recurrence text,
	repeats_until timestamptz
) returns timestamptz
	language sql immutable set search_path = ''
	as $$
	select case
		when recurrence is null then ends_at
		else coalesce(repeats_until, 'infinity'::timestamptz)
	end
$$;

comment on function audience.gathering_ends(timestamptz, text, timestamptz) is
	'When a gathering is over: its end, or for a series the end of its last occurrence (infinity when open-ended).';

grant execute on function audience.gathering_ends(timestamptz, text, timestamptz) to anon, authenticated;

-- A region the planner chose: a circle, or a country.
create function private.valid_region(region jsonb) returns boolean
	language sql immutable set search_path = ''
	as $$
	select region is null or (
		jsonb_typeof(region) = 'object' and (
			(
				region ?& array['lat', 'lng', 'radius_km']
				and (select count(*) from jsonb_object_keys(region)) = 3
				and jsonb_typeof(region -> 'lat') = 'number'
				and jsonb_typeof(region -> 'lng') = 'number'
				and jsonb_typeof(region -> 'radius_km') = 'number'
				and (region ->> 'lat')::double precision between -90 and 90
				and (region ->> 'lng')::double precision between -180 and 180
				and (region ->> 'radius_km')::double precision between 1 and 1000
			) or (
				region ? 'country'
				and (select count(*) from jsonb_object_keys(region)) = 1
				and coalesce(region ->> 'country', '') ~ '^[A-Z]{2}$'
			)
		)
	)
$$;

comment on function private.valid_region(jsonb) is
	'Whether a planner region is {lat, lng, radius_km} (1..1000 km) or {country} (ISO alpha-2), or null.';

-- CHECK constraints call it for whoever writes a gathering.
grant execute on function private.valid_region(jsonb) to authenticated, service_role;

-- Gatherings gain what running one needs ------------------------------------------------------------

alter table public.gatherings
	add column status public.gathering_status not null default 'draft',
	add column meeting_mode text not null default 'in_person'
		check (meeting_mode in ('in_person', 'online', 'mixed')),
	add column all_day boolean not null default false,
	-- An RRULE value (without "RRULE:"), in the subset the app expands and calendars share:
	-- FREQ, then INTERVAL, BYDAY (ordinals for monthly: 1TU, -1FR), then COUNT or UNTIL (UTC).
	add column recurrence text check (
		recurrence ~ '^FREQ=(DAILY|WEEKLY|MONTHLY)(;INTERVAL=[1-9][0-9]?)?(;BYDAY=(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)(,(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)){0,6})?(;(COUNT=[1-9][0-9]{0,2}|UNTIL=[0-9]{8}T[0-9]{6}Z))?$'
	),
	-- The end of a series' last occurrence (null: open-ended), computed by the app from the rule.
	add column repeats_until timestamptz,
	-- The start times of occurrences the hosts cancelled (EXDATE in a calendar).
	add column cancelled_occurrences timestamptz[] not null default '{}'
		check (cardinality(cancelled_occurrences) <= 500),
	add column registration text not null default 'open' check (registration in ('open', 'approval')),
	add column contribution text not null default '' check (char_length(contribution) <= 200),
	add column accessibility text[] not null default '{}' check (
		accessibility <@ array['step_free', 'quiet_space', 'sign_language', 'childcare', 'dietary']
	),
	add column accessibility_note text not null default '' check (char_length(accessibility_note) <= 500),
	-- Confirmed "going", kept by the RSVP functions.
	add column going_count integer not null default 0 check (going_count >= 0),
	-- Where the planner proposed it: who is invited when it is published. Hosts only.
	add column invite_region jsonb check (private.valid_region(invite_region)),
	add column invitations_sent_at timestamptz,
	add column published_at timestamptz,
	add constraint gatherings_ends_after_its_start check (ends_at > starts_at),
	add constraint gatherings_repeats_only_with_a_rule check (recurrence is not null or repeats_until is null),
	add constraint gatherings_repeats_after_the_first check (repeats_until is null or repeats_until >= ends_at);

alter table public.gatherings drop constraint gatherings_ends_after_start;
alter table public.gatherings alter column created_by set default auth.uid();

-- Gatherings made before this migration were shown to everyone they were shared with.
update public.gatherings set status = 'published', published_at = created_at;

comment on table public.gatherings is
	'Camps, regional gatherings, congregation meetings, online calls, programs and workshops. Published ones are seen by anyone when public, by members otherwise; drafts by their hosts.';
comment on column public.gatherings.starts_at is
	'The start of the first occurrence. All-day gatherings start at local midnight of their first day in time_zone.';
comment on column public.gatherings.ends_at is
	'The end of the first occurrence. All-day gatherings end at local midnight after their last day.';

create index gatherings_status_idx on public.gatherings (status, starts_at);

-- Hosts -------------------------------------------------------------------------------------------

create table public.gathering_hosts (
	gathering_id uuid not null references public.gatherings (id) on delete cascade,
	profile_id uuid not null references public.profiles (id) on delete cascade,
	added_at timestamptz not null default now(),
	primary key (gathering_id, profile_id)
);

comment on table public.gathering_hosts is
	'Who hosts a gathering beside its host group''s hosts: its creator and the co-hosts they add.';

create index gathering_hosts_profile_idx on public.gathering_hosts (profile_id);

-- The hosts of one gathering: its own, and the hosts of its host group.
create function private.gathering_host_ids(gathering_id uuid) returns uuid[]
	language sql stable security definer set search_path = ''
	as $$
	select array(
		select h.profile_id from public.gathering_hosts h
		where h.gathering_id = gathering_host_ids.gathering_id
		union
		select m.profile_id
		from public.gatherings g
		join public.group_members m on m.group_id = g.host_group_id and m.role = 'host'
		where g.id = gathering_host_ids.gathering_id
	)
$$;

comment on function private.gathering_host_ids(uuid) is
	'The hosts of a gathering: gathering_hosts, and the hosts of its host group.';

-- The gatherings someone hosts, asked once per query by the policies (wrapped in a select).
create function private.gatherings_hosted_by(person uuid) returns uuid[]
	language sql stable security definer set search_path = ''
	as $$
	select array(
		select h.gathering_id from public.gathering_hosts h where h.profile_id = person
		union
		select g.id
		from public.group_members m
		join public.gatherings g on g.host_group_id = m.group_id
		where m.profile_id = person and m.role = 'host'
	)
$$;

comment on function private.gatherings_hosted_by(uuid) is 'The gatherings a person hosts, directly or through a host group.';

-- Whether a block stands between a person and any host of a gathering.
create function private.blocked_with_hosts(gathering_id uuid, person uuid) returns boolean
	language sql stable security definer set search_path = ''
	as $$
	select exists (
		select 1 from public.blocks b
		where (b.blocker_id = person and b.blocked_id = any (private.gathering_host_ids(gathering_id)))
			or (b.blocked_id = person and b.blocker_id = any (private.gathering_host_ids(gathering_id)))
	)
$$;

comment on function private.blocked_with_hosts(uuid, uuid) is
	'Whether this person has blocked, or is blocked by, any host of the gathering.';

grant execute on function
	private.gathering_host_ids(uuid),
	private.gatherings_hosted_by(uuid),
	private.blocked_with_hosts(uuid, uuid)
to authenticated;

-- The gatherings the caller hosts, for the policies, asked once per query (wrapped in a select).
create function private.hosted_by_caller() returns uuid[]
	language sql stable security definer set search_path = ''
	as $$
	select case when audience.is_member() then private.gatherings_hosted_by((select auth.uid()))
		else '{}'::uuid[] end
$$;

comment on function private.hosted_by_caller() is 'The gatherings the caller hosts (none for anonymous sign-ins).';

grant execute on function private.hosted_by_caller() to authenticated;

alter table public.gathering_hosts enable row level security;
revoke all on public.gathering_hosts from anon, authenticated;
grant select on public.gathering_hosts to authenticated;

create policy "hosts see their own hostings"
	on public.gathering_hosts for select
	to authenticated
	using (profile_id = (select auth.uid()));

-- Who sees and changes a gathering -------------------------------------------------------------------

drop policy "anyone sees the gatherings shared with them" on public.gatherings;

-- Published and cancelled ones as shared; drafts only by their hosts (and by their creator, so a
-- new draft can be read back before its creator's hosting row exists). Anonymous visitors host
-- nothing, so their policy never asks (and the private schema stays closed to them).
create policy "anyone sees the gatherings shared with them"
	on public.gatherings for select
	to anon
	using (status <> 'draft' and audience.may_see(visibility));

create policy "members see the gatherings shared with them, hosts their drafts"
	on public.gatherings for select
	to authenticated
	using (
		(status <> 'draft' and audience.may_see(visibility))
		or id = any ((select private.hosted_by_caller())::uuid[])
		or (status = 'draft' and created_by = (select auth.uid()))
	);

create policy "members create gatherings as drafts"
	on public.gatherings for insert
	to authenticated
	with check (audience.is_member() and created_by = (select auth.uid()) and status = 'draft');

create policy "hosts edit their gatherings"
	on public.gatherings for update
	to authenticated
	using (id = any ((select private.hosted_by_caller())::uuid[]))
	with check (id = any ((select private.hosted_by_caller())::uuid[]));

grant select (
	status, meeting_mode, all_day, recurrence, repeats_until, cancelled_occurrences, registration,
	contribution, accessibility, accessibility_note, going_count
) on public.gatherings to anon, authenticated;
grant insert (
	kind, name, description, starts_at, ends_at, time_zone, all_day, recurrence, repeats_until,
	host_group_id, capacity, visibility, area_cell, meeting_mode, registration, contribution,
	accessibility, accessibility_note, invite_region
) on public.gatherings to authenticated;
grant update (
	kind, name, description, starts_at, ends_at, time_zone, all_day, recurrence, repeats_until,
	cancelled_occurrences, host_group_id, capacity, visibility, area_cell, status, meeting_mode,
	registration, contribution, accessibility, accessibility_note, invite_region
) on public.gatherings to authenticated;

-- A new gathering: made by a member who has finished their profile, at most 10 a day, with a host
-- group only one they host. Its creator becomes its first host (after insert, below).
create function private.check_new_gathering() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := private.acting_member();
begin
	perform private.lock_person(me);
	perform private.check_daily_limit(
		(select count(*)::integer from public.gatherings g
			where g.created_by = me and g.created_at > now() - interval '1 day'),
		10, 'new gatherings'
	);
	if new.host_group_id is not null and private.role_in(new.host_group_id) is distinct from 'host' then
		raise exception 'You can only name a group you host as a gathering''s host group.'
			using errcode = '42501';
	end if;
	new.created_by := me;
	new.status := 'draft';
	new.going_count := 0;
	new.invitations_sent_at := null;
	new.published_at := null;
	return new;
end;
$$;

comment on function private.check_new_gathering() is
	'Refuses a gathering from someone not yet on the map, past 10 a day, or naming a group they do not host.';

create function private.add_first_host() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
begin
	insert into public.gathering_hosts (gathering_id, profile_id) values (new.id, new.created_by);
	return null;
end;
$$;

comment on function private.add_first_host() is 'Makes a new gathering''s creator its first host.';

-- Only API writes pass through these: the seed and tests write as the service role, whose
-- auth.uid() is null.
create trigger gatherings_check_new
	before insert on public.gatherings
	for each row when (auth.uid() is not null)
	execute function private.check_new_gathering();
create trigger gatherings_add_first_host
	after insert on public.gatherings
	for each row when (new.created_by is not null)
	execute function private.add_first_host();

-- Notifications about gatherings ------------------------------------------------------------------

alter table public.notifications
	add column gathering_id uuid references public.gatherings (id) on delete set null,
	add column gathering_name text;

grant select (gathering_id, gathering_name) on public.notifications to authenticated;

comment on column public.notifications.body is
	'By kind: the message of a request or invitation; ''accepted'' or ''declined'' for a decision or '
	'an answer, and for a congregation''s decision that word, '': '' and the congregation''s name; '
	'the name of who joined for member_joined; the crew''s name for a congregation request; the '
	'sentence of a radar alert; for rsvp_decided ''accepted'', ''waitlisted'' or ''declined''; for '
	'gathering_changed what changed, comma-separated: ''time'', ''venue'', ''cancelled'', or '
	'''occurrence_cancelled:<ISO start>''; empty otherwise.';

create index notifications_gathering_idx on public.notifications (gathering_id) where gathering_id is not null;

-- Tells each recipient (nobody twice, never the actor) about a gathering, leaving out anyone the
-- actor and they have blocked either way. actor null: the gathering's own news, naming nobody.
create function private.notify_gathering(
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
	select distinct r.id, notify_gathering.kind, e.id, e.name, who.id, who.display_name,
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
$$;

comment on function private.notify_gathering(uuid, uuid[], public.notification_kind, uuid, text) is
	'Adds a notification about a gathering for each recipient, except the actor and anyone blocked either way with them.';

-- How each new kind is emailed until its recipient chooses: what changes plans now, a request to
-- come in the daily digest.
create or replace function private.default_delivery(kind public.notification_kind)
	returns public.email_delivery
	language sql immutable set search_path = ''
	as $$
	select case when kind in (
		'request_received', 'request_decided', 'invitation_received', 'congregation_request_received',
		'rsvp_decided', 'waitlist_moved_up', 'gathering_changed', 'gathering_invitation'
	) then 'now' else 'daily' end::public.email_delivery
$$;

-- The venue and the joining link -------------------------------------------------------------------

create table public.gathering_venues (
	gathering_id uuid primary key references public.gatherings (id) on delete cascade,
	address text not null default '' check (char_length(address) <= 300),
	lat double precision check (lat between -90 and 90),
	lng double precision check (lng between -180 and 180),
	-- Only web links: never a script or a file.
	online_url text check (online_url ~ '^https?://[^[:space:]<>"]+$' and char_length(online_url) <= 500),
	updated_at timestamptz not null default now(),
	constraint gathering_venues_point_whole check ((lat is null) = (lng is null))
);

comment on table public.gathering_venues is
	'Where exactly a gathering meets (address and point) and its joining link: read by its hosts and approved attendees only.';

-- RSVPs ----------------------------------------------------------------------------------------------

create table public.gathering_rsvps (
	gathering_id uuid not null references public.gatherings (id) on delete cascade,
	profile_id uuid not null references public.profiles (id) on delete cascade,
	answer public.rsvp_answer not null,
	state public.rsvp_state,
	responded_at timestamptz not null default now(),
	-- When they started waiting (for a place or a host): the waitlist's order.
	queued_at timestamptz,
	-- When a host last declined them: no new "going" for 30 days.
	declined_at timestamptz,
	primary key (gathering_id, profile_id),
	constraint gathering_rsvps_state_only_when_going check ((answer = 'going') = (state is not null))
);

comment on table public.gathering_rsvps is
	'Who answered what to a gathering, and for "going" whether they have a place, wait for one, wait for a host, or were declined.';

create index gathering_rsvps_profile_idx on public.gathering_rsvps (profile_id);
create index gathering_rsvps_waitlist_idx on public.gathering_rsvps (gathering_id, queued_at, profile_id)
	where state = 'waitlisted';

-- Who hears of a change: the hosts and everyone going (confirmed, waitlisted or waiting for a
-- host), not those a host declined.
create function private.gathering_audience(gathering_id uuid) returns uuid[]
	language sql stable security definer set search_path = ''
	as $$
	select array(
		select r.profile_id from public.gathering_rsvps r
		where r.gathering_id = gathering_audience.gathering_id
			and r.answer = 'going' and r.state <> 'declined'
		union
		select unnest(private.gathering_host_ids(gathering_audience.gathering_id))
	)
$$;

-- What someone is to a gathering: 'host', else their RSVP's state when going, else null.
create function private.gathering_role_of(gathering_id uuid, person uuid) returns text
	language sql stable security definer set search_path = ''
	as $$
	select case
		when person is null then null
		when person = any (private.gathering_host_ids(gathering_role_of.gathering_id)) then 'host'
		else (
			select r.state::text from public.gathering_rsvps r
			where r.gathering_id = gathering_role_of.gathering_id and r.profile_id = person
		)
	end
$$;

comment on function private.gathering_role_of(uuid, uuid) is
	'host, or confirmed / waitlisted / pending / declined for someone going, or null.';

-- The one rule for who reads a venue and a joining link: hosts and confirmed attendees, with no
-- block between them and a host. The policy, my_gatherings and the private calendar feed all ask it.
create function private.may_read_venue(gathering_id uuid, person uuid) returns boolean
	language sql stable security definer set search_path = ''
	as $$
	select coalesce(private.gathering_role_of(gathering_id, person) in ('host', 'confirmed'), false)
		and not private.blocked_with_hosts(gathering_id, person)
$$;

comment on function private.may_read_venue(uuid, uuid) is
	'Whether this person may read the gathering''s venue and joining link: a host, or confirmed, and no block with a host.';

-- The gatherings the caller goes to with a place, for the attendee list's policy.
create function private.gatherings_attended_by_caller() returns uuid[]
	language sql stable security definer set search_path = ''
	as $$
	select coalesce(array_agg(r.gathering_id), '{}')
	from public.gathering_rsvps r
	where r.profile_id = (select auth.uid()) and r.state = 'confirmed'
$$;

grant execute on function
	private.gathering_role_of(uuid, uuid),
	private.may_read_venue(uuid, uuid),
	private.gatherings_attended_by_caller()
to authenticated;

alter table public.gathering_venues enable row level security;
alter table public.gathering_rsvps enable row level security;
revoke all on public.gathering_venues, public.gathering_rsvps from anon, authenticated;
grant select, delete on public.gathering_venues to authenticated;
grant insert (gathering_id, address, lat, lng, online_url), update (address, lat, lng, online_url)
	on public.gathering_venues to authenticated;
grant select on public.gathering_rsvps to authenticated;

create policy "hosts and approved attendees read the venue"
	on public.gathering_venues for select
	to authenticated
	using (audience.is_member() and private.may_read_venue(gathering_id, (select auth.uid())));

create policy "hosts set the venue"
	on public.gathering_venues for insert
	to authenticated
	with check (gathering_id = any ((select private.hosted_by_caller())::uuid[]));

create policy "hosts change the venue"
	on public.gathering_venues for update
	to authenticated
	using (gathering_id = any ((select private.hosted_by_caller())::uuid[]))
	with check (gathering_id = any ((select private.hosted_by_caller())::uuid[]));

create policy "hosts remove the venue"
	on public.gathering_venues for delete
	to authenticated
	using (gathering_id = any ((select private.hosted_by_caller())::uuid[]));

-- Own RSVPs; a host every RSVP to their gatherings; a confirmed attendee the confirmed list. Never
-- someone blocked either way (the owner's own row aside).
create policy "people read their RSVPs, hosts and attendees the gathering's"
	on public.gathering_rsvps for select
	to authenticated
	using (
		profile_id = (select auth.uid())
		or (
			audience.is_member()
			and (
				gathering_id = any ((select private.hosted_by_caller())::uuid[])
				or (state = 'confirmed' and gathering_id = any ((select private.gatherings_attended_by_caller())::uuid[]))
			)
			and profile_id <> all ((select private.blockers_of_caller())::uuid[])
			and not exists (
				select 1 from public.blocks b
				where b.blocker_id = (select auth.uid()) and b.blocked_id = gathering_rsvps.profile_id
			)
		)
	);

create trigger gathering_venues_touch_updated_at
	before update on public.gathering_venues
	for each row execute function private.touch_updated_at();

-- Places and the waitlist ------------------------------------------------------------------------------

-- Gives free places to the waitlist in order, tells each person who moved up, and keeps
-- going_count. Locks the gathering's row first, as every RSVP change does.
create function private.fill_places(gathering_id uuid) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	event public.gatherings;
	taken integer;
	moved uuid[];
begin
	select * into event from public.gatherings g where g.id = fill_places.gathering_id for update;
	if event.id is null then
		return;
	end if;
	select count(*)::integer into taken from public.gathering_rsvps r
	where r.gathering_id = event.id and r.state = 'confirmed';
	if event.status = 'published' then
		with next_in_line as (
			select r.profile_id from public.gathering_rsvps r
			where r.gathering_id = event.id and r.state = 'waitlisted'
			order by r.queued_at, r.profile_id
			limit case when event.capacity is null then null else greatest(event.capacity - taken, 0) end
		), moved_up as (
			update public.gathering_rsvps r
			set state = 'confirmed', queued_at = null
			from next_in_line n
			where r.gathering_id = event.id and r.profile_id = n.profile_id
			returning r.profile_id
		)
		select coalesce(array_agg(profile_id), '{}') into moved from moved_up;
		taken := taken + cardinality(moved);
		perform private.notify_gathering(null, moved, 'waitlist_moved_up', event.id);
	end if;
	update public.gatherings g set going_count = taken
	where g.id = event.id and g.going_count <> taken;
end;
$$;

comment on function private.fill_places(uuid) is
	'Moves the first on the waitlist into free places (telling them), and keeps going_count.';

-- A change hosts make ------------------------------------------------------------------------------------

-- Checks a host's edit: status only forward, and publishing only with what people need to come
-- (a venue in person, a link online). Publishing a gathering proposed from the planner invites,
-- once, the members in its region who opted in.
create function private.check_gathering_change() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
declare
	venue public.gathering_venues;
	missing text[] := '{}';
begin
	if new.status <> old.status then
		if old.status = 'cancelled' or new.status = 'draft' then
			raise exception 'A % gathering cannot become %.', old.status, new.status using errcode = 'P0001';
		end if;
	end if;
	if new.status = 'published' and old.status = 'draft' then
		select * into venue from public.gathering_venues v where v.gathering_id = new.id;
		if new.meeting_mode in ('in_person', 'mixed')
			and (venue.gathering_id is null or btrim(venue.address) = '' or venue.lat is null) then
			missing := missing || 'a venue (an address and its point on the map)'::text;
		end if;
		if new.meeting_mode in ('online', 'mixed') and venue.online_url is null then
			missing := missing || 'a joining link'::text;
		end if;
		if cardinality(missing) > 0 then
			raise exception 'Add % before publishing.', array_to_string(missing, ' and ')
				using errcode = 'P0001', hint = 'publish_needs_venue';
		end if;
		new.published_at := now();
	end if;
	if new.host_group_id is distinct from old.host_group_id and new.host_group_id is not null
		and auth.uid() is not null and private.role_in(new.host_group_id) is distinct from 'host' then
		raise exception 'You can only name a group you host as a gathering''s host group.'
			using errcode = '42501';
	end if;
	if new.status = 'published' and new.invite_region is not null and new.invitations_sent_at is null then
		perform private.invite_region_to(new);
		new.invitations_sent_at := now();
	end if;
	return new;
end;
$$;

comment on function private.check_gathering_change() is
	'Keeps status moving forward, refuses publishing without a venue or link, and sends the planner''s invitations once on publishing.';

-- Tells the gathering's people what changed, as the gathering's news (naming no host), and gives
-- new places to the waitlist when the capacity grows.
create function private.tell_of_gathering_change() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
declare
	changes text[] := '{}';
begin
	if old.status = 'draft' then
		return null;
	end if;
	if (new.starts_at, new.ends_at, new.time_zone, new.all_day, new.recurrence)
		is distinct from (old.starts_at, old.ends_at, old.time_zone, old.all_day, old.recurrence) then
		changes := changes || 'time'::text;
	end if;
	if new.status = 'cancelled' and old.status <> 'cancelled' then
		changes := changes || 'cancelled'::text;
	end if;
	changes := changes || array(
		select 'occurrence_cancelled:' || to_char(o at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
		from unnest(new.cancelled_occurrences) o
		where o <> all (old.cancelled_occurrences)
		order by o
	);
	if cardinality(changes) > 0 then
		perform private.notify_gathering(
			(select auth.uid()), private.gathering_audience(new.id), 'gathering_changed', new.id,
			array_to_string(changes, ',')
		);
	end if;
	if new.capacity is distinct from old.capacity then
		perform private.fill_places(new.id);
	end if;
	return null;
end;
$$;

comment on function private.tell_of_gathering_change() is
	'Notifies hosts and people going of a change of time, a cancellation or a cancelled occurrence; fills places when capacity grows.';

create trigger gatherings_check_change
	before update of status, host_group_id, invite_region on public.gatherings
	for each row execute function private.check_gathering_change();
create trigger gatherings_tell_of_change
	after update of starts_at, ends_at, time_zone, all_day, recurrence, status, cancelled_occurrences,
		capacity
	on public.gatherings
	for each row execute function private.tell_of_gathering_change();

-- The venue's changes are news too, once the gathering is published.
create function private.tell_of_venue_change() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
declare
	row_now public.gathering_venues := coalesce(new, old);
begin
	if exists (
		select 1 from public.gatherings g where g.id = row_now.gathering_id and g.status = 'published'
	) and (
		tg_op <> 'UPDATE'
		or (new.address, new.lat, new.lng, new.online_url) is distinct from
			(old.address, old.lat, old.lng, old.online_url)
	) then
		perform private.notify_gathering(
			(select auth.uid()), private.gathering_audience(row_now.gathering_id), 'gathering_changed',
			row_now.gathering_id, 'venue'
		);
	end if;
	return null;
end;
$$;

comment on function private.tell_of_venue_change() is
	'Notifies hosts and people going when a published gathering''s venue or link changes.';

create trigger gathering_venues_tell_of_change
	after insert or update or delete on public.gathering_venues
	for each row execute function private.tell_of_venue_change();

-- Invitations from the planner -------------------------------------------------------------------------

-- A row is one member's "invite me to gatherings near me" (default: no row, not invited).
create table public.gathering_invitation_optins (
	profile_id uuid primary key default auth.uid() references public.profiles (id) on delete cascade,
	created_at timestamptz not null default now()
);

comment on table public.gathering_invitation_optins is
	'Members who asked to be invited to gatherings proposed near them (the profile setting; off without a row).';

alter table public.gathering_invitation_optins enable row level security;
revoke all on public.gathering_invitation_optins from anon, authenticated;
grant select, insert, delete on public.gathering_invitation_optins to authenticated;

create policy "members keep their own gathering invitation setting"
	on public.gathering_invitation_optins for all
	to authenticated
	using (profile_id = (select auth.uid()))
	with check (profile_id = (select auth.uid()) and audience.is_member());

-- Invites the opted-in members whose place (at the precision they publish to members) lies in the
-- gathering's region: not its hosts, not anyone blocked either way with a host, not anyone who has
-- answered already; at most 1,000, nearest first. Nothing is returned: the organiser is not told who.
create function private.invite_region_to(event public.gatherings) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	region jsonb := event.invite_region;
	centre extensions.earth;
	invitees uuid[];
begin
	if region ? 'country' then
		invitees := array(
			select p.id from public.profiles p
			join public.gathering_invitation_optins o on o.profile_id = p.id
			where p.onboarded_at is not null and p.published_country = region ->> 'country'
			order by p.id
			limit 1000
		);
	else
		centre := extensions.ll_to_earth((region ->> 'lat')::float8, (region ->> 'lng')::float8);
		invitees := array(
			select p.id from public.profiles p
			join public.gathering_invitation_optins o on o.profile_id = p.id
			where p.onboarded_at is not null
				and p.published_earth is not null
				and extensions.earth_box(centre, (region ->> 'radius_km')::float8 * 1000)
					operator(extensions.@>) p.published_earth
				and extensions.earth_distance(centre, p.published_earth)
					<= (region ->> 'radius_km')::float8 * 1000
			order by extensions.earth_distance(centre, p.published_earth), p.id
			limit 1000
		);
	end if;
	invitees := array(
		select i from unnest(invitees) i
		where i <> all (private.gathering_host_ids(event.id))
			and not private.blocked_with_hosts(event.id, i)
			and not exists (
				select 1 from public.gathering_rsvps r where r.gathering_id = event.id and r.profile_id = i
			)
	);
	perform private.notify_gathering(null, invitees, 'gathering_invitation', event.id, '');
end;
$$;

comment on function private.invite_region_to(public.gatherings) is
	'Sends a gathering_invitation to each opted-in member in the gathering''s region (not hosts, not across a block, not those who answered).';

-- Answering ------------------------------------------------------------------------------------------------

-- The gathering, locked for this transaction, when the caller may see it: one answer for one that
-- does not exist and one they may not see.
create function private.gathering_for_change(gathering_id uuid) returns public.gatherings
	language plpgsql security definer set search_path = ''
	as $$
declare
	event public.gatherings;
begin
	select * into event from public.gatherings g where g.id = gathering_id for update;
	if event.id is null
		or not (
			(event.status <> 'draft' and audience.may_see(event.visibility))
			or event.id = any (private.hosted_by_caller())
		) then
		raise exception 'There is no such gathering, or it is shared only with members.'
			using errcode = 'P0002';
	end if;
	return event;
end;
$$;

comment on function private.gathering_for_change(uuid) is
	'Locks and returns a gathering the caller may see; raises P0002 otherwise.';

-- Refuses a caller who does not host this gathering.
create function private.require_gathering_host(event public.gatherings, me uuid) returns void
	language plpgsql stable security definer set search_path = ''
	as $$
begin
	if me <> all (private.gathering_host_ids(event.id)) then
		raise exception 'Only the hosts of % can do this.', event.name using errcode = '42501';
	end if;
end;
$$;

-- Going, interested or not going. Going takes a place when there is one and the hosts need not
-- approve; else the caller waits (waitlisted, or pending a host). Leaving "going" frees the place
-- for the waitlist. Answering again the same way changes nothing (the waitlist keeps its order).
create function public.rsvp(gathering_id uuid, answer public.rsvp_answer)
	returns public.rsvp_state
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := private.acting_member();
	event public.gatherings := private.gathering_for_change(gathering_id);
	prior public.gathering_rsvps;
	next_state public.rsvp_state;
	is_host boolean := me = any (private.gathering_host_ids(event.id));
begin
	if rsvp.answer is null then
		raise exception 'Say whether you are going, interested or not going.' using errcode = '22023';
	end if;
	if event.status = 'draft' then
		raise exception '% is not published yet.', event.name using errcode = 'P0001';
	end if;
	if event.status = 'cancelled' then
		raise exception '% was cancelled.', event.name using errcode = 'P0001';
	end if;
	if audience.gathering_ends(event.ends_at, event.recurrence, event.repeats_until) < now() then
		raise exception '% is over.', event.name using errcode = 'P0001';
	end if;
	select * into prior from public.gathering_rsvps r
	where r.gathering_id = event.id and r.profile_id = me;
	if prior.answer = rsvp.answer and (rsvp.answer <> 'going' or prior.state <> 'declined') then
		return prior.state;
	end if;
	-- One refusal for a block with a host and for a host's recent decline: it does not say which.
	if private.blocked_with_hosts(event.id, me)
		or (rsvp.answer = 'going' and not is_host and prior.declined_at > now() - interval '30 days') then
		raise exception '% is not taking a sign-up from you at the moment.', event.name
			using errcode = 'P0001';
	end if;
	if rsvp.answer = 'going' then
		next_state := case
			when event.registration = 'approval' and not is_host then 'pending'
			when event.capacity is not null and event.going_count >= event.capacity then 'waitlisted'
			else 'confirmed'
		end;
	end if;
	insert into public.gathering_rsvps as r (gathering_id, profile_id, answer, state, queued_at)
	values (event.id, me, rsvp.answer, next_state,
		case when next_state in ('waitlisted', 'pending') then now() end)
	on conflict on constraint gathering_rsvps_pkey do update
	set answer = excluded.answer, state = excluded.state, responded_at = now(),
		queued_at = excluded.queued_at;
	if next_state = 'pending' then
		perform private.notify_gathering(me, private.gathering_host_ids(event.id), 'rsvp_received', event.id);
	end if;
	perform private.fill_places(event.id);
	return next_state;
end;
$$;

comment on function public.rsvp(uuid, public.rsvp_answer) is
	'Answers a gathering: going (confirmed, waitlisted when full, pending in approval mode), interested or not going. Returns the state of a "going".';

-- A host approves or declines someone waiting for approval; they are told.
create function public.decide_rsvp(gathering_id uuid, profile_id uuid, approve boolean)
	returns public.rsvp_state
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := private.acting_member();
	event public.gatherings := private.gathering_for_change(gathering_id);
	asked public.gathering_rsvps;
	next_state public.rsvp_state;
begin
	perform private.require_gathering_host(event, me);
	if approve is null then
		raise exception 'Say whether to approve.' using errcode = '22023';
	end if;
	select * into asked from public.gathering_rsvps r
	where r.gathering_id = event.id and r.profile_id = decide_rsvp.profile_id and r.state = 'pending'
	for update;
	if asked.profile_id is null then
		raise exception 'There is no such request to come for you to answer.' using errcode = 'P0002';
	end if;
	next_state := case
		when not approve then 'declined'
		when event.capacity is not null and event.going_count >= event.capacity then 'waitlisted'
		else 'confirmed'
	end;
	update public.gathering_rsvps r
	set state = next_state,
		declined_at = case when next_state = 'declined' then now() else r.declined_at end,
		-- The waitlist keeps the order people asked in.
		queued_at = case when next_state = 'waitlisted' then r.queued_at end
	where r.gathering_id = event.id and r.profile_id = asked.profile_id;
	perform private.notify_gathering(
		null, array[asked.profile_id], 'rsvp_decided', event.id,
		case next_state when 'declined' then 'declined' when 'waitlisted' then 'waitlisted' else 'accepted' end
	);
	perform private.fill_places(event.id);
	return next_state;
end;
$$;

comment on function public.decide_rsvp(uuid, uuid, boolean) is
	'A host approves (confirmed, or waitlisted when full) or declines someone waiting for approval, who is told.';

-- Co-hosts ------------------------------------------------------------------------------------------------

-- A host adds a co-host from the people who answered the gathering (so nobody is made host of
-- something they have not seen), never across a block.
create function public.add_gathering_host(gathering_id uuid, profile_id uuid) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := private.acting_member();
	event public.gatherings := private.gathering_for_change(gathering_id);
begin
	perform private.require_gathering_host(event, me);
	if not exists (
		select 1 from public.gathering_rsvps r
		where r.gathering_id = event.id and r.profile_id = add_gathering_host.profile_id
	) or private.blocked_with_hosts(event.id, add_gathering_host.profile_id) then
		raise exception 'Only someone who has answered % can become its co-host.', event.name
			using errcode = 'P0001';
	end if;
	insert into public.gathering_hosts (gathering_id, profile_id)
	values (event.id, add_gathering_host.profile_id)
	on conflict do nothing;
end;
$$;

comment on function public.add_gathering_host(uuid, uuid) is
	'A host makes someone who answered the gathering a co-host.';

-- A host removes a co-host, or a host steps down; a gathering keeps at least one host of its own.
create function public.remove_gathering_host(gathering_id uuid, profile_id uuid) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := private.acting_member();
	event public.gatherings := private.gathering_for_change(gathering_id);
begin
	perform private.require_gathering_host(event, me);
	if not exists (
		select 1 from public.gathering_hosts h
		where h.gathering_id = event.id and h.profile_id = remove_gathering_host.profile_id
	) then
		raise exception 'They are not a co-host of %.', event.name using errcode = 'P0002';
	end if;
	if (select count(*) from public.gathering_hosts h where h.gathering_id = event.id) = 1 then
		raise exception '% needs a host: add another before this one steps down.', event.name
			using errcode = 'P0001';
	end if;
	delete from public.gathering_hosts h
	where h.gathering_id = event.id and h.profile_id = remove_gathering_host.profile_id;
end;
$$;

comment on function public.remove_gathering_host(uuid, uuid) is
	'A host removes a co-host or steps down, keeping at least one host.';

-- Who comes, as the caller may see them --------------------------------------------------------------------

-- Hosts see every RSVP (the waitlist in order), confirmed attendees the confirmed list (the rows
-- come from gathering_rsvps' policy), each person named only where their profile shows to the
-- caller, people blocked either way left out.
create function public.gathering_attendees(gathering_id uuid)
	returns table (
		profile_id uuid,
		display_name text,
		place_label text,
		answer public.rsvp_answer,
		state public.rsvp_state,
		responded_at timestamptz,
		queued_at timestamptz,
		is_host boolean
	)
	language sql stable set search_path = ''
	as $$
	select r.profile_id, p.display_name, p.place_label, r.answer, r.state, r.responded_at,
		r.queued_at, r.profile_id = any (private.gathering_host_ids(r.gathering_id))
	from public.gathering_rsvps r
	left join public.profiles p on p.id = r.profile_id
	where r.gathering_id = gathering_attendees.gathering_id
	order by case r.state when 'confirmed' then 0 when 'pending' then 1 when 'waitlisted' then 2
			when 'declined' then 4 else 3 end,
		r.queued_at nulls first, r.responded_at, r.profile_id
$$;

comment on function public.gathering_attendees(uuid) is
	'A gathering''s RSVPs as the caller may see them: hosts every one, confirmed attendees the confirmed list; unnamed where a profile is hidden.';

-- A gathering's hosts as the caller may see them: the ids from the definer, the names through the
-- caller's policies (hosts who share less are left out).
create function private.gathering_host_ids_for_caller(gathering_id uuid) returns uuid[]
	language sql stable security definer set search_path = ''
	as $$
	select case when exists (
		select 1 from public.gatherings g
		where g.id = gathering_host_ids_for_caller.gathering_id
			and ((g.status <> 'draft' and audience.may_see(g.visibility))
				or g.id = any (private.hosted_by_caller()))
	) then private.gathering_host_ids(gathering_id) else '{}'::uuid[] end
$$;

grant execute on function private.gathering_host_ids_for_caller(uuid) to authenticated;

create function public.gathering_hosts_of(gathering_id uuid)
	returns table (profile_id uuid, display_name text)
	language sql stable set search_path = ''
	as $$
	select p.id, p.display_name
	from public.profiles p
	where p.id = any (private.gathering_host_ids_for_caller(gathering_id))
	order by p.display_name, p.id
$$;

comment on function public.gathering_hosts_of(uuid) is
	'The hosts of a gathering whose profiles the caller may see (hosts who share less are left out).';

-- Blocks and deleted accounts ---------------------------------------------------------------------------------

-- A block between a host and someone who answered takes their answer away, and the place it held
-- goes to the waitlist.
create function private.drop_rsvps_across_block() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
declare
	touched uuid[];
begin
	with dropped as (
		delete from public.gathering_rsvps r
		where (r.profile_id = new.blocked_id and new.blocker_id = any (private.gathering_host_ids(r.gathering_id)))
			or (r.profile_id = new.blocker_id and new.blocked_id = any (private.gathering_host_ids(r.gathering_id)))
		returning r.gathering_id
	)
	select array_agg(distinct d.gathering_id) into touched from dropped d;
	perform private.fill_places(t) from unnest(coalesce(touched, '{}')) t;
	return null;
end;
$$;

comment on function private.drop_rsvps_across_block() is
	'Removes the RSVP of someone a new block separates from a host, and fills the place it held.';

create trigger blocks_drop_rsvps_across_block
	after insert on public.blocks
	for each row execute function private.drop_rsvps_across_block();

-- An account deleted with a place frees it (the cascade deletes the RSVP).
create function private.free_place_of_removed() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
begin
	if old.state = 'confirmed' then
		perform private.fill_places(old.gathering_id);
	end if;
	return null;
end;
$$;

create trigger gathering_rsvps_free_place
	after delete on public.gathering_rsvps
	for each row execute function private.free_place_of_removed();

-- Lists ----------------------------------------------------------------------------------------------------

-- The country a point is in, for lists and feeds filtered by country: the gazetteer's nearest
-- place (public reference data, so anyone may ask). private.country_at, which publishing a
-- profile uses, now asks it too: one rule for both.
create function audience.country_at(lat double precision, lng double precision) returns char(2)
	language sql stable set search_path = ''
	as $$
	select p.country_code
	from public.places p
	order by p.earth operator(extensions.<->) extensions.ll_to_earth(country_at.lat, country_at.lng)
	limit 1
$$;

comment on function audience.country_at(double precision, double precision) is
	'The country of the gazetteer place nearest a point.';

grant execute on function audience.country_at(double precision, double precision) to anon, authenticated;

create or replace function private.country_at(lat double precision, lng double precision) returns char(2)
	language sql stable set search_path = ''
	as $$
	select audience.country_at(lat, lng)
$$;

-- The list of gatherings (/gatherings and the public calendar feed) reads through the audience
-- rule: audience.visible_items says which gatherings the caller may see and how far each is; this
-- adds the list's filters and order, and pages it.
--
-- filters: { "when": "upcoming" (default) | "past", "kinds": [gathering_kind, ...],
--            "from": "2027-01-01", "to": "2027-03-31" (dates; a gathering overlapping them),
--            "country": "GB", "q": "camp" }
-- Answers { "total", "items": [{ id, distance_m }] }: upcoming soonest first, past latest first;
-- published and cancelled ones (a list says a gathering was cancelled; the map leaves it out).
create function public.gathering_page(
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
	wanted_when text := coalesce(filters ->> 'when', 'upcoming');
	wanted_kinds text[] := audience.filter_values(filters, 'kinds');
	wanted_country text := upper(btrim(filters ->> 'country'));
	needle text := (audience.filter_values(filters, 'q'))[1];
	date_from date;
	date_to date;
	skipped bigint;
begin
	if page is null or page < 1 then
		raise exception 'page must be a whole number from 1' using errcode = '22023';
	end if;
	if page_size is null or page_size < 1 or page_size > 100 then
		raise exception 'page_size must be between 1 and 100' using errcode = '22023';
	end if;
	if wanted_when not in ('upcoming', 'past') then
		raise exception 'when must be upcoming or past' using errcode = '22023';
	end if;
	if wanted_kinds is not null and not wanted_kinds <@ enum_range(null::public.gathering_kind)::text[] then
		raise exception 'kinds must be gathering kinds' using errcode = '22023';
	end if;
	if wanted_country is not null and wanted_country !~ '^[A-Z]{2}$' then
		raise exception 'country must be a two-letter country code' using errcode = '22023';
	end if;
	if within_km is not null and (near_lat is null or within_km not between 10 and 2000) then
		raise exception 'within_km is from 10 to 2000, around near_lat and near_lng' using errcode = '22023';
	end if;
	begin
		date_from := (filters ->> 'from')::date;
		date_to := (filters ->> 'to')::date;
	exception when others then
		raise exception 'from and to must be dates (YYYY-MM-DD)' using errcode = '22023';
	end;
	skipped := (page - 1)::bigint * page_size;
	return (
		with matched as (
			select v.id, v.distance_m, g.starts_at,
				audience.gathering_ends(g.ends_at, g.recurrence, g.repeats_until) as ends
			from audience.visible_items(
				near_lat => near_lat, near_lng => near_lng, kinds => '{gathering}',
				filters => jsonb_build_object('when', wanted_when, 'with_cancelled', true, 'q', needle)
			) v
			join public.gatherings g on g.id = v.id
			where (wanted_kinds is null or g.kind::text = any (wanted_kinds))
				and (wanted_country is null or audience.country_at(g.area_lat, g.area_lng) = wanted_country)
				and (within_km is null or v.distance_m <= within_km * 1000.0)
				and (date_to is null or g.starts_at < (date_to + 1)::timestamptz)
				and (date_from is null
					or audience.gathering_ends(g.ends_at, g.recurrence, g.repeats_until) >= date_from::timestamptz)
		),
		ordered as (
			select m.*, row_number() over (
				order by
					case when wanted_when = 'upcoming' then m.ends end,
					case when wanted_when = 'upcoming' then m.starts_at end,
					case when wanted_when = 'past' then m.ends end desc,
					m.id
			) as position
			from matched m
		)
		select jsonb_build_object(
			'total', (select count(*) from matched),
			'items', coalesce((
				select jsonb_agg(jsonb_build_object('id', o.id, 'distance_m', o.distance_m) order by o.position)
				from ordered o
				where o.position > skipped and o.position <= skipped + page_size
			), '[]'::jsonb)
		)
	);
end;
$$;

comment on function public.gathering_page(integer, integer, double precision, double precision, integer, jsonb) is
	'One page of the published (and cancelled) gatherings the caller may see, upcoming or past, filtered by kind, dates, country, text and distance. Raises 22023 on a bad page or filter.';

-- The caller's own gatherings: those they host (drafts too) and those they answered, with their
-- answer, and the venue where they may read it. Hosts also read the planner's region here.
create function public.my_gatherings()
	returns table (
		id uuid,
		kind public.gathering_kind,
		name text,
		status public.gathering_status,
		starts_at timestamptz,
		ends_at timestamptz,
		time_zone text,
		all_day boolean,
		recurrence text,
		repeats_until timestamptz,
		cancelled_occurrences timestamptz[],
		meeting_mode text,
		area_label text,
		going_count integer,
		capacity integer,
		is_host boolean,
		answer public.rsvp_answer,
		state public.rsvp_state,
		invite_region jsonb,
		address text,
		venue_lat double precision,
		venue_lng double precision,
		online_url text
	)
	language sql stable security definer set search_path = ''
	as $$
	select g.id, g.kind, g.name, g.status, g.starts_at, g.ends_at, g.time_zone, g.all_day,
		g.recurrence, g.repeats_until, g.cancelled_occurrences, g.meeting_mode, g.area_label,
		g.going_count, g.capacity, hosting.yes, r.answer, r.state,
		case when hosting.yes then g.invite_region end,
		v.address, v.lat, v.lng, v.online_url
	from public.gatherings g
	cross join lateral (
		select g.id = any (private.gatherings_hosted_by((select auth.uid()))) as yes
	) hosting
	left join public.gathering_rsvps r on r.gathering_id = g.id and r.profile_id = (select auth.uid())
	left join public.gathering_venues v
		on v.gathering_id = g.id and private.may_read_venue(g.id, (select auth.uid()))
	where audience.is_member()
		and (hosting.yes or (r.profile_id is not null and g.status <> 'draft'))
	order by audience.gathering_ends(g.ends_at, g.recurrence, g.repeats_until) < now(), g.starts_at, g.id
$$;

comment on function public.my_gatherings() is
	'The gatherings the caller hosts or answered, with their answer and, where they may read it, the venue.';

-- Calendars ------------------------------------------------------------------------------------------------

-- The secret of each person's private calendar feed. Readable by its owner (to show the URL);
-- made and revoked through the functions below.
create table public.calendar_tokens (
	profile_id uuid primary key references public.profiles (id) on delete cascade,
	token uuid not null unique default gen_random_uuid(),
	created_at timestamptz not null default now()
);

comment on table public.calendar_tokens is
	'The secret in each person''s private calendar feed URL ("my gatherings"); a new one replaces the old.';

alter table public.calendar_tokens enable row level security;
revoke all on public.calendar_tokens from anon, authenticated;
grant select on public.calendar_tokens to authenticated;

create policy "owners read their calendar token"
	on public.calendar_tokens for select
	to authenticated
	using (profile_id = (select auth.uid()) and audience.is_member());

create function public.regenerate_calendar_token() returns uuid
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := private.acting_member();
	fresh uuid := gen_random_uuid();
begin
	insert into public.calendar_tokens (profile_id, token) values (me, fresh)
	on conflict (profile_id) do update set token = excluded.token, created_at = now();
	return fresh;
end;
$$;

comment on function public.regenerate_calendar_token() is
	'Makes the caller a new private calendar feed token; the old one stops working.';

create function public.revoke_calendar_token() returns void
	language sql security definer set search_path = ''
	as $$
	delete from public.calendar_tokens where profile_id = (select auth.uid())
$$;

comment on function public.revoke_calendar_token() is 'Turns the caller''s private calendar feed off.';

-- The private feed, for whoever holds the token (a calendar app, without signing in): the owner's
-- published and cancelled gatherings they host or go to with a place, with the venue where the
-- owner may read it. An unknown token gets no rows.
create function public.calendar_feed_by_token(token uuid)
	returns table (
		id uuid,
		kind public.gathering_kind,
		name text,
		description text,
		status public.gathering_status,
		starts_at timestamptz,
		ends_at timestamptz,
		time_zone text,
		all_day boolean,
		recurrence text,
		repeats_until timestamptz,
		cancelled_occurrences timestamptz[],
		meeting_mode text,
		area_label text,
		updated_at timestamptz,
		is_host boolean,
		address text,
		venue_lat double precision,
		venue_lng double precision,
		online_url text
	)
	language sql stable security definer set search_path = ''
	as $$
	select g.id, g.kind, g.name, g.description, g.status, g.starts_at, g.ends_at, g.time_zone,
		g.all_day, g.recurrence, g.repeats_until, g.cancelled_occurrences, g.meeting_mode,
		g.area_label, g.updated_at, g.id = any (private.gatherings_hosted_by(t.profile_id)),
		v.address, v.lat, v.lng, v.online_url
	from public.calendar_tokens t
	join public.gatherings g on g.status <> 'draft'
	left join public.gathering_venues v
		on v.gathering_id = g.id and private.may_read_venue(g.id, t.profile_id)
	where t.token = calendar_feed_by_token.token
		and (
			g.id = any (private.gatherings_hosted_by(t.profile_id))
			or exists (
				select 1 from public.gathering_rsvps r
				where r.gathering_id = g.id and r.profile_id = t.profile_id and r.state = 'confirmed'
			)
		)
	order by g.starts_at, g.id
$$;

comment on function public.calendar_feed_by_token(uuid) is
	'The private calendar feed of whoever owns this token: gatherings they host or go to, with the venue where they may read it.';

-- The planner -------------------------------------------------------------------------------------------------

-- Towns near a point, from the gazetteer, nearest first (public reference data).
create function public.nearest_towns(near_lat double precision, near_lng double precision, max_results integer default 3)
	returns table (
		id bigint,
		name text,
		country_code char(2),
		region text,
		population integer,
		lat double precision,
		lng double precision,
		distance_km double precision
	)
	language plpgsql stable set search_path = ''
	as $$
begin
	if near_lat is null or near_lng is null or near_lat not between -90 and 90
		or near_lng not between -180 and 180 then
		raise exception 'near_lat and near_lng must be within -90..90 and -180..180' using errcode = '22023';
	end if;
	return query
	select p.id, p.name, p.country_code, p.region, p.population, p.lat, p.lng,
		extensions.earth_distance(p.earth, extensions.ll_to_earth(near_lat, near_lng)) / 1000
	from public.places p
	order by p.earth operator(extensions.<->) extensions.ll_to_earth(near_lat, near_lng), p.id
	limit least(greatest(coalesce(max_results, 3), 1), 20);
end;
$$;

comment on function public.nearest_towns(double precision, double precision, integer) is
	'The gazetteer''s places nearest a point, with their distance in km (at most 20).';

-- What a region holds, for a member planning a gathering: people by cell at the caller's own
-- precision (only people the caller may see, never finer than the map shows them), how many of
-- them are open to gatherings, and the crews and congregations there. Reads audience.visible_items.
-- region: {"lat","lng","radius_km"} (1..1000) | {"country":"GB"} | {"congregation_id": uuid}
-- (a circle around the congregation's area reaching its crews, at least 50 km).
create function public.plan_region(region jsonb)
	returns jsonb
	language plpgsql stable set search_path = ''
	as $$
declare
	centre_lat double precision;
	centre_lng double precision;
	radius double precision;
	country text;
	label text;
	congregation public.groups;
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
			select * into congregation from public.groups g
			where g.id = (region ->> 'congregation_id')::uuid and g.kind = 'congregation';
		exception when invalid_text_representation then
			raise exception 'congregation_id must be a uuid' using errcode = '22023';
		end;
		if congregation.id is null then
			raise exception 'There is no such congregation, or it is shared only with members.'
				using errcode = 'P0002';
		end if;
		centre_lat := congregation.area_lat;
		centre_lng := congregation.area_lng;
		label := congregation.name;
		select least(greatest(50, coalesce(max(extensions.earth_distance(
				extensions.ll_to_earth(centre_lat, centre_lng), extensions.ll_to_earth(c.area_lat, c.area_lng)
			)) / 1000 + 25, 0)), 1000)
		into radius
		from public.groups c where c.congregation_id = congregation.id;
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

-- Your data, with what this adds -----------------------------------------------------------------------

-- The export adds the gatherings someone hosts and created, their RSVPs, their calendar feed and
-- their gathering invitation setting.
create or replace function public.export_my_data() returns jsonb
	language sql stable security definer set search_path = ''
	as $$
	select jsonb_build_object(
		'exported_at', now(),
		'account', (
			select jsonb_build_object('id', u.id, 'email', u.email, 'created_at', u.created_at,
				'last_sign_in_at', u.last_sign_in_at)
			from auth.users u where u.id = me.id
		),
		'profile', (
			select to_jsonb(p) - 'published_earth' - 'public_earth'
			from public.profiles p where p.id = me.id
		),
		'exact_location', (
			select to_jsonb(l) from public.profile_locations l where l.profile_id = me.id
		),
		'blocks', coalesce((
			select jsonb_agg(jsonb_build_object('blocked_id', b.blocked_id, 'created_at', b.created_at))
			from public.blocks b where b.blocker_id = me.id
		), '[]'::jsonb),
		'group_memberships', coalesce((
			select jsonb_agg(jsonb_build_object('group_id', m.group_id, 'group_name', g.name,
				'group_kind', g.kind, 'role', m.role, 'joined_at', m.joined_at) order by m.joined_at)
			from public.group_members m
			join public.groups g on g.id = m.group_id
			where m.profile_id = me.id
		), '[]'::jsonb),
		'join_requests', coalesce((
			select jsonb_agg(to_jsonb(r) - 'decided_by' order by r.created_at)
			from public.group_requests r where r.requester_id = me.id
		), '[]'::jsonb),
		'invitations', coalesce((
			select jsonb_agg(to_jsonb(i) - 'invited_by' order by i.created_at)
			from public.group_invitations i
			where i.invitee_id = me.id and not private.hidden_from_invitee(i.group_id, i.invited_by)
		), '[]'::jsonb),
		'notifications', coalesce((
			select jsonb_agg(to_jsonb(n) - 'actor_id' order by n.created_at)
			from public.notifications n where n.recipient_id = me.id
		), '[]'::jsonb),
		'email_settings', coalesce((
			select jsonb_agg(to_jsonb(s) order by s.kind)
			from public.email_settings s where s.profile_id = me.id
		), '[]'::jsonb),
		'radar_alerts', coalesce((
			select jsonb_agg(to_jsonb(a) order by a.created_at)
			from public.radar_alerts a where a.profile_id = me.id
		), '[]'::jsonb),
		'gatherings_hosted', coalesce((
			select jsonb_agg(jsonb_build_object('gathering_id', h.gathering_id, 'name', g.name,
				'status', g.status, 'added_at', h.added_at) order by h.added_at)
			from public.gathering_hosts h
			join public.gatherings g on g.id = h.gathering_id
			where h.profile_id = me.id
		), '[]'::jsonb),
		'gatherings_created', coalesce((
			select jsonb_agg(to_jsonb(g) - 'created_by' order by g.created_at)
			from public.gatherings g where g.created_by = me.id
		), '[]'::jsonb),
		'rsvps', coalesce((
			select jsonb_agg(jsonb_build_object('gathering_id', r.gathering_id, 'gathering_name', g.name,
				'answer', r.answer, 'state', r.state, 'responded_at', r.responded_at,
				'queued_at', r.queued_at, 'declined_at', r.declined_at) order by r.responded_at)
			from public.gathering_rsvps r
			join public.gatherings g on g.id = r.gathering_id
			where r.profile_id = me.id
		), '[]'::jsonb),
		'calendar_feed', (
			select jsonb_build_object('token', t.token, 'created_at', t.created_at)
			from public.calendar_tokens t where t.profile_id = me.id
		),
		'gathering_invitations', jsonb_build_object(
			'opted_in', exists (select 1 from public.gathering_invitation_optins o where o.profile_id = me.id),
			'since', (select o.created_at from public.gathering_invitation_optins o where o.profile_id = me.id)
		)
	)
	from (select (select auth.uid()) as id) me
	where me.id is not null
$$;


-- The audience rule, for gatherings' status and series ------------------------------------------------------

-- audience.visible_items, as before, except for gatherings: only published ones (the map never
-- shows a draft or a cancelled one; lists ask for cancelled ones with "with_cancelled"), upcoming
-- until the end of a series' last occurrence, or past ("when": "past"), or any ("when": "any").
create or replace function audience.visible_items(
	min_lat double precision default null,
	min_lng double precision default null,
	max_lat double precision default null,
	max_lng double precision default null,
	filters jsonb default '{}',
	near_lat double precision default null,
	near_lng double precision default null,
	kinds text[] default null
)
	returns table (
		kind text,
		id uuid,
		name text,
		lat double precision,
		lng double precision,
		cell text,
		place_label text,
		distance_m double precision,
		last_confirmed_at timestamptz,
		open_to public.openness[],
		practices public.practice[],
		pathway_stage public.pathway_stage,
		languages text[],
		status public.group_status,
		size_limit integer,
		seats_open integer,
		starts_at timestamptz,
		ends_at timestamptz,
		time_zone text,
		gathering_kind public.gathering_kind
	)
	language plpgsql stable set search_path = ''
	as $$
#variable_conflict use_column
declare
	-- Parsed first, so a malformed filter is an error whatever the box holds.
	wanted_open_to text[] := audience.filter_values(filters, 'open_to');
	wanted_practices text[] := audience.filter_values(filters, 'practices');
	wanted_stages text[] := audience.filter_values(filters, 'pathway_stage');
	wanted_languages text[] := audience.filter_values(filters, 'languages');
	needle text := (audience.filter_values(filters, 'q'))[1];
	within_days integer := (audience.filter_values(filters, 'within_days'))[1]::integer;
	boxed boolean := min_lat is not null;
	-- Which gatherings: upcoming (the default), past or any; published ones, and cancelled ones
	-- too where a list asks for them (the map never does).
	wanted_when text := coalesce(filters ->> 'when', 'upcoming');
	with_cancelled boolean := coalesce(filters ->> 'with_cancelled', 'false') = 'true';
	origin extensions.earth;
	-- Which point columns of profiles the caller may read.
	point_columns text[] := case when audience.is_member()
		then array['published_lat', 'published_lng', 'published_cell', 'place_label', 'published_earth']
		else array['public_lat', 'public_lng', 'public_cell', 'public_place_label', 'public_earth']
	end;
begin
	if wanted_when not in ('upcoming', 'past', 'any') then
		raise exception 'filters.when must be upcoming, past or any' using errcode = '22023';
	end if;
	if (min_lat is null or min_lng is null or max_lat is null or max_lng is null)
		<> (min_lat is null and min_lng is null and max_lat is null and max_lng is null)
		or min_lat > max_lat then
		raise exception 'the box needs min_lat <= max_lat and all four edges' using errcode = '22023';
	end if;
	if (near_lat is null) <> (near_lng is null)
		or near_lat not between -90 and 90 or near_lng not between -180 and 180 then
		raise exception 'near_lat and near_lng go together, within -90..90 and -180..180'
			using errcode = '22023';
	end if;
	origin := case when near_lat is not null then extensions.ll_to_earth(near_lat, near_lng) end;

	if kinds is null or 'practitioner' = any (kinds) then
		return query execute format(
			$people$
			select 'practitioner'::text, p.id, p.display_name, p.%1$I, p.%2$I, p.%3$I, p.%4$I,
				extensions.earth_distance(p.%5$I, $6), p.last_confirmed_at,
				p.open_to, p.practices, p.pathway_stage, p.languages,
				null::public.group_status, null::integer, null::integer,
				null::timestamptz, null::timestamptz, null::text, null::public.gathering_kind
			from public.profiles p
			where (not $5 or (
					p.%1$I between $1 and $3
					and (($2 <= $4 and p.%2$I between $2 and $4)
						or ($2 > $4 and (p.%2$I >= $2 or p.%2$I <= $4)))
				))
				and ($7 is null or p.open_to::text[] && $7)
				and ($8 is null or p.practices::text[] && $8)
				and ($9 is null or p.pathway_stage::text = any ($9))
				and ($10 is null
					or exists (select 1 from unnest(p.languages) l where lower(l) = any ($10)))
				and ($11 is null
					or strpos(lower(p.display_name), $11) > 0
					or exists (select 1 from unnest(p.interests) i where strpos(lower(i), $11) > 0))
			$people$,
			variadic point_columns
		)
		using min_lat, min_lng, max_lat, max_lng, boxed, origin,
			wanted_open_to, wanted_practices, wanted_stages, wanted_languages, needle;
	end if;

	-- Crews, congregations and gatherings are all placed by a published area: one query for both.
	return query
	select published.kind, published.id, published.name, published.area_lat, published.area_lng,
		published.area_cell, published.area_label,
		extensions.earth_distance(extensions.ll_to_earth(published.area_lat, published.area_lng), origin),
		null::timestamptz, '{}'::public.openness[], '{}'::public.practice[],
		null::public.pathway_stage, '{}'::text[], published.status, published.size_limit,
		published.seats_open, published.starts_at, published.ends_at, published.time_zone,
		published.gathering_kind
	from (
		select g.kind::text as kind, g.id, g.name, g.purpose as about, g.area_lat, g.area_lng,
			g.area_cell, g.area_label, g.status, g.size_limit,
			-- How many more may join a forming or open group with a size limit, never below 0.
			-- greatest() skips nulls, so the size limit is asked for first.
			case when g.status in ('forming', 'open') and g.size_limit is not null
				then greatest(g.size_limit - g.member_count, 0) end as seats_open,
			null::timestamptz as starts_at, null::timestamptz as ends_at, null::text as time_zone,
			null::public.gathering_kind as gathering_kind
		from public.groups g
		where g.status <> 'closed'
		union all
		select 'gathering', e.id, e.name, e.description, e.area_lat, e.area_lng, e.area_cell,
			e.area_label, null, null, null, e.starts_at, e.ends_at, e.time_zone, e.kind
		from public.gatherings e
		where (e.status = 'published' or (with_cancelled and e.status = 'cancelled'))
			and case wanted_when
				when 'upcoming' then audience.gathering_ends(e.ends_at, e.recurrence, e.repeats_until) >= now()
				when 'past' then audience.gathering_ends(e.ends_at, e.recurrence, e.repeats_until) < now()
				else true
			end
			and (within_days is null or e.starts_at <= now() + make_interval(days => within_days))
	) published
	where (kinds is null or published.kind = any (kinds))
		and (not boxed or (
			published.area_lat between min_lat and max_lat
			and ((min_lng <= max_lng and published.area_lng between min_lng and max_lng)
				or (min_lng > max_lng and (published.area_lng >= min_lng or published.area_lng <= max_lng)))
		))
		and (needle is null
			or strpos(lower(published.name), needle) > 0
			or strpos(lower(published.about), needle) > 0);
end;
$$;

comment on function audience.visible_items(double precision, double precision, double precision, double precision, jsonb, double precision, double precision, text[]) is
	'Everything the caller may see (practitioners, crews, congregations, upcoming gatherings), at the caller''s precision, matching the filters, in a box or everywhere: the one place that says who sees whom and how precisely.';

grant execute on function audience.filter_values(jsonb, text) to anon, authenticated;

-- Who may call what ------------------------------------------------------------------------------------------

grant execute on function
	public.rsvp(uuid, public.rsvp_answer),
	public.decide_rsvp(uuid, uuid, boolean),
	public.add_gathering_host(uuid, uuid),
	public.remove_gathering_host(uuid, uuid),
	public.gathering_attendees(uuid),
	public.gathering_hosts_of(uuid),
	public.my_gatherings(),
	public.regenerate_calendar_token(),
	public.revoke_calendar_token(),
	public.plan_region(jsonb)
to authenticated;

grant execute on function
	public.gathering_page(integer, integer, double precision, double precision, integer, jsonb),
	public.nearest_towns(double precision, double precision, integer),
	public.calendar_feed_by_token(uuid)
to anon, authenticated;
