import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAccountView,
  ZPasswordChange,
  ZRecoveryCodes,
  ZRecoveryRegenerate,
  ZTotpConfirm,
  ZTotpDisable,
  ZTotpSetup,
} from '../../../contracts/account.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { requireSession } from '../../platform/http/request-context.js';
import * as account from './account.service.js';

export const accountRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const strict = { max: deps.config.authRateLimitPerMinute, timeWindow: 60_000 };

  app.get('/api/account', {
    config: { access: { permission: 'account:read' } },
    schema: { tags: ['account'], summary: 'My account', response: { 200: ZAccountView } },
  }, async (req) => account.getAccount(deps, requireSession(req).user));

  app.post('/api/account/password', {
    config: { access: { permission: 'account:update' }, rateLimit: strict },
    schema: { tags: ['account'], summary: 'Change my password', body: ZPasswordChange, response: { 204: z.null() } },
  }, async (req, reply) => {
    await account.changePassword(deps, req.auditContext, requireSession(req), req.body.currentPassword, req.body.newPassword);
    return reply.status(204).send(null);
  });

  app.post('/api/account/totp/setup', {
    config: { access: { permission: 'account:second_factor_enroll' }, rateLimit: strict },
    schema: { tags: ['account'], summary: 'Start TOTP enrolment', response: { 200: ZTotpSetup } },
  }, async (req) => account.startTotpSetup(deps, req.auditContext, requireSession(req)));

  app.post('/api/account/totp/confirm', {
    config: { access: { permission: 'account:second_factor_enroll' }, rateLimit: strict },
    schema: { tags: ['account'], summary: 'Confirm TOTP enrolment with a code', body: ZTotpConfirm, response: { 200: ZRecoveryCodes } },
  }, async (req) => ({ recoveryCodes: await account.confirmTotpSetup(deps, req.auditContext, requireSession(req), req.body.code) }));

  app.post('/api/account/totp/disable', {
    config: { access: { permission: 'account:update' }, rateLimit: strict },
    schema: { tags: ['account'], summary: 'Disable TOTP (roles where it is optional)', body: ZTotpDisable, response: { 204: z.null() } },
  }, async (req, reply) => {
    await account.disableTotpForSelf(deps, req.auditContext, requireSession(req), req.body.password, req.body.code);
    return reply.status(204).send(null);
  });

  app.post('/api/account/recovery-codes', {
    config: { access: { permission: 'account:update' }, rateLimit: strict },
    schema: { tags: ['account'], summary: 'Regenerate recovery codes', body: ZRecoveryRegenerate, response: { 200: ZRecoveryCodes } },
  }, async (req) => ({ recoveryCodes: await account.regenerateRecoveryCodes(deps, req.auditContext, requireSession(req), req.body.code) }));
};
