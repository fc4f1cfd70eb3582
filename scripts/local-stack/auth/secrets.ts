import {
	createHash,
	createHmac,
	randomBytes,
	randomInt,
	scrypt,
	timingSafeEqual
} from 'node:crypto';
import { promisify } from 'node:util';

/** Secrets handed out by the auth stand-in. Only their SHA-256 hashes are ever stored. */

/** GoTrue prefixes the tokens of PKCE sign-ins so /verify knows to answer with a code. */
export const PKCE_TOKEN_PREFIX = 'pkce_';

export function sha256(value: string): string {
	return createHash('sha256').update(value).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/** The secret in an emailed link (256 bits). */
export function newLinkToken(pkce: boolean): string {
	const token = randomBytes(32).toString('base64url');
	return pkce ? PKCE_TOKEN_PREFIX + token : token;
}

/** The six-digit code sent with the link (GOTRUE_MAILER_OTP_LENGTH defaults to 6). */
export function newOtpCode(): string {
	return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** Salted with the address so that equal codes for two people never share a hash. */
export function otpCodeHash(email: string, code: string): string {
	return sha256(`${email.toLowerCase()}:${code}`);
}

/**
 * A refresh token is derived from the JWT secret, its session and its row, so the database
 * needs only its hash, yet the session's current token can be handed out again to a client
 * that missed it (see refreshSession). Anyone able to derive it could sign access tokens anyway.
 */
export function refreshTokenValue(input: {
	jwtSecret: string;
	sessionId: string;
	tokenId: string;
}): string {
	const key = createHmac('sha256', input.jwtSecret).update('local auth refresh tokens').digest();
	return createHmac('sha256', key)
		.update(`${input.sessionId}:${input.tokenId}`)
		.digest('base64url');
}

/** Checks a PKCE code verifier against the challenge sent with POST /otp (RFC 7636). */
export function matchesCodeChallenge(input: {
	verifier: string;
	challenge: string;
	method: string;
}): boolean {
	const derived =
		input.method === 's256'
			? createHash('sha256').update(input.verifier).digest('base64url')
			: input.verifier;
	return sameHash(derived, input.challenge);
}

const scryptAsync = promisify(scrypt) as (
	password: string,
	salt: Buffer,
	keyLength: number
) => Promise<Buffer>;

/**
 * Hashes a password given to the admin API so it is never stored as typed. Nothing signs in
 * with it (the local stack has no password grant); it is kept so seed scripts written for a
 * hosted project run unchanged.
 */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await scryptAsync(password, salt, 32);
	return `$scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}
