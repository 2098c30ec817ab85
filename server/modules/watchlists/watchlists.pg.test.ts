import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { auditEntries, buildUser } from '../../test/factories.js';
import { watchlists } from '../../platform/db/schema-reports.js';
import { addIndicators, buildReport } from '../sharing/sharing.factories.js';
import { notifyWatchers } from './watchlist-match.service.js';

// Two instances notify the same report at the same moment (a regrouped report enqueued twice): the
// per-report lock and the audit entries let each agent be told once.
describe('watchlist notifications under concurrency (PostgreSQL server)', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await buildTestApp();
    second = await buildTestApp({ shared: first });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('tells each matching agent once when several workers handle the same report', async () => {
    const agents = await Promise.all([1, 2, 3].map(() => buildUser(first.database, first.keys, { role: 'agent', departement: '75' })));
    for (const agent of agents) await first.database.db.insert(watchlists).values({ userId: agent.user.id, kind: 'phone', value: '+33698765432' });
    const report = await buildReport(first.database, { departement: '75' });
    await addIndicators(first.database, report.id, [{ kind: 'phone', value: '+33698765432' }]);

    const runs = await Promise.all([first, second, first, second].map((t) => notifyWatchers(t.app.services, report.id)));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(3);
    const notified = (await auditEntries(first.database, 'watchlists.match.notified')).filter((e) => e.entityId === report.id);
    expect(notified.map((e) => (e.details as { userId: string }).userId).sort()).toEqual(agents.map((a) => a.user.id).sort());
    for (const agent of agents) await first.catcher.waitFor((m) => m.to.includes(agent.user.email) && m.subject.includes(report.receiptNumber));
    // Every mail job has run by now or is queued: count once they all arrived.
    const count = (email: string) => first.catcher.messages.filter((m) => m.to.includes(email) && m.subject.includes(report.receiptNumber)).length;
    expect(agents.map((a) => count(a.user.email))).toEqual([1, 1, 1]);
  });
});
