import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * TypeScript types for the database, exactly as `supabase gen types typescript --local`
 * makes them: the CLI runs @supabase/postgres-meta inside Docker with these variables; we
 * run the same package with Node.
 */
export async function generateDatabaseTypes(dbUrl: string): Promise<string> {
	const metaPackage = createRequire(import.meta.url).resolve(
		'@supabase/postgres-meta/package.json'
	);
	const server = path.join(path.dirname(metaPackage), 'dist', 'server', 'server.js');
	const url = new URL(dbUrl);
	url.searchParams.set('sslmode', 'disable');
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [server], {
			env: {
				...process.env,
				PG_META_DB_URL: url.toString(),
				PG_META_GENERATE_TYPES: 'typescript',
				PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS: 'public',
				PG_META_GENERATE_TYPES_DETECT_ONE_TO_ONE_RELATIONSHIPS: 'true',
				PG_META_POSTGREST_VERSION: '12.0.2'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.once('error', reject);
		child.once('exit', (code) =>
			code === 0 && stdout.includes('export type Database')
				? resolve(stdout)
				: reject(new Error(`postgres-meta could not generate types (code ${code}):\n${stderr}`))
		);
	});
}
