import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraideMandates } from '../../platform/db/schema-entraide.js';
import { auditEntries, buildDoctor, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import type { TestClient } from '../../test/test-client.js';
import { loggedIn } from '../../test/logged-in.js';

const NAME = 'Delacroix-Bérenger';

describe('entraide: a commission member sees cases by pseudonym and reveals an identity with a reason', () => {
  let t: TestApp;
  let caseId: string;
  let reference: string;
  let cde75: TestClient;
  let cde75User: TestUser;
  let cde13: TestClient;
  let cne: TestClient;
  let agent: TestClient;
  let admin: TestClient;

  const seat = (userId: string, commission: 'cde' | 'cne', departement: string | null) =>
    t.database.db.insert(entraideMandates).values({ userId, commission, departement, role: 'membre', startsOn: '2024-01-01', endsOn: '2099-12-31' });

  beforeAll(async () => {
    t = await buildTestApp();
    const doctorUser = await buildUser(t.database, t.keys, { role: 'medecin', departement: '75' });
    await buildDoctor(t.database, { userId: doctorUser.user.id, birthName: NAME, firstNames: 'Océane', departement: '75' });
    const doctor = await loggedIn(t, doctorUser);
    const filed = await doctor.post('/api/entraide/requests', { natures: ['sante'], urgency: 'normale', message: 'Épuisement professionnel.', contact: { means: 'courriel', consent: true } });
    reference = filed.json().reference;

    cde75User = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '75' });
    const cde13User = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '13' });
    const cneUser = await buildUser(t.database, t.keys, { role: 'membre_cne', departement: null });
    await seat(cde75User.user.id, 'cde', '75');
    await seat(cde13User.user.id, 'cde', '13');
    await seat(cneUser.user.id, 'cne', null);
    cde75 = await loggedIn(t, cde75User);
    cde13 = await loggedIn(t, cde13User);
    cne = await loggedIn(t, cneUser);
    agent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
    admin = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'admin', departement: null }));

    const list = await cde75.get('/api/entraide/cases');
    caseId = list.json().cases.find((c: { reference: string }) => c.reference === reference).id;
  });
  afterAll(() => t.close());

  it("lists the département's cases to its CDE by pseudonym, and to no one else", async () => {
    const list = await cde75.get('/api/entraide/cases');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    expect(list.json().cases[0]).toMatchObject({ reference, departement: '75', status: 'recu', natures: ['sante'], source: 'espace_medecin' });
    expect(list.body).not.toContain(NAME);

    expect((await cde13.get('/api/entraide/cases')).json()).toEqual({ cases: [], total: 0 });
    // The CNE sees a case only once it is transmitted.
    expect((await cne.get('/api/entraide/cases')).json().total).toBe(0);
    expect((await agent.get('/api/entraide/cases')).statusCode).toBe(403);
    expect((await admin.get('/api/entraide/cases')).statusCode).toBe(403);
  });

  it('opens a case without its identity, auditing the read; out of scope it does not exist', async () => {
    const res = await cde75.get(`/api/entraide/cases/${caseId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ reference, contactMeans: 'courriel', identityVisibleToCne: false, journal: [] });
    expect(res.body).not.toContain(NAME);
    const read = await expectAudited(t.database, 'entraide.case.read', caseId);
    expect(read.actorId).toBe(cde75User.user.id);

    expect((await cde13.get(`/api/entraide/cases/${caseId}`)).statusCode).toBe(404);
    expect((await cne.get(`/api/entraide/cases/${caseId}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/entraide/cases/${caseId}`)).statusCode).toBe(403);
  });

  it('refuses a reveal without a reason (audited), then reveals with one, the reason in the journal', async () => {
    const bare = await cde75.post(`/api/entraide/cases/${caseId}/reveal`, {});
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details.fields[0]).toMatchObject({ path: 'reason' });
    expect(bare.body).not.toContain(NAME);
    const denial = (await auditEntries(t.database, 'authz.access.denied')).at(-1)!;
    expect(denial).toMatchObject({ entityType: 'entraide_case', entityId: caseId });
    expect(denial.details).toMatchObject({ rule: 'raison_manquante' });

    const res = await cde75.post(`/api/entraide/cases/${caseId}/reveal`, { reason: 'Premier appel au médecin pour fixer un entretien.' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ reference, beneficiary: { kind: 'medecin', firstName: 'Océane', lastName: NAME }, contact: { means: 'courriel', consent: true } });
    expect(res.json().contact.email).toMatch(/@exemple\.fr$/);
    const entry = await expectAudited(t.database, 'entraide.identity.revealed', caseId);
    expect(entry).toMatchObject({ actorId: cde75User.user.id, reason: 'Premier appel au médecin pour fixer un entretien.' });
    expect(JSON.stringify(entry.details)).not.toContain(NAME);
  });

  it('refuses a reveal to every other role and département', async () => {
    const body = { reason: 'Je voudrais savoir qui est concerné.' };
    expect((await cde13.post(`/api/entraide/cases/${caseId}/reveal`, body)).statusCode).toBe(404);
    expect((await cne.post(`/api/entraide/cases/${caseId}/reveal`, body)).statusCode).toBe(404);
    for (const client of [agent, admin]) {
      const res = await client.post(`/api/entraide/cases/${caseId}/reveal`, body);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(NAME);
    }
  });

  it('closes everything to a member the day after their mandate ended', async () => {
    const former = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '75' });
    await t.database.db.insert(entraideMandates).values({ userId: former.user.id, commission: 'cde', departement: '75', role: 'president', startsOn: '2021-01-01', endsOn: '2024-12-31' });
    const client = await loggedIn(t, former);
    for (const res of [await client.get('/api/entraide/cases'), await client.get(`/api/entraide/cases/${caseId}`), await client.post(`/api/entraide/cases/${caseId}/reveal`, { reason: 'Suivi du dossier en commission.' })]) {
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(NAME);
    }
  });
});
