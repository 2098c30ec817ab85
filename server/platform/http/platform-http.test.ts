import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { buildUser } from '../../test/factories.js';

describe('HTTP platform', () => {
  let t: TestApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    t = await buildTestApp({ env: { LOG_LEVEL: 'info' }, logStream });
  });
  afterAll(() => t.close());

  it('serves health probes and an OpenAPI 3 document of the API', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toEqual({ status: 'ok' });
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/admin/users', '/api/account']));
    expect(doc.paths['/api/auth/login'].post.requestBody).toBeDefined();
  });

  it('sends security headers and a strict session cookie', async () => {
    const doctor = await buildUser(t.database, t.keys, { totp: false });
    const client = new TestClient(t.app);
    await client.refreshSession();
    const res = await client.post('/api/auth/login', { email: doctor.user.email, password: doctor.password });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/vigie_session=[\w-]+;.*HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('answers unknown API paths with a JSON 404 in French', async () => {
    const res = await t.app.inject('/api/nulle-part');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: "Cette ressource n'existe pas." });
  });

  it('logs requests as JSON with their id, and no password, cookie, token or email', async () => {
    const doctor = await buildUser(t.database, t.keys, { totp: false });
    const client = new TestClient(t.app);
    await client.login(t.database, doctor);
    await client.post('/api/auth/password-reset/request', { email: doctor.user.email });
    await client.request('GET', `/api/admin/users?q=${encodeURIComponent(doctor.user.email)}`);
    const logs = logLines.join('');
    expect(logs.length).toBeGreaterThan(100);
    const entry = JSON.parse(logLines.find((l) => l.includes('request completed'))!);
    expect(entry.reqId).toBeTruthy();
    for (const secret of [doctor.password, doctor.user.email, client.cookies.get('vigie_session')!, client.csrfToken]) {
      expect(logs).not.toContain(secret);
    }
  });
});
