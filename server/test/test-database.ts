import pg from 'pg';
import { openDatabase, type Database } from '../platform/db/client.js';
import { migrate } from '../platform/db/migrate.js';

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

/**
 * A fresh database per test file: in-memory PGlite (migrated by the runtime), or a new database on the
 * PostgreSQL server owned by vigie_owner, migrated as vigie_owner (unless `migrated: false`) as an
 * operator would with `npm run db:migrate`, and opened as vigie_app, as docs/operations.md deploys it.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  if (!usePostgresServer) {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    return { database, owner: database, url: null, ownerUrl: null, drop: () => database.close() };
  }
  const name = `vigie_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await ensureRole(admin, OWNER_ROLE);
    await ensureRole(admin, APP_ROLE);
    // As docs/operations.md creates it: only the two roles may connect.
    await admin.query(`CREATE DATABASE ${name} OWNER ${OWNER_ROLE}`);
    await admin.query(`REVOKE ALL ON DATABASE ${name} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT ON DATABASE ${name} TO ${APP_ROLE}`);
  } finally {
    await admin.end();
  }
  const ownerUrl = databaseUrlFor(name, OWNER_ROLE);
  const url = databaseUrlFor(name, APP_ROLE);
  const owner = await openDatabase({ kind: 'pg', url: ownerUrl, poolSize: 3 });
  if (options.migrated !== false) await migrate(owner);
  const database = await openDatabase({ kind: 'pg', url, poolSize: 10 });
  return {
    database,
    owner,
    url,
    ownerUrl,
    async drop() {
      await database.close();
      await owner.close();
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
