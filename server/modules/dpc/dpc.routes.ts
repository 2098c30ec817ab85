import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  MAX_DPC_IMPORT_BYTES,
  ZDpcActionDetail,
  ZDpcActionPage,
  ZDpcActionParams,
  ZDpcActionSearchQuery,
  ZDpcImportReport,
  ZDpcImportRequest,
  ZDpcRescreening,
  ZDpcRescreeningList,
  ZDpcRescreeningParams,
  ZDpcRescreenMatchesPage,
  ZDpcRescreenMatchesQuery,
} from '../../../contracts/dpc.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { requireSession } from '../../platform/http/request-context.js';
import { getDpcAction } from './dpc-action.service.js';
import { importDpcCatalogue } from './dpc-import.service.js';
import { listRescreenings, listRescreenMatches } from './dpc-rescreen-matches.service.js';
import { rescreenCatalogue } from './dpc-rescreen.service.js';
import { searchDpcActions } from './dpc-search.service.js';

export const dpcRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.post('/api/dpc/imports', {
    config: { access: { permission: 'dpc:catalogue_import' }, rateLimit: { max: 10, timeWindow: 60_000 } },
    // The file travels in base64 (4 bytes for 3) inside a small JSON envelope.
    bodyLimit: Math.ceil(MAX_DPC_IMPORT_BYTES / 3) * 4 + 64 * 1024,
    schema: {
      tags: ['dpc'],
      summary: 'Import a DPC catalogue (CSV or JSON), all or nothing; every action is screened for drift markers',
      body: ZDpcImportRequest,
      response: { 200: ZDpcImportReport },
    },
  }, async (req) => importDpcCatalogue(deps, req.auditContext, requireSession(req).actor, req.body));

  app.get('/api/dpc/actions', {
    config: { access: { permission: 'dpc:catalogue_read' } },
    schema: {
      tags: ['dpc'],
      summary: 'Search the DPC catalogue by words, organisation and screening priority',
      querystring: ZDpcActionSearchQuery,
      response: { 200: ZDpcActionPage },
    },
  }, async (req) => searchDpcActions(deps, req.query));

  app.get('/api/dpc/actions/:id', {
    config: { access: { permission: 'dpc:catalogue_read' } },
    schema: {
      tags: ['dpc'],
      summary: 'One training action with its organisation, its screening (findings, evidence spans, screened text) and its number of signalements',
      params: ZDpcActionParams,
      response: { 200: ZDpcActionDetail },
    },
  }, async (req) => getDpcAction(deps, requireSession(req).actor, req.params.id));

  app.post('/api/dpc/rescreenings', {
    // A whole-catalogue run: rare and heavy.
    config: { access: { permission: 'dpc:rescreen' }, rateLimit: { max: 3, timeWindow: 60_000 } },
    schema: {
      tags: ['dpc'],
      summary: 'Rescreen the catalogue with the current drift lexicon; lists the actions that newly match',
      response: { 200: ZDpcRescreening },
    },
  }, async (req) => rescreenCatalogue(deps, req.auditContext, requireSession(req).actor));

  app.get('/api/dpc/rescreenings', {
    config: { access: { permission: 'dpc:catalogue_read' } },
    schema: {
      tags: ['dpc'],
      summary: 'The latest rescreen runs, newest first, with their counts',
      response: { 200: ZDpcRescreeningList },
    },
  }, async () => listRescreenings(deps));

  app.get('/api/dpc/rescreenings/:id/matches', {
    config: { access: { permission: 'dpc:catalogue_read' } },
    schema: {
      tags: ['dpc'],
      summary: 'The actions a rescreening newly flagged, highest priority first',
      params: ZDpcRescreeningParams,
      querystring: ZDpcRescreenMatchesQuery,
      response: { 200: ZDpcRescreenMatchesPage },
    },
  }, async (req) => listRescreenMatches(deps, req.params.id, req.query.page));
};
