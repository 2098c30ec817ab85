import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser } from '../../test/factories.js';
import type { CampaignRow } from '../../platform/db/schema-reports.js';
import { buildCampaign, buildReport } from '../sharing/sharing.factories.js';
import { loggedIn } from '../../test/logged-in.js';

const HOUR = 3_600_000;
const PERIOD = 'from=2026-01-05&to=2026-02-01';

describe('dashboard', () => {
  let t: TestApp;
  let national: TestClient;
  let paris: TestClient;
  let big: CampaignRow;
  let small: CampaignRow;

  /** A report filed at `created` (UTC) and, when given, qualified `hours` later. */
  const report = (created: string, fields: Parameters<typeof buildReport>[1] & { hours?: number } = {}) => {
    const { hours, ...rest } = fields;
    const createdAt = new Date(created);
    return buildReport(t.database, {
      createdAt,
      ...(hours === undefined ? {} : { status: 'qualifie', qualifiedAt: new Date(createdAt.getTime() + hours * HOUR) }),
      ...rest,
    });
  };

  beforeAll(async () => {
    t = await buildTestApp();
    national = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: null }));
    paris = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
    big = await buildCampaign(t.database, { label: 'Faux remboursement ameli' });
    small = await buildCampaign(t.database, { label: 'Fausse e-CPS' });

    // Week of 5 January (2026-S02). The first one is filed on Sunday 4th at 23:30 UTC: Monday 5th in Paris.
    await report('2026-01-04T23:30:00Z', { channel: 'sms', scamFamily: 'assurance_maladie', departement: '75', campaignId: big.id, hours: 2 });
    await report('2026-01-06T10:00:00Z', { channel: 'sms', scamFamily: 'ecps', departement: '75', campaignId: big.id, hours: 4 });
    // Week of 12 January (S03).
    await report('2026-01-13T09:00:00Z', { channel: 'courriel', scamFamily: null, departement: '75', campaignId: small.id, hours: 10 });
    await report('2026-01-14T09:00:00Z', { channel: 'courriel', departement: '75', status: 'en_cours' });
    // Not counted in the charts: an unconfirmed report and a merged duplicate.
    await report('2026-01-14T10:00:00Z', { channel: 'sms', departement: '75', status: 'en_attente_confirmation', campaignId: big.id });
    const original = await report('2026-01-14T11:00:00Z', { channel: 'sms', departement: '75', status: 'classe_sans_suite', campaignId: big.id });
    await report('2026-01-14T12:00:00Z', { channel: 'sms', departement: '75', status: 'fusionne', mergedInto: original.id, campaignId: big.id });
    // Week of 19 January (S04), Marseille.
    await report('2026-01-20T08:00:00Z', { channel: 'telephone', scamFamily: 'ecps', departement: '13', campaignId: big.id, hours: 1 });
    // Filed before the period, qualified in it (168 h later): counts for the delay, not in the charts.
    await report('2025-12-30T10:00:00Z', { channel: 'sms', departement: '75', hours: 168 });
    // Monday 2 February at 00:30 in Paris: after the period.
    await report('2026-02-01T23:30:00Z', { channel: 'sms', departement: '75', campaignId: small.id, hours: 1 });
  });
  afterAll(() => t.close());

  it('refuses anonymous callers and roles without the permission', async () => {
    const anonymous = new TestClient(t.app);
    expect((await anonymous.get('/api/dashboard')).statusCode).toBe(401);
    for (const role of ['medecin', 'membre_cde', 'membre_cne'] as const) {
      const client = await loggedIn(t, await buildUser(t.database, t.keys, { role }));
      expect((await client.get('/api/dashboard')).statusCode, role).toBe(403);
    }
  });

  it.each([
    ['from=2026-13-01', 'from'],
    ['to=hier', 'to'],
    ['departement=20', 'departement'],
    ['from=2026-02-01&to=2026-01-01', 'to'],
    ['from=2020-01-01&to=2026-01-01', 'from'],
    ['semaine=2', 'semaine'],
  ])('refuses %s naming the field', async (query, field) => {
    const res = await national.get(`/api/dashboard?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
  });

  it('answers 404 to a departmental agent asking for another département', async () => {
    expect((await paris.get(`/api/dashboard?${PERIOD}&departement=13`)).statusCode).toBe(404);
  });

  it('gives the national figures of a known fixture, the median included', async () => {
    const res = await national.get(`/api/dashboard?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    const stats = res.json();
    expect(stats).toMatchObject({ from: '2026-01-05', to: '2026-02-01', departement: null, totalReports: 6 });
    expect(stats.weeks).toEqual([
      { start: '2026-01-05', label: '2026-S02' },
      { start: '2026-01-12', label: '2026-S03' },
      { start: '2026-01-19', label: '2026-S04' },
      { start: '2026-01-26', label: '2026-S05' },
    ]);
    expect(stats.byChannel).toEqual([
      { week: '2026-01-05', key: 'sms', count: 2 },
      { week: '2026-01-12', key: 'courriel', count: 2 },
      { week: '2026-01-12', key: 'sms', count: 1 },
      { week: '2026-01-19', key: 'telephone', count: 1 },
    ]);
    expect(stats.byFamily).toEqual([
      { week: '2026-01-05', key: 'assurance_maladie', count: 1 },
      { week: '2026-01-05', key: 'ecps', count: 1 },
      { week: '2026-01-12', key: '', count: 1 },
      { week: '2026-01-12', key: 'assurance_maladie', count: 2 },
      { week: '2026-01-19', key: 'ecps', count: 1 },
    ]);
    expect(stats.byDepartement).toEqual([
      { week: '2026-01-05', key: '75', count: 2 },
      { week: '2026-01-12', key: '75', count: 3 },
      { week: '2026-01-19', key: '13', count: 1 },
    ]);
    expect(stats.topCampaigns).toEqual([
      { id: big.id, reference: big.reference, label: big.label, status: 'qualifiee', reports: 4 },
      { id: small.id, reference: small.reference, label: small.label, status: 'qualifiee', reports: 1 },
    ]);
    // Delays 1, 2, 4, 10 and 168 hours.
    expect(stats.qualification).toEqual({ qualified: 5, medianHours: 4 });
    expect(stats.byStatus).toEqual([
      { status: 'classe_sans_suite', count: 1 },
      { status: 'en_cours', count: 1 },
      { status: 'fusionne', count: 1 },
      { status: 'qualifie', count: 4 },
    ]);
    // Aggregates only: reading them is not audited.
    expect(await auditEntries(t.database, 'dashboard.stats.read')).toHaveLength(0);
  });

  it("narrows a departmental agent to its département, as a national one filtering on it", async () => {
    const own = (await paris.get(`/api/dashboard?${PERIOD}`)).json();
    const filtered = (await national.get(`/api/dashboard?${PERIOD}&departement=75`)).json();
    expect(filtered).toEqual(own);
    expect(own.departement).toBe('75');
    expect(own.totalReports).toBe(5);
    expect(own.byDepartement).toEqual([
      { week: '2026-01-05', key: '75', count: 2 },
      { week: '2026-01-12', key: '75', count: 3 },
    ]);
    expect(own.topCampaigns.map((c: { reference: string; reports: number }) => [c.reference, c.reports])).toEqual([
      [big.reference, 3],
      [small.reference, 1],
    ]);
    // Delays 2, 4, 10 and 168 hours: the median is interpolated.
    expect(own.qualification).toEqual({ qualified: 4, medianHours: 7 });
    expect((await paris.get(`/api/dashboard?${PERIOD}&departement=75`)).statusCode).toBe(200);
  });

  it('covers the last twelve weeks by default', async () => {
    await buildReport(t.database, { departement: '75', channel: 'autre', scamFamily: null });
    const stats = (await national.get('/api/dashboard')).json();
    expect(stats.weeks).toHaveLength(12);
    expect(stats.weeks[0].start).toBe(stats.from);
    expect(stats.totalReports).toBe(1);
    expect(stats.byChannel).toEqual([{ week: stats.weeks.at(-1).start, key: 'autre', count: 1 }]);
    expect(stats.qualification).toEqual({ qualified: 0, medianHours: null });
  });
});
