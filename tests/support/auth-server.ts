import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { createAuthService, type AuthOptions } from '../../scripts/local-stack/auth/index.ts';
import { createApiKeys } from '../../scripts/local-stack/keys.ts';
import { Mailbox } from '../../scripts/local-stack/mailbox.ts';

export interface AuthServer {
	apiUrl: string;
	anonKey: string;
	serviceKey: string;
	mailbox: Mailbox;
	close(): Promise<void>;
}

/**
 * An auth server of its own on the stack's database (`pool`), with its own limits, secret and
 * mailbox: for what the shared stack keeps out of the way of the test suite (its rate limits).
 * It serves /auth/v1 directly, without the gateway.
 */
export async function startAuthServer(
	pool: pg.Pool,
	options: Partial<AuthOptions> = {}
): Promise<AuthServer> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const jwtSecret = randomBytes(32).toString('hex');
	const mailbox = new Mailbox();
	const service = createAuthService({
		pool,
		jwtSecret,
		apiUrl,
		siteUrl: 'http://localhost:5173',
		mailbox,
		log: () => {},
		...options
	});
	server.on('request', (req, res) => {
		const url = req.url ?? '/';
		if (url.startsWith('/auth/v1/')) void service.handle(req, res, url.slice('/auth/v1'.length));
		else res.writeHead(404).end();
	});
	const keys = await createApiKeys(jwtSecret);
	return {
		apiUrl,
		...keys,
		mailbox,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
