import { isRedirect } from '@sveltejs/kit';
import type { User } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { isMember, requireUser } from './visitor';

function user(overrides: Partial<User> = {}): User {
	return {
		id: 'ada',
		aud: 'authenticated',
		app_metadata: {},
		user_metadata: {},
		created_at: '2026-01-01T00:00:00Z',
		...overrides
	};
}

function localsWith(visitor: User | null): App.Locals {
	return { user: visitor, session: null, supabase: null as never };
}

describe('isMember', () => {
	it('counts a signed-in person, not an anonymous sign-in or nobody', () => {
		expect(isMember(user())).toBe(true);
		expect(isMember(user({ is_anonymous: false }))).toBe(true);
		expect(isMember(user({ is_anonymous: true }))).toBe(false);
		expect(isMember(null)).toBe(false);
	});
});

describe('requireUser', () => {
	it('gives the signed-in member', () => {
		const ada = user();
		expect(requireUser(localsWith(ada), new URL('http://localhost/me'))).toBe(ada);
	});

	it('sends everyone else to sign in, and back here afterwards', () => {
		for (const visitor of [null, user({ is_anonymous: true })]) {
			let thrown: unknown;
			try {
				requireUser(localsWith(visitor), new URL('http://localhost/me?tab=blocks'));
			} catch (error) {
				thrown = error;
			}
			expect(isRedirect(thrown)).toBe(true);
			expect(thrown).toMatchObject({ status: 303, location: '/login?next=%2Fme%3Ftab%3Dblocks' });
		}
	});
});
