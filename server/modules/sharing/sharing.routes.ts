import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIndicatorExportQuery, ZSharingIdParams } from '../../../contracts/sharing.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { fileResponse, zFileBytes } from '../../platform/http/openapi-media.js';
import { requireSession } from '../../platform/http/request-context.js';
import * as sharing from './sharing.service.js';
import { attachmentDisposition } from '../../platform/http/content-disposition.js';

// Downloads are GET routes (no CSRF needed, plain links work) that write an audit entry: an export or a
// confidential read is recorded like any other read of the records it shows.
export const sharingRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const tags = ['sharing'];
  const exportLimit = { max: 30, timeWindow: 60_000 };

  app.get('/api/sharing/campaigns/:id/indicators', {
    config: { access: { permission: 'share:export' }, rateLimit: exportLimit },
    schema: {
      tags,
      summary: "A campaign's indicators as CSV, STIX 2.1 bundle or MISP event (audited)",
      params: ZSharingIdParams,
      querystring: ZIndicatorExportQuery,
      response: {
        200: fileResponse('The indicators in the format asked: CSV (csv), a STIX 2.1 bundle (stix) or a MISP event (misp)', {
          'text/csv': z.string(),
          'application/stix+json': z.looseObject({ type: z.literal('bundle'), id: z.string(), objects: z.array(z.looseObject({ type: z.string(), id: z.string() })) }),
          'application/json': z.looseObject({ Event: z.looseObject({ Attribute: z.array(z.looseObject({})), Tag: z.array(z.object({ name: z.string() })) }) }),
        }),
      },
    },
  }, async (req, reply) => {
    const file = await sharing.exportCampaignIndicators(deps, req.auditContext, requireSession(req).actor, req.params.id, req.query);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', attachmentDisposition(file.fileName))
      .header('cache-control', 'no-store')
      .send(file.body);
  });

  app.get('/api/sharing/reports/:id/dossier', {
    config: { access: { permission: 'report:triage' }, rateLimit: exportLimit },
    schema: { tags, summary: "A report's dossier as a PDF to attach to a complaint (audited read)", params: ZSharingIdParams, response: { 200: fileResponse('The dossier', { 'application/pdf': zFileBytes }) } },
  }, async (req, reply) => {
    const file = await sharing.exportReportDossier(deps, req.auditContext, requireSession(req).actor, req.params.id);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', attachmentDisposition(file.fileName))
      .header('cache-control', 'no-store')
      .send(file.body);
  });
};
