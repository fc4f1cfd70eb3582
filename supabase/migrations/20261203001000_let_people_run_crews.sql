-- Crews and congregations people run: creating and editing groups, asking to join, inviting,
-- leaving and removing, crews joining congregations, and the notifications each of these sends.
--
-- Every change of membership goes through a SECURITY DEFINER function below, never a plain insert
-- or delete: each checks who the caller is in the group, the group's status and seats, and blocks,
-- and tells the people concerned. Refusals are raised with a message a person can act on
-- (SQLSTATE P0001), except where a truthful reason would say that someone blocked the caller: then
-- the answer is the one an ordinary refusal gives (see private.refuses_person).
--
-- Who reads what:
-- - join requests: the requester, and the group's members (not requests from people who blocked
--   the member reading).
-- - invitations: the invitee (not from someone who has since blocked them), and the group's
--   members (not of people who blocked the member reading).
-- - crews' requests to join a congregation: the members of the crew and of the congregation.
-- - notifications: their recipient only.
-- - memberships: a group's members, not of people who blocked the member reading.
-- Who decided a request is recorded (decided_by) but not readable through the API, so a requester
-- is not told which member turned them down.

-- Groups people describe ----------------------------------------------------------------------

alter table public.groups
	add column commitment text not null default '' check (char_length(commitment) <= 120),
	add column languages text[] not null default '{}'
		check (cardinality(languages) <= 10 and private.all_shorter_than(languages, 40));

-- The languages check runs for whoever writes a group, the seed and the service role included.
grant usage on schema private to service_role;
grant execute on function private.all_shorter_than(text[], integer) to service_role;

comment on column public.groups.commitment is 'What joining asks of someone, e.g. "6 weeks, then we review".';

-- 'full' is the database's word, not a host's: a group with a size limit is full exactly when its
-- members fill it, and opens again when a seat frees. Hosts choose forming, open, paused or closed.
-- A size limit below the current membership is refused (nobody is removed by shrinking a group).
create function private.settle_group_status() returns trigger
	language plpgsql set search_path = ''
	as $$
begin
	if new.size_limit is not null and new.member_count > new.size_limit then
		raise exception 'The size limit cannot be below the group''s % members.', new.member_count
			using errcode = '23514';
	end if;
	if new.status in ('forming', 'open') and new.size_limit is not null
		and new.member_count >= new.size_limit then
		new.status := 'full';
	elsif new.status = 'full' and (new.size_limit is null or new.member_count < new.size_limit) then
		new.status := case when tg_op = 'UPDATE' and old.status = 'forming' then 'forming' else 'open' end;
	end if;
	return new;
end;
$$;

comment on function private.settle_group_status() is
	'Makes a group full exactly when its members fill its size limit, and open again when a seat frees.';

create trigger groups_settle_status
	before insert or update on public.groups
	for each row execute function private.settle_group_status();

-- The caller's role in a group ('host' or 'member'), or null. SECURITY DEFINER for the policies
-- and functions that ask it: the caller may not read memberships of groups they are not in.
create function private.role_in(group_id uuid) returns text
	language sql stable security definer set search_path = ''
	as $$
	select m.role from public.group_members m
	where m.group_id = role_in.group_id and m.profile_id = (select auth.uid())
$$;

comment on function private.role_in(uuid) is 'The caller''s role in this group, or null when they are not in it.';

-- Whether someone in the group and this person have blocked each other, either way. Such a person
-- cannot join, ask or be invited, and the refusal must not say why.
create function private.blocked_between(group_id uuid, person uuid) returns boolean
	language sql stable security definer set search_path = ''
	as $$
	select exists (
		select 1
		from public.group_members m
		join public.blocks b on (b.blocker_id = m.profile_id and b.blocked_id = person)
			or (b.blocker_id = person and b.blocked_id = m.profile_id)
		where m.group_id = blocked_between.group_id
	)
$$;

comment on function private.blocked_between(uuid, uuid) is
	'Whether a member of this group and this person have blocked one another, either way.';

-- Hosts edit their group with a plain update (kind, members and congregation change only through
-- the functions below). A group is made with create_group, which also makes its first host.
grant update (
	name, purpose, status, size_limit, meeting_mode, rhythm, commitment, languages, visibility,
	area_cell
) on public.groups to authenticated;
grant select (commitment, languages) on public.groups to anon, authenticated;

create policy "hosts edit their groups"
	on public.groups for update
	to authenticated
	using ((select private.role_in(id)) = 'host')
	with check ((select private.role_in(id)) = 'host');

grant execute on function private.role_in(uuid) to authenticated;

-- Memberships are hidden from the members who were blocked by them, as profiles are.
drop policy "members see the memberships of their own groups" on public.group_members;
create policy "members see the memberships of their own groups"
	on public.group_members for select
	to authenticated
	using (
		group_id = any ((select private.groups_of_caller())::uuid[])
		and profile_id <> all ((select private.blockers_of_caller())::uuid[])
	);

-- Requests, invitations ---------------------------------------------------------------------------

create type public.request_status as enum ('open', 'accepted', 'declined', 'withdrawn');

create table public.group_requests (
	id uuid primary key default gen_random_uuid(),
	group_id uuid not null references public.groups (id) on delete cascade,
	requester_id uuid not null references public.profiles (id) on delete cascade,
	-- Asking shares one's name and message with the group's members, whatever the profile shares.
	requester_name text not null,
	message text not null default '' check (char_length(message) <= 500),
	status public.request_status not null default 'open',
	created_at timestamptz not null default now(),
	decided_by uuid references public.profiles (id) on delete set null,
	decided_at timestamptz
);

comment on table public.group_requests is
	'Someone asking to join a group, with a short message, and what became of it.';

create unique index group_requests_one_open_idx on public.group_requests (group_id, requester_id)
	where status = 'open';
create index group_requests_requester_idx on public.group_requests (requester_id, created_at);

create table public.group_invitations (
	id uuid primary key default gen_random_uuid(),
	group_id uuid not null references public.groups (id) on delete cascade,
	invitee_id uuid not null references public.profiles (id) on delete cascade,
	invited_by uuid references public.profiles (id) on delete set null,
	inviter_name text not null,
	-- As the host saw them when inviting: the invitee chose to be visible to the host.
	invitee_name text not null,
	message text not null default '' check (char_length(message) <= 500),
	status public.request_status not null default 'open',
	created_at timestamptz not null default now(),
	decided_at timestamptz
);

comment on table public.group_invitations is 'A host inviting someone into a group, and their answer.';

create unique index group_invitations_one_open_idx on public.group_invitations (group_id, invitee_id)
	where status = 'open';
create index group_invitations_invitee_idx on public.group_invitations (invitee_id);
create index group_invitations_inviter_idx on public.group_invitations (invited_by, created_at);

create table public.congregation_requests (
	id uuid primary key default gen_random_uuid(),
	crew_id uuid not null references public.groups (id) on delete cascade,
	congregation_id uuid not null references public.groups (id) on delete cascade,
	status public.request_status not null default 'open',
	created_at timestamptz not null default now(),
	decided_at timestamptz
);

comment on table public.congregation_requests is
	'A crew''s hosts asking for it to join a congregation, decided by the congregation''s hosts.';

create unique index congregation_requests_one_open_idx
	on public.congregation_requests (crew_id, congregation_id) where status = 'open';
create index congregation_requests_congregation_idx on public.congregation_requests (congregation_id);

alter table public.group_requests enable row level security;
alter table public.group_invitations enable row level security;
alter table public.congregation_requests enable row level security;

-- Read only: every change is one of the functions below.
revoke all on public.group_requests, public.group_invitations, public.congregation_requests
	from anon, authenticated;
grant select (
	id, group_id, requester_id, requester_name, message, status, created_at, decided_at
) on public.group_requests to authenticated;
grant select (
	id, group_id, invitee_id, inviter_name, invitee_name, message, status, created_at, decided_at
) on public.group_invitations to authenticated;
grant select on public.congregation_requests to authenticated;

create policy "requesters and the group's members see requests"
	on public.group_requests for select
	to authenticated
	using (
		requester_id = (select auth.uid())
		or (
			group_id = any ((select private.groups_of_caller())::uuid[])
			and requester_id <> all ((select private.blockers_of_caller())::uuid[])
		)
	);

create policy "invitees and the group's members see invitations"
	on public.group_invitations for select
	to authenticated
	using (
		(
			invitee_id = (select auth.uid())
			and coalesce(invited_by <> all ((select private.blockers_of_caller())::uuid[]), true)
		)
		or (
			group_id = any ((select private.groups_of_caller())::uuid[])
			and invitee_id <> all ((select private.blockers_of_caller())::uuid[])
		)
	);

create policy "members of either group see a crew's request to join a congregation"
	on public.congregation_requests for select
	to authenticated
	using (
		crew_id = any ((select private.groups_of_caller())::uuid[])
		or congregation_id = any ((select private.groups_of_caller())::uuid[])
	);

-- Notifications -----------------------------------------------------------------------------------

create type public.notification_kind as enum (
	'request_received', 'request_decided', 'invitation_received', 'invitation_answered',
	'member_joined', 'member_left', 'member_removed', 'congregation_request_received',
	'congregation_request_decided', 'radar_alert'
);

create table public.notifications (
	id uuid primary key default gen_random_uuid(),
	recipient_id uuid not null references public.profiles (id) on delete cascade,
	kind public.notification_kind not null,
	group_id uuid references public.groups (id) on delete set null,
	request_id uuid references public.group_requests (id) on delete set null,
	invitation_id uuid references public.group_invitations (id) on delete set null,
	-- Who did it; not readable through the API, which gives actor_name instead.
	actor_id uuid references public.profiles (id) on delete set null,
	-- The words are kept as they were, so a notification reads the same after a rename.
	actor_name text,
	group_name text,
	body text not null default '',
	created_at timestamptz not null default now(),
	read_at timestamptz,
	-- The email outbox's progress: pending until queue_emails queues it or skips it.
	email_state text not null default 'pending' check (email_state in ('pending', 'queued', 'skipped'))
);

comment on table public.notifications is 'The owner-only inbox: what happened that concerns its recipient.';
comment on column public.notifications.body is
	'By kind: the message of a request or invitation; ''accepted'' or ''declined'' for a decision or '
	'an answer; the name of who joined for member_joined; the crew''s name for a congregation '
	'request; the sentence of a radar alert; empty otherwise.';

create index notifications_recipient_idx on public.notifications (recipient_id, created_at desc);
create index notifications_unread_idx on public.notifications (recipient_id) where read_at is null;
create index notifications_pending_email_idx on public.notifications (recipient_id)
	where email_state = 'pending';

alter table public.notifications enable row level security;
revoke all on public.notifications from anon, authenticated;
grant select (
	id, recipient_id, kind, group_id, request_id, invitation_id, actor_name, group_name, body,
	created_at, read_at
) on public.notifications to authenticated;

create policy "recipients read their notifications"
	on public.notifications for select
	to authenticated
	using (recipient_id = (select auth.uid()));

-- Tells each recipient (nobody twice, never the actor) what the actor did, leaving out anyone the
-- actor and they have blocked, either way.
create function private.notify(
	recipients uuid[],
	kind public.notification_kind,
	group_id uuid,
	body text default '',
	request_id uuid default null,
	invitation_id uuid default null
) returns void
	language sql security definer set search_path = ''
	as $$
	insert into public.notifications (
		recipient_id, kind, group_id, request_id, invitation_id, actor_id, actor_name, group_name, body
	)
	select distinct r.id, notify.kind, notify.group_id, notify.request_id, notify.invitation_id,
		me.id, me.display_name, g.name, coalesce(notify.body, '')
	from unnest(recipients) r (id)
	left join public.profiles me on me.id = (select auth.uid())
	left join public.groups g on g.id = notify.group_id
	where r.id is not null
		and r.id is distinct from me.id
		and not exists (
			select 1 from public.blocks b
			where (b.blocker_id = r.id and b.blocked_id = me.id)
				or (b.blocker_id = me.id and b.blocked_id = r.id)
		)
$$;

comment on function private.notify(uuid[], public.notification_kind, uuid, text, uuid, uuid) is
	'Adds a notification of what the caller did for each recipient, except the caller and anyone blocked either way.';

create function private.members_of(group_id uuid, role text default null) returns uuid[]
	language sql stable security definer set search_path = ''
	as $$
	select array(
		select m.profile_id from public.group_members m
		where m.group_id = members_of.group_id and (members_of.role is null or m.role = members_of.role)
	)
$$;

comment on function private.members_of(uuid, text) is 'The members of a group, or its hosts only.';

-- Marks the caller's notifications read: these ones, or all of them. Marking twice keeps the
-- first time.
create function public.mark_notifications_read(ids uuid[] default null) returns integer
	language sql security definer set search_path = ''
	as $$
	with marked as (
		update public.notifications
		set read_at = now()
		where recipient_id = (select auth.uid())
			and read_at is null
			and (ids is null or id = any (ids))
		returning 1
	)
	select count(*)::integer from marked
$$;

comment on function public.mark_notifications_read(uuid[]) is
	'Marks the caller''s notifications read (all when ids is null); returns how many were unread.';

-- The rules every change shares -------------------------------------------------------------------

-- The caller, who must be a signed-in member who has put themselves on the map (onboarded).
create function private.acting_member() returns uuid
	language plpgsql stable security definer set search_path = ''
	as $$
declare
	me uuid := (select auth.uid());
begin
	if me is null or not audience.is_member() then
		raise exception 'Sign in first.' using errcode = '42501';
	end if;
	if not exists (select 1 from public.profiles where id = me and onboarded_at is not null) then
		raise exception 'Finish your profile first: groups see you by it.' using errcode = '42501';
	end if;
	return me;
end;
$$;

comment on function private.acting_member() is
	'The caller''s id; refuses anonymous callers and people who have not finished their profile.';

-- The group, locked for this transaction, when the caller may see it: one answer for a group that
-- does not exist and one they may not see. The lock makes changes of one group's members one at a
-- time, so the seats are counted right however many accepts race.
create function private.group_for_change(group_id uuid) returns public.groups
	language plpgsql security definer set search_path = ''
	as $$
declare
	grp public.groups;
begin
	select * into grp from public.groups g where g.id = group_id for update;
	if grp.id is null or not audience.may_see(grp.visibility) then
		raise exception 'There is no such group, or it is shared only with members.'
			using errcode = 'P0002';
	end if;
	return grp;
end;
$$;

comment on function private.group_for_change(uuid) is
	'Locks and returns a group the caller may see; raises P0002 otherwise.';

create function private.require_host(grp public.groups) returns void
	language plpgsql stable security definer set search_path = ''
	as $$
begin
	if private.role_in(grp.id) is distinct from 'host' then
		raise exception 'Only the hosts of % can do this.', grp.name using errcode = '42501';
	end if;
end;
$$;

comment on function private.require_host(public.groups) is 'Refuses a caller who does not host this group.';

-- Why a group takes nobody in now, or null when it does. Seats are counted from the locked row.
create function private.closed_reason(grp public.groups) returns text
	language sql immutable set search_path = ''
	as $$
	select case
		when grp.status = 'closed' then format('%s has closed.', grp.name)
		when grp.status = 'paused' then format('%s is paused and takes nobody new for now.', grp.name)
		when grp.status = 'full'
			or (grp.size_limit is not null and grp.member_count >= grp.size_limit)
			then format('%s is full: there is no seat left.', grp.name)
	end
$$;

comment on function private.closed_reason(public.groups) is
	'Why a group takes nobody new now (closed, paused or full), or null.';

-- The one refusal that hides its reason: said to someone blocked by (or blocking) a member, and to
-- someone whose request this group declined in the last 30 days, so it does not tell which.
create function private.refuses_person(grp public.groups, person uuid) returns boolean
	language sql stable security definer set search_path = ''
	as $$
	select private.blocked_between(grp.id, person)
		or exists (
			select 1 from public.group_requests r
			where r.group_id = grp.id and r.requester_id = person and r.status = 'declined'
				and r.decided_at > now() - interval '30 days'
		)
$$;

comment on function private.refuses_person(public.groups, uuid) is
	'Whether the group takes no request from this person now: blocked either way, or declined lately.';

create function private.not_taking_you(grp public.groups) returns void
	language plpgsql set search_path = ''
	as $$
begin
	raise exception '% is not taking a request from you at the moment.', grp.name
		using errcode = 'P0001';
end;
$$;

comment on function private.not_taking_you(public.groups) is
	'The refusal that does not say why (see private.refuses_person).';

-- At most `most` of the caller's own rows in the last day, by a count of them.
create function private.check_daily_limit(done integer, most integer, what text) returns void
	language plpgsql immutable set search_path = ''
	as $$
begin
	if done >= most then
		raise exception 'You have sent % % in the last 24 hours, the most we allow: try again tomorrow.',
			most, what using errcode = 'P0001', hint = 'rate_limited';
	end if;
end;
$$;

comment on function private.check_daily_limit(integer, integer, text) is
	'Refuses a request or invitation past the daily limit, with a clear message.';

-- Puts someone in a group: the group is locked by the caller (group_for_change), and nobody joins
-- a closed, paused or full group or one where blocks stand between them and a member.
create function private.add_member(grp public.groups, person uuid, role text default 'member')
	returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	reason text := private.closed_reason(grp);
begin
	if reason is not null then
		raise exception '%', reason using errcode = 'P0001';
	end if;
	if private.blocked_between(grp.id, person) then
		perform private.not_taking_you(grp);
	end if;
	insert into public.group_members (group_id, profile_id, role) values (grp.id, person, role);
end;
$$;

comment on function private.add_member(public.groups, uuid, text) is
	'Adds a member to a locked group that has a seat and no blocks between them and its members.';

-- Creating and describing groups ------------------------------------------------------------------

create function public.create_group(
	kind public.group_kind,
	name text,
	area_cell text,
	purpose text default '',
	status public.group_status default 'forming',
	size_limit integer default null,
	meeting_mode text default 'in_person',
	rhythm text default '',
	commitment text default '',
	languages text[] default '{}',
	visibility public.group_visibility default 'members',
	congregation_id uuid default null
) returns uuid
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := private.acting_member();
	made uuid;
begin
	if status not in ('forming', 'open') then
		raise exception 'A new group starts forming or open.' using errcode = '23514';
	end if;
	perform private.check_daily_limit(
		(select count(*)::integer from public.groups g
			where g.created_by = me and g.created_at > now() - interval '1 day'),
		5, 'new groups'
	);
	insert into public.groups (
		kind, name, purpose, status, size_limit, meeting_mode, rhythm, commitment, languages,
		visibility, area_cell, created_by
	)
	values (
		kind, btrim(name), purpose, status, size_limit, meeting_mode, rhythm, commitment,
		coalesce(languages, '{}'), visibility, area_cell, me
	)
	returning id into made;
	insert into public.group_members (group_id, profile_id, role) values (made, me, 'host');
	if congregation_id is not null then
		perform public.request_congregation(made, congregation_id);
	end if;
	return made;
end;
$$;

comment on function public.create_group(public.group_kind, text, text, text, public.group_status, integer, text, text, text, text[], public.group_visibility, uuid) is
	'Makes a group with the caller as its first host; with a congregation, asks to join it.';

-- Asking to join ----------------------------------------------------------------------------------

create function public.request_to_join(group_id uuid, message text default '') returns uuid
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := private.acting_member();
	grp public.groups := private.group_for_change(group_id);
	reason text := private.closed_reason(grp);
	made uuid;
begin
	if private.role_in(grp.id) is not null then
		raise exception 'You are already in %.', grp.name using errcode = 'P0001';
	end if;
	if exists (
		select 1 from public.group_requests r
		where r.group_id = grp.id and r.requester_id = me and r.status = 'open'
	) then
		raise exception 'You have already asked to join %: your request is waiting for an answer.',
			grp.name using errcode = 'P0001';
	end if;
	if exists (
		select 1 from public.group_invitations i
		where i.group_id = grp.id and i.invitee_id = me and i.status = 'open'
	) then
		raise exception 'You are invited to % already: accept the invitation instead.', grp.name
			using errcode = 'P0001';
	end if;
	if reason is not null then
		raise exception '%', reason using errcode = 'P0001';
	end if;
	if private.refuses_person(grp, me) then
		perform private.not_taking_you(grp);
	end if;
	perform private.check_daily_limit(
		(select count(*)::integer from public.group_requests r
			where r.requester_id = me and r.created_at > now() - interval '1 day'),
		10, 'requests to join'
	);
	insert into public.group_requests (group_id, requester_id, requester_name, message)
	select grp.id, me, p.display_name, btrim(coalesce(message, ''))
	from public.profiles p where p.id = me
	returning id into made;
	perform private.notify(
		private.members_of(grp.id), 'request_received', grp.id, btrim(coalesce(message, '')), made
	);
	return made;
end;
$$;

comment on function public.request_to_join(uuid, text) is
	'Asks to join a group with a short message; its members are told. Refused with a clear reason.';

-- An open request, locked, that the caller may act on: their own, or one to a group they are in
-- (not from someone who blocked them). One answer for every other id.
create function private.open_request(request_id uuid, as_requester boolean)
	returns public.group_requests
	language plpgsql security definer set search_path = ''
	as $$
declare
	req public.group_requests;
begin
	select * into req from public.group_requests r where r.id = request_id for update;
	if req.id is null
		or (as_requester and req.requester_id is distinct from (select auth.uid()))
		or (not as_requester and (
			private.role_in(req.group_id) is null
			or req.requester_id = any (private.blockers_of_caller())
		)) then
		raise exception 'There is no such request for you to answer.' using errcode = 'P0002';
	end if;
	if req.status <> 'open' then
		raise exception 'This request was already %.', req.status using errcode = 'P0001';
	end if;
	return req;
end;
$$;

comment on function private.open_request(uuid, boolean) is
	'Locks and returns an open request the caller may act on; raises otherwise.';

create function public.withdraw_request(request_id uuid) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	req public.group_requests := private.open_request(request_id, true);
begin
	update public.group_requests set status = 'withdrawn', decided_at = now() where id = req.id;
end;
$$;

comment on function public.withdraw_request(uuid) is 'The requester takes back their open request.';

-- Any member may accept or decline. Accepting takes a seat: the group is locked first, so of many
-- accepts racing for the last seat exactly one succeeds and the rest are told the group is full
-- (their requests stay open).
create function public.decide_request(request_id uuid, accept boolean) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := private.acting_member();
	request public.group_requests := private.open_request(request_id, false);
	grp public.groups := private.group_for_change(request.group_id);
begin
	if accept is null then
		raise exception 'Say whether to accept the request.' using errcode = '22023';
	end if;
	if accept then
		perform private.add_member(grp, request.requester_id);
	end if;
	update public.group_requests
	set status = case when accept then 'accepted' else 'declined' end::public.request_status,
		decided_by = me, decided_at = now()
	where id = request.id;
	perform private.notify(
		array[request.requester_id], 'request_decided', grp.id,
		case when accept then 'accepted' else 'declined' end, request.id
	);
	if accept then
		perform private.notify(
			array_remove(private.members_of(grp.id), request.requester_id), 'member_joined',
			grp.id, request.requester_name, request.id
		);
	end if;
end;
$$;

comment on function public.decide_request(uuid, boolean) is
	'A member accepts (taking a seat) or declines a request; the requester is told.';

-- Invitations -------------------------------------------------------------------------------------

-- The host picks someone they can see: SECURITY INVOKER, so the profiles policies of the caller
-- answer whether they may see the invitee, then the definer below does the rest.
create function public.invite_to_group(group_id uuid, invitee_id uuid, message text default '')
	returns uuid
	language plpgsql set search_path = ''
	as $$
declare
	seen_as text;
begin
	select p.display_name into seen_as from public.profiles p where p.id = invitee_id;
	return private.invite(group_id, invitee_id, seen_as, message);
end;
$$;

comment on function public.invite_to_group(uuid, uuid, text) is
	'A host invites someone they can see into their group; the invitee is told.';

create function private.invite(group_id uuid, invitee_id uuid, seen_as text, message text)
	returns uuid
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := private.acting_member();
	grp public.groups := private.group_for_change(group_id);
	reason text := private.closed_reason(grp);
	made uuid;
begin
	perform private.require_host(grp);
	-- Someone the host cannot see and someone blocked either way get the same answer.
	if seen_as is null or invitee_id = me or private.blocked_between(grp.id, invitee_id) then
		raise exception 'You can invite only people you can see on the map or in the directory.'
			using errcode = 'P0001';
	end if;
	if exists (select 1 from public.group_members m
		where m.group_id = grp.id and m.profile_id = invitee_id) then
		raise exception '% is in % already.', seen_as, grp.name using errcode = 'P0001';
	end if;
	if exists (select 1 from public.group_invitations i
		where i.group_id = grp.id and i.invitee_id = invite.invitee_id and i.status = 'open') then
		raise exception '% is invited already.', seen_as using errcode = 'P0001';
	end if;
	if exists (select 1 from public.group_requests r
		where r.group_id = grp.id and r.requester_id = invitee_id and r.status = 'open') then
		raise exception '% has asked to join: accept their request instead.', seen_as
			using errcode = 'P0001';
	end if;
	if reason is not null then
		raise exception '%', reason using errcode = 'P0001';
	end if;
	perform private.check_daily_limit(
		(select count(*)::integer from public.group_invitations i
			where i.invited_by = me and i.created_at > now() - interval '1 day'),
		20, 'invitations'
	);
	insert into public.group_invitations (group_id, invitee_id, invited_by, inviter_name, invitee_name, message)
	select grp.id, invitee_id, me, p.display_name, seen_as, btrim(coalesce(message, ''))
	from public.profiles p where p.id = me
	returning id into made;
	perform private.notify(
		array[invitee_id], 'invitation_received', grp.id, btrim(coalesce(message, '')), null, made
	);
	return made;
end;
$$;

comment on function private.invite(uuid, uuid, text, text) is
	'The body of invite_to_group, once the caller''s own view has said whether they see the invitee.';

-- An open invitation, locked: the invitee's own (not from someone who has blocked them since), or,
-- for hosts, one of their group's. One answer for every other id.
create function private.open_invitation(invitation_id uuid, as_invitee boolean)
	returns public.group_invitations
	language plpgsql security definer set search_path = ''
	as $$
declare
	inv public.group_invitations;
begin
	select * into inv from public.group_invitations i where i.id = invitation_id for update;
	if inv.id is null
		or (as_invitee and (inv.invitee_id is distinct from (select auth.uid())
			or inv.invited_by = any (private.blockers_of_caller())))
		or (not as_invitee and private.role_in(inv.group_id) is distinct from 'host') then
		raise exception 'There is no such invitation for you to answer.' using errcode = 'P0002';
	end if;
	if inv.status <> 'open' then
		raise exception 'This invitation was already %.', inv.status using errcode = 'P0001';
	end if;
	return inv;
end;
$$;

comment on function private.open_invitation(uuid, boolean) is
	'Locks and returns an open invitation the caller may act on; raises otherwise.';

create function public.answer_invitation(invitation_id uuid, accept boolean) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := private.acting_member();
	invitation public.group_invitations := private.open_invitation(invitation_id, true);
	grp public.groups;
begin
	if accept is null then
		raise exception 'Say whether to accept the invitation.' using errcode = '22023';
	end if;
	select * into grp from public.groups g where g.id = invitation.group_id for update;
	if accept then
		perform private.add_member(grp, me);
	end if;
	update public.group_invitations
	set status = case when accept then 'accepted' else 'declined' end::public.request_status,
		decided_at = now()
	where id = invitation.id;
	perform private.notify(
		private.members_of(grp.id, 'host'), 'invitation_answered', grp.id,
		case when accept then 'accepted' else 'declined' end, null, invitation.id
	);
	if accept then
		perform private.notify(
			private.members_of(grp.id, 'member'), 'member_joined', grp.id,
			invitation.invitee_name, null, invitation.id
		);
	end if;
end;
$$;

comment on function public.answer_invitation(uuid, boolean) is
	'The invitee accepts (taking a seat) or declines; the hosts are told.';

create function public.withdraw_invitation(invitation_id uuid) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	invitation public.group_invitations := private.open_invitation(invitation_id, false);
begin
	update public.group_invitations set status = 'withdrawn', decided_at = now()
	where id = invitation.id;
end;
$$;

comment on function public.withdraw_invitation(uuid) is 'A host takes back an open invitation.';

-- Leaving, removing, handing over ------------------------------------------------------------------

-- A group keeps a host while anyone is in it: the last host hands over first (set_member_role) or
-- closes the group. The last person to leave closes it.
create function public.leave_group(group_id uuid) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := private.acting_member();
	grp public.groups := private.group_for_change(group_id);
	my_role text := private.role_in(grp.id);
	hosts uuid[] := private.members_of(grp.id, 'host');
begin
	if my_role is null then
		raise exception 'You are not in %.', grp.name using errcode = 'P0001';
	end if;
	if my_role = 'host' and cardinality(hosts) = 1 and grp.member_count > 1
		and grp.status <> 'closed' then
		raise exception 'You are the last host of %: make another member a host first, or close the group.',
			grp.name using errcode = 'P0001';
	end if;
	delete from public.group_members m where m.group_id = grp.id and m.profile_id = me;
	if grp.member_count = 1 then
		update public.groups set status = 'closed' where id = grp.id;
	end if;
	perform private.notify(private.members_of(grp.id), 'member_left', grp.id);
end;
$$;

comment on function public.leave_group(uuid) is
	'The caller leaves a group; the last host must hand over or close it first. Members are told.';

create function public.remove_member(group_id uuid, profile_id uuid) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := private.acting_member();
	grp public.groups := private.group_for_change(group_id);
begin
	perform private.require_host(grp);
	if profile_id = me then
		raise exception 'To leave %, use leave instead.', grp.name using errcode = 'P0001';
	end if;
	delete from public.group_members m where m.group_id = grp.id and m.profile_id = remove_member.profile_id;
	if not found then
		raise exception 'This person is not in %.', grp.name using errcode = 'P0002';
	end if;
	perform private.notify(array[profile_id], 'member_removed', grp.id);
end;
$$;

comment on function public.remove_member(uuid, uuid) is 'A host removes a member, who is told.';

create function public.set_member_role(group_id uuid, profile_id uuid, role text) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := private.acting_member();
	grp public.groups := private.group_for_change(group_id);
begin
	perform private.require_host(grp);
	if role is null or role not in ('host', 'member') then
		raise exception 'A role is host or member.' using errcode = '22023';
	end if;
	if role = 'member' and cardinality(private.members_of(grp.id, 'host')) = 1
		and profile_id = me then
		raise exception 'You are the last host of %: make another member a host first.', grp.name
			using errcode = 'P0001';
	end if;
	update public.group_members m set role = set_member_role.role
	where m.group_id = grp.id and m.profile_id = set_member_role.profile_id;
	if not found then
		raise exception 'This person is not in %.', grp.name using errcode = 'P0002';
	end if;
end;
$$;

comment on function public.set_member_role(uuid, uuid, text) is
	'A host makes a member a host, or a host a member (never leaving the group without one).';

-- Crews in congregations ---------------------------------------------------------------------------

create function public.request_congregation(crew_id uuid, congregation_id uuid) returns uuid
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := private.acting_member();
	crew public.groups := private.group_for_change(crew_id);
	congregation public.groups := private.group_for_change(congregation_id);
	made uuid;
begin
	perform private.require_host(crew);
	if crew.kind <> 'crew' or congregation.kind <> 'congregation' then
		raise exception 'Only a crew can join, and only a congregation.' using errcode = '23514';
	end if;
	if crew.congregation_id = congregation.id then
		raise exception '% is in % already.', crew.name, congregation.name using errcode = 'P0001';
	end if;
	if congregation.status in ('closed', 'paused') then
		raise exception '%', private.closed_reason(congregation) using errcode = 'P0001';
	end if;
	if exists (select 1 from public.congregation_requests r
		where r.crew_id = crew.id and r.congregation_id = congregation.id and r.status = 'open') then
		raise exception '% has asked to join % already.', crew.name, congregation.name
			using errcode = 'P0001';
	end if;
	-- A host of both needs nobody's answer.
	if private.role_in(congregation.id) = 'host' then
		update public.groups set congregation_id = congregation.id where id = crew.id;
		return null;
	end if;
	insert into public.congregation_requests (crew_id, congregation_id)
	values (crew.id, congregation.id)
	returning id into made;
	perform private.notify(
		private.members_of(congregation.id, 'host'), 'congregation_request_received', congregation.id,
		crew.name
	);
	return made;
end;
$$;

comment on function public.request_congregation(uuid, uuid) is
	'A crew''s host asks for it to join a congregation; the congregation''s hosts are told.';

create function public.decide_congregation_request(request_id uuid, accept boolean) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	request public.congregation_requests;
	congregation public.groups;
begin
	perform private.acting_member();
	select * into request from public.congregation_requests r where r.id = request_id for update;
	if request.id is null or private.role_in(request.congregation_id) is distinct from 'host' then
		raise exception 'There is no such request for you to answer.' using errcode = 'P0002';
	end if;
	if request.status <> 'open' then
		raise exception 'This request was already %.', request.status using errcode = 'P0001';
	end if;
	if accept is null then
		raise exception 'Say whether to accept the request.' using errcode = '22023';
	end if;
	congregation := private.group_for_change(request.congregation_id);
	if accept then
		update public.groups set congregation_id = congregation.id where id = request.crew_id;
	end if;
	update public.congregation_requests
	set status = case when accept then 'accepted' else 'declined' end::public.request_status,
		decided_at = now()
	where id = request.id;
	perform private.notify(
		private.members_of(request.crew_id, 'host'), 'congregation_request_decided', request.crew_id,
		case when accept then 'accepted' else 'declined' end
	);
end;
$$;

comment on function public.decide_congregation_request(uuid, boolean) is
	'A congregation''s host accepts or declines a crew''s request to join; the crew''s hosts are told.';

create function public.leave_congregation(crew_id uuid) returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	crew public.groups;
begin
	perform private.acting_member();
	crew := private.group_for_change(crew_id);
	perform private.require_host(crew);
	update public.groups set congregation_id = null where id = crew.id;
end;
$$;

comment on function public.leave_congregation(uuid) is 'A crew''s host takes the crew out of its congregation.';

-- Who is in a group, and who hosts it -------------------------------------------------------------

-- The member list, for members only, each member as their own profile lets the caller see them:
-- SECURITY INVOKER, so the memberships and profiles policies answer (a member whose profile the
-- caller may not see is listed without a name; one who blocked the caller is not listed).
create function public.group_members_of(group_id uuid)
	returns table (profile_id uuid, role text, joined_at timestamptz, display_name text, place_label text)
	language sql stable set search_path = ''
	as $$
	select m.profile_id, m.role, m.joined_at, p.display_name, p.place_label
	from public.group_members m
	left join public.profiles p on p.id = m.profile_id
	where m.group_id = group_members_of.group_id
	order by m.role = 'host' desc, m.joined_at, m.profile_id
$$;

comment on function public.group_members_of(uuid) is
	'A group''s members as the caller (a member) may see them: unnamed where their profile is hidden.';

-- A group's hosts, shown to members who may see the group, each only as their own profile lets
-- the caller see them: the ids come from the definer below, the names through the caller's
-- policies. Anonymous visitors are not told who hosts a group: private stays closed to them, and
-- the ids alone would tie a host's groups together whatever their profile shares.
create function private.host_ids_of(group_id uuid) returns uuid[]
	language sql stable security definer set search_path = ''
	as $$
	select coalesce(array_agg(m.profile_id), '{}')
	from public.group_members m
	join public.groups g on g.id = m.group_id
	where m.group_id = host_ids_of.group_id and m.role = 'host' and audience.may_see(g.visibility)
$$;

comment on function private.host_ids_of(uuid) is 'The hosts of a group the caller may see.';

create function public.group_hosts_of(group_id uuid)
	returns table (profile_id uuid, display_name text)
	language sql stable set search_path = ''
	as $$
	select p.id, p.display_name
	from public.profiles p
	where p.id = any (private.host_ids_of(group_id))
	order by p.display_name, p.id
$$;

comment on function public.group_hosts_of(uuid) is
	'The hosts of a group whose profiles the caller may see (hosts who share less are left out).';

grant execute on function private.host_ids_of(uuid) to authenticated;

grant execute on function
	public.create_group(public.group_kind, text, text, text, public.group_status, integer, text, text, text, text[], public.group_visibility, uuid),
	public.request_to_join(uuid, text),
	public.withdraw_request(uuid),
	public.decide_request(uuid, boolean),
	public.invite_to_group(uuid, uuid, text),
	public.answer_invitation(uuid, boolean),
	public.withdraw_invitation(uuid),
	public.leave_group(uuid),
	public.remove_member(uuid, uuid),
	public.set_member_role(uuid, uuid, text),
	public.request_congregation(uuid, uuid),
	public.decide_congregation_request(uuid, boolean),
	public.leave_congregation(uuid),
	public.group_members_of(uuid),
	public.mark_notifications_read(uuid[])
	to authenticated;
grant execute on function private.invite(uuid, uuid, text, text) to authenticated;
grant execute on function public.group_hosts_of(uuid) to authenticated;
