import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate, SchemaNotCurrentError } from './migrate.js';
import type { Database } from './client.js';
import { startRuntime } from '../../runtime.js';
import { buildTestApp, testConfig, testUploadStoreEnv, TEST_SECRET, type TestApp } from '../../test/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { TestClient } from '../../test/test-client.js';
import { buildUser } from '../../test/factories.js';

// Production as docs/operations.md deploys it: the owner role (vigie_owner) migrates, the instances run
// as the application role (vigie_app), which may read and write rows but never change the schema.

const versions = listMigrations().map((m) => m.version);

async function objectsIn(owner: Database): Promise<{ tables: string[]; jobSchema: boolean }> {
  const tables = await owner.raw.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
  const schema = await owner.raw.query<{ present: boolean }>(`SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss') AS present`);
  return { tables: tables.rows.map((r) => r.name), jobSchema: schema.rows[0]!.present };
}

/** Runs `server/main.ts` as an operator would, returning its exit code and what it printed on stderr. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('an instance running as the application role on a database nobody migrated', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrated: false });
  });
  afterAll(() => t.drop());

  it('refuses to start, in French, naming db:migrate and the missing migrations, and creates nothing', async () => {
    const refused = await startRuntime(testConfig(testUploadStoreEnv()), { database: t.database }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(SchemaNotCurrentError);
    const message = (refused as Error).message;
    expect(message).toContain('n’est pas à jour');
    expect(message).toContain('npm run db:migrate');
    expect(message).toContain('MIGRATION_DATABASE_URL');
    for (const version of [versions[0]!, versions.at(-1)!]) expect(message).toContain(version);
    expect(message).not.toMatch(/permission denied/);
    expect(await objectsIn(t.owner)).toEqual({ tables: [], jobSchema: false });
  });

  it('exits with code 1 from `server/main.ts`, printing the same message', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'vigie-main-'));
    try {
      const { code, stderr } = await runMain({
        NODE_ENV: 'production',
        DATABASE_URL: t.url!,
        VIGIE_SECRET: TEST_SECRET,
        SMTP_URL: 'smtp://127.0.0.1:1',
        PUBLIC_URL: 'https://vigie.ordre.example',
        VIGIE_DATA_DIR: dataDir,
        INTAKE_SMTP_ENABLED: 'false',
        LOG_LEVEL: 'silent',
      });
      expect(code).toBe(1);
      expect(stderr).toContain('La base de données n’est pas à jour');
      expect(stderr).toContain('npm run db:migrate');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(await objectsIn(t.owner)).toEqual({ tables: [], jobSchema: false });
  });

  it('also refuses `migrate` run as the application role (a script), without creating anything', async () => {
    await expect(migrate(t.database)).rejects.toBeInstanceOf(SchemaNotCurrentError);
    expect(await objectsIn(t.owner)).toEqual({ tables: [], jobSchema: false });
  });
});

describe('an instance running as the application role after the owner migrated', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('connects as vigie_app, serves /readyz, records a login and sends a queued mail', async () => {
    const { rows } = await t.database.raw.query<{ role: string }>('SELECT current_user AS role');
    expect(rows[0]!.role).toBe('vigie_app');
    expect((await t.app.inject('/readyz')).statusCode).toBe(200);

    const doctor = await buildUser(t.database, t.keys, { totp: false });
    const client = new TestClient(t.app);
    await client.login(t.database, doctor);
    expect((await client.get('/api/account')).json().id).toBe(doctor.user.id);
    const audited = await t.database.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actor_id = $1`, [doctor.user.id]);
    expect(audited.rows[0]!.n).toBeGreaterThan(0);

    // The mail goes through pg-boss, which the application role runs without any DDL right.
    expect((await client.post('/api/auth/password-reset/request', { email: doctor.user.email })).statusCode).toBe(202);
    await t.catcher.waitFor((m) => m.to.includes(doctor.user.email));
  });

  it('may not create a table, in public or in pgboss, nor rewrite the audit log', async () => {
    await expect(t.database.raw.exec('CREATE TABLE intruder (id int)')).rejects.toThrow(/permission denied for schema public/);
    await expect(t.database.raw.exec('CREATE TABLE pgboss.intruder (id int)')).rejects.toThrow(/permission denied for schema pgboss/);
    await expect(t.database.raw.exec(`UPDATE audit_log SET reason = 'réécrit'`)).rejects.toThrow(/permission denied for table audit_log/);
    await expect(t.database.raw.exec('DELETE FROM audit_log')).rejects.toThrow(/permission denied for table audit_log/);
    await expect(t.database.raw.exec('TRUNCATE audit_log')).rejects.toThrow(/permission denied for table audit_log/);
  });

  it('refreshes the statistics of alert deliveries through the owner\'s function, not by ANALYZE itself', async () => {
    // pg_class.reltuples is -1 until a table is first analysed.
    const reltuples = async () =>
      (await t.database.raw.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'alert_deliveries'`)).rows[0]!.n;
    // PostgreSQL 15 answers ANALYZE by a non-owner with a warning and analyses nothing.
    await t.database.raw.query('ANALYZE alert_deliveries');
    expect(await reltuples()).toBe(-1);
    await t.database.raw.query('SELECT analyze_alert_deliveries()');
    expect(await reltuples()).toBe(0);
  });
});

describe('a start with MIGRATION_DATABASE_URL', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrated: false });
  });
  afterAll(() => t.drop());

  it('migrates as the owner, then runs as the application role', async () => {
    const runtime = await startRuntime(testConfig({ MIGRATION_DATABASE_URL: t.ownerUrl!, ...testUploadStoreEnv() }), { database: t.database });
    try {
      expect((await runtime.app.inject('/readyz')).statusCode).toBe(200);
      const applied = await t.database.raw.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(applied.rows.map((r) => r.version)).toEqual(versions);
      const owners = await t.owner.raw.query<{ owner: string }>(
        `SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname IN ('public', 'pgboss')`,
      );
      expect(owners.rows.map((r) => r.owner)).toEqual(['vigie_owner']);
    } finally {
      await runtime.close();
    }
  });

  it('refuses, in French, a database migrated by a newer Vigie', async () => {
    await t.owner.raw.query(`INSERT INTO schema_migrations (version) VALUES ('9999_from_a_newer_vigie')`);
    for (const env of [{}, { MIGRATION_DATABASE_URL: t.ownerUrl! }] as Record<string, string>[]) {
      const refused = await startRuntime(testConfig({ ...env, ...testUploadStoreEnv() }), { database: t.database }).then(
        () => null,
        (err: unknown) => err,
      );
      expect(refused).toBeInstanceOf(SchemaNotCurrentError);
      expect((refused as Error).message).toContain('version plus récente de Vigie');
      expect((refused as Error).message).toContain('9999_from_a_newer_vigie');
    }
    await t.owner.raw.query(`DELETE FROM schema_migrations WHERE version = '9999_from_a_newer_vigie'`);
  });
});

describe('a migration added later', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('is refused at start until the owner applies it, then its table is granted to the application role', async () => {
    const later = [...listMigrations(), { version: '9998_later_feature', sql: 'CREATE TABLE later_things (id int PRIMARY KEY)' }];
    await expect(migrate(t.database, later)).rejects.toThrow(/9998_later_feature/);
    expect(await migrate(t.owner, later)).toEqual(['9998_later_feature']);
    await t.database.raw.query('INSERT INTO later_things (id) VALUES (1)');
    expect((await t.database.raw.query('SELECT id FROM later_things')).rows).toEqual([{ id: 1 }]);
    const { rows } = await t.database.raw.query<{ p: string; ok: boolean }>(
      `SELECT p, has_table_privilege('vigie_app', 'audit_log', p) AS ok FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE']) AS p`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.p, r.ok]))).toEqual({ SELECT: true, INSERT: true, UPDATE: false, DELETE: false, TRUNCATE: false });
  });
});
