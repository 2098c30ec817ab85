import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { buildUser } from '../../test/factories.js';

// Two Vigie instances on one database behave as one: a load balancer may send any request anywhere.
describe('two instances against one database', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await buildTestApp();
    b = await buildTestApp({ shared: a });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('share sessions: logged in on one, recognised and logged out on the other', async () => {
    const doctor = await buildUser(a.database, a.keys, { totp: false });
    const client = new TestClient(a.app);
    await client.login(a.database, doctor);
    client.via(b.app);
    expect((await client.get('/api/account')).json().id).toBe(doctor.user.id);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    client.via(a.app);
    expect((await client.get('/api/account')).statusCode).toBe(401);
  });

  it('share rate limits: hits on both count against one budget', async () => {
    const client = new TestClient(a.app);
    await client.refreshSession();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      client.via(i % 2 === 0 ? a.app : b.app);
      const res = await client.post('/api/auth/login', { email: `inconnu${i}@exemple.fr`, password: 'pas le bon mot de passe' });
      statuses.push(res.statusCode);
    }
    // AUTH_RATE_LIMIT_PER_MINUTE defaults to 10 per address.
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('share the job queue: each mail is sent exactly once whichever instance queued it', async () => {
    const doctors = await Promise.all(Array.from({ length: 8 }, () => buildUser(a.database, a.keys, { totp: false })));
    for (const [i, doctor] of doctors.entries()) {
      const client = new TestClient(i % 2 === 0 ? a.app : b.app);
      await client.refreshSession();
      expect((await client.post('/api/auth/password-reset/request', { email: doctor.user.email })).statusCode).toBe(202);
    }
    for (const doctor of doctors) await a.catcher.waitFor((m) => m.to.includes(doctor.user.email));
    await new Promise((r) => setTimeout(r, 2000));
    for (const doctor of doctors) {
      expect(a.catcher.messages.filter((m) => m.to.includes(doctor.user.email))).toHaveLength(1);
    }
  });
});
