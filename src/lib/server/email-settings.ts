import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import {
	DEFAULT_EMAIL_DELIVERY,
	isEmailDelivery,
	isNotificationKind,
	withDefaults,
	type EmailDelivery,
	type EmailSettings
} from '$lib/inbox/email-settings';
import { NOTIFICATION_KINDS, type NotificationKind } from '$lib/notifications/wording';
import { QueryError } from './query-error';

/**
 * Email settings, two ways: the signed-in person's own (the `email_settings` table, owner only,
 * holding only what differs from the default), and through the link in an email, which carries a
 * token instead of a session (`email_settings_by_token`, `set_email_setting_by_token`).
 */
type Client = SupabaseClient<Database>;

/** PostgREST's code for a function's "no such row" (P0002): here, a token that is nobody's. */
const NOBODYS_TOKEN = 'P0002';

/** The signed-in person's setting for every kind. */
export async function readOwnEmailSettings(supabase: Client): Promise<EmailSettings> {
	const { data, error } = await supabase.from('email_settings').select('kind, delivery');
	if (error) throw new QueryError('read your email settings', error);
	return withDefaults(data);
}

/**
 * Saves the signed-in person's settings: a kind set back to its default loses its stored row
 * (so a later change of the default reaches them), the others are written in one upsert.
 */
export async function saveOwnEmailSettings(supabase: Client, chosen: EmailSettings): Promise<void> {
	const backToDefault = NOTIFICATION_KINDS.filter(
		(kind) => chosen[kind] === DEFAULT_EMAIL_DELIVERY[kind]
	);
	const chosenOtherwise = NOTIFICATION_KINDS.filter(
		(kind) => chosen[kind] !== DEFAULT_EMAIL_DELIVERY[kind]
	);
	if (backToDefault.length > 0) {
		const { error } = await supabase.from('email_settings').delete().in('kind', backToDefault);
		if (error) throw new QueryError('save your email settings', error);
	}
	if (chosenOtherwise.length > 0) {
		const { error } = await supabase.from('email_settings').upsert(
			chosenOtherwise.map((kind) => ({ kind, delivery: chosen[kind] })),
			{ onConflict: 'profile_id,kind' }
		);
		if (error) throw new QueryError('save your email settings', error);
	}
}

/** Every kind's setting for the person whose email link carries this token; null if nobody's. */
export async function readEmailSettingsByToken(
	supabase: Client,
	token: string
): Promise<EmailSettings | null> {
	const { data, error } = await supabase.rpc('email_settings_by_token', { token });
	if (error?.code === NOBODYS_TOKEN) return null;
	if (error) throw new QueryError('read the email settings', error);
	const rows = (data as { kind: unknown; delivery: unknown }[]).filter(
		(row): row is { kind: NotificationKind; delivery: EmailDelivery } =>
			isNotificationKind(row.kind) && isEmailDelivery(row.delivery)
	);
	return withDefaults(rows);
}

/**
 * Changes these kinds' settings for the person whose link carries this token, one call each (the
 * function changes one kind). False when the token is nobody's.
 */
export async function setEmailSettingsByToken(
	supabase: Client,
	{ token, changes }: { token: string; changes: Partial<EmailSettings> }
): Promise<boolean> {
	for (const [kind, delivery] of Object.entries(changes) as [NotificationKind, EmailDelivery][]) {
		const { error } = await supabase.rpc('set_email_setting_by_token', { token, kind, delivery });
		if (error?.code === NOBODYS_TOKEN) return false;
		if (error) throw new QueryError('change the email settings', error);
	}
	return true;
}
