import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';

/** Rows of the shared counter table that belong to one client address. */
async function countersOf(t: TestApp, ip: string): Promise<string[]> {
  const { rows } = await t.database.raw.query<{ key: string }>('SELECT key FROM rate_limits WHERE key LIKE $1 ORDER BY key', [`% ${ip}`]);
  return rows.map((r) => r.key);
}

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Low budgets so a test reaches them in a few requests: 2 on each strict route, 4 on the others.
    t = await buildTestApp({
      env: { RATE_LIMIT_PER_MINUTE: '4', AUTH_RATE_LIMIT_PER_MINUTE: '2', CHECK_RATE_LIMIT_PER_MINUTE: '2', REPORT_RATE_LIMIT_PER_MINUTE: '2' },
    });
  });
  afterAll(() => t.close());

  it('counts each limited route alone: checking messages never blocks a login from the same address', async () => {
    const client = new TestClient(t.app);
    await client.refreshSession();
    const routes: [string, () => ReturnType<TestClient['get']>][] = [
      ['POST /api/analyses', () => client.post('/api/analyses', {})],
      ['POST /api/auth/login', () => client.post('/api/auth/login', {})],
      ['POST /api/auth/password-reset/request', () => client.post('/api/auth/password-reset/request', {})],
      ['POST /api/reports/confirm', () => client.post('/api/reports/confirm', {})],
      ['GET /api/reports/follow', () => client.get('/api/reports/follow')],
      ['POST /api/registry/not-me', () => client.post('/api/registry/not-me', {})],
    ];
    for (const [name, send] of routes) {
      for (let i = 0; i < 2; i++) expect((await send()).statusCode, name).not.toBe(429);
      const refused = await send();
      expect(refused.statusCode, name).toBe(429);
      expect(refused.json().error.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Another address keeps its own budget on the same route.
    const neighbour = new TestClient(t.app);
    await neighbour.refreshSession();
    expect((await neighbour.post('/api/auth/login', {})).statusCode).toBe(400);
    expect(await countersOf(t, client.ip)).toEqual(
      expect.arrayContaining(routes.map(([name]) => `route:${name} ${client.ip}`).concat(`global:GET /api/session ${client.ip}`)),
    );
  });

  it('gives the general budget per route too: one busy page does not block the others', async () => {
    const client = new TestClient(t.app);
    for (let i = 0; i < 4; i++) expect((await client.get('/api/reports/limits')).statusCode).toBe(200);
    expect((await client.get('/api/reports/limits')).statusCode).toBe(429);
    expect((await client.get('/api/openapi.json')).statusCode).toBe(200);
    expect((await client.refreshSession()).state).toBe('anonymous');
  });

  it('never counts health probes nor the web app, but counts unknown API paths', async () => {
    const client = new TestClient(t.app);
    const uncounted = ['/healthz', '/readyz', '/healthz?sonde=1', '/readyz?from=lb', '/', '/triage', '/assets/index-0123abcd.js', '/favicon.svg'];
    for (let i = 0; i < 6; i++) {
      for (const url of uncounted) {
        const res = await t.app.inject({ method: 'GET', url, remoteAddress: client.ip });
        expect(res.statusCode, url).not.toBe(429);
      }
      expect((await t.app.inject({ method: 'HEAD', url: '/healthz', remoteAddress: client.ip })).statusCode).toBe(200);
    }
    expect(await countersOf(t, client.ip)).toEqual([]);

    for (let i = 0; i < 4; i++) expect((await client.get('/api/nulle-part')).statusCode).toBe(404);
    expect((await client.get('/api/nulle-part')).statusCode).toBe(429);
  });
});
