import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, inArray } from 'drizzle-orm';
import { DRIFT_LEXICON_FINGERPRINT, DRIFT_LEXICON_VERSION } from '../../../analysis/dpc/index.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser, expectAudited } from '../../test/factories.js';
import { dpcActions, dpcActionScreenings, dpcRescreenings } from '../../platform/db/schema-dpc.js';
import { SYSTEM_CONTEXT } from '../../platform/audit/audit.js';
import { catalogueCsv, catalogueRow, DRIFT_PROGRAMME } from './dpc.testing.js';
import { rescreenCatalogue } from './index.js';
import { loggedIn } from '../../test/logged-in.js';

describe('DPC catalogue: rescreening after a lexicon change', () => {
  let t: TestApp;
  let admin: TestClient;
  let agent: TestClient;
  let adminId: string;
  const rows = {
    genuine: catalogueRow(),
    wasClean: catalogueRow({ title: 'Le sens caché des maladies', programme: DRIFT_PROGRAMME }),
    wasLow: catalogueRow({ title: 'Décoder le conflit', programme: DRIFT_PROGRAMME }),
    wasHigh: catalogueRow({ title: 'Guérir autrement', programme: DRIFT_PROGRAMME }),
  };
  const idOf = async (reference: string) => (await t.database.db.select({ id: dpcActions.id }).from(dpcActions).where(eq(dpcActions.reference, reference)))[0]!.id;

  /** Stands for screenings made by an older lexicon that saw less than the current one. */
  async function screenedByAnOlderLexicon(reference: string, priority: 'aucune' | 'basse' | 'haute', score: number) {
    await t.database.db
      .update(dpcActionScreenings)
      .set({ lexiconVersion: '0.9.0', lexiconFingerprint: 'dpc-derives@0.9.0#older', priority, score, findings: [] })
      .where(eq(dpcActionScreenings.actionId, await idOf(reference)));
  }

  beforeAll(async () => {
    t = await buildTestApp();
    const adminUser = await buildUser(t.database, t.keys, { role: 'admin', departement: null });
    adminId = adminUser.user.id;
    admin = await loggedIn(t, adminUser);
    agent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: null }));
    const imported = await admin.post('/api/dpc/imports', { format: 'csv', fileName: 'c.csv', contentBase64: catalogueCsv(Object.values(rows)) });
    expect(imported.statusCode, imported.body).toBe(200);
    await screenedByAnOlderLexicon(rows.genuine.reference, 'aucune', 0);
    await screenedByAnOlderLexicon(rows.wasClean.reference, 'aucune', 0);
    await screenedByAnOlderLexicon(rows.wasLow.reference, 'basse', 20);
    await screenedByAnOlderLexicon(rows.wasHigh.reference, 'haute', 95);
  });
  afterAll(() => t.close());

  it('refuses the rescreen to agents and anonymous callers, and to a script acting for an agent', async () => {
    expect((await agent.post('/api/dpc/rescreenings')).statusCode).toBe(403);
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    expect((await anonymous.post('/api/dpc/rescreenings')).statusCode).toBe(401);
    const agentActor = { userId: adminId, role: 'agent' as const, departement: null };
    await expect(rescreenCatalogue({ database: t.database }, SYSTEM_CONTEXT, agentActor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(Number((await t.database.db.select({ n: count() }).from(dpcRescreenings))[0]!.n)).toBe(0);
  });

  it('rescreens the stale actions, stores and lists those that newly match, and audits the run', async () => {
    const res = await admin.post('/api/dpc/rescreenings');
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json();
    expect(run).toMatchObject({ lexiconVersion: DRIFT_LEXICON_VERSION, rescreened: 4, newlyMatching: 2, upToDate: false });
    expect(run.finishedAt).not.toBeNull();

    const stored = await t.database.db.select().from(dpcActionScreenings);
    expect(stored.every((s) => s.lexiconFingerprint === DRIFT_LEXICON_FINGERPRINT)).toBe(true);

    const runs = await agent.get('/api/dpc/rescreenings');
    expect(runs.json().items.map((r: { id: string }) => r.id)).toEqual([run.id]);
    const matches = await agent.get(`/api/dpc/rescreenings/${run.id}/matches`);
    expect(matches.statusCode, matches.body).toBe(200);
    const listed = matches.json();
    expect(listed.total).toBe(2);
    const byReference = Object.fromEntries(listed.items.map((m: { action: { reference: string } }) => [m.action.reference, m]));
    expect(Object.keys(byReference).sort()).toEqual([rows.wasClean.reference, rows.wasLow.reference].sort());
    expect(byReference[rows.wasClean.reference]).toMatchObject({ previousPriority: 'aucune', previousScore: 0, action: { screening: { priority: 'haute' } } });
    expect(byReference[rows.wasLow.reference]).toMatchObject({ previousPriority: 'basse', previousScore: 20 });

    const audit = await expectAudited(t.database, 'dpc.catalogue.rescreened', run.id);
    expect(audit.actorId).toBe(adminId);
    expect(audit.details).toMatchObject({ lexiconVersion: DRIFT_LEXICON_VERSION, rescreened: 4, newlyMatching: 2 });
  });

  it('does nothing the second time: the catalogue is up to date, the last run is answered', async () => {
    const [before] = await t.database.db.select().from(dpcActionScreenings).where(inArray(dpcActionScreenings.actionId, [await idOf(rows.wasHigh.reference)]));
    const runs = await t.database.db.select().from(dpcRescreenings);
    const res = await admin.post('/api/dpc/rescreenings');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: runs[0]!.id, rescreened: 4, newlyMatching: 2, upToDate: true });
    const [after] = await t.database.db.select().from(dpcActionScreenings).where(eq(dpcActionScreenings.actionId, before!.actionId));
    expect(after!.screenedAt).toEqual(before!.screenedAt);
    expect(await t.database.db.select().from(dpcRescreenings)).toHaveLength(1);
    expect((await auditEntries(t.database, 'dpc.catalogue.rescreened')).at(-1)!.details).toMatchObject({ upToDate: true });
  });

  it('finishes a run a crash left unfinished rather than starting another', async () => {
    const [left] = await t.database.db
      .insert(dpcRescreenings)
      .values({ lexiconVersion: DRIFT_LEXICON_VERSION, lexiconFingerprint: DRIFT_LEXICON_FINGERPRINT, requestedBy: adminId })
      .returning();
    const res = await rescreenCatalogue({ database: t.database }, SYSTEM_CONTEXT, { userId: adminId, role: 'admin', departement: null });
    expect(res).toMatchObject({ id: left!.id, rescreened: 0, newlyMatching: 0 });
    expect(res.finishedAt).not.toBeNull();
    await expectAudited(t.database, 'dpc.catalogue.rescreened', left!.id);
  });

  it('answers 404 for an unknown run and 400 for a malformed id', async () => {
    expect((await agent.get('/api/dpc/rescreenings/00000000-0000-4000-8000-000000000000/matches')).statusCode).toBe(404);
    const bad = await agent.get('/api/dpc/rescreenings/abc/matches');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['id']);
  });
});
