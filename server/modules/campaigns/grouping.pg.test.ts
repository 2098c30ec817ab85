import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../platform/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { buildReport, contributionRecallSms, fileShortNotes } from './campaigns.factories.js';
import { groupPendingBatch, groupPendingReports, type GroupingDeps } from './grouping.service.js';

// On a PostgreSQL server, with several connections: two workers grouping at the same time never create
// two campaigns for one cluster, nor group a report twice.
describe('concurrent grouping on PostgreSQL', () => {
  let t: TestDatabase;
  let deps: GroupingDeps;
  beforeAll(async () => {
    t = await createTestDatabase();
    await migrate(t.database);
    deps = { config: { campaignLinkLimit: 50, indicatorExpiryDays: 180 }, database: t.database, jobs: { enqueueMany: async () => undefined } };
  });
  afterAll(() => t.drop());

  const liveCampaignsOf = async (phone: string) =>
    (
      await t.database.raw.query<{ campaign_id: string | null }>(
        `SELECT DISTINCT r.campaign_id FROM reports r JOIN report_indicators ri ON ri.report_id = r.id WHERE ri.kind = 'phone' AND ri.value = $1`,
        [phone],
      )
    ).rows.map((r) => r.campaign_id);

  it('gives one campaign to a cluster grouped by two workers at once, round after round', async () => {
    for (let round = 0; round < 5; round++) {
      // A cluster held together by its wording only: no shared indicator row makes the workers wait.
      const made = [];
      const messages = [
        'votre colis attend au point relais depuis trois jours, reglez les frais de garde pour qu il vous soit remis avant retour a l expediteur',
        'une amende de stationnement reste impayee sur votre vehicule, la majoration sera appliquee si vous ne payez pas en ligne avant ce soir',
        'l assurance maladie vous doit un trop percu sur vos honoraires du trimestre, confirmez vos coordonnees bancaires pour recevoir le virement',
        'la licence de votre logiciel de cabinet expire demain, vos dossiers patients seront bloques sauf renouvellement par carte bancaire',
        'votre fiche dans l annuaire professionnel des praticiens doit etre renouvelee, sans reponse la facture annuelle sera emise automatiquement',
      ];
      const text = (i: number) => `Docteur ${['Martin', 'Durand', 'Petit', 'Moreau'][i]}, ${messages[round]}.`;
      for (let i = 0; i < 4; i++) made.push(await buildReport(t.database, { pastedText: text(i) }));
      // Each worker holds half of the cluster: without the lock, each would see no campaign and create one.
      await Promise.all([
        groupPendingBatch(deps, { reportIds: [made[0]!.id, made[1]!.id] }),
        groupPendingBatch(deps, { reportIds: [made[2]!.id, made[3]!.id] }),
      ]);
      const { rows } = await t.database.raw.query<{ campaign_id: string | null }>(`SELECT DISTINCT campaign_id FROM reports WHERE id = ANY($1::uuid[])`, [made.map((r) => r.id)]);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.campaign_id).not.toBeNull();
      const { rows: campaign } = await t.database.raw.query<{ report_count: number; merged_into: string | null }>(`SELECT report_count, merged_into FROM campaigns WHERE id = $1`, [rows[0]!.campaign_id]);
      expect(campaign[0]).toEqual({ report_count: 4, merged_into: null });
    }
  });

  it('groups each report exactly once when two drains run over the same pending reports', async () => {
    for (let i = 0; i < 30; i++) await buildReport(t.database, { callerNumber: '09 70 30 30 30', pastedText: `Signalement numéro ${i} du même appelant.` });
    const [a, b] = await Promise.all([groupPendingReports(deps, { batchSize: 7 }), groupPendingReports(deps, { batchSize: 5 })]);
    expect(a.grouped + b.grouped).toBe(30);
    const { rows } = await t.database.raw.query<{ sightings: number }>(`SELECT sightings FROM indicators WHERE kind = 'phone' AND value = '+33970303030'`);
    expect(rows[0]!.sightings).toBe(30);
    const campaignsFound = await liveCampaignsOf('+33970303030');
    expect(campaignsFound).toHaveLength(1);
    const { rows: counts } = await t.database.raw.query<{ report_count: number }>(`SELECT report_count FROM campaigns WHERE id = $1`, [campaignsFound[0]]);
    expect(counts[0]!.report_count).toBe(30);
  });

  it('links a near-duplicate of a text another instance indexed: the band-key filter reads the buckets opened since it last looked', async () => {
    // Two instances: the application's handle and the owner's, each with its own filter of bucket keys.
    // A filter serves drains of 100 reports or more: each drain below carries 100 short notes besides.
    const other: GroupingDeps = { ...deps, database: t.owner };
    const fileNotes = () => fileShortNotes(t.database);
    const wording = contributionRecallSms;
    // The first instance groups once: its filter is built and in step.
    await fileNotes();
    await groupPendingReports(deps);
    // The other instance indexes a text: it opens its buckets and moves the counter of bucket writes.
    const first = await buildReport(t.database, { pastedText: wording('Martin') });
    await fileNotes();
    await groupPendingReports(other);
    const { rows: opened } = await t.database.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM text_band_buckets WHERE report_id = $1`, [first.id]);
    expect(opened[0]!.n).toBeGreaterThan(0);
    // Back on the first instance: a near-duplicate sharing no indicator joins it only if the filter
    // learnt the other instance's buckets (a filter out of step would skip them as absent).
    const second = await buildReport(t.database, { pastedText: wording('Durand') });
    await fileNotes();
    await groupPendingReports(deps);
    const { rows } = await t.database.raw.query<{ campaign_id: string | null }>(`SELECT DISTINCT campaign_id FROM reports WHERE id = ANY($1::uuid[])`, [[first.id, second.id]]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.campaign_id).not.toBeNull();
  });
});
