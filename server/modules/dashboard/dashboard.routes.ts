import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDashboardQuery, ZDashboardStats } from '../../../contracts/dashboard.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { requireSession } from '../../platform/http/request-context.js';
import { dashboardStats } from './dashboard.service.js';

export const dashboardRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get('/api/dashboard', {
    config: { access: { permission: 'dashboard:read' } },
    schema: {
      tags: ['dashboard'],
      summary: 'Reports per week by channel, scam family and département; top campaigns; median time to qualification; counts by status',
      querystring: ZDashboardQuery,
      response: { 200: ZDashboardStats },
    },
  }, async (req) => dashboardStats(deps, requireSession(req).actor, req.query));
};
