import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { buildUser } from '../../test/factories.js';
import { startRelay, type TcpRelay } from '../../test/tcp-relay.js';

describe('the database goes away and comes back', () => {
  let t: TestApp;
  let relay: TcpRelay;
  let viaRelay: TestApp;

  beforeAll(async () => {
    t = await buildTestApp();
    const url = new URL(t.url!);
    relay = await startRelay({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(relay.port);
    const database = await openDatabase({ kind: 'pg', url: url.toString(), poolSize: 4 });
    viaRelay = await buildTestApp({ shared: { ...t, database, url: null } });
  });
  afterAll(async () => {
    await viaRelay.close();
    await t.close();
  });

  it('answers 503 while it is gone and recovers by itself', async () => {
    const doctor = await buildUser(t.database, t.keys, { totp: false });
    const client = new TestClient(viaRelay.app);
    await client.login(t.database, doctor);
    expect((await viaRelay.app.inject('/readyz')).statusCode).toBe(200);

    await relay.cut();
    const ready = await viaRelay.app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect((await viaRelay.app.inject('/healthz')).statusCode).toBe(200);
    const during = await client.get('/api/account');
    expect(during.statusCode).toBe(503);
    expect(during.json().error.code).toBe('SERVICE_UNAVAILABLE');
    expect(during.body).not.toMatch(/ECONNREFUSED|stack/);

    await relay.restore();
    expect((await viaRelay.app.inject('/readyz')).statusCode).toBe(200);
    expect((await client.get('/api/account')).json().id).toBe(doctor.user.id);
  });
});
