import type { RequestEvent } from '@sveltejs/kit';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The request being answered, as SvelteKit's getRequestEvent would give it.
const current = vi.hoisted(() => ({ event: { locals: {} } as RequestEvent }));
vi.mock('$app/server', () => ({ getRequestEvent: () => current.event }));

const { answerUnavailable, unavailableError, watchReachability, UNAVAILABLE_MESSAGE } =
	await import('./unavailable');

const answering = (response: Response | Error) =>
	watchReachability(async () => {
		if (response instanceof Error) throw response;
		return response;
	});

describe('watchReachability', () => {
	beforeEach(() => {
		current.event = { locals: {} } as RequestEvent;
	});

	it('notes a gateway that says what stands behind it is down', async () => {
		for (const status of [502, 503, 504]) {
			current.event = { locals: {} } as RequestEvent;
			await answering(new Response('{}', { status }))('http://api.test/rest/v1/x');
			expect(current.event.locals.supabaseUnreachable).toBe(true);
		}
	});

	it('notes a refused connection, and passes the failure on', async () => {
		const refused = new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
		await expect(answering(refused)('http://api.test/rest/v1/x')).rejects.toBe(refused);
		expect(current.event.locals.supabaseUnreachable).toBe(true);
	});

	it('notes nothing for answers, refusals, errors of the database or an abort', async () => {
		for (const status of [200, 400, 401, 404, 500]) {
			await answering(new Response('{}', { status }))('http://api.test/rest/v1/x');
		}
		const aborted = new DOMException('The operation was aborted.', 'AbortError');
		await expect(answering(aborted)('http://api.test/rest/v1/x')).rejects.toBe(aborted);
		expect(current.event.locals.supabaseUnreachable).toBeUndefined();
	});
});

describe('when Supabase could not be reached', () => {
	const event = (supabaseUnreachable: boolean) =>
		({ locals: { supabaseUnreachable } }) as RequestEvent;

	it('turns the 500 into a 503 that says when to come back, with the same body', async () => {
		const answer = answerUnavailable(event(true), new Response('the page', { status: 500 }));
		expect(answer.status).toBe(503);
		expect(answer.headers.get('retry-after')).toBe('60');
		expect(answer.headers.get('cache-control')).toBe('no-store');
		expect(await answer.text()).toBe('the page');
		expect(unavailableError(event(true), 500)).toEqual({
			message: UNAVAILABLE_MESSAGE,
			unavailable: true
		});
	});

	it('leaves other answers as they are', () => {
		const notFound = new Response('', { status: 404 });
		expect(answerUnavailable(event(true), notFound)).toBe(notFound);
		expect(unavailableError(event(true), 404)).toBeUndefined();
		const failed = new Response('', { status: 500 });
		expect(answerUnavailable(event(false), failed)).toBe(failed);
		expect(unavailableError(event(false), 500)).toBeUndefined();
	});
});
