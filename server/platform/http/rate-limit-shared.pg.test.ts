import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { EXACT_BUDGET_MAX, FLUSH_INTERVAL_MS } from './rate-limit-store.js';

// A budget larger than EXACT_BUDGET_MAX is counted in each instance's memory and handed to the shared
// table every FLUSH_INTERVAL_MS (rate-limit-store.ts): once handed over, another instance counts it.
describe('a large budget counted in memory, shared between instances', () => {
  const BUDGET = 40;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = { CHECK_RATE_LIMIT_PER_MINUTE: String(BUDGET) };
    a = await buildTestApp({ env });
    b = await buildTestApp({ env, shared: a });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('hits on one instance count on the other once handed over, to the exact budget', async () => {
    expect(BUDGET).toBeGreaterThan(EXACT_BUDGET_MAX);
    const client = new TestClient(a.app);
    await client.refreshSession();
    const check = () => client.post('/api/analyses', { kind: 'sms', text: 'Bonjour docteur' });
    for (let i = 0; i < 30; i++) expect((await check()).statusCode).toBe(200);

    await new Promise((r) => setTimeout(r, FLUSH_INTERVAL_MS * 1.5));
    const { rows } = await a.database.raw.query<{ hits: number }>('SELECT hits FROM rate_limits WHERE key = $1', [`route:POST /api/analyses ${client.ip}`]);
    expect(Number(rows[0]?.hits)).toBe(30);

    client.via(b.app);
    for (let i = 0; i < BUDGET - 30; i++) expect((await check()).statusCode).toBe(200);
    const refused = await check();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    // Back on the first instance, after the second handed its hits over: refused there too.
    await new Promise((r) => setTimeout(r, FLUSH_INTERVAL_MS * 2.5));
    client.via(a.app);
    expect((await check()).statusCode).toBe(429);
  });
});
