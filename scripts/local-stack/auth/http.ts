import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Request and response plumbing shared by the auth stand-in's routes, with errors shaped the
 * way GoTrue shapes them (supabase/auth internal/api/errors.go) so that auth-js turns them into
 * the same AuthApiError (status, code, message) a hosted project would give.
 */

const API_VERSION_HEADER = 'x-supabase-api-version';
/** The only API version GoTrue knows besides the initial one; auth-js sends it on every call. */
const API_VERSION_2024 = '2024-01-01';
const MAX_BODY_BYTES = 1024 * 1024;

export class AuthApiError extends Error {
	readonly status: number;
	readonly errorCode: string;

	constructor(status: number, errorCode: string, message: string) {
		super(message);
		this.status = status;
		this.errorCode = errorCode;
	}
}

export const badRequest = (errorCode: string, message: string) =>
	new AuthApiError(400, errorCode, message);
export const forbidden = (errorCode: string, message: string) =>
	new AuthApiError(403, errorCode, message);
export const notFound = (errorCode: string, message: string) =>
	new AuthApiError(404, errorCode, message);
export const unprocessable = (errorCode: string, message: string) =>
	new AuthApiError(422, errorCode, message);
export const tooManyRequests = (errorCode: string, message: string) =>
	new AuthApiError(429, errorCode, message);

/** One request as the routes see it. */
export interface AuthRequest {
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
}

/** Clients that announce API version 2024-01-01 get `{ code, message }`; older ones GoTrue's original `{ code: status, error_code, msg }`. */
function wantsVersion2024(req: IncomingMessage): boolean {
	const requested = req.headers[API_VERSION_HEADER];
	const value = Array.isArray(requested) ? requested[0] : requested;
	return (
		typeof value === 'string' && /^2\d{3}-\d{2}-\d{2}$/.test(value) && value >= API_VERSION_2024
	);
}

export function sendJson({ req, res }: AuthRequest, status: number, body: unknown) {
	const text = JSON.stringify(body);
	if (wantsVersion2024(req)) res.setHeader('X-Supabase-Api-Version', API_VERSION_2024);
	res.writeHead(status, {
		'Content-Type': 'application/json',
		// Responses carry tokens and personal data; no cache may keep them.
		'Cache-Control': 'no-store',
		'Content-Length': Buffer.byteLength(text)
	});
	res.end(text);
}

export function sendNoContent({ req, res }: AuthRequest) {
	if (wantsVersion2024(req)) res.setHeader('X-Supabase-Api-Version', API_VERSION_2024);
	res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
}

export function sendError(request: AuthRequest, error: AuthApiError) {
	const body = wantsVersion2024(request.req)
		? { code: error.errorCode, message: error.message }
		: { code: error.status, error_code: error.errorCode, msg: error.message };
	sendJson(request, error.status, body);
}

/** 303, as GoTrue answers GET /verify: the browser follows it with a GET. */
export function redirect({ res }: AuthRequest, location: string) {
	res.writeHead(303, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': 0 });
	res.end();
}

/** The JSON object in the request body; an empty body is an empty object. */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
		size += buffer.length;
		if (size > MAX_BODY_BYTES) throw badRequest('validation_failed', 'Request body is too large');
		chunks.push(buffer);
	}
	const text = Buffer.concat(chunks).toString('utf8').trim();
	if (!text) return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw badRequest('bad_json', `Could not parse request body as JSON: ${reason}`);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw badRequest('bad_json', 'Request body must be a JSON object');
	}
	return parsed as Record<string, unknown>;
}

/** The Bearer token of the Authorization header, or null. */
export function bearerToken(req: IncomingMessage): string | null {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
	return match ? match[1] : null;
}

/** Optional string field of a JSON body, rejecting other types with a field-specific message. */
export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
	const value = body[field];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw badRequest('validation_failed', `${field} must be a string`);
	return value;
}

/** Optional JSON object field (metadata), rejecting other types with a field-specific message. */
export function optionalObject(
	body: Record<string, unknown>,
	field: string
): Record<string, unknown> | undefined {
	const value = body[field];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw badRequest('validation_failed', `${field} must be a JSON object`);
	}
	return value as Record<string, unknown>;
}

export function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
	const value = body[field];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'boolean')
		throw badRequest('validation_failed', `${field} must be a boolean`);
	return value;
}
