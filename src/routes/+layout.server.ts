import { readSignedInVisitor } from '$lib/server/visitor';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => ({
	user: await readSignedInVisitor(locals)
});
