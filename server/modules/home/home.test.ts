import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { THomeWork, THomeWorkItem } from '../../../contracts/home.schemas.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { buildDoctor, buildUser, type TestUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import { doctors, changeRequests } from '../../platform/db/schema.js';
import { campaigns } from '../../platform/db/schema-reports.js';
import { alerts } from '../../platform/db/schema-alerts.js';
import { buildReport } from '../campaigns/campaigns.factories.js';

// The home page's « À traiter »: each count is the total of the list its link opens, for the same
// actor (checked by calling both), and each role gets only what its permissions open.

describe('GET /api/home/work', () => {
  let t: TestApp;
  let agent75: TestUser;
  let otherAgent75: TestUser;
  let clients: Record<'agent75' | 'national' | 'admin' | 'doctor' | 'cde', TestClient>;
  let doctorUser: TestUser;
  let doctorId: string;
  let seq = 0;

  const insertAlert = async (values: Partial<typeof alerts.$inferInsert> & { draftedBy: string }) => {
    seq += 1;
    const [row] = await t.database.db
      .insert(alerts)
      .values({ title: `Alerte ${seq}`, situation: 'Des SMS demandent de régulariser une certification.', whatToDo: 'Ignorez-les.', audienceScope: 'departements', audienceDepartements: ['75'], ...values })
      .returning();
    return row!;
  };
  const insertChange = async (status: typeof changeRequests.$inferInsert.status, departement: string, doctor?: string) => {
    seq += 1;
    const doctorId = doctor ?? (await buildDoctor(t.database, { departement })).id;
    await t.database.db.insert(changeRequests).values({ reference: `DM-TEST-${seq}`, doctorId, kind: 'contact_change', channel: 'guichet', status, departement, requested: { corrCity: 'Lyon' } });
  };
  const insertCampaign = async (status: 'ouverte' | 'qualifiee', departement: string) => {
    seq += 1;
    const [c] = await t.database.db.insert(campaigns).values({ reference: `CAMP-2026-${String(9000 + seq)}`, label: `Campagne ${seq}`, status, reportCount: 1, lastReportAt: new Date() }).returning();
    await buildReport(t.database, { departement, campaignId: c!.id, status: 'qualifie' });
  };

  beforeAll(async () => {
    t = await buildTestApp();
    agent75 = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    otherAgent75 = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    const national = await buildUser(t.database, t.keys, { role: 'agent', departement: null });
    const admin = await buildUser(t.database, t.keys, { role: 'admin', departement: null });
    doctorUser = await buildUser(t.database, t.keys, { role: 'medecin' });
    const cde = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '75' });

    // Reports: 75 has 2 new unassigned, 1 in progress assigned to agent75, 1 new assigned to the other
    // agent, 1 qualified unassigned (not open); 13 has 1 new; 1 new belongs to no département; the
    // doctor's own 5 new ones are in 69 (campaigns' reports are qualified: not counted as open).
    await buildReport(t.database, { departement: '75' });
    await buildReport(t.database, { departement: '75' });
    await buildReport(t.database, { departement: '75', status: 'en_cours', assignedTo: agent75.user.id });
    await buildReport(t.database, { departement: '75', assignedTo: otherAgent75.user.id });
    await buildReport(t.database, { departement: '75', status: 'qualifie' });
    await buildReport(t.database, { departement: '13' });
    await buildReport(t.database, { departement: null });

    await insertCampaign('ouverte', '75');
    await insertCampaign('ouverte', '13');
    await insertCampaign('qualifiee', '75');

    // Four eyes: one alert of 75 drafted by the other agent (agent75 may approve it), one drafted by
    // agent75 (they may not); one national alert (out of a departmental agent's scope).
    await insertAlert({ draftedBy: otherAgent75.user.id, status: 'a_approuver', submittedAt: new Date() });
    await insertAlert({ draftedBy: agent75.user.id, status: 'a_approuver', submittedAt: new Date() });
    await insertAlert({ draftedBy: otherAgent75.user.id, status: 'a_approuver', audienceScope: 'national', audienceDepartements: [] });
    await insertAlert({ draftedBy: agent75.user.id, status: 'brouillon', reviewComment: 'Le numéro cité est faux.' });
    await insertAlert({ draftedBy: agent75.user.id, status: 'brouillon' });
    await insertAlert({ draftedBy: otherAgent75.user.id, status: 'brouillon', reviewComment: 'À reprendre.' });

    await insertChange('attente_presence', '75');
    await insertChange('attente_presence', '13');
    await insertChange('en_revue', '75');
    await insertChange('appliquee', '75');

    const record = await buildDoctor(t.database, { userId: doctorUser.user.id });
    doctorId = record.id;
    await insertChange('attente_presence', '75', doctorId);
    for (let i = 0; i < 6; i++) await buildReport(t.database, { departement: '69', reporterUserId: doctorUser.user.id, status: i === 0 ? 'qualifie' : 'nouveau' });
    for (let i = 0; i < 4; i++) {
      await insertAlert({ draftedBy: otherAgent75.user.id, status: 'diffusee', audienceScope: 'national', audienceDepartements: [], approvedAt: new Date(Date.now() - (10 - i) * 60_000), visibleUntil: new Date(Date.now() + 86_400_000), title: `Alerte publique ${i}` });
    }

    clients = {
      agent75: await loggedIn(t, agent75),
      national: await loggedIn(t, national),
      admin: await loggedIn(t, admin),
      doctor: await loggedIn(t, doctorUser),
      cde: await loggedIn(t, cde),
    };
  });
  afterAll(() => t.close());

  const work = async (client: TestClient): Promise<THomeWork> => {
    const res = await client.get('/api/home/work');
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const countsOf = (home: THomeWork) => Object.fromEntries(home.items.map((i) => [i.key, i.count]));

  /** The total of the list a count links to, read through that list's own route by the same client. */
  async function listTotal(client: TestClient, userId: string, item: THomeWorkItem): Promise<number> {
    const url = new URL(item.to, 'http://vigie.test');
    const q = url.searchParams;
    const json = async (path: string) => {
      const res = await client.get(path);
      expect(res.statusCode, `${path} ${res.body}`).toBe(200);
      return res.json();
    };
    switch (url.pathname) {
      case '/signalements':
        return (await json(`/api/triage/reports?${q.toString()}`)).total;
      case '/campagnes':
        return (await json(`/api/campaigns?status=${q.get('statut')}`)).total;
      case '/indicateurs':
        return (await json('/api/indicators/held')).items.length;
      case '/tableau/demandes':
        return (await json(`/api/registry/change-requests?status=${q.get('statut')}`)).items.length;
      case '/alertes/gestion': {
        const items: { draftedBy: { id: string }; returned: boolean }[] = (await json(`/api/alerts?status=${q.get('statut')}`)).items;
        if (q.get('attente') === 'moi') return items.filter((a) => a.draftedBy.id !== userId).length;
        if (q.get('renvoyees') === 'moi') return items.filter((a) => a.draftedBy.id === userId && a.returned).length;
        throw new Error(`unexpected alert filter ${item.to}`);
      }
      default:
        throw new Error(`no list for ${item.to}`);
    }
  }

  const STAFF_KEYS = ['alerts_to_approve', 'alerts_returned', 'reports_new', 'reports_unassigned', 'reports_mine', 'campaigns_open', 'indicators_held', 'changes_in_person', 'changes_review'];

  it('refuses an anonymous caller', async () => {
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    expect((await anonymous.get('/api/home/work')).statusCode).toBe(401);
  });

  it('gives a departmental agent the counts of their département, each with its French label and link', async () => {
    const home = await work(clients.agent75);
    expect(home.doctor).toBeNull();
    expect(home.items.map((i) => i.key)).toEqual(STAFF_KEYS);
    expect(countsOf(home)).toEqual({
      alerts_to_approve: 1,
      alerts_returned: 1,
      reports_new: 3,
      reports_unassigned: 2,
      reports_mine: 1,
      campaigns_open: 1,
      indicators_held: 0,
      changes_in_person: 2,
      changes_review: 1,
    });
    const byKey = Object.fromEntries(home.items.map((i) => [i.key, i]));
    expect(byKey.reports_new).toMatchObject({ label: '3 nouveaux signalements', to: '/signalements?status=nouveau' });
    expect(byKey.alerts_to_approve).toMatchObject({ label: '1 alerte attend votre approbation', to: '/alertes/gestion?statut=a_approuver&attente=moi' });
    expect(byKey.alerts_returned!.label).toBe('1 alerte vous a été renvoyée');
    expect(byKey.indicators_held!.label).toBe('Aucun indicateur en attente de décision');
  });

  it('gives a national agent every département and the reports of none', async () => {
    const counts = countsOf(await work(clients.national));
    expect(counts).toMatchObject({ alerts_to_approve: 3, alerts_returned: 0, reports_new: 10, reports_unassigned: 9, reports_mine: 0, campaigns_open: 2, changes_in_person: 3, changes_review: 1 });
  });

  it('makes every count equal to the total of the list its link opens, for each staff role', async () => {
    const staff = [
      [clients.agent75, agent75.user.id],
      [clients.national, null],
      [clients.admin, null],
    ] as const;
    for (const [client, knownId] of staff) {
      const me = knownId ?? (await client.get('/api/session')).json().user.id;
      const home = await work(client);
      expect(home.items.length).toBeGreaterThan(0);
      for (const item of home.items) expect({ key: item.key, count: await listTotal(client, me, item) }).toEqual({ key: item.key, count: item.count });
    }
  });

  it('gives a commission member none of the fraud or register items, and a doctor none either', async () => {
    expect(await work(clients.cde)).toEqual({ items: [], doctor: null });
    expect((await work(clients.doctor)).items).toEqual([]);
  });

  it('gives a doctor their latest reports with status, the current alerts and their record’s state', async () => {
    const { doctor } = await work(clients.doctor);
    expect(doctor).not.toBeNull();
    expect(doctor!.reportsTotal).toBe(6);
    expect(doctor!.reports).toHaveLength(5);
    const mine = (await clients.doctor.get('/api/reports/mine')).json();
    expect(doctor!.reports.map((r) => r.receiptNumber)).toEqual(mine.items.slice(0, 5).map((r: { receiptNumber: string }) => r.receiptNumber));
    expect(doctor!.reports[0]).toMatchObject({ status: 'nouveau', statusLabel: 'Reçu, en attente de traitement' });
    expect(doctor!.alerts.total).toBe(4);
    expect(doctor!.alerts.latest.map((a) => a.title)).toEqual(['Alerte publique 3', 'Alerte publique 2', 'Alerte publique 1']);
    expect(doctor!.contact).toBe('en_attente_presence');
    // Nothing of another doctor's or of the council's work.
    expect(JSON.stringify(doctor)).not.toContain('Le numéro cité est faux.');
  });

  it('says a frozen record is frozen, and an applied change leaves it up to date', async () => {
    await t.database.db.update(changeRequests).set({ status: 'appliquee' }).where(eq(changeRequests.doctorId, doctorId));
    expect((await work(clients.doctor)).doctor!.contact).toBe('a_jour');
    await t.database.db.update(doctors).set({ frozenAt: new Date(), frozenReason: 'fraude' }).where(eq(doctors.id, doctorId));
    expect((await work(clients.doctor)).doctor!.contact).toBe('gelee');
  });

  it('tells a doctor without a register record so, instead of failing', async () => {
    const stranger = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'medecin' }));
    expect((await work(stranger)).doctor!.contact).toBe('sans_fiche');
  });
});
