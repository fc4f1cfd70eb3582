// `npm run db:types`: regenerates src/lib/database.types.ts from a fresh database with every
// migration applied. `--check` only reports whether the file is out of date.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateDatabaseTypes } from './local-stack/generate-types.ts';
import { startThrowawayStack } from './local-stack/index.ts';
import { projectRoot } from './local-stack/migrate.ts';

const target = path.join(projectRoot, 'src', 'lib', 'database.types.ts');
const stack = await startThrowawayStack();
try {
	const types = await generateDatabaseTypes(stack.dbUrl);
	if (process.argv.includes('--check')) {
		const current = await readFile(target, 'utf8');
		if (current !== types) {
			console.error(`${path.relative(projectRoot, target)} is out of date: run npm run db:types`);
			process.exitCode = 1;
		} else {
			console.log('Database types are up to date.');
		}
	} else {
		await writeFile(target, types);
		console.log(`Wrote ${path.relative(projectRoot, target)}`);
	}
} finally {
	await stack.stop();
}
