import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { SCAM_FAMILY_LABELS } from '../../../contracts/campaigns.schemas.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser, type TestUser } from '../../test/factories.js';
import { fraudIndicators } from '../../platform/db/schema.js';
import { campaigns, indicators, reports } from '../../platform/db/schema-reports.js';
import { buildReport, campaignOfReport } from './campaigns.factories.js';
import { publishableIndicators } from './campaigns.repo.js';
import { groupPendingReports } from './grouping.service.js';

// Issue 16, item 6: who owns a campaign that spans several départements. A départemental agent changes
// a campaign only when every report in it is of his département; a shared campaign is changed by a
// national agent; the public check page never shows a name one agent typed without a second look.
describe('campaigns shared across départements', () => {
  let t: TestApp;
  let agent75: TestClient;
  let agent13: TestClient;
  let agent13User: TestUser;
  let national: TestClient;
  let phoneCounter = 20;

  const group = () => groupPendingReports(t.app.services);

  /** Reports sharing a fresh number, one per entry of `departements`; Paris ones also share a sender. */
  async function sharedCampaign(departements: string[]) {
    phoneCounter += 1;
    const suffix = String(phoneCounter).padStart(2, '0');
    const made = [];
    for (const departement of departements) {
      made.push(
        await buildReport(t.database, {
          channel: 'telephone',
          callerNumber: `09 72 00 00 ${suffix}`,
          departement,
          scamFamily: 'certification_periodique',
          // Only Paris reports carry this address: an indicator justified by Paris reports alone.
          ...(departement === '75' ? { sender: `dossier${suffix}@certif-paris-${suffix}.fr` } : {}),
        }),
      );
    }
    await group();
    const id = (await campaignOfReport(t.database, made[0]!.id))!;
    for (const r of made) expect(await campaignOfReport(t.database, r.id)).toBe(id);
    return { id, reports: made, phone: `+339720000${suffix}`, parisDomain: `certif-paris-${suffix}.fr`, display: `09 72 00 00 ${suffix}` };
  }

  /** Each instance learns of a published indicator or label through LISTEN/NOTIFY, a few milliseconds after commit. */
  const NOTIFIED = { timeout: 5_000 };

  async function checkPageSays(display: string): Promise<string | null> {
    const visitor = new TestClient(t.app);
    await visitor.refreshSession();
    const res = await visitor.post('/api/analyses', { kind: 'sms', text: `Votre dossier est incomplet. Rappelez le ${display} avant ce soir.` });
    expect(res.statusCode).toBe(200);
    const finding = res.json().findings.find((f: { ruleId: string }) => f.ruleId === 'signalements.deja-signale');
    return finding ? finding.explanation : null;
  }

  async function campaignRow(id: string) {
    const [row] = await t.database.db.select().from(campaigns).where(eq(campaigns.id, id));
    return row!;
  }

  async function deniedOn(id: string) {
    return (await auditEntries(t.database, 'authz.access.denied')).filter((e) => e.entityType === 'campaign' && e.entityId === id);
  }

  beforeAll(async () => {
    t = await buildTestApp();
    agent75 = new TestClient(t.app);
    await agent75.login(t.database, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
    agent13User = await buildUser(t.database, t.keys, { role: 'agent', departement: '13' });
    agent13 = new TestClient(t.app);
    await agent13.login(t.database, agent13User);
    national = new TestClient(t.app);
    await national.login(t.database, await buildUser(t.database, t.keys, { role: 'agent', departement: null }));
  });
  afterAll(() => t.close());

  it('the review: an agent of 13 cannot rename, qualify nor close a campaign grouping Paris reports', async () => {
    const c = await sharedCampaign(['75', '75', '75', '13']);
    const before = await campaignRow(c.id);
    await expect.poll(() => checkPageSays(c.display), NOTIFIED).toBeNull();

    const rename = await agent13.patch(`/api/campaigns/${c.id}`, { label: 'Arnaque vue à Marseille' });
    expect(rename.statusCode).toBe(403);
    expect(rename.json().error.code).toBe('CAMPAIGN_SHARED');
    for (const action of ['qualify', 'close']) {
      const res = await agent13.post(`/api/campaigns/${c.id}/${action}`);
      expect(res.statusCode, action).toBe(403);
      expect(res.json().error.code, action).toBe('CAMPAIGN_SHARED');
    }

    // Nothing changed: label, status, reports, published values, public text.
    const after = await campaignRow(c.id);
    expect(after).toMatchObject({ label: before.label, status: 'ouverte', qualifiedAt: null });
    expect(await t.database.db.select().from(fraudIndicators).where(eq(fraudIndicators.campaignId, c.id))).toEqual([]);
    const statuses = await t.database.db.select({ status: reports.status }).from(reports).where(inArray(reports.id, c.reports.map((r) => r.id)));
    expect(statuses.every((s) => s.status === 'nouveau')).toBe(true);
    await expect.poll(() => checkPageSays(c.display), NOTIFIED).toBeNull();

    // The refusal is audited, naming the rule and the départements involved; the two that follow within
    // the window are counted, not written one by one (platform/audit/denials.ts).
    const denied = await deniedOn(c.id);
    expect(denied).toHaveLength(1);
    expect(denied[0]!.actorId).toBe(agent13User.user.id);
    expect(denied[0]!.details).toMatchObject({ permission: 'campaign:manage', rule: 'campaign_shared', operation: 'update', departements: ['13', '75'] });

    // He still reads it: his own report in detail, the Paris ones only counted.
    const page = (await agent13.get(`/api/campaigns/${c.id}`)).json();
    expect(page.reports.map((r: { id: string }) => r.id)).toEqual([c.reports[3]!.id]);
    expect(page.reportsOtherDepartements).toBe(3);
    expect(page.departements).toEqual([{ departement: '75', count: 3 }, { departement: '13', count: 1 }]);
    expect(page.indicators.map((i: { value: string }) => i.value)).not.toContain(c.parisDomain);
    expect(page.access).toEqual({ canChange: false, reason: expect.stringMatching(/plusieurs départements/) });
  });

  it('after a national qualification, the public text is the family label and no rename changes it', async () => {
    const c = await sharedCampaign(['75', '75', '13']);
    const qualified = await national.post(`/api/campaigns/${c.id}/qualify`);
    expect(qualified.statusCode).toBe(200);
    const expected = `Ce numéro a déjà été signalé 3 fois à l’Ordre des médecins via Vigie (campagne « ${SCAM_FAMILY_LABELS.certification_periodique} »).`;
    await expect.poll(() => checkPageSays(c.display), NOTIFIED).toBe(expected);

    expect((await agent13.patch(`/api/campaigns/${c.id}`, { label: 'Arnaque vue à Marseille' })).statusCode).toBe(403);
    await expect.poll(() => checkPageSays(c.display), NOTIFIED).toBe(expected);
    // Even a rename by an agent allowed to make it stays internal.
    expect((await national.patch(`/api/campaigns/${c.id}`, { label: 'Nom interne choisi par un agent' })).statusCode).toBe(200);
    await expect.poll(() => checkPageSays(c.display), NOTIFIED).toBe(expected);
    const published = await t.database.db.select().from(fraudIndicators).where(eq(fraudIndicators.campaignId, c.id));
    expect(published.length).toBeGreaterThan(0);
    expect(published.every((p) => p.campaignLabel === SCAM_FAMILY_LABELS.certification_periodique)).toBe(true);
  });

  it('a campaign of 75 and 13 reports: refused to both départemental agents, allowed to a national agent', async () => {
    const c = await sharedCampaign(['75', '75', '13', '13']);
    const other = await sharedCampaign(['75', '13']);
    const otherRef = (await national.get(`/api/campaigns/${other.id}`)).json().campaign.reference;
    const page = (await national.get(`/api/campaigns/${c.id}`)).json();
    const phoneIndicator = page.indicators.find((i: { value: string }) => i.value === c.phone);
    const parisIndicator = page.indicators.find((i: { value: string }) => i.value === c.parisDomain);
    for (const [client, own] of [[agent75, c.reports[0]!.id], [agent13, c.reports[2]!.id]] as const) {
      const attempts = [
        await client.patch(`/api/campaigns/${c.id}`, { label: 'Renommée' }),
        await client.post(`/api/campaigns/${c.id}/split`, { reportIds: [own] }),
        await client.post(`/api/campaigns/${c.id}/merge`, { reference: otherRef }),
        await client.post(`/api/campaigns/${c.id}/reports/${own}/remove`),
        await client.post(`/api/campaigns/${c.id}/qualify`),
        await client.post(`/api/campaigns/${c.id}/close`),
        await client.post(`/api/indicators/${phoneIndicator.id}/false-positive`),
      ];
      for (const res of attempts) {
        expect(res.statusCode, res.body).toBe(403);
        expect(res.json().error.code).toBe('CAMPAIGN_SHARED');
      }
    }
    // An indicator only Paris reports carry is still part of a shared campaign: not the Paris agent's alone.
    expect((await agent75.post(`/api/indicators/${parisIndicator.id}/false-positive`)).json().error.code).toBe('CAMPAIGN_SHARED');
    // One audited refusal per agent for the campaign (repeats counted in the window).
    expect((await deniedOn(c.id)).map((e) => e.actorId).sort()).toHaveLength(2);
    const unchanged = await campaignRow(c.id);
    expect(unchanged).toMatchObject({ label: page.campaign.label, status: 'ouverte', reportCount: 4, mergedInto: null });
    expect((await campaignRow(other.id)).mergedInto).toBeNull();

    expect((await national.patch(`/api/campaigns/${c.id}`, { label: 'Renommée par le national' })).statusCode).toBe(200);
    expect((await national.post(`/api/campaigns/${c.id}/merge`, { reference: otherRef })).json().reportCount).toBe(6);
    const qualified = (await national.post(`/api/campaigns/${c.id}/qualify`)).json();
    expect(qualified).toMatchObject({ campaign: { status: 'qualifiee' }, reportsQualified: 6 });
    expect((await national.post(`/api/campaigns/${c.id}/close`)).json().status).toBe('close');
  });

  it('the publication query keeps to the indicators of reports the actor acts on, whatever the caller', async () => {
    const c = await sharedCampaign(['75', '75', '13']);
    const values = async (departement: string | null) => {
      const ids = (await publishableIndicators(t.database.db, c.id, departement)).map((i) => i.id);
      return (await t.database.db.select({ value: indicators.value }).from(indicators).where(inArray(indicators.id, ids))).map((i) => i.value).sort();
    };
    expect(await values('13')).toEqual([c.phone]);
    expect(await values('75')).toEqual(expect.arrayContaining([c.phone, c.parisDomain]));
    expect(await values(null)).toEqual(await values('75'));
  });

  it('held indicators: only national agents decide on one reported in several départements; hidden campaigns are not named', async () => {
    const domain = 'faux-support-partage.fr';
    const paris = await buildReport(t.database, { channel: 'courriel', sender: `a@${domain}`, departement: '75' });
    // The Marseille carrier sits in a Marseille-only campaign (shared number) that Paris must not see.
    const marseille = await buildReport(t.database, { channel: 'courriel', sender: `b@${domain}`, callerNumber: '09 73 00 00 01', departement: '13' });
    await buildReport(t.database, { channel: 'telephone', callerNumber: '09 73 00 00 01', departement: '13' });
    await t.database.db.insert(indicators).values({ kind: 'domain', value: domain, status: 'en_attente', soloLinks: 99 } as typeof indicators.$inferInsert);
    await group();
    const marseilleCampaign = (await campaignOfReport(t.database, marseille.id))!;
    expect(marseilleCampaign).not.toBeNull();
    expect(await campaignOfReport(t.database, paris.id)).toBeNull();

    const forParis = (await agent75.get('/api/indicators/held')).json();
    const item = forParis.items.find((i: { value: string }) => i.value === domain);
    expect(item).toMatchObject({ canDecide: false, campaigns: [] });
    expect(forParis.sharedReason).toMatch(/plusieurs départements/);
    const refused = await agent75.post(`/api/indicators/${item.id}/decision`, { decision: 'approuver' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('CAMPAIGN_SHARED');
    const denial = (await auditEntries(t.database, 'authz.access.denied')).filter((e) => e.entityType === 'indicator' && e.entityId === item.id);
    expect(denial.map((e) => e.details)).toEqual([{ permission: 'indicator:manage', rule: 'campaign_shared', operation: 'decide_approuver', departements: ['13', '75'] }]);
    expect((await t.database.db.select({ status: indicators.status }).from(indicators).where(eq(indicators.id, item.id)))[0]!.status).toBe('en_attente');

    const forNational = (await national.get('/api/indicators/held')).json().items.find((i: { value: string }) => i.value === domain);
    expect(forNational).toMatchObject({ canDecide: true, campaigns: [expect.objectContaining({ id: marseilleCampaign })] });
    expect((await national.post(`/api/indicators/${item.id}/decision`, { decision: 'approuver' })).json()).toMatchObject({ status: 'approuve' });
  });

  it('a single-département campaign: its agent acts, the other département’s agent gets 404', async () => {
    const c = await sharedCampaign(['75', '75', '75']);
    const page = (await agent75.get(`/api/campaigns/${c.id}`)).json();
    expect(page.access).toEqual({ canChange: true, reason: null });
    expect((await agent75.patch(`/api/campaigns/${c.id}`, { summary: 'Vu à Paris.' })).statusCode).toBe(200);
    for (const res of [
      await agent13.get(`/api/campaigns/${c.id}`),
      await agent13.patch(`/api/campaigns/${c.id}`, { label: 'x' }),
      await agent13.post(`/api/campaigns/${c.id}/qualify`),
      await agent13.post(`/api/campaigns/${c.id}/close`),
      await agent13.post(`/api/campaigns/${c.id}/public-label`, { label: 'x' }),
    ]) {
      expect(res.statusCode).toBe(404);
    }
    const qualified = (await agent75.post(`/api/campaigns/${c.id}/qualify`)).json();
    expect(qualified).toMatchObject({ campaign: { status: 'qualifiee' }, reportsQualified: 3, published: 3 });
    expect((await agent75.post(`/api/campaigns/${c.id}/close`)).json().status).toBe('close');
  });

  it('a public label shows only once a second agent approved it', async () => {
    const c = await sharedCampaign(['75', '75']);
    const proposerUser = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    const proposer = new TestClient(t.app);
    await proposer.login(t.database, proposerUser);
    await agent75.post(`/api/campaigns/${c.id}/qualify`);
    const familyText = `Ce numéro a déjà été signalé 2 fois à l’Ordre des médecins via Vigie (campagne « ${SCAM_FAMILY_LABELS.certification_periodique} »).`;
    await expect.poll(() => checkPageSays(c.display), NOTIFIED).toBe(familyText);

    const bad = await proposer.post(`/api/campaigns/${c.id}/public-label`, { label: ' ', extra: 1 });
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['extra', 'label']);
    const twoLines = await proposer.post(`/api/campaigns/${c.id}/public-label`, { label: 'Première ligne\nseconde ligne' });
    expect(twoLines.json().error.details.fields).toEqual([{ path: 'label', message: 'Le libellé public tient sur une ligne, sans caractère de contrôle.' }]);
    const proposed = await proposer.post(`/api/campaigns/${c.id}/public-label`, { label: 'Faux appels de la « certification »' });
    expect(proposed.statusCode).toBe(200);
    expect(proposed.json().publicLabel).toMatchObject({ current: SCAM_FAMILY_LABELS.certification_periodique, source: 'famille', proposal: { label: 'Faux appels de la « certification »', proposedByMe: true } });
    const proposedEntry = (await auditEntries(t.database, 'campaigns.campaign.public_label_proposed')).at(-1)!;
    expect(proposedEntry).toMatchObject({ entityId: c.id, actorId: proposerUser.user.id, details: { label: 'Faux appels de la « certification »' } });
    // Proposed is not published.
    await expect.poll(() => checkPageSays(c.display), NOTIFIED).toBe(familyText);

    const self = await proposer.post(`/api/campaigns/${c.id}/public-label/approve`, { label: 'Faux appels de la « certification »' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('FOUR_EYES_REQUIRED');
    expect((await deniedOn(c.id)).at(-1)!.details).toMatchObject({ rule: 'four_eyes', operation: 'approve_public_label' });
    await expect.poll(() => checkPageSays(c.display), NOTIFIED).toBe(familyText);
    // The approver approves the text he read, not one changed since.
    const stale = await agent75.post(`/api/campaigns/${c.id}/public-label/approve`, { label: 'Autre texte' });
    expect(stale.json().error.code).toBe('STALE_VERSION');

    const approved = await agent75.post(`/api/campaigns/${c.id}/public-label/approve`, { label: 'Faux appels de la « certification »' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().publicLabel).toMatchObject({ current: 'Faux appels de la « certification »', source: 'approuve', proposal: null });
    await expect(auditEntries(t.database, 'campaigns.campaign.public_label_approved')).resolves.toEqual(
      expect.arrayContaining([expect.objectContaining({ entityId: c.id, details: expect.objectContaining({ label: 'Faux appels de la « certification »', proposedBy: proposerUser.user.id }) })]),
    );
    await expect.poll(() => checkPageSays(c.display), NOTIFIED).toBe('Ce numéro a déjà été signalé 2 fois à l’Ordre des médecins via Vigie (campagne « Faux appels de la « certification » »).');
    // Nothing left to approve.
    expect((await agent75.post(`/api/campaigns/${c.id}/public-label/approve`, { label: 'Faux appels de la « certification »' })).json().error.code).toBe('INVALID_STATE');
  });
});
