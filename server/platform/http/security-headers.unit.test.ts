import Fastify, { type FastifyInstance } from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import { afterEach, describe, expect, it } from 'vitest';
import { helmetHeaders, registerSecurityHeaders, securityHeaderOptions } from './security-headers.js';

/** Every header but the ones that change per answer, as a client receives them. */
function headersOf(res: { headers: Record<string, unknown> }): Record<string, unknown> {
  const { date: _date, ...rest } = res.headers;
  return rest;
}

/** Three answers: a route, a hook's refusal (headers set before it) and an unknown path. */
async function answers(app: FastifyInstance) {
  app.get('/ok', async () => ({ ok: true }));
  app.get('/refused', { onRequest: async () => Promise.reject(Object.assign(new Error('non'), { statusCode: 403 })) }, async () => 'never');
  return Promise.all(['/ok', '/refused', '/nowhere'].map(async (url) => headersOf(await app.inject(url))));
}

describe('security headers computed once', () => {
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  for (const https of [false, true]) {
    it(`sends exactly what @fastify/helmet sent per request (HTTPS ${https ? 'on' : 'off'})`, async () => {
      const before = Fastify({ logger: false });
      const after = Fastify({ logger: false });
      apps.push(before, after);
      await before.register(fastifyHelmet, securityHeaderOptions(https));
      await registerSecurityHeaders(after, securityHeaderOptions(https));
      const expected = await answers(before);
      expect(expected[0]?.['content-security-policy']).toContain("default-src 'self'");
      expect(expected[0]?.['strict-transport-security'] !== undefined).toBe(https);
      expect(await answers(after)).toEqual(expected);
    });
  }

  it('refuses options whose headers vary per request', async () => {
    await expect(helmetHeaders({ enableCSPNonces: true })).rejects.toThrow(/nonces/);
  });
});
