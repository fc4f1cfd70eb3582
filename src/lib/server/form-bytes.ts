import { mediaTypeOf } from './csrf';

/**
 * Whether a posted form holds a NUL byte in any field: PostgreSQL cannot store one, so whichever
 * query it reached failed (a 500). The forms' own checks refuse control characters beside their
 * fields, keeping what was typed (see `$lib/plain-text`); a NUL byte, which nobody types, is
 * refused for any form, whoever wrote it, before its action reads it. This reads a copy of the
 * body, so the action still can.
 */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export async function formWithNul(request: Request): Promise<boolean> {
	if (request.method !== 'POST') return false;
	if (!FORM_TYPES.includes(mediaTypeOf(request))) return false;
	let form: FormData;
	try {
		form = await request.clone().formData();
	} catch {
		// A body that is not a form is the action's to refuse.
		return false;
	}
	for (const [name, value] of form) {
		if (name.includes('\0') || (typeof value === 'string' && value.includes('\0'))) return true;
	}
	return false;
}
