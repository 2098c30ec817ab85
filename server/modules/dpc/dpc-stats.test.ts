import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDpcStats } from '../../../contracts/dpc-exchanges.schemas.js';
import { buildUser, expectAudited } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { decide } from './dpc-exchanges.testing.js';
import { DRIFT_FACTS, insertSignalement, REPORTER } from './dpc-signalements.testing.js';

// The national statistics: exact figures on a seeded set, the period, who may read them, and that they
// carry no identity, reference or facts.

const PLAIN_FACTS = 'La formation annoncée sur la prise en charge du diabète a duré deux heures au lieu de deux jours.';

describe('DPC statistics', () => {
  let t: TestApp;
  let agent: TestClient;
  let doctor: TestClient;
  let agentId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const agentUser = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    agentId = agentUser.user.id;
    agent = await loggedIn(t, agentUser);
    doctor = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'medecin' }));
    const db = t.database;
    const jan = new Date('2026-01-15T10:00:00Z');
    const feb = new Date('2026-02-10T10:00:00Z');
    const mar = new Date('2026-03-20T10:00:00Z');
    // 1: Paris, drift, January, sent to both partners.
    const a = await insertSignalement(db, { departement: '75', kind: 'derive_therapeutique', reporterKind: 'participant', createdAt: jan });
    await decide(db, a.id, ['transmission_andpc', 'transmission_miviludes']);
    // 2: Hauts-de-Seine (also Île-de-France), sectarian drift, February, sent to the MIVILUDES and the chamber.
    const b = await insertSignalement(db, { departement: '92', kind: 'derive_sectaire', reporterKind: 'proche', createdAt: feb });
    await decide(db, b.id, ['transmission_miviludes', 'saisine_chambre']);
    // 3: Bouches-du-Rhône, no marker, not about health, February, classed.
    const c = await insertSignalement(db, { departement: '13', kind: 'formation_sans_contenu_scientifique', reporterKind: 'professionnel', facts: PLAIN_FACTS, concernsHealth: false, createdAt: feb });
    await decide(db, c.id, ['classement']);
    // 4: Corse-du-Sud, undecided, March.
    await insertSignalement(db, { departement: '2A', kind: 'situation_a_risque', reporterKind: 'agent', status: 'nouveau', createdAt: mar });
    // 5: no département, no marker, not about health, undecided, March.
    await insertSignalement(db, { departement: null, kind: 'derive_therapeutique', reporterKind: 'participant', facts: PLAIN_FACTS, concernsHealth: false, createdAt: mar });
  });
  afterAll(() => t.close());


  it('counts every breakdown exactly, with the health share', async () => {
    const res = await agent.get('/api/dpc/stats');
    expect(res.statusCode, res.body).toBe(200);
    const stats: TDpcStats = res.json();
    expect(stats).toMatchObject({ from: null, to: null, total: 5, healthShare: { concerning: 3, total: 5, percent: 60 } });
    expect(stats.byKind).toEqual([
      { kind: 'situation_a_risque', label: 'Situation à risque', count: 1 },
      { kind: 'formation_sans_contenu_scientifique', label: 'Formation sans contenu scientifique', count: 1 },
      { kind: 'derive_therapeutique', label: 'Dérive thérapeutique', count: 2 },
      { kind: 'derive_sectaire', label: 'Dérive sectaire', count: 1 },
    ]);
    expect(stats.byRegion).toEqual([
      { region: 'corse', label: 'Corse', count: 1 },
      { region: 'ile_de_france', label: 'Île-de-France', count: 2 },
      { region: 'provence_alpes_cote_d_azur', label: 'Provence-Alpes-Côte d’Azur', count: 1 },
      { region: null, label: 'Non précisée', count: 1 },
    ]);
    expect(stats.byOutcome).toEqual([
      { outcome: 'classement', label: 'Classement sans suite', count: 1 },
      { outcome: 'transmission_andpc', label: 'Transmission à l’ANDPC', count: 1 },
      { outcome: 'transmission_miviludes', label: 'Transmission à la MIVILUDES', count: 2 },
      { outcome: 'saisine_chambre', label: 'Saisine de la chambre disciplinaire', count: 1 },
      { outcome: 'en_cours', label: 'En cours', count: 2 },
    ]);
    expect(stats.byReporterKind.find((r) => r.reporterKind === 'participant')?.count).toBe(2);
    expect(stats.byReporterKind.find((r) => r.reporterKind === 'relecteur')?.count).toBe(0);
    expect(stats.byMonth).toEqual([
      { month: '2026-01', count: 1 },
      { month: '2026-02', count: 2 },
      { month: '2026-03', count: 2 },
    ]);
    // DRIFT_FACTS names the healing promise and the stop of treatment: three signalements carry them.
    expect(stats.byPractice.at(-1)).toEqual({ family: null, label: 'Aucun marqueur', count: 2 });
    const marked = stats.byPractice.filter((r) => r.family !== null && r.count > 0);
    expect(marked.length).toBeGreaterThan(0);
    for (const row of marked) expect(row.count).toBe(3);
    expect(stats.byPractice.find((r) => r.family === 'guerison-miraculeuse')).toMatchObject({ label: 'Promesse de guérir des maladies graves', count: 3 });

    for (const secret of [REPORTER.fullName, REPORTER.email, DRIFT_FACTS.slice(0, 30), PLAIN_FACTS.slice(0, 30), 'DPC-2026-']) expect(res.body).not.toContain(secret);
    const audit = await expectAudited(t.database, 'dpc.stats.read');
    expect(audit.actorId).toBe(agentId);
    expect(audit.details).toEqual({ from: null, to: null });
  });

  it('keeps to the period, both days included (Paris days)', async () => {
    const stats = (await agent.get('/api/dpc/stats?from=2026-02-10&to=2026-03-19')).json();
    expect(stats).toMatchObject({ from: '2026-02-10', to: '2026-03-19', total: 2, healthShare: { concerning: 1, total: 2, percent: 50 } });
    expect(stats.byMonth).toEqual([{ month: '2026-02', count: 2 }]);
    expect(stats.byOutcome.find((r: { outcome: string }) => r.outcome === 'en_cours').count).toBe(0);
    const empty = (await agent.get('/api/dpc/stats?from=2025-01-01&to=2025-12-31')).json();
    expect(empty).toMatchObject({ total: 0, byRegion: [], byMonth: [], healthShare: { concerning: 0, total: 0, percent: 0 } });
    expect((await expectAudited(t.database, 'dpc.stats.read')).details).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it.each([
    ['from=2026-02-30', 'from'],
    ['to=2026-13-01', 'to'],
    ['from=hier', 'from'],
    ['from=2026-03-01&to=2026-02-01', 'to'],
    ['region=idf', 'region'],
  ])('refuses the period %s naming the field', async (query, field) => {
    const res = await agent.get(`/api/dpc/stats?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
  });

  it('is read by agents, expert reviewers and administrators, not by doctors nor anonymous callers', async () => {
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    expect((await anonymous.get('/api/dpc/stats')).statusCode).toBe(401);
    expect((await doctor.get('/api/dpc/stats')).statusCode).toBe(403);
    for (const role of ['relecteur_dpc', 'admin'] as const) {
      const client = await loggedIn(t, await buildUser(t.database, t.keys, { role, departement: null }));
      const res = await client.get('/api/dpc/stats');
      expect(res.statusCode, role).toBe(200);
      expect(res.json().total).toBe(5);
    }
  });
});
