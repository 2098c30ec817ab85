import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { auditEntries, expectAudited } from '../../test/factories.js';
import { rows } from '../../platform/db/rows.js';
import { fraudIndicators } from '../../platform/db/schema.js';
import { campaigns, indicators, reports } from '../../platform/db/schema-reports.js';
import { GROUP_REPORT_QUEUE } from '../../platform/jobs/queues.js';
import { buildReport, campaignOfReport, certificationSms, contributionRecallSms, fileShortNotes } from './campaigns.factories.js';
import type { Database } from '../../platform/db/client.js';
import { syncBandKeyFilter } from './band-key-filter.js';
import { groupPendingReports, sweepExpiredIndicators, type GroupingDeps } from './grouping.service.js';

describe('campaign grouping', () => {
  let t: TestApp;
  let deps: GroupingDeps;
  const group = () => groupPendingReports(deps);

  async function indicator(kind: string, value: string) {
    const [row] = await t.database.db.select().from(indicators).where(sql`${indicators.kind} = ${kind} AND ${indicators.value} = ${value}`);
    return row;
  }
  async function campaign(id: string) {
    const [row] = await t.database.db.select().from(campaigns).where(eq(campaigns.id, id));
    return row!;
  }

  beforeAll(async () => {
    t = await buildTestApp({ env: { CAMPAIGN_LINK_LIMIT: '3' } });
    deps = t.app.services;
  });
  afterAll(() => t.close());

  it('groups two reports sharing a number into a new campaign, labelled by family and number', async () => {
    const a = await buildReport(t.database, { channel: 'telephone', callerNumber: '09 70 12 34 56', organisationName: 'Direction régionale de la certification', scamFamily: 'certification_periodique' });
    const alone = await buildReport(t.database, { channel: 'telephone', callerNumber: '01 84 80 00 01' });
    await group();
    expect(await campaignOfReport(t.database, a.id)).toBeNull();
    const b = await buildReport(t.database, { channel: 'sms', sender: '+33 9 70 12 34 56', pastedText: 'Rappelez-nous.', scamFamily: 'certification_periodique', departement: '69' });
    await group();

    const campaignId = (await campaignOfReport(t.database, a.id))!;
    expect(campaignId).not.toBeNull();
    expect(await campaignOfReport(t.database, b.id)).toBe(campaignId);
    expect(await campaignOfReport(t.database, alone.id)).toBeNull();
    const c = await campaign(campaignId);
    expect(c).toMatchObject({ label: 'Faux contrôle de certification — 09 70 12 34 56', status: 'ouverte', reportCount: 2, scamFamily: 'certification_periodique' });
    expect(c.reference).toMatch(/^CAMP-\d{4}-\d{4,}$/);
    expect(c.firstReportAt!.getTime()).toBe(a.createdAt.getTime());
    expect(c.lastReportAt!.getTime()).toBe(b.createdAt.getTime());
    expect(await indicator('phone', '+33970123456')).toMatchObject({ status: 'actif', sightings: 2 });
    const entry = await expectAudited(t.database, 'campaigns.campaign.created', campaignId);
    expect(entry.actorRole).toBe('system');
    expect(JSON.stringify(entry.details)).not.toContain(a.reporterEmail!);
    const [grouped] = await t.database.db.select({ at: sql<Date | null>`grouped_at` }).from(reports).where(eq(reports.id, b.id));
    expect(grouped!.at).not.toBeNull();
  });

  it('groups near-duplicate texts that share no indicator, and leaves a different scam of the same family apart', async () => {
    // No number, no link: only the wording is shared.
    const wording = (variant: number) => certificationSms(variant, '').replace(/ ou complétez.*$/, '.');
    const first = await buildReport(t.database, { pastedText: wording(1) });
    const second = await buildReport(t.database, { pastedText: wording(4) });
    const other = await buildReport(t.database, {
      pastedText: 'Direction régionale de la certification : votre attestation de formation continue doit être déposée avant la fin du mois, faute de quoi votre inscription sera suspendue.',
    });
    await group();
    const campaignId = await campaignOfReport(t.database, first.id);
    expect(campaignId).not.toBeNull();
    expect(await campaignOfReport(t.database, second.id)).toBe(campaignId);
    expect(await campaignOfReport(t.database, other.id)).not.toBe(campaignId);
    // The first text owns its buckets and keeps its signature; the near-duplicate, covered by it, opens none.
    const indexed = await rows<{ report_id: string; n: number }>(
      t.database.db,
      sql`SELECT report_id, cardinality(signature) AS n FROM indexed_texts WHERE report_id IN (${first.id}, ${second.id})`,
    );
    expect(indexed).toEqual([{ report_id: first.id, n: 64 }]);
  });

  it('links near-duplicates filed a drain apart: the band-key filter learns the buckets its own drains open', async () => {
    // Drains of 100 reports or more ask the database only about band keys their filter may hold
    // (band-key-filter.ts): each drain below carries 100 short notes besides.
    const fileNotes = () => fileShortNotes(t.database);
    const wording = contributionRecallSms;
    await fileNotes();
    await group();
    // The next drain opens this text's buckets; once it commits, its keys join the filter.
    const first = await buildReport(t.database, { pastedText: wording('Martin') });
    await fileNotes();
    await group();
    // A near-duplicate sharing no indicator joins it only if the filter holds those keys.
    const second = await buildReport(t.database, { pastedText: wording('Durand') });
    await fileNotes();
    await group();
    const campaignId = await campaignOfReport(t.database, first.id);
    expect(campaignId).not.toBeNull();
    expect(await campaignOfReport(t.database, second.id)).toBe(campaignId);
  });

  it('numbers the buckets a previous version opens during a rolling upgrade, so that the filters read them', async () => {
    const counter = async () => Number((await rows<{ batches: string }>(t.database.db, sql`SELECT batches FROM text_band_bucket_writes`))[0]!.batches);
    const before = await counter();
    // What the code before migration 0034 wrote: no write number.
    await t.database.db.execute(sql`INSERT INTO text_band_buckets (key, report_id) VALUES (4242, gen_random_uuid()), (4243, gen_random_uuid())`);
    expect(await counter()).toBe(before + 1);
    const numbered = await rows<{ batch: string }>(t.database.db, sql`SELECT batch FROM text_band_buckets WHERE key IN (4242, 4243)`);
    expect(numbered.map((r) => Number(r.batch))).toEqual([before + 1, before + 1]);
  });

  it('builds a band-key filter from every bucket key, page after page', async () => {
    await t.database.db.transaction(async (tx) => {
      const keys = (await rows<{ key: string }>(tx, sql`SELECT key FROM text_band_buckets`)).map((r) => Number(r.key));
      expect(keys.length).toBeGreaterThan(20);
      // A handle never seen before (the filters are kept per handle) reads every key, 7 per statement.
      const filter = await syncBandKeyFilter(tx, {} as Database, 7);
      expect(filter?.size).toBe(keys.length);
      expect(keys.filter((key) => !filter!.mayHold(key))).toEqual([]);
    });
  });

  it('never links on common values: free mail, shorteners, official sites, the Ordre number, a real body', async () => {
    const made = [
      await buildReport(t.database, { links: ['https://bit.ly/abc'], organisationName: 'Assurance Maladie', callerNumber: '01 53 89 32 00' }),
      await buildReport(t.database, { links: ['https://bit.ly/def'], organisationName: 'assurance maladie', callerNumber: '01 53 89 32 00', sender: 'y@gmail.com' }),
      await buildReport(t.database, { links: ['https://www.ameli.fr/assure'], sender: 'z@gmail.com' }),
      await buildReport(t.database, { links: ['https://www.ameli.fr/assure'], sender: 'w@hotmail.fr' }),
    ];
    await group();
    for (const r of made) expect(await campaignOfReport(t.database, r.id)).toBeNull();
    expect(await indicator('domain', 'gmail.com')).toMatchObject({ status: 'commun' });
    expect(await indicator('domain', 'bit.ly')).toMatchObject({ status: 'commun' });
    expect(await indicator('phone', '+33153893200')).toMatchObject({ status: 'commun' });
    expect(await indicator('organisation', 'assurance maladie')).toMatchObject({ status: 'commun', sightings: 2 });
    expect(await indicator('url', 'https://www.ameli.fr/assure')).toMatchObject({ status: 'commun' });
  });

  it('merges the campaigns a report bridges into the oldest, and leaves a campaign shaped by hand alone', async () => {
    const p1 = await buildReport(t.database, { callerNumber: '09 70 00 00 11' });
    const p1b = await buildReport(t.database, { callerNumber: '09 70 00 00 11' });
    const p2 = await buildReport(t.database, { callerNumber: '09 70 00 00 22' });
    const p2b = await buildReport(t.database, { callerNumber: '09 70 00 00 22' });
    await group();
    const older = (await campaignOfReport(t.database, p1.id))!;
    const younger = (await campaignOfReport(t.database, p2.id))!;
    expect(older).not.toBe(younger);
    const bridge = await buildReport(t.database, { callerNumber: '09 70 00 00 11', pastedText: 'Ou rappelez le 09 70 00 00 22 sans tarder.' });
    await group();
    for (const r of [p1, p1b, p2, p2b, bridge]) expect(await campaignOfReport(t.database, r.id)).toBe(older);
    expect(await campaign(younger)).toMatchObject({ mergedInto: older, reportCount: 0 });
    expect(await campaign(older)).toMatchObject({ reportCount: 5 });
    const merged = await expectAudited(t.database, 'campaigns.campaign.merged', older);
    expect(merged.details).toMatchObject({ automatic: true, absorbed: younger });
    const counts = await rows<{ campaign_id: string; n: number }>(
      t.database.db,
      sql`SELECT ci.campaign_id, ci.report_count AS n FROM campaign_indicators ci JOIN indicators i ON i.id = ci.indicator_id WHERE i.value = '+33970000022'`,
    );
    expect(counts).toEqual([{ campaign_id: older, n: 3 }]);

    // A report placed by hand in a third campaign: a bridge no longer merges it.
    const p3 = await buildReport(t.database, { callerNumber: '09 70 00 00 33' });
    const p3b = await buildReport(t.database, { callerNumber: '09 70 00 00 33' });
    await group();
    const third = (await campaignOfReport(t.database, p3.id))!;
    await t.database.db.update(reports).set({ campaignPinned: true }).where(eq(reports.id, p3b.id));
    await buildReport(t.database, { callerNumber: '09 70 00 00 33', pastedText: 'Numéro de rappel : 09 70 00 00 11.' });
    await group();
    expect(await campaignOfReport(t.database, p3.id)).toBe(third);
    expect((await campaign(third)).mergedInto).toBeNull();
  });

  it('holds an indicator that alone links more unrelated reports than the limit, then stops linking on it', async () => {
    // Each report has its own number; only the hosting domain is shared.
    const made = [];
    for (let i = 0; i < 6; i++) made.push(await buildReport(t.database, { callerNumber: `06 11 22 33 ${String(40 + i)}`, links: [`https://espace-pro-sante.example.fr/p${i}`] }));
    await group();
    const held = await indicator('domain', 'example.fr');
    expect(held).toMatchObject({ status: 'en_attente' });
    const entry = await expectAudited(t.database, 'campaigns.indicator.held', held!.id);
    expect(entry.details).toMatchObject({ kind: 'domain', value: 'example.fr', limit: 3 });
    // Linked while under the limit (solo links 1, 2, 3), not after.
    const campaignsOf = await Promise.all(made.map((r) => campaignOfReport(t.database, r.id)));
    expect(new Set(campaignsOf.slice(0, 4)).size).toBe(1);
    expect(campaignsOf[0]).not.toBeNull();
    expect(campaignsOf[4]).toBeNull();
    expect(campaignsOf[5]).toBeNull();
  });

  it('keeps published indicators counted and dated as new reports arrive', async () => {
    const a = await buildReport(t.database, { callerNumber: '09 70 55 44 33' });
    await buildReport(t.database, { callerNumber: '09 70 55 44 33' });
    await group();
    const campaignId = (await campaignOfReport(t.database, a.id))!;
    await t.database.db.insert(fraudIndicators).values({ kind: 'phone', value: '+33970554433', reportCount: 2, campaignLabel: 'Test', campaignId, lastSeenAt: new Date(Date.now() - 86_400_000) });
    const later = await buildReport(t.database, { callerNumber: '0970554433' });
    await group();
    const [published] = await t.database.db.select().from(fraudIndicators).where(eq(fraudIndicators.value, '+33970554433'));
    expect(published).toMatchObject({ reportCount: 3, status: 'active' });
    expect(published!.lastSeenAt.getTime()).toBe(later.createdAt.getTime());
    expect(published!.expiresAt!.getTime()).toBe(later.createdAt.getTime() + 180 * 86_400_000);
  });

  it('marks indicators past their expiry, and a new sighting brings one back', async () => {
    const a = await buildReport(t.database, { callerNumber: '09 70 44 33 22' });
    await buildReport(t.database, { callerNumber: '09 70 44 33 22' });
    await group();
    const campaignId = (await campaignOfReport(t.database, a.id))!;
    const past = new Date(Date.now() - 1000);
    await t.database.db.update(indicators).set({ expiresAt: past }).where(eq(indicators.value, '+33970443322'));
    await t.database.db.insert(fraudIndicators).values({ kind: 'phone', value: '+33970443322', reportCount: 2, campaignId, expiresAt: past });
    // The app's own sweep may run first in the background: what matters is the state after the sweep.
    await sweepExpiredIndicators(t.database);
    expect(await indicator('phone', '+33970443322')).toMatchObject({ status: 'expire' });
    const [expired] = await t.database.db.select().from(fraudIndicators).where(eq(fraudIndicators.value, '+33970443322'));
    expect(expired!.status).toBe('expired');
    const later = await buildReport(t.database, { callerNumber: '09 70 44 33 22' });
    await group();
    expect(await indicator('phone', '+33970443322')).toMatchObject({ status: 'actif', sightings: 3 });
    expect(await campaignOfReport(t.database, later.id)).toBe(campaignId);
    const [back] = await t.database.db.select().from(fraudIndicators).where(eq(fraudIndicators.value, '+33970443322'));
    expect(back).toMatchObject({ status: 'active', reportCount: 3 });
  });

  it('leaves unconfirmed reports out until they are confirmed', async () => {
    const a = await buildReport(t.database, { callerNumber: '09 70 66 77 88' });
    const waiting = await buildReport(t.database, { callerNumber: '09 70 66 77 88', status: 'en_attente_confirmation' });
    await group();
    expect(await campaignOfReport(t.database, a.id)).toBeNull();
    expect(await campaignOfReport(t.database, waiting.id)).toBeNull();
    await t.database.db.update(reports).set({ status: 'nouveau' }).where(eq(reports.id, waiting.id));
    await group();
    expect(await campaignOfReport(t.database, waiting.id)).not.toBeNull();
  });

  it('does not let one report the grouping cannot take hold back the others', async () => {
    // A database rule refusing one value stands for any report whose grouping fails.
    // DDL: the owner role's connection (the application role may not create a trigger).
    await t.ownerDatabase.raw.exec(`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.value = 'poison-refusee.example' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON report_indicators FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
    try {
      const a = await buildReport(t.database, { callerNumber: '09 70 12 12 12' });
      const poison = await buildReport(t.database, { callerNumber: '09 70 12 12 12', links: ['https://poison-refusee.example/x'] });
      const b = await buildReport(t.database, { callerNumber: '09 70 12 12 12' });
      const outcome = await group();
      expect(outcome.failed).toBe(1);
      expect(await campaignOfReport(t.database, a.id)).not.toBeNull();
      expect(await campaignOfReport(t.database, b.id)).toBe(await campaignOfReport(t.database, a.id));
      const [left] = await t.database.db.select({ at: sql<Date | null>`grouped_at` }).from(reports).where(eq(reports.id, poison.id));
      expect(left!.at).toBeNull();
    } finally {
      await t.ownerDatabase.raw.exec('DROP TRIGGER refuse_poison ON report_indicators; DROP FUNCTION refuse_poison();');
    }
    await group();
    const [later] = await t.database.db.select({ at: sql<Date | null>`grouped_at` }).from(reports).where(sql`${reports.links} @> ARRAY['https://poison-refusee.example/x']`);
    expect(later!.at).not.toBeNull();
  });

  it('groups through the job queue and queues the watchlist match after commit', async () => {
    const a = await buildReport(t.database, { callerNumber: '09 70 99 88 77' });
    const b = await buildReport(t.database, { callerNumber: '09 70 99 88 77' });
    await t.app.services.jobs.enqueue(GROUP_REPORT_QUEUE, { reportId: b.id });
    const deadline = Date.now() + 20_000;
    while ((await campaignOfReport(t.database, b.id)) === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await campaignOfReport(t.database, b.id)).toBe(await campaignOfReport(t.database, a.id));
    // The watchlist match is queued just after the grouping commits, so it may land a moment after the campaign shows.
    const watchlistJobs = async () =>
      (
        await t.database.raw.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM (SELECT name, data FROM pgboss.job UNION ALL SELECT name, data FROM pgboss.archive) j WHERE name = 'watchlists.match-report' AND data->>'reportId' = $1`,
          [b.id],
        )
      ).rows[0]!.n;
    await expect.poll(watchlistJobs, { timeout: 5_000 }).toBe(1);
    expect((await auditEntries(t.database, 'campaigns.campaign.reports_grouped')).length).toBeGreaterThan(0);
  });
});
