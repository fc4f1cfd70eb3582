-- State of the local auth stand-in (scripts/local-stack/auth), next to the auth.users table
-- that bootstrap.sql creates. Applied by the local stack right after bootstrap.sql, on every
-- start (everything is "if not exists"). Never shipped as a migration: on a hosted project
-- Supabase Auth owns the auth schema.
--
-- Table names follow supabase/auth's migrations so that anyone who knows GoTrue can find
-- their way, but the columns are this stand-in's own: every secret is stored as a SHA-256
-- hash, never as the token itself, and rows hang off auth.users with "on delete cascade" so
-- that deleting a user removes everything it could sign in with.
--
-- No grants: only the stand-in (connected as a superuser) reads or writes these tables. The
-- API roles can use the auth schema (for auth.uid() and friends) but not these tables.

-- Sign-in methods linked to a user. Only the email provider exists here; the rows make the
-- user JSON carry "identities" like GoTrue's.
create table if not exists auth.identities (
	id uuid primary key default gen_random_uuid(),
	provider_id text not null,
	user_id uuid not null references auth.users (id) on delete cascade,
	identity_data jsonb not null,
	provider text not null,
	last_sign_in_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	email text generated always as (lower(identity_data ->> 'email')) stored,
	unique (provider_id, provider)
);
create index if not exists identities_user_id_idx on auth.identities (user_id);

-- One row per signed-in device. An access token names its session (the session_id claim);
-- GET /user refuses a token whose session is gone, which is what makes sign-out real.
create table if not exists auth.sessions (
	id uuid primary key default gen_random_uuid(),
	user_id uuid not null references auth.users (id) on delete cascade,
	aal text not null default 'aal1',
	-- GoTrue keeps these in auth.mfa_amr_claims; one column is enough without MFA.
	amr jsonb not null default '[]',
	not_after timestamptz,
	refreshed_at timestamptz,
	user_agent text,
	ip inet,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);

-- Refresh tokens rotate: each use revokes the token and issues its child. A revoked token
-- presented again is answered with the session's current token if it is that token's parent
-- or within the reuse interval; otherwise the whole session's family is revoked.
create table if not exists auth.refresh_tokens (
	id bigserial primary key,
	token_hash text not null unique,
	user_id uuid not null references auth.users (id) on delete cascade,
	session_id uuid not null references auth.sessions (id) on delete cascade,
	parent_id bigint references auth.refresh_tokens (id) on delete set null,
	revoked boolean not null default false,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index if not exists refresh_tokens_session_id_idx on auth.refresh_tokens (session_id, revoked);

-- PKCE sign-ins: the code challenge sent with POST /otp, and the auth code that following the
-- email link issues and POST /token?grant_type=pkce redeems (once, with the code verifier).
create table if not exists auth.flow_state (
	id uuid primary key default gen_random_uuid(),
	user_id uuid references auth.users (id) on delete cascade,
	code_challenge_method text not null check (code_challenge_method in ('s256', 'plain')),
	code_challenge text not null,
	provider_type text not null default 'email',
	authentication_method text not null,
	auth_code_hash text unique,
	auth_code_issued_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index if not exists flow_state_created_at_idx on auth.flow_state (created_at desc);

-- The pending sign-in of a user: the secret in the emailed link and the six-digit code sent
-- with it. One per user; asking again replaces it, and using either part consumes both.
create table if not exists auth.one_time_tokens (
	id uuid primary key default gen_random_uuid(),
	user_id uuid not null unique references auth.users (id) on delete cascade,
	-- confirmation_token: the user has not confirmed their email yet ("signup" links);
	-- recovery_token: a confirmed user signing in ("magiclink" links). GoTrue's names.
	token_type text not null check (token_type in ('confirmation_token', 'recovery_token')),
	token_hash text not null unique check (char_length(token_hash) > 0),
	code_hash text not null,
	relates_to text not null,
	flow_state_id uuid references auth.flow_state (id) on delete set null,
	failed_attempts integer not null default 0,
	expires_at timestamptz not null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);

revoke all on auth.identities, auth.sessions, auth.refresh_tokens, auth.flow_state,
	auth.one_time_tokens from public, anon, authenticated;
