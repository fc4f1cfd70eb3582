import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
	chmod,
	copyFile,
	mkdir,
	mkdtemp,
	readdir,
	readFile,
	rm,
	writeFile
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
	MigrationError,
	readRunningStack,
	startLocalStack,
	StackAlreadyRunningError,
	type LocalStackOptions
} from '../../scripts/local-stack/index.ts';
import { migrate, projectRoot, StaleDatabaseError } from '../../scripts/local-stack/migrate.ts';
import { startPostgres, type RunningPostgres } from '../../scripts/local-stack/postgres.ts';
import { freePort, isAlive } from '../../scripts/local-stack/processes.ts';

// The local stack itself: migrations, restarts, and recovery from a killed run. Each test
// brings its own database so it can break it.

async function scratchDir(prefix: string) {
	const dir = await mkdtemp(path.join(tmpdir(), prefix));
	await chmod(dir, 0o755);
	return dir;
}

describe('migrations', () => {
	let workdir: string;
	let postgres: RunningPostgres;
	const migrationsDir = () => path.join(workdir, 'supabase', 'migrations');
	const run = () =>
		migrate({
			dbUrl: postgres.url,
			authenticatorPassword: 'test',
			seed: false,
			log: () => undefined,
			workdir
		});
	const query = async (sql: string) => {
		const client = new pg.Client(postgres.url);
		await client.connect();
		try {
			return (await client.query(sql)).rows;
		} finally {
			await client.end();
		}
	};

	beforeAll(async () => {
		workdir = await scratchDir('migrations-');
		await mkdir(migrationsDir(), { recursive: true });
		await copyFile(
			path.join(projectRoot, 'supabase', 'config.toml'),
			path.join(workdir, 'supabase', 'config.toml')
		);
		postgres = await startPostgres({
			dataDir: path.join(workdir, 'db'),
			port: await freePort(),
			password: 'test',
			durable: false,
			log: () => undefined
		});
	});
	afterAll(async () => {
		await postgres?.stop();
		await rm(workdir, { recursive: true, force: true });
	});

	it('applies each file once, in order, and a new file later without losing data', async () => {
		await writeFile(
			path.join(migrationsDir(), '20260101000000_create_notes.sql'),
			'create table public.notes (body text); insert into public.notes values (1);'
		);
		expect((await run()).applied).toEqual(['20260101000000_create_notes.sql']);
		expect((await run()).applied).toEqual([]);

		await writeFile(
			path.join(migrationsDir(), '20260102000000_add_author.sql'),
			"alter table public.notes add column author text default 'ada';"
		);
		expect((await run()).applied).toEqual(['20260102000000_add_author.sql']);
		expect(await query('select body, author from public.notes')).toEqual([
			{ body: '1', author: 'ada' }
		]);
		expect(
			await query('select version from supabase_migrations.schema_migrations order by version')
		).toEqual([{ version: '20260101000000' }, { version: '20260102000000' }]);
	});

	it('stops on a broken file, naming it and the database error, and applies none of it', async () => {
		await writeFile(
			path.join(migrationsDir(), '20260103000000_broken.sql'),
			'create table public.half_done (id int);\nselect 1 / 0;'
		);
		const failure = await run().catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(MigrationError);
		expect((failure as Error).message).toContain('20260103000000_broken.sql');
		expect((failure as Error).message).toContain('division by zero');
		expect(await query("select to_regclass('public.half_done') as t")).toEqual([{ t: null }]);
		await rm(path.join(migrationsDir(), '20260103000000_broken.sql'));
	});

	it('refuses a database that records migrations the folder no longer has, applying nothing', async () => {
		// As after the one-time squash: the database knows a version whose file is gone.
		await query(
			"insert into supabase_migrations.schema_migrations (version, name) values ('20250101000000', 'squashed_away')"
		);
		await writeFile(
			path.join(migrationsDir(), '20260104000000_add_tag.sql'),
			'alter table public.notes add column tag text;'
		);
		try {
			const failure = await run().catch((error: unknown) => error);
			expect(failure).toBeInstanceOf(StaleDatabaseError);
			expect((failure as StaleDatabaseError).unknownVersions).toEqual(['20250101000000']);
			expect(
				await query(
					"select count(*)::int as n from information_schema.columns where table_name = 'notes' and column_name = 'tag'"
				)
			).toEqual([{ n: 0 }]);
		} finally {
			await query(
				"delete from supabase_migrations.schema_migrations where version = '20250101000000'"
			);
			await rm(path.join(migrationsDir(), '20260104000000_add_tag.sql'));
		}
	});

	it('says so when it is the seed that failed, keeping the migrations before it', async () => {
		// A fresh database of its own on the same server: the seed runs on fresh databases only.
		await query('create database seed_check');
		const seedUrl = postgres.url.replace(/\/[^/?]+(\?|$)/, '/seed_check$1');
		await writeFile(
			path.join(workdir, 'supabase', 'seed.sql'),
			'insert into public.notes values (1 / 0);'
		);
		try {
			const failure = await migrate({
				dbUrl: seedUrl,
				authenticatorPassword: 'test',
				seed: true,
				log: () => undefined,
				workdir
			}).catch((error: unknown) => error);
			expect(failure).toBeInstanceOf(MigrationError);
			expect((failure as Error).message).toMatch(
				/^The seed failed \(supabase\/seed\.sql\); the migrations before it were applied\./
			);
			expect((failure as Error).message).toContain('division by zero');
			const client = new pg.Client(seedUrl);
			await client.connect();
			try {
				const { rows } = await client.query("select to_regclass('public.notes') as t");
				expect(rows).toEqual([{ t: 'notes' }]);
			} finally {
				await client.end();
			}
		} finally {
			await rm(path.join(workdir, 'supabase', 'seed.sql'));
		}
	});
});

describe('the developer stack', () => {
	let dir: string;
	beforeEach(async () => {
		dir = await scratchDir('stack-lifecycle-');
	});
	afterEach(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	const start = async (options: Partial<LocalStackOptions> = {}) =>
		startLocalStack({
			dir,
			apiPort: 0,
			dbPort: 0,
			siteUrl: 'http://localhost',
			log: () => undefined,
			...options
		});

	it('refuses a second start on the same folder while the first runs, saying so', async () => {
		const first = await start();
		try {
			const second = await start().catch((error: unknown) => error);
			expect(second).toBeInstanceOf(StackAlreadyRunningError);
			expect((second as Error).message).toContain(first.apiUrl);
		} finally {
			await first.stop();
		}
	});

	it('says where its SMTP server listens, in its state file too', async () => {
		const stack = await start();
		try {
			expect(stack.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
			expect((await readRunningStack(dir))?.smtpUrl).toBe(stack.smtpUrl);
		} finally {
			await stack.stop();
		}
	});

	it('keeps data across restarts', async () => {
		let stack = await start();
		const client = new pg.Client(stack.dbUrl);
		await client.connect();
		await client.query(
			"update public.profiles set bio = 'kept' where display_name = 'Ada Fernhill'"
		);
		await client.end();
		await stack.stop();

		stack = await start();
		const again = new pg.Client(stack.dbUrl);
		await again.connect();
		const { rows } = await again.query(
			"select bio from public.profiles where display_name = 'Ada Fernhill'"
		);
		await again.end();
		await stack.stop();
		expect(rows).toEqual([{ bio: 'kept' }]);
	});

	it('restarts PostgreSQL after a crash with what it committed, and the API answers again', async () => {
		const reasons: string[] = [];
		const stack = await start({
			durable: true,
			onUnexpectedExit: (reason) => reasons.push(reason)
		});
		const profiles = () =>
			fetch(`${stack.apiUrl}/rest/v1/profiles?select=bio&display_name=eq.Ada%20Fernhill`, {
				headers: { apikey: stack.anonKey }
			});
		try {
			const client = new pg.Client(stack.dbUrl);
			await client.connect();
			client.on('error', () => undefined);
			await client.query(
				"update public.profiles set bio = 'committed' where display_name = 'Ada Fernhill'"
			);
			const crashed = stack.servers.postgres.pid();
			await stack.servers.postgres.kill('SIGKILL');
			expect(isAlive(crashed!)).toBe(false);
			await client.end().catch(() => undefined);

			await stack.servers.postgres.restart();
			expect(stack.servers.postgres.pid()).not.toBe(crashed);
			// PostgREST reconnects by itself, after a pause that grows with its failed attempts.
			await expect
				.poll(async () => (await profiles()).status, { timeout: 30_000, interval: 200 })
				.toBe(200);
			expect(await (await profiles()).json()).toEqual([{ bio: 'committed' }]);
			// Stopped on purpose: not reported as a process that died.
			expect(reasons).toEqual([]);
		} finally {
			await stack.stop();
		}
	}, 60_000);

	it('rebuilds a database made before the migrations were squashed, saying so and keeping the old one', async () => {
		let stack = await start();
		const client = new pg.Client(stack.dbUrl);
		await client.connect();
		await client.query(
			"insert into supabase_migrations.schema_migrations (version, name) values ('20261125000000', 'create_profiles')"
		);
		await client.query(
			"update public.profiles set bio = 'old' where display_name = 'Ada Fernhill'"
		);
		await client.end();
		await stack.stop();

		const lines: string[] = [];
		stack = await startLocalStack({
			dir,
			apiPort: 0,
			dbPort: 0,
			siteUrl: 'http://localhost',
			log: (source, line) => lines.push(`[${source}] ${line}`)
		});
		try {
			const rebuilt = new pg.Client(stack.dbUrl);
			await rebuilt.connect();
			const versions = await rebuilt.query(
				'select version from supabase_migrations.schema_migrations order by version'
			);
			const bio = await rebuilt.query(
				"select bio from public.profiles where display_name = 'Ada Fernhill'"
			);
			await rebuilt.end();
			const files = (await readdir(path.join(projectRoot, 'supabase', 'migrations'))).map(
				(name) => name.split('_')[0]
			);
			expect(versions.rows.map((row) => row.version)).toEqual(files.sort());
			expect(bio.rows).toEqual([{ bio: expect.not.stringMatching(/^old$/) }]);
			const said = lines.find((line) => line.includes('20261125000000'));
			expect(said).toMatch(
				/^\[stack\] The local database was built from migrations that no longer exist/
			);
			expect(said).toContain('Rebuilding it');
			const kept = said!.match(/kept at (\S+) /)![1];
			expect(existsSync(path.join(kept, 'PG_VERSION'))).toBe(true);
		} finally {
			await stack.stop();
		}
	});

	it('says which process died when one of its children stops unexpectedly', async () => {
		const reasons: string[] = [];
		const stack = await start({ onUnexpectedExit: (reason) => reasons.push(reason) });
		try {
			const state = JSON.parse(await readFile(path.join(dir, 'stack.json'), 'utf8'));
			const [, postgrestPid] = state.childPids as number[];
			process.kill(postgrestPid, 'SIGKILL');
			await expect.poll(() => reasons).toHaveLength(1);
			expect(reasons[0]).toMatch(/^PostgREST stopped unexpectedly \(SIGKILL\)/);
		} finally {
			await stack.stop();
		}
	});

	it('recovers after its owner was killed with SIGKILL, on the same ports', async () => {
		const apiPort = await freePort();
		const dbPort = await freePort();
		const owner = spawn(process.execPath, ['--import', 'tsx', 'scripts/stack.ts'], {
			cwd: projectRoot,
			env: {
				...process.env,
				LOCAL_STACK_DIR: dir,
				LOCAL_API_PORT: String(apiPort),
				LOCAL_DB_PORT: String(dbPort),
				LOCAL_SMTP_PORT: String(await freePort())
			},
			stdio: 'ignore'
		});
		const stateFile = path.join(dir, 'stack.json');
		while (!existsSync(stateFile)) await new Promise((resolve) => setTimeout(resolve, 50));
		const { childPids } = JSON.parse(await readFile(stateFile, 'utf8')) as { childPids: number[] };
		owner.kill('SIGKILL');
		await new Promise((resolve) => owner.once('exit', resolve));
		expect(childPids.filter(isAlive)).toHaveLength(2);

		const stack = await startLocalStack({
			dir,
			apiPort,
			dbPort,
			siteUrl: 'http://localhost',
			log: () => undefined
		});
		try {
			expect(childPids.filter(isAlive)).toEqual([]);
			const response = await fetch(`${stack.apiUrl}/rest/v1/profiles?select=id&limit=1`, {
				headers: { apikey: stack.anonKey }
			});
			expect(response.status).toBe(200);
		} finally {
			await stack.stop();
		}
	});
});
