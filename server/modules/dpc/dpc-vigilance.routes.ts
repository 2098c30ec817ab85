import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDpcVigilance } from '../../../contracts/dpc.schemas.js';
import { describeDriftVigilance } from './dpc-vigilance.service.js';

/** The awareness page's data: public, the same for everyone, with no personal data. */
export const dpcVigilanceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/dpc/vigilance', {
    config: { access: 'public' },
    schema: {
      tags: ['dpc'],
      summary: 'Awareness: each family of drift markers in plain French with its sources, and where to refer (from the lexicon)',
      response: { 200: ZDpcVigilance },
    },
  }, async (_req, reply) => {
    // It changes only with a deployment; a short shared cache is enough and a release shows within minutes.
    reply.header('cache-control', 'public, max-age=300');
    return describeDriftVigilance();
  });
};
