import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// hooks.server.ts refuses cross-site form posts instead, all but one (see src/lib/server/csrf.ts).
		csrf: { trustedOrigins: ['*'] },
		// The content security policy of every page. SvelteKit adds a fresh nonce per page to
		// script-src (and style-src) for its own inline script (mode 'auto': hashes instead, were a
		// page prerendered). The other headers are set in hooks.server.ts (security-headers.ts).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				// The app's own bundles, and SvelteKit's inline start-up script by its nonce. No eval:
				// MapLibre 6 and supercluster need none.
				'script-src': ['self'],
				// `<style>` elements and stylesheets: the app's own CSS files (MapLibre's included) and
				// any style SvelteKit inlines, by its nonce.
				'style-src': ['self'],
				// Style attributes cannot carry a nonce, and Svelte writes some into the server's HTML
				// (`style:height` on the map, the legend's swatch colours), so they are allowed. MapLibre
				// sets styles through the DOM (element.style), which a policy does not govern.
				'style-src-attr': ['unsafe-inline'],
				// MapLibre draws its images (and its controls' icons, in its CSS) from data: and blob:
				// URLs; everything else is the app's own.
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				// The map asks the app for its style, the basemap's GeoJSON and what is in view; nothing
				// in the browser talks to Supabase. A basemap style from elsewhere (PUBLIC_MAP_STYLE_URL)
				// needs its hosts added here, and to img-src for its sprites.
				'connect-src': ['self'],
				// MapLibre's worker is a file of the app's own (load-maplibre.ts sets its URL), as is the
				// cluster worker; MapLibre starts workers from blob: URLs when it is not given one.
				'worker-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				// Every form posts to the app itself, and signing in redirects within it.
				'form-action': ['self'],
				// No other site may frame a page (clickjacking); X-Frame-Options says so to old browsers.
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
