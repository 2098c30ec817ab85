import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken } from '../crypto/tokens.js';
import { DEVICE_COOKIE, SESSION_COOKIE, sessionCookieOptions } from './request-context.js';

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(secure));
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
}

/** A long-lived random id of this browser, used only to tell a new device from a known one. */
export function ensureDeviceToken(req: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const existing = req.cookies[DEVICE_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing)) return existing;
  const token = randomToken(32);
  void reply.setCookie(DEVICE_COOKIE, token, { ...sessionCookieOptions(secure), maxAge: 400 * 24 * 3600 });
  return token;
}
