import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZChangeRequestCreate,
  ZChangeRequestIdParams,
  ZChangeRequestListQuery,
  ZChangeRequestView,
  ZDoctorIdParams,
  ZDoctorRecord,
  ZDoctorRecordPage,
  ZExportRequest,
  ZIdentityCheck,
  ZNotMe,
  ZReason,
  ZReviewDecision,
  CHANGE_STATUSES,
  ZSecurityOverview,
  ZRegistrationCreate,
  zDepartementCode,
} from '../../../contracts/registry.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { recordRegistration } from './registration.service.js';
import { assertInScope } from '../../platform/authz/policy.js';
import { fileResponse } from '../../platform/http/openapi-media.js';
import { requireSession } from '../../platform/http/request-context.js';
import * as changes from './change-requests.service.js';
import * as repo from './change-requests.repo.js';
import * as record from './registry-record.service.js';
import * as oversight from './registry-oversight.service.js';

export const registryRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const tags = ['registry'];

  app.get('/api/registry/doctors/:id', {
    config: { access: { permission: 'registry:read_record' } },
    schema: { tags, summary: "Open a doctor's full record (audited read)", params: ZDoctorIdParams, response: { 200: ZDoctorRecordPage } },
  }, async (req) => record.readDoctorRecord(deps, req.auditContext, requireSession(req).actor, req.params.id));

  app.post('/api/registry/doctors/:id/unfreeze', {
    config: { access: { permission: 'change_request:review' } },
    schema: { tags, summary: 'Lift the freeze of a record after checking', params: ZDoctorIdParams, body: ZReason, response: { 200: ZDoctorRecord } },
  }, async (req) => record.unfreezeDoctor(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body.reason));

  app.post('/api/registry/change-requests', {
    config: { access: { permission: 'change_request:create' } },
    schema: { tags, summary: 'Record a change request (completed only in person)', body: ZChangeRequestCreate, response: { 201: ZChangeRequestView } },
  }, async (req, reply) => {
    const created = await changes.recordChangeRequest(deps, req.auditContext, requireSession(req).actor, req.body);
    return reply.status(201).send(record.toChangeRequestView(created));
  });

  app.post('/api/registry/registrations', {
    config: { access: { permission: 'change_request:create' } },
    schema: {
      tags,
      summary: 'Record a new registration (completed only in person)',
      querystring: z.strictObject({ departement: zDepartementCode.optional() }),
      body: ZRegistrationCreate,
      response: { 201: ZChangeRequestView },
    },
  }, async (req, reply) => {
    const actor = requireSession(req).actor;
    const departement = actor.departement ?? req.query.departement;
    if (!departement) throw fieldError('departement', 'Un compte national indique le département d’inscription.');
    const created = await recordRegistration(deps, req.auditContext, actor, req.body, departement);
    return reply.status(201).send(record.toChangeRequestView(created));
  });

  app.get('/api/registry/change-requests', {
    config: { access: { permission: 'registry:read' } },
    schema: { tags, summary: 'Change requests of my département', querystring: ZChangeRequestListQuery, response: { 200: z.object({ items: z.array(ZChangeRequestView) }) } },
  }, async (req) => {
    const actor = requireSession(req).actor;
    const statuses = req.query.status ? [req.query.status] : [...CHANGE_STATUSES];
    return { items: (await repo.listRequests(deps.database.db, actor.departement, statuses)).map(record.toChangeRequestView) };
  });

  app.get('/api/registry/change-requests/:id', {
    config: { access: { permission: 'registry:read' } },
    schema: { tags, summary: 'One change request', params: ZChangeRequestIdParams, response: { 200: ZChangeRequestView } },
  }, async (req) => {
    const found = await repo.findChangeRequest(deps.database.db, req.params.id);
    if (!found) throw new AppError('NOT_FOUND');
    assertInScope(requireSession(req).actor, found.departement);
    return record.toChangeRequestView(found);
  });

  app.post('/api/registry/change-requests/:id/identity-check', {
    config: { access: { permission: 'change_request:check' } },
    schema: { tags, summary: 'Record the in-person identity check (completes or freezes the request)', params: ZChangeRequestIdParams, body: ZIdentityCheck, response: { 200: ZChangeRequestView } },
  }, async (req) => record.toChangeRequestView(await changes.recordIdentityCheck(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body)));

  app.post('/api/registry/change-requests/:id/review', {
    config: { access: { permission: 'change_request:review' } },
    schema: { tags, summary: 'Second agent decision on a held request', params: ZChangeRequestIdParams, body: ZReviewDecision, response: { 200: ZChangeRequestView } },
  }, async (req) => record.toChangeRequestView(await changes.reviewChangeRequest(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body)));

  app.post('/api/registry/not-me', {
    // Public: reached from the link in the notification; the single-use token is the credential.
    config: { access: 'public', rateLimit: { max: deps.config.authRateLimitPerMinute, timeWindow: 60_000 } },
    schema: { tags, summary: '« Ce n’était pas moi »: freeze the record and alert the council', body: ZNotMe, response: { 204: z.null() } },
  }, async (req, reply) => {
    await record.reportNotMe(deps, req.auditContext, req.body.token);
    return reply.status(204).send(null);
  });

  app.post('/api/registry/exports', {
    config: { access: { permission: 'registry:export' } },
    schema: { tags, summary: 'Bulk export of a département (reason required, audited)', body: ZExportRequest, response: { 200: fileResponse('The département’s records as CSV', { 'text/csv': z.string() }) } },
  }, async (req, reply) => {
    const result = await oversight.exportRegister(deps, req.auditContext, requireSession(req).actor, req.body);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="tableau-${req.body.departement}.csv"`)
      .header('x-vigie-excluded', String(result.excluded))
      .send(result.csv);
  });

  app.get('/api/registry/security', {
    config: { access: { permission: 'registry:security' } },
    schema: {
      tags,
      summary: 'Security view: unusual volumes, busy records, changes followed by an export',
      querystring: z.strictObject({ departement: zDepartementCode.optional() }),
      response: { 200: ZSecurityOverview },
    },
  }, async (req) => oversight.securityOverview(deps, requireSession(req).actor, req.query.departement ?? null));
};
