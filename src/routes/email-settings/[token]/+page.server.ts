import { error, fail } from '@sveltejs/kit';
import {
	changedSettings,
	isNotificationKind,
	parseEmailSettings,
	parseOneClick,
	savedOneClickText
} from '$lib/inbox/email-settings';
import { readEmailSettingsByToken, setEmailSettingsByToken } from '$lib/server/email-settings';
import { isUuid } from '$lib/uuid';
import type { Actions, PageServerLoad } from './$types';

/**
 * The link at the foot of every notification email: the recipient's settings, without signing in.
 * The token in the link is the only key, so the page names nobody and shows no email address.
 */
const NOBODYS_LINK =
	'This link does not open anyone’s email settings: it may be mistyped, or from an account that has been deleted.';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const settings = isUuid(params.token)
		? await readEmailSettingsByToken(locals.supabase, params.token)
		: null;
	if (!settings) error(404, NOBODYS_LINK);
	const kind = url.searchParams.get('kind');
	return { settings, kind: isNotificationKind(kind) ? kind : null };
};

export const actions: Actions = {
	// One action for both forms and for a mail program's one-click post (see parseOneClick).
	default: async ({ locals, params, request, url }) => {
		if (!isUuid(params.token)) error(404, NOBODYS_LINK);
		const form = await request.formData();
		const oneClick = parseOneClick(form, url);
		if (oneClick && 'problem' in oneClick) return fail(400, { oneClickError: oneClick.problem });

		let changes;
		if (oneClick) {
			changes = Object.fromEntries(oneClick.kinds.map((kind) => [kind, oneClick.delivery]));
		} else {
			const posted = parseEmailSettings(form);
			if ('errors' in posted) return fail(400, posted);
			const current = await readEmailSettingsByToken(locals.supabase, params.token);
			if (!current) error(404, NOBODYS_LINK);
			changes = changedSettings(current, posted.settings);
		}
		const saved = await setEmailSettingsByToken(locals.supabase, { token: params.token, changes });
		if (!saved) error(404, NOBODYS_LINK);
		return {
			status: oneClick ? savedOneClickText(oneClick) : 'Your email settings are saved.'
		};
	}
};
