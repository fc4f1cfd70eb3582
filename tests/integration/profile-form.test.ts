import { isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { profileFormData } from '../../src/lib/people/factories';
import {
	checkProfileForm,
	EMPTY_PROFILE_FORM,
	profileFormValues
} from '../../src/lib/people/validation';
import { PLAIN_TEXT_MESSAGE } from '../../src/lib/plain-text';
import { saveOwnProfile } from '../../src/lib/server/profiles';
import { plainTextField, QueryError } from '../../src/lib/server/query-error';
import { saveProfileForm } from '../../src/lib/server/profile-form';
import { actions as meActions, load as meLoad } from '../../src/routes/me/+page.server';
import {
	actions as welcomeActions,
	load as welcomeLoad
} from '../../src/routes/welcome/+page.server';
import { signUpMember, type Member } from '../support/supabase';

/**
 * The profile form's actions (`/welcome`, `/me`) against the local stack: a name holding a
 * text-direction override is refused beside its field before the database, and a form posted
 * from an account deleted meanwhile gets a clear answer instead of a 500.
 */

/** A profile as the form's checks hand it to the database. */
function checkedProfile() {
	const checked = checkProfileForm(profileFormValues(profileForm()));
	if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
	return checked.value.profile;
}

function profileForm(fields: Record<string, string> = {}): FormData {
	return profileFormData({ display_name: 'Plain Name', ...fields });
}

/**
 * What a page's action or load gets, as SvelteKit makes it for this member posting `form` (typed
 * as anything, as each route types its own events).
 */
function event(member: Member, { path, form }: { path: string; form?: FormData }): never {
	return {
		locals: {
			supabase: member.client,
			user: { id: member.id, is_anonymous: false },
			session: null
		},
		params: {},
		url: new URL(`http://app.test${path}`),
		request: new Request(`http://app.test${path}`, { method: 'POST', body: form }),
		// A page load's parent data and dependencies are not used by these pages.
		parent: async () => ({}),
		depends: () => {},
		untrack: <T>(fn: () => T) => fn(),
		setHeaders: () => {}
	} as unknown as never;
}

/** What an action or load ended with: its answer, or what it threw. */
async function outcome(run: () => unknown): Promise<unknown> {
	try {
		return await run();
	} catch (thrown) {
		return thrown;
	}
}

describe('the profile form', () => {
	it('refuses a name holding a right-to-left override beside the field, saving nothing', async () => {
		const member = await signUpMember('bidi');
		const failure = await saveProfileForm(member.client, {
			formData: profileForm({ display_name: 'Ada \u202enilhgnireF' }),
			onboard: true
		});
		expect(failure?.status).toBe(400);
		expect(failure?.data.errors).toEqual({ display_name: PLAIN_TEXT_MESSAGE });
		expect(failure?.data.values.display_name).toBe('Ada \u202enilhgnireF');
		const { data } = await member.client
			.from('profiles')
			.select('display_name, onboarded_at')
			.eq('id', member.id)
			.single();
		expect(data).toEqual({ display_name: '', onboarded_at: null });
	});

	it('shows the database’s own refusal of such a name beside the field it names', async () => {
		const member = await signUpMember('bidi-database');
		const saving = saveOwnProfile(member.client, {
			changes: { ...checkedProfile(), display_name: 'Ada \u2067Fernhill' },
			location: null,
			onboard: true
		});
		const refusal = await saving.then(
			() => null,
			(error: unknown) => error
		);
		expect(refusal).toBeInstanceOf(QueryError);
		const cause = (refusal as QueryError).cause;
		expect(cause.code).toBe('23514');
		expect(plainTextField(cause, Object.keys(EMPTY_PROFILE_FORM))).toBe('display_name');
	});

	it('refuses control characters in any field, but takes line breaks where lines are asked for', async () => {
		const member = await signUpMember('controls');
		const failure = await saveProfileForm(member.client, {
			formData: profileForm({
				pronouns: 'she\u0000her',
				interests: 'gardens\u001b',
				offers: 'Soup\r\nA spare room',
				bio: 'Line one\nline two\u0085'
			}),
			onboard: true
		});
		expect(failure?.status).toBe(400);
		expect(failure?.data.errors).toEqual({
			pronouns: PLAIN_TEXT_MESSAGE,
			interests: PLAIN_TEXT_MESSAGE,
			bio: PLAIN_TEXT_MESSAGE
		});
	});

	describe('when the account was deleted after the session was checked', () => {
		/** A member whose account is gone, with the session the request was let in with. */
		async function deletedMember() {
			const member = await signUpMember('gone');
			const saved = await saveProfileForm(member.client, {
				formData: profileForm(),
				onboard: true
			});
			expect(saved).toBeNull();
			const { error } = await member.client.rpc('delete_my_account');
			expect(error).toBeNull();
			return member;
		}

		// One member per request: each request has a client of its own, which the answer signs out.
		it('answers saving the profile by saying the account is gone, not a 500', async () => {
			for (const [path, save] of [
				['/me', meActions.save],
				['/welcome', welcomeActions.save]
			] as const) {
				const member = await deletedMember();
				const answer = await outcome(() => save(event(member, { path, form: profileForm() })));
				expect(isRedirect(answer) && answer.location, path).toBe('/goodbye');
			}
		});

		it('answers opening the profile pages the same way', async () => {
			for (const [path, load] of [
				['/me', meLoad],
				['/welcome', welcomeLoad]
			] as const) {
				const member = await deletedMember();
				const answer = await outcome(() => load(event(member, { path })));
				expect(isRedirect(answer) && answer.location, path).toBe('/goodbye');
			}
		});
	});
});
