import { readOwnSuspension } from '$lib/server/moderation';
import { isMember, readSignedInVisitor } from '$lib/server/visitor';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const [user, suspension] = await Promise.all([
		readSignedInVisitor(locals),
		isMember(locals.user)
			? readOwnSuspension(locals.supabase).catch((error) => {
					// Every page asks: a check that fails must not take the page down. The database still
					// refuses a suspended person's writes.
					console.warn('Could not read whether the signed-in person is suspended', error);
					return null;
				})
			: null
	]);
	return { user, suspension };
};
