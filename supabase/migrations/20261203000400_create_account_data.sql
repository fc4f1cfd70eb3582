-- A person's own account: "I'm still here", and leaving for real (DESIGN.md section 3.8):
-- deleting the account removes all of their data at once, and the export gives them all of it.
-- Each acts on the caller's own data only (auth.uid()), so SECURITY DEFINER is safe here.

create function public.confirm_still_here() returns timestamptz
	language sql security definer set search_path = ''
	as $$
	update public.profiles set last_confirmed_at = now()
	where id = (select auth.uid())
	returning last_confirmed_at
$$;

comment on function public.confirm_still_here() is
	'Says the caller''s place is current: others see when they last did.';

-- The profile, exact location, group memberships and the caller's own blocks cascade from
-- auth.users; blocks others made of them go with the profile (private.republish_on_change),
-- and the profiles delete trigger recounts who anonymous visitors may still see.
create function public.delete_my_account() returns void
	language plpgsql security definer set search_path = ''
	as $$
declare
	me uuid := (select auth.uid());
begin
	if me is null then
		raise exception 'Sign in to delete your account.' using errcode = '42501';
	end if;
	delete from auth.users where id = me;
end;
$$;

comment on function public.delete_my_account() is
	'Deletes the caller''s account: the profile, exact location, group memberships and their own '
	'blocks cascade from it; blocks others made of them go with the profile '
	'(private.republish_on_change).';

-- Everything stored about the caller, for "export my data".
create function public.export_my_data() returns jsonb
	language sql stable security definer set search_path = ''
	as $$
	select jsonb_build_object(
		'exported_at', now(),
		'account', (
			select jsonb_build_object('id', u.id, 'email', u.email, 'created_at', u.created_at,
				'last_sign_in_at', u.last_sign_in_at)
			from auth.users u where u.id = (select auth.uid())
		),
		'profile', (
			select to_jsonb(p) - 'published_earth' - 'public_earth'
			from public.profiles p where p.id = (select auth.uid())
		),
		'exact_location', (
			select to_jsonb(l) from public.profile_locations l where l.profile_id = (select auth.uid())
		),
		'blocks', coalesce((
			select jsonb_agg(jsonb_build_object('blocked_id', b.blocked_id, 'created_at', b.created_at))
			from public.blocks b where b.blocker_id = (select auth.uid())
		), '[]'::jsonb),
		'group_memberships', coalesce((
			select jsonb_agg(jsonb_build_object('group_id', m.group_id, 'group_name', g.name,
				'group_kind', g.kind, 'role', m.role, 'joined_at', m.joined_at) order by m.joined_at)
			from public.group_members m
			join public.groups g on g.id = m.group_id
			where m.profile_id = (select auth.uid())
		), '[]'::jsonb)
	)
	where (select auth.uid()) is not null
$$;

comment on function public.export_my_data() is
	'Everything stored about the caller: account, profile, exact point, blocks and group memberships.';

grant execute on function public.confirm_still_here() to authenticated;
grant execute on function public.delete_my_account() to authenticated;
grant execute on function public.export_my_data() to authenticated;
