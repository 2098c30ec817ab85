import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { buildUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import { addIndicators, buildCampaign, buildReport } from '../sharing/sharing.factories.js';
import { buildReport as buildUngroupedReport, certificationSms } from './campaigns.factories.js';
import { groupPendingReports } from './grouping.service.js';
import * as repo from './campaigns.repo.js';

// A campaign's page reads its timeline and its départements from campaign_report_counts (migration 0027),
// kept by trigger, instead of counting its reports twice. Held here to the two queries it replaced: on
// reports across UTC midnight, without département, with départements tied on count, on a campaign
// without reports, and after every way reports join, leave or change within a campaign.

describe('campaign page counts', () => {
  let t: TestApp;

  /** What the page read before: one GROUP BY per count. */
  async function separately(campaignId: string) {
    const timeline = await t.database.raw.query<{ day: string; count: number }>(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS count
       FROM reports WHERE campaign_id = $1 GROUP BY 1 ORDER BY 1`,
      [campaignId],
    );
    return { timeline: timeline.rows.map((r) => ({ day: r.day, count: Number(r.count) })), departements: await repo.campaignDepartements(t.database.db, campaignId) };
  }

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('gives the timeline and the départements the separate queries give', async () => {
    const campaign = await buildCampaign(t.database);
    const filings: [string, string | null][] = [
      ['2026-03-28T23:59:00Z', '75'],
      ['2026-03-29T00:01:00Z', '75'],
      ['2026-03-29T12:00:00Z', '13'],
      ['2026-03-29T22:30:00Z', null],
      ['2026-04-02T08:00:00Z', '13'],
      ['2026-04-02T09:00:00Z', '2A'],
      ['2026-04-02T10:00:00Z', '2A'],
      ['2026-04-10T10:00:00Z', null],
      ['2026-04-10T11:00:00Z', '69'],
    ];
    for (const [at, departement] of filings) await buildReport(t.database, { createdAt: new Date(at), departement, pastedText: '', campaignId: campaign.id });
    // Another campaign's report the same day: not counted.
    await buildReport(t.database, { createdAt: new Date('2026-04-02T08:00:00Z'), departement: '13', pastedText: '', campaignId: (await buildCampaign(t.database)).id });

    const counts = await repo.campaignCounts(t.database.db, campaign.id);
    expect(counts).toEqual(await separately(campaign.id));
    expect(counts.timeline).toEqual([
      { day: '2026-03-28', count: 1 },
      { day: '2026-03-29', count: 3 },
      { day: '2026-04-02', count: 3 },
      { day: '2026-04-10', count: 2 },
    ]);
    // Most first; ties by code, no département last.
    expect(counts.departements).toEqual([
      { departement: '13', count: 2 },
      { departement: '2A', count: 2 },
      { departement: '75', count: 2 },
      { departement: null, count: 2 },
      { departement: '69', count: 1 },
    ]);
  });

  /** Every campaign's kept counts equal its reports counted, and the table holds no stray row. */
  async function expectKeptCountsExact() {
    const campaigns = await t.database.raw.query<{ id: string }>('SELECT id FROM campaigns');
    for (const { id } of campaigns.rows) expect(await repo.campaignCounts(t.database.db, id), id).toEqual(await separately(id));
    const line = (r: { campaign_id: string; dimension: string; day: string | null; departement: string | null; n: number }) =>
      `${r.campaign_id}|${r.dimension}|${r.day ?? '-'}|${r.departement ?? '-'}|${Number(r.n)}`;
    type Row = Parameters<typeof line>[0];
    const kept = await t.database.raw.query<Row>('SELECT campaign_id, dimension, day::text AS day, departement, n FROM campaign_report_counts WHERE n <> 0');
    const counted = await t.database.raw.query<Row>(
      `SELECT campaign_id, 'day' AS dimension, (created_at AT TIME ZONE 'UTC')::date::text AS day, NULL AS departement, count(*)::int AS n
       FROM reports WHERE campaign_id IS NOT NULL GROUP BY 1, 3
       UNION ALL
       SELECT campaign_id, 'departement', NULL, departement, count(*)::int FROM reports WHERE campaign_id IS NOT NULL GROUP BY 1, 4`,
    );
    expect(kept.rows.map(line).sort()).toEqual(counted.rows.map(line).sort());
  }

  it('stay exact through grouping, split, removal, merge of campaigns, moves and deletion', async () => {
    const national = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: null }));
    const post = async (url: string, body: Record<string, unknown>) => {
      const res = await national.post(url, body);
      expect([200, 201], res.body).toContain(res.statusCode);
    };
    const departements = ['75', '13', null, '75', '2A', '13', '75'];
    const made = [];
    for (const [i, departement] of departements.entries()) {
      const createdAt = new Date(Date.UTC(2026, 4, 1 + (i % 3), i % 2 === 0 ? 23 : 1, 30) + i);
      made.push(await buildUngroupedReport(t.database, { departement, createdAt, pastedText: certificationSms(i, '09 70 11 22 33') }));
    }
    for (const i of [0, 1, 2, 3]) made.push(await buildUngroupedReport(t.database, { departement: '69', createdAt: new Date(Date.UTC(2026, 4, 7, 12) + i), pastedText: certificationSms(i, '09 70 44 55 66') }));
    await groupPendingReports(t.app.services);
    const campaignOf = async (reportId: string) =>
      (await t.database.raw.query<{ campaign_id: string | null }>('SELECT campaign_id FROM reports WHERE id = $1', [reportId])).rows[0]!.campaign_id;
    const first = await campaignOf(made[0]!.id);
    expect(first).not.toBeNull();
    expect(await campaignOf(made.at(-1)!.id)).not.toBeNull();
    await expectKeptCountsExact();

    await post(`/api/campaigns/${first!}/split`, { reportIds: [made[1]!.id, made[2]!.id] });
    await post(`/api/campaigns/${first!}/reports/${made[3]!.id}/remove`, {});
    await expectKeptCountsExact();
    const splitOff = await campaignOf(made[1]!.id);
    expect(splitOff).not.toBe(first);
    const reference = (await t.database.raw.query<{ reference: string }>('SELECT reference FROM campaigns WHERE id = $1', [splitOff!])).rows[0]!.reference;
    await post(`/api/campaigns/${first!}/merge`, { reference });
    await expectKeptCountsExact();

    await t.database.raw.query(`UPDATE reports SET departement = '13' WHERE departement IS NULL OR departement = '69'`);
    await t.database.raw.query(`UPDATE reports SET created_at = created_at - interval '2 hours', updated_at = now()`);
    await expectKeptCountsExact();
    await t.database.raw.query('DELETE FROM reports WHERE id = $1', [made[4]!.id]);
    await expectKeptCountsExact();
  });

  it('counts the indicators a département does not see as the rows do, on the page too', async () => {
    const campaign = await buildCampaign(t.database);
    const paris = await buildReport(t.database, { departement: '75', pastedText: '', campaignId: campaign.id });
    const marseille = await buildReport(t.database, { departement: '13', pastedText: '', campaignId: campaign.id });
    await addIndicators(t.database, paris.id, [{ kind: 'phone', value: '+33970000101' }, { kind: 'domain', value: 'partage.example' }]);
    await addIndicators(t.database, marseille.id, [{ kind: 'phone', value: '+33970000102' }, { kind: 'domain', value: 'partage.example' }, { kind: 'domain', value: 'sud.example' }]);
    await t.database.raw.query(
      `INSERT INTO campaign_indicators (campaign_id, indicator_id, report_count)
       SELECT $1, i.id, count(*) FROM indicators i JOIN report_indicators ri ON ri.kind = i.kind AND ri.value = i.value
       WHERE ri.report_id = ANY($2::uuid[]) GROUP BY i.id`,
      [campaign.id, [paris.id, marseille.id]],
    );
    /** The count as it was written before: the indicators no report of the département carries. */
    const notCarried = async (departement: string) =>
      (
        await t.database.raw.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM campaign_indicators ci JOIN indicators i ON i.id = ci.indicator_id
           WHERE ci.campaign_id = $1 AND NOT EXISTS (SELECT 1 FROM report_indicators ri JOIN reports r ON r.id = ri.report_id
                 WHERE r.campaign_id = ci.campaign_id AND ri.kind = i.kind AND ri.value = i.value AND r.departement = $2)`,
          [campaign.id, departement],
        )
      ).rows[0]!.n;
    for (const departement of ['75', '13', '69']) expect(await repo.countIndicatorsNotCarriedBy(t.database.db, campaign.id, departement), departement).toBe(await notCarried(departement));
    expect(await repo.countIndicatorsNotCarriedBy(t.database.db, campaign.id, '75')).toBe(2);
    expect(await repo.countIndicatorsNotCarriedBy(t.database.db, campaign.id, null)).toBe(0);

    const agent75 = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
    const page = (await agent75.get(`/api/campaigns/${campaign.id}`)).json();
    expect(page.indicators.map((i: { value: string }) => i.value).sort()).toEqual(['+33970000101', 'partage.example']);
    expect(page).toMatchObject({ indicatorsOtherDepartements: 2, reportsOtherDepartements: 1, reportsShown: 1 });
  });

  it('gives nothing for a campaign without reports', async () => {
    const empty = await buildCampaign(t.database);
    expect(await repo.campaignCounts(t.database.db, empty.id)).toEqual({ timeline: [], departements: [] });
  });
});
