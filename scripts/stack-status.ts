// Prints how to reach the running local stack as KEY=value lines, like `supabase status -o env`.
import { developerStackConfig, loadDotEnv } from './local-stack/config.ts';
import { readRunningStack } from './local-stack/index.ts';

loadDotEnv();
const stack = await readRunningStack(developerStackConfig().dir);
if (!stack) {
	console.error('The local stack is not running. Start it with `npm run dev` or `npm run stack`.');
	process.exit(1);
}
const lines = {
	API_URL: stack.apiUrl,
	REST_URL: `${stack.apiUrl}/rest/v1`,
	AUTH_URL: `${stack.apiUrl}/auth/v1`,
	DB_URL: stack.dbUrl,
	MAILBOX_URL: stack.mailboxUrl,
	SMTP_URL: stack.smtpUrl,
	ANON_KEY: stack.anonKey,
	SERVICE_ROLE_KEY: stack.serviceKey,
	JWT_SECRET: stack.jwtSecret
};
for (const [key, value] of Object.entries(lines)) console.log(`${key}="${value}"`);
