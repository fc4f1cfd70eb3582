import type { RequestEvent, RequestHandler } from '@sveltejs/kit';

/**
 * A GET handler for one `/basemap/*` file. The body is computed from the bundled Natural Earth
 * data on first request and kept for the life of the server process (the URLs in a style are
 * paths, the same for every request).
 *
 * These endpoints are not prerendered yet: prerendering runs `hooks.server.ts`, which needs the
 * Supabase URL at build time. Once the hook skips Supabase while `building`, they can export
 * `prerender = true` and become static files.
 */
export function cachedJsonEndpoint(
	compute: (event: RequestEvent) => unknown,
	{ contentType, maxAge }: { contentType: string; maxAge: number }
): RequestHandler {
	let body: string | undefined;
	return (event) => {
		body ??= JSON.stringify(compute(event));
		return new Response(body, {
			headers: { 'content-type': contentType, 'cache-control': `public, max-age=${maxAge}` }
		});
	};
}

/** The Natural Earth data changes only when the `world-atlas` package does. */
export const geoJsonFile = (compute: () => unknown) =>
	cachedJsonEndpoint(compute, { contentType: 'application/geo+json', maxAge: 86_400 });

/** Styles are small and change with the code, so browsers revalidate them often. */
export const styleFile = (compute: (event: RequestEvent) => unknown) =>
	cachedJsonEndpoint(compute, { contentType: 'application/json', maxAge: 300 });
