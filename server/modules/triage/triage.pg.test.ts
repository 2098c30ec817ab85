import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser } from '../../test/factories.js';
import { reports } from '../../platform/db/schema-reports.js';
import { buildReport } from './triage.factories.js';

// Concurrent agents on one report, on the PostgreSQL server (several connections): the row lock and
// the version make exactly one of two simultaneous changes win; crossed merges never deadlock.
describe('triage under concurrency (PostgreSQL server)', () => {
  let t: TestApp;
  let first: TestClient;
  let second: TestClient;

  beforeAll(async () => {
    t = await buildTestApp();
    first = new TestClient(t.app);
    await first.login(t.database, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
    second = new TestClient(t.app);
    await second.login(t.database, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
  });
  afterAll(() => t.close());

  it('lets one of three simultaneous changes from the same version through; the others are told of the conflict', async () => {
    for (let round = 0; round < 10; round++) {
      const report = await buildReport(t.database, t.app.services.uploads);
      const other = await buildReport(t.database, t.app.services.uploads);
      const results = await Promise.all([
        first.post(`/api/triage/reports/${report.id}/status`, { status: 'en_cours', version: 1 }),
        second.post(`/api/triage/reports/${report.id}/status`, { status: 'en_cours', version: 1 }),
        second.post(`/api/triage/reports/${report.id}/merge`, { targetReceiptNumber: other.receiptNumber, version: 1 }),
      ]);
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
      expect(results.filter((r) => r.statusCode === 409).map((r) => r.json().error.code)).toEqual(['STALE_VERSION', 'STALE_VERSION']);
      const [row] = await t.database.db.select().from(reports).where(eq(reports.id, report.id));
      expect(row!.version).toBe(2);
      const changes = (await auditEntries(t.database)).filter((e) => e.entityId === report.id && ['reports.report.status_changed', 'reports.report.merged'].includes(e.action));
      expect(changes).toHaveLength(1);
    }
  });

  it('never deadlocks when two agents merge the same pair in opposite directions', async () => {
    for (let round = 0; round < 10; round++) {
      const a = await buildReport(t.database, t.app.services.uploads);
      const b = await buildReport(t.database, t.app.services.uploads);
      const [ab, ba] = await Promise.all([
        first.post(`/api/triage/reports/${a.id}/merge`, { targetReceiptNumber: b.receiptNumber, version: 1 }),
        second.post(`/api/triage/reports/${b.id}/merge`, { targetReceiptNumber: a.receiptNumber, version: 1 }),
      ]);
      expect([ab.statusCode, ba.statusCode].sort()).toEqual([200, 400]);
      const rows = await t.database.db.select().from(reports).where(inArray(reports.id, [a.id, b.id]));
      expect(rows.filter((r) => r.status === 'fusionne')).toHaveLength(1);
    }
  });
});
