import { describe, expect, it } from 'vitest';
import { forwardingFetch } from './auth-forwarding';

const supabaseUrl = 'https://project.supabase.co';
const publicKey = 'sb_publishable_public';
const secretKey = 'sb_secret_secret';

/** The forwarding fetch over a fetch that only records the headers each request went with. */
function recorded() {
	const sent: Array<{ url: string; headers: Headers }> = [];
	const fetch = forwardingFetch({
		fetch: async (input, init) => {
			sent.push({ url: String(input), headers: new Headers(init?.headers) });
			return new Response(null, { status: 204 });
		},
		supabaseUrl,
		publicKey,
		secretKey,
		clientAddress: () => '198.51.100.7'
	});
	return { fetch, sent };
}

const asClient = (token: string) => ({
	headers: { apikey: publicKey, Authorization: `Bearer ${token}` }
});

describe('forwardingFetch', () => {
	it('asks Auth with the secret key, naming the visitor', async () => {
		const { fetch, sent } = recorded();
		await fetch(`${supabaseUrl}/auth/v1/otp`, { method: 'POST', ...asClient(publicKey) });
		expect(sent[0].headers.get('apikey')).toBe(secretKey);
		expect(sent[0].headers.get('authorization')).toBe(`Bearer ${secretKey}`);
		expect(sent[0].headers.get('sb-forwarded-for')).toBe('198.51.100.7');
	});

	it('keeps a signed-in person’s own token when it asks Auth for them', async () => {
		const { fetch, sent } = recorded();
		await fetch(`${supabaseUrl}/auth/v1/user`, asClient('their-access-token'));
		expect(sent[0].headers.get('authorization')).toBe('Bearer their-access-token');
		expect(sent[0].headers.get('sb-forwarded-for')).toBe('198.51.100.7');
	});

	it('never sends the secret key anywhere but Auth: the database would let it read everything', async () => {
		const { fetch, sent } = recorded();
		await fetch(`${supabaseUrl}/rest/v1/profiles?select=id`, asClient(publicKey));
		await fetch(`${supabaseUrl}/auth/v1evil/otp`, asClient(publicKey));
		await fetch(`https://elsewhere.example/auth/v1/otp`, asClient(publicKey));
		for (const { headers } of sent) {
			expect(headers.get('apikey')).toBe(publicKey);
			expect(headers.get('authorization')).toBe(`Bearer ${publicKey}`);
			expect(headers.has('sb-forwarded-for')).toBe(false);
		}
		expect(sent).toHaveLength(3);
	});
});
