import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import { dpcContradictoryInvitations, dpcSignalements } from '../../platform/db/schema-dpc-signalements.js';
import { insertSignalement } from './dpc-signalements.testing.js';

// Two agents on one signalement, and an organisation answering twice at once, on the PostgreSQL server
// (several connections): the row lock and the version let exactly one change through.
describe('the DPC workflow under concurrency (PostgreSQL server)', () => {
  let t: TestApp;
  let first: TestClient;
  let second: TestClient;

  beforeAll(async () => {
    t = await buildTestApp();
    first = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
    second = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: null }));
  });
  afterAll(() => t.close());

  it('lets one of two simultaneous changes from the same version through; the other is told of the conflict', async () => {
    for (let round = 0; round < 5; round++) {
      const s = await insertSignalement(t.database, { departement: '75', subjectKind: 'praticien' });
      const results = await Promise.all([
        first.post(`/api/dpc/signalements/${s.id}/decision`, { version: 1, outcomes: ['classement'], reason: 'Aucune dérive.' }),
        second.post(`/api/dpc/signalements/${s.id}/contradictory`, { version: 1, statement: 'Vos observations.', recipientEmail: 'orga@exemple.fr' }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const [row] = await t.database.db.select().from(dpcSignalements).where(eq(dpcSignalements.id, s.id));
      expect(row!.version).toBe(2);
      const changes = (await auditEntries(t.database)).filter((e) => e.entityId === s.id && ['dpc.signalement.decided', 'dpc.contradictory.invited'].includes(e.action));
      expect(changes).toHaveLength(1);
    }
  });

  it('takes one answer when the organisation sends two at once', async () => {
    const s = await insertSignalement(t.database, { departement: '75', subjectKind: 'praticien' });
    await first.post(`/api/dpc/signalements/${s.id}/contradictory`, { version: 1, statement: 'Vos observations.', recipientEmail: 'orga-concurrente@exemple.fr' });
    const mail = await t.catcher.waitFor((m) => m.to.includes('orga-concurrente@exemple.fr'));
    const token = /reponse#([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
    const a = new TestClient(t.app);
    const b = new TestClient(t.app);
    await a.refreshSession();
    await b.refreshSession();
    const results = await Promise.all([a.post(`/api/dpc/contradictory/${token}/answer`, { answer: 'Première.' }), b.post(`/api/dpc/contradictory/${token}/answer`, { answer: 'Seconde.' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [invitation] = await t.database.db.select().from(dpcContradictoryInvitations).where(eq(dpcContradictoryInvitations.signalementId, s.id));
    expect(['Première.', 'Seconde.']).toContain(invitation!.answer);
    expect((await auditEntries(t.database, 'dpc.contradictory.answered')).filter((e) => e.entityId === s.id)).toHaveLength(1);
  });
});
