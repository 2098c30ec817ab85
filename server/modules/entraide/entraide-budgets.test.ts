import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraideBudgets } from '../../platform/db/schema-entraide.js';
import { auditEntries, expectAudited } from '../../test/factories.js';
import { buildEntraideCast, fileEntraideRequest } from './entraide.testing.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import type { TestClient } from '../../test/test-client.js';

const NAME = 'Kergoat-Duval';
// A revalued RSA (the setting, not the 2025 default): 700 € for one person.
const RSA_FLOOR = 70_000;

const household = { personsFrom14: 2, childrenUnder14: 1 };
const budgetOf = (incomeCents: number, recordedOn?: string) => ({
  lines: [
    { kind: 'revenu', label: 'Honoraires nets', monthlyCents: incomeCents },
    { kind: 'charge_fixe', label: 'Loyer du cabinet Kergoat', monthlyCents: 90_000 },
    { kind: 'dette', label: 'Prêt de la patientèle', monthlyCents: 60_000, remainingCents: 2_400_000 },
    { kind: 'dette', label: 'Découvert', monthlyCents: 10_000 },
  ],
  household,
  ...(recordedOn ? { recordedOn } : {}),
});

describe('entraide: the budget tool', () => {
  let t: TestApp;
  let doctor: TestClient;
  let cde: TestClient;
  let cde13: TestClient;
  let cne: TestClient;
  let formerCde: TestClient;
  let agent: TestClient;
  let admin: TestClient;

  const fileCase = () =>
    fileEntraideRequest(t, doctor, { natures: ['financiere'], urgency: 'normale', message: '', contact: { means: 'telephone', consent: true, phone: '06 00 00 00 02' } });

  beforeAll(async () => {
    t = await buildTestApp({ env: { ENTRAIDE_RSA_FLOOR_CENTS: String(RSA_FLOOR) } });
    ({ doctor, cde, cde13, cne, formerCde, agent, admin } = await buildEntraideCast(t, { birthName: NAME, firstNames: 'Yann' }));
  });
  afterAll(() => t.close());

  it('records snapshots and answers the history oldest first, each with its reste à vivre against the RSA setting', async () => {
    const id = await fileCase();
    // Typed in out of order: the history follows the day each budget describes.
    expect((await cde.post(`/api/entraide/cases/${id}/budgets`, budgetOf(400_000, '2026-03-01'))).statusCode).toBe(201);
    expect((await cde.post(`/api/entraide/cases/${id}/budgets`, budgetOf(300_000, '2026-01-01'))).statusCode).toBe(201);
    const last = await cde.post(`/api/entraide/cases/${id}/budgets`, budgetOf(350_000, '2026-02-01'));
    expect(last.statusCode).toBe(201);
    const history = last.json();
    expect(history.rsaFloorCents).toBe(RSA_FLOOR);
    expect(history.snapshots.map((s: { recordedOn: string }) => s.recordedOn)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    // 3 000 € − 900 € − 700 € = 1 400 € for 1 + 0,5 + 0,3 = 1,8 units: 777,78 € each, above 700 €.
    expect(history.snapshots[0].result).toEqual({
      incomeCents: 300_000,
      fixedChargesCents: 90_000,
      debtInstalmentsCents: 70_000,
      resteAVivreCents: 140_000,
      consumptionUnits: 1.8,
      perUnitCents: 77_778,
      outstandingDebtCents: 2_400_000,
      belowRsaFloor: false,
      debtRatio: 70_000 / 300_000,
    });
    expect(history.snapshots[0].budget).toEqual({ lines: budgetOf(300_000).lines, household });
    expect(history.snapshots[0].recordedByName).toEqual(expect.any(String));
    expect(history.snapshots.map((s: { result: { resteAVivreCents: number } }) => s.result.resteAVivreCents)).toEqual([140_000, 190_000, 240_000]);

    const read = await cde.get(`/api/entraide/cases/${id}/budgets`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(history);
    const readEntry = await expectAudited(t.database, 'entraide.case.read', id);
    expect(readEntry.details).toMatchObject({ section: 'budgets' });

    const recorded = await expectAudited(t.database, 'entraide.budget.recorded', id);
    expect(recorded.details).toEqual({ reference: expect.any(String), snapshotId: history.snapshots[1].id, recordedOn: '2026-02-01' });
    expect((await auditEntries(t.database, 'entraide.budget.recorded')).filter((r) => r.entityId === id)).toHaveLength(3);
  });

  it('flags a household whose reste à vivre per unit is under the RSA floor in force', async () => {
    const id = await fileCase();
    // 2 850 € − 1 600 € = 1 250 € / 1,8 = 694,44 €: above the 2025 default (646,52 €), under the 700 € setting.
    const res = await cde.post(`/api/entraide/cases/${id}/budgets`, budgetOf(285_000));
    expect(res.json().snapshots[0].result).toMatchObject({ perUnitCents: 69_444, belowRsaFloor: true });
  });

  it('seals the budget: the raw row holds no label and no amount list in clear', async () => {
    const id = await fileCase();
    await cde.post(`/api/entraide/cases/${id}/budgets`, budgetOf(310_000));
    const rows = await t.database.db.select().from(entraideBudgets).where(eq(entraideBudgets.caseId, id));
    expect(rows).toHaveLength(1);
    const raw = JSON.stringify(rows);
    for (const clear of ['Kergoat', 'Honoraires', 'Découvert', 'monthlyCents', '310000', 'personsFrom14']) expect(raw).not.toContain(clear);
  });

  it('refuses negative, fractional or absurd amounts, an empty budget and a future day, in French, writing nothing', async () => {
    const id = await fileCase();
    const good = budgetOf(300_000);
    const withLine = (line: Record<string, unknown>) => ({ ...good, lines: [{ ...good.lines[0], ...line }] });
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    for (const [body, path, message] of [
      [withLine({ monthlyCents: -100 }), 'lines.0.monthlyCents', 'Un montant ne peut pas être négatif.'],
      [withLine({ monthlyCents: 12.5 }), 'lines.0.monthlyCents', 'Montant en centimes entiers.'],
      [withLine({ monthlyCents: 1e11 }), 'lines.0.monthlyCents', 'Montant invraisemblable.'],
      [withLine({ kind: 'dette', remainingCents: -1 }), 'lines.0.remainingCents', 'Un montant ne peut pas être négatif.'],
      [withLine({ kind: 'loterie' }), 'lines.0.kind', 'Type de ligne inconnu.'],
      [withLine({ label: '  ' }), 'lines.0.label', 'Nommez la ligne.'],
      [{ ...good, lines: [] }, 'lines', 'Saisissez au moins une ligne.'],
      [{ ...good, household: { personsFrom14: 0, childrenUnder14: 2 } }, 'household.personsFrom14', 'Le foyer compte au moins une personne de 14 ans ou plus.'],
      [{ ...good, recordedOn: tomorrow }, 'recordedOn', "Un budget ne peut pas être daté dans l'avenir."],
    ] as const) {
      const res = await cde.post(`/api/entraide/cases/${id}/budgets`, body);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.details.fields, path).toContainEqual({ path, message });
    }
    expect(await t.database.db.select().from(entraideBudgets).where(eq(entraideBudgets.caseId, id))).toEqual([]);
  });

  it("opens a case's budgets to its CDE, and to the CNE once transmitted, under a current mandate only", async () => {
    const id = await fileCase();
    await cde.post(`/api/entraide/cases/${id}/budgets`, budgetOf(320_000));
    // Not transmitted: the CNE does not see it; another département's CDE never does.
    for (const client of [cne, cde13]) {
      expect((await client.get(`/api/entraide/cases/${id}/budgets`)).statusCode).toBe(404);
      expect((await client.post(`/api/entraide/cases/${id}/budgets`, budgetOf(1))).statusCode).toBe(404);
    }
    for (const client of [agent, admin, doctor, formerCde]) {
      const res = await client.get(`/api/entraide/cases/${id}/budgets`);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('Honoraires');
      expect((await client.post(`/api/entraide/cases/${id}/budgets`, budgetOf(1))).statusCode).toBe(403);
    }
    expect(await t.database.db.select().from(entraideBudgets).where(eq(entraideBudgets.caseId, id))).toHaveLength(1);

    expect((await cde.post(`/api/entraide/cases/${id}/escalation`, { identityConsent: false, reason: 'Dossier financier complexe, avis de la CNE.' })).statusCode).toBe(200);
    const byCne = await cne.post(`/api/entraide/cases/${id}/budgets`, budgetOf(330_000));
    expect(byCne.statusCode).toBe(201);
    expect(byCne.json().snapshots).toHaveLength(2);
    expect((await cde.get(`/api/entraide/cases/${id}/budgets`)).json().snapshots).toHaveLength(2);
  });

  it('refuses a budget on a closed case', async () => {
    const id = await fileCase();
    expect((await cde.post(`/api/entraide/cases/${id}/closure`, { text: 'Situation rétablie.' })).statusCode).toBe(200);
    const res = await cde.post(`/api/entraide/cases/${id}/budgets`, budgetOf(300_000));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('rouvrez-le');
    expect((await cde.get(`/api/entraide/cases/${id}/budgets`)).json()).toEqual({ rsaFloorCents: RSA_FLOOR, snapshots: [] });
  });
});
