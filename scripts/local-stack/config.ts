import { existsSync } from 'node:fs';
import path from 'node:path';
import { gatewayUrl } from './gateway.ts';
import type { OutboxSettings } from '../../src/lib/server/outbox/settings.ts';
import type { LocalStackInfo } from './index.ts';
import { createApiKeys, DEFAULT_JWT_SECRET } from './keys.ts';
import { projectRoot } from './migrate.ts';

/** Reads `.env` into process.env without overriding what the shell already set. */
export function loadDotEnv() {
	const file = path.join(projectRoot, '.env');
	if (existsSync(file)) process.loadEnvFile(file);
}

function port(name: string, fallback: number) {
	const value = process.env[name];
	if (value === undefined || value === '') return fallback;
	const parsed = Number(value);
	if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) {
		throw new Error(`${name} must be a port number from 1 to 65535, not "${value}".`);
	}
	return parsed;
}

/** The developer stack's settings; the defaults match the Supabase CLI's `supabase start`. */
export function developerStackConfig() {
	const appPort = port('PORT', 5173);
	return {
		dir: path.resolve(projectRoot, process.env.LOCAL_STACK_DIR || '.local'),
		apiPort: port('LOCAL_API_PORT', 54321),
		dbPort: port('LOCAL_DB_PORT', 54322),
		// The Supabase CLI's port for Inbucket's SMTP server.
		smtpPort: port('LOCAL_SMTP_PORT', 54325),
		appPort,
		siteUrl: `http://localhost:${appPort}`,
		jwtSecret: DEFAULT_JWT_SECRET,
		// The app on 127.0.0.1 as well as on localhost: every path of it, and no other port.
		additionalRedirectUrls: [`http://127.0.0.1:${appPort}/**`]
	};
}

/** Where the developer stack will answer and with which keys, known before it starts. */
export async function developerStackInfo(config: ReturnType<typeof developerStackConfig>) {
	const apiUrl = gatewayUrl(config.apiPort);
	return {
		apiUrl,
		mailboxUrl: `${apiUrl}/mailbox`,
		smtpUrl: `smtp://127.0.0.1:${config.smtpPort}`,
		...(await createApiKeys(config.jwtSecret))
	};
}

/**
 * The notification worker's settings on the developer stack: the stack's service key and SMTP
 * server (whose mail lands in the mailbox) and the app's address; a pass every 5 seconds.
 */
export function localOutboxSettings(
	stack: LocalStackInfo,
	config: ReturnType<typeof developerStackConfig>
): OutboxSettings {
	return {
		supabaseUrl: stack.apiUrl,
		serviceKey: stack.serviceKey,
		smtp: { url: stack.smtpUrl },
		from: process.env.MAIL_FROM || 'Microsolidarity map <map@localhost>',
		siteUrl: config.siteUrl,
		intervalSeconds: Number(process.env.NOTIFY_INTERVAL_SECONDS) || 5
	};
}
