import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser, type TestUser } from '../../test/factories.js';
import { flushDenialWindows } from './denials.js';

// A logged-in user's script calling a refused route in a loop must not flood the audit log, and the
// journal must still show that it happened, with how many times.
describe('refusals to a logged-in user are audited once per window, then counted', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(() => t.close());

  const deniedRows = async (user: TestUser) =>
    (await auditEntries(t.database)).filter((e) => e.actorId === user.user.id && e.action.startsWith('authz.access.denied'));

  /** Stands for « ten minutes later » for this user's open windows. */
  const closeWindows = (user: TestUser) =>
    t.database.raw.query(`UPDATE access_denial_windows SET window_started_at = window_started_at - interval '11 minutes' WHERE actor_id = $1`, [user.user.id]);

  it('writes at most three entries for 200 refused calls, with the count right', async () => {
    const doctor = await buildUser(t.database, t.keys, { totp: false });
    const client = new TestClient(t.app);
    await client.login(t.database, doctor);
    for (let i = 0; i < 200; i++) expect((await client.get('/api/admin/users')).statusCode).toBe(403);
    expect((await deniedRows(doctor)).map((e) => [e.action, e.entityId])).toEqual([['authz.access.denied', 'GET /api/admin/users']]);

    await closeWindows(doctor);
    expect((await client.get('/api/admin/users')).statusCode).toBe(403);
    const rows = await deniedRows(doctor);
    expect(rows.map((e) => e.action)).toEqual(['authz.access.denied', 'authz.access.denied_repeatedly', 'authz.access.denied']);
    expect(rows[1]).toMatchObject({
      entityType: 'route',
      entityId: 'GET /api/admin/users',
      actorRole: 'medecin',
      ip: client.ip,
      reason: '199 refus supplémentaires dans les 10 minutes suivant le refus journalisé',
      details: { permission: 'users:read', repeats: 199 },
    });
  });

  it('counts routes and users apart, and the sweep writes the count of a window nobody came back to', async () => {
    const first = await buildUser(t.database, t.keys, { totp: false });
    const second = await buildUser(t.database, t.keys, { totp: false });
    const a = new TestClient(t.app);
    await a.login(t.database, first);
    const b = new TestClient(t.app);
    await b.login(t.database, second);
    for (let i = 0; i < 5; i++) await a.get('/api/admin/users');
    for (let i = 0; i < 3; i++) await a.post('/api/admin/users', { email: 'x@exemple.fr', displayName: 'Intrus', role: 'admin', departement: null });
    for (let i = 0; i < 2; i++) await b.get('/api/admin/users');

    expect((await deniedRows(first)).map((e) => e.entityId)).toEqual(['GET /api/admin/users', 'POST /api/admin/users']);
    expect((await deniedRows(second)).map((e) => e.entityId)).toEqual(['GET /api/admin/users']);

    await closeWindows(first);
    await closeWindows(second);
    expect(await flushDenialWindows(t.database)).toBeGreaterThanOrEqual(3);
    const counts = async (user: TestUser) =>
      (await deniedRows(user)).filter((e) => e.action === 'authz.access.denied_repeatedly').map((e) => [e.entityId, e.details.repeats]);
    expect(await counts(first)).toEqual(expect.arrayContaining([['GET /api/admin/users', 4], ['POST /api/admin/users', 2]]));
    expect(await counts(first)).toHaveLength(2);
    expect(await counts(second)).toEqual([['GET /api/admin/users', 1]]);

    // The windows are gone: the next refusal is audited in full again, and nothing is counted twice.
    await a.get('/api/admin/users');
    expect(await flushDenialWindows(t.database)).toBe(0);
    expect((await deniedRows(first)).at(-1)).toMatchObject({ action: 'authz.access.denied', entityId: 'GET /api/admin/users' });
  });
});
