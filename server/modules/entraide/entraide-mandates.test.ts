import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { loggedIn } from '../../test/logged-in.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import type { TestClient } from '../../test/test-client.js';

describe('entraide: commission seats per mandate', () => {
  let t: TestApp;
  let admin: TestClient;
  let agent: TestClient;
  let member: TestUser;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'admin', departement: null }));
    agent = await loggedIn(t, await buildUser(t.database, t.keys, { role: 'agent', departement: '33' }));
    member = await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '33' });
  });
  afterAll(() => t.close());

  const seat = (over: Record<string, unknown> = {}) => ({ userId: member.user.id, commission: 'cde', departement: '33', role: 'membre', startsOn: '2024-01-01', endsOn: '2027-12-31', ...over });

  it('lets only an administrator seat a member, audited, and opens the member’s cases at once', async () => {
    const memberClient = await loggedIn(t, member);
    expect((await memberClient.get('/api/entraide/cases')).statusCode).toBe(403);
    expect((await agent.post('/api/entraide/mandates', seat())).statusCode).toBe(403);

    const res = await admin.post('/api/entraide/mandates', seat());
    expect(res.statusCode).toBe(201);
    const entry = await expectAudited(t.database, 'entraide.mandate.granted', res.json().id);
    expect(entry.details).toMatchObject({ userId: member.user.id, commission: 'cde', departement: '33', endsOn: '2027-12-31' });
    expect((await memberClient.get('/api/entraide/cases')).statusCode).toBe(200);

    const list = (await admin.get('/api/entraide/mandates')).json().mandates;
    expect(list).toEqual([expect.objectContaining({ userId: member.user.id, memberName: member.user.displayName, inForce: true })]);
  });

  it.each([
    [{ endsOn: '2023-12-31' }, 'endsOn', 'La fin du mandat précède son début.'],
    [{ departement: '75' }, 'departement', 'Un membre ne siège qu’à la commission du département de son compte.'],
    [{ commission: 'cne', departement: null }, 'userId', "Ce compte n'a pas le rôle de membre de la commission nationale d'entraide."],
    [{ startsOn: '2027-06-01', endsOn: '2030-12-31' }, 'startsOn', 'Ce membre a déjà un mandat sur cette période.'],
    [{ userId: '00000000-0000-4000-8000-000000000000' }, 'userId', 'Compte inconnu.'],
  ])('refuses a seat %j naming the field, in French', async (over, path, message) => {
    const res = await admin.post('/api/entraide/mandates', seat(over));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0]).toMatchObject({ path, message });
  });
});
