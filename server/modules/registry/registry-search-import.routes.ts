import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZRegistrySearchQuery } from '../../../contracts/registry.schemas.js';
import {
  MAX_IMPORT_BYTES,
  ZRegistryImportReport,
  ZRegistryImportRequest,
  ZRegistrySearchPage,
} from '../../../contracts/registry-search-import.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { requireSession } from '../../platform/http/request-context.js';
import { searchDoctors } from './registry-search.service.js';
import { importRegistryCsv } from './registry-import.service.js';

export const registrySearchImportRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get('/api/registry/doctors', {
    config: { access: { permission: 'registry:read' } },
    schema: {
      tags: ['registry'],
      summary: 'Search the register by name (accents and typos tolerated), RPPS, city, status; no contact details',
      querystring: ZRegistrySearchQuery,
      response: { 200: ZRegistrySearchPage },
    },
  }, async (req) => searchDoctors(deps, requireSession(req).actor, req.query));

  app.post('/api/registry/imports', {
    config: { access: { permission: 'registry:import' }, rateLimit: { max: 10, timeWindow: 60_000 } },
    // The file travels in base64 (4 bytes for 3) inside a small JSON envelope.
    bodyLimit: Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 64 * 1024,
    schema: {
      tags: ['registry'],
      summary: 'Import a registry CSV file (docs/registry-import.md), all or nothing or line by line',
      body: ZRegistryImportRequest,
      response: { 200: ZRegistryImportReport },
    },
  }, async (req) => importRegistryCsv(deps, req.auditContext, requireSession(req).actor, req.body));
};
