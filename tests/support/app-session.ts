import { createServerClient } from '@supabase/ssr';
import { inject } from 'vitest';
import WebSocket from 'ws';
import type { Database } from '../../src/lib/database.types';
import { serviceClient, type Client } from './supabase';

/**
 * A signed-in session as the app's cookies carry it, for plain HTTP requests to the built app
 * (no browser): made the way the app's own server client makes it (`@supabase/ssr`, so the
 * cookies have the app's names and encoding), from a one-time code the admin API hands over.
 */
export interface AppSession {
	/** The `Cookie` header to send. */
	cookie: string;
	/** The same session as a supabase-js client, to arrange things as this person. */
	client: Client;
	userId: string;
	/** The cookies as they are, by name. */
	cookies: Map<string, string>;
}

export async function appSession(email: string): Promise<AppSession> {
	const { apiUrl, anonKey } = inject('stack');
	const cookies = new Map<string, string>();
	const client = createServerClient<Database>(apiUrl, anonKey, {
		realtime: { transport: WebSocket as never },
		cookies: {
			getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
			setAll: (changes) => {
				for (const { name, value } of changes) {
					if (value) cookies.set(name, value);
					else cookies.delete(name);
				}
			}
		}
	});
	const { data: link, error: linkError } = await serviceClient().auth.admin.generateLink({
		type: 'magiclink',
		email
	});
	if (linkError) throw linkError;
	const { data, error } = await client.auth.verifyOtp({
		email,
		token: link.properties.email_otp,
		type: 'email'
	});
	if (error || !data.user) throw error ?? new Error('verifyOtp returned no user');
	if (cookies.size === 0) throw new Error('Signing in set no cookie');
	return { cookie: cookieHeader(cookies), client, userId: data.user.id, cookies };
}

export function cookieHeader(cookies: Map<string, string>): string {
	return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

/**
 * The session's cookies as they would be once its access token has run out: the server, reading
 * them, refreshes the session and sets the cookies again, with the attributes it gives them.
 */
export function expiredSessionCookie(session: AppSession): string {
	// A long session is split over `<name>.0`, `<name>.1`…; the server also reads it whole.
	const [name] = [...session.cookies.keys()];
	const encoded = [...session.cookies]
		.sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
		.map(([, value]) => value)
		.join('');
	const json = JSON.parse(Buffer.from(encoded.replace(/^base64-/, ''), 'base64url').toString());
	json.expires_at = Math.floor(Date.now() / 1000) - 60;
	const value = `base64-${Buffer.from(JSON.stringify(json)).toString('base64url')}`;
	return `${name.replace(/\.\d+$/, '')}=${value}`;
}
