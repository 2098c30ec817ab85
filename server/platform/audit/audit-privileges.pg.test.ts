import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';

// On a PostgreSQL server the application role may append to the audit log but never rewrite it, even
// if the triggers were dropped. The harness migrates as vigie_owner and connects as vigie_app, as
// docs/operations.md deploys it.
describe('audit log privileges of the application role', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('grants INSERT and SELECT but not UPDATE, DELETE or TRUNCATE on audit_log', async () => {
    const { rows } = await t.owner.raw.query<{ p: string; ok: boolean }>(
      `SELECT p, has_table_privilege('vigie_app', 'audit_log', p) AS ok FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE']) AS p`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.p, r.ok]))).toEqual({ SELECT: true, INSERT: true, UPDATE: false, DELETE: false, TRUNCATE: false });
  });

  it('lets the role append an entry and refuses to alter or rewrite the log', async () => {
    const count = async () => (await t.database.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n;
    const before = await count();
    await t.database.raw.query(`INSERT INTO audit_log (action, entity_type) VALUES ('admin.user.updated', 'user')`);
    expect(await count()).toBe(before + 1);
    await expect(t.database.raw.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`)).rejects.toThrow(/must be owner/);
    await expect(t.database.raw.query(`UPDATE audit_log SET reason = 'x'`)).rejects.toThrow(/permission denied for table audit_log/);
    await expect(t.database.raw.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied for table audit_log/);
  });
});
