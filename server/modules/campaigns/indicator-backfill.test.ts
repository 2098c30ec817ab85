import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../analysis/analyze.js';
import type { Analysis } from '../../../analysis/analysis.types.js';
import { fraudIndicators } from '../../platform/db/schema.js';
import { indicatorBackfillRuns } from '../../platform/db/schema-campaigns.js';
import { indicators, type CampaignRow, type ReportRow } from '../../platform/db/schema-reports.js';
import { rows } from '../../platform/db/rows.js';
import { INDICATOR_BACKFILL_QUEUE } from '../../platform/jobs/queues.js';
import { auditEntries, buildUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import type { TestClient } from '../../test/test-client.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { addIndicators, buildCampaign, buildReport } from '../sharing/sharing.factories.js';
import { recountCampaigns } from './campaigns.repo.js';
import { backfillReportIndicators, enqueueBackfillOnce, WITHDRAWAL_REASON } from './indicator-backfill.service.js';
import { currentReportIndicators, INDICATOR_EXTRACTION_VERSION } from './report-indicators.js';

// Issue 14 on existing data: reports filed before commit 9edcef4 keep what the old rules read. Their rows
// below are exactly what the old extraction gave for these texts (run on the code before that commit).
const SMS = 'ameli : remboursement de 149,90 € (dossier CP2025-88412). Validez sur https:\\\\ameli-rembourse.info\\valider?ref=CP2025-88412 ou appelez le 09 70 12 34 56.';
const EMAIL = 'De : support@andpc-gouv.fr.\nObjet : Relance\n\nBonjour, votre dossier DPC 2026-44871 est incomplet. Voir (https://andpc-gouv.fr/connexion). Rappel au 01 84 80 12 34.';
const REFERENCE_AS_PHONE = '+33202588412';
const DOSSIER_AS_PHONE = '+33202644871';
const SENDER_WITH_DOT = 'support@andpc-gouv.fr.';
const LINK_CUT_AT_BACKSLASH = 'http://ameli-rembourse.info/';
const SCAMMER_PHONE = '+33970123456';
const CLEAN_LINK = 'https://ameli-rembourse.info/valider?ref=CP2025-88412';
const OLD_SMS_ROWS = [
  { kind: 'phone', value: REFERENCE_AS_PHONE },
  { kind: 'phone', value: SCAMMER_PHONE },
  { kind: 'domain', value: 'ameli-rembourse.info' },
  { kind: 'url', value: LINK_CUT_AT_BACKSLASH },
] as const;
const OLD_EMAIL_ROWS = [
  { kind: 'phone', value: DOSSIER_AS_PHONE },
  { kind: 'phone', value: '+33184801234' },
  { kind: 'email', value: SENDER_WITH_DOT },
  { kind: 'email', value: 'support@andpc-gouv.fr' },
  { kind: 'domain', value: 'andpc-gouv.fr' },
  { kind: 'url', value: 'https://andpc-gouv.fr/connexion' },
] as const;
const WRONG_VALUES = [REFERENCE_AS_PHONE, DOSSIER_AS_PHONE, SENDER_WITH_DOT, LINK_CUT_AT_BACKSLASH];

/** The engine's stored analysis as the old rules wrote it: today's reading with the old indicators. */
function oldAnalysis(kind: 'sms' | 'email', text: string, phones: readonly string[], urls: readonly string[], addresses: readonly string[]): Analysis {
  const analysis = analyzeText({ kind, text });
  return {
    ...analysis,
    indicators: {
      ...analysis.indicators,
      phones: phones.map((e164) => ({ e164, category: 'fixe' as const, evidence: { start: 0, end: 1 } })),
      urls,
      emailAddresses: addresses.map((address) => ({ address, role: 'text' as const })),
    },
  };
}

function sourceOf(r: ReportRow) {
  return {
    channel: r.channel,
    callerNumber: r.callerNumber,
    sender: r.sender,
    links: r.links,
    organisationName: r.organisationName,
    pastedText: r.pastedText,
    description: r.description,
    analysis: r.analysis,
    reporterAddresses: [r.reporterEmail].filter((a): a is string => !!a),
  };
}

describe('reading old reports’ indicators again with today’s extraction (issue 14)', () => {
  let t: TestApp;
  let national: TestClient;
  let campaign: CampaignRow;
  let sms: ReportRow;
  let email: ReportRow;
  let clean: ReportRow;
  let agentId: string;

  const rowsOf = async (reportId: string) =>
    (await rows<{ kind: string; value: string }>(t.database.db, sql`SELECT kind, value FROM report_indicators WHERE report_id = ${reportId} ORDER BY kind, value`)).map((r) => `${r.kind}:${r.value}`);
  const todayOf = (r: ReportRow) => currentReportIndicators(sourceOf(r)).map((i) => `${i.kind}:${i.value}`).sort();
  const indicator = async (kind: 'phone' | 'email' | 'url', value: string) => (await t.database.db.select().from(indicators).where(sql`kind = ${kind} AND value = ${value}`))[0];
  const published = async (value: string) => (await t.database.db.select().from(fraudIndicators).where(eq(fraudIndicators.value, value)))[0]?.status;
  const marker = async () => (await t.database.db.select().from(indicatorBackfillRuns).where(eq(indicatorBackfillRuns.extractionVersion, INDICATOR_EXTRACTION_VERSION)))[0];

  beforeAll(async () => {
    t = await buildTestApp();
    const agent = await buildUser(t.database, t.keys, { role: 'agent', departement: null });
    agentId = agent.user.id;
    national = await loggedIn(t, agent);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records the version as read on a database without reports, and queues nothing', async () => {
    expect((await marker())?.finishedAt).toBeInstanceOf(Date);
    let queued = 0;
    expect(await enqueueBackfillOnce(t.database, async () => void (queued += 1))).toBe(false);
    expect(queued).toBe(0);
  });

  describe('on a deployment upgraded with reports filed under the old rules', () => {
    beforeAll(async () => {
      campaign = await buildCampaign(t.database);
      const fields = { campaignId: campaign.id, callerNumber: '', sender: '', links: [], organisationName: '' };
      sms = await buildReport(t.database, { ...fields, pastedText: SMS, analysis: oldAnalysis('sms', SMS, [REFERENCE_AS_PHONE, SCAMMER_PHONE], [LINK_CUT_AT_BACKSLASH], []) });
      email = await buildReport(t.database, {
        ...fields,
        channel: 'courriel',
        pastedText: EMAIL,
        analysis: oldAnalysis('email', EMAIL, [DOSSIER_AS_PHONE, '+33184801234'], ['https://andpc-gouv.fr/connexion'], [SENDER_WITH_DOT, 'support@andpc-gouv.fr']),
      });
      clean = await buildReport(t.database, { campaignId: campaign.id });
      await addIndicators(t.database, sms.id, OLD_SMS_ROWS);
      await addIndicators(t.database, email.id, OLD_EMAIL_ROWS.map((r) => ({ ...r, status: r.value === DOSSIER_AS_PHONE ? ('approuve' as const) : r.value === SENDER_WITH_DOT ? ('en_attente' as const) : undefined })));
      await addIndicators(t.database, clean.id, currentReportIndicators(sourceOf(clean)));
      await t.database.db.update(indicators).set({ decidedBy: agentId, decidedAt: new Date('2026-03-01T10:00:00Z') }).where(eq(indicators.value, DOSSIER_AS_PHONE));
      await recountCampaigns(t.database.db, [campaign.id]);
      // The campaign was qualified under the old rules: the reference read as a number was published.
      for (const [kind, value] of [['phone', REFERENCE_AS_PHONE], ['phone', SCAMMER_PHONE], ['url', LINK_CUT_AT_BACKSLASH]] as const) {
        await t.database.db.insert(fraudIndicators).values({ kind, value, status: 'active', reportCount: 1, campaignId: campaign.id, expiresAt: new Date(Date.now() + 86_400_000) });
      }
      // The marker of a fresh start is what an upgrade does not have: the version was never read.
      await t.database.db.delete(indicatorBackfillRuns);
    });

    it('exports the old, wrong values before the backfill (the situation it repairs)', async () => {
      const csv = (await national.get(`/api/sharing/campaigns/${campaign.id}/indicators?format=csv&include=all`)).body;
      expect(csv).toContain(REFERENCE_AS_PHONE);
    });

    it('is queued once by the first start after the upgrade, and its job replaces the rows that differ', async () => {
      let queued = 0;
      const enqueue = async () => {
        queued += 1;
        await t.app.services.jobs.enqueue(INDICATOR_BACKFILL_QUEUE, { extractionVersion: INDICATOR_EXTRACTION_VERSION });
      };
      expect(await enqueueBackfillOnce(t.database, enqueue)).toBe(true);
      // A second instance starting meanwhile finds the marker.
      expect(await enqueueBackfillOnce(t.database, enqueue)).toBe(false);
      expect(queued).toBe(1);
      for (let waited = 0; !(await marker())?.finishedAt; waited += 100) {
        if (waited > 20_000) throw new Error('the backfill job did not finish');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Read twice: the walk, then the catch-up over reports grouped in the last hour (these were).
      expect(await marker()).toMatchObject({ reportsRead: 6, reportsChanged: 2, rowsAdded: 1, rowsRemoved: 4, valuesWithdrawn: 2 });

      for (const report of [sms, email, clean]) expect(await rowsOf(report.id)).toEqual(todayOf(report));
      expect(await rowsOf(sms.id)).toEqual(['domain:ameli-rembourse.info', `phone:${SCAMMER_PHONE}`, `url:${CLEAN_LINK}`]);
    });

    it('keeps every agent’s decision, and withdraws the published values no report carries any more', async () => {
      expect(await indicator('phone', DOSSIER_AS_PHONE)).toMatchObject({ status: 'approuve', decidedBy: agentId, sightings: 0 });
      expect(await indicator('email', SENDER_WITH_DOT)).toMatchObject({ status: 'en_attente', sightings: 0 });
      expect(await indicator('phone', REFERENCE_AS_PHONE)).toMatchObject({ status: 'actif', sightings: 0 });
      expect(await indicator('url', CLEAN_LINK)).toMatchObject({ status: 'actif', sightings: 1 });
      expect(await published(REFERENCE_AS_PHONE)).toBe('withdrawn');
      expect(await published(LINK_CUT_AT_BACKSLASH)).toBe('withdrawn');
      expect(await published(SCAMMER_PHONE)).toBe('active');
    });

    it('audits each changed report and each withdrawn value as the system, with no other entry', async () => {
      const reread = await auditEntries(t.database, 'campaigns.report.indicators_reread');
      expect(reread.map((e) => e.entityId).sort()).toEqual([sms.id, email.id].sort());
      for (const entry of reread) expect(entry).toMatchObject({ actorId: null, actorRole: 'system', entityType: 'report' });
      expect(reread.find((e) => e.entityId === sms.id)?.details).toEqual({
        extractionVersion: INDICATOR_EXTRACTION_VERSION,
        campaignId: campaign.id,
        added: [{ kind: 'url', value: CLEAN_LINK }],
        removed: expect.arrayContaining([
          { kind: 'phone', value: REFERENCE_AS_PHONE, status: 'actif' },
          { kind: 'url', value: LINK_CUT_AT_BACKSLASH, status: 'actif' },
        ]),
      });
      const withdrawn = await auditEntries(t.database, 'campaigns.indicator.withdrawn');
      expect(withdrawn.map((e) => (e.details as { value: string }).value).sort()).toEqual([REFERENCE_AS_PHONE, LINK_CUT_AT_BACKSLASH].sort());
      for (const entry of withdrawn) {
        expect(entry).toMatchObject({ actorRole: 'system', entityType: 'indicator', reason: WITHDRAWAL_REASON });
        expect(entry.details).toMatchObject({ campaignId: campaign.id, previousPublication: 'active', indicatorStatus: 'actif' });
      }
    });

    it('shows agents the campaign’s indicators as today’s rules read them', async () => {
      const page = await national.get(`/api/campaigns/${campaign.id}`);
      expect(page.statusCode).toBe(200);
      const values = (page.json() as { indicators: { value: string }[] }).indicators.map((i) => i.value);
      expect(values).toContain(CLEAN_LINK);
      for (const wrong of WRONG_VALUES) expect(values).not.toContain(wrong);
    });

    it('exports, in CSV, STIX and MISP, no phone today’s rules do not read in the campaign’s reports', async () => {
      const todayPhones = [sms, email, clean].flatMap((r) => currentReportIndicators(sourceOf(r))).filter((i) => i.kind === 'phone').map((i) => i.value);
      const csv = await national.get(`/api/sharing/campaigns/${campaign.id}/indicators?format=csv&include=all`);
      expect(csv.statusCode).toBe(200);
      const lines = csv.body.split('\r\n').map((line) => line.split(';'));
      const csvPhones = lines.filter((cells) => cells[0] === 'telephone').map((cells) => cells[1]?.replace(/^"'|"$/g, ''));
      expect(csvPhones.sort()).toEqual([...new Set(todayPhones)].sort());
      expect(lines.some((cells) => cells[0] === 'url' && cells[1] === CLEAN_LINK)).toBe(true);

      const stix = (await national.get(`/api/sharing/campaigns/${campaign.id}/indicators?format=stix&include=all`)).json() as { objects: { type: string; pattern?: string }[] };
      const stixPhones = stix.objects.flatMap((o) => (o.pattern?.startsWith('[x-phone-number:') ? [/'(.*)'/.exec(o.pattern)![1]] : []));
      expect(stixPhones.sort()).toEqual([...new Set(todayPhones)].sort());

      const misp = (await national.get(`/api/sharing/campaigns/${campaign.id}/indicators?format=misp&include=all`)).json() as { Event: { Attribute: { type: string; value: string }[] } };
      expect(misp.Event.Attribute.filter((a) => a.type === 'phone-number').map((a) => a.value).sort()).toEqual([...new Set(todayPhones)].sort());

      for (const body of [csv.body, JSON.stringify(stix), JSON.stringify(misp)]) {
        for (const wrong of WRONG_VALUES) expect(body).not.toContain(wrong);
      }
    });

    it('changes nothing when run again, batch after batch', async () => {
      const auditBefore = (await auditEntries(t.database)).length;
      const rowsBefore = await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM report_indicators`);
      const batches: number[] = [];
      const again = await backfillReportIndicators(t.app.services, { batchSize: 1, onBatch: (c) => batches.push(c.reportsRead) });
      expect(again).toEqual({ reportsRead: 6, reportsChanged: 0, rowsAdded: 0, rowsRemoved: 0, valuesWithdrawn: 0 });
      expect(batches).toEqual([1, 2, 3, 4, 5, 6]);
      expect((await auditEntries(t.database)).length).toBe(auditBefore);
      expect(await rows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM report_indicators`)).toEqual(rowsBefore);
      for (const report of [sms, email, clean]) expect(await rowsOf(report.id)).toEqual(todayOf(report));
      // The run by hand adds its counts to the version's marker; the start after it queues nothing.
      expect(await marker()).toMatchObject({ reportsRead: 12, reportsChanged: 2 });
      expect(await enqueueBackfillOnce(t.database, async () => undefined)).toBe(false);
    });
  });
});
