import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, testConfig, type TestApp } from '../../test/test-app.js';
import { createTestDatabase } from '../../test/test-database.js';
import { TestClient } from '../../test/test-client.js';
import { buildUser } from '../../test/factories.js';
import { startRuntime } from '../../runtime.js';

describe('Cache-Control on API answers', () => {
  let t: TestApp;
  let agent: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    agent = new TestClient(t.app);
    await agent.login(t.database, await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
  });
  afterAll(() => t.close());

  it('forbids storing every answer to a request with a session, errors included', async () => {
    const answers = [
      await agent.get('/api/registry/doctors?q=martin'),
      await agent.get('/api/session'),
      await agent.get('/api/account'),
      await agent.get('/api/alerts/public'),
      await agent.get('/api/triage/reports/00000000-0000-4000-8000-000000000000'),
      await agent.get('/api/admin/users'),
      await agent.get('/api/registry/doctors?rpps=abc'),
      await agent.request('POST', '/api/triage/reports/00000000-0000-4000-8000-000000000000/notes', { body: 'Note' }, { 'x-csrf-token': 'faux' }),
      await agent.get('/api/nulle-part'),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 404, 403, 400, 403, 404]);
    for (const res of answers) expect(res.headers['cache-control'], `${res.statusCode} ${res.body.slice(0, 80)}`).toBe('no-store');
  });

  it('forbids storing the answer to an expired session, and anonymous API answers unless the route chose caching', async () => {
    const expired = await t.app.inject({ url: '/api/account', cookies: { vigie_session: 'session-perimee' } });
    expect(expired.statusCode).toBe(401);
    expect(expired.headers['cache-control']).toBe('no-store');
    const anonymous = new TestClient(t.app);
    expect((await anonymous.get('/api/session')).headers['cache-control']).toBe('no-store');
    expect((await anonymous.get('/api/reports/follow?recu=SIG-2020-AAAAAAAA&jeton=abc')).headers['cache-control']).toBe('no-store');
    // The public alerts are the same for everyone: a short shared cache absorbs a broadcast's rush.
    expect((await anonymous.get('/api/alerts/public')).headers['cache-control']).toBe('public, max-age=5');
  });
});

describe('Cache-Control of the web app', () => {
  it('keeps the long cache of hashed assets and revalidation of the page, even with a session', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'vigie-web-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Vigie</title>');
    writeFileSync(path.join(dist, 'assets', 'index-0123abcd.js'), 'console.log(1);');
    const uploads = mkdtempSync(path.join(tmpdir(), 'vigie-uploads-'));
    const testDb = await createTestDatabase();
    const runtime = await startRuntime(testConfig({ UPLOAD_DIR: uploads }), { database: testDb.database, webDistDir: dist });
    try {
      const cookies = { vigie_session: 'une-session' };
      const asset = await runtime.app.inject({ url: '/assets/index-0123abcd.js', cookies });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const page = await runtime.app.inject({ url: '/triage', cookies });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
    } finally {
      await runtime.close();
      await testDb.drop();
      rmSync(dist, { recursive: true, force: true });
      rmSync(uploads, { recursive: true, force: true });
    }
  });
});
