import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, SYSTEM_CONTEXT } from './audit.js';
import { verifyAuditChain } from './verify.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { auditEntries } from '../../test/factories.js';

describe('audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    for (let i = 0; i < 5; i++) {
      await recordAudit(t.database.db, SYSTEM_CONTEXT, { action: 'admin.user.updated', entityType: 'user', entityId: `u${i}`, details: { i } });
    }
  });
  afterAll(() => t.close());

  it('chains each entry to the previous one and verifies', async () => {
    const rows = await auditEntries(t.database);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows[0]!.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditChain(t.database)).toEqual({ ok: true, checked: rows.length });
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself, even to the owner role', async () => {
    await expect(t.ownerDatabase.raw.query("UPDATE audit_log SET reason = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.ownerDatabase.raw.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.ownerDatabase.raw.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(t.database)).ok).toBe(true);
  });

  it('names the first edited entry, then the entry after a removed one', async () => {
    const rows = await auditEntries(t.database);
    const edited = rows[2]!;
    const removed = rows[3]!;
    // Only someone bypassing the triggers (a database owner) can do this; verification must catch it.
    await t.ownerDatabase.raw.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    await t.ownerDatabase.raw.query(`UPDATE audit_log SET details = '{"i": 99}' WHERE id = $1`, [edited.id]);
    expect((await verifyAuditChain(t.database)).firstBroken).toEqual({ id: edited.id, problem: 'hash_mismatch' });

    await t.ownerDatabase.raw.query(`UPDATE audit_log SET details = $2::jsonb WHERE id = $1`, [edited.id, JSON.stringify(edited.details)]);
    expect((await verifyAuditChain(t.database)).ok).toBe(true);

    await t.ownerDatabase.raw.query('DELETE FROM audit_log WHERE id = $1', [removed.id]);
    await t.ownerDatabase.raw.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
    expect((await verifyAuditChain(t.database)).firstBroken).toEqual({ id: rows[4]!.id, problem: 'link_mismatch' });
  });
});
