import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dpcExchanges, dpcSignalementEvents, type DpcSignalementRow } from '../../platform/db/schema-dpc-signalements.js';
import { auditEntries, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { decide } from './dpc-exchanges.testing.js';
import { insertSignalement } from './dpc-signalements.testing.js';

// The exchange log: who may read and write it (agents of the signalement's département, national agents),
// what each field accepts, and acknowledgements marking the package they answer.

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const reply = (overrides: Record<string, unknown> = {}) => ({ partner: 'andpc', direction: 'entrant', kind: 'reponse', summary: 'L’ANDPC ouvre une enquête sur l’organisme.', ...overrides });

describe('DPC exchanges with the ANDPC and the MIVILUDES', () => {
  let t: TestApp;
  let agentUser: TestUser;
  let agent: TestClient;
  let national: TestClient;
  let otherAgent: TestClient;
  let doctor: TestClient;
  let admin: TestClient;
  let reviewer: TestClient;
  let s: DpcSignalementRow;
  let envoiId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    agentUser = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    agent = await loggedIn(t, agentUser);
    national = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: null }));
    otherAgent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '13' }));
    doctor = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'medecin' }));
    admin = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'admin', departement: null }));
    reviewer = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'relecteur_dpc' }));
    s = await insertSignalement(t.database, { departement: '75' });
    await decide(t.database, s.id, ['transmission_andpc', 'transmission_miviludes']);
    const sent = await agent.post(`/api/dpc/signalements/${s.id}/packages`, { partner: 'andpc', sharedFacts: 'Faits rédigés pour l’ANDPC.' });
    expect(sent.statusCode, sent.body).toBe(200);
    envoiId = sent.json().id;
  });
  afterAll(() => t.close());

  const routes = () => [
    ['GET', `/api/dpc/signalements/${s.id}/exchanges`, undefined],
    ['POST', `/api/dpc/signalements/${s.id}/packages`, { partner: 'miviludes', sharedFacts: 'Faits.' }],
    ['POST', `/api/dpc/signalements/${s.id}/exchanges`, reply()],
    ['GET', `/api/dpc/exchanges/${envoiId}/package.json`, undefined],
    ['GET', `/api/dpc/exchanges/${envoiId}/package.pdf`, undefined],
  ] as const;

  it('refuses anonymous callers (401), and doctors, administrators and reviewers (403) every exchange route', async () => {
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    for (const [method, url, body] of routes()) {
      expect((await anonymous.request(method, url, body)).statusCode, url).toBe(401);
      for (const client of [doctor, admin, reviewer]) expect((await client.request(method, url, body)).statusCode, url).toBe(403);
    }
    expect((await auditEntries(t.database, 'authz.access.denied')).at(-1)!.details).toMatchObject({ permission: 'dpc:exchange' });
    const rows = await t.database.db.select().from(dpcExchanges).where(eq(dpcExchanges.signalementId, s.id));
    expect(rows).toHaveLength(1);
  });

  it('answers 404 to an agent of another département, for an unknown signalement or exchange, and for an entry that is not a package', async () => {
    for (const [method, url, body] of routes()) expect((await otherAgent.request(method, url, body)).statusCode, url).toBe(404);
    expect((await agent.get(`/api/dpc/signalements/${UNKNOWN}/exchanges`)).statusCode).toBe(404);
    expect((await agent.get(`/api/dpc/exchanges/${UNKNOWN}/package.pdf`)).statusCode).toBe(404);
    const entry = (await agent.post(`/api/dpc/signalements/${s.id}/exchanges`, reply({ kind: 'relance', direction: 'sortant', summary: 'Relance par courriel.' }))).json();
    expect((await agent.get(`/api/dpc/exchanges/${entry.id}/package.json`)).statusCode).toBe(404);
    // A national agent sees every département, and the signalements that name none.
    expect((await national.get(`/api/dpc/signalements/${s.id}/exchanges`)).statusCode).toBe(200);
    const nowhere = await insertSignalement(t.database, { departement: null });
    expect((await national.get(`/api/dpc/signalements/${nowhere.id}/exchanges`)).statusCode).toBe(200);
    expect((await agent.get(`/api/dpc/signalements/${nowhere.id}/exchanges`)).statusCode).toBe(404);
  });

  it.each([
    [{ partner: 'organisme', sharedFacts: 'Faits.' }, 'partner'],
    [{ partner: 'andpc', sharedFacts: '   ' }, 'sharedFacts'],
    [{ partner: 'andpc', sharedFacts: 'x'.repeat(20_001) }, 'sharedFacts'],
    [{ partner: 'andpc', sharedFacts: 'Faits.', reporter: 'Camille' }, 'reporter'],
  ])('refuses the package request %# naming the field', async (body, field) => {
    const res = await agent.post(`/api/dpc/signalements/${s.id}/packages`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
  });

  it.each([
    [reply({ partner: 'cnil' }), 'partner'],
    [reply({ direction: 'aller' }), 'direction'],
    [reply({ kind: 'envoi' }), 'kind'],
    [reply({ summary: '' }), 'summary'],
    [reply({ summary: 'x'.repeat(4001) }), 'summary'],
    [reply({ partnerReference: 'x'.repeat(101) }), 'partnerReference'],
    [reply({ occurredAt: 'hier' }), 'occurredAt'],
    [reply({ occurredAt: new Date(Date.now() + 86_400_000).toISOString() }), 'occurredAt'],
    [reply({ acknowledges: 'pas-un-id' }), 'acknowledges'],
    [reply({ kind: 'reponse', acknowledges: UNKNOWN }), 'acknowledges'],
    [reply({ kind: 'accuse_reception', direction: 'sortant', acknowledges: UNKNOWN }), 'direction'],
    [reply({ kind: 'accuse_reception', acknowledges: UNKNOWN }), 'acknowledges'],
  ])('refuses the exchange %# naming the field', async (body, field) => {
    const res = await agent.post(`/api/dpc/signalements/${s.id}/exchanges`, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
  });

  it('records an acknowledgement that marks the package acknowledged, once, only for the partner it was sent to', async () => {
    const wrongPartner = await agent.post(`/api/dpc/signalements/${s.id}/exchanges`, reply({ partner: 'miviludes', kind: 'accuse_reception', acknowledges: envoiId }));
    expect(wrongPartner.statusCode).toBe(400);

    const occurredAt = '2026-05-06T08:00:00.000Z';
    const res = await agent.post(`/api/dpc/signalements/${s.id}/exchanges`, reply({ kind: 'accuse_reception', summary: 'Accusé de réception reçu par courriel.', partnerReference: 'ANDPC-2026-118', occurredAt, acknowledges: envoiId }));
    expect(res.statusCode, res.body).toBe(200);
    const ack = res.json();
    expect(ack).toMatchObject({ partner: 'andpc', direction: 'entrant', kind: 'accuse_reception', partnerReference: 'ANDPC-2026-118', occurredAt, acknowledges: envoiId, recordedBy: agentUser.user.displayName });

    const log = (await agent.get(`/api/dpc/signalements/${s.id}/exchanges`)).json();
    const envoi = log.entries.find((e: { id: string }) => e.id === envoiId);
    expect(envoi).toMatchObject({ acknowledged: true, acknowledgedBy: ack.id });
    expect(log.entries.find((e: { id: string }) => e.id === ack.id)).toMatchObject({ acknowledges: envoiId, acknowledged: null });
    expect(log.pending.map((p: { partner: string }) => p.partner)).toEqual(['miviludes']);
    // Oldest first.
    const times = log.entries.map((e: { occurredAt: string }) => e.occurredAt);
    expect([...times].sort()).toEqual(times);

    const again = await agent.post(`/api/dpc/signalements/${s.id}/exchanges`, reply({ kind: 'accuse_reception', acknowledges: envoiId }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_STATE');

    const events = await t.database.db.select().from(dpcSignalementEvents).where(and(eq(dpcSignalementEvents.signalementId, s.id), eq(dpcSignalementEvents.kind, 'echange')));
    expect(events.map((e) => e.details)).toContainEqual(expect.objectContaining({ exchangeId: ack.id, kind: 'accuse_reception', acknowledges: envoiId }));
    const audit = await expectAudited(t.database, 'dpc.exchange.recorded', ack.id);
    expect(audit.details).toEqual({ reference: s.reference, partner: 'andpc', kind: 'accuse_reception', direction: 'entrant', acknowledges: envoiId });
  });

  it('records an answer or a status update, dated now by default, on any signalement in scope', async () => {
    const before = Date.now();
    const res = await national.post(`/api/dpc/signalements/${s.id}/exchanges`, reply({ partner: 'miviludes', kind: 'mise_a_jour', summary: 'Dossier transmis au parquet.', partnerReference: '  ' }));
    expect(res.statusCode, res.body).toBe(200);
    const entry = res.json();
    expect(entry).toMatchObject({ partner: 'miviludes', partnerLabel: 'MIVILUDES', kind: 'mise_a_jour', kindLabel: 'Mise à jour de statut', partnerReference: null, package: null, acknowledged: null });
    expect(new Date(entry.occurredAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((await expectAudited(t.database, 'dpc.exchange.recorded', entry.id)).details).toMatchObject({ partner: 'miviludes', kind: 'mise_a_jour' });
  });
});
