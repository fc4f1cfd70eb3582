import { startBuiltApp, type BuiltApp } from '../../scripts/built-app.ts';
import { startThrowawayStack, type LocalStack } from '../../scripts/local-stack/index.ts';
import { freePort } from '../../scripts/local-stack/processes.ts';

const FRIENDLY = 'The map is taking a breather: try again in a minute.';

// The built app on a stack of its own, so stopping its PostgREST disturbs no other test. No
// browser is needed: what matters is what the server answers.
describe('when the database API is down', () => {
	let stack: LocalStack;
	let app: BuiltApp;
	const page = () => fetch(`${app.appUrl}/directory`, { headers: { accept: 'text/html' } });
	const endpoint = () =>
		fetch(`${app.appUrl}/map/view?west=-11&south=35&east=20&north=60&zoom=6`, {
			headers: { accept: 'application/json' }
		});

	beforeAll(async () => {
		const port = await freePort();
		stack = await startThrowawayStack({ siteUrl: `http://127.0.0.1:${port}` });
		app = await startBuiltApp({ port, stack });
	});
	afterAll(async () => {
		await app?.stop();
		await stack?.stop();
	});

	it('answers 503 with a friendly page and when to come back, then 200 once it is back', async () => {
		expect((await page()).status).toBe(200);
		await stack.servers.postgrest.kill();

		const down = await page();
		expect(down.status).toBe(503);
		expect(down.headers.get('retry-after')).toBe('60');
		const html = await down.text();
		expect(html).toContain(FRIENDLY);
		// Nothing of what went wrong inside: no error names, no stack.
		expect(html).not.toMatch(/QueryError|fetch failed|PostgREST|\n\s+at /);

		const downJson = await endpoint();
		expect(downJson.status).toBe(503);
		expect(downJson.headers.get('retry-after')).toBe('60');
		expect(await downJson.json()).toMatchObject({ message: FRIENDLY });

		await stack.servers.postgrest.restart();
		expect((await page()).status).toBe(200);
		expect((await endpoint()).status).toBe(200);
	});
});
