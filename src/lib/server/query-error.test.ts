import type { PostgrestError } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { PLAIN_TEXT_MESSAGE } from '$lib/plain-text';
import { plainTextField, QueryError, refusalOf } from './query-error';

/** An error as PostgREST gives it for a write that broke a check constraint. */
function checkViolation(constraint: string, code = '23514'): PostgrestError {
	return {
		name: 'PostgrestError',
		code,
		message: `new row for relation "profiles" violates check constraint "${constraint}"`,
		details: 'Failing row contains (…).',
		hint: ''
	} as PostgrestError;
}

describe('a refusal of control or text-direction characters', () => {
	const fields = ['name', 'display_name', 'bio'] as const;

	it('is about the form field that is its column, the longest that fits', () => {
		expect(plainTextField(checkViolation('profiles_display_name_plain_text'), fields)).toBe(
			'display_name'
		);
		expect(plainTextField(checkViolation('groups_name_plain_text'), fields)).toBe('name');
	});

	it('is about no field when none is its column, or when it is another error', () => {
		expect(plainTextField(checkViolation('places_label_plain_text'), fields)).toBeNull();
		expect(plainTextField(checkViolation('profiles_display_name_length'), fields)).toBeNull();
		expect(plainTextField(checkViolation('profiles_bio_plain_text', '23505'), fields)).toBeNull();
	});

	it('reads as the forms say it, not as the constraint is named', () => {
		expect(refusalOf('save the group', checkViolation('groups_name_plain_text'))).toBe(
			PLAIN_TEXT_MESSAGE
		);
		expect(refusalOf('save the group', checkViolation('groups_size', 'P0001'))).toMatch(
			/violates check constraint "groups_size"/
		);
		expect(() => refusalOf('read', checkViolation('x', '42P01'))).toThrow(QueryError);
	});
});
