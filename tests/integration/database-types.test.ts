import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { generateDatabaseTypes } from '../../scripts/local-stack/generate-types.ts';

describe('src/lib/database.types.ts', () => {
	it('matches the types generated from the migrated database (run npm run db:types if not)', async () => {
		const generated = await generateDatabaseTypes(inject('stack').dbUrl);
		const committed = await readFile(
			new URL('../../src/lib/database.types.ts', import.meta.url),
			'utf8'
		);
		expect(committed).toBe(generated);
	});
});
