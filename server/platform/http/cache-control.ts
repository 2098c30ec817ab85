import type { FastifyInstance } from 'fastify';

/**
 * `Cache-Control: no-store` on API answers, so no browser, proxy or shared computer keeps a page of the
 * register, a report or a CSRF token: every answer to a request that carried a session (a valid one or
 * one that just expired), errors included, whatever the route set; and every anonymous API answer whose
 * route did not choose its own caching (the public alerts do). The web app's files keep theirs.
 */
export function registerCacheControl(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.url.startsWith('/api/')) return payload;
    const carriedSession = req.session !== null || req.sessionExpired;
    if (carriedSession || !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });
}
