-- Deterministic demo data for the local stack and tests. Every person here is fictional; the
-- places are real towns so the map has somewhere to put them. Sign in as any of them through the
-- local mailbox, for example ada@example.org.
--
-- It covers every visibility and precision. Four public people share Utrecht's area cell and
-- three share London's, so anonymous visitors see them at area level; the other public people
-- are alone in their area and are shown to anonymous visitors coarser, or not at all (k = 3).
-- xan@example.org has signed in but not finished onboarding, so nobody else sees them.
--
-- Crews in every state, with people asking and invited: ada@example.org signs in to an inbox with
-- a request to decide and an invitation to answer, and lena@example.org, one of five members-only
-- people open to crewing in Leeds, finds the others on the crew radar.
--
-- Creating a user creates their profile (trigger on auth.users); placing them computes their
-- published cells (trigger on profile_locations).

insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
values
	('00000000-0000-4000-8000-000000000001', 'authenticated', 'authenticated', 'ada@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Ada Fernhill"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000002', 'authenticated', 'authenticated', 'bram@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Bram Oakes"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000003', 'authenticated', 'authenticated', 'wren@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Wren Holloway"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000004', 'authenticated', 'authenticated', 'noor@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Noor de Vries"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000005', 'authenticated', 'authenticated', 'dalia@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Dalia Brightwater"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000006', 'authenticated', 'authenticated', 'ellis@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Ellis Penrose"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000007', 'authenticated', 'authenticated', 'femi@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Femi Adeyemi"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000008', 'authenticated', 'authenticated', 'chidi@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Chidi Marsh"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000009', 'authenticated', 'authenticated', 'farah@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Farah Quill"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000010', 'authenticated', 'authenticated', 'ivo@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Ivo Calder"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000011', 'authenticated', 'authenticated', 'gus@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Gus Tamarind"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000012', 'authenticated', 'authenticated', 'hana@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Hana Sokol"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000013', 'authenticated', 'authenticated', 'juno@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Juno Pereira"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000014', 'authenticated', 'authenticated', 'kofi@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Kofi Asante-Vale"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000015', 'authenticated', 'authenticated', 'lumi@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Lumi Harrow"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000016', 'authenticated', 'authenticated', 'mateo@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Mateo Rivers"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000017', 'authenticated', 'authenticated', 'nell@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Nell Okafor"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000018', 'authenticated', 'authenticated', 'oren@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Oren Blackthorn"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000019', 'authenticated', 'authenticated', 'priya@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Priya Lantern"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000020', 'authenticated', 'authenticated', 'quinn@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Quinn Alder"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000021', 'authenticated', 'authenticated', 'rosa@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Rosa Thistle"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000022', 'authenticated', 'authenticated', 'sami@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Sami Larkspur"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000023', 'authenticated', 'authenticated', 'tova@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Tova Meadow"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000024', 'authenticated', 'authenticated', 'uma@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Uma Fairweather"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000025', 'authenticated', 'authenticated', 'vik@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Vik Ashgrove"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000026', 'authenticated', 'authenticated', 'yara@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Yara Stillwater"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000027', 'authenticated', 'authenticated', 'eero@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Eero Lindqvist"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000028', 'authenticated', 'authenticated', 'zofia@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Zofia Krol"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000029', 'authenticated', 'authenticated', 'xan@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000030', 'authenticated', 'authenticated', 'lena@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Lena Moss"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000031', 'authenticated', 'authenticated', 'omar@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Omar Haddad"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000032', 'authenticated', 'authenticated', 'pia@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Pia Kowalczyk"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000033', 'authenticated', 'authenticated', 'ravi@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Ravi Menon"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000034', 'authenticated', 'authenticated', 'sol@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{"display_name":"Sol Ferreira"}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false);

update public.profiles p
set bio = v.bio, pronouns = v.pronouns, languages = v.languages, interests = v.interests,
	practices = v.practices, pathway_stage = v.pathway_stage, open_to = v.open_to,
	visibility = v.visibility, precision = v.precision, onboarded_at = now(), last_confirmed_at = v.confirmed
from (values
	('00000000-0000-4000-8000-000000000001'::uuid, 'Hosting a crew of parents who meet on Tuesdays.', 'she/her', array['English','Dutch']::text[], array['parenting','gardening']::text[], array['crewing','facilitation']::public.practice[], 'hosting'::public.pathway_stage, array['hosting_a_crew','mentoring']::public.openness[], 'public'::public.profile_visibility, 'town'::public.location_precision, timestamptz '2026-11-01T10:00:00Z'),
	('00000000-0000-4000-8000-000000000002'::uuid, 'Curious about congregations; learning to facilitate.', 'he/him', array['Dutch']::text[], array['cycling','music']::text[], array['crewing']::public.practice[], 'curious'::public.pathway_stage, array['crewing','gatherings']::public.openness[], 'public'::public.profile_visibility, 'neighbourhood'::public.location_precision, timestamptz '2026-11-02T10:00:00Z'),
	('00000000-0000-4000-8000-000000000003'::uuid, 'Facilitator in training.', 'they/them', array['English','Dutch']::text[], array['theatre']::text[], array['facilitation']::public.practice[], 'practising'::public.pathway_stage, array['crewing']::public.openness[], 'public'::public.profile_visibility, 'area'::public.location_precision, timestamptz '2026-11-03T10:00:00Z'),
	('00000000-0000-4000-8000-000000000004'::uuid, 'Weaving crews across the Randstad.', null, array['Dutch','English']::text[], array['housing co-ops']::text[], array['crewing','congregating','mentoring']::public.practice[], 'weaving'::public.pathway_stage, array['mentoring','collaborating']::public.openness[], 'public'::public.profile_visibility, 'town'::public.location_precision, timestamptz '2026-11-04T10:00:00Z'),
	('00000000-0000-4000-8000-000000000005'::uuid, 'Started a crew of gardeners.', 'she/her', array['English']::text[], array['gardening']::text[], array['crewing']::public.practice[], 'hosting'::public.pathway_stage, array['hosting_a_crew']::public.openness[], 'public'::public.profile_visibility, 'area'::public.location_precision, timestamptz '2026-11-05T10:00:00Z'),
	('00000000-0000-4000-8000-000000000006'::uuid, 'Peer support for freelancers.', null, array['English']::text[], array['freelancing']::text[], array['crewing','meaningful_work']::public.practice[], 'practising'::public.pathway_stage, array['collaborating']::public.openness[], 'public'::public.profile_visibility, 'town'::public.location_precision, timestamptz '2026-11-06T10:00:00Z'),
	('00000000-0000-4000-8000-000000000007'::uuid, 'Hosting gatherings in East London.', 'he/him', array['English','Yoruba']::text[], array['food','music']::text[], array['hosting_gatherings']::public.practice[], 'hosting'::public.pathway_stage, array['gatherings']::public.openness[], 'public'::public.profile_visibility, 'neighbourhood'::public.location_precision, timestamptz '2026-11-07T10:00:00Z'),
	('00000000-0000-4000-8000-000000000008'::uuid, 'Weaving crews across the Ruhr.', null, array['German','English']::text[], array['football']::text[], array['congregating']::public.practice[], 'weaving'::public.pathway_stage, array['mentoring']::public.openness[], 'members'::public.profile_visibility, 'town'::public.location_precision, timestamptz '2026-11-08T10:00:00Z'),
	('00000000-0000-4000-8000-000000000009'::uuid, 'Facilitation and conflict work.', 'she/her', array['French','English']::text[], array['mediation']::text[], array['facilitation','conflict_work']::public.practice[], 'hosting'::public.pathway_stage, array['mentoring']::public.openness[], 'members'::public.profile_visibility, 'neighbourhood'::public.location_precision, timestamptz '2026-11-09T10:00:00Z'),
	('00000000-0000-4000-8000-000000000010'::uuid, 'Just getting started.', null, array['German']::text[], '{}'::text[], '{}'::public.practice[], 'curious'::public.pathway_stage, array['crewing']::public.openness[], 'only_me'::public.profile_visibility, 'area'::public.location_precision, timestamptz '2026-11-10T10:00:00Z'),
	('00000000-0000-4000-8000-000000000011'::uuid, 'Camps and regional gatherings.', null, array['Spanish','Catalan']::text[], array['camping']::text[], array['hosting_gatherings']::public.practice[], 'hosting'::public.pathway_stage, array['gatherings']::public.openness[], 'public'::public.profile_visibility, 'region'::public.location_precision, timestamptz '2026-11-11T10:00:00Z'),
	('00000000-0000-4000-8000-000000000012'::uuid, 'Meaningful work circles.', 'she/her', array['Czech','English']::text[], array['design']::text[], array['meaningful_work']::public.practice[], 'practising'::public.pathway_stage, array['collaborating']::public.openness[], 'public'::public.profile_visibility, 'area'::public.location_precision, timestamptz '2026-11-12T10:00:00Z'),
	('00000000-0000-4000-8000-000000000013'::uuid, 'Crewing in a housing co-op.', null, array['Portuguese']::text[], array['housing']::text[], array['crewing']::public.practice[], 'practising'::public.pathway_stage, array['crewing']::public.openness[], 'crewmates'::public.profile_visibility, 'town'::public.location_precision, timestamptz '2026-11-13T10:00:00Z'),
	('00000000-0000-4000-8000-000000000014'::uuid, 'Congregation host.', 'he/him', array['English','Twi']::text[], array['faith communities']::text[], array['congregating']::public.practice[], 'weaving'::public.pathway_stage, array['hosting_a_crew']::public.openness[], 'public'::public.profile_visibility, 'town'::public.location_precision, timestamptz '2026-11-14T10:00:00Z'),
	('00000000-0000-4000-8000-000000000015'::uuid, 'Peer support for new parents.', null, array['English']::text[], array['parenting']::text[], array['crewing']::public.practice[], 'practising'::public.pathway_stage, array['crewing']::public.openness[], 'members'::public.profile_visibility, 'region'::public.location_precision, timestamptz '2026-11-15T10:00:00Z'),
	('00000000-0000-4000-8000-000000000016'::uuid, 'Crews for climate workers.', null, array['Spanish']::text[], array['climate']::text[], array['crewing','meaningful_work']::public.practice[], 'hosting'::public.pathway_stage, array['collaborating']::public.openness[], 'public'::public.profile_visibility, 'country'::public.location_precision, timestamptz '2026-11-16T10:00:00Z'),
	('00000000-0000-4000-8000-000000000017'::uuid, 'Mentoring new hosts.', null, array['English']::text[], array['education']::text[], array['mentoring']::public.practice[], 'weaving'::public.pathway_stage, array['mentoring']::public.openness[], 'public'::public.profile_visibility, 'area'::public.location_precision, timestamptz '2026-11-17T10:00:00Z'),
	('00000000-0000-4000-8000-000000000018'::uuid, 'Regional weaver.', null, array['English']::text[], array['bioregionalism']::text[], array['congregating']::public.practice[], 'weaving'::public.pathway_stage, array['gatherings']::public.openness[], 'public'::public.profile_visibility, 'region'::public.location_precision, timestamptz '2026-11-18T10:00:00Z'),
	('00000000-0000-4000-8000-000000000019'::uuid, 'Curious about the five scales.', null, array['English','Kannada']::text[], array['reading']::text[], '{}'::public.practice[], 'curious'::public.pathway_stage, array['crewing']::public.openness[], 'public'::public.profile_visibility, 'town'::public.location_precision, timestamptz '2026-11-19T10:00:00Z'),
	('00000000-0000-4000-8000-000000000020'::uuid, 'Hosting gatherings in the hills.', null, array['English']::text[], array['hiking']::text[], array['hosting_gatherings']::public.practice[], 'hosting'::public.pathway_stage, array['gatherings']::public.openness[], 'members'::public.profile_visibility, 'area'::public.location_precision, timestamptz '2026-11-20T10:00:00Z'),
	('00000000-0000-4000-8000-000000000021'::uuid, 'Practising in a neighbourhood crew.', 'she/her', array['Spanish']::text[], array['cooking']::text[], array['crewing']::public.practice[], 'practising'::public.pathway_stage, array['crewing']::public.openness[], 'public'::public.profile_visibility, 'neighbourhood'::public.location_precision, timestamptz '2026-11-01T10:00:00Z'),
	('00000000-0000-4000-8000-000000000022'::uuid, 'Meets a crew online every week.', null, array['English','Māori']::text[], array['sailing']::text[], array['crewing']::public.practice[], 'practising'::public.pathway_stage, array['crewing']::public.openness[], 'public'::public.profile_visibility, 'town'::public.location_precision, timestamptz '2026-11-02T10:00:00Z'),
	('00000000-0000-4000-8000-000000000023'::uuid, 'Looking for a crew nearby.', null, array['Danish','English']::text[], array['cycling']::text[], '{}'::public.practice[], 'curious'::public.pathway_stage, array['crewing']::public.openness[], 'public'::public.profile_visibility, 'area'::public.location_precision, timestamptz '2026-11-03T10:00:00Z'),
	('00000000-0000-4000-8000-000000000024'::uuid, 'Congregating with neighbours.', null, array['English']::text[], array['neighbourhoods']::text[], array['congregating']::public.practice[], 'hosting'::public.pathway_stage, array['hosting_a_crew']::public.openness[], 'members'::public.profile_visibility, 'town'::public.location_precision, timestamptz '2026-11-04T10:00:00Z'),
	('00000000-0000-4000-8000-000000000025'::uuid, 'Hosting an open crew.', null, array['Japanese','English']::text[], array['tea']::text[], array['crewing']::public.practice[], 'hosting'::public.pathway_stage, array['hosting_a_crew']::public.openness[], 'public'::public.profile_visibility, 'region'::public.location_precision, timestamptz '2026-11-05T10:00:00Z'),
	('00000000-0000-4000-8000-000000000026'::uuid, 'Weaving the Nordic network.', null, array['Swedish','English']::text[], array['saunas']::text[], array['congregating','mentoring']::public.practice[], 'weaving'::public.pathway_stage, array['mentoring']::public.openness[], 'public'::public.profile_visibility, 'town'::public.location_precision, timestamptz '2026-11-06T10:00:00Z'),
	('00000000-0000-4000-8000-000000000027'::uuid, 'Practising with a remote crew.', null, array['Finnish','English']::text[], array['coding']::text[], array['crewing']::public.practice[], 'practising'::public.pathway_stage, array['crewing']::public.openness[], 'members'::public.profile_visibility, 'country'::public.location_precision, timestamptz '2026-11-07T10:00:00Z'),
	('00000000-0000-4000-8000-000000000028'::uuid, 'Hosting a crew of teachers in Kraków.', null, array['Polish']::text[], array['education']::text[], array['crewing','facilitation']::public.practice[], 'hosting'::public.pathway_stage, array['hosting_a_crew']::public.openness[], 'public'::public.profile_visibility, 'neighbourhood'::public.location_precision, timestamptz '2026-11-08T10:00:00Z'),
	('00000000-0000-4000-8000-000000000030'::uuid, 'New to Leeds, looking for a crew.', 'she/her', array['English','German']::text[], array['walking']::text[], '{}'::public.practice[], 'curious'::public.pathway_stage, array['crewing']::public.openness[], 'members'::public.profile_visibility, 'neighbourhood'::public.location_precision, timestamptz '2026-11-20T10:00:00Z'),
	('00000000-0000-4000-8000-000000000031'::uuid, 'Would love a crew of night-shift workers.', 'he/him', array['English','Arabic']::text[], array['nursing']::text[], array['crewing']::public.practice[], 'practising'::public.pathway_stage, array['crewing']::public.openness[], 'members'::public.profile_visibility, 'town'::public.location_precision, timestamptz '2026-11-21T10:00:00Z'),
	('00000000-0000-4000-8000-000000000032'::uuid, 'Curious about crewing.', null, array['English','Polish']::text[], array['climbing']::text[], '{}'::public.practice[], 'curious'::public.pathway_stage, array['crewing','gatherings']::public.openness[], 'members'::public.profile_visibility, 'town'::public.location_precision, timestamptz '2026-11-22T10:00:00Z'),
	('00000000-0000-4000-8000-000000000033'::uuid, 'Starting a listening crew.', null, array['English']::text[], array['listening']::text[], array['crewing','facilitation']::public.practice[], 'hosting'::public.pathway_stage, array['crewing','hosting_a_crew']::public.openness[], 'members'::public.profile_visibility, 'area'::public.location_precision, timestamptz '2026-11-23T10:00:00Z'),
	('00000000-0000-4000-8000-000000000034'::uuid, 'Looking for peers to meet weekly.', 'they/them', array['English','Portuguese']::text[], array['music']::text[], '{}'::public.practice[], 'curious'::public.pathway_stage, array['crewing']::public.openness[], 'members'::public.profile_visibility, 'town'::public.location_precision, timestamptz '2026-11-24T10:00:00Z')
) as v (id, bio, pronouns, languages, interests, practices, pathway_stage, open_to, visibility, precision, confirmed)
where p.id = v.id;

insert into public.profile_locations (profile_id, lat, lng)
values
	('00000000-0000-4000-8000-000000000001'::uuid, 52.11051, 5.17955),
	('00000000-0000-4000-8000-000000000002'::uuid, 52.10151, 5.18855),
	('00000000-0000-4000-8000-000000000003'::uuid, 52.11251, 5.19255),
	('00000000-0000-4000-8000-000000000004'::uuid, 52.10351, 5.18155),
	('00000000-0000-4000-8000-000000000005'::uuid, 51.45801, -0.09389),
	('00000000-0000-4000-8000-000000000006'::uuid, 51.44901, -0.08489),
	('00000000-0000-4000-8000-000000000007'::uuid, 51.46001, -0.08089),
	('00000000-0000-4000-8000-000000000008'::uuid, 51.45148, 7.00402),
	('00000000-0000-4000-8000-000000000009'::uuid, 48.86002, 2.34345),
	('00000000-0000-4000-8000-000000000010'::uuid, 52.52072, 13.40231),
	('00000000-0000-4000-8000-000000000011'::uuid, 41.38016, 2.15915),
	('00000000-0000-4000-8000-000000000012'::uuid, 50.06575, 14.43567),
	('00000000-0000-4000-8000-000000000013'::uuid, 38.71340, -9.14719),
	('00000000-0000-4000-8000-000000000014'::uuid, 5.60149, -0.18046),
	('00000000-0000-4000-8000-000000000015'::uuid, -33.87552, 151.20346),
	('00000000-0000-4000-8000-000000000016'::uuid, -34.60045, -58.37205),
	('00000000-0000-4000-8000-000000000017'::uuid, 6.52554, 3.37693),
	('00000000-0000-4000-8000-000000000018'::uuid, 45.52453, -122.68707),
	('00000000-0000-4000-8000-000000000019'::uuid, 12.97917, 77.58979),
	('00000000-0000-4000-8000-000000000020'::uuid, 49.27589, -123.12864),
	('00000000-0000-4000-8000-000000000021'::uuid, 40.41317, -3.69768),
	('00000000-0000-4000-8000-000000000022'::uuid, -36.85439, 174.76463),
	('00000000-0000-4000-8000-000000000023'::uuid, 55.67878, 12.56545),
	('00000000-0000-4000-8000-000000000024'::uuid, 43.65395, -79.39174),
	('00000000-0000-4000-8000-000000000025'::uuid, 35.66719, 139.64412),
	('00000000-0000-4000-8000-000000000026'::uuid, 59.33261, 18.06755),
	('00000000-0000-4000-8000-000000000027'::uuid, 60.16628, 24.93971),
	('00000000-0000-4000-8000-000000000028'::uuid, 50.06006, 19.93300),
	('00000000-0000-4000-8000-000000000030'::uuid, 53.80076, -1.54908),
	('00000000-0000-4000-8000-000000000031'::uuid, 53.81012, -1.56213),
	('00000000-0000-4000-8000-000000000032'::uuid, 53.79215, -1.53120),
	('00000000-0000-4000-8000-000000000033'::uuid, 53.82230, -1.58012),
	('00000000-0000-4000-8000-000000000034'::uuid, 53.78310, -1.57004);

-- Bram has blocked Wren: Wren cannot see Bram anywhere.
insert into public.blocks (blocker_id, blocked_id)
values ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003');

-- Crews, congregations and gatherings, so the demo map shows every kind. Each is far (over
-- 30 km) from every seeded public practitioner, so the people's clusters and counts stay as they
-- were: Ghent, Bristol, Lyon, Nairobi and Melbourne. Juno, the seed's crewmates-only person, is
-- in no crew, so nobody else sees them yet.
--
-- - Ghent: a public congregation holding a public crew with 3 open seats (Ada, Noor, Bram), and
--   the congregation's members-only call seven weeks after the database is made.
-- - Bristol: a public crew with 3 open seats (Dalia, Ellis, Femi).
-- - Lyon: a public crew that is full (Farah, Chidi, Hana).
-- - Nairobi: a members-only crew (Kofi, Nell), and a regional gathering that ended in 2025.
-- - Melbourne: a public camp about eleven weeks after the database is made, and a closed crew
--   (Gus, Mateo, Rosa).
-- - Ghent again: a second crew of the congregation (Noor hosting, Ellis).
-- - Gdańsk: a paused crew (Zofia hosting, Hana).
-- - Leeds: a forming crew (Ravi hosting, Omar), which Lena has asked to join; Pia and Sol are open
--   to crewing nearby, for the radar. All five are seen by members only.
-- Asking and inviting: Juno has asked to join Ghent Parents Crew (Ada hosts it), Dalia has invited
-- Ada into Bristol Makers Crew, and Bristol Makers Crew has asked to join the Scheldt Valley
-- Congregation (Noor hosts it). Their notifications count as already emailed.
-- Closed groups and ended gatherings are never on the map. Upcoming dates count from when the
-- seed runs, so the demo always has gatherings ahead of it.
insert into public.groups (id, kind, name, purpose, status, size_limit, congregation_id, meeting_mode, rhythm, visibility, area_cell, created_by)
values
	('00000000-0000-4000-a000-000000000001', 'congregation', 'Scheldt Valley Congregation', 'Crews of the Ghent region meeting as one, four times a year.', 'open', null, null, 'mixed', 'quarterly', 'public', private.cell_at(51.0543, 3.7174, private.precision_zoom('area')), '00000000-0000-4000-8000-000000000004'),
	('00000000-0000-4000-a000-000000000002', 'crew', 'Ghent Parents Crew', 'Parents of young children supporting each other.', 'open', 6, '00000000-0000-4000-a000-000000000001', 'in_person', 'every other Tuesday', 'public', private.cell_at(51.0543, 3.7174, private.precision_zoom('town')), '00000000-0000-4000-8000-000000000001'),
	('00000000-0000-4000-a000-000000000003', 'crew', 'Bristol Makers Crew', 'Freelance makers sharing work and worries.', 'open', 6, null, 'in_person', 'weekly', 'public', private.cell_at(51.4545, -2.5879, private.precision_zoom('town')), '00000000-0000-4000-8000-000000000005'),
	('00000000-0000-4000-a000-000000000004', 'crew', 'Lyon Facilitators Crew', 'Facilitators practising together.', 'full', 3, null, 'mixed', 'monthly', 'public', private.cell_at(45.7640, 4.8357, private.precision_zoom('town')), '00000000-0000-4000-8000-000000000009'),
	('00000000-0000-4000-a000-000000000005', 'crew', 'Nairobi Evening Crew', 'Congregation hosts in training.', 'open', 5, null, 'in_person', 'weekly', 'members', private.cell_at(-1.2864, 36.8172, private.precision_zoom('town')), '00000000-0000-4000-8000-000000000014'),
	('00000000-0000-4000-a000-000000000006', 'crew', 'Melbourne Garden Crew', 'A crew that has finished its season.', 'closed', 4, null, 'in_person', '', 'public', private.cell_at(-37.8136, 144.9631, private.precision_zoom('town')), '00000000-0000-4000-8000-000000000011');

insert into public.groups (id, kind, name, purpose, status, size_limit, congregation_id, meeting_mode, rhythm, commitment, languages, visibility, area_cell, created_by)
values
	('00000000-0000-4000-a000-000000000007', 'crew', 'Leeds Listening Crew', 'Practising deep listening, forming now.', 'forming', 5, null, 'in_person', 'every other Thursday evening', '6 weeks, then we review', array['English'], 'public', private.cell_at(53.7996, -1.5491, private.precision_zoom('town')), '00000000-0000-4000-8000-000000000033'),
	('00000000-0000-4000-a000-000000000008', 'crew', 'Ghent Cyclists Crew', 'Cyclists of the congregation riding and talking.', 'open', 5, '00000000-0000-4000-a000-000000000001', 'mixed', 'monthly rides', 'a season at a time', array['Dutch','English'], 'public', private.cell_at(51.0543, 3.7174, private.precision_zoom('town')), '00000000-0000-4000-8000-000000000004'),
	('00000000-0000-4000-a000-000000000009', 'crew', 'Gdańsk Teachers Crew', 'Teachers supporting each other; resting over the winter.', 'paused', 6, null, 'online', 'weekly, from March', '3 months', array['Polish'], 'public', private.cell_at(54.3520, 18.6466, private.precision_zoom('town')), '00000000-0000-4000-8000-000000000028');

update public.groups g
set commitment = v.commitment, languages = v.languages
from (values
	('00000000-0000-4000-a000-000000000002'::uuid, '6 weeks, then we review', array['Dutch','English']),
	('00000000-0000-4000-a000-000000000003'::uuid, 'a year', array['English']),
	('00000000-0000-4000-a000-000000000004'::uuid, 'ongoing', array['French','English']),
	('00000000-0000-4000-a000-000000000005'::uuid, '3 months', array['English','Swahili'])
) as v (id, commitment, languages)
where g.id = v.id;

insert into public.group_members (group_id, profile_id, role)
values
	('00000000-0000-4000-a000-000000000001', '00000000-0000-4000-8000-000000000004', 'host'),
	('00000000-0000-4000-a000-000000000002', '00000000-0000-4000-8000-000000000001', 'host'),
	('00000000-0000-4000-a000-000000000002', '00000000-0000-4000-8000-000000000004', 'member'),
	('00000000-0000-4000-a000-000000000002', '00000000-0000-4000-8000-000000000002', 'member'),
	('00000000-0000-4000-a000-000000000003', '00000000-0000-4000-8000-000000000005', 'host'),
	('00000000-0000-4000-a000-000000000003', '00000000-0000-4000-8000-000000000006', 'member'),
	('00000000-0000-4000-a000-000000000003', '00000000-0000-4000-8000-000000000007', 'member'),
	('00000000-0000-4000-a000-000000000004', '00000000-0000-4000-8000-000000000009', 'host'),
	('00000000-0000-4000-a000-000000000004', '00000000-0000-4000-8000-000000000008', 'member'),
	('00000000-0000-4000-a000-000000000004', '00000000-0000-4000-8000-000000000012', 'member'),
	('00000000-0000-4000-a000-000000000005', '00000000-0000-4000-8000-000000000014', 'host'),
	('00000000-0000-4000-a000-000000000005', '00000000-0000-4000-8000-000000000017', 'member'),
	('00000000-0000-4000-a000-000000000006', '00000000-0000-4000-8000-000000000011', 'host'),
	('00000000-0000-4000-a000-000000000006', '00000000-0000-4000-8000-000000000016', 'member'),
	('00000000-0000-4000-a000-000000000006', '00000000-0000-4000-8000-000000000021', 'member'),
	('00000000-0000-4000-a000-000000000007', '00000000-0000-4000-8000-000000000033', 'host'),
	('00000000-0000-4000-a000-000000000007', '00000000-0000-4000-8000-000000000031', 'member'),
	('00000000-0000-4000-a000-000000000008', '00000000-0000-4000-8000-000000000004', 'host'),
	('00000000-0000-4000-a000-000000000008', '00000000-0000-4000-8000-000000000006', 'member'),
	('00000000-0000-4000-a000-000000000009', '00000000-0000-4000-8000-000000000028', 'host'),
	('00000000-0000-4000-a000-000000000009', '00000000-0000-4000-8000-000000000012', 'member');

insert into public.group_requests (id, group_id, requester_id, requester_name, message, created_at)
values
	('00000000-0000-4000-b000-000000000001', '00000000-0000-4000-a000-000000000002', '00000000-0000-4000-8000-000000000013', 'Juno Pereira', 'We are moving to Ghent in the spring with our two little ones. Could we join you?', now() - interval '2 days'),
	('00000000-0000-4000-b000-000000000002', '00000000-0000-4000-a000-000000000007', '00000000-0000-4000-8000-000000000030', 'Lena Moss', 'I have just moved to Leeds and would love to listen and be listened to.', now() - interval '1 day');

insert into public.group_invitations (id, group_id, invitee_id, invited_by, inviter_name, invitee_name, message, created_at)
values
	('00000000-0000-4000-b000-000000000011', '00000000-0000-4000-a000-000000000003', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000005', 'Dalia Brightwater', 'Ada Fernhill', 'We would love a facilitator among us. Come for a few weeks and see?', now() - interval '5 hours');

insert into public.congregation_requests (id, crew_id, congregation_id, created_at)
values ('00000000-0000-4000-b000-000000000021', '00000000-0000-4000-a000-000000000003', '00000000-0000-4000-a000-000000000001', now() - interval '3 days');

insert into public.notifications (recipient_id, kind, group_id, request_id, invitation_id, actor_id, actor_name, group_name, body, created_at, read_at, email_state)
select recipient, kind::public.notification_kind, group_id, request_id, invitation_id, actor, actor_name, group_name, body, created_at, read_at, 'skipped'
from (values
	('00000000-0000-4000-8000-000000000001'::uuid, 'request_received', '00000000-0000-4000-a000-000000000002'::uuid, '00000000-0000-4000-b000-000000000001'::uuid, null::uuid, '00000000-0000-4000-8000-000000000013'::uuid, 'Juno Pereira', 'Ghent Parents Crew', 'We are moving to Ghent in the spring with our two little ones. Could we join you?', now() - interval '2 days', null::timestamptz),
	('00000000-0000-4000-8000-000000000004'::uuid, 'request_received', '00000000-0000-4000-a000-000000000002'::uuid, '00000000-0000-4000-b000-000000000001'::uuid, null::uuid, '00000000-0000-4000-8000-000000000013'::uuid, 'Juno Pereira', 'Ghent Parents Crew', 'We are moving to Ghent in the spring with our two little ones. Could we join you?', now() - interval '2 days', null::timestamptz),
	('00000000-0000-4000-8000-000000000002'::uuid, 'request_received', '00000000-0000-4000-a000-000000000002'::uuid, '00000000-0000-4000-b000-000000000001'::uuid, null::uuid, '00000000-0000-4000-8000-000000000013'::uuid, 'Juno Pereira', 'Ghent Parents Crew', 'We are moving to Ghent in the spring with our two little ones. Could we join you?', now() - interval '2 days', null::timestamptz),
	('00000000-0000-4000-8000-000000000001'::uuid, 'invitation_received', '00000000-0000-4000-a000-000000000003'::uuid, null::uuid, '00000000-0000-4000-b000-000000000011'::uuid, '00000000-0000-4000-8000-000000000005'::uuid, 'Dalia Brightwater', 'Bristol Makers Crew', 'We would love a facilitator among us. Come for a few weeks and see?', now() - interval '5 hours', null::timestamptz),
	('00000000-0000-4000-8000-000000000001'::uuid, 'member_joined', '00000000-0000-4000-a000-000000000002'::uuid, null::uuid, null::uuid, '00000000-0000-4000-8000-000000000002'::uuid, 'Bram Oakes', 'Ghent Parents Crew', 'Bram Oakes', now() - interval '20 days', now() - interval '19 days'),
	('00000000-0000-4000-8000-000000000033'::uuid, 'request_received', '00000000-0000-4000-a000-000000000007'::uuid, '00000000-0000-4000-b000-000000000002'::uuid, null::uuid, '00000000-0000-4000-8000-000000000030'::uuid, 'Lena Moss', 'Leeds Listening Crew', 'I have just moved to Leeds and would love to listen and be listened to.', now() - interval '1 day', null::timestamptz),
	('00000000-0000-4000-8000-000000000031'::uuid, 'request_received', '00000000-0000-4000-a000-000000000007'::uuid, '00000000-0000-4000-b000-000000000002'::uuid, null::uuid, '00000000-0000-4000-8000-000000000030'::uuid, 'Lena Moss', 'Leeds Listening Crew', 'I have just moved to Leeds and would love to listen and be listened to.', now() - interval '1 day', null::timestamptz),
	('00000000-0000-4000-8000-000000000004'::uuid, 'congregation_request_received', '00000000-0000-4000-a000-000000000001'::uuid, null::uuid, null::uuid, '00000000-0000-4000-8000-000000000005'::uuid, 'Dalia Brightwater', 'Scheldt Valley Congregation', 'Bristol Makers Crew', now() - interval '3 days', null::timestamptz)
) as v (recipient, kind, group_id, request_id, invitation_id, actor, actor_name, group_name, body, created_at, read_at);

insert into public.gatherings (id, kind, name, description, starts_at, ends_at, time_zone, host_group_id, capacity, visibility, area_cell, created_by, status, meeting_mode)
values
	('00000000-0000-4000-a000-000000000011', 'camp', 'Yarra Valley Summer Camp', 'Four days of crews, congregating and campfires.', date_trunc('day', now()) + interval '78 days 22 hours', date_trunc('day', now()) + interval '82 days 5 hours', 'Australia/Melbourne', null, 60, 'public', private.cell_at(-37.8136, 144.9631, private.precision_zoom('area')), '00000000-0000-4000-8000-000000000011', 'published', 'in_person'),
	('00000000-0000-4000-a000-000000000012', 'call', 'Scheldt Valley Hosts Call', 'The congregation''s crew hosts compare notes.', date_trunc('day', now()) + interval '48 days 18 hours', date_trunc('day', now()) + interval '48 days 19 hours 30 minutes', 'Europe/Brussels', '00000000-0000-4000-a000-000000000001', null, 'members', private.cell_at(51.0543, 3.7174, private.precision_zoom('area')), '00000000-0000-4000-8000-000000000004', 'published', 'online'),
	('00000000-0000-4000-a000-000000000013', 'regional_gathering', 'East Africa Regional Gathering 2025', 'Two days of crews from across the region.', '2025-09-20T06:00:00Z', '2025-09-21T15:00:00Z', 'Africa/Nairobi', null, 120, 'public', private.cell_at(-1.2864, 36.8172, private.precision_zoom('area')), '00000000-0000-4000-8000-000000000014', 'published', 'in_person');

-- Gatherings people run (issue 11). The three above are published; these add:
-- - Summer camps in Europe (near Weimar) and the USA (near Asheville), a past one and an upcoming
--   one each, all-day, for about 80 people; the venue is read only by hosts and confirmed attendees.
-- - The monthly network call, online, on the first Tuesday of every month at 17:00 in London, open
--   ended, with the January 2027 call cancelled.
-- - The two-week practice program: four online sessions (Tuesdays and Thursdays), by approval, with
--   Wren waiting for a host's answer.
-- - The West Country Regional Day near Bristol, with RSVPs.
-- - The Scheldt Valley congregation meeting in Ghent, hosted by the congregation: full (3 places),
--   with Juno then Dalia on the waitlist.
-- - A facilitation workshop in Lyon, members only; and Ada's draft regional day, seen by Ada only.
-- Lena, Omar, Pia and Sol in Leeds, and Dalia, Ellis and Femi in London, are open to gatherings,
-- so the planner has somewhere to suggest; Lena and Pia also asked to be invited to gatherings
-- proposed near them.
insert into public.gatherings (id, kind, name, description, starts_at, ends_at, time_zone, all_day, recurrence, repeats_until, cancelled_occurrences, host_group_id, capacity, registration, contribution, accessibility, accessibility_note, visibility, area_cell, created_by, status, meeting_mode)
values
	('00000000-0000-4000-a000-000000000014', 'camp', 'European Summer Camp 2026', 'Five days of crews, congregating, song and rest in the Thuringian hills.', '2026-07-19 00:00 Europe/Berlin', '2026-07-24 00:00 Europe/Berlin', 'Europe/Berlin', true, null, null, '{}', null, 80, 'open', 'Sliding scale, 150–400 EUR; nobody turned away for lack of money.', array['step_free','quiet_space','childcare','dietary'], 'Tents and a few beds in the barn; ask for a bed if you need one.', 'public', private.cell_at(50.9795, 11.3235, private.precision_zoom('area')), '00000000-0000-4000-8000-000000000011', 'published', 'in_person'),
	('00000000-0000-4000-a000-000000000015', 'camp', 'European Summer Camp 2027', 'Five days of crews, congregating, song and rest in the Thuringian hills.', (date_trunc('day', now() at time zone 'Europe/Berlin') + interval '200 days') at time zone 'Europe/Berlin', (date_trunc('day', now() at time zone 'Europe/Berlin') + interval '205 days') at time zone 'Europe/Berlin', 'Europe/Berlin', true, null, null, '{}', null, 80, 'open', 'Sliding scale, 150–400 EUR; nobody turned away for lack of money.', array['step_free','quiet_space','childcare','dietary'], 'Tents and a few beds in the barn; ask for a bed if you need one.', 'public', private.cell_at(50.9795, 11.3235, private.precision_zoom('area')), '00000000-0000-4000-8000-000000000011', 'published', 'in_person'),
	('00000000-0000-4000-a000-000000000016', 'camp', 'Blue Ridge Summer Camp 2026', 'A long weekend of crews and campfires in the mountains.', '2026-08-13 00:00 America/New_York', '2026-08-17 00:00 America/New_York', 'America/New_York', true, null, null, '{}', null, 80, 'open', 'Pay what you can; suggested 250 USD.', array['quiet_space','dietary'], '', 'public', private.cell_at(35.5951, -82.5515, private.precision_zoom('area')), '00000000-0000-4000-8000-000000000020', 'published', 'in_person'),
	('00000000-0000-4000-a000-000000000017', 'camp', 'Blue Ridge Summer Camp 2027', 'A long weekend of crews and campfires in the mountains.', (date_trunc('day', now() at time zone 'America/New_York') + interval '250 days') at time zone 'America/New_York', (date_trunc('day', now() at time zone 'America/New_York') + interval '254 days') at time zone 'America/New_York', 'America/New_York', true, null, null, '{}', null, 80, 'open', 'Pay what you can; suggested 250 USD.', array['quiet_space','dietary'], '', 'public', private.cell_at(35.5951, -82.5515, private.precision_zoom('area')), '00000000-0000-4000-8000-000000000020', 'published', 'in_person'),
	('00000000-0000-4000-a000-000000000018', 'call', 'Microsolidarity Network Call', 'The monthly open call of the network: news from crews and congregations, and a question to sit with.', '2026-01-06 17:00 Europe/London', '2026-01-06 18:00 Europe/London', 'Europe/London', false, 'FREQ=MONTHLY;BYDAY=1TU', null, array['2027-01-05 17:00 Europe/London'::timestamptz], null, null, 'open', 'Free', array['sign_language'], 'Captions on; a BSL interpreter joins on request.', 'public', private.cell_at(55.9533, -3.1883, private.precision_zoom('region')), '00000000-0000-4000-8000-000000000004', 'published', 'online'),
	('00000000-0000-4000-a000-000000000019', 'program', 'Two-Week Practice Program', 'Four online workshops over two weeks: crews, peer support, congregating, and your next step.', (date_trunc('week', now() at time zone 'Europe/Amsterdam' + interval '30 days') + interval '1 day 18 hours') at time zone 'Europe/Amsterdam', (date_trunc('week', now() at time zone 'Europe/Amsterdam' + interval '30 days') + interval '1 day 19 hours 30 minutes') at time zone 'Europe/Amsterdam', 'Europe/Amsterdam', false, 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4', (date_trunc('week', now() at time zone 'Europe/Amsterdam' + interval '30 days') + interval '10 days 19 hours 30 minutes') at time zone 'Europe/Amsterdam', '{}', null, 24, 'approval', '60 EUR, or what you can', '{}', '', 'public', private.cell_at(53.2194, 6.5665, private.precision_zoom('town')), '00000000-0000-4000-8000-000000000001', 'published', 'online'),
	('00000000-0000-4000-a000-000000000020', 'regional_gathering', 'West Country Regional Day', 'A day for crews of the South West: stories, practice, and lunch together.', (date_trunc('day', now() at time zone 'Europe/London') + interval '40 days 10 hours') at time zone 'Europe/London', (date_trunc('day', now() at time zone 'Europe/London') + interval '40 days 17 hours') at time zone 'Europe/London', 'Europe/London', false, null, null, '{}', '00000000-0000-4000-a000-000000000003', 40, 'open', '10 GBP towards the hall and lunch', array['step_free','dietary'], '', 'public', private.cell_at(51.4545, -2.5879, private.precision_zoom('area')), '00000000-0000-4000-8000-000000000005', 'published', 'in_person'),
	('00000000-0000-4000-a000-000000000021', 'congregation_meeting', 'Scheldt Valley Winter Meeting', 'The congregation meets in person: each crew brings one story.', (date_trunc('day', now() at time zone 'Europe/Brussels') + interval '20 days 14 hours') at time zone 'Europe/Brussels', (date_trunc('day', now() at time zone 'Europe/Brussels') + interval '20 days 17 hours') at time zone 'Europe/Brussels', 'Europe/Brussels', false, null, null, '{}', '00000000-0000-4000-a000-000000000001', 3, 'open', '', array['step_free'], '', 'members', private.cell_at(51.0543, 3.7174, private.precision_zoom('area')), '00000000-0000-4000-8000-000000000004', 'published', 'in_person'),
	('00000000-0000-4000-a000-000000000022', 'workshop', 'Facilitation Workshop', 'An afternoon of practice for crew hosts: openings, check-ins and hard moments.', (date_trunc('day', now() at time zone 'Europe/Paris') + interval '60 days 13 hours') at time zone 'Europe/Paris', (date_trunc('day', now() at time zone 'Europe/Paris') + interval '60 days 17 hours') at time zone 'Europe/Paris', 'Europe/Paris', false, null, null, '{}', '00000000-0000-4000-a000-000000000004', 16, 'open', '20 EUR', array['quiet_space'], '', 'members', private.cell_at(45.7640, 4.8357, private.precision_zoom('area')), '00000000-0000-4000-8000-000000000009', 'published', 'mixed'),
	('00000000-0000-4000-a000-000000000023', 'regional_gathering', 'Utrecht Spring Day', 'A draft: a day for the crews around Utrecht.', (date_trunc('day', now() at time zone 'Europe/Amsterdam') + interval '120 days 10 hours') at time zone 'Europe/Amsterdam', (date_trunc('day', now() at time zone 'Europe/Amsterdam') + interval '120 days 16 hours') at time zone 'Europe/Amsterdam', 'Europe/Amsterdam', false, null, null, '{}', null, 50, 'open', '', '{}', '', 'public', private.cell_at(52.0907, 5.1214, private.precision_zoom('area')), '00000000-0000-4000-8000-000000000001', 'draft', 'in_person');

insert into public.gathering_venues (gathering_id, address, lat, lng, online_url)
values
	('00000000-0000-4000-a000-000000000011', 'Wandin Scout Camp, 12 Old Warburton Road, Wandin North VIC 3139', -37.7767, 145.4249, null),
	('00000000-0000-4000-a000-000000000012', '', null, null, 'https://meet.example.org/scheldt-hosts'),
	('00000000-0000-4000-a000-000000000013', 'Kileleshwa Community Hall, Nairobi', -1.2761, 36.7853, null),
	('00000000-0000-4000-a000-000000000014', 'Hof Lindenblüte, Dorfstraße 4, 99428 Nohra', 50.9781, 11.2638, null),
	('00000000-0000-4000-a000-000000000015', 'Hof Lindenblüte, Dorfstraße 4, 99428 Nohra', 50.9781, 11.2638, null),
	('00000000-0000-4000-a000-000000000016', 'Laurel Creek Retreat, 88 Laurel Creek Road, Leicester, NC 28748', 35.6537, -82.7034, null),
	('00000000-0000-4000-a000-000000000017', 'Laurel Creek Retreat, 88 Laurel Creek Road, Leicester, NC 28748', 35.6537, -82.7034, null),
	('00000000-0000-4000-a000-000000000018', '', null, null, 'https://meet.example.org/network-call'),
	('00000000-0000-4000-a000-000000000019', '', null, null, 'https://meet.example.org/practice-program'),
	('00000000-0000-4000-a000-000000000020', 'St Werburgh''s Community Centre, Horley Road, Bristol BS2 9TJ', 51.4716, -2.5723, null),
	('00000000-0000-4000-a000-000000000021', 'De Centrale, Kraankindersstraat 2, 9000 Gent', 51.0590, 3.7312, null),
	('00000000-0000-4000-a000-000000000022', 'Maison des Associations, 28 rue Denfert-Rochereau, 69004 Lyon', 45.7747, 4.8290, 'https://meet.example.org/lyon-workshop');

-- Co-hosts beside the creators (who became hosts as each gathering was made).
insert into public.gathering_hosts (gathering_id, profile_id)
values
	('00000000-0000-4000-a000-000000000015', '00000000-0000-4000-8000-000000000026'),
	('00000000-0000-4000-a000-000000000018', '00000000-0000-4000-8000-000000000017');

insert into public.gathering_rsvps (gathering_id, profile_id, answer, state, responded_at, queued_at)
values
	('00000000-0000-4000-a000-000000000015', '00000000-0000-4000-8000-000000000009', 'going', 'confirmed', now() - interval '10 days', null),
	('00000000-0000-4000-a000-000000000015', '00000000-0000-4000-8000-000000000012', 'going', 'confirmed', now() - interval '9 days', null),
	('00000000-0000-4000-a000-000000000015', '00000000-0000-4000-8000-000000000023', 'interested', null, now() - interval '8 days', null),
	('00000000-0000-4000-a000-000000000018', '00000000-0000-4000-8000-000000000001', 'going', 'confirmed', now() - interval '30 days', null),
	('00000000-0000-4000-a000-000000000018', '00000000-0000-4000-8000-000000000027', 'going', 'confirmed', now() - interval '20 days', null),
	('00000000-0000-4000-a000-000000000019', '00000000-0000-4000-8000-000000000019', 'going', 'confirmed', now() - interval '5 days', null),
	('00000000-0000-4000-a000-000000000019', '00000000-0000-4000-8000-000000000003', 'going', 'pending', now() - interval '1 day', now() - interval '1 day'),
	('00000000-0000-4000-a000-000000000020', '00000000-0000-4000-8000-000000000006', 'going', 'confirmed', now() - interval '6 days', null),
	('00000000-0000-4000-a000-000000000020', '00000000-0000-4000-8000-000000000007', 'going', 'confirmed', now() - interval '5 days', null),
	('00000000-0000-4000-a000-000000000020', '00000000-0000-4000-8000-000000000001', 'interested', null, now() - interval '4 days', null),
	('00000000-0000-4000-a000-000000000021', '00000000-0000-4000-8000-000000000004', 'going', 'confirmed', now() - interval '7 days', null),
	('00000000-0000-4000-a000-000000000021', '00000000-0000-4000-8000-000000000002', 'going', 'confirmed', now() - interval '6 days', null),
	('00000000-0000-4000-a000-000000000021', '00000000-0000-4000-8000-000000000006', 'going', 'confirmed', now() - interval '5 days', null),
	('00000000-0000-4000-a000-000000000021', '00000000-0000-4000-8000-000000000013', 'going', 'waitlisted', now() - interval '2 days', now() - interval '2 days'),
	('00000000-0000-4000-a000-000000000021', '00000000-0000-4000-8000-000000000005', 'going', 'waitlisted', now() - interval '1 day', now() - interval '1 day');

-- Keeps each gathering's count of confirmed people (and would move a waitlist into free places).
select private.fill_places(g.id) from public.gatherings g;

-- Wren asked to come to the program; its host Ada has it in her inbox (already emailed).
insert into public.notifications (recipient_id, kind, gathering_id, gathering_name, actor_id, actor_name, body, created_at, email_state)
values ('00000000-0000-4000-8000-000000000001', 'rsvp_received', '00000000-0000-4000-a000-000000000019', 'Two-Week Practice Program', '00000000-0000-4000-8000-000000000003', 'Wren Holloway', '', now() - interval '1 day', 'skipped');

update public.profiles
set open_to = array_append(open_to, 'gatherings')
where id in (
	'00000000-0000-4000-8000-000000000030', '00000000-0000-4000-8000-000000000031',
	'00000000-0000-4000-8000-000000000032', '00000000-0000-4000-8000-000000000034',
	'00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000006',
	'00000000-0000-4000-8000-000000000007'
) and not ('gatherings' = any (open_to));

insert into public.gathering_invitation_optins (profile_id)
values ('00000000-0000-4000-8000-000000000030'), ('00000000-0000-4000-8000-000000000032');

-- Moderation: bram@example.org is a moderator (granted as `npm run admin -- grant-moderator` does),
-- so signing in as him opens /moderation. The queue starts empty: report someone to fill it.
insert into public.moderators (profile_id, note)
values ('00000000-0000-4000-8000-000000000002', 'Demo moderator');
