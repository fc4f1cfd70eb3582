-- Deterministic demo data for the local stack and tests. Every person here is fictional;
-- places are real towns so the map has somewhere to put them. Coordinates are already coarse
-- (about 10 km), as published cells are.
--
-- Emails use the reserved example.org domain. Sign in as any of them through the local
-- mailbox, for example ada@example.org.

insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
values
	('00000000-0000-4000-8000-000000000001', 'authenticated', 'authenticated', 'ada@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000002', 'authenticated', 'authenticated', 'bram@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000003', 'authenticated', 'authenticated', 'chidi@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000004', 'authenticated', 'authenticated', 'dalia@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000005', 'authenticated', 'authenticated', 'eero@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000006', 'authenticated', 'authenticated', 'farah@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000007', 'authenticated', 'authenticated', 'gus@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000008', 'authenticated', 'authenticated', 'hana@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000009', 'authenticated', 'authenticated', 'ivo@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000010', 'authenticated', 'authenticated', 'juno@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000011', 'authenticated', 'authenticated', 'kofi@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000012', 'authenticated', 'authenticated', 'lumi@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000013', 'authenticated', 'authenticated', 'mateo@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000014', 'authenticated', 'authenticated', 'nell@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000015', 'authenticated', 'authenticated', 'oren@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000016', 'authenticated', 'authenticated', 'priya@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000017', 'authenticated', 'authenticated', 'quinn@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000018', 'authenticated', 'authenticated', 'rosa@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000019', 'authenticated', 'authenticated', 'sami@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000020', 'authenticated', 'authenticated', 'tova@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000021', 'authenticated', 'authenticated', 'uma@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000022', 'authenticated', 'authenticated', 'vik@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000023', 'authenticated', 'authenticated', 'wren@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false),
	('00000000-0000-4000-8000-000000000024', 'authenticated', 'authenticated', 'yara@example.org', '2026-01-01T00:00:00Z', '{"provider":"email","providers":["email"]}', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', false);

insert into public.profiles (id, display_name, bio, visibility, published_lat, published_lng, place_label)
values
	('00000000-0000-4000-8000-000000000001', 'Ada Fernhill', 'Hosting a crew of parents who meet on Tuesdays.', 'public', 52.09, 5.12, 'Utrecht, NL'),
	('00000000-0000-4000-8000-000000000002', 'Bram Oakes', 'Curious about congregations; learning to facilitate.', 'public', 52.37, 4.9, 'Amsterdam, NL'),
	('00000000-0000-4000-8000-000000000003', 'Chidi Marsh', 'Weaving crews across the Ruhr.', 'members', 51.45, 7.01, 'Essen, DE'),
	('00000000-0000-4000-8000-000000000004', 'Dalia Brightwater', 'Started a crew of gardeners.', 'public', 51.51, -0.13, 'London, GB'),
	('00000000-0000-4000-8000-000000000005', 'Eero Lindqvist', 'Practising with a remote crew.', 'public', 60.17, 24.94, 'Helsinki, FI'),
	('00000000-0000-4000-8000-000000000006', 'Farah Quill', 'Facilitation and conflict work.', 'members', 48.86, 2.35, 'Paris, FR'),
	('00000000-0000-4000-8000-000000000007', 'Gus Tamarind', 'Camps and regional gatherings.', 'public', 41.39, 2.17, 'Barcelona, ES'),
	('00000000-0000-4000-8000-000000000008', 'Hana Sokol', 'Meaningful work circles.', 'public', 50.08, 14.44, 'Prague, CZ'),
	('00000000-0000-4000-8000-000000000009', 'Ivo Calder', 'Just getting started.', 'only_me', 52.52, 13.4, 'Berlin, DE'),
	('00000000-0000-4000-8000-000000000010', 'Juno Pereira', 'Crewing in a housing co-op.', 'public', 38.72, -9.14, 'Lisbon, PT'),
	('00000000-0000-4000-8000-000000000011', 'Kofi Asante-Vale', 'Congregation host.', 'public', 5.6, -0.19, 'Accra, GH'),
	('00000000-0000-4000-8000-000000000012', 'Lumi Harrow', 'Peer support for new parents.', 'members', -33.87, 151.21, 'Sydney, AU'),
	('00000000-0000-4000-8000-000000000013', 'Mateo Rivers', 'Crews for climate workers.', 'public', -34.6, -58.38, 'Buenos Aires, AR'),
	('00000000-0000-4000-8000-000000000014', 'Nell Okafor', 'Mentoring new hosts.', 'public', 6.52, 3.38, 'Lagos, NG'),
	('00000000-0000-4000-8000-000000000015', 'Oren Blackthorn', 'Regional weaver.', 'public', 45.52, -122.68, 'Portland, US'),
	('00000000-0000-4000-8000-000000000016', 'Priya Lantern', 'Curious about the five scales.', 'public', 12.97, 77.59, 'Bengaluru, IN'),
	('00000000-0000-4000-8000-000000000017', 'Quinn Alder', 'Hosting gatherings in the hills.', 'members', 49.28, -123.12, 'Vancouver, CA'),
	('00000000-0000-4000-8000-000000000018', 'Rosa Thistle', 'Practising in a neighbourhood crew.', 'public', 40.42, -3.7, 'Madrid, ES'),
	('00000000-0000-4000-8000-000000000019', 'Sami Larkspur', 'Meets a crew online every week.', 'public', -36.85, 174.76, 'Auckland, NZ'),
	('00000000-0000-4000-8000-000000000020', 'Tova Meadow', 'Looking for a crew nearby.', 'public', 55.68, 12.57, 'Copenhagen, DK'),
	('00000000-0000-4000-8000-000000000021', 'Uma Fairweather', 'Congregating with neighbours.', 'members', 43.65, -79.38, 'Toronto, CA'),
	('00000000-0000-4000-8000-000000000022', 'Vik Ashgrove', 'Hosting an open crew.', 'public', 35.68, 139.69, 'Tokyo, JP'),
	('00000000-0000-4000-8000-000000000023', 'Wren Holloway', 'Facilitator in training.', 'public', 52.08, 4.3, 'The Hague, NL'),
	('00000000-0000-4000-8000-000000000024', 'Yara Stillwater', 'Weaving the Nordic network.', 'public', 59.33, 18.07, 'Stockholm, SE');
