import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../platform/db/client.js';

/** Liveness (the process answers) and readiness (it can reach PostgreSQL) for the load balancer. */
export const healthRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  const ZStatus = z.object({ status: z.enum(['ok', 'unavailable']) });

  app.get('/healthz', {
    config: { access: 'public' },
    logLevel: 'warn',
    schema: { tags: ['health'], summary: 'Liveness', response: { 200: ZStatus } },
  }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', {
    config: { access: 'public' },
    logLevel: 'warn',
    schema: { tags: ['health'], summary: 'Readiness: database reachable', response: { 200: ZStatus, 503: ZStatus } },
  }, async (_req, reply) => {
    try {
      await Promise.race([
        database.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('database ping timed out')), 2_000)),
      ]);
      return { status: 'ok' as const };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
};
