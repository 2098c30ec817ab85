import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { SCAM_FAMILY_LABELS } from '../../../contracts/campaigns.schemas.js';
import { fraudIndicators } from '../../platform/db/schema.js';
import { indicators, reports } from '../../platform/db/schema-reports.js';
import { buildReport, campaignOfReport } from './campaigns.factories.js';
import { groupPendingReports } from './grouping.service.js';

describe('campaigns API', () => {
  let t: TestApp;
  let agent75: TestClient;
  let agent69: TestClient;
  let national: TestClient;
  let doctor: TestClient;
  let agent75User: TestUser;
  let phoneCounter = 10;

  const group = () => groupPendingReports(t.app.services);
  /** A campaign of `n` reports sharing a fresh number, in the given départements (75 by default). */
  async function campaignOf(n: number, departements: string[] = ['75'], over: Record<string, unknown> = {}) {
    phoneCounter += 1;
    const phone = `09 71 00 00 ${String(phoneCounter).padStart(2, '0')}`;
    const made = [];
    for (let i = 0; i < n; i++) {
      made.push(await buildReport(t.database, { channel: 'telephone', callerNumber: phone, departement: departements[i % departements.length]!, reporterName: 'Dr Secret Déclarant', scamFamily: 'formation_droits', ...over }));
    }
    await group();
    const id = (await campaignOfReport(t.database, made[0]!.id))!;
    expect(id).not.toBeNull();
    return { id, reports: made, phone: `+339710000${String(phoneCounter).padStart(2, '0')}` };
  }

  beforeAll(async () => {
    t = await buildTestApp();
    agent75User = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    agent75 = new TestClient(t.app);
    await agent75.login(t.database, agent75User);
    agent69 = new TestClient(t.app);
    await agent69.login(t.database, await buildUser(t.database, t.keys, { role: 'agent', departement: '69' }));
    national = new TestClient(t.app);
    await national.login(t.database, await buildUser(t.database, t.keys, { role: 'agent', departement: null }));
    doctor = new TestClient(t.app);
    await doctor.login(t.database, await buildUser(t.database, t.keys, { role: 'medecin' }));
  });
  afterAll(() => t.close());

  it('refuses anonymous callers and roles without the permission', async () => {
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    expect((await anonymous.get('/api/campaigns')).json().error.code).toBe('UNAUTHENTICATED');
    const { id } = await campaignOf(2);
    for (const [method, url] of [['GET', '/api/campaigns'], ['GET', `/api/campaigns/${id}`], ['POST', `/api/campaigns/${id}/qualify`], ['GET', '/api/indicators/held']] as const) {
      const res = await doctor.request(method, url, method === 'POST' ? {} : undefined);
      expect(res.statusCode, url).toBe(403);
    }
    await expectAudited(t.database, 'authz.access.denied');
  });

  it('lists the campaigns of my département, national agents see all, with filters', async () => {
    const paris = await campaignOf(2, ['75']);
    const lyon = await campaignOf(2, ['69'], { scamFamily: 'colis' });
    const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((c) => c.id);
    const mine = ids(await agent75.get('/api/campaigns'));
    expect(mine).toContain(paris.id);
    expect(mine).not.toContain(lyon.id);
    expect(ids(await national.get('/api/campaigns'))).toEqual(expect.arrayContaining([paris.id, lyon.id]));
    // Most recently reported first.
    expect(ids(await national.get('/api/campaigns')).indexOf(lyon.id)).toBeLessThan(ids(await national.get('/api/campaigns')).indexOf(paris.id));
    expect(ids(await national.get('/api/campaigns?family=colis'))).toEqual([lyon.id]);
    expect(ids(await national.get('/api/campaigns?status=close'))).not.toContain(lyon.id);
    const bad = await national.get('/api/campaigns?status=perdue&family=inconnue');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['family', 'status']);
  });

  it('shows a campaign page with timeline, départements, indicators and reports, never the reporter', async () => {
    const { id, reports: made } = await campaignOf(3, ['75', '69', '75']);
    const res = await agent75.get(`/api/campaigns/${id}`);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.campaign).toMatchObject({ id, status: 'ouverte', reportCount: 3, scamFamily: 'formation_droits' });
    expect(page.timeline.reduce((n: number, d: { count: number }) => n + d.count, 0)).toBe(3);
    expect(page.departements).toEqual([{ departement: '75', count: 2 }, { departement: '69', count: 1 }]);
    expect(page.indicators[0]).toMatchObject({ kind: 'phone', status: 'actif', reportCount: 3, sightings: 3, published: null });
    expect(page.indicators[0].display).toMatch(/^09 71 00 00 \d\d$/);
    // The other council's report is counted, not shown; the campaign is shared, so read-only here.
    expect(page.reports.map((r: { id: string }) => r.id).sort()).toEqual([made[0]!.id, made[2]!.id].sort());
    expect(page.reports.every((r: { inScope: boolean; pinned: boolean }) => r.inScope && !r.pinned)).toBe(true);
    expect(page).toMatchObject({ reportsOtherDepartements: 1, reportsShown: 2, access: { canChange: false } });
    expect(page.publicLabel).toEqual({ current: SCAM_FAMILY_LABELS.formation_droits, source: 'famille', proposal: null });
    expect(res.body).not.toContain(made[1]!.receiptNumber);
    expect((await national.get(`/api/campaigns/${id}`)).json()).toMatchObject({ reportsOtherDepartements: 0, reportsShown: 3, access: { canChange: true, reason: null } });
    for (const r of made) {
      expect(res.body).not.toContain(r.reporterEmail!);
    }
    expect(res.body).not.toContain('Secret');
    // A campaign without report of the département does not exist for its agents.
    const lyon = await campaignOf(2, ['69']);
    expect((await agent75.get(`/api/campaigns/${lyon.id}`)).statusCode).toBe(404);
    expect((await agent69.get(`/api/campaigns/${lyon.id}`)).statusCode).toBe(200);
    expect((await agent75.get('/api/campaigns/pas-un-id')).json().error.details.fields[0].path).toBe('id');
  });

  it('edits label, summary and family, refusing bad values field by field', async () => {
    const { id } = await campaignOf(2);
    const bad = await agent75.patch(`/api/campaigns/${id}`, { label: ' ', scamFamily: 'inconnue', extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['extra', 'label', 'scamFamily']);
    const res = await agent75.patch(`/api/campaigns/${id}`, { label: 'Faux ANDPC — <script>alert(1)</script>', summary: 'Appels répétés.', scamFamily: 'formation_droits' });
    expect(res.statusCode).toBe(200);
    expect(res.json().label).toBe('Faux ANDPC — <script>alert(1)</script>');
    const entry = await expectAudited(t.database, 'campaigns.campaign.updated', id);
    expect(entry.details).toMatchObject({ changes: { label: { after: 'Faux ANDPC — <script>alert(1)</script>' } } });
    expect((await agent69.patch(`/api/campaigns/${id}`, { label: 'x' })).statusCode).toBe(404);
  });

  it('splits chosen reports into a new campaign that grouping no longer merges back', async () => {
    const { id, reports: made, phone } = await campaignOf(4, ['75', '75', '75', '75']);
    expect((await agent75.post(`/api/campaigns/${id}/split`, { reportIds: ['x'] })).json().error.details.fields[0].path).toBe('reportIds.0');
    const all = await agent75.post(`/api/campaigns/${id}/split`, { reportIds: made.map((r) => r.id) });
    expect(all.json().error.details.fields[0].message).toMatch(/au moins un signalement/);
    const res = await agent75.post(`/api/campaigns/${id}/split`, { reportIds: [made[0]!.id, made[1]!.id] });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ reportCount: 2, status: 'ouverte' });
    expect(created.id).not.toBe(id);
    expect(created.label).toContain(phone.slice(-2));
    expect((await national.get(`/api/campaigns/${id}`)).json().campaign.reportCount).toBe(2);
    const [moved] = await t.database.db.select().from(reports).where(eq(reports.id, made[0]!.id));
    expect(moved).toMatchObject({ campaignId: created.id, campaignPinned: true });
    await expectAudited(t.database, 'campaigns.campaign.split', id);
    await expectAudited(t.database, 'campaigns.campaign.created', created.id);
    // A new report with the same number joins the older campaign; the split one stays apart.
    const later = await buildReport(t.database, { channel: 'telephone', callerNumber: phone });
    await group();
    expect(await campaignOfReport(t.database, later.id)).toBe(id);
    expect(await campaignOfReport(t.database, made[0]!.id)).toBe(created.id);
  });

  it('merges another campaign by its reference, and refuses an unknown or the same one', async () => {
    const a = await campaignOf(2);
    const b = await campaignOf(3);
    const bRef = (await agent75.get(`/api/campaigns/${b.id}`)).json().campaign.reference;
    const aRef = (await agent75.get(`/api/campaigns/${a.id}`)).json().campaign.reference;
    expect((await agent75.post(`/api/campaigns/${a.id}/merge`, { reference: 'CAMP-1' })).json().error.details.fields[0].path).toBe('reference');
    expect((await agent75.post(`/api/campaigns/${a.id}/merge`, { reference: aRef })).json().error.details.fields[0].message).toMatch(/autre campagne/);
    expect((await agent75.post(`/api/campaigns/${a.id}/merge`, { reference: 'CAMP-1999-9999' })).statusCode).toBe(400);
    const res = await agent75.post(`/api/campaigns/${a.id}/merge`, { reference: bRef.toLowerCase() });
    expect(res.statusCode).toBe(200);
    expect(res.json().reportCount).toBe(5);
    expect(await campaignOfReport(t.database, b.reports[0]!.id)).toBe(a.id);
    expect((await agent75.get(`/api/campaigns/${b.id}`)).statusCode).toBe(404);
    const entry = await expectAudited(t.database, 'campaigns.campaign.merged', a.id);
    expect(entry.details).toMatchObject({ automatic: false, absorbed: b.id });
    expect(entry.actorId).toBe(agent75User.user.id);
  });

  it('takes a report out for good, but not the last one', async () => {
    const { id, reports: made, phone } = await campaignOf(2);
    const res = await agent75.post(`/api/campaigns/${id}/reports/${made[0]!.id}/remove`);
    expect(res.statusCode).toBe(200);
    expect(res.json().reportCount).toBe(1);
    const [out] = await t.database.db.select().from(reports).where(eq(reports.id, made[0]!.id));
    expect(out).toMatchObject({ campaignId: null, campaignPinned: true });
    await expectAudited(t.database, 'campaigns.campaign.updated', id);
    const last = await agent75.post(`/api/campaigns/${id}/reports/${made[1]!.id}/remove`);
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('INVALID_STATE');
    // The report taken out is not pulled back by a new sighting of its number.
    await buildReport(t.database, { channel: 'telephone', callerNumber: phone });
    await group();
    expect(await campaignOfReport(t.database, made[0]!.id)).toBeNull();
    expect((await agent75.post(`/api/campaigns/${id}/reports/${made[0]!.id}/remove`)).statusCode).toBe(404);
  });

  it('qualifies: publishes the linking indicators and qualifies the new reports; then closes', async () => {
    const { id, reports: made, phone } = await campaignOf(3, ['75'], { organisationName: 'Agence des droits formation', sender: 'gestion@droits-dpc-formation.fr' });
    await t.database.db.update(reports).set({ status: 'classe_sans_suite' }).where(eq(reports.id, made[2]!.id));
    const res = await agent75.post(`/api/campaigns/${id}/qualify`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ campaign: { status: 'qualifiee' }, reportsQualified: 2 });
    expect(body.campaign.qualifiedAt).not.toBeNull();
    const published = await t.database.db.select().from(fraudIndicators).where(eq(fraudIndicators.campaignId, id));
    expect(published.map((p) => `${p.kind}:${p.value}`).sort()).toEqual(['domain:droits-dpc-formation.fr', 'email:gestion@droits-dpc-formation.fr', `phone:${phone}`]);
    // The public name is the family's label, never the working label an agent may type.
    expect(published.every((p) => p.status === 'active' && p.reportCount === 3 && p.campaignLabel === SCAM_FAMILY_LABELS.formation_droits)).toBe(true);
    const [p] = published;
    expect(p!.expiresAt!.getTime()).toBe(p!.lastSeenAt.getTime() + 180 * 86_400_000);
    const statuses = await t.database.db.select({ id: reports.id, status: reports.status }).from(reports).where(eq(reports.campaignId, id));
    expect(statuses.map((s) => s.status).sort()).toEqual(['classe_sans_suite', 'qualifie', 'qualifie']);
    await expectAudited(t.database, 'campaigns.campaign.qualified', id);
    expect((await auditEntries(t.database, 'reports.report.status_changed')).filter((e) => e.entityId === made[0]!.id)).toHaveLength(1);

    const closed = await agent75.post(`/api/campaigns/${id}/close`);
    expect(closed.json().status).toBe('close');
    await expectAudited(t.database, 'campaigns.campaign.closed', id);
    expect((await agent75.post(`/api/campaigns/${id}/close`)).statusCode).toBe(409);
    // A closed campaign is not qualified again.
    expect((await agent75.post(`/api/campaigns/${id}/qualify`)).statusCode).toBe(409);
    expect((await agent69.post(`/api/campaigns/${id}/qualify`)).statusCode).toBe(404);
  });

  it('leaves a campaign shared with another council to national agents', async () => {
    const { id, reports: made } = await campaignOf(2, ['75', '69'], { organisationName: 'Service national des cotisations', sender: 'appel@cotisation-ordre-paiement.fr' });
    const refused = await agent75.post(`/api/campaigns/${id}/qualify`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('CAMPAIGN_SHARED');
    const denied = await expectAudited(t.database, 'authz.access.denied', id);
    expect(denied.details).toMatchObject({ rule: 'campaign_shared', operation: 'qualify', departements: ['69', '75'] });
    expect((await national.post(`/api/campaigns/${id}/qualify`)).json()).toMatchObject({ reportsQualified: 2 });
    const statuses = await t.database.db.select({ departement: reports.departement, status: reports.status }).from(reports).where(inArray(reports.id, made.map((r) => r.id)));
    expect(statuses.sort((a, b) => (a.departement ?? '').localeCompare(b.departement ?? ''))).toEqual([
      { departement: '69', status: 'qualifie' },
      { departement: '75', status: 'qualifie' },
    ]);
  });

  it('marks an indicator false positive: it no longer flags nor links', async () => {
    const { id, phone } = await campaignOf(2);
    await agent75.post(`/api/campaigns/${id}/qualify`);
    const indicator = (await agent75.get(`/api/campaigns/${id}`)).json().indicators.find((i: { value: string }) => i.value === phone);
    expect(indicator.published).toBe('active');
    expect((await agent69.post(`/api/indicators/${indicator.id}/false-positive`)).statusCode).toBe(404);
    const res = await agent75.post(`/api/indicators/${indicator.id}/false-positive`);
    expect(res.json()).toMatchObject({ status: 'faux_positif' });
    const [published] = await t.database.db.select().from(fraudIndicators).where(eq(fraudIndicators.value, phone));
    expect(published!.status).toBe('false_positive');
    await expectAudited(t.database, 'campaigns.indicator.marked_false_positive', indicator.id);
    expect((await agent75.post(`/api/indicators/${indicator.id}/false-positive`)).statusCode).toBe(409);
    // New reports with it stay apart.
    const a = await buildReport(t.database, { channel: 'telephone', callerNumber: phone });
    await group();
    expect(await campaignOfReport(t.database, a.id)).toBeNull();
  });

  it('lists held indicators and lets an agent approve one, which links its reports at once', async () => {
    // Three reports whose only common point is a domain, held by hand as the guard would.
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await buildReport(t.database, { channel: 'courriel', sender: `agent${i}@faux-support-medical.fr`, departement: '75' }));
    await t.database.db.insert(indicators).values({ kind: 'domain', value: 'faux-support-medical.fr', status: 'en_attente', soloLinks: 99 } as typeof indicators.$inferInsert);
    await group();
    for (const r of made) expect(await campaignOfReport(t.database, r.id)).toBeNull();
    const held = (await agent75.get('/api/indicators/held')).json();
    const item = held.items.find((i: { value: string }) => i.value === 'faux-support-medical.fr');
    expect(item).toMatchObject({ kind: 'domain', status: 'en_attente', sightings: 3 });
    expect((await agent69.get('/api/indicators/held')).json().items.map((i: { value: string }) => i.value)).not.toContain('faux-support-medical.fr');
    expect((await agent75.post(`/api/indicators/${item.id}/decision`, { decision: 'peut-etre' })).json().error.details.fields[0].path).toBe('decision');

    const res = await agent75.post(`/api/indicators/${item.id}/decision`, { decision: 'approuver', reason: 'Même escroquerie, vérifié.' });
    expect(res.json()).toMatchObject({ status: 'approuve' });
    const campaignId = await campaignOfReport(t.database, made[0]!.id);
    expect(campaignId).not.toBeNull();
    for (const r of made) expect(await campaignOfReport(t.database, r.id)).toBe(campaignId);
    const entry = await expectAudited(t.database, 'campaigns.indicator.decided', item.id);
    expect(entry).toMatchObject({ reason: 'Même escroquerie, vérifié.', details: { decision: 'approuver', campaignId } });
    expect((await agent75.post(`/api/indicators/${item.id}/decision`, { decision: 'commun' })).statusCode).toBe(409);
  });
});
