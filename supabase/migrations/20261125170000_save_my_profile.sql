-- Saving a profile in one transaction. The profile form sent two writes (the profile, then the
-- exact point), each republishing the cells; a failure between them left half a save, and the
-- app had to order them so that no point was published finer than its owner chose, even for a
-- moment. save_my_profile does both at once: others see the profile before or after, never in
-- between.
--
-- SECURITY INVOKER: the caller's own row-level security and column privileges apply, exactly as
-- to the two writes it replaces (only the owner's row, only the columns members may update).
-- Keys left out of `changes` keep their values; the point is left alone when point_lat and
-- point_lng are null.

create function public.save_my_profile(
	changes jsonb,
	point_lat double precision default null,
	point_lng double precision default null,
	onboard boolean default false
)
	returns void
	language plpgsql
	security invoker
	set search_path = ''
	as $$
declare
	me uuid := auth.uid();
	wanted public.profiles;
begin
	if me is null then
		raise exception 'sign in to save your profile' using errcode = '42501';
	end if;
	if jsonb_typeof(changes) is distinct from 'object' then
		raise exception 'changes must be a JSON object' using errcode = '22023';
	end if;
	if (point_lat is null) <> (point_lng is null) then
		raise exception 'a point needs both point_lat and point_lng' using errcode = '22023';
	end if;
	-- Each key's text is read as its column's type: a value no column takes is an error (22P02).
	wanted := jsonb_populate_record(null::public.profiles, changes);

	update public.profiles p set
		display_name = case when changes ? 'display_name' then wanted.display_name else p.display_name end,
		bio = case when changes ? 'bio' then wanted.bio else p.bio end,
		pronouns = case when changes ? 'pronouns' then wanted.pronouns else p.pronouns end,
		languages = case when changes ? 'languages' then wanted.languages else p.languages end,
		interests = case when changes ? 'interests' then wanted.interests else p.interests end,
		practices = case when changes ? 'practices' then wanted.practices else p.practices end,
		pathway_stage = case when changes ? 'pathway_stage' then wanted.pathway_stage else p.pathway_stage end,
		open_to = case when changes ? 'open_to' then wanted.open_to else p.open_to end,
		offers = case when changes ? 'offers' then wanted.offers else p.offers end,
		needs = case when changes ? 'needs' then wanted.needs else p.needs end,
		website = case when changes ? 'website' then wanted.website else p.website end,
		discord_handle = case when changes ? 'discord_handle' then wanted.discord_handle else p.discord_handle end,
		visibility = case when changes ? 'visibility' then wanted.visibility else p.visibility end,
		precision = case when changes ? 'precision' then wanted.precision else p.precision end,
		-- private.stamp_onboarding puts the database's own time here.
		onboarded_at = case when onboard then now() else p.onboarded_at end
	where p.id = me;
	if not found then
		raise exception 'you have no profile to save' using errcode = 'P0002';
	end if;

	if point_lat is not null then
		insert into public.profile_locations as l (profile_id, lat, lng)
		values (me, point_lat, point_lng)
		on conflict (profile_id) do update
			set lat = excluded.lat, lng = excluded.lng, updated_at = now();
	end if;
end;
$$;

comment on function public.save_my_profile(jsonb, double precision, double precision, boolean) is
	'Saves the caller''s profile and, when given, their exact point, in one transaction (SECURITY INVOKER: their own RLS and column privileges apply).';

revoke execute on function public.save_my_profile(jsonb, double precision, double precision, boolean)
	from public, anon;
grant execute on function public.save_my_profile(jsonb, double precision, double precision, boolean)
	to authenticated;
