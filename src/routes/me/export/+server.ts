import { exportOwnData } from '$lib/server/profiles';
import { requireUser } from '$lib/server/visitor';
import type { RequestHandler } from './$types';

/** "Export my data": everything the database holds about the signed-in person, as a download. */
export const GET: RequestHandler = async ({ locals, url }) => {
	requireUser(locals, url);
	const data = await exportOwnData(locals.supabase);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': 'attachment; filename="microsolidarity-map-export.json"',
			// Personal data: never kept by a shared cache or the browser's back button.
			'cache-control': 'no-store'
		}
	});
};
