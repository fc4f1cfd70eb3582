import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { jwtVerify } from 'jose';
import type { AuthConfig } from './config.ts';

/**
 * The address a request counts against in the rate limits, and that a new session records.
 *
 * An app's server asks on behalf of its visitors (the app's sign-in form posts to the app, which
 * asks auth), so everything it asks would count against its own one address, and about 30
 * sign-ins an hour would lock everybody out. As with Supabase Auth's IP address forwarding
 * (https://supabase.com/docs/guides/auth/rate-limits), a request made with the secret key may
 * name the visitor's address in `Sb-Forwarded-For`. Only the app's server holds that key, so no
 * visitor can name an address of their choosing: with any other key the header is ignored.
 * `X-Forwarded-For` is believed only behind a proxy the operator vouches for (`trustProxy`).
 */
export async function clientAddress(config: AuthConfig, req: IncomingMessage): Promise<string> {
	const forwarded = firstAddress(req.headers['sb-forwarded-for']);
	if (forwarded && (await madeWithSecretKey(config, req))) return forwarded;
	if (config.trustProxy) {
		const proxied = firstAddress(req.headers['x-forwarded-for']);
		if (proxied) return proxied;
	}
	return req.socket.remoteAddress ?? 'unknown';
}

/** The leftmost address of a forwarding header, if it is an IP address (as GoTrue's sbff reads it). */
function firstAddress(header: string | string[] | undefined): string | null {
	const value = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
	return value && isIP(value) ? value : null;
}

/** Whether the request's API key is the project's secret key: a service_role key it signed. */
async function madeWithSecretKey(config: AuthConfig, req: IncomingMessage): Promise<boolean> {
	const key = req.headers.apikey;
	if (typeof key !== 'string' || !key) return false;
	try {
		const { payload } = await jwtVerify(key, new TextEncoder().encode(config.jwtSecret), {
			algorithms: ['HS256']
		});
		return payload.role === 'service_role';
	} catch {
		return false;
	}
}
