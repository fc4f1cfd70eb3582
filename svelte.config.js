import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// hooks.server.ts refuses cross-site form posts instead, all but one (see src/lib/server/csrf.ts).
		csrf: { trustedOrigins: ['*'] }
	}
};

export default config;
