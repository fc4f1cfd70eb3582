import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroup, joinGroup } from '../../support/groups';
import { signUpMember, type Member } from '../../support/supabase';
import {
	accessToken,
	anonymousToken,
	anonymousViewOf,
	database,
	everywhere,
	groundTruth,
	neighboursOf,
	nowhere,
	practitionerAt,
	sightings,
	type Point,
	type Visibility
} from '../../support/privacy';

/**
 * Guarantee 4: visibility (public, members, crewmates, only me) is the owner's choice, enforced
 * by RLS, and applies to everything derived from the profile: the row, map points, nearby
 * results and counts. Everyone here lives in one area cell of Santa Cruz de la Sierra, Bolivia.
 */

const santaCruz: Record<Visibility | 'switcher', Point> = {
	public: { lat: -17.77234567, lng: -63.17876543 },
	members: { lat: -17.77834567, lng: -63.17276543 },
	crewmates: { lat: -17.76634567, lng: -63.18476543 },
	only_me: { lat: -17.77334567, lng: -63.17976543 },
	switcher: { lat: -17.77134567, lng: -63.17776543 }
};

const seeded = {
	chidi: '00000000-0000-4000-8000-000000000008', // members
	ivo: '00000000-0000-4000-8000-000000000010', // only_me
	juno: '00000000-0000-4000-8000-000000000013', // crewmates
	xan: '00000000-0000-4000-8000-000000000029' // signed in, never onboarded
};

const owners = {} as Record<Visibility, Member>;
let member: Member;
let crewmate: Member; // in one crew with owners.crewmates

beforeAll(async () => {
	for (const visibility of ['public', 'members', 'crewmates', 'only_me'] as const) {
		owners[visibility] = await practitionerAt(`bo-${visibility}`, santaCruz[visibility], {
			visibility,
			precision: 'town'
		});
	}
	// Anonymous visitors see the public owner.
	await neighboursOf('bo', santaCruz.public);
	[member, crewmate] = await Promise.all([signUpMember('bo-member'), signUpMember('bo-crewmate')]);
	// A real crew from the start: anonymous visitors and other members are tested while the
	// crewmates-only owner has crewmates, and must still not see them.
	const crew = await createGroup({ kind: 'crew', name: 'bo-crew', at: santaCruz.crewmates });
	await joinGroup(crew, owners.crewmates, crewmate);
});

afterAll(async () => {
	await database().query('delete from public.groups where name = $1', ['bo-crew']);
});

/** Where the holder of `token` comes across a person, looking from Santa Cruz's public owner. */
const sightingsOf = (token: string, id: string) => sightings(token, { id, near: santaCruz.public });

describe('as an anonymous visitor', () => {
	it('sees a public profile in its row, on the map, nearby and in counts', async () => {
		expect(await sightingsOf(anonymousToken(), owners.public.id)).toEqual(everywhere);
	});

	it.each(['members', 'crewmates', 'only_me'] as const)(
		'does not come across a %s profile anywhere',
		async (visibility) => {
			expect(await sightingsOf(anonymousToken(), owners[visibility].id)).toEqual(nowhere);
		}
	);

	it('finds none of the seed’s members-only, crewmates-only, only-me or unfinished profiles', async () => {
		const view = await anonymousViewOf(Object.values(seeded));
		expect([...view.keys()]).toEqual([]);
	});
});

describe('as another member', () => {
	it.each(['public', 'members'] as const)(
		'sees a %s profile in its row, on the map, nearby and in counts',
		async (visibility) => {
			expect(await sightingsOf(await accessToken(member), owners[visibility].id)).toEqual(
				everywhere
			);
		}
	);

	it.each(['crewmates', 'only_me'] as const)(
		'does not come across a %s profile anywhere',
		async (visibility) => {
			expect(await sightingsOf(await accessToken(member), owners[visibility].id)).toEqual(nowhere);
		}
	);

	it('sees the seed’s members-only profile but not the others kept from members', async () => {
		const { data } = await member.client
			.from('profiles')
			.select('id')
			.in('id', Object.values(seeded));
		expect(data).toEqual([{ id: seeded.chidi }]);
	});
});

describe('as a crewmate', () => {
	it('sees a crewmates-only profile in its row, on the map, nearby and in counts', async () => {
		expect(await sightingsOf(await accessToken(crewmate), owners.crewmates.id)).toEqual(everywhere);
	});

	it('does not come across the seed’s crewmates-only profile, with whom they share no crew', async () => {
		const { data } = await crewmate.client.from('profiles').select('id').eq('id', seeded.juno);
		expect(data).toEqual([]);
	});

	it('sees members-only and public profiles like any member', async () => {
		for (const visibility of ['public', 'members'] as const) {
			expect(await sightingsOf(await accessToken(crewmate), owners[visibility].id)).toEqual(
				everywhere
			);
		}
	});
});

describe('as the owner', () => {
	it.each(['public', 'members', 'crewmates', 'only_me'] as const)(
		'sees their own %s profile in its row, on the map, nearby and in counts',
		async (visibility) => {
			const owner = owners[visibility];
			expect(await sightingsOf(await accessToken(owner), owner.id)).toEqual(everywhere);
		}
	);
});

describe('anonymous map data', () => {
	it('is empty for everyone who is not public', async () => {
		for (const visibility of ['members', 'crewmates', 'only_me'] as const) {
			const truth = (await groundTruth(owners[visibility].id))!;
			expect(truth.published_cell).not.toBeNull();
			expect(truth).toMatchObject({
				public_cell: null,
				public_lat: null,
				public_lng: null,
				public_place_label: null
			});
		}
	});

	it('loses a person at once when they switch to only me, and regains them when they switch back', async () => {
		const switcher = await practitionerAt('bo-switcher', santaCruz.switcher);
		expect((await sightingsOf(anonymousToken(), switcher.id)).map).toBe(1);
		const hidden = await switcher.client
			.from('profiles')
			.update({ visibility: 'only_me' })
			.eq('id', switcher.id);
		expect(hidden.error).toBeNull();
		expect(await groundTruth(switcher.id)).toMatchObject({
			public_cell: null,
			public_lat: null,
			public_lng: null,
			public_place_label: null
		});
		expect(await sightingsOf(anonymousToken(), switcher.id)).toEqual(nowhere);
		expect(await sightingsOf(await accessToken(member), switcher.id)).toEqual(nowhere);

		await switcher.client.from('profiles').update({ visibility: 'public' }).eq('id', switcher.id);
		expect(await sightingsOf(anonymousToken(), switcher.id)).toEqual(everywhere);
	});
});

describe('a new account', () => {
	it('is seen by nobody else until its owner finishes onboarding', async () => {
		const newcomer = await signUpMember('bo-newcomer');
		await newcomer.client.from('profiles').update({ visibility: 'public' }).eq('id', newcomer.id);
		const placed = await newcomer.client
			.from('profile_locations')
			.insert({ profile_id: newcomer.id, ...santaCruz.public });
		expect(placed.error).toBeNull();
		expect((await groundTruth(newcomer.id))!.public_cell).toBeNull();
		expect(await sightingsOf(anonymousToken(), newcomer.id)).toEqual(nowhere);
		expect(await sightingsOf(await accessToken(member), newcomer.id)).toEqual(nowhere);
		expect(await sightingsOf(await accessToken(newcomer), newcomer.id)).toEqual(everywhere);

		const onboarded = await newcomer.client
			.from('profiles')
			.update({ display_name: 'Bo', onboarded_at: new Date().toISOString() })
			.eq('id', newcomer.id);
		expect(onboarded.error).toBeNull();
		expect(await sightingsOf(await accessToken(member), newcomer.id)).toEqual(everywhere);
		expect(await sightingsOf(anonymousToken(), newcomer.id)).toEqual(everywhere);
	});

	it('has no name until its owner gives one, and cannot be listed without one', async () => {
		// The email's local part is often a real name: nothing of the address becomes the profile's.
		const newcomer = await signUpMember('cy-newcomer');
		expect((await groundTruth(newcomer.id))!.display_name).toBe('');
		for (const name of ['', '   ']) {
			const refused = await newcomer.client
				.from('profiles')
				.update({ display_name: name, onboarded_at: new Date().toISOString() })
				.eq('id', newcomer.id);
			expect(refused.error?.code, JSON.stringify(name)).toBe('23514');
		}
		const saved = await newcomer.client.rpc('save_my_profile', { changes: {}, onboard: true });
		expect(saved.error?.code).toBe('23514');
		expect((await groundTruth(newcomer.id))!.onboarded_at).toBeNull();
		const named = await newcomer.client.rpc('save_my_profile', {
			changes: { display_name: 'Cy' },
			onboard: true
		});
		expect(named.error).toBeNull();
		expect((await groundTruth(newcomer.id))!).toMatchObject({ display_name: 'Cy' });
		expect((await groundTruth(newcomer.id))!.onboarded_at).not.toBeNull();
	});
});
