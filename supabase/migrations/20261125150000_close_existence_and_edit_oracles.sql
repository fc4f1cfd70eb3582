-- Two oracles closed: whether an account exists, and when someone last edited or moved.
--
-- 1. Blocking answered "does this account exist?". public.blocks.blocked_id referenced
--    public.profiles, so a member blocking an arbitrary uuid got 201 for a real account and a
--    foreign-key error (409) for any other: anyone signed in could test ids, including those of
--    people whose profile they may not see. The reference goes; a block of any uuid is stored
--    and answered alike. What the reference did is kept:
--    - ON DELETE CASCADE: when a profile goes (delete_my_account removes the account, and the
--      profile with it; an administrator may remove either), the statement trigger below
--      removes every block of that person, in the same statement, so "Leaving is real" still
--      holds for blocks both ways. The blocker's side keeps its reference
--      (blocks_blocker_id_fkey): the blocker is always the caller, so it tells nobody anything.
--    - What a block means is unchanged: private.is_blocked_from and
--      private.blockers_of_caller compare ids and never needed the reference. A block of an id
--      with no account hides nothing from anyone, since nobody signs in as that id.
--    - PostgREST no longer has a blocks → profiles relationship on blocked_id to embed (the
--      hint blocks_blocked_id_fkey is gone); the app reads the names of the people someone
--      blocked with a second query, through the same RLS (src/lib/server/profiles.ts).
--
-- 2. profiles.updated_at told others when someone last changed anything: the profile, and also
--    their point, since every move republishes the profile's cells (private.publish_locations
--    updates the row even when the cell stays the same) and so bumps updated_at. A member
--    could watch it to see that someone moved within their square. Column privileges are per
--    column for all rows, so the column is readable by nobody through the API now; the owner
--    still gets it in export_my_data (SECURITY DEFINER), and their exact point's own
--    profile_locations.updated_at stays theirs alone (owner-only RLS on the whole table). The
--    app reads neither. last_confirmed_at stays public on purpose: it is what "I'm still here"
--    is for. created_at (when the profile was made) and onboarded_at (when it was listed,
--    stamped once by the database) say nothing about later edits.

-- 1. Blocks of any id ------------------------------------------------------------------------

alter table public.blocks drop constraint blocks_blocked_id_fkey;

comment on column public.blocks.blocked_id is
	'Whom the block hides the blocker from. Deliberately no reference to profiles: a block of an '
	'id without an account is accepted like any other, so blocking is no way to test whether an '
	'account exists. Blocks of a deleted profile go with it (private.forget_blocks_of_removed).';

-- What ON DELETE CASCADE did on blocked_id. SECURITY DEFINER because whoever deletes a profile
-- (its owner through delete_my_account, or an administrator) cannot see the blocks others made
-- of it.
create function private.forget_blocks_of_removed() returns trigger
	language plpgsql
	security definer
	set search_path = ''
	as $$
begin
	delete from public.blocks b
	using removed
	where b.blocked_id = removed.id;
	return null;
end;
$$;

revoke execute on function private.forget_blocks_of_removed() from public, anon, authenticated;

create trigger profiles_forget_blocks_on_delete
	after delete on public.profiles
	referencing old table as removed
	for each statement execute function private.forget_blocks_of_removed();

-- Blocks whose person left before this migration (none were possible while the reference held).
delete from public.blocks b
where not exists (select 1 from public.profiles p where p.id = b.blocked_id);

comment on function public.delete_my_account() is
	'Deletes the caller''s account: the profile, exact location, group memberships and their own '
	'blocks cascade from it; blocks others made of them go with the profile '
	'(private.forget_blocks_of_removed).';

-- 2. Nobody else reads when a profile last changed ----------------------------------------------

revoke select (updated_at) on public.profiles from anon, authenticated;

comment on column public.profiles.updated_at is
	'When the row last changed, including republished cells after a move. Not readable through '
	'the API (it would tell others when someone moved or edited); the owner gets it in '
	'export_my_data.';
