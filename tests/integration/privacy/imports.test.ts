import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { importAddress, invite, listName, stage, stagedRow } from '../../support/imports';
import {
	accessToken,
	anonymousSignIn,
	anonymousToken,
	database,
	everywhere,
	expectNoExactPoint,
	nearby,
	nowhere,
	practitionerAt,
	rest,
	sightings,
	type Point
} from '../../support/privacy';
import { memberWithProfile, signInAs, type Member } from '../../support/supabase';

/**
 * The bulk import (issue 13): nobody is put on the map without consent. A staged person is in no
 * table, view or function any API role can read; the invitation link shows what would be published
 * (never the point, never the address) to whoever holds its token; only the invited address,
 * signed in, confirms; and the import's own functions answer to the service role alone. Attacked
 * as an anonymous visitor, another member, a blocked member and the owner. Everyone here lives in
 * Ljubljana, Slovenia.
 */

const ljubljana: Point = { lat: 46.05691234, lng: 14.50581234 };
const source = listName('Ljubljana circle');
const ownerEmail = importAddress('si-owner');
const ownerName = `Sia ${randomBytes(3).toString('hex')}`;

let token: string;
let other: Member;
let blocked: Member;

beforeAll(async () => {
	await stage(source, [
		{ name: ownerName, email: ownerEmail, ...ljubljana, visibility: 'public', precision: 'town' }
	]);
	token = await invite(source, ownerEmail);
	[other, blocked] = await Promise.all([
		memberWithProfile('si-other', { visibility: 'public' }),
		practitionerAt('si-blocked', { lat: 46.1, lng: 14.6 }, { visibility: 'members' })
	]);
});

/** The tokens of everyone but the owner, who has no account until they confirm. */
async function strangers(): Promise<[string, string][]> {
	return [
		['an anonymous visitor', anonymousToken()],
		['another member', await accessToken(other)],
		['a member the owner will block', await accessToken(blocked)]
	];
}

const rpc = (bearer: string, name: string, body: unknown) =>
	rest(bearer, `rpc/${name}`, { method: 'POST', body });

const randomToken = () => randomBytes(32).toString('hex');

describe('what is staged', () => {
	it('is in no table any API role can read, in public or by naming its schema', async () => {
		for (const [who, bearer] of await strangers()) {
			for (const table of ['imported_people', 'import_batches', 'import_declines']) {
				const plain = await rest(bearer, `${table}?select=*`);
				expect(plain.status, `${who}: ${table}`).toBe(404);
				const named = await rest(bearer, `${table}?select=*`, {
					headers: { 'Accept-Profile': 'private' }
				});
				expect(named.status, `${who}: private.${table}`).toBe(406);
				expectNoExactPoint(named, ljubljana, `${who}: private.${table}`);
			}
			const bulk = await rpc(bearer, 'confirm_imports', { batch: randomUUIDLike() });
			expect(bulk.status, `${who}: confirm_imports`).toBe(404);
		}
	});

	it('is seen by nobody: no profile, no directory entry, nothing near the point', async () => {
		for (const [who, bearer] of await strangers()) {
			const byName = await rest(
				bearer,
				`profiles?select=id&display_name=eq.${encodeURIComponent(ownerName)}`
			);
			expect(byName.body, who).toEqual([]);
			const near = await nearby(bearer, ljubljana);
			expect(
				near.map((person) => person.display_name),
				who
			).not.toContain(ownerName);
			const searched = await rpc(bearer, 'directory_page', { filters: { q: ownerName } });
			expect((searched.body as { items: unknown[] }).items, who).toEqual([]);
		}
	});
});

describe('the import’s own functions', () => {
	const serviceOnly: [string, (stagedId: string) => unknown][] = [
		[
			'stage_imports',
			() => ({
				source,
				people: [{ line: 2, name: 'Evil', email: importAddress('evil'), ...ljubljana }]
			})
		],
		['claim_import_invitations', () => ({ batch_size: 500 })],
		['mark_import_invited', (id) => ({ invitation_ids: [id] })],
		['release_import_invitations', (id) => ({ invitation_ids: [id] })],
		['prune_import_invitations', () => ({})]
	];

	it.each(serviceOnly)('refuse %s to everyone but the service role', async (name, body) => {
		const before = await stagedRow(source, ownerEmail);
		for (const [who, bearer] of await strangers()) {
			const response = await rpc(bearer, name, body(before.id));
			expect(response.status, `${who}: ${name}`).toBeGreaterThanOrEqual(400);
			expectNoExactPoint(response, ljubljana, `${who}: ${name}`);
			expect(response.text, who).not.toContain(ownerEmail);
		}
		expect(await stagedRow(source, ownerEmail)).toEqual(before);
		const { rows } = await database().query(
			`select count(*)::int as batches from private.import_batches where source = $1`,
			[source]
		);
		expect(rows[0].batches).toBe(1);
	});
});

describe('the invitation link', () => {
	it('shows its holder what would be published, never the point or the address', async () => {
		const response = await rpc(anonymousToken(), 'import_invitation_by_token', { token });
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({ status: 'open', display_name: ownerName });
		expectNoExactPoint(response, ljubljana, 'the invitation');
		expect(response.text).not.toContain(ownerEmail);
		expect(response.text).not.toContain(ownerEmail.split('@')[0].slice(1));
	});

	it('opens nothing without its token, and says nothing more about why', async () => {
		for (const [who, bearer] of await strangers()) {
			for (const wrong of [randomToken(), token.slice(0, 63), '', `${token}'--`]) {
				for (const name of ['import_invitation_by_token', 'decline_import']) {
					const response = await rpc(bearer, name, { token: wrong });
					// PostgREST answers a function's P0002 with a 500, whatever the reason.
					expect(response.status, `${who}: ${name}`).toBe(500);
					expect(response.body, `${who}: ${name}`).toMatchObject({
						code: 'P0002',
						message: 'This link does not open an invitation.'
					});
				}
				const choices = await rpc(bearer, 'set_import_choices', {
					token: wrong,
					visibility: 'only_me',
					precision: 'country'
				});
				expect(choices.body, who).toMatchObject({ code: 'P0002' });
			}
		}
		expect(await stagedRow(source, ownerEmail)).toMatchObject({
			display_name: ownerName,
			visibility: 'public',
			precision: 'town'
		});
	});

	it('confirms for nobody but the invited address, signed in as a member', async () => {
		for (const [who, bearer] of await strangers()) {
			const response = await rpc(bearer, 'confirm_import', { token });
			expect(response.status, who).toBeGreaterThanOrEqual(400);
			expectNoExactPoint(response, ljubljana, who);
			expect(response.text, who).not.toContain(ownerEmail);
		}
		// The owner's own address, through an anonymous sign-in: a stranger still.
		const ownerAnonymously = await anonymousSignIn(await signInAs(ownerEmail));
		const refused = await ownerAnonymously.client.rpc('confirm_import', { token });
		expect(refused.error?.code).toBe('42501');
		await database().query('update auth.users set is_anonymous = false where email = $1', [
			ownerEmail
		]);
		expect(await stagedRow(source, ownerEmail)).toMatchObject({ confirmed_at: null });
	});
});

describe('once the owner confirms', () => {
	let owner: Member;

	beforeAll(async () => {
		owner = await signInAs(ownerEmail);
		const confirmed = await owner.client.rpc('confirm_import', { token });
		expect(confirmed.data).toEqual({ status: 'published', profile_id: owner.id });
		const block = await owner.client.from('blocks').insert({ blocked_id: blocked.id });
		expect(block.error).toBeNull();
	});

	it('they are seen as they chose, and not at all by someone they blocked', async () => {
		expect(await sightings(await accessToken(other), { id: owner.id, near: ljubljana })).toEqual(
			everywhere
		);
		expect(await sightings(await accessToken(blocked), { id: owner.id, near: ljubljana })).toEqual(
			nowhere
		);
	});

	it('their point is theirs alone, and the staged row keeps none of it', async () => {
		const own = await owner.client
			.from('profile_locations')
			.select('lat, lng')
			.eq('profile_id', owner.id);
		expect(own.data).toEqual([ljubljana]);
		for (const [who, bearer] of await strangers()) {
			const response = await rest(bearer, `profile_locations?select=*&profile_id=eq.${owner.id}`);
			// Anonymous visitors have no grant at all; members' policy gives them their own only.
			expect(Array.isArray(response.body) ? response.body : [], who).toEqual([]);
			expectNoExactPoint(response, ljubljana, who);
		}
		expect(await stagedRow(source, ownerEmail)).toMatchObject({
			display_name: null,
			lat: null,
			lng: null
		});
	});

	it('the link opens nothing any more, for anyone, and cannot undo anything', async () => {
		for (const [who, bearer] of [...(await strangers()), ['the owner', await accessToken(owner)]]) {
			for (const name of ['import_invitation_by_token', 'decline_import', 'confirm_import']) {
				const response = await rpc(bearer, name, { token });
				expect(response.status, `${who}: ${name}`).toBeGreaterThanOrEqual(400);
			}
		}
		expect(await sightings(await accessToken(other), { id: owner.id, near: ljubljana })).toEqual(
			everywhere
		);
	});
});

/** A UUID that names nothing. */
function randomUUIDLike(): string {
	const hex = randomBytes(16).toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}
