-- The straightforward import `npm run bench:db` measures the bulk import against, in the same run:
-- loaded into the benchmark's throw-away database only, never shipped as a migration. (The map's
-- and the directory's baselines are in the database already: audience.map_view_scanned and
-- public.directory_page.)
create schema bench;

-- private.publish_locations as supabase/migrations/20261203003100_reports_and_moderation.sql wrote
-- it: each person's cell from their point, then every public person of every country they left
-- or entered recounted (private.refresh_public_cells). The import's baseline; run by the
-- benchmark's superuser with the row triggers off, as the original set no trigger going.
create function bench.publish_straightforward(profile_ids uuid[]) returns void
	language plpgsql set search_path = ''
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
