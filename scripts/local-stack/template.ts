import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { migrate, projectRoot } from './migrate.ts';
import { startPostgres } from './postgres.ts';
import { freePort } from './processes.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const templatesRoot = path.join(tmpdir(), 'microsolidarity-stack-templates');

/** Everything that decides what a freshly built database holds. */
async function templateKey() {
	const migrations = path.join(projectRoot, 'supabase', 'migrations');
	const files = [
		path.join(here, 'bootstrap.sql'),
		path.join(here, 'auth', 'schema.sql'),
		path.join(here, 'places.ts'),
		path.join(projectRoot, 'supabase', 'seed.sql'),
		...(await readdir(migrations)).sort().map((name) => path.join(migrations, name))
	];
	const hash = createHash('sha256');
	for (const file of files) hash.update(file).update(await readFile(file));
	return hash.digest('hex').slice(0, 16);
}

/**
 * A database folder with every migration, the seed and the gazetteer applied, built once per
 * version of the schema and copied for each throw-away stack: building takes seconds (most of
 * it loading and indexing the gazetteer), copying a fraction of one.
 */
export async function copyDatabaseTemplate(targetDataDir: string): Promise<{ password: string }> {
	const template = path.join(templatesRoot, await templateKey());
	if (!existsSync(path.join(template, 'ready'))) await buildTemplate(template);
	// cp -a keeps the owner: as root, the postgres user must own the copy.
	await promisify(execFile)('cp', ['-a', path.join(template, 'db'), targetDataDir]);
	return { password: await readFile(path.join(template, 'password'), 'utf8') };
}

async function buildTemplate(template: string) {
	await mkdir(templatesRoot, { recursive: true });
	await chmod(templatesRoot, 0o755);
	const building = await mkdtemp(path.join(templatesRoot, 'building-'));
	await chmod(building, 0o755);
	const password = randomBytes(12).toString('hex');
	const postgres = await startPostgres({
		dataDir: path.join(building, 'db'),
		port: await freePort(),
		password,
		durable: false,
		log: () => undefined
	});
	try {
		await migrate({
			dbUrl: postgres.url,
			authenticatorPassword: randomBytes(12).toString('hex'),
			seed: true,
			log: () => undefined
		});
	} finally {
		await postgres.stop();
	}
	await writeFile(path.join(building, 'password'), password);
	await writeFile(path.join(building, 'ready'), new Date().toISOString());
	// Older versions of the schema are of no more use.
	for (const entry of await readdir(templatesRoot)) {
		if (!entry.startsWith('building-')) {
			await rm(path.join(templatesRoot, entry), { recursive: true, force: true });
		}
	}
	// Another process may have built the same template meanwhile; either copy will do.
	await rename(building, template).catch(() => rm(building, { recursive: true, force: true }));
}
