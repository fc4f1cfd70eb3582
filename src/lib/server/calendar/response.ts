/**
 * An iCalendar file as an HTTP response. `personal` files (what a signed-in visitor may read, a
 * private feed) are never kept by a shared cache; the public feed may be, for a while.
 */
export function calendarResponse(
	text: string,
	{ filename, personal }: { filename: string; personal: boolean }
): Response {
	return new Response(text, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			// inline: a calendar app subscribing reads it; a browser offers to open or save it.
			'content-disposition': `inline; filename="${filename}"`,
			'cache-control': personal ? 'private, no-store' : 'public, max-age=900',
			// The private feed's URL is its secret: keep it out of search engines.
			...(personal ? { 'x-robots-tag': 'noindex' } : {})
		}
	});
}

/** A file name from a gathering's name: 'summer-camp-2027.ics'. */
export function calendarFilename(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return `${slug || 'gathering'}.ics`;
}
