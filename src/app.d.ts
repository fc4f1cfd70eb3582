import type { Session, SupabaseClient, User } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';

declare global {
	namespace App {
		interface Locals {
			supabase: SupabaseClient<Database>;
			/** The signed-in user, verified with the auth server; null for anonymous visitors. */
			user: User | null;
			session: Session | null;
		}
		interface PageData {
			user: Pick<User, 'id' | 'email'> | null;
		}
	}
}

export {};
