import { createServerClient } from '@supabase/ssr';
import { createClient } from '@supabase/supabase-js';
import type { Cookies } from '@sveltejs/kit';
import WebSocket from 'ws';
import type { Database } from '$lib/database.types';
import { supabaseConfig } from './env';
import { watchReachability } from './unavailable';

/**
 * One Supabase client per request, acting as whoever the request's cookies say, with the
 * public (anon) key: every query is subject to row-level security. Like every client here, it
 * notes when Supabase cannot be reached, so the page answers 503, not 500 (`unavailable.ts`).
 */
export function createRequestClient(cookies: Cookies, fetch: typeof globalThis.fetch) {
	const { url, anonKey } = supabaseConfig();
	return createServerClient<Database>(url, anonKey, {
		global: { fetch: watchReachability(fetch) },
		// Node 20 has no global WebSocket; supabase-js needs one for realtime.
		// https://github.com/supabase/supabase-js/issues/1400
		realtime: { transport: WebSocket as never },
		cookies: {
			getAll: () => cookies.getAll(),
			setAll: (cookiesToSet) => {
				for (const { name, value, options } of cookiesToSet) {
					cookies.set(name, value, { ...options, path: '/' });
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
