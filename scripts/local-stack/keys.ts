import { SignJWT } from 'jose';

/**
 * The JWT secret the Supabase CLI uses for `supabase start`. It is public on purpose: it
 * only ever protects a database on your own machine. Tests use a random secret per run.
 */
export const DEFAULT_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

/** Ten years, like the Supabase CLI's local keys. */
const API_KEY_LIFETIME_SECONDS = 10 * 365 * 24 * 60 * 60;

export interface ApiKeys {
	anonKey: string;
	serviceKey: string;
}

export async function signJwt(secret: string, claims: Record<string, unknown>, expiresAt: number) {
	return new SignJWT(claims)
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setIssuedAt()
		.setExpirationTime(expiresAt)
		.sign(new TextEncoder().encode(secret));
}

/** The public (anon) and secret (service_role) API keys, signed like a hosted project's. */
export async function createApiKeys(secret: string): Promise<ApiKeys> {
	// Fixed issue time so the same secret always gives the same keys across restarts.
	const issuedAt = 1_700_000_000;
	const sign = (role: string) =>
		new SignJWT({ iss: 'supabase-demo', role })
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.setIssuedAt(issuedAt)
			.setExpirationTime(issuedAt + API_KEY_LIFETIME_SECONDS)
			.sign(new TextEncoder().encode(secret));
	return { anonKey: await sign('anon'), serviceKey: await sign('service_role') };
}
