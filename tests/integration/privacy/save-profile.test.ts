import { beforeAll, describe, expect, it } from 'vitest';
import {
	anonymousClient,
	memberWithProfile,
	signUpMember,
	type Member
} from '../../support/supabase';
import { groundTruth, practitionerAt } from '../../support/privacy';

/**
 * save_my_profile, the profile form's one write: the profile and the exact point in one
 * transaction, through the caller's own RLS and column privileges. Attacked as an anonymous
 * visitor and as another member; the owner tries to write what the database derives. Everyone
 * here lives in Vilnius, Lithuania.
 */

const vilnius = { lat: 54.68723456, lng: 25.27976543 };
const kaunas = { lat: 54.89876543, lng: 23.90345678 };

let owner: Member;
let other: Member;
let newcomer: Member;

beforeAll(async () => {
	[owner, other, newcomer] = await Promise.all([
		practitionerAt('lt-owner', vilnius, { precision: 'town' }),
		practitionerAt('lt-other', vilnius, { precision: 'town' }),
		signUpMember('lt-newcomer')
	]);
});

const save = (member: Member, args: Record<string, unknown>) =>
	member.client.rpc('save_my_profile', args as never);

describe('the owner saving', () => {
	it('writes the profile and moves the point in one call, republishing the cells', async () => {
		const before = (await groundTruth(owner.id))!;
		const { error } = await save(owner, {
			changes: { bio: 'Moved to Kaunas.', precision: 'area', languages: ['Lithuanian'] },
			point_lat: kaunas.lat,
			point_lng: kaunas.lng
		});
		expect(error).toBeNull();
		const after = (await groundTruth(owner.id))!;
		expect(after).toMatchObject({
			bio: 'Moved to Kaunas.',
			precision: 'area',
			languages: ['Lithuanian'],
			exact_lat: kaunas.lat,
			exact_lng: kaunas.lng
		});
		expect(after.published_cell).toHaveLength(11);
		expect(after.published_cell).not.toBe(before.published_cell);
		expect(after.display_name).toBe(before.display_name);
	});

	it('saves nothing at all when the point is refused: the profile keeps what it had', async () => {
		const before = (await groundTruth(owner.id))!;
		const { error } = await save(owner, {
			changes: { bio: 'Half a save?', visibility: 'members' },
			point_lat: 123,
			point_lng: 25
		});
		expect(error).not.toBeNull();
		const after = (await groundTruth(owner.id))!;
		expect(after.bio).toBe(before.bio);
		expect(after.visibility).toBe(before.visibility);
		expect(after.exact_lat).toBe(before.exact_lat);
	});

	it('leaves the point alone without one, and refuses half of one', async () => {
		const before = (await groundTruth(owner.id))!;
		expect((await save(owner, { changes: { pronouns: 'they/them' } })).error).toBeNull();
		const after = (await groundTruth(owner.id))!;
		expect(after.pronouns).toBe('they/them');
		expect([after.exact_lat, after.exact_lng]).toEqual([before.exact_lat, before.exact_lng]);

		const half = await save(owner, { changes: { pronouns: 'she/her' }, point_lat: 54.7 });
		expect(half.error?.code).toBe('22023');
		expect((await groundTruth(owner.id))!.pronouns).toBe('they/them');
	});

	it('refuses a value no column takes, saving nothing', async () => {
		const { error } = await save(owner, {
			changes: { bio: 'Typo below', practices: ['not_a_practice'] }
		});
		expect(error?.code).toBe('22P02');
		expect((await groundTruth(owner.id))!.bio).not.toBe('Typo below');
	});

	it('ignores what the database derives or keeps to itself, whatever is sent', async () => {
		const before = (await groundTruth(owner.id))!;
		const { error } = await save(owner, {
			changes: {
				bio: 'Trying to publish my own cell.',
				published_cell: '0',
				published_lat: 0,
				published_lng: 0,
				public_cell: '0',
				place_label: 'Nowhere',
				last_confirmed_at: '2000-01-01T00:00:00Z',
				id: other.id
			}
		});
		expect(error).toBeNull();
		const after = (await groundTruth(owner.id))!;
		expect(after.bio).toBe('Trying to publish my own cell.');
		expect(after).toMatchObject({
			published_cell: before.published_cell,
			published_lat: before.published_lat,
			public_cell: before.public_cell,
			place_label: before.place_label,
			last_confirmed_at: before.last_confirmed_at
		});
		expect((await groundTruth(other.id))!.bio).not.toBe('Trying to publish my own cell.');
	});

	it('lists a newcomer with the database’s own time when onboarding', async () => {
		const started = Date.now();
		const { error } = await save(newcomer, {
			changes: { display_name: 'Lina', visibility: 'public', precision: 'area' },
			point_lat: vilnius.lat,
			point_lng: vilnius.lng,
			onboard: true
		});
		expect(error).toBeNull();
		const after = (await groundTruth(newcomer.id))!;
		expect(after.display_name).toBe('Lina');
		expect(new Date(after.onboarded_at!).getTime()).toBeGreaterThan(started - 60_000);
		expect(after.published_cell).toHaveLength(11);
	});
});

describe('anyone else calling it', () => {
	it('is refused to an anonymous visitor', async () => {
		const { error } = await anonymousClient().rpc('save_my_profile', {
			changes: { bio: 'anonymous' }
		});
		expect(error).not.toBeNull();
		expect(['42501', 'PGRST202']).toContain(error?.code);
	});

	it('changes only the caller’s own profile and point, never another member’s', async () => {
		const victimBefore = (await groundTruth(owner.id))!;
		const attacker = await memberWithProfile('lt-attacker');
		const { error } = await save(attacker, {
			changes: { bio: 'pwned', id: owner.id },
			point_lat: vilnius.lat,
			point_lng: vilnius.lng
		});
		expect(error).toBeNull();
		const victimAfter = (await groundTruth(owner.id))!;
		expect(victimAfter.bio).toBe(victimBefore.bio);
		expect([victimAfter.exact_lat, victimAfter.exact_lng]).toEqual([
			victimBefore.exact_lat,
			victimBefore.exact_lng
		]);
		expect((await groundTruth(attacker.id))!.bio).toBe('pwned');
	});
});
