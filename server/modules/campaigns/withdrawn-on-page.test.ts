import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../analysis/analyze.js';
import type { Analysis } from '../../../analysis/analysis.types.js';
import type { TCampaignPage } from '../../../contracts/campaigns.schemas.js';
import { fraudIndicators } from '../../platform/db/schema.js';
import type { CampaignRow, ReportRow } from '../../platform/db/schema-reports.js';
import { auditEntries, buildUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import type { TestClient } from '../../test/test-client.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { addIndicators, buildCampaign, buildReport } from '../sharing/sharing.factories.js';
import { recountCampaigns } from './campaigns.repo.js';
import { backfillReportIndicators } from './indicator-backfill.service.js';
import { INDICATOR_EXTRACTION_VERSION } from './report-indicators.js';

// The campaign page lists the values the campaign published that the indicator backfill withdrew, so
// agents see what partners may have received and why it is gone (docs/campaigns.md « Published values
// are withdrawn, visibly »). The report below is what the old extraction stored for this SMS: the file
// reference read as a number, the link cut at its first backslash (see indicator-backfill.test.ts).
const SMS = 'ameli : remboursement de 149,90 € (dossier CP2025-88412). Validez sur https:\\\\ameli-rembourse.info\\valider?ref=CP2025-88412 ou appelez le 09 70 12 34 56.';
const REFERENCE_AS_PHONE = '+33202588412';
const LINK_CUT_AT_BACKSLASH = 'http://ameli-rembourse.info/';
const SCAMMER_PHONE = '+33970123456';

function oldAnalysis(): Analysis {
  const analysis = analyzeText({ kind: 'sms', text: SMS });
  return {
    ...analysis,
    indicators: {
      ...analysis.indicators,
      phones: [REFERENCE_AS_PHONE, SCAMMER_PHONE].map((e164) => ({ e164, category: 'fixe' as const, evidence: { start: 0, end: 1 } })),
      urls: [LINK_CUT_AT_BACKSLASH],
    },
  };
}

describe('the campaign page lists the published values the indicator backfill withdrew', () => {
  let t: TestApp;
  let national: TestClient;
  let agent75: TestClient;
  let agent69: TestClient;
  let campaign: CampaignRow;
  let sms: ReportRow;

  const pageOf = async (client: TestClient, id: string) => {
    const res = await client.get(`/api/campaigns/${id}`);
    expect(res.statusCode).toBe(200);
    return res.json() as TCampaignPage;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    national = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: null }));
    agent75 = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
    agent69 = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '69' }));

    campaign = await buildCampaign(t.database);
    sms = await buildReport(t.database, { campaignId: campaign.id, departement: '75', pastedText: SMS, callerNumber: '', sender: '', links: [], organisationName: '', analysis: oldAnalysis() });
    // A report of another département that never carried the wrong values: the campaign is shared.
    await buildReport(t.database, { campaignId: campaign.id, departement: '69', pastedText: 'Appelez le 09 70 12 34 56 pour votre remboursement.', callerNumber: '', sender: '', links: [], organisationName: '' });
    await addIndicators(t.database, sms.id, [
      { kind: 'phone', value: REFERENCE_AS_PHONE },
      { kind: 'phone', value: SCAMMER_PHONE },
      { kind: 'url', value: LINK_CUT_AT_BACKSLASH },
    ]);
    await recountCampaigns(t.database.db, [campaign.id]);
    // Qualified under the old rules: the reference read as a number and the cut link were published.
    for (const [kind, value] of [['phone', REFERENCE_AS_PHONE], ['phone', SCAMMER_PHONE], ['url', LINK_CUT_AT_BACKSLASH]] as const) {
      await t.database.db.insert(fraudIndicators).values({ kind, value, status: 'active', reportCount: 1, campaignId: campaign.id, expiresAt: new Date(Date.now() + 86_400_000) });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows no withdrawn value while every published value is still read', async () => {
    expect((await pageOf(national, campaign.id)).withdrawn).toEqual({ items: [], total: 0, otherDepartements: 0 });
  });

  it('lists each withdrawn value with its date and the system’s reason once the backfill ran', async () => {
    const before = Date.now();
    expect(await backfillReportIndicators(t.app.services)).toMatchObject({ valuesWithdrawn: 2 });
    const page = await pageOf(national, campaign.id);

    // Gone from the indicators, listed apart.
    expect(page.indicators.map((i) => i.value)).not.toContain(REFERENCE_AS_PHONE);
    expect(page.withdrawn.total).toBe(2);
    expect(page.withdrawn.otherDepartements).toBe(0);
    expect(page.withdrawn.items.map((w) => w.value).sort()).toEqual([LINK_CUT_AT_BACKSLASH, REFERENCE_AS_PHONE].sort());
    const reference = page.withdrawn.items.find((w) => w.value === REFERENCE_AS_PHONE)!;
    expect(reference).toMatchObject({ kind: 'phone', display: '02 02 58 84 12' });

    // Dated and explained by the audit entry written with the withdrawal.
    const entry = (await auditEntries(t.database, 'campaigns.indicator.withdrawn')).find((e) => (e.details as { value: string }).value === REFERENCE_AS_PHONE)!;
    expect(new Date(reference.withdrawnAt).getTime()).toBe(new Date(entry.occurredAt).getTime());
    expect(new Date(reference.withdrawnAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const day = new Date(reference.withdrawnAt).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' });
    expect(reference.reason).toBe(`Retrait automatique : plus lue dans les signalements relus le ${day} (règles d’extraction version ${INDICATOR_EXTRACTION_VERSION}).`);
    // The value still read stays a published indicator, not a withdrawn one.
    expect(page.withdrawn.items.map((w) => w.value)).not.toContain(SCAMMER_PHONE);
  });

  it('shows a départemental agent the values his département’s reports carried, and only counts the others', async () => {
    const page75 = await pageOf(agent75, campaign.id);
    expect(page75.withdrawn.items.map((w) => w.value).sort()).toEqual([LINK_CUT_AT_BACKSLASH, REFERENCE_AS_PHONE].sort());
    expect(page75.withdrawn.otherDepartements).toBe(0);

    const page69 = await pageOf(agent69, campaign.id);
    expect(page69.withdrawn).toEqual({ items: [], total: 0, otherDepartements: 2 });
    expect(JSON.stringify(page69)).not.toContain(REFERENCE_AS_PHONE);
  });

  it('refuses the values to an agent whose département has no report in the campaign', async () => {
    const agent13 = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '13' }));
    const res = await agent13.get(`/api/campaigns/${campaign.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(REFERENCE_AS_PHONE);
  });

  it('moves the withdrawn values with the campaign that absorbs this one', async () => {
    const absorbing = await buildCampaign(t.database);
    await buildReport(t.database, { campaignId: absorbing.id, departement: '75' });
    await recountCampaigns(t.database.db, [absorbing.id]);
    const merged = await national.post(`/api/campaigns/${absorbing.id}/merge`, { reference: campaign.reference });
    expect(merged.statusCode).toBe(200);
    const page = await pageOf(national, absorbing.id);
    expect(page.withdrawn.items.map((w) => w.value).sort()).toEqual([LINK_CUT_AT_BACKSLASH, REFERENCE_AS_PHONE].sort());
  });
});
