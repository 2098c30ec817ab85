import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZDpcExchangeCreate,
  ZDpcExchangeEntry,
  ZDpcExchangeIdParams,
  ZDpcExchangeLog,
  ZDpcPackage,
  ZDpcPackageCreate,
  ZDpcSignalementIdParams,
  ZDpcStats,
  ZDpcStatsQuery,
} from '../../../contracts/dpc-exchanges.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { fileResponse, zFileBytes } from '../../platform/http/openapi-media.js';
import { requireSession } from '../../platform/http/request-context.js';
import { createPackage, downloadPackage, readExchangeLog, recordExchange } from './dpc-exchanges.service.js';
import { readDpcStats } from './dpc-stats.service.js';
import { attachmentDisposition } from '../../platform/http/content-disposition.js';

// The exchanges of a signalement with the ANDPC and the MIVILUDES, and the national statistics
// (docs/dpc-signalements.md). Downloads are GET routes that write an audit entry, like other exports.
export const dpcExchangeRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const tags = ['dpc'];
  const exchange = { access: { permission: 'dpc:exchange' as const } };
  const downloadLimit = { max: 30, timeWindow: 60_000 };

  app.get('/api/dpc/signalements/:id/exchanges', {
    config: exchange,
    schema: {
      tags,
      summary: 'The exchange log of a signalement, oldest first, and the decided transmissions not sent yet (audited read)',
      params: ZDpcSignalementIdParams,
      response: { 200: ZDpcExchangeLog },
    },
  }, async (req) => readExchangeLog(deps, req.auditContext, requireSession(req).actor, req.params.id));

  app.post('/api/dpc/signalements/:id/packages', {
    // Each one renders a PDF.
    config: { ...exchange, rateLimit: { max: 20, timeWindow: 60_000 } },
    schema: {
      tags,
      summary: 'Prepare and record the package (JSON and PDF) for the ANDPC or the MIVILUDES, as the decision provides',
      params: ZDpcSignalementIdParams,
      body: ZDpcPackageCreate,
      response: { 200: ZDpcExchangeEntry },
    },
  }, async (req) => createPackage(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));

  app.post('/api/dpc/signalements/:id/exchanges', {
    config: { ...exchange, rateLimit: { max: 60, timeWindow: 60_000 } },
    schema: {
      tags,
      summary: "Record a partner's acknowledgement, answer or status update, or a reminder",
      params: ZDpcSignalementIdParams,
      body: ZDpcExchangeCreate,
      response: { 200: ZDpcExchangeEntry },
    },
  }, async (req) => recordExchange(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));

  app.get('/api/dpc/exchanges/:exchangeId/package.json', {
    config: { ...exchange, rateLimit: downloadLimit },
    schema: {
      tags,
      summary: 'A sent package as JSON (audited download)',
      params: ZDpcExchangeIdParams,
      response: { 200: fileResponse('The package as sent', { 'application/json': ZDpcPackage }) },
    },
  }, async (req, reply) => {
    const file = await downloadPackage(deps, req.auditContext, requireSession(req).actor, req.params.exchangeId, 'json');
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', attachmentDisposition(file.fileName))
      .header('cache-control', 'no-store')
      .send(file.body);
  });

  app.get('/api/dpc/exchanges/:exchangeId/package.pdf', {
    config: { ...exchange, rateLimit: downloadLimit },
    schema: {
      tags,
      summary: 'A sent package as its PDF dossier, made again from the stored JSON and checked against its fingerprint (audited download)',
      params: ZDpcExchangeIdParams,
      response: { 200: fileResponse('The PDF dossier', { 'application/pdf': zFileBytes }) },
    },
  }, async (req, reply) => {
    const file = await downloadPackage(deps, req.auditContext, requireSession(req).actor, req.params.exchangeId, 'pdf');
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', attachmentDisposition(file.fileName))
      .header('cache-control', 'no-store')
      .header('x-vigie-sha256-verified', String(file.verified))
      .send(file.body);
  });

  app.get('/api/dpc/stats', {
    config: { access: { permission: 'dpc:stats_read' } },
    schema: {
      tags,
      summary: 'National statistics of DPC signalements over a period: by kind, practice, region, outcome, reporter, month; share concerning health (audited)',
      querystring: ZDpcStatsQuery,
      response: { 200: ZDpcStats },
    },
  }, async (req) => readDpcStats(deps, req.auditContext, req.query));
};
