import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildDoctor, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { alertDeliveries, campaigns } from '../../platform/db/schema-reports.js';
import { alerts } from '../../platform/db/schema-alerts.js';
import { SPECIALTY_LABELS } from '../../../contracts/specialties.js';
import type { DoctorRow } from '../../platform/db/schema.js';

const draft = (over: Record<string, unknown> = {}) => ({
  title: 'Faux appels au nom de l’ANS',
  situation: 'Des médecins reçoivent des appels se présentant comme l’ANS et demandant leur code e-CPS.',
  whatToDo: 'Raccrochez et signalez l’appel à votre conseil départemental.',
  whatNotToDo: 'Ne communiquez jamais votre code e-CPS.',
  audience: { scope: 'departements', departements: ['75'] },
  ...over,
});

describe('alerts: drafting, four eyes, audience', () => {
  let t: TestApp;
  let national: TestUser;
  let national2: TestUser;
  let agent75: TestUser;
  let agent75b: TestUser;
  let agent13: TestUser;
  let medecin: TestUser;
  let nationalClient: TestClient;
  let national2Client: TestClient;
  let agent75Client: TestClient;
  let agent75bClient: TestClient;
  let agent13Client: TestClient;
  let medecinClient: TestClient;
  const allDoctors: DoctorRow[] = [];

  const doctor = async (over: Parameters<typeof buildDoctor>[1] = {}) => {
    const d = await buildDoctor(t.database, over);
    allDoctors.push(d);
    return d;
  };
  const deliveriesOf = async (alertId: string) =>
    (await t.database.db.select().from(alertDeliveries).where(eq(alertDeliveries.alertId, alertId))).map((d) => d.doctorId).sort();
  const approvedFlow = async (body: Record<string, unknown>, drafter = nationalClient, approver = national2Client) => {
    const created = (await drafter.post('/api/alerts', body)).json();
    expect((await drafter.post(`/api/alerts/${created.id}/submit`)).statusCode).toBe(200);
    const approved = await approver.post(`/api/alerts/${created.id}/approve`);
    expect(approved.statusCode).toBe(200);
    return approved.json();
  };

  beforeAll(async () => {
    t = await buildTestApp();
    national = await buildUser(t.database, t.keys, { role: 'agent', departement: null });
    national2 = await buildUser(t.database, t.keys, { role: 'admin', departement: null });
    agent75 = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    agent75b = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    agent13 = await buildUser(t.database, t.keys, { role: 'agent', departement: '13' });
    medecin = await buildUser(t.database, t.keys, { role: 'medecin' });
    const clients = await Promise.all([national, national2, agent75, agent75b, agent13, medecin].map(async (u) => {
      const c = new TestClient(t.app);
      await c.login(t.database, u);
      return c;
    }));
    [nationalClient, national2Client, agent75Client, agent75bClient, agent13Client, medecinClient] = clients as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];
  });
  afterAll(() => t.close());

  it('refuses every alert route to an anonymous caller, but serves the public page', async () => {
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    const id = '00000000-0000-4000-8000-000000000000';
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/alerts'],
      ['POST', '/api/alerts', draft()],
      ['POST', '/api/alerts/preview', { scope: 'national' }],
      ['GET', '/api/alerts/specialties'],
      ['GET', `/api/alerts/campaigns/${id}`],
      ['GET', `/api/alerts/${id}`],
      ['PUT', `/api/alerts/${id}`, draft()],
      ['POST', `/api/alerts/${id}/submit`],
      ['POST', `/api/alerts/${id}/approve`],
      ['POST', `/api/alerts/${id}/return`, { comment: 'À revoir' }],
      ['POST', `/api/alerts/${id}/withdraw`, { reason: 'Alerte erronée' }],
    ];
    for (const [method, url, body] of calls) {
      const res = await anonymous.request(method as 'GET', url, method === 'GET' ? undefined : (body ?? {}));
      expect({ url, status: res.statusCode, code: res.json().error.code }).toEqual({ url, status: 401, code: 'UNAUTHENTICATED' });
    }
    const open = await anonymous.get('/api/alerts/public');
    expect(open.statusCode).toBe(200);
    expect(open.json()).toEqual({ items: [] });
  });

  it('refuses a doctor at every agent route, and audits the refusal', async () => {
    const res = await medecinClient.post('/api/alerts', draft());
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    await expectAudited(t.database, 'authz.access.denied', 'POST /api/alerts');
    expect((await medecinClient.get('/api/alerts')).statusCode).toBe(403);
    expect((await medecinClient.post('/api/alerts/00000000-0000-4000-8000-000000000000/approve')).statusCode).toBe(403);
  });

  it('names every bad field of a draft', async () => {
    const res = await nationalClient.post('/api/alerts', {
      title: '   ',
      situation: 'x'.repeat(4001),
      whatToDo: '',
      audience: { scope: 'departements', departements: ['99'] },
      campaignId: 'pas-un-uuid',
      visibleUntil: '2026-02-30',
      extra: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['audience.departements.0', 'campaignId', 'extra', 'situation', 'title', 'visibleUntil', 'whatToDo']);
    const empty = await nationalClient.post('/api/alerts', draft({ audience: { scope: 'specialites' } }));
    expect(empty.json().error.details.fields).toEqual([expect.objectContaining({ path: 'audience.specialties', message: 'Choisissez au moins une spécialité.' })]);
    const unknownCampaign = await nationalClient.post('/api/alerts', draft({ campaignId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknownCampaign.json().error.details.fields).toEqual([expect.objectContaining({ path: 'campaignId' })]);
    const past = await nationalClient.post('/api/alerts', draft({ visibleUntil: '2020-01-01' }));
    expect(past.json().error.details.fields).toEqual([expect.objectContaining({ path: 'visibleUntil' })]);
  });

  it('keeps a departmental agent to its own département, for drafting and for seeing', async () => {
    const nationalDraft = await agent75Client.post('/api/alerts', draft({ audience: { scope: 'national' } }));
    expect(nationalDraft.statusCode).toBe(400);
    expect(nationalDraft.json().error.details.fields[0]).toMatchObject({ path: 'audience.scope', message: expect.stringContaining('(75)') });
    const other = await agent75Client.post('/api/alerts', draft({ audience: { scope: 'departements', departements: ['75', '13'] } }));
    expect(other.json().error.details.fields[0].path).toBe('audience.departements');
    const nationalSpecialty = await agent75Client.post('/api/alerts', draft({ audience: { scope: 'specialites', specialties: ['Pédiatrie'] } }));
    expect(nationalSpecialty.statusCode).toBe(400);
    expect((await agent75Client.post('/api/alerts/preview', { scope: 'national' })).statusCode).toBe(400);

    const created = await agent75Client.post('/api/alerts', draft());
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ status: 'brouillon', draftedBy: { id: agent75.user.id }, can: { edit: true, submit: true, approve: false } });
    await expectAudited(t.database, 'alerts.alert.drafted', id);
    // Out of scope answers 404, whatever the action.
    expect((await agent13Client.get(`/api/alerts/${id}`)).statusCode).toBe(404);
    expect((await agent13Client.post(`/api/alerts/${id}/withdraw`, { reason: 'Je ne devrais pas pouvoir' })).statusCode).toBe(404);
    expect((await agent13Client.get('/api/alerts')).json().items.map((a: { id: string }) => a.id)).not.toContain(id);
    expect((await agent75bClient.get('/api/alerts')).json().items.map((a: { id: string }) => a.id)).toContain(id);
    expect((await nationalClient.get(`/api/alerts/${id}`)).statusCode).toBe(200);
    // A national alert is out of a departmental agent's scope.
    const nat = (await nationalClient.post('/api/alerts', draft({ audience: { scope: 'national' } }))).json();
    expect((await agent75Client.get(`/api/alerts/${nat.id}`)).statusCode).toBe(404);
  });

  it('lets only the drafter edit and submit, only while a draft', async () => {
    const id = (await agent75Client.post('/api/alerts', draft())).json().id;
    const edited = await agent75Client.request('PUT', `/api/alerts/${id}`, draft({ title: 'Faux appels : nouvelle vague', visibleUntil: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10) }));
    expect(edited.statusCode).toBe(200);
    expect(edited.json().title).toBe('Faux appels : nouvelle vague');
    expect(edited.json().visibleUntil).not.toBeNull();
    const audit = await expectAudited(t.database, 'alerts.alert.updated', id);
    expect(audit.details).toEqual({ fields: ['title', 'visibleUntil'] });

    const foreign = await agent75bClient.request('PUT', `/api/alerts/${id}`, draft({ title: 'Pas le mien' }));
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.message).toMatch(/Seul l'agent qui a rédigé/);
    expect((await agent75bClient.post(`/api/alerts/${id}/submit`)).statusCode).toBe(403);

    const submitted = await agent75Client.post(`/api/alerts/${id}/submit`);
    expect(submitted.json()).toMatchObject({ status: 'a_approuver', can: { edit: false, approve: false } });
    await expectAudited(t.database, 'alerts.alert.submitted', id);
    const late = await agent75Client.request('PUT', `/api/alerts/${id}`, draft());
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('INVALID_STATE');
    expect((await agent75bClient.get(`/api/alerts/${id}`)).json().can).toMatchObject({ approve: true });
  });

  it('four eyes: the drafter cannot approve (refusal audited), nor can the database be made to', async () => {
    const created = (await agent75Client.post('/api/alerts', draft())).json();
    await agent75Client.post(`/api/alerts/${created.id}/submit`);
    const own = await agent75Client.post(`/api/alerts/${created.id}/approve`);
    expect(own.statusCode).toBe(403);
    expect(own.json().error).toMatchObject({ code: 'FOUR_EYES_REQUIRED', message: expect.stringContaining('un autre agent') });
    const denial = await expectAudited(t.database, 'authz.access.denied', created.id);
    expect(denial).toMatchObject({ actorId: agent75.user.id, entityType: 'alert', details: { rule: 'four_eyes', permission: 'alert:approve' } });
    expect((await agent75Client.post(`/api/alerts/${created.id}/return`, { comment: 'Je me renvoie' })).statusCode).toBe(403);
    expect((await agent75Client.get(`/api/alerts/${created.id}`)).json().status).toBe('a_approuver');
    await expect(
      t.database.db.update(alerts).set({ approvedBy: agent75.user.id, status: 'en_diffusion' }).where(eq(alerts.id, created.id)),
    ).rejects.toThrow();
    // Another agent of the same département may decide.
    const returned = await agent75bClient.post(`/api/alerts/${created.id}/return`, { comment: 'Précisez le numéro appelant.' });
    expect(returned.json()).toMatchObject({ status: 'brouillon', reviewComment: 'Précisez le numéro appelant.' });
    const ret = await expectAudited(t.database, 'alerts.alert.returned', created.id);
    expect(ret.reason).toBe('Précisez le numéro appelant.');
    expect((await agent75bClient.post(`/api/alerts/${created.id}/return`, { comment: 'xx' })).statusCode).toBe(400);
  });

  it('approval materialises exactly the départements audience, skipping the unreachable', async () => {
    const inDep = await Promise.all([doctor({ departement: '2A' }), doctor({ departement: '2A', status: 'etudiant_3e_cycle' }), doctor({ departement: '2B' })]);
    const proOnly = await doctor({ departement: '2A', corrEmail: null, proEmail: `pro.${Date.now()}@exemple.fr` });
    await doctor({ departement: '2A', status: 'radie' });
    await doctor({ departement: '2A', status: 'suspendu' });
    await doctor({ departement: '2A', corrEmail: null, proEmail: null });
    await doctor({ departement: '2A', frozenAt: new Date(), frozenReason: 'Ce n’était pas moi' });
    const shared = await doctor({ departement: '2A', corrEmail: `partage.${Date.now()}@exemple.fr` });
    const twin = await doctor({ departement: '2B', corrEmail: shared.corrEmail!.toUpperCase() });
    await doctor({ departement: '13' });

    const preview = await nationalClient.post('/api/alerts/preview', { scope: 'departements', departements: ['2A', '2B'] });
    expect(preview.json()).toEqual({ recipients: 5, withoutEmail: 1, frozen: 1 });
    const approved = await approvedFlow(draft({ audience: { scope: 'departements', departements: ['2A', '2B'] } }));
    expect(approved).toMatchObject({ status: 'en_diffusion', recipientsTotal: 5, approvedBy: { id: national2.user.id } });
    expect(new Date(approved.visibleUntil).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    // Two records sharing an address: one message, to the first record by id.
    const firstOfPair = [shared, twin].sort((a, b) => (a.id < b.id ? -1 : 1))[0]!;
    const expected = [...inDep, proOnly, firstOfPair].map((d) => d.id).sort();
    expect(await deliveriesOf(approved.id)).toEqual(expected);
    const audit = await expectAudited(t.database, 'alerts.alert.approved', approved.id);
    expect(audit).toMatchObject({ actorId: national2.user.id, details: { recipients: 5 } });
    const [proDelivery] = await t.database.db.select().from(alertDeliveries).where(eq(alertDeliveries.doctorId, proOnly.id));
    expect(proDelivery!.email).toBe(proOnly.proEmail);
  });

  it('approval materialises a specialties audience, nationally or within départements', async () => {
    const peds = await Promise.all([doctor({ departement: '971', specialty: 'Pédiatrie' }), doctor({ departement: '972', specialty: 'pédiatrie' })]);
    await doctor({ departement: '971', specialty: 'Dermatologie' });
    const within = await approvedFlow(draft({ audience: { scope: 'specialites', specialties: ['Pédiatrie'], departements: ['971'] } }));
    expect(await deliveriesOf(within.id)).toEqual([peds[0]!.id]);
    const specialties = (await nationalClient.get('/api/alerts/specialties')).json().items;
    expect(specialties).toEqual(expect.arrayContaining(['Dermatologie', 'Pédiatrie']));
    // The official list comes first, whoever is in the register.
    expect(specialties.slice(0, SPECIALTY_LABELS.length)).toEqual(SPECIALTY_LABELS);
    const everywhere = await approvedFlow(draft({ audience: { scope: 'specialites', specialties: ['PÉDIATRIE', 'pédiatrie'] } }));
    expect(await deliveriesOf(everywhere.id)).toEqual(peds.map((d) => d.id).sort());
  });

  it('approval materialises a national audience: every reachable doctor, once per address', async () => {
    const approved = await approvedFlow(draft({ audience: { scope: 'national' } }));
    const reachable = allDoctors.filter((d) => ['inscrit', 'etudiant_3e_cycle'].includes(d.status) && !d.frozenAt && (d.corrEmail || d.proEmail));
    const byAddress = new Map<string, DoctorRow>();
    for (const d of [...reachable].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const key = (d.corrEmail ?? d.proEmail)!.toLowerCase();
      if (!byAddress.has(key)) byAddress.set(key, d);
    }
    const delivered = await t.database.db.select().from(alertDeliveries).where(eq(alertDeliveries.alertId, approved.id));
    expect(new Set(delivered.map((d) => d.email.toLowerCase()))).toEqual(new Set(byAddress.keys()));
    expect(delivered).toHaveLength(byAddress.size);
    expect(approved.recipientsTotal).toBe(byAddress.size);
  });

  it('broadcasts through the real runtime: one email per recipient, progress, completion audited once', async () => {
    const recipients = await Promise.all(Array.from({ length: 12 }, () => doctor({ departement: '48' })));
    const approved = await approvedFlow(draft({ title: 'Faux courriels « mise à jour RPPS »', audience: { scope: 'departements', departements: ['48'] } }));
    await expect.poll(async () => (await nationalClient.get(`/api/alerts/${approved.id}`)).json().status, { timeout: 20_000 }).toBe('diffusee');
    const view = (await nationalClient.get(`/api/alerts/${approved.id}`)).json();
    expect(view.deliveries).toEqual({ total: 12, sent: 12, pending: 0, failed: 0 });
    expect(view.broadcastFinishedAt).not.toBeNull();
    for (const r of recipients) {
      const mails = t.catcher.messages.filter((m) => m.to.includes(r.corrEmail!) && m.subject.includes('mise à jour RPPS'));
      expect(mails).toHaveLength(1);
      // Typeset: no-break spaces inside « ».
      expect(mails[0]!.subject).toBe('[Alerte Ordre des médecins] Faux courriels «\u00A0mise à jour RPPS\u00A0»');
      expect(mails[0]!.text).toContain('CE QU’IL FAUT FAIRE');
      expect(mails[0]!.text).toContain('http://localhost:3000/alertes');
    }
    const completions = (await auditEntries(t.database, 'alerts.broadcast.completed')).filter((e) => e.entityId === approved.id);
    expect(completions).toHaveLength(1);
    expect(completions[0]!.details).toMatchObject({ recipients: 12, sent: 12, failed: 0 });
  });

  it('publishes approved alerts on the public page without internal data, until withdrawn', async () => {
    const campaignId = (
      await t.database.db.insert(campaigns).values({ reference: 'CAMP-2026-0042', label: 'Faux conseillers URSSAF', scamFamily: 'usurpation' }).returning()
    )[0]!.id;
    const prefill = await nationalClient.get(`/api/alerts/campaigns/${campaignId}`);
    expect(prefill.json()).toMatchObject({ reference: 'CAMP-2026-0042', label: 'Faux conseillers URSSAF', scamFamily: 'usurpation' });
    expect((await nationalClient.get('/api/alerts/campaigns/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);

    const approved = await approvedFlow(draft({ title: 'Faux conseillers URSSAF', campaignId, audience: { scope: 'departements', departements: ['90'] } }));
    expect(approved.campaign).toMatchObject({ reference: 'CAMP-2026-0042' });
    const anonymous = new TestClient(t.app);
    const page = await anonymous.get('/api/alerts/public');
    const item = page.json().items.find((a: { id: string }) => a.id === approved.id);
    expect(Object.keys(item).sort()).toEqual(['id', 'publishedAt', 'situation', 'title', 'whatNotToDo', 'whatToDo']);
    expect(page.body).not.toContain(national.user.displayName);
    expect(page.body).not.toContain('CAMP-2026-0042');

    const withdrawn = await national2Client.post(`/api/alerts/${approved.id}/withdraw`, { reason: 'Publiée par erreur sur ce département' });
    expect(withdrawn.json()).toMatchObject({ status: 'retiree', can: { withdraw: false } });
    await expectAudited(t.database, 'alerts.alert.withdrawn', approved.id);
    expect((await anonymous.get('/api/alerts/public')).json().items.map((a: { id: string }) => a.id)).not.toContain(approved.id);
    expect((await national2Client.post(`/api/alerts/${approved.id}/withdraw`, { reason: 'Une deuxième fois' })).statusCode).toBe(409);
    expect((await national2Client.post(`/api/alerts/${approved.id}/withdraw`, { reason: 'court' })).statusCode).toBe(400);
  });

});
