import {
	createServer,
	request as forward,
	type IncomingMessage,
	type Server,
	type ServerResponse
} from 'node:http';

export interface GatewayRoutes {
	postgrestUrl: string;
	auth: { handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> };
	mailbox: { handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> };
	/** Keys the gateway accepts in `apikey`, as Kong's key-auth does on a hosted project. */
	apiKeys: string[];
}

/** The one URL of the Supabase API that the gateway serves on a port. */
export const gatewayUrl = (port: number) => `http://127.0.0.1:${port}`;

/** Auth routes a browser reaches without an API key: the links in sign-in emails. */
const OPEN_AUTH_ROUTES = ['/verify', '/callback', '/authorize'];

const EXPOSED_HEADERS = [
	'Content-Range',
	'Content-Location',
	'Location',
	'Preference-Applied',
	'Range-Unit',
	'X-Supabase-Api-Version'
].join(', ');

/**
 * One port for the whole Supabase API, like Kong in a hosted project: `/rest/v1` goes to
 * PostgREST, `/auth/v1` to the auth stand-in, and `/mailbox` shows the emails it "sent".
 */
export function createGateway(routes: GatewayRoutes): Server {
	const postgrest = new URL(routes.postgrestUrl);
	return createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://gateway');
		const route = matchRoute(url.pathname);
		// The mailbox holds everyone's sign-in codes: no web page may read it, so it gives no CORS
		// permission at all (people open its page; tests read it from Node).
		if (route?.service !== 'mailbox') allowCrossOrigin(req, res);
		if (req.method === 'OPTIONS') {
			res.writeHead(204).end();
			return;
		}
		if (!route) {
			sendJson(res, 404, { message: 'no Route matched with those values' });
			return;
		}
		if (route.service === 'mailbox') {
			void routes.mailbox
				.handle(req, res, route.rest + url.search)
				.catch((error) => failed(res, error));
			return;
		}
		const open = route.service === 'auth' && OPEN_AUTH_ROUTES.includes(route.rest.split('?')[0]);
		if (!open) {
			const key = req.headers.apikey ?? url.searchParams.get('apikey');
			if (!key) {
				sendJson(res, 401, { message: 'No API key found in request' });
				return;
			}
			if (typeof key !== 'string' || !routes.apiKeys.includes(key)) {
				sendJson(res, 401, { message: 'Invalid API key' });
				return;
			}
		}
		if (route.service === 'auth') {
			void routes.auth
				.handle(req, res, route.rest + url.search)
				.catch((error) => failed(res, error));
			return;
		}
		const upstream = forward(
			{
				host: postgrest.hostname,
				port: postgrest.port,
				method: req.method,
				path: route.rest + url.search,
				headers: { ...req.headers, host: postgrest.host }
			},
			(response) => {
				res.writeHead(response.statusCode ?? 502, response.headers);
				response.pipe(res);
			}
		);
		upstream.on('error', () => sendJson(res, 502, { message: 'PostgREST is not answering' }));
		req.pipe(upstream);
	});
}

function matchRoute(pathname: string) {
	for (const [prefix, service] of [
		['/rest/v1', 'rest'],
		['/auth/v1', 'auth'],
		['/mailbox', 'mailbox']
	] as const) {
		if (pathname === prefix || pathname.startsWith(`${prefix}/`)) {
			return { service, rest: pathname.slice(prefix.length) || '/' };
		}
	}
	return undefined;
}

/**
 * Any web page may call the API, as on a hosted project: what a request may do depends on its
 * key and token, never on where it came from. No credentials: the API reads no cookies, so a
 * page's own cookies must not ride along.
 */
function allowCrossOrigin(req: IncomingMessage, res: ServerResponse) {
	res.setHeader('Access-Control-Allow-Origin', '*');
	res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
	if (req.method === 'OPTIONS') {
		res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
		res.setHeader(
			'Access-Control-Allow-Headers',
			req.headers['access-control-request-headers'] ?? 'authorization, apikey, content-type'
		);
		res.setHeader('Access-Control-Max-Age', '3600');
	}
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
	if (res.headersSent) {
		res.end();
		return;
	}
	res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function failed(res: ServerResponse, error: unknown) {
	console.error('[gateway]', error);
	sendJson(res, 500, { message: 'Internal error in the local stack; see its log.' });
}
