import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/client.js';
import { fraudIndicators } from '../../platform/db/schema.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { startRelay } from '../../test/tcp-relay.js';

// Message checks read fraud_indicators from each instance's memory (indicator-cache.ts): a change made
// through one instance's connection must reach every other instance, and an instance that lost its
// listening connection must not answer from what it held before.

/** What a check of `phone` says about it having been reported, or null. */
async function reportedSays(client: TestClient, phone: string): Promise<string | null> {
  const res = await client.post('/api/analyses', { kind: 'phone', text: phone });
  expect(res.statusCode).toBe(200);
  const known = res.json().findings.find((f: { category: string }) => f.category === 'signalement');
  return known ? known.explanation : null;
}

/** Polls until `read` gives what `ok` wants; notifications travel through the server, not instantly. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 5_000;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Connections of this database listening on the cache's channel. */
async function listeners(database: Database): Promise<number> {
  const { rows } = await database.raw.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN "fraud_indicators"'`,
  );
  return rows[0]!.n;
}

describe('known indicators across instances', () => {
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

  it('a change committed through one instance is in the next answers of the other', async () => {
    const onB = new TestClient(b.app);
    await onB.refreshSession();
    expect(await reportedSays(onB, '06 11 22 33 44')).toBeNull();

    await a.database.db.insert(fraudIndicators).values({ kind: 'phone', value: '+33611223344', reportCount: 5, campaignLabel: 'Faux conseil départemental' });
    expect(await eventually(() => reportedSays(onB, '06 11 22 33 44'), (s) => s !== null)).toMatch(/5 fois.*Faux conseil départemental/);

    await a.database.db.update(fraudIndicators).set({ reportCount: 9 }).where(sql`value = '+33611223344'`);
    expect(await eventually(() => reportedSays(onB, '06 11 22 33 44'), (s) => /9 fois/.test(s ?? ''))).toMatch(/9 fois/);

    await a.database.db.update(fraudIndicators).set({ status: 'false_positive' }).where(sql`value = '+33611223344'`);
    expect(await eventually(() => reportedSays(onB, '06 11 22 33 44'), (s) => s === null)).toBeNull();

    await a.database.db.update(fraudIndicators).set({ status: 'active', expiresAt: new Date(Date.now() + 1_500) }).where(sql`value = '+33611223344'`);
    expect(await eventually(() => reportedSays(onB, '06 11 22 33 44'), (s) => s !== null)).toMatch(/9 fois/);
    // Expiry changes no row: the instance reads it at lookup time.
    await new Promise((r) => setTimeout(r, 1_600));
    expect(await reportedSays(onB, '06 11 22 33 44')).toBeNull();

    await a.database.db.update(fraudIndicators).set({ expiresAt: null }).where(sql`value = '+33611223344'`);
    expect(await eventually(() => reportedSays(onB, '06 11 22 33 44'), (s) => s !== null)).toMatch(/9 fois/);
    await a.database.db.delete(fraudIndicators).where(sql`value = '+33611223344'`);
    expect(await eventually(() => reportedSays(onB, '06 11 22 33 44'), (s) => s === null)).toBeNull();
  });

  it('an instance that lost its listening connection answers from the database, then listens again', async () => {
    const relay = await startRelay({ host: new URL(a.url!).hostname, port: Number(new URL(a.url!).port || 5432) });
    const url = new URL(a.url!);
    url.hostname = '127.0.0.1';
    url.port = String(relay.port);
    // Its own pool and its listening connection both go through the relay.
    const viaRelay = await buildTestApp({ shared: { ...a, url: url.toString() } });
    try {
      const client = new TestClient(viaRelay.app);
      await client.refreshSession();
      await a.database.db.insert(fraudIndicators).values({ kind: 'phone', value: '+33655667788', reportCount: 3 });
      expect(await eventually(() => reportedSays(client, '06 55 66 77 88'), (s) => s !== null)).toMatch(/3 fois/);
      const before = await listeners(a.database);

      await relay.cut();
      // Both ends of the relay close together: once the server has dropped the listener, the instance has
      // its socket's end too. A change made before an instance notices a silent loss reaches it only with
      // the reload after reconnection (the bound is in docs/performance.md, « The check API »).
      expect(await eventually(() => listeners(a.database), (n) => n < before)).toBeLessThan(before);
      await new Promise((r) => setTimeout(r, 200));
      // Changed while the instance cannot hear it: the notification is lost for it.
      await a.database.db.update(fraudIndicators).set({ status: 'false_positive' }).where(sql`value = '+33655667788'`);
      await relay.restore();
      // The first answer after the outage already knows: never the state held before the cut.
      expect(await reportedSays(client, '06 55 66 77 88')).toBeNull();

      // It listens again by itself, and changes reach it once more.
      expect(await eventually(() => listeners(a.database), (n) => n === before)).toBe(before);
      await a.database.db.update(fraudIndicators).set({ status: 'active', reportCount: 4 }).where(sql`value = '+33655667788'`);
      expect(await eventually(() => reportedSays(client, '06 55 66 77 88'), (s) => s !== null)).toMatch(/4 fois/);
    } finally {
      await viaRelay.close();
      await relay.cut();
    }
  }, 30_000);
});
