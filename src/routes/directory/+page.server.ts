import { error } from '@sveltejs/kit';
import { pageCount, parsePageNumber } from '$lib/components/pagination';
import { listPractitioners } from '$lib/server/practitioners';
import { isMember } from '$lib/server/visitor';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

export const load: PageServerLoad = async ({ locals, url }) => {
	const page = parsePageNumber(url.searchParams.get('page'));
	if (page === null) error(400, 'Page numbers are whole numbers from 1, as in ?page=2.');

	const { practitioners, total } = await listPractitioners(locals.supabase, {
		page,
		pageSize: PAGE_SIZE,
		signedIn: isMember(locals.user)
	});
	const pages = pageCount(total, PAGE_SIZE);
	if (page > pages) {
		error(
			404,
			`There is no page ${page} of the directory: it has ${pages} page${pages === 1 ? '' : 's'}.`
		);
	}
	return { practitioners, total, page, pageCount: pages };
};
