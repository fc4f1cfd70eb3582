import { describe, expect, it } from 'vitest';
import { outboxSettingsFromEnv } from './settings';

const hosted = {
	PUBLIC_SUPABASE_URL: 'https://abc.supabase.co',
	SUPABASE_SERVICE_ROLE_KEY: 'service-key',
	ORIGIN: 'https://map.example.org',
	MAIL_FROM: 'Microsolidarity map <map@example.org>'
};

describe('outboxSettingsFromEnv', () => {
	it('takes the SMTP server as one URL', () => {
		const settings = outboxSettingsFromEnv({
			...hosted,
			SMTP_URL: 'smtps://map:secret@smtp.example.org:465'
		});
		expect(settings).toMatchObject({
			supabaseUrl: 'https://abc.supabase.co',
			serviceKey: 'service-key',
			siteUrl: 'https://map.example.org',
			from: 'Microsolidarity map <map@example.org>',
			intervalSeconds: 60,
			smtp: { url: 'smtps://map:secret@smtp.example.org:465' }
		});
	});

	it('takes the SMTP server in parts, on the submission port with STARTTLS required for a password', () => {
		const settings = outboxSettingsFromEnv({
			...hosted,
			SMTP_HOST: 'smtp.example.org',
			SMTP_USER: 'map',
			SMTP_PASSWORD: 'secret',
			NOTIFY_INTERVAL_SECONDS: '30'
		});
		expect(settings.intervalSeconds).toBe(30);
		expect(settings.smtp).toMatchObject({
			host: 'smtp.example.org',
			port: 587,
			secure: false,
			requireTLS: true,
			auth: { user: 'map', pass: 'secret' }
		});
	});

	it('speaks TLS from the start on port 465, or when SMTP_SECURE says so', () => {
		const on465 = outboxSettingsFromEnv({
			...hosted,
			SMTP_HOST: 'smtp.example.org',
			SMTP_PORT: '465'
		});
		expect(on465.smtp).toMatchObject({ port: 465, secure: true, requireTLS: false });
		const secure = outboxSettingsFromEnv({
			...hosted,
			SMTP_HOST: 'smtp.example.org',
			SMTP_SECURE: 'true'
		});
		expect(secure.smtp).toMatchObject({ port: 465, secure: true });
	});

	it('sends without a password to a relay that needs none', () => {
		const relay = outboxSettingsFromEnv({ ...hosted, SMTP_HOST: 'localhost', SMTP_PORT: '25' });
		expect(relay.smtp).toMatchObject({ port: 25, secure: false, requireTLS: false });
		expect(relay.smtp.auth).toBeUndefined();
	});

	it('names every missing or bad setting at once', () => {
		expect(() =>
			outboxSettingsFromEnv({
				PUBLIC_SUPABASE_URL: 'https://abc.supabase.co',
				ORIGIN: 'map.example.org',
				SMTP_HOST: 'smtp.example.org',
				SMTP_PORT: 'twenty-five',
				SMTP_USER: 'map',
				NOTIFY_INTERVAL_SECONDS: '0'
			})
		).toThrow(
			'The notification worker cannot start: SUPABASE_SERVICE_ROLE_KEY is not set; MAIL_FROM is not set; ORIGIN must be the app\'s address, like https://map.example.org, not "map.example.org"; SMTP_PORT must be a whole number above 0, not "twenty-five"; SMTP_USER and SMTP_PASSWORD go together: set both, or neither; NOTIFY_INTERVAL_SECONDS must be a whole number above 0, not "0". See "Email" in the README.'
		);
	});

	it('asks for an SMTP server when none is given', () => {
		expect(() => outboxSettingsFromEnv(hosted)).toThrow(/SMTP_URL or SMTP_HOST is not set/);
		expect(() => outboxSettingsFromEnv({ ...hosted, SMTP_URL: 'mail.example.org' })).toThrow(
			/SMTP_URL must start with smtp:\/\/ or smtps:\/\//
		);
	});
});
