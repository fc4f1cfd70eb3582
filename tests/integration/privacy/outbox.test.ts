import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessToken, anonymousToken, rest } from '../../support/privacy';
import { memberWithProfile, serviceClient, type Member } from '../../support/supabase';

/**
 * The email outbox and the notify worker's functions (issue 10): everyone's addresses and the
 * links to their settings are there, so anonymous visitors and members can neither read nor
 * write the outbox, nor queue emails or fire radar alerts; the service role (the worker) can.
 * Nobody here has a place.
 */

let member: Member;

beforeAll(async () => {
	member = await memberWithProfile(`outbox-${randomUUID().slice(0, 6)}`);
});

const callers = [
	{ who: 'an anonymous visitor', token: async () => anonymousToken() },
	{ who: 'a member', token: () => accessToken(member) }
];

describe.each(callers)('as $who', ({ token }) => {
	it('reads nothing of the outbox, not even a count', async () => {
		const as = await token();
		for (const path of ['outbox_emails?select=to_address', 'outbox_emails?select=id']) {
			const response = await rest(as, path);
			expect(response.status, path).toBeGreaterThanOrEqual(400);
			expect(response.text, path).not.toContain('@');
		}
		const counted = await rest(as, 'outbox_emails?select=id', {
			method: 'HEAD',
			headers: { Prefer: 'count=exact' }
		});
		expect(counted.status).toBeGreaterThanOrEqual(400);
	});

	it('writes nothing to it', async () => {
		const as = await token();
		const writes = await Promise.all([
			rest(as, 'outbox_emails', {
				method: 'POST',
				body: {
					recipient_id: member.id,
					to_address: 'attacker@example.test',
					digest: false,
					notification_ids: [],
					settings_token: randomUUID()
				}
			}),
			rest(as, 'outbox_emails?sent_at=is.null', {
				method: 'PATCH',
				body: { sent_at: new Date().toISOString() }
			}),
			rest(as, 'outbox_emails?sent_at=is.null', { method: 'DELETE' })
		]);
		for (const response of writes) expect(response.status).toBeGreaterThanOrEqual(400);
	});

	it.each(['queue_emails', 'fire_radar_alerts', 'claim_outbox_emails'])(
		'cannot call %s',
		async (name) => {
			const response = await rest(await token(), `rpc/${name}`, { method: 'POST', body: {} });
			expect(response.status).toBeGreaterThanOrEqual(400);
			expect(response.body).toMatchObject({ code: '42501' });
		}
	);
});

describe('as the service role (the notify worker)', () => {
	it('queues emails, fires radar alerts and reads the outbox', async () => {
		const service = serviceClient();
		const queued = await service.rpc('queue_emails', {});
		expect(queued.error).toBeNull();
		expect(queued.data).toEqual(expect.any(Number));
		const fired = await service.rpc('fire_radar_alerts');
		expect(fired.error).toBeNull();
		expect(fired.data).toEqual(expect.any(Number));
		const read = await service.from('outbox_emails').select('id, to_address, sent_at').limit(1);
		expect(read.error).toBeNull();
	});
});
