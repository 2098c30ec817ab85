import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';

// On a PostgreSQL server the application role may append to the audit log but never rewrite it, even
// if the triggers were dropped.
describe('audit log privileges of the application role', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await t.database.raw.exec(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigie_app') THEN CREATE ROLE vigie_app NOLOGIN; END IF;
    END $$;`);
    await migrate(t.database);
  });
  afterAll(() => t.drop());

  it('grants INSERT and SELECT but not UPDATE, DELETE or TRUNCATE on audit_log', async () => {
    const { rows } = await t.database.raw.query<{ p: string; ok: boolean }>(
      `SELECT p, has_table_privilege('vigie_app', 'audit_log', p) AS ok FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE']) AS p`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.p, r.ok]))).toEqual({ SELECT: true, INSERT: true, UPDATE: false, DELETE: false, TRUNCATE: false });
  });

  it('lets the role append an entry and refuses its UPDATE with a privilege error', async () => {
    await expect(
      t.database.rawTransaction(async (tx) => {
        await tx.exec('SET LOCAL ROLE vigie_app');
        await tx.query(`INSERT INTO audit_log (action, entity_type) VALUES ('admin.user.updated', 'user')`);
        await tx.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
      }),
    ).rejects.toThrow(/must be owner|permission denied/);
    await expect(
      t.database.rawTransaction(async (tx) => {
        await tx.exec('SET LOCAL ROLE vigie_app');
        await tx.query(`INSERT INTO audit_log (action, entity_type) VALUES ('admin.user.updated', 'user')`);
        await tx.query(`UPDATE audit_log SET reason = 'x'`);
      }),
    ).rejects.toThrow(/permission denied/);
  });
});
