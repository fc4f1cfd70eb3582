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
/** Read each time: TMPDIR may change (the start-up benchmark measures a machine without one). */
const templatesRoot = () => path.join(tmpdir(), 'microsolidarity-stack-templates');

/**
 * Every local database's superuser password, as with `supabase start`: the server listens on
 * 127.0.0.1 only, and copies of one template share it.
 */
export const LOCAL_DB_PASSWORD = 'postgres';

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
	for (const file of files)
		hash.update(path.relative(projectRoot, file)).update(await readFile(file));
	return hash.digest('hex').slice(0, 16);
}

/**
 * A database folder with every migration, the seed and the gazetteer applied, built once per
 * version of the schema and copied for each throw-away stack: building takes seconds (most of
 * it loading and indexing the gazetteer), copying a fraction of one.
 */
export async function copyDatabaseTemplate(targetDataDir: string) {
	const template = path.join(templatesRoot(), await templateKey());
	if (!existsSync(path.join(template, 'ready'))) await buildTemplate(template);
	await mkdir(path.dirname(targetDataDir), { recursive: true });
	// cp -a keeps the owner: as root, the postgres user must own the copy.
	await promisify(execFile)('cp', ['-a', path.join(template, 'db'), targetDataDir]);
}

async function buildTemplate(template: string) {
	const root = templatesRoot();
	await mkdir(root, { recursive: true });
	await chmod(root, 0o755);
	const building = await mkdtemp(path.join(root, 'building-'));
	await chmod(building, 0o755);
	const postgres = await startPostgres({
		dataDir: path.join(building, 'db'),
		port: await freePort(),
		password: LOCAL_DB_PASSWORD,
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
	await writeFile(path.join(building, 'ready'), new Date().toISOString());
	// Older versions of the schema are of no more use.
	for (const entry of await readdir(root)) {
		if (!entry.startsWith('building-')) {
			await rm(path.join(root, entry), { recursive: true, force: true });
		}
	}
	// Another process may have built the same template meanwhile; either copy will do.
	await rename(building, template).catch(() => rm(building, { recursive: true, force: true }));
}
