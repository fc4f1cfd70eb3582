import { createClient } from '@supabase/supabase-js';
import { inject } from 'vitest';
import WebSocket from 'ws';
import type { Database } from '../../../src/lib/database.types';
import { accessToken, rest } from '../../support/privacy';
import { memberWithProfile, signInAs, type Member } from '../../support/supabase';

/**
 * Signing out and deleting the account end the session for the database API too. An access
 * token is a signed claim that PostgREST would take until it expires (up to an hour): a token
 * copied from a shared computer, or kept by a script, would go on reading and writing as the
 * person after they signed out or left. Each attack keeps the token, ends its session the way
 * the person would, and tries it again with the public key, as curl would.
 */

/** What the kept token still gets: supabase-js with the public key and the token as bearer. */
function clientWith(token: string) {
	const { apiUrl, anonKey } = inject('stack');
	return createClient<Database>(apiUrl, anonKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		global: { headers: { Authorization: `Bearer ${token}` } },
		realtime: { transport: WebSocket as never }
	});
}

/** The person's own profile row, a function of theirs and a write, with `token`: each status. */
async function whatTheTokenGets(member: Member, token: string) {
	const client = clientWith(token);
	const ownRow = await client.from('profiles').select('id').eq('id', member.id);
	const exported = await client.rpc('export_my_data');
	const write = await rest(token, `profiles?id=eq.${member.id}`, {
		method: 'PATCH',
		body: { bio: 'Still here?' }
	});
	return { ownRow: ownRow.status, exported: exported.status, write: write.status };
}

const refused = { ownRow: 401, exported: 401, write: 401 };

describe('a kept access token', () => {
	it('works while its session lasts (what the attacks below take away)', async () => {
		const member = await memberWithProfile('se-still-in');
		const token = await accessToken(member);
		const { data } = await clientWith(token).from('profiles').select('id').eq('id', member.id);
		expect(data).toEqual([{ id: member.id }]);
		expect(await whatTheTokenGets(member, token)).toEqual({
			ownRow: 200,
			exported: 200,
			write: 204
		});
	});

	it('is refused once its person signs out, as the app’s sign-out does (everywhere)', async () => {
		const member = await memberWithProfile('se-signed-out');
		const elsewhere = await signInAs(member.email);
		const token = await accessToken(member);
		const otherDevice = await accessToken(elsewhere);

		expect((await member.client.auth.signOut()).error).toBeNull();
		expect(await whatTheTokenGets(member, token)).toEqual(refused);
		expect(await whatTheTokenGets(member, otherDevice)).toEqual(refused);
	});

	it('signed out on one device only, is refused there and still works on the other', async () => {
		const member = await memberWithProfile('se-one-device');
		const elsewhere = await signInAs(member.email);
		const token = await accessToken(member);

		expect((await member.client.auth.signOut({ scope: 'local' })).error).toBeNull();
		expect(await whatTheTokenGets(member, token)).toEqual(refused);
		const { data } = await elsewhere.client.from('profiles').select('id').eq('id', member.id);
		expect(data).toEqual([{ id: member.id }]);
	});

	it('is refused once its person deletes their account', async () => {
		const member = await memberWithProfile('se-deleted');
		const token = await accessToken(member);

		const deleted = await member.client.rpc('delete_my_account');
		expect(deleted.error).toBeNull();
		expect(await whatTheTokenGets(member, token)).toEqual(refused);
		const again = await clientWith(token).rpc('delete_my_account');
		expect(again.status).toBe(401);
	});
});
