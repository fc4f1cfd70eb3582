-- The email settings form saves every kind in one upsert (one transaction), which PostgREST
-- writes as insert ... on conflict do update of every column sent: the owner may update `kind`
-- too, which the owners' policy keeps to their own rows and the primary key to one row a kind.
grant update (kind) on public.email_settings to authenticated;
