import type { Session, SupabaseClient, User } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { MapUrlState } from '$lib/map/url-state';
import type { SignedInVisitor } from '$lib/server/visitor';

declare global {
	namespace App {
		interface Locals {
			supabase: SupabaseClient<Database>;
			/** The signed-in user, verified with the auth server; null for anonymous visitors. */
			user: User | null;
			session: Session | null;
			/** Set when the database refused a write because the account is suspended. */
			refusedAsSuspended?: boolean;
			/** Set when Supabase could not be reached while answering: a 500 then becomes a 503. */
			supabaseUnreachable?: boolean;
		}
		interface Error {
			message: string;
			/** The database's refusal, written for people: shown as it is, whatever the status. */
			refusal?: boolean;
			/** The error is an outage of Supabase: the page says to come back in a minute. */
			unavailable?: boolean;
			/** Where to go from here, when there is a better place than the home page. */
			next?: { href: string; text: string };
		}
		interface PageData {
			user: SignedInVisitor | null;
		}
		/**
		 * Shallow-routing state. SvelteKit's `pushState`/`replaceState` leave `page.url` as it was,
		 * so the map keeps what its URL says here too, for back and forward to restore.
		 */
		interface PageState {
			map?: MapUrlState;
		}
	}
}

export {};
