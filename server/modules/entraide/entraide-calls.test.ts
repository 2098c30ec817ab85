import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraideCases, entraideHelplineCalls, entraideMandates } from '../../platform/db/schema-entraide.js';
import { buildUser, expectAudited } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import type { TestClient } from '../../test/test-client.js';

const call = { departement: '69', receivedOn: '2026-11-20', natures: ['personnelle', 'sante'], urgency: 'rapide', summary: 'Appel de la Dr Ferrandière-Oz, épuisée, demande à être rappelée.' };
const request = {
  natures: ['personnelle', 'sante'],
  urgency: 'rapide',
  message: '',
  contact: { means: 'telephone', consent: true, phone: '06 11 22 33 44' },
  departement: '69',
  beneficiary: { kind: 'medecin', firstName: 'Inès', lastName: 'Ferrandière-Oz' },
};

describe('entraide: calls logged without identity, turned into a case later', () => {
  let t: TestApp;
  let agent: TestClient;
  let otherAgent: TestClient;
  let member: TestClient;
  let doctor: TestClient;

  beforeAll(async () => {
    t = await buildTestApp();
    agent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '69' }));
    otherAgent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '38' }));
    const memberUser = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '69' });
    await t.database.db.insert(entraideMandates).values({ userId: memberUser.user.id, commission: 'cde', departement: '69', role: 'membre', startsOn: '2024-01-01', endsOn: '2099-12-31' });
    member = await loggedIn(t, memberUser);
    doctor = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'medecin', departement: '69' }));
  });
  afterAll(() => t.close());

  it('logs a call with its summary sealed, audited, for the agent’s département only', async () => {
    expect((await doctor.post('/api/entraide/calls', call)).statusCode).toBe(403);
    const elsewhere = await otherAgent.post('/api/entraide/calls', call);
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.details.fields[0].path).toBe('departement');
    const future = await agent.post('/api/entraide/calls', { ...call, receivedOn: '2099-01-01' });
    expect(future.json().error.details.fields[0].path).toBe('receivedOn');

    const res = await agent.post('/api/entraide/calls', call);
    expect(res.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(entraideHelplineCalls).where(eq(entraideHelplineCalls.id, res.json().id));
    expect(row).toMatchObject({ departement: '69', natures: ['personnelle', 'sante'], caseId: null });
    expect(row!.sealedSummary).not.toContain('Ferrandière');
    await expectAudited(t.database, 'entraide.call.logged', row!.id);

    const list = await member.get('/api/entraide/calls');
    expect(list.json().calls).toEqual([expect.objectContaining({ id: row!.id, caseReference: null })]);
    expect(list.body).not.toContain('Ferrandière');
    expect((await otherAgent.get('/api/entraide/calls')).json().calls).toEqual([]);
  });

  it('turns a call into one case whose journal opens with the call’s summary, and only once', async () => {
    const callId = (await agent.post('/api/entraide/calls', call)).json().id;
    expect((await otherAgent.post(`/api/entraide/calls/${callId}/case`, { ...request, departement: '38' })).statusCode).toBe(404);

    const res = await agent.post(`/api/entraide/calls/${callId}/case`, request);
    expect(res.statusCode).toBe(201);
    const reference = res.json().reference;
    const [row] = await t.database.db.select().from(entraideCases).where(eq(entraideCases.reference, reference));
    expect(row).toMatchObject({ source: 'ligne_ecoute', departement: '69' });
    await expectAudited(t.database, 'entraide.call.converted', callId);

    const detail = (await member.get(`/api/entraide/cases/${row!.id}`)).json();
    expect(detail.journal).toEqual([expect.objectContaining({ kind: 'note', text: call.summary })]);
    expect((await member.get('/api/entraide/calls')).json().calls.find((c: { id: string }) => c.id === callId).caseReference).toBe(reference);

    const before = (await t.database.db.select().from(entraideCases)).length;
    const again = await agent.post(`/api/entraide/calls/${callId}/case`, request);
    expect(again.statusCode).toBe(409);
    expect((await t.database.db.select().from(entraideCases)).length).toBe(before);
  });
});
