-- What the crew attack suite (tests/integration/privacy/crews*.test.ts, notifications, radar)
-- proved wrong in 20261203001000_let_people_run_crews.sql and 20261203001100_crew_radar_and_email.sql.
-- Each change says which rule it keeps and the test that failed without it.
--
-- 1. Daily limits and the five waiting radar alerts were counted before the caller's own rows of
--    a request still running were committed: two requests of one person arriving together both
--    passed (crews-groups, crews-requests, crews-invitations, radar: "...overlap"). Each person's
--    limited changes now run one at a time (private.lock_person).
-- 2. A requester was told by name which member decided their request (the notification's actor),
--    although decided_by is kept unreadable for exactly that; members were told by name who let a
--    newcomer in, and a removed member which host removed them, whatever those members' profiles
--    share (notifications: "who a notification names").
-- 3. Blocks did not stay total around invitations and the inbox (crews-blocking):
--    - an invitation made before a block let the invitee in, or refused them with an answer only
--      a block gives; and asking to join said "you are invited already" of an invitation the
--      asker could no longer see;
--    - members blocked by a host still read that host's name on the host's invitations;
--    - the inbox and the export kept the names of people who had since blocked their reader.

-- 1. One change at a time per person ---------------------------------------------------------------

-- Taken before a person's limited change counts what they did today: a second change of theirs
-- waits for the first to commit, then counts it. Per person, so nobody waits for anyone else.
create function private.lock_person(person uuid) returns void
	language sql volatile set search_path = ''
	as $$
	select pg_advisory_xact_lock(hashtext('private.lock_person'), hashtext(person::text))
$$;

comment on function private.lock_person(uuid) is
	'Makes this person''s limited changes run one at a time, so daily limits count each of them.';

-- Every change of groups starts here, so every one of a person's changes (creating groups,
-- asking, inviting) is counted after the ones before it have committed. VOLATILE now that it
-- takes a lock.
create or replace function private.acting_member() returns uuid
	language plpgsql volatile security definer set search_path = ''
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
	perform private.lock_person(me);
	return me;
end;
$$;

comment on function private.acting_member() is
	'The caller''s id, their changes made one at a time; refuses anonymous callers and people who have not finished their profile.';

create or replace function private.limit_radar_alerts() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
begin
	perform private.lock_person(new.profile_id);
	if (select count(*) from public.radar_alerts where profile_id = new.profile_id and fired_at is null) >= 5 then
		raise exception 'You have five alerts waiting already: remove one first.' using errcode = 'P0001';
	end if;
	return new;
end;
$$;

-- 2. Notifications name who acted only where acting shares the name ----------------------------

-- private.notify with the actor given: null for what the group did as a whole (no name, no
-- blocks to leave anyone out for), or the person the notification is about.
create function private.notify_as(
	actor uuid,
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
	select distinct r.id, notify_as.kind, notify_as.group_id, notify_as.request_id,
		notify_as.invitation_id, who.id, who.display_name, g.name, coalesce(notify_as.body, '')
	from unnest(recipients) r (id)
	left join public.profiles who on who.id = actor
	left join public.groups g on g.id = notify_as.group_id
	where r.id is not null
		and r.id is distinct from actor
		and not exists (
			select 1 from public.blocks b
			where (b.blocker_id = r.id and b.blocked_id = actor)
				or (b.blocker_id = actor and b.blocked_id = r.id)
		)
$$;

comment on function private.notify_as(uuid, uuid[], public.notification_kind, uuid, text, uuid, uuid) is
	'Adds a notification for each recipient of what `actor` did (null: the group), except the actor and anyone blocked either way.';

create or replace function private.notify(
	recipients uuid[],
	kind public.notification_kind,
	group_id uuid,
	body text default '',
	request_id uuid default null,
	invitation_id uuid default null
) returns void
	language sql security definer set search_path = ''
	as $$
	select private.notify_as((select auth.uid()), recipients, kind, group_id, body, request_id, invitation_id)
$$;

-- A decision is the group's: the requester is told it without the name of the member who made it,
-- and the other members are told of the newcomer as the newcomer's own act (as when an invitation
-- is accepted), not who let them in.
create or replace function public.decide_request(request_id uuid, accept boolean) returns void
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
	perform private.notify_as(
		null, array[request.requester_id], 'request_decided', grp.id,
		case when accept then 'accepted' else 'declined' end, request.id
	);
	if accept then
		perform private.notify_as(
			request.requester_id, array_remove(private.members_of(grp.id), me), 'member_joined', grp.id,
			request.requester_name, request.id
		);
	end if;
end;
$$;

-- A removal is the hosts' decision, told like one: without the name of the host who made it.
create or replace function public.remove_member(group_id uuid, profile_id uuid) returns void
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
	perform private.notify_as(null, array[profile_id], 'member_removed', grp.id);
end;
$$;

-- 3. Blocks around invitations and the inbox ---------------------------------------------------------

-- Whether an invitation into this group from this inviter is hidden from its invitee (the caller):
-- the inviter has blocked them, or someone in the group and they have blocked one another. Such an
-- invitation can never be accepted (private.add_member), so it is answered as one that does not
-- exist, rather than with a refusal that only a block gives. The one rule for the invitee's view,
-- the answer, asking to join and the export.
create function private.hidden_from_invitee(group_id uuid, invited_by uuid) returns boolean
	language sql stable security definer set search_path = ''
	as $$
	select coalesce(invited_by = any (private.blockers_of_caller()), false)
		or private.blocked_between(group_id, (select auth.uid()))
$$;

comment on function private.hidden_from_invitee(uuid, uuid) is
	'Whether an invitation into this group from this inviter is hidden from the caller, its invitee, by a block.';

grant execute on function private.hidden_from_invitee(uuid, uuid) to authenticated;

-- Members no longer read the name of a host who blocked them on that host's invitations.
drop policy "invitees and the group's members see invitations" on public.group_invitations;
create policy "invitees and the group's members see invitations"
	on public.group_invitations for select
	to authenticated
	using (
		(
			invitee_id = (select auth.uid())
			and not private.hidden_from_invitee(group_id, invited_by)
		)
		or (
			group_id = any ((select private.groups_of_caller())::uuid[])
			and invitee_id <> all ((select private.blockers_of_caller())::uuid[])
			and coalesce(invited_by <> all ((select private.blockers_of_caller())::uuid[]), true)
		)
	);

create or replace function private.open_invitation(invitation_id uuid, as_invitee boolean)
	returns public.group_invitations
	language plpgsql security definer set search_path = ''
	as $$
declare
	inv public.group_invitations;
begin
	select * into inv from public.group_invitations i where i.id = invitation_id for update;
	if inv.id is null
		or (as_invitee and (inv.invitee_id is distinct from (select auth.uid())
			or private.hidden_from_invitee(inv.group_id, inv.invited_by)))
		or (not as_invitee and private.role_in(inv.group_id) is distinct from 'host') then
		raise exception 'There is no such invitation for you to answer.' using errcode = 'P0002';
	end if;
	if inv.status <> 'open' then
		raise exception 'This invitation was already %.', inv.status using errcode = 'P0001';
	end if;
	return inv;
end;
$$;

-- "You are invited already" only of an invitation the asker can see and answer; past a hidden one,
-- the ordinary refusal that does not say why (private.refuses_person) answers.
create or replace function public.request_to_join(group_id uuid, message text default '') returns uuid
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
			and not private.hidden_from_invitee(i.group_id, i.invited_by)
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

-- Notifications name only their actor (2 above), and notify leaves out anyone blocked either
-- way; what a person was told before someone blocked them goes when the block is made, from their
-- inbox, their export and any email not yet queued, so the blocker's name is nowhere left for them.
create function private.forget_blocker_in_inbox() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
begin
	delete from public.notifications n
	where n.recipient_id = new.blocked_id and n.actor_id = new.blocker_id;
	return null;
end;
$$;

comment on function private.forget_blocker_in_inbox() is
	'Removes from the blocked person''s inbox what the blocker did that told them.';

create trigger blocks_forget_blocker_in_inbox
	after insert on public.blocks
	for each row execute function private.forget_blocker_in_inbox();

-- The export leaves out the invitations hidden from the caller by a block, as the API does:
-- they carry the name of the person who blocked them.
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
		), '[]'::jsonb)
	)
	from (select (select auth.uid()) as id) me
	where me.id is not null
$$;
