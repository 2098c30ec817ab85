import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import type { TestClient } from '../../test/test-client.js';
import { buildUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import type { CampaignRow, ReportRow } from '../../platform/db/schema-reports.js';
import { buildCampaign, buildReport } from '../sharing/sharing.factories.js';
import * as direct from './dashboard.repo.js';
import * as rollup from './dashboard-rollup.repo.js';

// The national dashboard reads its counts from report_day_counts (migration 0027), kept by trigger. These
// tests hold what the rollup answers to what the direct queries over the reports answer (those a
// département's dashboard still runs), on varied data — Paris days across midnight and the spring
// daylight-saving change, every status, reports without département, family or campaign — and again
// after each kind of write: status changes, a merge, reports moving campaign, confirmation, statements
// moving many reports at once, insertion in bulk and deletion.

const PERIODS = [
  { from: '2026-03-01', to: '2026-04-30' },
  { from: '2026-03-02', to: '2026-03-29' },
  { from: '2026-03-29', to: '2026-03-29' },
  { from: '2026-03-10', to: '2026-04-05' },
  { from: '2025-01-01', to: '2026-12-31' },
];
const STATUSES = ['en_attente_confirmation', 'nouveau', 'en_cours', 'qualifie', 'classe_sans_suite'] as const;
const CHANNELS = ['telephone', 'sms', 'courriel', 'courrier', 'autre'] as const;
const DEPARTEMENTS = ['75', '13', '2A', null] as const;
const FAMILIES = [null, 'assurance_maladie', 'ecps', 'colis'] as const;

describe('dashboard rollup', () => {
  let t: TestApp;
  let national: TestClient;
  let campaigns: CampaignRow[];
  let filed: ReportRow[];

  /** A fixed pseudo-random sequence: the same varied data on every run. */
  let seed = 7;
  const draw = <T,>(values: readonly T[]): T => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return values[Math.floor(seed / 65_536) % values.length]!;
  };

  async function expectRollupAnswersAsReports() {
    const db = t.database.db;
    for (const period of PERIODS) {
      const scope = { ...period, departement: null };
      expect(await rollup.countPeriodFromRollup(db, period), JSON.stringify(period)).toEqual(await direct.countPeriod(db, scope));
      expect(await rollup.topCampaignsFromRollup(db, period, 100), JSON.stringify(period)).toEqual(await direct.topCampaigns(db, scope, 100));
    }
    // And the rollup's rows are those a recount gives (no stray key, no row left negative).
    const line = (r: { dimension: string; day: string; key: string; n: number }) => `${r.dimension}|${r.day}|${r.key}|${Number(r.n)}`;
    type Row = { dimension: string; day: string; key: string; n: number };
    const kept = await t.database.raw.query<Row>(`SELECT dimension, day::text AS day, key, n FROM report_day_counts WHERE n <> 0`);
    const counted = await t.database.raw.query<Row>(
      `SELECT k.dimension, k.day::text AS day, k.key, count(*)::int AS n
       FROM reports r, report_day_count_keys(r.status, r.created_at, r.channel, r.scam_family, r.departement, r.campaign_id) k GROUP BY 1, 2, 3`,
    );
    expect(kept.rows.map(line).sort()).toEqual(counted.rows.map(line).sort());
  }

  const post = async (url: string, body: Record<string, unknown>) => {
    const res = await national.post(url, body);
    expect([200, 201], res.body).toContain(res.statusCode);
    return res.json() as { version: number; id: string };
  };
  const versionOf = async (id: string) =>
    (await t.database.raw.query<{ version: number }>('SELECT version FROM reports WHERE id = $1', [id])).rows[0]!.version;

  beforeAll(async () => {
    t = await buildTestApp();
    national = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: null }));
    campaigns = [await buildCampaign(t.database), await buildCampaign(t.database), await buildCampaign(t.database)];
    filed = [];
    for (let i = 0; i < 70; i++) {
      // Every 7 hours from 1 March, shifted into the last hour before midnight UTC on every third report
      // (the next day in Paris), so days, weeks and the change to summer time on 29 March are crossed.
      const at = new Date(Date.UTC(2026, 2, 1) + i * 7 * 3_600_000 + (i % 3 === 0 ? 0 : 1_800_000));
      if (i % 3 === 0) at.setUTCHours(22 + (i % 2), 30);
      const campaign = draw([null, ...campaigns]);
      filed.push(
        await buildReport(t.database, {
          createdAt: at,
          pastedText: '',
          status: draw(STATUSES),
          channel: draw(CHANNELS),
          departement: draw(DEPARTEMENTS),
          scamFamily: draw(FAMILIES),
          campaignId: campaign?.id ?? null,
        }),
      );
    }
    // A merged duplicate from the start, in a campaign.
    filed.push(await buildReport(t.database, { createdAt: new Date('2026-03-29T00:30:00Z'), pastedText: '', status: 'fusionne', mergedInto: filed[1]!.id, campaignId: campaigns[0]!.id }));
    // The counter grouping keeps (the factories place reports without it): a split leaves one behind.
    await t.database.raw.query(`UPDATE campaigns c SET report_count = (SELECT count(*) FROM reports r WHERE r.campaign_id = c.id)`);
  });
  afterAll(() => t.close());

  it('answers as the reports do after filing', async () => {
    await expectRollupAnswersAsReports();
  });

  it('follows status changes and a merge made through the queue', async () => {
    const [a, b] = filed.filter((r) => r.status === 'nouveau' && r.departement === '75');
    const taken = await post(`/api/triage/reports/${a!.id}/status`, { status: 'en_cours', version: await versionOf(a!.id) });
    await expectRollupAnswersAsReports();
    await post(`/api/triage/reports/${a!.id}/status`, { status: 'classe_sans_suite', reason: 'Message sans rapport avec l’Ordre.', version: taken.version });
    await post(`/api/triage/reports/${b!.id}/merge`, { targetReceiptNumber: a!.receiptNumber, version: await versionOf(b!.id) });
    await expectRollupAnswersAsReports();
  });

  it('follows reports moving campaign: split, removal, a merge of campaigns', async () => {
    const [first, second, third] = campaigns;
    const members = async (campaignId: string) =>
      (await t.database.raw.query<{ id: string }>(`SELECT id FROM reports WHERE campaign_id = $1 AND status <> 'fusionne' ORDER BY created_at`, [campaignId])).rows.map((r) => r.id);
    expect((await members(first!.id)).length).toBeGreaterThan(3);
    expect((await members(second!.id)).length).toBeGreaterThan(1);
    await post(`/api/campaigns/${first!.id}/split`, { reportIds: (await members(first!.id)).slice(0, 3) });
    await expectRollupAnswersAsReports();
    await post(`/api/campaigns/${second!.id}/reports/${(await members(second!.id))[0]!}/remove`, {});
    await expectRollupAnswersAsReports();
    await post(`/api/campaigns/${second!.id}/merge`, { reference: third!.reference });
    await expectRollupAnswersAsReports();
  });

  it('follows confirmation, statements moving many reports, insertion in bulk and deletion', async () => {
    await t.database.raw.query(`UPDATE reports SET status = 'nouveau', confirmed_at = now() WHERE status = 'en_attente_confirmation' AND departement = '13'`);
    await t.database.raw.query(`UPDATE reports SET updated_at = now()`);
    await t.database.raw.query(`UPDATE reports SET departement = '13', scam_family = NULL WHERE departement IS NULL`);
    await t.database.raw.query(`UPDATE reports SET channel = 'autre', created_at = created_at + interval '20 hours' WHERE channel = 'sms'`);
    await expectRollupAnswersAsReports();
    await t.database.raw.query(
      `INSERT INTO reports (receipt_number, source, status, channel, occurred_on, organisation_name, caller_number, sender, links, description,
                            pasted_text, departement, reporter_email, reporter_name, scam_family, campaign_id, created_at, grouped_at)
       SELECT 'SIG-2026-B' || upper(lpad(to_hex(row_number() OVER ()), 7, '0')), source, status, channel, occurred_on, organisation_name, caller_number,
              sender, links, description, pasted_text, departement, reporter_email, reporter_name, scam_family, campaign_id,
              created_at - interval '3 days', now()
       FROM reports WHERE status <> 'fusionne'`,
    );
    await expectRollupAnswersAsReports();
    await t.database.raw.query(`DELETE FROM reports WHERE status = 'classe_sans_suite' AND merged_into IS NULL AND id NOT IN (SELECT merged_into FROM reports WHERE merged_into IS NOT NULL)`);
    await expectRollupAnswersAsReports();
  });

  it('gives the national page the figures a département-by-département reading adds up to', async () => {
    const page = (await national.get('/api/dashboard?from=2026-03-01&to=2026-04-30')).json();
    let total = 0;
    for (const departement of ['75', '13', '2A']) total += (await national.get(`/api/dashboard?from=2026-03-01&to=2026-04-30&departement=${departement}`)).json().totalReports;
    const withoutDepartement = page.byDepartement.filter((c: { key: string }) => c.key === '').reduce((n: number, c: { count: number }) => n + c.count, 0);
    expect(page.totalReports).toBe(total + withoutDepartement);
    expect(page.totalReports).toBeGreaterThan(20);
  });
});
