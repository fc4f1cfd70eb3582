import { describe, expect, it } from 'vitest';
import { anonymousToken, database, rest } from '../support/privacy';

/**
 * Lint checks on the schema, as tests: the rules every migration must keep for the API to be
 * safe with the public key (DESIGN.md sections 2, 3 and 5), read from pg_catalog.
 */

/**
 * Functions in `public` anonymous visitors may call: the read-only map, directory and place
 * searches (SECURITY INVOKER, so RLS and column privileges answer for them), the email settings
 * link and an import invitation's link, each of which answers only to its unguessable token.
 */
const ANONYMOUS_FUNCTIONS = [
	'calendar_feed_by_token',
	'decline_import',
	'directory_list',
	'directory_page',
	'email_settings_by_token',
	'gathering_page',
	'group_page',
	'import_invitation_by_token',
	'map_items',
	'map_view',
	'nearest_towns',
	'place_by_id',
	'search_places',
	'set_email_setting_by_token',
	'set_import_choices'
];

/**
 * SECURITY DEFINER functions allowed in the exposed schema. Each acts on the caller's own data only
 * (auth.uid()), on public reference data, on a group as the caller's role in it allows (the crew
 * functions, each checking that role, the group's seats and blocks before any write; attacked in
 * tests/integration/privacy/crews*.test.ts), on a gathering as the caller's part in it allows (host,
 * attendee; attacked in tests/integration/privacy/gatherings*.test.ts), on the data of whoever holds
 * an email or calendar token, for moderators only (each checks private.require_moderator first;
 * attacked in tests/integration/privacy/moderation*.test.ts), on an import invitation for whoever
 * holds its link's token (confirming it also needs the invited address signed in; attacked in
 * tests/integration/privacy/imports.test.ts), or, for the notify worker and `npm run import`, with
 * the service role only.
 */
const EXPOSED_DEFINER_FUNCTIONS = [
	'add_gathering_host',
	'answer_invitation',
	'calendar_feed_by_token',
	'claim_import_invitations',
	'claim_outbox_emails',
	'confirm_import',
	'confirm_still_here',
	'create_group',
	'decide_congregation_request',
	'decide_request',
	'decide_rsvp',
	'decline_import',
	'delete_my_account',
	'email_settings_by_token',
	'end_expired_suspensions',
	'export_my_data',
	'fire_radar_alerts',
	'import_invitation_by_token',
	'leave_congregation',
	'leave_group',
	'lift_suspension',
	'mark_import_invited',
	'mark_notifications_read',
	'moderate',
	'moderation_log',
	'moderation_queue',
	'my_gatherings',
	'my_suspension',
	'place_labels_for',
	'prune_import_invitations',
	'queue_emails',
	'regenerate_calendar_token',
	'release_import_invitations',
	'remove_gathering_host',
	'remove_member',
	'request_congregation',
	'request_to_join',
	'revoke_calendar_token',
	'rsvp',
	'set_email_setting_by_token',
	'set_import_choices',
	'set_member_role',
	'stage_imports',
	'suspend_person',
	'suspended_people',
	'withdraw_invitation',
	'withdraw_request'
];

/** Callable by the service role only: the notify worker's, and `npm run import`'s. */
const SERVICE_FUNCTIONS = [
	'claim_import_invitations',
	'claim_outbox_emails',
	'end_expired_suspensions',
	'fire_radar_alerts',
	'mark_import_invited',
	'prune_import_invitations',
	'queue_emails',
	'release_import_invitations',
	'stage_imports'
];

async function rows<T>(sql: string): Promise<T[]> {
	return (await database().query(sql)).rows as T[];
}

describe('tables in public', () => {
	it('all have row-level security enabled', async () => {
		const tables = await rows<{ name: string; rls: boolean }>(
			`select c.relname as name, c.relrowsecurity as rls
			from pg_class c
			where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
			order by 1`
		);
		expect(tables.map((table) => table.name)).toContain('profile_locations');
		expect(tables.filter((table) => !table.rls)).toEqual([]);
	});

	it('have no views that would read past row-level security', async () => {
		const views = await rows<{ name: string }>(
			`select c.relname as name
			from pg_class c
			where c.relnamespace = 'public'::regnamespace and c.relkind in ('v', 'm')
				and not coalesce(c.reloptions @> array['security_invoker=true'], false)`
		);
		expect(views).toEqual([]);
	});
});

describe('functions in public, private and audience', () => {
	it('all have a fixed search_path', async () => {
		const functions = await rows<{ name: string }>(
			`select n.nspname || '.' || p.proname as name
			from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			where n.nspname in ('public', 'private', 'audience')
				and not exists (
					select 1 from unnest(coalesce(p.proconfig, '{}')) setting
					where setting like 'search_path=%'
				)
			order by 1`
		);
		expect(functions).toEqual([]);
	});

	it('give anonymous visitors exactly the allow-listed functions of public', async () => {
		const callable = await rows<{ name: string }>(
			`select p.proname as name
			from pg_proc p
			where p.pronamespace = 'public'::regnamespace
				and has_function_privilege('anon', p.oid, 'execute')
			order by 1`
		);
		expect(callable.map((fn) => fn.name)).toEqual(ANONYMOUS_FUNCTIONS);
	});

	it('give anonymous visitors nothing in private', async () => {
		const callable = await rows<{ name: string }>(
			`select p.proname as name
			from pg_proc p
			where p.pronamespace = 'private'::regnamespace
				and has_function_privilege('anon', p.oid, 'execute')`
		);
		expect(callable).toEqual([]);
		const [usage] = await rows<{ usage: boolean }>(
			`select has_schema_privilege('anon', 'private', 'usage') as usage`
		);
		expect(usage.usage).toBe(false);
	});

	it('in audience, which every API role may use, all run with the caller’s rights', async () => {
		const functions = await rows<{ name: string; definer: boolean }>(
			`select p.proname as name, p.prosecdef as definer
			from pg_proc p
			where p.pronamespace = 'audience'::regnamespace
			order by 1`
		);
		// The schema holds the audience rule; the check would catch a definer among them.
		expect(functions.map((fn) => fn.name)).toContain('visible_items');
		expect(functions.filter((fn) => fn.definer)).toEqual([]);
	});

	it('keep audience out of what the API exposes', async () => {
		// PostgREST serves `public` only (db-schemas); anything else is reachable only from SQL.
		for (const schema of ['audience', 'private']) {
			const response = await rest(anonymousToken(), 'rpc/visible_items', {
				method: 'POST',
				body: {},
				headers: { 'Content-Profile': schema }
			});
			expect(response.status, schema).toBe(406);
		}
	});

	it('in counts, read functions only, each answering for its caller, out of the API', async () => {
		// The map's counts kept by cell are read through these (SECURITY DEFINER: the counts are
		// private tables); tests/integration/map-counts-parity.test.ts holds their answers to the
		// straightforward ones for every kind of caller.
		const functions = await rows<{ name: string; volatility: string }>(
			`select p.proname as name, p.provolatile as volatility
			from pg_proc p
			where p.pronamespace = 'counts'::regnamespace
			order by 1`
		);
		expect(functions.map((fn) => fn.name)).toEqual([
			'caller_audience',
			'caller_extras',
			'people_counts',
			'people_total'
		]);
		expect(functions.filter((fn) => fn.volatility !== 's')).toEqual([]);
		const response = await rest(anonymousToken(), 'rpc/people_total', {
			method: 'POST',
			body: {},
			headers: { 'Content-Profile': 'counts' }
		});
		expect(response.status).toBe(406);
	});

	it('give the notify worker’s functions to the service role only', async () => {
		const callable = await rows<{
			name: string;
			anon: boolean;
			authenticated: boolean;
			service: boolean;
		}>(
			`select p.proname as name,
				has_function_privilege('anon', p.oid, 'execute') as anon,
				has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
				has_function_privilege('service_role', p.oid, 'execute') as service
			from pg_proc p
			where p.pronamespace = 'public'::regnamespace and p.proname = any ($1)
			order by 1`.replace('$1', `array['${SERVICE_FUNCTIONS.join("','")}']`)
		);
		expect(callable).toEqual(
			SERVICE_FUNCTIONS.map((name) => ({ name, anon: false, authenticated: false, service: true }))
		);
	});

	it('keep SECURITY DEFINER out of the exposed schema unless allow-listed', async () => {
		const definers = await rows<{ name: string }>(
			`select p.proname as name
			from pg_proc p
			where p.pronamespace = 'public'::regnamespace and p.prosecdef
			order by 1`
		);
		expect(definers.map((fn) => fn.name)).toEqual(EXPOSED_DEFINER_FUNCTIONS);
	});
});

describe('anonymous visitors’ privileges', () => {
	it.each([
		'profile_locations',
		'blocks',
		'group_members',
		'group_requests',
		'group_invitations',
		'congregation_requests',
		'notifications',
		'email_settings',
		'radar_alerts',
		'outbox_emails',
		'reports',
		'moderators',
		'suspensions',
		'moderation_log'
	])('include nothing at all on %s', async (table) => {
		const [privileges] = await rows<Record<string, boolean>>(
			`select
				${['select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger']
					.map(
						(privilege) =>
							`has_table_privilege('anon', 'public.${table}', '${privilege}') as ${privilege}`
					)
					.join(',\n')},
				has_any_column_privilege('anon', 'public.${table}', 'select, insert, update, references') as any_column`
		);
		expect(Object.entries(privileges).filter(([, granted]) => granted)).toEqual([]);
	});

	it('do not include reading the owner-precision columns of profiles', async () => {
		const readable = await rows<{ name: string }>(
			`select a.attname as name
			from pg_attribute a
			where a.attrelid = 'public.profiles'::regclass and a.attnum > 0 and not a.attisdropped
				and (a.attname like 'published\\_%' or a.attname = 'place_label')
				and has_column_privilege('anon', a.attrelid, a.attnum, 'select')`
		);
		expect(readable).toEqual([]);
		// The columns the check is about do exist: it would catch a grant on them.
		const [columns] = await rows<{ count: number }>(
			`select count(*)::int as count from pg_attribute
			where attrelid = 'public.profiles'::regclass
				and attname in ('published_cell', 'published_lat', 'published_lng', 'published_country', 'published_earth', 'place_label')`
		);
		expect(columns.count).toBe(6);
	});

	it('do not include reading when a profile last changed, nor do members’', async () => {
		// profiles.updated_at moves with every edit and every move within a cell.
		const [readable] = await rows<{ anon: boolean; authenticated: boolean }>(
			`select has_column_privilege('anon', 'public.profiles', 'updated_at', 'select') as anon,
				has_column_privilege('authenticated', 'public.profiles', 'updated_at', 'select') as authenticated`
		);
		expect(readable).toEqual({ anon: false, authenticated: false });
	});

	it('include no writes to any table in public', async () => {
		const writable = await rows<{ name: string }>(
			`select c.relname as name
			from pg_class c
			where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v')
				and (
					has_table_privilege('anon', c.oid, 'insert, update, delete, truncate')
					or has_any_column_privilege('anon', c.oid, 'insert, update')
				)`
		);
		expect(writable).toEqual([]);
	});
});
