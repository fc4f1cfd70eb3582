/**
 * Email settings: for each kind of notification, whether it is emailed at once, in a daily digest,
 * or never. Only what someone changed from the default is stored; the defaults are the database's
 * (`private.default_delivery`), mirrored here for the forms (a test keeps the two the same).
 */
import type { FieldChoice } from '$lib/components/ChoiceFieldset.svelte';
import type { Enums } from '$lib/database.types';
import {
	NOTIFICATION_KIND_NAMES,
	NOTIFICATION_KINDS,
	type NotificationKind
} from '$lib/notifications/wording';

export type EmailDelivery = Enums<'email_delivery'>;

/** How each kind is emailed to someone who has not chosen. */
export type EmailSettings = Record<NotificationKind, EmailDelivery>;

/** At once for what asks someone to act or answers them; the rest in the daily digest. */
export const DEFAULT_EMAIL_DELIVERY: EmailSettings = {
	request_received: 'now',
	request_decided: 'now',
	invitation_received: 'now',
	invitation_answered: 'daily',
	member_joined: 'daily',
	member_left: 'daily',
	member_removed: 'daily',
	congregation_request_received: 'now',
	congregation_request_decided: 'daily',
	radar_alert: 'daily',
	rsvp_received: 'daily',
	rsvp_decided: 'now',
	waitlist_moved_up: 'now',
	gathering_changed: 'now',
	gathering_invitation: 'now',
	report_outcome: 'daily'
};

/** The choices, in the order the form offers them, with what each means. */
export const EMAIL_DELIVERY_CHOICES = [
	{ value: 'now', label: 'At once', description: 'An email for each, as it happens.' },
	{
		value: 'daily',
		label: 'In a daily digest',
		description: 'One email a day, with everything you chose for the digest.'
	},
	{ value: 'never', label: 'Never', description: 'Only here, in your inbox.' }
] as const satisfies readonly (FieldChoice & { value: EmailDelivery })[];

/** What a choice is called in running text: "at once". */
export function deliveryName(delivery: EmailDelivery): string {
	const choice = EMAIL_DELIVERY_CHOICES.find((each) => each.value === delivery)!;
	return choice.label.toLowerCase();
}

/** "Emails about requests to join your groups". */
export function emailsAbout(kind: NotificationKind): string {
	return `Emails about ${NOTIFICATION_KIND_NAMES[kind]}`;
}

export function isNotificationKind(value: unknown): value is NotificationKind {
	return NOTIFICATION_KINDS.includes(value as NotificationKind);
}

export function isEmailDelivery(value: unknown): value is EmailDelivery {
	return EMAIL_DELIVERY_CHOICES.some((choice) => choice.value === value);
}

/** Every kind's setting: what is stored where someone chose, the default elsewhere. */
export function withDefaults(
	chosen: readonly { kind: NotificationKind; delivery: EmailDelivery }[]
): EmailSettings {
	const settings = { ...DEFAULT_EMAIL_DELIVERY };
	for (const { kind, delivery } of chosen) settings[kind] = delivery;
	return settings;
}

/** The form's settings, or which kinds were left without a valid choice. */
export type PostedEmailSettings =
	| { settings: EmailSettings }
	| { errors: Partial<Record<NotificationKind, string>>; values: Partial<EmailSettings> };

/** Reads the whole settings form: one choice per kind, posted under the kind's name. */
export function parseEmailSettings(form: FormData): PostedEmailSettings {
	const values: Partial<EmailSettings> = {};
	const errors: Partial<Record<NotificationKind, string>> = {};
	for (const kind of NOTIFICATION_KINDS) {
		const value = form.get(kind);
		if (isEmailDelivery(value)) values[kind] = value;
		else errors[kind] = `Choose how to send ${NOTIFICATION_KIND_NAMES[kind]}.`;
	}
	return Object.keys(errors).length > 0
		? { errors, values }
		: { settings: values as EmailSettings };
}

/**
 * One kind's setting posted in one click: `kind` and `delivery` in the form, or the kind in the
 * link's `?kind=` and `List-Unsubscribe=One-Click` in the body, as a mail program posts it
 * (RFC 8058), which means "never". Without a kind, a one-click post turns off every kind (a daily
 * digest's link names none). Null when the post is not a one-kind change at all.
 */
export function parseOneClick(
	form: FormData,
	url: URL
): { kinds: NotificationKind[]; delivery: EmailDelivery } | { problem: string } | null {
	const oneClick = form.get('List-Unsubscribe') === 'One-Click';
	if (!oneClick && !form.has('kind')) return null;
	const kind = form.get('kind') ?? url.searchParams.get('kind');
	const delivery = oneClick ? 'never' : form.get('delivery');
	if (kind !== null && !isNotificationKind(kind)) {
		return { problem: 'That is not a kind of email we send: choose one below.' };
	}
	if (!isEmailDelivery(delivery)) {
		return { problem: 'Choose at once, in a daily digest, or never.' };
	}
	return { kinds: kind === null ? [...NOTIFICATION_KINDS] : [kind], delivery };
}

/** The kinds whose setting `chosen` changes from `current`, with their new setting. */
export function changedSettings(
	current: EmailSettings,
	chosen: EmailSettings
): Partial<EmailSettings> {
	return Object.fromEntries(
		NOTIFICATION_KINDS.filter((kind) => chosen[kind] !== current[kind]).map((kind) => [
			kind,
			chosen[kind]
		])
	);
}

/** What a one-click change says once saved: "Emails about crew radar alerts: never." */
export function savedOneClickText({
	kinds,
	delivery
}: {
	kinds: readonly NotificationKind[];
	delivery: EmailDelivery;
}): string {
	const which = kinds.length === 1 ? emailsAbout(kinds[0]) : 'Every kind of email';
	return `Saved. ${which}: ${deliveryName(delivery)}.`;
}
