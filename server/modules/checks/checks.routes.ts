import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_EML_BYTES, ZAnalysis, ZAnalysisRequest } from '../../../contracts/checks.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { analyzeMessage } from './checks.service.js';

export const checksRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.post('/api/analyses', {
    // Public: a doctor in a hurry checks a message without an account. Nothing is stored.
    config: { access: 'public', rateLimit: { max: deps.config.checkRateLimitPerMinute, timeWindow: 60_000 } },
    bodyLimit: Math.ceil((MAX_EML_BYTES * 4) / 3) + 64 * 1024,
    schema: {
      tags: ['checks'],
      summary: 'Analyse a suspicious SMS, email, call, link or phone number',
      body: ZAnalysisRequest,
      response: { 200: ZAnalysis },
    },
  }, async (req) => analyzeMessage(deps, req.body));
};
