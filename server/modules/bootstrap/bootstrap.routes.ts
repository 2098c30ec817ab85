import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZBootstrapAdmin } from '../../../contracts/bootstrap.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { createFirstAdmin } from './bootstrap.service.js';

export const bootstrapRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.post('/api/bootstrap/admin', {
    config: { access: 'public', rateLimit: { max: deps.config.authRateLimitPerMinute, timeWindow: 60_000 } },
    schema: {
      tags: ['bootstrap'],
      summary: 'Create the first administrator from the link printed at start',
      body: ZBootstrapAdmin,
      response: { 204: z.null() },
    },
  }, async (req, reply) => {
    await createFirstAdmin(deps, req.auditContext, req.body);
    return reply.status(204).send(null);
  });
};
