import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZLogin,
  ZLoginResult,
  ZPasswordResetConfirm,
  ZPasswordResetRequest,
  ZSecondFactor,
  ZSessionView,
  type TSessionView,
} from '../../../contracts/auth.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { permissionsFor } from '../../platform/authz/policy.js';
import { CSRF_COOKIE, requireSession, signAnonymousCsrf } from '../../platform/http/request-context.js';
import { clearSessionCookie, ensureDeviceToken, setSessionCookie } from '../../platform/http/cookies.js';
import * as auth from './auth.service.js';
import { loggableError } from '../../platform/errors.js';

export const authRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const secure = deps.config.cookieSecure;
  const strict = { max: deps.config.authRateLimitPerMinute, timeWindow: 60_000 };

  app.get('/api/session', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Current session and CSRF token', response: { 200: ZSessionView } },
  }, async (req, reply): Promise<TSessionView> => {
    if (req.session) {
      const { row, user } = req.session;
      return {
        state: row.state,
        csrfToken: row.csrfToken,
        user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role, departement: user.departement, secondFactorEnabled: !!user.totpEnabledAt },
        permissions: [...permissionsFor(user.role, row.state)],
      };
    }
    const csrfToken = signAnonymousCsrf(deps.config.secret!);
    void reply.setCookie(CSRF_COOKIE, csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure });
    return { state: 'anonymous', csrfToken, user: null, permissions: [] };
  });

  app.post('/api/auth/login', {
    config: { access: 'public', rateLimit: strict },
    schema: { tags: ['auth'], summary: 'Log in with email and password', body: ZLogin, response: { 200: ZLoginResult } },
  }, async (req, reply) => {
    const device = ensureDeviceToken(req, reply, secure);
    const grant = await auth.login(deps, req.auditContext, req.body, device);
    setSessionCookie(reply, grant.token, secure);
    return { state: grant.session.state };
  });

  app.post('/api/auth/second-factor', {
    config: { access: { permission: 'auth:second_factor' }, rateLimit: strict },
    schema: { tags: ['auth'], summary: 'Complete login with a TOTP or recovery code', body: ZSecondFactor, response: { 200: ZLoginResult } },
  }, async (req, reply) => {
    const device = ensureDeviceToken(req, reply, secure);
    const grant = await auth.verifySecondFactor(deps, req.auditContext, requireSession(req), req.body, device);
    setSessionCookie(reply, grant.token, secure);
    return { state: grant.session.state };
  });

  app.post('/api/auth/logout', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } },
  }, async (req, reply) => {
    if (req.session) await auth.logout(deps, req.auditContext, req.session.row);
    clearSessionCookie(reply, secure);
    return reply.status(204).send(null);
  });

  // The reset mail is queued once the answer has been sent (onResponse), so the answer never waits for
  // it: its timing cannot tell whether a mail was due. The link is stored and audited already; a lost
  // enqueue only means the owner asks again.
  const afterAnswers = new WeakMap<object, auth.AfterResetAnswer>();
  app.post('/api/auth/password-reset/request', {
    config: { access: 'public', rateLimit: strict },
    schema: { tags: ['auth'], summary: 'Email a password reset link', body: ZPasswordResetRequest, response: { 202: z.object({}) } },
    onResponse: async (req) => {
      const afterAnswer = afterAnswers.get(req);
      afterAnswers.delete(req);
      // On the next turn of the event loop: with the embedded database, whose queries run on this very
      // thread, the enqueue would otherwise still hold up the delivery of the answer just sent.
      if (afterAnswer) {
        setImmediate(() => void afterAnswer().catch((err: Error) => req.log.error({ error: loggableError(err) }, 'password reset mail not queued')));
      }
    },
  }, async (req, reply) => {
    afterAnswers.set(req, await auth.requestPasswordReset(deps, req.auditContext, req.body.email));
    return reply.status(202).send({});
  });

  app.post('/api/auth/password-reset/confirm', {
    config: { access: 'public', rateLimit: strict },
    schema: { tags: ['auth'], summary: 'Choose a new password from an emailed link', body: ZPasswordResetConfirm, response: { 204: z.null() } },
  }, async (req, reply) => {
    await auth.confirmPasswordReset(deps, req.auditContext, req.body.token, req.body.password);
    clearSessionCookie(reply, secure);
    return reply.status(204).send(null);
  });
};
