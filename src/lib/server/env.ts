import { env as privateEnv } from '$env/dynamic/private';
import { env } from '$env/dynamic/public';

/**
 * Where the Supabase API lives. `npm run dev` and the test setup start the embedded local
 * stack and pass its URL and public key in; against a hosted project they come from `.env`.
 */
export function supabaseConfig() {
	const url = env.PUBLIC_SUPABASE_URL;
	const anonKey = env.PUBLIC_SUPABASE_ANON_KEY ?? env.PUBLIC_SUPABASE_PUBLISHABLE_KEY;
	if (!url || !anonKey) {
		throw new Error(
			'PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY are not set. Start the app with `npm run dev`, which starts the local stack, or set them in .env for a hosted project.'
		);
	}
	return { url, anonKey };
}

/**
 * The project's secret key, if the operator gave it: the server sends it to Auth alone, so that
 * sign-in limits count each visitor's address (see auth-forwarding.ts). The local stack's
 * scripts pass its service key.
 */
export function supabaseSecretKey(): string | undefined {
	return privateEnv.SUPABASE_SECRET_KEY || undefined;
}
