-- What a hosted Supabase project provides before any migration runs, recreated for the
-- embedded local stack. Applied by scripts/local-stack on every start (it is idempotent),
-- never shipped as a migration: on hosted Supabase all of this already exists.
--
-- Definitions follow supabase/postgres (migrations/db/init-scripts) and supabase/auth
-- (migrations/*_init.up.sql) so that migrations and RLS policies behave the same here as
-- on a hosted project.

-- Roles ------------------------------------------------------------------------------------

do $$
begin
	if not exists (select from pg_roles where rolname = 'anon') then
		create role anon nologin noinherit;
	end if;
	if not exists (select from pg_roles where rolname = 'authenticated') then
		create role authenticated nologin noinherit;
	end if;
	if not exists (select from pg_roles where rolname = 'service_role') then
		create role service_role nologin noinherit bypassrls;
	end if;
	if not exists (select from pg_roles where rolname = 'authenticator') then
		create role authenticator login noinherit;
	end if;
	if not exists (select from pg_roles where rolname = 'supabase_auth_admin') then
		create role supabase_auth_admin nologin noinherit createrole;
	end if;
end
$$;

grant anon, authenticated, service_role to authenticator;
-- Hosted Supabase lets statements run for a while and then stops them; match its defaults.
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

-- Schemas ----------------------------------------------------------------------------------

create schema if not exists extensions;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
alter default privileges in schema extensions grant execute on functions to postgres, anon, authenticated, service_role;

grant usage on schema public to postgres, anon, authenticated, service_role;
-- Supabase grants every API role all privileges on new objects in public by default; row
-- level security is what protects rows. Our migrations revoke and grant explicitly, and the
-- local stack keeps the same defaults so it exposes exactly what a hosted project would.
alter default privileges in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to postgres, anon, authenticated, service_role;

-- The auth schema --------------------------------------------------------------------------

create schema if not exists auth authorization supabase_auth_admin;
grant usage on schema auth to postgres, anon, authenticated, service_role;

create table if not exists auth.users (
	instance_id uuid,
	id uuid primary key,
	aud varchar(255),
	role varchar(255),
	email varchar(255),
	encrypted_password varchar(255),
	email_confirmed_at timestamptz,
	invited_at timestamptz,
	confirmation_token varchar(255),
	confirmation_sent_at timestamptz,
	recovery_token varchar(255),
	recovery_sent_at timestamptz,
	email_change_token_new varchar(255),
	email_change varchar(255),
	email_change_sent_at timestamptz,
	last_sign_in_at timestamptz,
	raw_app_meta_data jsonb,
	raw_user_meta_data jsonb,
	is_super_admin boolean,
	created_at timestamptz,
	updated_at timestamptz,
	phone text unique default null,
	phone_confirmed_at timestamptz,
	phone_change text default '',
	phone_change_token varchar(255) default '',
	phone_change_sent_at timestamptz,
	confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
	email_change_token_current varchar(255) default '',
	email_change_confirm_status smallint default 0,
	banned_until timestamptz,
	reauthentication_token varchar(255) default '',
	reauthentication_sent_at timestamptz,
	is_sso_user boolean not null default false,
	deleted_at timestamptz,
	is_anonymous boolean not null default false
);
create unique index if not exists users_email_partial_key on auth.users (email) where is_sso_user = false;
grant all on auth.users to postgres, service_role;

-- The JWT claims of the current request, as PostgREST sets them (request.jwt.claims). The
-- older per-claim settings (request.jwt.claim.sub) are still read first, as Supabase does.
create or replace function auth.uid() returns uuid
	language sql stable
	as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim.sub', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
	)::uuid
$$;

create or replace function auth.role() returns text
	language sql stable
	as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim.role', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
	)::text
$$;

create or replace function auth.email() returns text
	language sql stable
	as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim.email', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
	)::text
$$;

create or replace function auth.jwt() returns jsonb
	language sql stable
	as $$
	select coalesce(
		nullif(current_setting('request.jwt.claim', true), ''),
		nullif(current_setting('request.jwt.claims', true), '')
	)::jsonb
$$;

grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt()
	to postgres, anon, authenticated, service_role;

-- PostgREST reloads its schema cache when DDL runs, as on a hosted project -----------------

-- Temporary objects are left out, as Supabase's own triggers do: they change nothing PostgREST
-- serves, and a function that makes one would otherwise reload the cache every time it runs.
create or replace function extensions.pgrst_ddl_watch() returns event_trigger
	language plpgsql
	as $$
begin
	if tg_event = 'sql_drop' then
		if exists (select from pg_event_trigger_dropped_objects() where not is_temporary) then
			notify pgrst, 'reload schema';
		end if;
	elsif exists (
		select from pg_event_trigger_ddl_commands() where schema_name is distinct from 'pg_temp'
	) then
		notify pgrst, 'reload schema';
	end if;
end;
$$;

do $$
begin
	if not exists (select from pg_event_trigger where evtname = 'pgrst_ddl_watch') then
		create event trigger pgrst_ddl_watch on ddl_command_end
			execute procedure extensions.pgrst_ddl_watch();
	end if;
	if not exists (select from pg_event_trigger where evtname = 'pgrst_drop_watch') then
		create event trigger pgrst_drop_watch on sql_drop
			execute procedure extensions.pgrst_ddl_watch();
	end if;
end
$$;
