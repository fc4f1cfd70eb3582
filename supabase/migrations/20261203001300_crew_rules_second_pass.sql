-- Second pass over the crew rules and the outbox, after the attack suite and the mail worker:
--
-- 1. A member who leaves is not named to the others (an only-me member would be, otherwise).
-- 2. Invitations are read by the invitee and the group's hosts, not every member: the invitee
--    chose to be seen by the host who invited them, not by the whole group.
-- 3. A block closes what was open between the two people in a group: the blocked person's open
--    request to a group the blocker is in is declined (an ordinary outcome, so no member accepting
--    it later is told of a block), and open invitations across the block are withdrawn.
-- 4. A crew told that a congregation decided learns the congregation's name.
-- 5. queue_emails works without a temporary table (making one each pass was DDL, every few
--    seconds), and the worker claims outbox emails before sending, so two workers running at once
--    never send one email twice.

-- 1. ---------------------------------------------------------------------------------------------

create or replace function public.leave_group(group_id uuid) returns void
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
	-- Told as the group's news, without the name: the member list shows each member only as
	-- their own profile allows, and leaving should not say more.
	perform private.notify_as(null, private.members_of(grp.id), 'member_left', grp.id);
end;
$$;

-- 2. ---------------------------------------------------------------------------------------------

drop policy "invitees and the group's members see invitations" on public.group_invitations;
create policy "invitees and the group's hosts see invitations"
	on public.group_invitations for select
	to authenticated
	using (
		(
			invitee_id = (select auth.uid())
			and not private.hidden_from_invitee(group_id, invited_by)
		)
		or (
			private.role_in(group_id) = 'host'
			and invitee_id <> all ((select private.blockers_of_caller())::uuid[])
			and coalesce(invited_by <> all ((select private.blockers_of_caller())::uuid[]), true)
		)
	);

-- 3. ---------------------------------------------------------------------------------------------

create function private.close_asks_across_block() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
begin
	-- Requests either of them made to a group the other is in.
	update public.group_requests r
	set status = 'declined', decided_at = now()
	where r.status = 'open'
		and (
			(r.requester_id = new.blocked_id and new.blocker_id = any (private.members_of(r.group_id)))
			or (r.requester_id = new.blocker_id and new.blocked_id = any (private.members_of(r.group_id)))
		);
	-- Invitations of either into a group the other is in, or sent by the other.
	update public.group_invitations i
	set status = 'withdrawn', decided_at = now()
	where i.status = 'open'
		and (
			(i.invitee_id = new.blocked_id
				and (i.invited_by = new.blocker_id or new.blocker_id = any (private.members_of(i.group_id))))
			or (i.invitee_id = new.blocker_id
				and (i.invited_by = new.blocked_id or new.blocked_id = any (private.members_of(i.group_id))))
		);
	return null;
end;
$$;

comment on function private.close_asks_across_block() is
	'Declines open requests and withdraws open invitations between two people a new block separates.';

create trigger blocks_close_asks_across_block
	after insert on public.blocks
	for each row execute function private.close_asks_across_block();

-- 4. ---------------------------------------------------------------------------------------------

create or replace function public.decide_congregation_request(request_id uuid, accept boolean)
	returns void
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
	-- As any decision, the congregation's, not the name of the host who made it.
	perform private.notify_as(
		null, private.members_of(request.crew_id, 'host'), 'congregation_request_decided',
		request.crew_id, case when accept then 'accepted: ' else 'declined: ' end || congregation.name
	);
end;
$$;

comment on column public.notifications.body is
	'By kind: the message of a request or invitation; ''accepted'' or ''declined'' for a decision or '
	'an answer, and for a congregation''s decision that word, '': '' and the congregation''s name; '
	'the name of who joined for member_joined; the crew''s name for a congregation request; the '
	'sentence of a radar alert; empty otherwise.';

-- 5. ---------------------------------------------------------------------------------------------

create or replace function public.queue_emails(at timestamptz default now()) returns integer
	language plpgsql security definer set search_path = ''
	as $$
declare
	queued integer;
begin
	perform pg_advisory_xact_lock(hashtext('public.queue_emails'));

	-- Skipped: what its recipient wants never emailed, and digest items read in the inbox since.
	update public.notifications n set email_state = 'skipped'
	from public.notifications pending
	left join public.email_settings s on s.profile_id = pending.recipient_id and s.kind = pending.kind
	where n.id = pending.id and pending.email_state = 'pending' and pending.created_at <= at
		and (
			coalesce(s.delivery, private.default_delivery(pending.kind)) = 'never'
			or (coalesce(s.delivery, private.default_delivery(pending.kind)) = 'daily'
				and pending.read_at is not null)
		);

	insert into private.email_tokens (profile_id)
	select distinct n.recipient_id from public.notifications n
	where n.email_state = 'pending' and n.created_at <= at
	on conflict (profile_id) do nothing;

	with due as (
		select n.id, n.recipient_id, n.created_at,
			coalesce(s.delivery, private.default_delivery(n.kind)) as delivery
		from public.notifications n
		left join public.email_settings s on s.profile_id = n.recipient_id and s.kind = n.kind
		where n.email_state = 'pending' and n.created_at <= at
	),
	-- Digests wait until the person's oldest pending one has waited a day.
	sendable as (
		select d.* from due d
		where d.delivery = 'now'
			or d.recipient_id in (
				select w.recipient_id from due w where w.delivery = 'daily'
				group by w.recipient_id having min(w.created_at) <= at - interval '1 day'
			)
	),
	emails as (
		insert into public.outbox_emails (recipient_id, to_address, digest, notification_ids, settings_token)
		select d.recipient_id, u.email, d.delivery = 'daily',
			array_agg(d.id order by d.created_at, d.id), t.token
		from sendable d
		join auth.users u on u.id = d.recipient_id
		join private.email_tokens t on t.profile_id = d.recipient_id
		where u.email is not null
		group by d.recipient_id, u.email, t.token, d.delivery,
			case when d.delivery = 'now' then d.id end
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
	from auth.users u
	where n.email_state = 'pending' and n.created_at <= at and u.id = n.recipient_id
		and u.email is null;

	return queued;
end;
$$;

alter table public.outbox_emails add column claimed_until timestamptz;

comment on column public.outbox_emails.claimed_until is
	'Until when a worker is sending this email: no other worker takes it before then.';

-- Takes up to batch_size unsent emails that no other worker holds, oldest first, for lease_seconds;
-- with recipients, only those people's (to retry one person's mail after fixing their address,
-- and for tests, which share one stack). A worker that crashes holding some lets them go when the
-- lease ends; one that fails to send lets go when its pass ends.
create function public.claim_outbox_emails(
	batch_size integer default 20,
	lease_seconds integer default 300,
	recipients uuid[] default null
)
	returns setof public.outbox_emails
	language sql security definer set search_path = ''
	as $$
	update public.outbox_emails o
	set claimed_until = now() + make_interval(secs => lease_seconds)
	where o.id in (
		select c.id from public.outbox_emails c
		where c.sent_at is null and (c.claimed_until is null or c.claimed_until < now())
			and (recipients is null or c.recipient_id = any (recipients))
		order by c.created_at, c.id
		limit batch_size
		for update skip locked
	)
	returning o.*
$$;

comment on function public.claim_outbox_emails(integer, integer, uuid[]) is
	'Claims unsent outbox emails (of these recipients, or everyone''s) for one worker, oldest first, for a lease. For the notify worker.';

revoke all on function public.claim_outbox_emails(integer, integer, uuid[]) from public, anon, authenticated;
grant execute on function public.claim_outbox_emails(integer, integer, uuid[]) to service_role;
grant update (claimed_until) on public.outbox_emails to service_role;
