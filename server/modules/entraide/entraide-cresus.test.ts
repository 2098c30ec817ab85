import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraideBudgets, entraideCaseEvents, entraideCresusActions, entraideCresusReferrals } from '../../platform/db/schema-entraide.js';
import { parisDay } from '../../platform/time/paris-day.js';
import { auditEntries, expectAudited } from '../../test/factories.js';
import { buildEntraideCast, fileEntraideRequest, transmitToCne } from './entraide.testing.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import type { TestClient } from '../../test/test-client.js';

const NAME = 'Vasseur-Ongaro';
const PHONE = '06 12 34 56 78';
const EMAIL = 'l.vasseur-ongaro@exemple.fr';

describe('entraide: the referral to Crésus', () => {
  let t: TestApp;
  let doctor: TestClient;
  let cde: TestClient;
  let cde13: TestClient;
  let cne: TestClient;
  let formerCne: TestClient;
  let agent: TestClient;

  const fileCase = (contact: Record<string, unknown> = { means: 'telephone', consent: true, phone: PHONE, email: EMAIL }) =>
    fileEntraideRequest(t, doctor, { natures: ['financiere', 'professionnelle'], urgency: 'rapide', message: `Dr ${NAME}, dettes du cabinet.`, contact });
  const transmit = (id: string, identityConsent: boolean) => transmitToCne(cde, id, identityConsent);
  const refer = (id: string, body: Record<string, unknown> = { consent: true, sharePhone: true }) => cne.post(`/api/entraide/cases/${id}/cresus`, body);

  beforeAll(async () => {
    t = await buildTestApp();
    ({ doctor, cde, cde13, cne, formerCne, agent } = await buildEntraideCast(t, { birthName: NAME, firstNames: 'Lucie' }));
  });
  afterAll(() => t.close());

  it('hands Crésus, sealed, only the name, the contact details the person agreed to share, the natures and the latest reste à vivre', async () => {
    const id = await fileCase();
    const budget = { lines: [{ kind: 'revenu', label: 'Honoraires', monthlyCents: 300_000 }, { kind: 'dette', label: 'Prêt du cabinet', monthlyCents: 180_000, remainingCents: 5_000_000 }], household: { personsFrom14: 1, childrenUnder14: 0 } };
    expect((await cde.post(`/api/entraide/cases/${id}/budgets`, { ...budget, recordedOn: '2026-01-10' })).statusCode).toBe(201);
    // The latest snapshot is the one that describes the latest day, whenever it was typed in.
    expect((await cde.post(`/api/entraide/cases/${id}/budgets`, { ...budget, lines: [{ kind: 'revenu', label: 'Honoraires', monthlyCents: 250_000 }], recordedOn: '2026-03-01' })).statusCode).toBe(201);
    expect((await cde.post(`/api/entraide/cases/${id}/budgets`, { ...budget, recordedOn: '2026-02-01' })).statusCode).toBe(201);
    await transmit(id, true);

    const res = await refer(id, { consent: true, sharePhone: true, note: 'Le médecin attend un appel en fin de journée.' });
    expect(res.statusCode).toBe(201);
    const view = res.json();
    expect(view.status).toBe('orientee');
    // Exactly this, and no email although the person gave one: they agreed to share their phone only.
    expect(view.shared).toEqual({ firstName: 'Lucie', lastName: NAME, phone: PHONE, natures: ['financiere', 'professionnelle'], resteAVivreCents: 250_000 });
    expect(view.actions).toEqual([]);

    const entry = await expectAudited(t.database, 'entraide.cresus.referred', id);
    expect(entry.details).toEqual({ reference: expect.stringMatching(/^E-\d{4}-\d{3,}$/) });
    expect(JSON.stringify(entry)).not.toContain(NAME);

    // The journal says a referral was made and what was handed over, not the values.
    const detail = (await cde.get(`/api/entraide/cases/${id}`)).json();
    const journalEntry = detail.journal.find((e: { kind: string }) => e.kind === 'orientation_cresus');
    expect(journalEntry.text).toContain('Transmis : nom et prénom, téléphone, natures de la difficulté, reste à vivre.');
    expect(journalEntry.text).toContain('Le médecin attend un appel');
    expect(journalEntry.text).not.toContain(PHONE);

    // Both commissions read it; the read is audited like the case's detail.
    for (const client of [cde, cne]) {
      const got = await client.get(`/api/entraide/cases/${id}/cresus`);
      expect(got.statusCode).toBe(200);
      expect(got.json().referral).toEqual(view);
    }
    const reads = (await auditEntries(t.database, 'entraide.case.read')).filter((r) => r.entityId === id && (r.details as { section?: string }).section === 'cresus');
    expect(reads).toHaveLength(2);
  });

  it('stores the payload, the journal entry and the notes sealed: the raw rows hold no name, phone or email', async () => {
    const id = await fileCase();
    await transmit(id, true);
    expect((await refer(id, { consent: true, sharePhone: true, shareEmail: true, note: `Rappeler au ${PHONE}.` })).json().shared).toMatchObject({ phone: PHONE, email: EMAIL });
    expect((await cne.post(`/api/entraide/cases/${id}/cresus/actions`, { action: 'bilan', occurredOn: parisDay(), note: `Bilan avec Mme ${NAME}.` })).statusCode).toBe(200);
    const raw = JSON.stringify([
      await t.database.db.select().from(entraideCresusReferrals).where(eq(entraideCresusReferrals.caseId, id)),
      await t.database.db.select().from(entraideCresusActions),
      await t.database.db.select().from(entraideCaseEvents).where(eq(entraideCaseEvents.caseId, id)),
    ]);
    expect(raw).toContain('orientation_cresus');
    for (const secret of [NAME, 'Lucie', PHONE, EMAIL, 'Rappeler', 'Bilan avec']) expect(raw).not.toContain(secret);
  });

  it('is refused without the consent, in French, and writes nothing', async () => {
    const id = await fileCase();
    await transmit(id, true);
    for (const body of [{ consent: false }, {}, { consent: 'oui' }]) {
      const res = await refer(id, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields).toContainEqual({ path: 'consent', message: 'La personne doit avoir consenti à son orientation vers Crésus.' });
    }
    const noPhone = await fileCase({ means: 'courriel', consent: true });
    await transmit(noPhone, true);
    const nothingToShare = await refer(noPhone, { consent: true, sharePhone: true });
    expect(nothingToShare.statusCode).toBe(400);
    expect(nothingToShare.json().error.details.fields[0]).toMatchObject({ path: 'sharePhone', message: expect.stringContaining("pas donné de numéro") });
    expect(await t.database.db.select().from(entraideCresusReferrals).where(eq(entraideCresusReferrals.caseId, id))).toEqual([]);
    expect(await t.database.db.select().from(entraideCresusReferrals).where(eq(entraideCresusReferrals.caseId, noPhone))).toEqual([]);
  });

  it('is refused on a case not transmitted to the CNE, and to anyone but the CNE', async () => {
    const id = await fileCase();
    const notTransmitted = await refer(id);
    expect(notTransmitted.statusCode).toBe(404);
    expect(notTransmitted.json().error.message).toContain("n'a pas été transmis à la commission nationale");
    await transmit(id, true);
    // The CDE knows the person but does not prescribe (seed 002: « le CNOM fait la prescription »).
    for (const client of [cde, cde13, agent]) {
      const res = await client.post(`/api/entraide/cases/${id}/cresus`, { consent: true });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(NAME);
    }
    // Another département's CDE does not see the case at all.
    expect((await cde13.get(`/api/entraide/cases/${id}/cresus`)).statusCode).toBe(404);
    expect((await agent.get(`/api/entraide/cases/${id}/cresus`)).statusCode).toBe(403);
    expect(await t.database.db.select().from(entraideCresusReferrals).where(eq(entraideCresusReferrals.caseId, id))).toEqual([]);
  });

  it('is refused by name when the person did not let the CNE know their identity: the CDE must obtain that consent first', async () => {
    const id = await fileCase();
    await transmit(id, false);
    const res = await refer(id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain("La commission départementale doit d'abord recueillir ce consentement");
    expect(res.body).not.toContain(NAME);
    const denial = await expectAudited(t.database, 'authz.access.denied', id);
    expect(denial.details).toMatchObject({ permission: 'entraide:cresus_refer', rule: 'identite_non_partagee_cne' });
    expect(await t.database.db.select().from(entraideCresusReferrals).where(eq(entraideCresusReferrals.caseId, id))).toEqual([]);
    expect((await cne.get(`/api/entraide/cases/${id}/cresus`)).json()).toEqual({ referral: null });
  });

  it('refers a case once: a second referral is refused', async () => {
    const id = await fileCase();
    await transmit(id, true);
    expect((await refer(id)).statusCode).toBe(201);
    const again = await refer(id, { consent: true, shareEmail: true });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('déjà orienté vers Crésus');
    expect(await t.database.db.select().from(entraideCresusReferrals).where(eq(entraideCresusReferrals.caseId, id))).toHaveLength(1);
    expect((await auditEntries(t.database, 'entraide.cresus.referred')).filter((r) => r.entityId === id)).toHaveLength(1);
  });

  it('closes the referral and its follow-up to a CNE member whose mandate ended', async () => {
    const id = await fileCase();
    await transmit(id, true);
    for (const res of [
      await formerCne.post(`/api/entraide/cases/${id}/cresus`, { consent: true, sharePhone: true }),
      await formerCne.get(`/api/entraide/cases/${id}/cresus`),
      await formerCne.post(`/api/entraide/cases/${id}/cresus/actions`, { action: 'bilan', occurredOn: parisDay() }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(NAME);
      expect(res.body).not.toContain(PHONE);
    }
    expect(await t.database.db.select().from(entraideCresusReferrals).where(eq(entraideCresusReferrals.caseId, id))).toEqual([]);
  });

  it("tracks Crésus' actions in order, moving the status on, and refuses actions out of time or before any referral", async () => {
    const id = await fileCase();
    await transmit(id, true);
    const act = (body: Record<string, unknown>) => cne.post(`/api/entraide/cases/${id}/cresus/actions`, body);
    const before = await act({ action: 'bilan', occurredOn: parisDay() });
    expect(before.statusCode).toBe(409);
    expect(before.json().error.message).toContain("n'est pas orienté vers Crésus");
    await refer(id);

    const first = await act({ action: 'bilan', occurredOn: parisDay(), note: 'Bilan général : reste à vivre très faible.' });
    expect(first.statusCode).toBe(200);
    // Crésus has begun: the referral moves on by itself.
    expect(first.json()).toMatchObject({ status: 'en_accompagnement', actions: [{ action: 'bilan', note: 'Bilan général : reste à vivre très faible.', recordedByName: expect.any(String) }] });
    const entry = await expectAudited(t.database, 'entraide.cresus.action_recorded', id);
    expect(entry.details).toMatchObject({ action: 'bilan', status: 'en_accompagnement' });
    expect(JSON.stringify(entry.details)).not.toContain('reste à vivre très faible');

    const second = await act({ action: 'delai_grace', occurredOn: parisDay(), status: 'terminee' });
    expect(second.json().status).toBe('terminee');
    expect(second.json().actions.map((a: { action: string; note: string }) => [a.action, a.note])).toEqual([['bilan', 'Bilan général : reste à vivre très faible.'], ['delai_grace', '']]);

    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    for (const [body, path] of [
      [{ action: 'loterie', occurredOn: parisDay() }, 'action'],
      [{ action: 'bilan', occurredOn: tomorrow }, 'occurredOn'],
      [{ action: 'bilan', occurredOn: '2020-01-01' }, 'occurredOn'],
      [{ action: 'bilan', occurredOn: parisDay(), status: 'abandonnee' }, 'status'],
    ] as const) {
      const res = await act(body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    expect(await t.database.db.select().from(entraideCresusActions).innerJoin(entraideCresusReferrals, eq(entraideCresusReferrals.id, entraideCresusActions.referralId)).where(eq(entraideCresusReferrals.caseId, id))).toHaveLength(2);
    // Only the CNE records them.
    expect((await cde.post(`/api/entraide/cases/${id}/cresus/actions`, { action: 'bilan', occurredOn: parisDay() })).statusCode).toBe(403);
  });

  it('refers a case without any budget with a null reste à vivre, and shares no contact detail unless asked', async () => {
    const id = await fileCase();
    await transmit(id, true);
    const res = await refer(id, { consent: true });
    expect(res.json().shared).toEqual({ firstName: 'Lucie', lastName: NAME, natures: ['financiere', 'professionnelle'], resteAVivreCents: null });
    expect(await t.database.db.select().from(entraideBudgets).where(eq(entraideBudgets.caseId, id))).toEqual([]);
  });
});
