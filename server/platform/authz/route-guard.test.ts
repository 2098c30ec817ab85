import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../contracts/permissions.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';

// Public routes are a short, deliberate list: adding one means adding it here, in review.
const PUBLIC_ROUTES = new Set([
  'GET /healthz',
  'HEAD /healthz',
  'GET /readyz',
  'HEAD /readyz',
  'GET /api/openapi.json',
  'HEAD /api/openapi.json',
  'GET /api/session',
  'HEAD /api/session',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/password-reset/request',
  'POST /api/auth/password-reset/confirm',
  'POST /api/bootstrap/admin',
  'POST /api/analyses',
  'POST /api/registry/not-me',
  'POST /api/activation',
  'GET /api/reports/limits',
  'HEAD /api/reports/limits',
  'POST /api/reports/anonymous',
  'POST /api/reports/confirm',
  'GET /api/reports/follow',
  'HEAD /api/reports/follow',
  'GET /api/alerts/public',
  'HEAD /api/alerts/public',
  'GET /api/dpc/vigilance',
  'HEAD /api/dpc/vigilance',
  // DPC signalements: a patient's relative reports without an account, picking the training from the
  // catalogue (the ANDPC's public list); the reported organisation answers the contradictory step
  // through the link it was sent (docs/dpc-signalements.md).
  'POST /api/dpc/signalements/public',
  'GET /api/dpc/catalogue/suggestions',
  'HEAD /api/dpc/catalogue/suggestions',
  'GET /api/dpc/contradictory/:token',
  'HEAD /api/dpc/contradictory/:token',
  'POST /api/dpc/contradictory/:token/answer',
  // Entraide: a person in distress sees the helplines and a relative asks for help without an account.
  'GET /api/entraide/helplines',
  'HEAD /api/entraide/helplines',
  'POST /api/entraide/requests/relative',
  // The site's identity for the legal pages, robots.txt and security.txt (RFC 9116).
  'GET /api/site',
  'HEAD /api/site',
  'GET /robots.txt',
  'HEAD /robots.txt',
  'GET /.well-known/security.txt',
  'HEAD /.well-known/security.txt',
  'GET /*',
  'HEAD /*',
]);

describe('every route is either declared public or guarded by a permission', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('declares an access rule on every registered route', () => {
    const routes = t.app.routeRecords;
    expect(routes.length).toBeGreaterThan(15);
    const offenders = routes.filter((r) => {
      const key = `${r.method} ${r.url}`;
      if (r.access === 'public') return !PUBLIC_ROUTES.has(key);
      const permission = (r.access as { permission?: string } | undefined)?.permission;
      return !permission || !(PERMISSIONS as readonly string[]).includes(permission);
    });
    expect(offenders.map((r) => `${r.method} ${r.url} (${JSON.stringify(r.access)})`)).toEqual([]);
  });

  it('refuses every guarded route to an anonymous caller before doing anything', async () => {
    const client = new TestClient(t.app);
    await client.refreshSession();
    const guarded = t.app.routeRecords.filter((r) => r.access !== 'public' && r.method !== 'HEAD');
    expect(guarded.length).toBeGreaterThan(5);
    for (const route of guarded) {
      const url = route.url.replace(':id', '00000000-0000-4000-8000-000000000000');
      const res = await client.request(route.method as 'GET', url, route.method === 'GET' ? undefined : {});
      expect({ route: `${route.method} ${route.url}`, status: res.statusCode, code: res.json().error?.code }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
  });
});
