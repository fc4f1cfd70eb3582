-- Three mends to who hosts a gathering, found after the gatherings landed.
--
-- 1. A host always reads their own gathering's venue. may_read_venue asked every reader for "no
--    block with a host", hosts included, so two co-hosts who blocked each other both lost the
--    venue of the gathering they run. The block rule stays for attendees.
-- 2. A draft is read by its hosts only. Its creator also read it, so that a new draft can be read
--    back before the trigger adds its first host; but that also let a creator who had handed the
--    draft over and stepped down keep reading it. The creator's reading now holds only while the
--    draft has no host of its own, which is only inside the insert that makes it.
-- 3. A gathering keeps a host of its own however its last one goes. remove_gathering_host refuses
--    the last, but an account deleted takes its hostings by cascade. Then a host of the host group
--    (the longest-standing) takes it on; with nobody to take it on, a draft goes and an upcoming
--    published gathering is cancelled, which tells the people going.

-- 1. The venue --------------------------------------------------------------------------------------

create or replace function private.may_read_venue(gathering_id uuid, person uuid) returns boolean
	language sql stable security definer set search_path = ''
	as $$
	select case private.gathering_role_of(gathering_id, person)
		when 'host' then true
		when 'confirmed' then not private.blocked_with_hosts(gathering_id, person)
		else false
	end
$$;

comment on function private.may_read_venue(uuid, uuid) is
	'Whether this person may read the gathering''s venue and joining link: a host, or confirmed with no block with a host.';

-- 2. Drafts ------------------------------------------------------------------------------------------

create function private.gathering_has_own_hosts(gathering_id uuid) returns boolean
	language sql stable security definer set search_path = ''
	as $$
	select exists (
		select 1 from public.gathering_hosts h where h.gathering_id = gathering_has_own_hosts.gathering_id
	)
$$;

comment on function private.gathering_has_own_hosts(uuid) is
	'Whether a gathering has a host of its own (false only inside the insert that makes it).';

grant execute on function private.gathering_has_own_hosts(uuid) to authenticated;

drop policy "members see the gatherings shared with them, hosts their drafts" on public.gatherings;

create policy "members see the gatherings shared with them, hosts their drafts"
	on public.gatherings for select
	to authenticated
	using (
		(status <> 'draft' and audience.may_see(visibility))
		or id = any ((select private.hosted_by_caller())::uuid[])
		or (
			status = 'draft'
			and created_by = (select auth.uid())
			and not private.gathering_has_own_hosts(id)
		)
	);

-- 3. The last host ------------------------------------------------------------------------------------

create function private.keep_a_gathering_host() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
declare
	event public.gatherings;
	successor uuid;
begin
	select * into event from public.gatherings g where g.id = old.gathering_id;
	-- Gone with its gathering, or another host of its own is left.
	if event.id is null or private.gathering_has_own_hosts(event.id) then
		return null;
	end if;
	select m.profile_id into successor
	from public.group_members m
	join public.profiles p on p.id = m.profile_id
	where m.group_id = event.host_group_id and m.role = 'host'
	order by m.joined_at, m.profile_id
	limit 1;
	if successor is not null then
		insert into public.gathering_hosts (gathering_id, profile_id) values (event.id, successor);
	elsif event.status = 'draft' then
		delete from public.gatherings g where g.id = event.id;
	elsif event.status = 'published'
		and audience.gathering_ends(event.ends_at, event.recurrence, event.repeats_until) > now() then
		update public.gatherings g set status = 'cancelled' where g.id = event.id;
	end if;
	return null;
end;
$$;

comment on function private.keep_a_gathering_host() is
	'When a gathering''s last own host goes: the host group''s longest-standing host takes it on; else a draft goes and an upcoming published gathering is cancelled.';

create trigger gathering_hosts_keep_a_host
	after delete on public.gathering_hosts
	for each row execute function private.keep_a_gathering_host();

-- The cancellation tells the gathering's people; while an account is being deleted, its RSVPs and
-- group memberships may outlive its profile for a moment (cascades run one table at a time), so
-- those told, and the host who takes over, are only people whose profile is still there.
create or replace function private.gathering_audience(gathering_id uuid) returns uuid[]
	language sql stable security definer set search_path = ''
	as $$
	select array(
		select p.id
		from (
			select r.profile_id from public.gathering_rsvps r
			where r.gathering_id = gathering_audience.gathering_id
				and r.answer = 'going' and r.state <> 'declined'
			union
			select unnest(private.gathering_host_ids(gathering_audience.gathering_id))
		) people (id)
		join public.profiles p on p.id = people.id
	)
$$;
