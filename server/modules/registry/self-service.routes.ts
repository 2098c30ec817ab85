import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZActivation,
  ZChangeRequestIdParams,
  ZOwnChangeRequest,
  ZCounterCode,
  ZDoctorIdParams,
  ZIdentityCheck,
  ZOwnRecord,
  ZSelfContactChange,
  ZSelfContactVerify,
  ZStepUpGrant,
  ZStepUpRequest,
} from '../../../contracts/registry.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { requireSession } from '../../platform/http/request-context.js';
import * as repo from './change-requests.repo.js';
import { toOwnChangeRequest, toRecordView } from './registry-record.service.js';
import * as self from './self-service.service.js';
import * as activation from './activation.service.js';
import { grantStepUp } from './step-up.service.js';

/** The doctor's side of the registry (own record, self-service with step-up) and account activation. */
export const selfServiceRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const strict = { max: deps.config.authRateLimitPerMinute, timeWindow: 60_000 };

  app.post('/api/auth/step-up', {
    config: { access: { permission: 'auth:step_up' }, rateLimit: strict },
    schema: { tags: ['auth'], summary: 'Prove a fresh second factor (single-use token, 5 minutes)', body: ZStepUpRequest, response: { 200: ZStepUpGrant } },
  }, async (req) => grantStepUp(deps, req.auditContext, requireSession(req), req.body.code));

  app.get('/api/me/registry', {
    config: { access: { permission: 'self_registry:read' } },
    schema: { tags: ['self-service'], summary: 'My record in the register', response: { 200: ZOwnRecord } },
  }, async (req) => {
    const session = requireSession(req);
    const doctor = await self.loadOwnRecord(deps, session);
    const requests = await repo.listRequestsForDoctor(deps.database.db, doctor.id);
    return { doctor: toRecordView(doctor), secondFactorEnabled: !!session.user.totpEnabledAt, requests: requests.map(toOwnChangeRequest) };
  });

  app.post('/api/me/registry/contact-changes', {
    config: { access: { permission: 'self_registry:update' }, rateLimit: strict },
    schema: { tags: ['self-service'], summary: 'Change my correspondence details (2FA step-up required)', body: ZSelfContactChange, response: { 201: ZOwnChangeRequest } },
  }, async (req, reply) => {
    const created = await self.requestOwnContactChange(deps, req.auditContext, requireSession(req), req.body.stepUpToken, req.body.changes);
    return reply.status(201).send(toOwnChangeRequest(created));
  });

  app.post('/api/me/registry/contact-changes/:id/verify', {
    config: { access: { permission: 'self_registry:update' }, rateLimit: strict },
    schema: { tags: ['self-service'], summary: 'Enter the codes sent to the new address and phone', params: ZChangeRequestIdParams, body: ZSelfContactVerify, response: { 200: ZOwnChangeRequest } },
  }, async (req) => toOwnChangeRequest(await self.verifyOwnContactChange(deps, req.auditContext, requireSession(req), req.params.id, req.body)));

  app.post('/api/registry/doctors/:id/activation-link', {
    config: { access: { permission: 'change_request:create' } },
    schema: { tags: ['registry'], summary: 'Email an activation link to the address on file', params: ZDoctorIdParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await activation.sendActivationLink(deps, req.auditContext, requireSession(req).actor, req.params.id);
    return reply.status(204).send(null);
  });

  app.post('/api/registry/doctors/:id/counter-code', {
    config: { access: { permission: 'change_request:check' } },
    schema: { tags: ['registry'], summary: 'Give an activation code at the counter after the identity check', params: ZDoctorIdParams, body: ZIdentityCheck, response: { 200: ZCounterCode } },
  }, async (req) => activation.issueCounterCode(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body));

  app.post('/api/registry/doctors/:id/second-factor-reset', {
    config: { access: { permission: 'change_request:check' } },
    schema: { tags: ['registry'], summary: "Reset a doctor's lost second factor after the in-person check", params: ZDoctorIdParams, body: ZIdentityCheck, response: { 204: z.null() } },
  }, async (req, reply) => {
    await activation.resetDoctorSecondFactorInPerson(deps, req.auditContext, requireSession(req).actor, req.params.id, req.body);
    return reply.status(204).send(null);
  });

  app.post('/api/activation', {
    config: { access: 'public', rateLimit: strict },
    schema: { tags: ['self-service'], summary: 'Activate my doctor account (link or counter code)', body: ZActivation, response: { 204: z.null() } },
  }, async (req, reply) => {
    await activation.activateDoctorAccount(deps, req.auditContext, req.body);
    return reply.status(204).send(null);
  });
};
