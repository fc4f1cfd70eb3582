import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { QueryError } from '../query-error';

/**
 * The secret in someone's private calendar feed URL (/calendar/<token>.ics), with their own
 * client: only they read it, and a new one replaces the old at once.
 */
type Client = SupabaseClient<Database>;

export async function readOwnCalendarToken(supabase: Client): Promise<string | null> {
	const { data, error } = await supabase.from('calendar_tokens').select('token').maybeSingle();
	if (error) throw new QueryError('read your calendar link', error);
	return data?.token ?? null;
}

export async function regenerateCalendarToken(supabase: Client): Promise<string> {
	const { data, error } = await supabase.rpc('regenerate_calendar_token');
	if (error) throw new QueryError('make a new calendar link', error);
	return data;
}

export async function revokeCalendarToken(supabase: Client): Promise<void> {
	const { error } = await supabase.rpc('revoke_calendar_token');
	if (error) throw new QueryError('turn your calendar link off', error);
}

/** Where a calendar app subscribes to the feed of `token`. */
export function privateFeedUrl(origin: string, token: string): string {
	return new URL(`/calendar/${token}.ics`, origin).href;
}
