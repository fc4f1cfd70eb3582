import { error } from '@sveltejs/kit';
import { attendeesCsv, csvFileName } from '$lib/gatherings/attendee-csv';
import { readGathering, readGatheringStanding } from '$lib/server/gatherings';
import { requireUser } from '$lib/server/visitor';
import { isUuid } from '$lib/uuid';
import type { RequestHandler } from './$types';

/**
 * The hosts' CSV of everyone who answered, each as their profile lets the host see them (the
 * database's `gathering_attendees`). Private to the hosts: never cached on the way.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	if (!isUuid(params.id)) error(404, 'There is no gathering here.');
	const found = await readGathering(locals.supabase, params.id);
	if (!found) error(404, 'There is no gathering here, or it is shared only with members.');
	const standing = await readGatheringStanding(locals.supabase, { id: params.id, userId: user.id });
	if (!standing.isHost || !standing.attendees) {
		error(403, `Only the hosts of ${found.gathering.name} can download who is coming.`);
	}
	return new Response(attendeesCsv(standing.attendees), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${csvFileName(found.gathering.name)}"`,
			'cache-control': 'private, no-store'
		}
	});
};
