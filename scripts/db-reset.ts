// `npm run db:reset`: wipes the local database and rebuilds it from the migrations and seed.
import path from 'node:path';
import { developerStackConfig, loadDotEnv } from './local-stack/config.ts';
import { readRunningStack, startLocalStack } from './local-stack/index.ts';

loadDotEnv();
const config = developerStackConfig();
if (await readRunningStack(config.dir)) {
	console.error('The local stack is running. Stop `npm run dev` (Ctrl-C) first, then reset.');
	process.exit(1);
}
const stack = await startLocalStack({
	...config,
	fresh: true,
	durable: true,
	log: (source, line) => console.log(`[${source}] ${line}`)
});
await stack.stop();
console.log(
	`Rebuilt the local database in ${path.relative(process.cwd(), config.dir)}/db from migrations and seed.`
);
