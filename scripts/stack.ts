// `npm run stack`: the local Supabase stack alone, for scripts and other clients.
import { loadDotEnv } from './local-stack/config.ts';
import { runDeveloperStack } from './local-stack/foreground.ts';

loadDotEnv();
await runDeveloperStack();
console.log('Press Ctrl-C to stop.');
