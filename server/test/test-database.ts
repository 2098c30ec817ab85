import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { openDatabase, type Database } from '../platform/db/client.js';
import { migrate } from '../platform/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by server/test/global-setup.ts: the migrated database every test database is cloned from. */
    vigieTestTemplate: TestTemplate | undefined;
  }
}

/**
 * What a test run migrates once (server/test/global-setup.ts): a PGlite dataDir tarball written to a
 * file, or a template database on the PostgreSQL server, owned by vigie_owner and left connectionless.
 */
export type TestTemplate = { kind: 'pglite'; tarball: string } | { kind: 'pg'; database: string };

export const usePostgresServer = process.env.VIGIE_TEST_DB === 'pg';
const ADMIN_URL = process.env.VIGIE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The two roles of docs/operations.md: the schema's owner (migrations) and the application's. */
export const OWNER_ROLE = 'vigie_owner';
export const APP_ROLE = 'vigie_app';

export interface TestDatabase {
  /** What the application uses: the application role (vigie_app) on the PostgreSQL server. */
  database: Database;
  /**
   * The owner role's connection (vigie_owner), for tests that need DDL or to bypass the application's
   * rights (tampering with the audit log). On PGlite, the same database as `database`.
   */
  owner: Database;
  /** Connection URL of the application role (PostgreSQL server only). */
  url: string | null;
  /** Connection URL of the owner role (PostgreSQL server only). */
  ownerUrl: string | null;
  drop(): Promise<void>;
}

/** The URL of database `name` on the test server, as `role` (the admin's own role when omitted). */
export function databaseUrlFor(name: string, role?: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  // The test server trusts local connections: the roles have no password.
  if (role) {
    url.username = role;
    url.password = '';
  }
  return url.toString();
}

// Roles are cluster-wide and test files run in parallel: two may create the same role at once.
async function ensureRole(admin: pg.Client, role: string): Promise<void> {
  const { rows } = await admin.query<{ rolcanlogin: boolean }>('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [role]);
  if (rows[0]?.rolcanlogin) return;
  try {
    await admin.query(rows.length ? `ALTER ROLE ${role} LOGIN` : `CREATE ROLE ${role} LOGIN`);
  } catch (err) {
    // 42710 duplicate_object, 23505 unique_violation on pg_authid, XX000 "tuple concurrently updated".
    if (!['42710', '23505', 'XX000'].includes((err as { code?: string }).code ?? '')) throw err;
  }
}

async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

// As docs/operations.md creates a database: owned by vigie_owner, and only the two roles may connect.
// The database's ACL is not copied from a template, so a clone is granted here too.
async function createDatabase(admin: pg.Client, name: string, template?: string): Promise<void> {
  await ensureRole(admin, OWNER_ROLE);
  await ensureRole(admin, APP_ROLE);
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''} OWNER ${OWNER_ROLE}`);
  await admin.query(`REVOKE ALL ON DATABASE ${name} FROM PUBLIC`);
  await admin.query(`GRANT CONNECT ON DATABASE ${name} TO ${APP_ROLE}`);
}

/**
 * Migrates the one database a test run clones every test database from (see createTestDatabase): on
 * PGlite, a dataDir tarball written under a temporary folder; on the PostgreSQL server, a template
 * database migrated as vigie_owner, then closed to connections so concurrent clones never meet one.
 */
export async function createTestTemplate(): Promise<TestTemplate> {
  if (!usePostgresServer) {
    // The Database wrapper hides PGlite's client: migrate on disk, then reopen the folder to dump it.
    const dir = mkdtempSync(path.join(tmpdir(), 'vigie-test-template-'));
    const migrated = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pg') });
    await migrate(migrated);
    await migrated.close();
    const client = new PGlite(path.join(dir, 'pg'), { extensions: { pg_trgm } });
    await client.waitReady;
    const tarball = await client.dumpDataDir('none');
    await client.close();
    rmSync(path.join(dir, 'pg'), { recursive: true, force: true });
    const file = path.join(dir, 'migrated.tar');
    writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
    return { kind: 'pglite', tarball: file };
  }
  const name = `vigie_tpl_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin((admin) => createDatabase(admin, name));
  const owner = await openDatabase({ kind: 'pg', url: databaseUrlFor(name, OWNER_ROLE), poolSize: 1 });
  try {
    await migrate(owner);
  } finally {
    await owner.close();
  }
  await withAdmin((admin) => admin.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`));
  return { kind: 'pg', database: name };
}

/** Removes what createTestTemplate made (globalTeardown). */
export async function dropTestTemplate(template: TestTemplate): Promise<void> {
  if (template.kind === 'pglite') {
    rmSync(path.dirname(template.tarball), { recursive: true, force: true });
    return;
  }
  await withAdmin(async (admin) => {
    await admin.query(`ALTER DATABASE ${template.database} WITH IS_TEMPLATE false`);
    await admin.query(`DROP DATABASE IF EXISTS ${template.database} WITH (FORCE)`);
  });
}

// The run's template, when vitest's global setup made one; outside it (a bench script, the e2e project)
// every database is migrated as it was before templates.
async function runTemplate(): Promise<TestTemplate | undefined> {
  if (!process.env.VITEST) return undefined;
  const { inject } = await import('vitest');
  return inject('vigieTestTemplate');
}

// Read once per worker; a Blob is immutable, so every PGlite of the worker loads the same one.
let snapshot: { file: string; blob: Blob } | null = null;
function snapshotBlob(file: string): Blob {
  if (snapshot?.file !== file) snapshot = { file, blob: new Blob([readFileSync(file)]) };
  return snapshot.blob;
}

// Concurrent clones of one template are allowed; one fails only while a session is connected to the
// template (55006), which a stray connection could be: retry a few times before giving up.
async function cloneDatabase(name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdmin((admin) => createDatabase(admin, name, template));
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || attempt >= 5) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/**
 * A fresh database per test file, opened from the migrated template of the run rather than migrated
 * again (migrating took most of a server test file's setup): in-memory PGlite loaded from the
 * template's dataDir tarball, or on the PostgreSQL server a database cloned from the template database
 * (CREATE DATABASE … TEMPLATE), owned by vigie_owner and opened as vigie_app, as docs/operations.md
 * deploys it. The runtime's own migration at start then finds nothing to apply. With `migrated: false`,
 * or without a template (outside the server project), an empty database: migrated by the runtime on
 * PGlite, as vigie_owner on the server unless `migrated: false` — as an operator would with
 * `npm run db:migrate`.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const template = options.migrated === false ? undefined : await runTemplate();
  if (!usePostgresServer) {
    const loadDataDir = template?.kind === 'pglite' ? snapshotBlob(template.tarball) : undefined;
    const database = await openDatabase({ kind: 'pglite', dataDir: null, loadDataDir });
    return { database, owner: database, url: null, ownerUrl: null, drop: () => database.close() };
  }
  const name = `vigie_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  if (template?.kind === 'pg') await cloneDatabase(name, template.database);
  else await withAdmin((admin) => createDatabase(admin, name));
  const ownerUrl = databaseUrlFor(name, OWNER_ROLE);
  const url = databaseUrlFor(name, APP_ROLE);
  const owner = await openDatabase({ kind: 'pg', url: ownerUrl, poolSize: 3 });
  if (options.migrated !== false && !template) await migrate(owner);
  const database = await openDatabase({ kind: 'pg', url, poolSize: 10 });
  return {
    database,
    owner,
    url,
    ownerUrl,
    async drop() {
      await database.close();
      await owner.close();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
