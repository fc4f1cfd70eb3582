-- Groups and gatherings are published information, but not who made them or when they were last
-- edited. created_by is an account id: on a public group anyone could read it, and tie that
-- person to the group (and to every other group they made) even when their own profile is
-- hidden from the reader. updated_at tells when a host last changed anything. Neither is on
-- any page or on the map.
--
-- A column revoke does not narrow a table-wide grant, so the grants become per column, listing
-- everything else. New columns are then unreadable until a migration grants them.

revoke select on public.groups from anon, authenticated;
grant select (
	id, kind, name, purpose, status, size_limit, congregation_id, meeting_mode, rhythm, visibility,
	area_cell, area_lat, area_lng, area_label, member_count, created_at
) on public.groups to anon, authenticated;

revoke select on public.gatherings from anon, authenticated;
grant select (
	id, kind, name, description, starts_at, ends_at, time_zone, host_group_id, capacity,
	visibility, area_cell, area_lat, area_lng, area_label, created_at
) on public.gatherings to anon, authenticated;

comment on column public.groups.created_by is
	'The account that made the group. Not readable through the API: it would tie a person to the group whatever their own profile shares.';
comment on column public.gatherings.created_by is
	'The account that made the gathering. Not readable through the API, as groups.created_by.';
