-- Safe to open to the public (issue 12): reports and moderation, suspended accounts that vanish,
-- and the holes an attacker found, closed in the database.
--
-- 1. Plain text: names and short texts refuse control and direction characters.
-- 2. onboarded_at keeps the first time, not the last save.
-- 3. Suspension and hiding: the columns, and the audience rule that leaves them out.
-- 4. Reports, moderators, the audit log, and the functions moderators act with.
-- 5. The request check PostgREST runs first: dead sessions and suspended writers.
-- 6. Expensive requests: the place search's length, the gazetteer's embedding, timeouts per role.
-- 7. Coordinates checked in every function that takes them.
-- 8. The export carries the whole account record.

-- 1. Plain text ------------------------------------------------------------------------------------

-- Control characters (C0, DEL, C1) and the invisible characters that change the direction of the
-- text after them (marks, embeddings, overrides, isolates): in a name they make it render
-- reversed or hide part of it, in lists and page titles alike. Names and short texts refuse them
-- all; nobody types them on purpose.
create function private.is_plain_line(value text) returns boolean
	language sql immutable parallel safe set search_path = ''
	as $$
	-- Built with chr(): U+0001-001F, U+007F-009F, U+061C, U+200E-200F, U+202A-202E, U+2066-2069.
	select value is null
		or value !~ ('[' || chr(1) || '-' || chr(31) || chr(127) || '-' || chr(159) || chr(1564)
			|| chr(8206) || chr(8207) || chr(8234) || '-' || chr(8238) || chr(8294) || '-' || chr(8297)
			|| ']')
$$;

comment on function private.is_plain_line(text) is
	'Whether a name or short text is free of control characters and of bidirectional marks, embeddings, overrides and isolates.';

create function private.all_plain_lines(items text[]) returns boolean
	language sql immutable parallel safe set search_path = ''
	as $$
	select coalesce(bool_and(private.is_plain_line(item)), true) from unnest(items) item
$$;

-- Check constraints run as whoever writes: members, and the service role (the seed, the admin).
grant execute on function private.is_plain_line(text), private.all_plain_lines(text[])
	to authenticated, service_role;

-- The constraint names end in _plain_text: the app's forms read that ending to say what is wrong.
alter table public.profiles
	add constraint profiles_display_name_plain_text check (private.is_plain_line(display_name)),
	add constraint profiles_pronouns_plain_text check (private.is_plain_line(pronouns)),
	add constraint profiles_discord_handle_plain_text check (private.is_plain_line(discord_handle)),
	add constraint profiles_website_plain_text check (private.is_plain_line(website)),
	add constraint profiles_lists_plain_text check (
		private.all_plain_lines(languages) and private.all_plain_lines(interests)
		and private.all_plain_lines(offers) and private.all_plain_lines(needs)
	);
alter table public.groups
	add constraint groups_name_plain_text check (private.is_plain_line(name)),
	add constraint groups_languages_plain_text check (private.all_plain_lines(languages));
alter table public.gatherings
	add constraint gatherings_name_plain_text check (private.is_plain_line(name)),
	add constraint gatherings_contribution_plain_text check (private.is_plain_line(contribution));

-- 2. onboarded_at ----------------------------------------------------------------------------------

-- Every save of the profile form says "I'm in" again; stamping each one made onboarded_at (which
-- others can read) the time of the person's last edit. The first time stands until the person
-- leaves the map (null) and comes back.
create or replace function private.stamp_onboarding() returns trigger
	language plpgsql set search_path = ''
	as $$
begin
	if new.onboarded_at is distinct from old.onboarded_at then
		new.onboarded_at := case
			when new.onboarded_at is null then null
			when old.onboarded_at is not null then old.onboarded_at
			else now()
		end;
	end if;
	return new;
end;
$$;

-- 3. Suspension and hiding -------------------------------------------------------------------------

-- Kept by the moderation functions below, never through the API (no grant): 'infinity' until a
-- moderator lifts it. Non-null means suspended, for every read at once; a suspension whose time
-- has passed ends with public.end_expired_suspensions, which the notification worker runs.
alter table public.profiles add column suspended_until timestamptz;
comment on column public.profiles.suspended_until is
	'Until when the person is suspended (infinity: until lifted); null when they are not. Suspended people vanish from every read of others and can write nothing.';
create index profiles_suspended_idx on public.profiles (id) where suspended_until is not null;

alter table public.groups add column hidden_at timestamptz;
alter table public.gatherings add column hidden_at timestamptz;
alter table public.group_requests add column hidden_at timestamptz;
alter table public.group_invitations add column hidden_at timestamptz;
comment on column public.groups.hidden_at is
	'When a moderator hid the group: it then vanishes for everyone (moderators read it in their queue).';
comment on column public.gatherings.hidden_at is 'When a moderator hid the gathering, as groups.hidden_at.';
comment on column public.group_requests.hidden_at is
	'When a moderator hid the request''s message (the message is emptied).';
comment on column public.group_invitations.hidden_at is
	'When a moderator hid the invitation''s message (the message is emptied).';

-- The people suspended now, for the few lists that read memberships rather than profiles. A
-- short array, asked once per query.
create function private.suspended_ids() returns uuid[]
	language sql stable security definer set search_path = ''
	as $$
	select coalesce(array_agg(id), '{}') from public.profiles where suspended_until is not null
$$;

grant execute on function private.suspended_ids() to authenticated;

-- The audience rule for people, in the policies every read of profiles goes through (map, directory,
-- search, lists, counts): a suspended person is nobody's to see but their own. Anonymous
-- sign-ins (role authenticated, is_anonymous) read only what members may when they are members:
-- the column privileges of authenticated include the owner-precision columns, so an anonymous
-- sign-in reading public rows through this role would see finer points than a stranger.
drop policy "anyone can see public profiles" on public.profiles;
create policy "anyone can see public profiles"
	on public.profiles for select
	to anon
	using (visibility = 'public' and onboarded_at is not null and suspended_until is null);

drop policy "members see what is shared with members" on public.profiles;
create policy "members see what is shared with members"
	on public.profiles for select
	to authenticated
	using (
		(select audience.is_member())
		and onboarded_at is not null
		and suspended_until is null
		and visibility in ('public', 'members')
		and id <> all ((select private.blockers_of_caller())::uuid[])
	);

drop policy "crewmates see what is shared with crewmates" on public.profiles;
create policy "crewmates see what is shared with crewmates"
	on public.profiles for select
	to authenticated
	using (
		(select audience.is_member())
		and onboarded_at is not null
		and suspended_until is null
		and visibility = 'crewmates'
		and private.shares_crew(id)
		and id <> all ((select private.blockers_of_caller())::uuid[])
	);

-- An anonymous sign-in owns nothing it may change: no profile to fill in, no point to place.
drop policy "owners can update their own profile" on public.profiles;
create policy "owners can update their own profile"
	on public.profiles for update
	to authenticated
	using (id = (select auth.uid()) and (select audience.is_member()))
	with check (id = (select auth.uid()) and (select audience.is_member()));

drop policy "owners keep their exact location" on public.profile_locations;
create policy "owners keep their exact location"
	on public.profile_locations for all
	to authenticated
	using (profile_id = (select auth.uid()) and (select audience.is_member()))
	with check (profile_id = (select auth.uid()) and (select audience.is_member()));

-- Hidden groups and gatherings vanish for everyone, their hosts included.
drop policy "anyone sees the groups shared with them" on public.groups;
create policy "anyone sees the groups shared with them"
	on public.groups for select
	to anon, authenticated
	using (hidden_at is null and audience.may_see(visibility));

drop policy "anyone sees the gatherings shared with them" on public.gatherings;
create policy "anyone sees the gatherings shared with them"
	on public.gatherings for select
	to anon
	using (hidden_at is null and status <> 'draft' and audience.may_see(visibility));

drop policy "members see the gatherings shared with them, hosts their drafts" on public.gatherings;
create policy "members see the gatherings shared with them, hosts their drafts"
	on public.gatherings for select
	to authenticated
	using (
		hidden_at is null
		and (
			(status <> 'draft' and audience.may_see(visibility))
			or id = any ((select private.hosted_by_caller())::uuid[])
			or (
				status = 'draft'
				and created_by = (select auth.uid())
				and not private.gathering_has_own_hosts(id)
			)
		)
	);

-- A private calendar feed (read by its token, past row-level security) leaves hidden gatherings out
-- too.
create or replace function public.calendar_feed_by_token(token uuid)
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
	join public.gatherings g on g.status <> 'draft' and g.hidden_at is null
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

-- A suspended person's place on the map goes with them: publishing treats them as placed
-- nowhere, which also takes them out of the k = 3 counts of the public cells.
create or replace function private.publish_locations(profile_ids uuid[]) returns void
	language plpgsql security definer set search_path = ''
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

-- Member and attendee lists read memberships, then names through the profiles policies; a
-- suspended person would stay as a nameless row. They leave the lists instead.
create or replace function public.group_members_of(group_id uuid)
	returns table (profile_id uuid, role text, joined_at timestamptz, display_name text, place_label text)
	language sql stable set search_path = ''
	as $$
	select m.profile_id, m.role, m.joined_at, p.display_name, p.place_label
	from public.group_members m
	left join public.profiles p on p.id = m.profile_id
	where m.group_id = group_members_of.group_id
		and m.profile_id <> all ((select private.suspended_ids())::uuid[])
	order by m.role = 'host' desc, m.joined_at, m.profile_id
$$;

create or replace function public.gathering_attendees(gathering_id uuid)
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
		and r.profile_id <> all ((select private.suspended_ids())::uuid[])
	order by case r.state when 'confirmed' then 0 when 'pending' then 1 when 'waitlisted' then 2
			when 'declined' then 4 else 3 end,
		r.queued_at nulls first, r.responded_at, r.profile_id
$$;

-- Every change made through a function starts here: a suspended person makes none. (Direct
-- writes to tables are refused before they start, by audience.check_request below.)
create or replace function private.acting_member() returns uuid
	language plpgsql volatile security definer set search_path = ''
	as $$
declare
	me uuid := (select auth.uid());
begin
	if me is null or not audience.is_member() then
		raise exception 'Sign in first.' using errcode = '42501';
	end if;
	if exists (select 1 from public.profiles where id = me and suspended_until > now()) then
		raise exception 'Your account is suspended: you can read, export or delete your data, and change nothing else.'
			using errcode = '42501';
	end if;
	if not exists (select 1 from public.profiles where id = me and onboarded_at is not null) then
		raise exception 'Finish your profile first: groups see you by it.' using errcode = '42501';
	end if;
	perform private.lock_person(me);
	return me;
end;
$$;

-- 4. Reports and moderation ------------------------------------------------------------------------

-- Granted and revoked only with the service key (`npm run admin -- grant-moderator <email>`),
-- never through the API: no grant to anon or authenticated.
create table public.moderators (
	profile_id uuid primary key references public.profiles (id) on delete cascade,
	granted_at timestamptz not null default now(),
	note text not null default '' check (char_length(note) <= 200)
);
comment on table public.moderators is
	'Who may read reports and act on them. Written only with the service key (npm run admin).';
alter table public.moderators enable row level security;
revoke all on public.moderators from anon, authenticated;
grant select, insert, delete on public.moderators to service_role;

create function private.is_moderator() returns boolean
	language sql stable security definer set search_path = ''
	as $$
	select audience.is_member()
		and exists (select 1 from public.moderators where profile_id = (select auth.uid()))
$$;

create function public.am_i_moderator() returns boolean
	language sql stable set search_path = ''
	as $$
	select private.is_moderator()
$$;

grant execute on function private.is_moderator() to authenticated;
revoke all on function public.am_i_moderator() from public, anon;
grant execute on function public.am_i_moderator() to authenticated;

create function private.require_moderator() returns uuid
	language plpgsql stable security definer set search_path = ''
	as $$
begin
	if not private.is_moderator() then
		raise exception 'Only moderators can do this.' using errcode = '42501';
	end if;
	return (select auth.uid());
end;
$$;

create table public.reports (
	id uuid primary key default gen_random_uuid(),
	-- Kept when the reporter deletes their account, without them: the report may still matter.
	reporter_id uuid references public.profiles (id) on delete set null,
	subject public.report_subject not null,
	subject_id uuid not null,
	-- Whom a suspension would be for: the person, the sender of the request or invitation, the
	-- maker of the group or gathering. Never readable by the reporter (it would name a group's
	-- maker).
	subject_person uuid references public.profiles (id) on delete set null,
	reason public.report_reason not null,
	details text not null default '' check (char_length(details) <= 1000),
	status text not null default 'open' check (status in ('open', 'dismissed', 'actioned')),
	created_at timestamptz not null default now(),
	resolved_at timestamptz,
	check ((status = 'open') = (resolved_at is null))
);
comment on table public.reports is
	'What members reported: their own readable by them, all by moderators through moderation_queue.';
create index reports_open_idx on public.reports (created_at) where status = 'open';
create index reports_subject_idx on public.reports (subject, subject_id);
create index reports_reporter_idx on public.reports (reporter_id, created_at);
create unique index reports_one_open_per_subject on public.reports (reporter_id, subject, subject_id)
	where status = 'open';

alter table public.reports enable row level security;
revoke all on public.reports from anon, authenticated;
grant select (id, subject, subject_id, reason, details, status, created_at, resolved_at)
	on public.reports to authenticated;

create policy "reporters read their own reports"
	on public.reports for select
	to authenticated
	using (reporter_id = (select auth.uid()) and (select audience.is_member()));

-- The current suspensions; the history is in the moderation log.
create table public.suspensions (
	profile_id uuid primary key references public.profiles (id) on delete cascade,
	since timestamptz not null default now(),
	-- Null: until a moderator lifts it.
	until timestamptz,
	note text not null default '' check (char_length(note) <= 1000),
	moderator_id uuid references public.profiles (id) on delete set null
);
comment on table public.suspensions is
	'Who is suspended, since when, until when and why. Read by moderators (suspended_people) and by the person (my_suspension).';
alter table public.suspensions enable row level security;
revoke all on public.suspensions from anon, authenticated;

-- Every moderator action, kept when the people in it delete their accounts.
create table public.moderation_log (
	id bigint generated always as identity primary key,
	at timestamptz not null default now(),
	-- Null for what the database did itself (a suspension that ran out).
	moderator_id uuid references public.profiles (id) on delete set null,
	action text not null check (action in ('dismiss', 'hide', 'suspend', 'lift')),
	subject public.report_subject not null,
	subject_id uuid not null,
	report_id uuid references public.reports (id) on delete set null,
	until timestamptz,
	note text not null default ''
);
comment on table public.moderation_log is 'The audit log: read by moderators only, through moderation_log().';
alter table public.moderation_log enable row level security;
revoke all on public.moderation_log from anon, authenticated;

-- Files a report once report() has checked the caller may see what they report.
create function private.file_report(
	subject public.report_subject,
	subject_id uuid,
	reason public.report_reason,
	details text
) returns uuid
	language plpgsql volatile security definer set search_path = ''
	as $$
declare
	me uuid := private.acting_member();
	person uuid;
	filed uuid;
begin
	person := case file_report.subject
		when 'person' then file_report.subject_id
		when 'group' then (select g.created_by from public.groups g where g.id = file_report.subject_id)
		when 'gathering' then
			(select e.created_by from public.gatherings e where e.id = file_report.subject_id)
		when 'join_request' then (
			select r.requester_id from public.group_requests r
			where r.id = file_report.subject_id and private.role_in(r.group_id) = 'host'
		)
		when 'invitation' then (
			select i.invited_by from public.group_invitations i
			where i.id = file_report.subject_id and i.invitee_id = me
		)
	end;
	if file_report.subject in ('join_request', 'invitation') and person is null then
		raise exception 'Nothing to report here.' using errcode = 'P0002';
	end if;
	if person = me and file_report.subject = 'person' then
		raise exception 'You cannot report yourself.' using errcode = 'P0001';
	end if;
	if char_length(coalesce(details, '')) > 1000 then
		raise exception 'Say it in 1,000 characters or fewer.' using errcode = '22023';
	end if;
	if exists (
		select 1 from public.reports r
		where r.reporter_id = me and r.subject = file_report.subject
			and r.subject_id = file_report.subject_id and r.status = 'open'
	) then
		raise exception 'You have reported this already: a moderator will look at it.'
			using errcode = 'P0001';
	end if;
	perform private.check_daily_limit(
		(select count(*)::integer from public.reports r
			where r.reporter_id = me and r.created_at > now() - interval '1 day'),
		10, 'reports'
	);
	insert into public.reports (reporter_id, subject, subject_id, subject_person, reason, details)
	values (me, file_report.subject, file_report.subject_id, person, file_report.reason,
		btrim(coalesce(details, '')))
	returning id into filed;
	return filed;
end;
$$;

grant execute on function private.file_report(public.report_subject, uuid, public.report_reason, text)
	to authenticated;

-- SECURITY INVOKER: whether the caller may see a person, group or gathering is the audience rule
-- itself, asked as the caller. Requests and invitations are checked by file_report: the caller
-- must have received them.
create function public.report(
	subject public.report_subject,
	subject_id uuid,
	reason public.report_reason,
	details text default ''
) returns uuid
	language plpgsql volatile security invoker set search_path = ''
	as $$
declare
	seen boolean;
begin
	if not audience.is_member() then
		raise exception 'Sign in first.' using errcode = '42501';
	end if;
	if subject is null or subject_id is null or reason is null then
		raise exception 'Say what you report and why.' using errcode = '22023';
	end if;
	seen := case report.subject
		when 'person' then exists (
			select 1 from public.profiles p where p.id = report.subject_id and p.onboarded_at is not null
		)
		when 'group' then exists (select 1 from public.groups g where g.id = report.subject_id)
		when 'gathering' then exists (select 1 from public.gatherings e where e.id = report.subject_id)
		else true
	end;
	if not seen then
		raise exception 'Nothing to report here.' using errcode = 'P0002';
	end if;
	return private.file_report(report.subject, report.subject_id, report.reason, report.details);
end;
$$;

comment on function public.report(public.report_subject, uuid, public.report_reason, text) is
	'Reports a person, group or gathering the caller can see, or a request or invitation they received: at most 10 a day, one open report per subject.';
revoke all on function public.report(public.report_subject, uuid, public.report_reason, text)
	from public, anon;
grant execute on function public.report(public.report_subject, uuid, public.report_reason, text)
	to authenticated;

create function private.log_moderation(
	moderator uuid,
	action text,
	subject public.report_subject,
	subject_id uuid,
	report_id uuid,
	until timestamptz,
	note text
) returns void
	language sql volatile security definer set search_path = ''
	as $$
	insert into public.moderation_log (moderator_id, action, subject, subject_id, report_id, until, note)
	values (moderator, action, subject, subject_id, report_id, until, coalesce(note, ''))
$$;

-- Starts or changes a suspension. Republishing takes the person off the map and out of the
-- public counts at once.
create function private.suspend(
	person uuid,
	until timestamptz,
	note text,
	moderator uuid,
	report_id uuid
) returns void
	language plpgsql volatile security definer set search_path = ''
	as $$
begin
	if person is null or not exists (select 1 from public.profiles where id = person) then
		raise exception 'Nobody to suspend: the account is gone.' using errcode = 'P0002';
	end if;
	if person = moderator then
		raise exception 'You cannot suspend yourself.' using errcode = 'P0001';
	end if;
	if exists (select 1 from public.moderators m where m.profile_id = person) then
		raise exception 'Moderators are not suspended: revoke their role first (npm run admin).'
			using errcode = 'P0001';
	end if;
	if until is not null and until <= now() then
		raise exception 'A suspension ends in the future.' using errcode = '22023';
	end if;
	if char_length(coalesce(note, '')) > 1000 then
		raise exception 'Keep the note to 1,000 characters.' using errcode = '22023';
	end if;
	insert into public.suspensions as s (profile_id, until, note, moderator_id)
	values (person, until, coalesce(note, ''), moderator)
	on conflict (profile_id) do update
		set since = now(), until = excluded.until, note = excluded.note,
			moderator_id = excluded.moderator_id;
	update public.profiles set suspended_until = coalesce(until, 'infinity') where id = person;
	perform private.publish_locations(array[person]);
	perform private.log_moderation(moderator, 'suspend', 'person', person, report_id, until, note);
end;
$$;

create function private.end_suspension(person uuid, moderator uuid, note text) returns void
	language plpgsql volatile security definer set search_path = ''
	as $$
begin
	delete from public.suspensions where profile_id = person;
	update public.profiles set suspended_until = null where id = person and suspended_until is not null;
	if found then
		perform private.publish_locations(array[person]);
		perform private.log_moderation(moderator, 'lift', 'person', person, null, null, note);
	end if;
end;
$$;

-- Closes every open report on a subject the same way, and tells each reporter the outcome
-- without naming anyone: "reviewed: action taken" or "reviewed: no action".
create function private.close_reports(
	on_subject public.report_subject,
	on_subject_id uuid,
	outcome text
) returns void
	language plpgsql volatile security definer set search_path = ''
	as $$
declare
	reporters uuid[];
begin
	with closed as (
		update public.reports r
		set status = outcome, resolved_at = now()
		where r.subject = on_subject and r.subject_id = on_subject_id and r.status = 'open'
		returning r.reporter_id
	)
	select coalesce(array_agg(distinct reporter_id) filter (where reporter_id is not null), '{}')
	into reporters from closed;
	perform private.notify_as(null, reporters, 'report_outcome', null, outcome);
end;
$$;

create function public.moderate(
	report_id uuid,
	action text,
	until timestamptz default null,
	note text default ''
) returns void
	language plpgsql volatile security definer set search_path = ''
	as $$
declare
	me uuid := private.require_moderator();
	filed public.reports;
begin
	select * into filed from public.reports r where r.id = moderate.report_id for update;
	if filed.id is null then
		raise exception 'No such report.' using errcode = 'P0002';
	end if;
	if filed.status <> 'open' then
		raise exception 'This report is closed already.' using errcode = 'P0001';
	end if;

	if action = 'dismiss' then
		perform private.log_moderation(me, 'dismiss', filed.subject, filed.subject_id, filed.id, null, note);
		perform private.close_reports(filed.subject, filed.subject_id, 'dismissed');
	elsif action = 'hide' then
		case filed.subject
			when 'group' then
				update public.groups set hidden_at = now() where id = filed.subject_id;
			when 'gathering' then
				update public.gatherings set hidden_at = now() where id = filed.subject_id;
			when 'join_request' then
				update public.group_requests set hidden_at = now(), message = ''
				where id = filed.subject_id;
			when 'invitation' then
				update public.group_invitations set hidden_at = now(), message = ''
				where id = filed.subject_id;
			else
				raise exception 'A person is not hidden: suspend their account instead.'
					using errcode = '22023';
		end case;
		perform private.log_moderation(me, 'hide', filed.subject, filed.subject_id, filed.id, null, note);
		perform private.close_reports(filed.subject, filed.subject_id, 'actioned');
	elsif action = 'suspend' then
		perform private.suspend(filed.subject_person, until, note, me, filed.id);
		perform private.close_reports(filed.subject, filed.subject_id, 'actioned');
	else
		raise exception 'The action is dismiss, hide or suspend.' using errcode = '22023';
	end if;
end;
$$;

comment on function public.moderate(uuid, text, timestamptz, text) is
	'A moderator closes a report: dismiss, hide the item, or suspend the person behind it (until a time, or until lifted). Every open report on the same subject closes with it, and their reporters are told the outcome.';

create function public.suspend_person(
	profile_id uuid,
	until timestamptz default null,
	note text default ''
) returns void
	language sql volatile security definer set search_path = ''
	as $$
	select private.suspend(suspend_person.profile_id, until, note, private.require_moderator(), null)
$$;

create function public.lift_suspension(profile_id uuid, note text default '') returns void
	language plpgsql volatile security definer set search_path = ''
	as $$
declare
	me uuid := private.require_moderator();
begin
	if not exists (select 1 from public.suspensions s where s.profile_id = lift_suspension.profile_id) then
		raise exception 'This person is not suspended.' using errcode = 'P0002';
	end if;
	perform private.end_suspension(lift_suspension.profile_id, me, note);
end;
$$;

-- Suspensions whose time has come end here: the notification worker calls it on every pass.
create function public.end_expired_suspensions() returns integer
	language plpgsql volatile security definer set search_path = ''
	as $$
declare
	person uuid;
	ended integer := 0;
begin
	for person in
		select s.profile_id from public.suspensions s where s.until <= now() for update skip locked
	loop
		perform private.end_suspension(person, null, 'The suspension ran out.');
		ended := ended + 1;
	end loop;
	return ended;
end;
$$;

create function public.moderation_queue() returns jsonb
	language plpgsql stable security definer set search_path = ''
	as $$
begin
	perform private.require_moderator();
	return coalesce((
		select jsonb_agg(jsonb_build_object(
			'id', r.id,
			'subject', r.subject,
			'subject_id', r.subject_id,
			'reason', r.reason,
			'details', r.details,
			'created_at', r.created_at,
			'reporter', (
				select jsonb_build_object('id', p.id, 'display_name', p.display_name)
				from public.profiles p where p.id = r.reporter_id
			),
			'reports_on_subject', (
				select count(*) from public.reports o
				where o.subject = r.subject and o.subject_id = r.subject_id
			),
			-- Never a point: the coarse public label at most.
			'context', case r.subject
				when 'person' then (
					select jsonb_build_object('display_name', p.display_name, 'bio', p.bio,
						'place_label', p.public_place_label, 'created_at', p.created_at,
						'suspended_until', s.until, 'suspended', p.suspended_until is not null)
					from public.profiles p
					left join public.suspensions s on s.profile_id = p.id
					where p.id = r.subject_id
				)
				when 'group' then (
					select jsonb_build_object('name', g.name, 'description', g.purpose, 'kind', g.kind,
						'hidden', g.hidden_at is not null)
					from public.groups g where g.id = r.subject_id
				)
				when 'gathering' then (
					select jsonb_build_object('title', e.name, 'description', e.description,
						'hidden', e.hidden_at is not null)
					from public.gatherings e where e.id = r.subject_id
				)
				when 'join_request' then (
					select jsonb_build_object('message', q.message, 'group_name', g.name,
						'hidden', q.hidden_at is not null,
						'from', jsonb_build_object('id', p.id, 'display_name', p.display_name))
					from public.group_requests q
					join public.groups g on g.id = q.group_id
					left join public.profiles p on p.id = q.requester_id
					where q.id = r.subject_id
				)
				when 'invitation' then (
					select jsonb_build_object('message', i.message, 'group_name', g.name,
						'hidden', i.hidden_at is not null,
						'from', jsonb_build_object('id', p.id, 'display_name', p.display_name))
					from public.group_invitations i
					join public.groups g on g.id = i.group_id
					left join public.profiles p on p.id = i.invited_by
					where i.id = r.subject_id
				)
			end
		) order by r.created_at, r.id)
		from public.reports r
		where r.status = 'open'
	), '[]'::jsonb);
end;
$$;

create function public.suspended_people() returns jsonb
	language plpgsql stable security definer set search_path = ''
	as $$
begin
	perform private.require_moderator();
	return coalesce((
		select jsonb_agg(jsonb_build_object('id', p.id, 'display_name', p.display_name,
			'suspended_until', s.until, 'note', s.note, 'suspended_at', s.since) order by s.since desc)
		from public.suspensions s
		join public.profiles p on p.id = s.profile_id
	), '[]'::jsonb);
end;
$$;

create function public.moderation_log(max_rows integer default 100) returns jsonb
	language plpgsql stable security definer set search_path = ''
	as $$
begin
	perform private.require_moderator();
	return coalesce((
		select jsonb_agg(entry.item order by entry.at desc, entry.id desc)
		from (
			select l.at, l.id, jsonb_build_object(
				'id', l.id, 'at', l.at, 'action', l.action, 'subject', l.subject,
				'subject_id', l.subject_id, 'report_id', l.report_id, 'until', l.until, 'note', l.note,
				'moderator', (
					select jsonb_build_object('id', p.id, 'display_name', p.display_name)
					from public.profiles p where p.id = l.moderator_id
				)
			) as item
			from public.moderation_log l
			order by l.at desc, l.id desc
			limit least(greatest(coalesce(max_rows, 100), 1), 500)
		) entry
	), '[]'::jsonb);
end;
$$;

-- The suspended person's own view: why, and until when. Null when they are not suspended.
create function public.my_suspension() returns jsonb
	language sql stable security definer set search_path = ''
	as $$
	select jsonb_build_object('until', s.until, 'since', s.since, 'note', s.note)
	from public.suspensions s
	where s.profile_id = (select auth.uid())
$$;

revoke all on function public.moderate(uuid, text, timestamptz, text),
	public.suspend_person(uuid, timestamptz, text), public.lift_suspension(uuid, text),
	public.moderation_queue(), public.suspended_people(), public.moderation_log(integer),
	public.my_suspension(), public.end_expired_suspensions()
	from public, anon, authenticated;
grant execute on function public.moderate(uuid, text, timestamptz, text),
	public.suspend_person(uuid, timestamptz, text), public.lift_suspension(uuid, text),
	public.moderation_queue(), public.suspended_people(), public.moderation_log(integer),
	public.my_suspension()
	to authenticated;
grant execute on function public.end_expired_suspensions() to service_role;

-- 5. The request check ----------------------------------------------------------------------------

-- PostgREST calls this before every request, in the request's own transaction (db-pre-request,
-- set below on the authenticator role, as Supabase documents). Two refusals for signed-in tokens:
-- - A token whose session has ended (signed out, or the account deleted) is refused, though its
--   signature is good until it expires: auth.uid() alone would keep trusting it for up to an hour.
-- - A suspended person may read, export and delete their account, and write nothing else. A
--   request that only reads runs in a read-only transaction (GET, and functions declared STABLE),
--   so "writes" are the rest.
-- Anonymous sign-ins pass: the policies treat them as strangers (audience.is_member).
-- SECURITY INVOKER, as everything in audience; the two lookups it needs are private.
create function private.session_is_live(claims jsonb) returns boolean
	language plpgsql stable security definer set search_path = ''
	as $$
begin
	return exists (
		select 1 from auth.sessions s
		where s.id = (claims ->> 'session_id')::uuid
			and s.user_id = (claims ->> 'sub')::uuid
			and (s.not_after is null or s.not_after > now())
	);
exception when invalid_text_representation then
	return false;
end;
$$;

create function private.is_suspended_now(person uuid) returns boolean
	language sql stable security definer set search_path = ''
	as $$
	select exists (select 1 from public.profiles p where p.id = person and p.suspended_until > now())
$$;

grant execute on function private.session_is_live(jsonb), private.is_suspended_now(uuid)
	to authenticated;

create function audience.check_request() returns void
	language plpgsql stable set search_path = ''
	as $$
declare
	claims jsonb := coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb;
begin
	if claims ->> 'role' is distinct from 'authenticated' then
		return;
	end if;
	if not private.session_is_live(claims) then
		raise sqlstate 'PT401' using message = 'Your session has ended: sign in again.';
	end if;
	if current_setting('transaction_read_only') = 'off'
		and private.is_suspended_now((claims ->> 'sub')::uuid)
		and coalesce(current_setting('request.path', true), '')
			not in ('/rpc/export_my_data', '/rpc/delete_my_account') then
		raise exception 'Your account is suspended: you can read, export or delete your data, and change nothing else.'
			using errcode = '42501';
	end if;
end;
$$;

revoke all on function audience.check_request() from public;
grant usage on schema audience to service_role;
grant execute on function audience.check_request() to anon, authenticated, service_role;

alter role authenticator set pgrst.db_pre_request to 'audience.check_request';

-- 6. Expensive requests ---------------------------------------------------------------------------

-- A place name is short; a long one only costs time (3,000 characters of trigram matching ran
-- past every timeout).
create or replace function public.search_places(query text, max_results integer default 10)
	returns table (
		id bigint,
		name text,
		country_code char(2),
		country_name text,
		region text,
		population integer,
		lat double precision,
		lng double precision
	)
	language plpgsql stable set search_path = ''
	as $$
#variable_conflict use_column
begin
	if char_length(search_places.query) > 100 then
		raise exception 'A place name is at most 100 characters.' using errcode = '22023';
	end if;
	return query
	with needle as (select lower(btrim(search_places.query)) as text)
	select p.id, p.name, p.country_code, c.name, p.region, p.population, p.lat, p.lng
	from public.places p
	join public.countries c on c.code = p.country_code, needle
	where char_length(needle.text) >= 2
		and (
			starts_with(lower(p.name), needle.text)
			or lower(p.name) operator(extensions.%) needle.text
		)
	order by
		starts_with(lower(p.name), needle.text) desc,
		extensions.similarity(lower(p.name), needle.text) desc,
		p.population desc
	limit least(greatest(search_places.max_results, 1), 50);
end;
$$;

-- PostgREST embeds along foreign keys, and this one let a single anonymous request nest the
-- gazetteer in itself (countries → places → countries → places: 17 MB, past the 1,000-row cap,
-- which only counts the outer rows). The gazetteer loader writes both tables together and the API
-- writes neither, so the key guarded nothing a user could change; without it there is nothing to
-- embed. A place's country is read by its code (public.place_by_id).
alter table public.places drop constraint places_country_code_fkey;

create function public.place_by_id(place_id bigint)
	returns table (
		id bigint,
		name text,
		country_code char(2),
		country_name text,
		region text,
		population integer,
		lat double precision,
		lng double precision
	)
	language sql stable set search_path = ''
	as $$
	select p.id, p.name, p.country_code, c.name, p.region, p.population, p.lat, p.lng
	from public.places p
	join public.countries c on c.code = p.country_code
	where p.id = place_id
$$;

revoke all on function public.place_by_id(bigint) from public;
grant execute on function public.place_by_id(bigint) to anon, authenticated;

-- Supabase's own limits per role, here as on a hosted project: PostgREST applies a role's
-- settings to each request it makes as that role.
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

-- 7. Coordinates -----------------------------------------------------------------------------------

-- True for a point on the globe; an error otherwise (a function in a WHERE clause is how a SQL
-- function refuses its arguments).
create function private.require_point(lat double precision, lng double precision) returns boolean
	language plpgsql immutable set search_path = ''
	as $$
begin
	if lat is null or lng is null or lat not between -90 and 90 or lng not between -180 and 180 then
		raise exception 'lat and lng must be within -90..90 and -180..180' using errcode = '22023';
	end if;
	return true;
end;
$$;

grant execute on function private.require_point(double precision, double precision) to authenticated;

create or replace function public.place_labels_for(lat double precision, lng double precision)
	returns table (
		"precision" public.location_precision,
		cell text,
		lat double precision,
		lng double precision,
		label text,
		stranger_precision public.location_precision,
		stranger_cell text,
		stranger_lat double precision,
		stranger_lng double precision,
		stranger_label text
	)
	language sql stable security definer set search_path = ''
	as $$
	with choices as (
		select level, here.*
		from unnest(enum_range(null::public.location_precision)) level
		cross join private.place_at(place_labels_for.lat, place_labels_for.lng, level) here
		where private.require_point(place_labels_for.lat, place_labels_for.lng)
	)
	select choices.level, choices.cell, choices.centre_lat, choices.centre_lng, choices.label,
		strangers.level, strangers.cell, strangers.lat, strangers.lng, strangers.label
	from choices
	left join lateral private.stranger_places(
		array[choices.country::text], (select auth.uid()), choices.cell
	) strangers on strangers.id = (select auth.uid())
	order by choices.level
$$;

-- 8. The export -----------------------------------------------------------------------------------

-- The export so far keeps its parts; this adds the rest of the account record (confirmation
-- times, the signed-in devices with their address and browser, the sign-in identities) and what
-- moderation holds about the person. The earlier function moves to private, unchanged, and the
-- new one adds to what it gives.
alter function public.export_my_data() rename to export_my_data_before_moderation;
alter function public.export_my_data_before_moderation() set schema private;
revoke all on function private.export_my_data_before_moderation() from public, anon, authenticated;

create function public.export_my_data() returns jsonb
	language sql stable security definer set search_path = ''
	as $$
	select private.export_my_data_before_moderation() || jsonb_build_object(
		'account', (
			select jsonb_build_object('id', u.id, 'email', u.email, 'created_at', u.created_at,
				'updated_at', u.updated_at, 'last_sign_in_at', u.last_sign_in_at,
				'email_confirmed_at', u.email_confirmed_at, 'confirmed_at', u.confirmed_at)
			from auth.users u where u.id = me.id
		),
		'sessions', coalesce((
			select jsonb_agg(jsonb_build_object('id', s.id, 'created_at', s.created_at,
				'updated_at', s.updated_at, 'refreshed_at', s.refreshed_at, 'not_after', s.not_after,
				'ip', s.ip, 'user_agent', s.user_agent) order by s.created_at)
			from auth.sessions s where s.user_id = me.id
		), '[]'::jsonb),
		'identities', coalesce((
			select jsonb_agg(jsonb_build_object('provider', i.provider, 'email', i.email,
				'identity_data', i.identity_data, 'created_at', i.created_at,
				'last_sign_in_at', i.last_sign_in_at) order by i.created_at)
			from auth.identities i where i.user_id = me.id
		), '[]'::jsonb),
		'reports_made', coalesce((
			select jsonb_agg(jsonb_build_object('id', r.id, 'subject', r.subject,
				'subject_id', r.subject_id, 'reason', r.reason, 'details', r.details,
				'status', r.status, 'created_at', r.created_at, 'resolved_at', r.resolved_at)
				order by r.created_at)
			from public.reports r where r.reporter_id = me.id
		), '[]'::jsonb),
		'suspension', (
			select jsonb_build_object('since', s.since, 'until', s.until, 'note', s.note)
			from public.suspensions s where s.profile_id = me.id
		),
		'moderator', exists (select 1 from public.moderators m where m.profile_id = me.id)
	)
	from (select (select auth.uid()) as id) me
	where me.id is not null
$$;

revoke all on function public.export_my_data() from public, anon;
grant execute on function public.export_my_data() to authenticated;

notify pgrst, 'reload config';
notify pgrst, 'reload schema';
