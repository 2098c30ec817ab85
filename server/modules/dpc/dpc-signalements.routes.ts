import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZDpcCatalogueSuggestions,
  ZDpcCatalogueSuggestionsQuery,
  ZDpcMySignalements,
  ZDpcMySignalementsQuery,
  ZDpcPublicSignalementCreate,
  ZDpcSignalementCreate,
  ZDpcSignalementFiled,
} from '../../../contracts/dpc-filing.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { requireSession } from '../../platform/http/request-context.js';
import { takeUploadSlot } from '../../platform/storage/upload-requests.js';
import { createUploadSlots, filingOpenApi, multipartLimits, REPORT_TEXT_BYTES } from '../reports/index.js';
import { suggestCatalogueActions } from './catalogue-suggestions.service.js';
import { evidenceDeps, readSignalementForm } from './signalement-evidence.js';
import { listOwnSignalements } from './signalement-filing-list.service.js';
import { fileDpcSignalement } from './signalement-filing.service.js';

// Filing DPC signalements and following one's own (docs/dpc-signalements.md « Filing »).

/** A relative's form without an account: a handful a minute per address is plenty for a person. */
const PUBLIC_LIMIT = { max: 5, timeWindow: 60_000 };
const SUGGESTIONS_LIMIT = { max: 60, timeWindow: 60_000 };
const FILING_DESCRIPTION =
  'JSON for a signalement without evidence. With evidence files, multipart/form-data: the text fields as parts (nested fields by dotted names: « subject.kind », « subject.actionId », « reporter.fullName »…; « concernsHealth » as « true » or « false »), then one « attachments » part per file, under the reports’ upload rules (type read from the content, size limit, at most 5 files).';

export const dpcSignalementRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const bounded = evidenceDeps(deps);
  // Scoped to this plugin, as the reports' routes do: files are read as streams, never buffered.
  await app.register(fastifyMultipart, { limits: multipartLimits(bounded) });
  const limited = { max: deps.config.reportRateLimitPerMinute, timeWindow: 60_000 };

  // Uploads without an account in progress on this instance, bounded as the reports' anonymous form.
  const takeAnonymousUploadSlot = takeUploadSlot(createUploadSlots(deps.config.uploadMaxConcurrentAnonymous));

  app.post('/api/dpc/signalements', {
    config: { access: { permission: 'dpc:signalement_file' }, rateLimit: limited, swaggerTransform: filingOpenApi(ZDpcSignalementCreate, ZDpcSignalementCreate, bounded.config) },
    bodyLimit: REPORT_TEXT_BYTES,
    // A multipart body reaches the handler unread (null here): the handler streams it.
    schema: {
      tags: ['dpc'],
      summary: 'File a DPC signalement from an account (doctor, agent recording one, expert reviewer)',
      description: FILING_DESCRIPTION,
      body: ZDpcSignalementCreate.nullish(),
      response: { 201: ZDpcSignalementFiled },
    },
  }, async (req, reply) => {
    const { actor } = requireSession(req);
    const { body, evidence } = await readSignalementForm(deps, req, req.body, ZDpcSignalementCreate);
    return reply.status(201).send(await fileDpcSignalement(deps, req.auditContext, { kind: 'account', actor }, body, evidence));
  });

  app.post('/api/dpc/signalements/public', {
    // Public: a patient's relative reports without an account, leaving a name and an address.
    config: { access: 'public', rateLimit: PUBLIC_LIMIT, swaggerTransform: filingOpenApi(ZDpcPublicSignalementCreate, ZDpcPublicSignalementCreate, bounded.config) },
    bodyLimit: REPORT_TEXT_BYTES,
    onRequest: takeAnonymousUploadSlot,
    schema: {
      tags: ['dpc'],
      summary: 'File a DPC signalement as a patient’s relative, without an account',
      description: `${FILING_DESCRIPTION} At most UPLOAD_MAX_CONCURRENT_ANONYMOUS multipart filings at once per instance: beyond, 503 UPLOADS_BUSY with Retry-After.`,
      body: ZDpcPublicSignalementCreate.nullish(),
      response: { 201: ZDpcSignalementFiled },
    },
  }, async (req, reply) => {
    const { body, evidence } = await readSignalementForm(deps, req, req.body, ZDpcPublicSignalementCreate);
    return reply.status(201).send(await fileDpcSignalement(deps, req.auditContext, { kind: 'public' }, body, evidence));
  });

  app.get('/api/dpc/signalements/mine', {
    config: { access: { permission: 'dpc:signalement_read_own' } },
    schema: {
      tags: ['dpc'],
      summary: "The doctor's own DPC signalements with their plain status, newest first",
      querystring: ZDpcMySignalementsQuery,
      response: { 200: ZDpcMySignalements },
    },
  }, async (req) => listOwnSignalements(deps, requireSession(req).actor, req.query.page));

  app.get('/api/dpc/catalogue/suggestions', {
    // Public: the catalogue is the ANDPC's public list; the form needs it before any login.
    config: { access: 'public', rateLimit: SUGGESTIONS_LIMIT },
    schema: {
      tags: ['dpc'],
      summary: 'Up to 10 catalogue actions matching words of their reference, title or organisation (signalement form)',
      querystring: ZDpcCatalogueSuggestionsQuery,
      response: { 200: ZDpcCatalogueSuggestions },
    },
  }, async (req) => suggestCatalogueActions(deps, req.query.q));
};
