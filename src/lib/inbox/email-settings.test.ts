import { describe, expect, it } from 'vitest';
import { formDataOf } from '$lib/components/factories';
import { NOTIFICATION_KINDS } from '$lib/notifications/wording';
import {
	DEFAULT_EMAIL_DELIVERY,
	changedSettings,
	parseEmailSettings,
	parseOneClick,
	savedOneClickText,
	withDefaults
} from './email-settings';

const link = new URL('https://map.example.org/email-settings/token');
const linkForRadar = new URL('https://map.example.org/email-settings/token?kind=radar_alert');

describe('withDefaults', () => {
	it('fills in the default for every kind not chosen', () => {
		expect(withDefaults([{ kind: 'request_received', delivery: 'never' }])).toEqual({
			...DEFAULT_EMAIL_DELIVERY,
			request_received: 'never'
		});
	});
});

describe('parseEmailSettings', () => {
	it('reads one choice per kind', () => {
		const everyKindDaily = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, 'daily']));
		expect(parseEmailSettings(formDataOf(everyKindDaily))).toEqual({ settings: everyKindDaily });
	});

	it('names each kind left without a valid choice, keeping the others', () => {
		const posted = parseEmailSettings(
			formDataOf({ ...DEFAULT_EMAIL_DELIVERY, member_left: 'weekly', radar_alert: '' })
		);
		expect(posted).toMatchObject({
			errors: {
				member_left: 'Choose how to send members leaving your groups.',
				radar_alert: 'Choose how to send crew radar alerts.'
			},
			values: { request_received: 'now', member_joined: 'daily' }
		});
	});
});

describe('parseOneClick', () => {
	it('is not a one-kind change when the whole form is posted', () => {
		expect(parseOneClick(formDataOf(DEFAULT_EMAIL_DELIVERY), link)).toBeNull();
	});

	it('reads a kind and how to send it', () => {
		expect(parseOneClick(formDataOf({ kind: 'member_left', delivery: 'daily' }), link)).toEqual({
			kinds: ['member_left'],
			delivery: 'daily'
		});
	});

	it('reads a mail program’s one-click post as "never" for the kind in the link', () => {
		const oneClick = formDataOf({ 'List-Unsubscribe': 'One-Click' });
		expect(parseOneClick(oneClick, linkForRadar)).toEqual({
			kinds: ['radar_alert'],
			delivery: 'never'
		});
		// A digest's link names no kind: it is about all of them.
		expect(parseOneClick(oneClick, link)).toEqual({ kinds: NOTIFICATION_KINDS, delivery: 'never' });
	});

	it('says what is wrong with an unknown kind or choice', () => {
		expect(parseOneClick(formDataOf({ kind: 'newsletter', delivery: 'never' }), link)).toEqual({
			problem: 'That is not a kind of email we send: choose one below.'
		});
		expect(parseOneClick(formDataOf({ kind: 'member_left', delivery: 'weekly' }), link)).toEqual({
			problem: 'Choose at once, in a daily digest, or never.'
		});
	});
});

describe('changedSettings', () => {
	it('keeps only the kinds whose setting changes', () => {
		expect(
			changedSettings(DEFAULT_EMAIL_DELIVERY, {
				...DEFAULT_EMAIL_DELIVERY,
				radar_alert: 'now',
				request_received: 'never'
			})
		).toEqual({ radar_alert: 'now', request_received: 'never' });
		expect(changedSettings(DEFAULT_EMAIL_DELIVERY, DEFAULT_EMAIL_DELIVERY)).toEqual({});
	});
});

describe('savedOneClickText', () => {
	it('says what was saved, for one kind or every kind', () => {
		expect(savedOneClickText({ kinds: ['radar_alert'], delivery: 'never' })).toBe(
			'Saved. Emails about crew radar alerts: never.'
		);
		expect(savedOneClickText({ kinds: NOTIFICATION_KINDS, delivery: 'never' })).toBe(
			'Saved. Every kind of email: never.'
		);
	});
});
