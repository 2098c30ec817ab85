import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../../../contracts/permissions.js';
import type { Database } from '../db/client.js';
import type { SessionRow, UserRow } from '../db/schema.js';
import { loadSession, type SessionPolicy } from '../auth/session-store.js';
import { hasPermission, type Actor, type RouteAccess } from '../authz/policy.js';
import type { AuditContext } from '../audit/audit.js';
import { recordAccessDenial } from '../audit/denials.js';
import { randomToken, safeEqual } from '../crypto/tokens.js';
import { AppError } from '../errors.js';

export const SESSION_COOKIE = 'vigie_session';
export const CSRF_COOKIE = 'vigie_csrf';
export const DEVICE_COOKIE = 'vigie_device';
/** The request header that carries the CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';

export interface RequestSession {
  row: SessionRow;
  user: UserRow;
  actor: Actor;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated session, or null for an anonymous request. */
    session: RequestSession | null;
    /** True when the request carried a session cookie that is no longer valid. */
    sessionExpired: boolean;
    auditContext: AuditContext;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** The methods whose requests must carry the CSRF token (the OpenAPI document says so from this set). */
export const STATE_CHANGING: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestContextOptions {
  database: Database;
  secret: string;
  sessionPolicy: SessionPolicy;
  cookieSecure: boolean;
}

/** Anonymous CSRF token: a nonce signed with the server secret (double-submit cookie). */
export function signAnonymousCsrf(secret: string, nonce = randomToken(18)): string {
  return `${nonce}.${createHmac('sha256', secret).update(`csrf:${nonce}`).digest('base64url')}`;
}

function isValidAnonymousCsrf(secret: string, token: string): boolean {
  const nonce = token.split('.')[0] ?? '';
  return nonce.length > 0 && safeEqual(signAnonymousCsrf(secret, nonce), token);
}

/** How many verified anonymous tokens an instance remembers; past it, it forgets them all and verifies again. */
export const VERIFIED_CSRF_MEMORY = 10_000;

/**
 * isValidAnonymousCsrf, remembering the tokens whose signature held: a signature checked once with the
 * instance's secret holds for good, and an anonymous caller (the public check) sends the same token on
 * every request, so the HMAC is computed once per token instead of once per request. Only tokens that
 * verified are kept, so the set cannot make a forged token pass; it is bounded and cleared when full.
 */
export function anonymousCsrfVerifier(secret: string): (token: string) => boolean {
  const verified = new Set<string>();
  return (token) => {
    if (verified.has(token)) return true;
    if (!isValidAnonymousCsrf(secret, token)) return false;
    if (verified.size >= VERIFIED_CSRF_MEMORY) verified.clear();
    verified.add(token);
    return true;
  };
}

export function sessionCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure };
}

/**
 * Loads the session, checks CSRF on state-changing requests, then applies the route's declared access
 * through the central policy. A route that declares no access is refused: deny by default.
 */
export function registerRequestContext(app: FastifyInstance, options: RequestContextOptions): void {
  const { database, secret, sessionPolicy } = options;
  const isSignedAnonymousCsrf = anonymousCsrfVerifier(secret);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('auditContext', null as unknown as AuditContext);

  app.addHook('onRequest', async (req, reply) => {
    req.auditContext = { actorId: null, actorRole: null, ip: req.ip, requestId: String(req.id) };
    const access = req.routeOptions.config.access;
    // Unmatched URLs reach the 404 handler; there is nothing to guard.
    if (!req.routeOptions.url) return;
    await attachSession(req, reply);
    if (STATE_CHANGING.has(req.method)) checkCsrf(req);
    await enforceAccess(req, access);
  });

  async function attachSession(req: FastifyRequest, reply: FastifyReply) {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const loaded = await loadSession(database.db, token, sessionPolicy);
    if (!loaded) {
      req.sessionExpired = true;
      void reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(options.cookieSecure));
      return;
    }
    const actor: Actor = { userId: loaded.user.id, role: loaded.user.role, departement: loaded.user.departement };
    req.session = { row: loaded.session, user: loaded.user, actor };
    req.auditContext = { ...req.auditContext, actorId: actor.userId, actorRole: actor.role };
  }

  function checkCsrf(req: FastifyRequest) {
    const header = req.headers[CSRF_HEADER];
    const sent = typeof header === 'string' ? header : '';
    const ok = req.session
      ? safeEqual(sent, req.session.row.csrfToken)
      : sent.length > 0 && safeEqual(sent, req.cookies[CSRF_COOKIE] ?? '') && isSignedAnonymousCsrf(sent);
    if (!ok) throw new AppError('CSRF_INVALID');
  }

  async function enforceAccess(req: FastifyRequest, access: RouteAccess | undefined) {
    if (access === 'public') return;
    if (!access) {
      req.log.error({ route: req.routeOptions.url }, 'route without declared access refused');
      throw new AppError('FORBIDDEN');
    }
    if (!req.session) throw new AppError(req.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    const { row, user } = req.session;
    if (hasPermission(user.role, row.state, access.permission)) return;
    if (row.state !== 'active') throw new AppError('SECOND_FACTOR_REQUIRED');
    await auditDenial(req, access.permission);
    throw new AppError('FORBIDDEN');
  }

  // Aggregated per (user, route, permission): a script looping on a refused route writes a couple of
  // entries per window with the count, not one per call (platform/audit/denials.ts).
  async function auditDenial(req: FastifyRequest, permission: Permission) {
    await recordAccessDenial(database, req.auditContext, { entityType: 'route', entityId: `${req.method} ${req.routeOptions.url}`, permission });
  }
}

/** The session of a guarded route's request; the guard has already refused anonymous requests. */
export function requireSession(req: FastifyRequest): RequestSession {
  if (!req.session) throw new AppError('UNAUTHENTICATED');
  return req.session;
}
