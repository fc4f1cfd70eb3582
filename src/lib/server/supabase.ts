import { createServerClient } from '@supabase/ssr';
import { createClient } from '@supabase/supabase-js';
import type { RequestEvent } from '@sveltejs/kit';
import WebSocket from 'ws';
import type { Database } from '$lib/database.types';
import { forwardingFetch } from './auth-forwarding';
import { supabaseConfig, supabaseSecretKey } from './env';
import { sessionCookieAttributes } from './security-headers';
import { watchReachability } from './unavailable';

/**
 * One Supabase client per request, acting as whoever the request's cookies say, with the
 * public (anon) key: every query is subject to row-level security. Its session cookies are
 * HttpOnly, and Secure over https (see sessionCookieAttributes). With the secret key configured,
 * what it asks Auth counts against the visitor's address (see auth-forwarding.ts). Like every
 * client here, it notes when Supabase cannot be reached, so the page answers 503, not 500
 * (`unavailable.ts`).
 */
export function createRequestClient({
	cookies,
	fetch,
	url: requestUrl,
	getClientAddress
}: Pick<RequestEvent, 'cookies' | 'fetch' | 'url' | 'getClientAddress'>) {
	const { url, anonKey } = supabaseConfig();
	const secretKey = supabaseSecretKey();
	// Read only when Auth is asked: a request that never signs in needs no address.
	const clientAddress = () => getClientAddress();
	return createServerClient<Database>(url, anonKey, {
		global: {
			fetch: watchReachability(
				secretKey
					? forwardingFetch({
							fetch,
							supabaseUrl: url,
							publicKey: anonKey,
							secretKey,
							clientAddress
						})
					: fetch
			)
		},
		// Node 20 has no global WebSocket; supabase-js needs one for realtime.
		// https://github.com/supabase/supabase-js/issues/1400
		realtime: { transport: WebSocket as never },
		cookies: {
			getAll: () => cookies.getAll(),
			setAll: (cookiesToSet) => {
				for (const { name, value, options } of cookiesToSet) {
					cookies.set(name, value, { ...options, ...sessionCookieAttributes(requestUrl) });
				}
			}
		}
	});
}

/**
 * A client with no session at all, whoever is asking: for what must read the same for everyone,
 * such as a calendar feed whose URL is shared (a member's cookie must not put members-only
 * gatherings into it).
 */
export function createAnonymousClient(fetch: typeof globalThis.fetch) {
	const { url, anonKey } = supabaseConfig();
	return createClient<Database>(url, anonKey, {
		global: { fetch: watchReachability(fetch) },
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		realtime: { transport: WebSocket as never }
	});
}
