import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZAssignees,
  ZAssignment,
  ZMerge,
  ZNoteCreate,
  ZStatusChange,
  ZStatusChangeResult,
  ZTriageAttachmentParams,
  ZTriageNote,
  ZTriageQueuePage,
  ZTriageQueueQuery,
  ZTriageReportDetail,
  ZTriageReportParams,
  ZTriageReportState,
} from '../../../contracts/triage.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { REPORT_MEDIA_TYPES } from '../../../contracts/reports.schemas.js';
import { bytesIn, fileResponse } from '../../platform/http/openapi-media.js';
import { requireSession } from '../../platform/http/request-context.js';
import { attachmentPreviewRoutes } from './triage-attachment-preview.routes.js';
import { listQueue } from './triage-queue.service.js';
import * as triage from './triage.service.js';
import { attachmentDisposition } from '../../platform/http/content-disposition.js';

export const triageRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const tags = ['triage'];
  const access = { permission: 'report:triage' } as const;

  app.get('/api/triage/reports', {
    config: { access },
    schema: { tags, summary: 'The queue of signalements of my département (national: all)', querystring: ZTriageQueueQuery, response: { 200: ZTriageQueuePage } },
  }, async (req) => listQueue(deps, requireSession(req).actor, req.query));

  app.get('/api/triage/reports/:id', {
    config: { access },
    schema: { tags, summary: 'One signalement with its reporter (audited read)', params: ZTriageReportParams, response: { 200: ZTriageReportDetail } },
  }, async (req) => triage.readReport(deps, req.auditContext, requireSession(req).actor, req.params.id));

  app.get('/api/triage/reports/:id/attachments/:attachmentId', {
    config: { access },
    schema: { tags, summary: 'Download a copy of the exchanges (audited read)', params: ZTriageAttachmentParams, response: { 200: fileResponse('The file as filed, typed by its content', bytesIn(REPORT_MEDIA_TYPES)) } },
  }, async (req, reply) => {
    const { attachment, content } = await triage.readAttachment(deps, req.auditContext, requireSession(req).actor, req.params.id, req.params.attachmentId);
    // Never rendered by the browser as our origin's page: downloaded, typed by its content, sandboxed.
    return reply
      .header('content-type', attachment.mediaType)
      .header('content-disposition', attachmentDisposition(attachment.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('cache-control', 'no-store')
      .header('content-length', String(attachment.sizeBytes))
      .send(content);
  });

  await app.register(attachmentPreviewRoutes, { deps });

  app.get('/api/triage/reports/:id/assignees', {
    config: { access },
    schema: { tags, summary: 'Agents this signalement may be assigned to', params: ZTriageReportParams, response: { 200: ZAssignees } },
  }, async (req) => triage.listAssignees(deps, requireSession(req).actor, req.params.id));

  app.post('/api/triage/reports/:id/assignment', {
    config: { access },
    schema: { tags, summary: 'Assign the signalement (or nobody)', params: ZTriageReportParams, body: ZAssignment, response: { 200: ZTriageReportState } },
  }, async (req) => triage.assignReport(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));

  app.post('/api/triage/reports/:id/status', {
    config: { access },
    schema: { tags, summary: 'Move the signalement to another status', params: ZTriageReportParams, body: ZStatusChange, response: { 200: ZStatusChangeResult } },
  }, async (req) => triage.changeStatus(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));

  app.post('/api/triage/reports/:id/notes', {
    config: { access },
    schema: { tags, summary: 'Add a note (append-only)', params: ZTriageReportParams, body: ZNoteCreate, response: { 201: ZTriageNote } },
  }, async (req, reply) => reply.status(201).send(await triage.addNote(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body.body)));

  app.post('/api/triage/reports/:id/merge', {
    config: { access },
    schema: { tags, summary: 'Mark the signalement as a duplicate of another', params: ZTriageReportParams, body: ZMerge, response: { 200: ZTriageReportState } },
  }, async (req) => triage.mergeReport(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));
};
