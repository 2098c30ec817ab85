import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZHomeWork } from '../../../contracts/home.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { requireSession } from '../../platform/http/request-context.js';
import { createPublicAlertsCache } from '../alerts/index.js';
import { homeWork } from './home-work.service.js';

export const homeRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const publicAlerts = createPublicAlertsCache();

  app.get('/api/home/work', {
    config: { access: { permission: 'home:read' } },
    schema: { tags: ['home'], summary: 'What waits for me: counts linking to their lists; a doctor’s reports, alerts and record', response: { 200: ZHomeWork } },
  }, async (req) => homeWork(deps, requireSession(req), publicAlerts));
};
