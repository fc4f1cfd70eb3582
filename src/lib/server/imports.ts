import { error } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { PlaceLabel } from '$lib/people/audience';
import type { Precision, Visibility } from '$lib/people/choices';
import { QueryError, refusalOf } from './query-error';

/**
 * An invitation to someone a movement imported, through the link in its email
 * (`/join/<token>`): the token is the only key until they sign in to confirm. The database says
 * what would be published; nothing of it is anywhere else until they confirm.
 */
type Client = SupabaseClient<Database>;

/** PostgREST's code for a function's "no such row" (P0002): a token that opens nothing. */
const NO_INVITATION = 'P0002';

/** The link's token: 64 hex digits, checked before it is sent to the database. */
export function isInvitationToken(value: string): boolean {
	return /^[0-9a-f]{64}$/.test(value);
}

export type Invitation =
	| { status: 'expired'; source: string }
	| {
			status: 'open';
			source: string;
			display_name: string;
			/** The address it went to, masked ("a…@example.org"): the link may have been forwarded. */
			email_hint: string;
			visibility: Visibility;
			precision: Precision;
			expires_at: string;
			/** What each audience would see at each precision, as `place_labels_for` gives it. */
			places: PlaceLabel[];
	  };

/** The invitation this token opens; null when it opens none. */
export async function readInvitation(supabase: Client, token: string): Promise<Invitation | null> {
	const { data, error } = await supabase.rpc('import_invitation_by_token', { token });
	if (error?.code === NO_INVITATION) return null;
	if (error) throw new QueryError('read the invitation', error);
	return data as unknown as Invitation;
}

/** What a join page answers, with a 404, to a link that opens no invitation. */
export const NO_INVITATION_MESSAGE =
	'This link does not open an invitation: it may be mistyped, already answered, or declined.';

/** A join page's token, checked, or that page's 404. */
export function checkInvitationToken(token: string): void {
	if (!isInvitationToken(token)) error(404, NO_INVITATION_MESSAGE);
}

/** The invitation a join page's token opens, or that page's 404. */
export async function invitationOr404(supabase: Client, token: string): Promise<Invitation> {
	checkInvitationToken(token);
	const invitation = await readInvitation(supabase, token);
	if (!invitation) error(404, NO_INVITATION_MESSAGE);
	return invitation;
}

/** Saves who would see the person and how precisely; false when the token opens nothing. */
export async function chooseForInvitation(
	supabase: Client,
	{ token, visibility, precision }: { token: string; visibility: Visibility; precision: Precision }
): Promise<boolean> {
	const { error } = await supabase.rpc('set_import_choices', { token, visibility, precision });
	if (error?.code === NO_INVITATION) return false;
	if (error) throw new QueryError('save your choices', error);
	return true;
}

/** Deletes everything staged about the person; false when the token opens nothing. */
export async function declineInvitation(supabase: Client, token: string): Promise<boolean> {
	const { error } = await supabase.rpc('decline_import', { token });
	if (error?.code === NO_INVITATION) return false;
	if (error) throw new QueryError('decline the invitation', error);
	return true;
}

export type Confirmation =
	{ status: 'published' | 'already_on_map'; profile_id: string } | { refusal: string };

/** Puts the signed-in person on the map as the invitation says, or says why not. */
export async function confirmInvitation(supabase: Client, token: string): Promise<Confirmation> {
	const { data, error } = await supabase.rpc('confirm_import', { token });
	if (error) return { refusal: refusalOf('confirm the invitation', error) };
	return data as unknown as Confirmation;
}
