// What `npm run bench:load` asks for, as whom, and the load generator it runs in a process of
// its own: shared by the load and the faults (load-faults.ts).
import { fork } from 'node:child_process';
import path from 'node:path';
import { createServerClient } from '@supabase/ssr';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { boundsAround, padBounds, type Bounds } from '../src/lib/geo/view-boxes.ts';
import type { LocalStack } from './local-stack/index.ts';
import { projectRoot } from './local-stack/migrate.ts';
import type { LoadPlan, LoadReport, LoadRequest, LoadRun } from './load-generator.ts';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SignedIn {
	id: string;
	/** The app's session cookies, as a browser sends them. */
	cookie: string;
	accessToken: string;
}

/**
 * Signs a member in through the local auth with a one-time code (read with the service key, as
 * the tests do), with @supabase/ssr's cookie handling, so the cookies are those a browser holds.
 */
export async function signIn(stack: LocalStack, email: string): Promise<SignedIn> {
	const options = {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never }
	};
	const admin = createClient(stack.apiUrl, stack.serviceKey, options).auth.admin;
	const { data: link, error } = await admin.generateLink({ type: 'magiclink', email });
	if (error) throw error;
	const jar = new Map<string, string>();
	const client = createServerClient(stack.apiUrl, stack.anonKey, {
		realtime: options.realtime,
		cookies: {
			getAll: () => [...jar].map(([name, value]) => ({ name, value })),
			setAll: (cookies) => {
				for (const { name, value } of cookies) {
					if (value) jar.set(name, value);
					else jar.delete(name);
				}
			}
		}
	});
	const { data, error: verifyError } = await client.auth.verifyOtp({
		email,
		token: link.properties.email_otp,
		type: 'email'
	});
	if (verifyError || !data.session || !data.user) throw verifyError ?? new Error('No session');
	// The cookies are written when the client hears of the sign-in, a moment later.
	for (let tries = 0; jar.size === 0 && tries < 100; tries++) await sleep(10);
	if (jar.size === 0) throw new Error(`No session cookie for ${email}`);
	return {
		id: data.user.id,
		cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
		accessToken: data.session.access_token
	};
}

/** `west=…&south=…` as the map asks `/map/view` for a view (view-loader.svelte.ts). */
function viewQuery([west, south, east, north]: Bounds, zoom: number) {
	const degrees = (value: number) => value.toFixed(4);
	return `west=${degrees(west)}&south=${degrees(south)}&east=${degrees(east)}&north=${degrees(north)}&zoom=${zoom}`;
}

export interface Target {
	name: string;
	/** Its share of the connections. */
	weight: number;
	/** The request as an anonymous visitor makes it, and as a signed-in member does. */
	anonymous: LoadRequest;
	member: (member: SignedIn) => LoadRequest;
}

export function targets(stack: LocalStack): Target[] {
	const browser = { accept: 'text/html,application/xhtml+xml', 'accept-encoding': 'gzip, br' };
	const page = (name: string, path: string, headers = browser): Target => ({
		name,
		weight: 1,
		anonymous: { method: 'GET', path, headers },
		member: ({ cookie }) => ({ method: 'GET', path, headers: { ...headers, cookie } })
	});
	// What a 1600 × 1000 px map shows of western Europe at zoom 6, with the map's margin.
	const europe = padBounds(
		boundsAround({ center: [5, 50], zoom: 6, size: { width: 1600, height: 1000 } })
	);
	const rest = (name: string, request: Omit<LoadRequest, 'headers'>): Target => {
		const headers = (token: string) => ({
			apikey: stack.anonKey,
			authorization: `Bearer ${token}`,
			'content-type': 'application/json'
		});
		return {
			name,
			weight: 0.8,
			anonymous: { ...request, headers: headers(stack.anonKey) },
			member: ({ accessToken }) => ({ ...request, headers: headers(accessToken) })
		};
	};
	return [
		page('/map', '/map'),
		{
			...page('/map/view', `/map/view?${viewQuery(europe, 6)}`, {
				accept: '*/*',
				'accept-encoding': 'gzip, br'
			}),
			weight: 1.2
		},
		page('/directory', '/directory'),
		rest('REST rpc/map_view', {
			method: 'POST',
			path: '/rest/v1/rpc/map_view',
			// London at zoom 11, as bench:db asks for it.
			body: JSON.stringify({
				min_lat: 51.36,
				min_lng: -0.54,
				max_lat: 51.64,
				max_lng: 0.3,
				zoom: 11
			})
		}),
		rest('REST profiles', {
			method: 'GET',
			path: '/rest/v1/profiles?select=id,display_name,bio,languages,open_to&order=display_name&limit=20'
		})
	];
}

/** The runs of a load: each target's share of the connections, half anonymous, half signed in. */
export function loadRuns(
	all: Target[],
	{ origin, apiUrl, connections }: { origin: string; apiUrl: string; connections: number },
	members: SignedIn[]
): LoadRun[] {
	const total = all.reduce((sum, target) => sum + target.weight, 0);
	return all.flatMap((target) => {
		const share = Math.max(2, Math.round((connections * target.weight) / total));
		const anonymous = Math.ceil(share / 2);
		const at = target.name.startsWith('REST') ? apiUrl : origin;
		return [
			{
				name: `${target.name}, anonymous`,
				origin: at,
				connections: anonymous,
				requests: [target.anonymous]
			},
			{
				name: `${target.name}, signed in`,
				origin: at,
				connections: share - anonymous,
				requests: members.map(target.member)
			}
		];
	});
}

/** Runs a load in its own process: `started` once autocannon is under way, `done` with results. */
export function startLoad(plan: LoadPlan) {
	const child = fork(path.join(projectRoot, 'scripts', 'load-generator.ts'), {
		execArgv: ['--import', 'tsx']
	});
	let started = () => undefined as void;
	const running = new Promise<void>((resolve) => (started = resolve));
	const done = new Promise<LoadReport>((resolve, reject) => {
		child.on('message', (message) =>
			message === 'started' ? started() : resolve(message as LoadReport)
		);
		child.once('exit', (code) => reject(new Error(`The load generator exited (${code}).`)));
	});
	child.send(plan);
	return { pid: child.pid, started: running, done };
}
