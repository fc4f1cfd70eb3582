import { isRedirect } from '@sveltejs/kit';
import type { User } from '@supabase/supabase-js';
import { describe, expect, it, vi } from 'vitest';
import { isMember, readSignedInVisitor, requireUser } from './visitor';

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

describe('readSignedInVisitor', () => {
	/**
	 * A client whose `profiles` read answers `answer`, with the filters it was asked with: the
	 * profile's id, and unread (`read_at` null) for the notifications embedded in it.
	 */
	function profilesAnswering(answer: { data: unknown; error: unknown }) {
		const filters: unknown[][] = [];
		const query = {
			eq: (...args: unknown[]) => (filters.push(['eq', ...args]), query),
			is: (...args: unknown[]) => (filters.push(['is', ...args]), query),
			limit: (...args: unknown[]) => (filters.push(['limit', ...args]), query),
			maybeSingle: async () => answer
		};
		const from = vi.fn(() => ({ select: () => query }));
		return { supabase: { from } as never, from, filters };
	}

	it('names the signed-in person and counts their unread notifications, in one query', async () => {
		const { supabase, from, filters } = profilesAnswering({
			data: { display_name: 'Farah Quill', unread: [{ id: 'n1' }, { id: 'n2' }] },
			error: null
		});
		const visitor = await readSignedInVisitor({
			user: user({ email: 'farah@example.org' }),
			session: null,
			supabase
		});

		expect(from).toHaveBeenCalledTimes(1);
		expect(from).toHaveBeenCalledWith('profiles');
		expect(filters).toContainEqual(['eq', 'id', 'ada']);
		expect(filters).toContainEqual(['is', 'unread.read_at', null]);
		expect(visitor).toEqual({
			id: 'ada',
			email: 'farah@example.org',
			displayName: 'Farah Quill',
			unreadCount: 2
		});
	});

	it('has an empty name for a new account that has not given one yet', async () => {
		const { supabase } = profilesAnswering({ data: { display_name: '', unread: [] }, error: null });
		const visitor = await readSignedInVisitor({ user: user(), session: null, supabase });

		expect(visitor).toMatchObject({ displayName: '', unreadCount: 0 });
	});

	it('still answers, with an empty name and nothing unread, when the header cannot be read', async () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const { supabase } = profilesAnswering({
			data: null,
			error: { message: 'connection refused', code: '08006' }
		});
		const visitor = await readSignedInVisitor({ user: user(), session: null, supabase });

		expect(visitor).toMatchObject({ id: 'ada', displayName: '', unreadCount: 0 });
	});

	it('is nobody for an anonymous visitor, without asking the database', async () => {
		const { supabase, from } = profilesAnswering({ data: null, error: null });

		expect(await readSignedInVisitor({ user: null, session: null, supabase })).toBeNull();
		expect(from).not.toHaveBeenCalled();
	});
});
