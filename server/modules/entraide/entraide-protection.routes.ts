import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../../contracts/zod.js';
import {
  ENTRAIDE_LIMITS,
  ZEntraideAccessExport,
  ZEntraideAccessExportRequest,
  ZEntraideCallListQuery,
  ZEntraideCaseParams,
  ZEntraideMandateEnd,
  ZEntraideMandateParams,
  ZEntraideMembers,
  ZEntraideSettings,
  ZEntraideStats,
  ZEntraideStatsQuery,
} from '../../../contracts/entraide.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { fileResponse, zFileBytes } from '../../platform/http/openapi-media.js';
import { requireSession } from '../../platform/http/request-context.js';
import { exportForPerson } from './access-export.service.js';
import { endMandate, listMembers } from './mandates.service.js';
import { getSettings, updateSettings } from './retention.service.js';
import { readStats } from './stats.service.js';
import { attachmentDisposition } from '../../platform/http/content-disposition.js';

// Entraide's data protection and commission composition (docs/entraide.md « Commission mandates »,
// « Data protection »): the early end of a seat, the members in office, retention, anonymised statistics
// and the right-of-access export. Registered by entraide.routes.ts.

/**
 * The export's body as the route takes it: the reason may be short or missing here, so that the service
 * refuses it itself and audits the refusal, as the reveal does; its rule stays the contract's.
 */
const ZExportBody = ZEntraideAccessExportRequest.extend({ reason: z.string().trim().max(ENTRAIDE_LIMITS.reason).default('') });

export const entraideProtectionRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.post('/api/entraide/mandates/:id/end', {
    config: { access: { permission: 'entraide:mandates_manage' } },
    schema: {
      tags: ['entraide'],
      summary: 'End a seat before its term (not backdated: today at the earliest); no access from the next day; audited with the reason',
      params: ZEntraideMandateParams,
      body: ZEntraideMandateEnd,
      response: { 204: z.null() },
    },
  }, async (req, reply) => {
    await endMandate(deps, req.auditContext, req.params.id, req.body);
    return reply.code(204).send(null);
  });

  app.get('/api/entraide/members', {
    config: { access: { permission: 'entraide:case_manage' } },
    schema: {
      tags: ['entraide'],
      summary: "The members in office of the actor's commission (CDE: their département's; CNE: the national one), to choose a referent",
      querystring: ZEntraideCallListQuery,
      response: { 200: ZEntraideMembers },
    },
  }, async (req) => listMembers(deps, req.auditContext, requireSession(req).actor, req.query.departement));

  app.get('/api/entraide/settings', {
    config: { access: { permission: 'entraide:retention_manage' } },
    schema: { tags: ['entraide'], summary: 'How many months closed cases are kept before their purge', response: { 200: ZEntraideSettings } },
  }, async () => getSettings(deps.database));

  app.put('/api/entraide/settings', {
    config: { access: { permission: 'entraide:retention_manage' } },
    schema: {
      tags: ['entraide'],
      summary: 'Set the retention of closed cases (purge dates of closed cases recomputed); audited',
      body: ZEntraideSettings,
      response: { 200: ZEntraideSettings },
    },
  }, async (req) => updateSettings(deps, req.auditContext, requireSession(req).actor.userId, req.body));

  app.get('/api/entraide/stats', {
    config: { access: { permission: 'entraide:stats_read' } },
    schema: {
      tags: ['entraide'],
      summary: 'Anonymised statistics of cases over whole months (counts under 5 hidden); audited',
      querystring: ZEntraideStatsQuery,
      response: { 200: ZEntraideStats },
    },
  }, async (req) => readStats(deps, req.auditContext, requireSession(req).actor, req.query));

  app.post('/api/entraide/cases/:id/export', {
    config: { access: { permission: 'entraide:access_export' }, rateLimit: { max: 30, timeWindow: 60_000 } },
    schema: {
      tags: ['entraide'],
      summary: "Everything held about a case's person (right of access), as JSON or PDF, with a reason; audited with the reason",
      params: ZEntraideCaseParams,
      body: ZExportBody,
      response: { 200: fileResponse('Everything held about the person, in the format asked', { 'application/json': ZEntraideAccessExport, 'application/pdf': zFileBytes }) },
    },
  }, async (req, reply) => {
    const file = await exportForPerson(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body);
    void reply.header('content-disposition', attachmentDisposition(file.fileName)).header('cache-control', 'no-store');
    if (file.format === 'pdf') return reply.header('content-type', 'application/pdf').send(file.body);
    return reply.header('content-type', 'application/json; charset=utf-8').send(file.body);
  });
};
