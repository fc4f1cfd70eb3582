import { inject } from 'vitest';
import {
	anonymousClient,
	memberWithProfile,
	serviceClient,
	signUpMember,
	type Member
} from '../support/supabase';

// The walking skeleton's table, attacked through the public API as anonymous, as another
// member and as the owner. The full privacy suite arrives with precise locations.

/** The seed's people all have ids below this one (supabase/seed.sql); random ones are not. */
const SEEDED_IDS_BELOW = '00000001-0000-0000-0000-000000000000';

async function profileAsStored(id: string) {
	const { data } = await serviceClient().from('profiles').select('*').eq('id', id).single();
	return data;
}

describe('profiles', () => {
	let owner: Member;
	let other: Member;

	beforeAll(async () => {
		owner = await memberWithProfile('owner', { visibility: 'only_me', bio: 'private bio' });
		other = await memberWithProfile('other', { visibility: 'members' });
	});

	describe('as an anonymous visitor', () => {
		it('sees exactly the public profiles of the seed', async () => {
			// Only seeded people: other test files create public people while this one runs.
			const { data: all } = await serviceClient()
				.from('profiles')
				.select('id, visibility')
				.not('onboarded_at', 'is', null)
				.lt('id', SEEDED_IDS_BELOW);
			const { data, error } = await anonymousClient()
				.from('profiles')
				.select('id, visibility')
				.lt('id', SEEDED_IDS_BELOW);
			expect(error).toBeNull();
			const publicIds = all!.filter((row) => row.visibility === 'public').map((row) => row.id);
			expect(publicIds.length).toBeGreaterThan(0);
			expect(data!.map((row) => row.id).sort()).toEqual(publicIds.sort());
		});

		it('cannot find hidden profiles by filtering or counting', async () => {
			const filtered = await anonymousClient()
				.from('profiles')
				.select('id')
				.in('visibility', ['members', 'only_me']);
			expect(filtered.data).toEqual([]);
			const counted = await anonymousClient()
				.from('profiles')
				.select('id', { count: 'exact', head: true })
				.eq('id', owner.id);
			expect(counted.count).toBe(0);
		});

		it('cannot create, change or delete profiles', async () => {
			const client = anonymousClient();
			const inserted = await client.from('profiles').insert({ id: owner.id, display_name: 'x' });
			expect(inserted.error?.code).toBe('42501');
			await client.from('profiles').update({ display_name: 'defaced' }).eq('id', other.id);
			await client.from('profiles').delete().eq('id', other.id);
			expect((await profileAsStored(other.id))?.display_name).toBe('other');
		});
	});

	describe('as another member', () => {
		it('sees public and members-only profiles but not a profile kept to its owner', async () => {
			const { data } = await other.client.from('profiles').select('id, visibility');
			const visibilities = new Set(data!.map((row) => row.visibility));
			// 'crewmates' profiles are seen by crewmates only, and this member shares no crew.
			expect(visibilities).toEqual(new Set(['public', 'members']));
			expect(data!.some((row) => row.id === owner.id)).toBe(false);
		});

		it('cannot change or delete the owner’s profile', async () => {
			const updated = await other.client
				.from('profiles')
				.update({ bio: 'defaced' })
				.eq('id', owner.id)
				.select('id');
			expect(updated.data).toEqual([]);
			await other.client.from('profiles').delete().eq('id', owner.id);
			expect((await profileAsStored(owner.id))?.bio).toBe('private bio');
		});

		it('cannot create a profile, not even in someone else’s name', async () => {
			const stranger = await signUpMember('stranger');
			const { error } = await other.client
				.from('profiles')
				.upsert({ id: stranger.id, display_name: 'impostor' });
			expect(error?.code).toBe('42501');
			// A new account's name stays empty until its owner names themselves.
			expect((await profileAsStored(stranger.id))?.display_name).toBe('');
		});
	});

	describe('as the owner', () => {
		it('sees their own profile even when it is kept to themselves', async () => {
			const { data } = await owner.client.from('profiles').select('bio').eq('id', owner.id);
			expect(data).toEqual([{ bio: 'private bio' }]);
		});

		it('can change their profile, but not write the published location directly', async () => {
			const renamed = await owner.client
				.from('profiles')
				.update({ display_name: 'Owner Renamed' })
				.eq('id', owner.id)
				.select('display_name');
			expect(renamed.data).toEqual([{ display_name: 'Owner Renamed' }]);
			const moved = await owner.client
				.from('profiles')
				.update({ published_lat: 1, published_lng: 1 })
				.eq('id', owner.id);
			expect(moved.error?.code).toBe('42501');
			expect((await profileAsStored(owner.id))?.published_lat).toBeNull();
		});
	});
});

describe('the API gateway', () => {
	it('refuses requests without an API key, as a hosted project does', async () => {
		const { apiUrl } = inject('stack');
		const response = await fetch(`${apiUrl}/rest/v1/profiles`);
		expect(response.status).toBe(401);
	});

	it('refuses a key it did not issue', async () => {
		const { apiUrl } = inject('stack');
		const response = await fetch(`${apiUrl}/rest/v1/profiles`, { headers: { apikey: 'forged' } });
		expect(response.status).toBe(401);
	});
});
