-- A group keeps a host while anyone is in it, however its last host goes: leave_group asks them
-- to hand over first, but an account deleted (delete_my_account, an administrator) takes its
-- memberships with it by cascade. Then the member who has been in the group longest becomes its
-- host, and a group left with nobody in it closes, as leave_group closes it for the last person.
create function private.keep_a_host() returns trigger
	language plpgsql security definer set search_path = ''
	as $$
begin
	if not exists (
		select 1 from public.group_members m where m.group_id = old.group_id and m.role = 'host'
	) then
		update public.group_members m set role = 'host'
		where m.group_id = old.group_id
			and m.profile_id = (
				select e.profile_id from public.group_members e
				where e.group_id = old.group_id
				order by e.joined_at, e.profile_id
				limit 1
			);
	end if;
	update public.groups g set status = 'closed'
	where g.id = old.group_id and g.member_count = 0 and g.status <> 'closed';
	return null;
end;
$$;

comment on function private.keep_a_host() is
	'Makes the longest-standing member host when a group''s last host goes, and closes a group left empty.';

-- Named to run after group_members_count (triggers run in name order), so member_count is current.
create trigger group_members_zz_keep_a_host
	after delete on public.group_members
	for each row execute function private.keep_a_host();
