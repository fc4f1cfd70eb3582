-- The crew radar (who else near me is open to crewing, and an alert when enough of us are), each
-- person's email settings, and the email outbox the notify worker sends from.
--
-- The radar reads through audience.visible_items, so it counts only the people the caller may
-- see, where the map shows them to the caller: never finer. Alerts are counted the same way, as
-- their owner would see (private.radar_total_as).
--
-- Email: each notification is emailed at once, in a daily digest, or never, as its recipient
-- chooses per kind. queue_emails turns pending notifications into outbox emails (one each, or one
-- digest of several) in one transaction; the worker sends each outbox email with a Message-ID made
-- from its id and marks it sent. A crash between sending and marking resends the same message,
-- which mail stores keep once; a crash before queueing or before sending loses nothing.

-- The crew radar ----------------------------------------------------------------------------------

-- People open to crewing whom the caller may see within radius_km of the caller's own place, at the
-- caller's precision, as counts by cell and as a list:
--   { "radius_km", "place_label" (the caller's own, at their precision), "total",
--     "cells": [{ cell, lat, lng, place_label, count }],
--     "people": [{ id, display_name, place_label }] }
-- Distances are from the caller's exact point to each person's published cell centre (search never
-- beats the cell). SECURITY INVOKER: the caller's policies answer who is counted.
create function public.crew_radar(radius_km integer) returns jsonb
	language plpgsql stable set search_path = ''
	as $$
declare
	me uuid := (select auth.uid());
	here record;
	-- A box around the circle, for the index; the circle itself is checked by distance.
	lat_span double precision;
	lng_span double precision;
begin
	if me is null or not audience.is_member() then
		raise exception 'Sign in to use the crew radar.' using errcode = '42501';
	end if;
	if radius_km is null or radius_km not between 10 and 200 then
		raise exception 'The radius is from 10 to 200 km.' using errcode = '22023';
	end if;
	select l.lat, l.lng, p.place_label, 'crewing' = any (p.open_to) as open
	into here
	from public.profiles p
	left join public.profile_locations l on l.profile_id = p.id
	where p.id = me;
	if not coalesce(here.open, false) then
		raise exception 'Say in your profile that you are open to crewing to use the radar: the others find you the same way.'
			using errcode = 'P0001', hint = 'not_open_to_crewing';
	end if;
	if here.lat is null then
		raise exception 'Put yourself on the map first: the radar counts from your place.'
			using errcode = 'P0001', hint = 'no_place';
	end if;
	lat_span := radius_km / 111.0;
	lng_span := least(radius_km / (111.0 * greatest(cos(radians(here.lat)), 0.01)), 180);
	return (
		with near as (
			select v.*
			from audience.visible_items(
				min_lat => greatest(here.lat - lat_span, -90),
				min_lng => case when lng_span >= 180 then -180
					else ((here.lng - lng_span + 540)::numeric % 360 - 180)::double precision end,
				max_lat => least(here.lat + lat_span, 90),
				max_lng => case when lng_span >= 180 then 180
					else ((here.lng + lng_span + 540)::numeric % 360 - 180)::double precision end,
				filters => '{"open_to": ["crewing"]}',
				near_lat => here.lat,
				near_lng => here.lng,
				kinds => '{practitioner}'
			) v
			where v.id <> me and v.distance_m <= radius_km * 1000.0
		)
		select jsonb_build_object(
			'radius_km', radius_km,
			'place_label', here.place_label,
			'total', (select count(*) from near),
			'cells', coalesce((
				select jsonb_agg(jsonb_build_object(
					'cell', c.cell, 'lat', c.lat, 'lng', c.lng, 'place_label', c.place_label,
					'count', c.count
				) order by c.count desc, c.cell)
				from (
					select n.cell, min(n.lat) as lat, min(n.lng) as lng, min(n.place_label) as place_label,
						count(*) as count
					from near n group by n.cell
				) c
			), '[]'::jsonb),
			'people', coalesce((
				select jsonb_agg(jsonb_build_object(
					'id', n.id, 'display_name', n.name, 'place_label', n.place_label
				) order by n.distance_m, n.name, n.id)
				from near n
			), '[]'::jsonb)
		)
	);
end;
$$;

comment on function public.crew_radar(integer) is
	'People open to crewing whom the caller may see within radius_km of the caller''s place: counts by cell and a list.';

-- "Tell me when at least N of us are within R km": fires once, as a notification.
create table public.radar_alerts (
	id uuid primary key default gen_random_uuid(),
	profile_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
	min_people integer not null check (min_people between 2 and 50),
	radius_km integer not null check (radius_km between 10 and 200),
	created_at timestamptz not null default now(),
	fired_at timestamptz
);

comment on table public.radar_alerts is
	'A standing "tell me when at least min_people open to crewing are within radius_km": owner only, fires once.';

create index radar_alerts_waiting_idx on public.radar_alerts (created_at) where fired_at is null;
create index radar_alerts_profile_idx on public.radar_alerts (profile_id);

alter table public.radar_alerts enable row level security;
revoke all on public.radar_alerts from anon, authenticated;
grant select (id, profile_id, min_people, radius_km, created_at, fired_at), insert (min_people, radius_km), delete
	on public.radar_alerts to authenticated;

create policy "owners keep their radar alerts"
	on public.radar_alerts for all
	to authenticated
	using (profile_id = (select auth.uid()))
	with check (profile_id = (select auth.uid()) and (select audience.is_member()));

-- At most five standing alerts each, so the worker's pass stays small.
create function private.limit_radar_alerts() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
begin
	if (select count(*) from public.radar_alerts where profile_id = new.profile_id and fired_at is null) >= 5 then
		raise exception 'You have five alerts waiting already: remove one first.' using errcode = 'P0001';
	end if;
	return new;
end;
$$;

comment on function private.limit_radar_alerts() is 'Refuses a sixth waiting radar alert.';

create trigger radar_alerts_limit
	before insert on public.radar_alerts
	for each row execute function private.limit_radar_alerts();

-- How many the alert's owner would see on their radar. It runs as `authenticated` with the owner's
-- claims (its owner is that role, below), so the owner's own policies answer, exactly as when they
-- look themselves; a radar that cannot answer (no place, not open to crewing) counts none.
create function private.radar_total_as(person uuid, radius_km integer) returns integer
	language plpgsql security definer set search_path = ''
	as $$
begin
	perform set_config(
		'request.jwt.claims',
		json_build_object('sub', person, 'role', 'authenticated', 'is_anonymous', false)::text,
		true
	);
	return (public.crew_radar(radius_km) ->> 'total')::integer;
exception when sqlstate 'P0001' then
	return 0;
end;
$$;

comment on function private.radar_total_as(uuid, integer) is
	'The radar''s total as this person sees it, for their alerts.';

alter function private.radar_total_as(uuid, integer) owner to authenticated;

-- Fires every waiting alert that has come true, once: a notification for its owner. Service role
-- only (the notify worker calls it each pass). The caller's claims are put back afterwards.
create function public.fire_radar_alerts() returns integer
	language plpgsql security definer set search_path = ''
	as $$
declare
	caller_claims text := current_setting('request.jwt.claims', true);
	alert record;
	seen integer;
	fired integer := 0;
begin
	for alert in
		select a.* from public.radar_alerts a where a.fired_at is null order by a.created_at
		for update skip locked
	loop
		seen := private.radar_total_as(alert.profile_id, alert.radius_km);
		if seen >= alert.min_people then
			update public.radar_alerts set fired_at = now() where id = alert.id;
			insert into public.notifications (recipient_id, kind, body)
			values (
				alert.profile_id, 'radar_alert',
				format('%s people open to crewing are within %s km of you.', seen, alert.radius_km)
			);
			fired := fired + 1;
		end if;
	end loop;
	perform set_config('request.jwt.claims', coalesce(caller_claims, ''), true);
	return fired;
end;
$$;

comment on function public.fire_radar_alerts() is
	'Notifies the owner of each waiting radar alert that has come true, once. For the notify worker.';

-- Email settings ----------------------------------------------------------------------------------

create type public.email_delivery as enum ('now', 'daily', 'never');

-- What each kind is when its recipient has not chosen: at once for what asks them to act.
create function private.default_delivery(kind public.notification_kind) returns public.email_delivery
	language sql immutable set search_path = ''
	as $$
	select case when kind in (
		'request_received', 'request_decided', 'invitation_received', 'congregation_request_received'
	) then 'now' else 'daily' end::public.email_delivery
$$;

comment on function private.default_delivery(public.notification_kind) is
	'How a kind of notification is emailed until its recipient chooses.';

-- Only what someone changed from the default is stored.
create table public.email_settings (
	profile_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
	kind public.notification_kind not null,
	delivery public.email_delivery not null,
	primary key (profile_id, kind)
);

comment on table public.email_settings is
	'How each person wants each kind of notification emailed (now, daily, never), where not the default.';

alter table public.email_settings enable row level security;
revoke all on public.email_settings from anon, authenticated;
grant select, insert (kind, delivery), update (delivery), delete on public.email_settings to authenticated;

create policy "owners keep their email settings"
	on public.email_settings for all
	to authenticated
	using (profile_id = (select auth.uid()))
	with check (profile_id = (select auth.uid()));

-- Each person's link to their settings from an email, without signing in: an unguessable token,
-- never readable through the API (only through the email that carries it).
create table private.email_tokens (
	profile_id uuid primary key references public.profiles (id) on delete cascade,
	token uuid not null unique default gen_random_uuid()
);

comment on table private.email_tokens is 'The secret in each person''s email settings link.';

-- Every kind with how it is emailed now, for the person whose link this is:
--   [{ kind, delivery }]. Raises P0002 for a token that is not (or no longer) anyone's.
create function public.email_settings_by_token(token uuid) returns jsonb
	language plpgsql stable security definer set search_path = ''
	as $$
declare
	person uuid := (select t.profile_id from private.email_tokens t where t.token = email_settings_by_token.token);
begin
	if person is null then
		raise exception 'This link does not open anyone''s email settings: sign in to change yours.'
			using errcode = 'P0002';
	end if;
	return (
		select jsonb_agg(jsonb_build_object(
			'kind', k.kind,
			'delivery', coalesce(s.delivery, private.default_delivery(k.kind))
		) order by k.kind)
		from unnest(enum_range(null::public.notification_kind)) k (kind)
		left join public.email_settings s on s.profile_id = person and s.kind = k.kind
	);
end;
$$;

comment on function public.email_settings_by_token(uuid) is
	'How each kind of notification is emailed to the person whose email link carries this token.';

create function public.set_email_setting_by_token(
	token uuid, kind public.notification_kind, delivery public.email_delivery
) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	person uuid := (select t.profile_id from private.email_tokens t where t.token = set_email_setting_by_token.token);
begin
	if person is null then
		raise exception 'This link does not open anyone''s email settings: sign in to change yours.'
			using errcode = 'P0002';
	end if;
	if kind is null or delivery is null then
		raise exception 'Choose a kind and how to email it.' using errcode = '22023';
	end if;
	insert into public.email_settings (profile_id, kind, delivery)
	values (person, kind, delivery)
	on conflict on constraint email_settings_pkey do update set delivery = excluded.delivery;
end;
$$;

comment on function public.set_email_setting_by_token(uuid, public.notification_kind, public.email_delivery) is
	'Changes one kind''s email setting from the link in an email, without signing in.';

-- The outbox --------------------------------------------------------------------------------------

create table public.outbox_emails (
	id uuid primary key default gen_random_uuid(),
	recipient_id uuid not null references public.profiles (id) on delete cascade,
	to_address text not null,
	digest boolean not null,
	notification_ids uuid[] not null,
	settings_token uuid not null,
	created_at timestamptz not null default now(),
	sent_at timestamptz
);

comment on table public.outbox_emails is
	'Emails to send, each of one notification or a daily digest of several: service role only.';

create index outbox_emails_unsent_idx on public.outbox_emails (created_at) where sent_at is null;
create index outbox_emails_digest_idx on public.outbox_emails (recipient_id, created_at) where digest;

alter table public.outbox_emails enable row level security;
revoke all on public.outbox_emails from anon, authenticated;

-- Turns pending notifications into outbox emails, as each recipient chose: 'never' and read
-- digest items are skipped, 'now' is one email each, 'daily' one digest of all of a person's
-- pending ones once their oldest has waited a day. One pass at a time (advisory lock), in one
-- transaction, so a notification is queued at most once. Returns how many emails were queued.
create function public.queue_emails(at timestamptz default now()) returns integer
	language plpgsql security definer set search_path = ''
	as $$
declare
	queued integer;
begin
	perform pg_advisory_xact_lock(hashtext('public.queue_emails'));

	drop table if exists pg_temp.due;
	create temporary table due on commit drop as
	select n.id, n.recipient_id, n.created_at, n.read_at,
		coalesce(s.delivery, private.default_delivery(n.kind)) as delivery
	from public.notifications n
	left join public.email_settings s on s.profile_id = n.recipient_id and s.kind = n.kind
	where n.email_state = 'pending' and n.created_at <= at;

	update public.notifications n set email_state = 'skipped'
	from due
	where n.id = due.id and (due.delivery = 'never' or (due.delivery = 'daily' and due.read_at is not null));
	delete from due where delivery = 'never' or (delivery = 'daily' and read_at is not null);
	-- Digests wait until the person's oldest pending one has waited a day.
	delete from due where delivery = 'daily' and recipient_id not in (
		select d.recipient_id from due d where d.delivery = 'daily'
		group by d.recipient_id having min(d.created_at) <= at - interval '1 day'
	);

	insert into private.email_tokens (profile_id)
	select distinct recipient_id from due
	on conflict (profile_id) do nothing;

	with emails as (
		insert into public.outbox_emails (recipient_id, to_address, digest, notification_ids, settings_token)
		select due.recipient_id, u.email, due.delivery = 'daily',
			array_agg(due.id order by due.created_at, due.id), t.token
		from due
		join auth.users u on u.id = due.recipient_id
		join private.email_tokens t on t.profile_id = due.recipient_id
		where u.email is not null
		group by due.recipient_id, u.email, t.token, due.delivery,
			case when due.delivery = 'now' then due.id end
		returning notification_ids
	),
	marked as (
		update public.notifications n set email_state = 'queued'
		from emails
		where n.id = any (emails.notification_ids)
		returning 1
	)
	select count(*) into queued from emails;

	-- Someone without an address gets nothing, and their notifications do not wait forever.
	update public.notifications n set email_state = 'skipped'
	from due
	where n.id = due.id and n.email_state = 'pending';

	return queued;
end;
$$;

comment on function public.queue_emails(timestamptz) is
	'Queues outbox emails for pending notifications as each recipient chose. For the notify worker.';

revoke all on function public.queue_emails(timestamptz), public.fire_radar_alerts()
	from public, anon, authenticated;
grant execute on function public.queue_emails(timestamptz), public.fire_radar_alerts() to service_role;
grant select, update (sent_at) on public.outbox_emails to service_role;
grant select on public.notifications to service_role;
grant execute on function private.radar_total_as(uuid, integer) to postgres;

grant execute on function public.crew_radar(integer) to authenticated;
grant execute on function public.email_settings_by_token(uuid),
	public.set_email_setting_by_token(uuid, public.notification_kind, public.email_delivery)
	to anon, authenticated;

-- Leaving is real, and so is the export --------------------------------------------------------------

-- Replaces the export of 20261203000400: it now includes the caller's requests, invitations,
-- notifications, email settings and radar alerts.
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
			from public.group_invitations i where i.invitee_id = me.id
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
		), '[]'::jsonb)
	)
	from (select (select auth.uid()) as id) me
	where me.id is not null
$$;
