import type { FastifyRequest } from 'fastify';
import { normalizeIP, type RateLimitPluginOptions } from '@fastify/rate-limit';
import type { Config } from '../../config.js';
import type { Database } from '../db/client.js';
import { AppError } from '../errors.js';
import { pgRateLimitStore } from './rate-limit-store.js';
import { isWebAppRequest } from './web-app.js';

/** Probes from the load balancer: never counted, whatever their query string. */
const PROBE_ROUTES = new Set(['/healthz', '/readyz']);

/**
 * One counter per route and address: `GET /api/registry/doctors 192.0.2.7`. The route is the pattern
 * (`/api/reports/:id`), so ids do not multiply counters. Built here from the request rather than from the
 * options the plugin hands to the store's `child()`, whose shape changed between major versions and
 * silently merged every per-route budget into one counter per address.
 */
export function rateLimitKey(req: FastifyRequest): string {
  return `${req.method} ${req.routeOptions.url ?? '-'} ${normalizeIP(req.ip)}`;
}

/** Health probes and the web app's files (not API paths under it) count against no budget. */
export function isUncounted(req: FastifyRequest): boolean {
  const route = req.routeOptions.url ?? '';
  return PROBE_ROUTES.has(route) || isWebAppRequest(req);
}

/**
 * Options of @fastify/rate-limit: every route has a budget per address, its own (`config.rateLimit`,
 * stricter on login, checks, reports) or the general one (`RATE_LIMIT_PER_MINUTE`); the two never add up,
 * and one route's budget is never spent by another (docs/decisions.md, issue 16).
 */
export function rateLimitOptions(config: Pick<Config, 'rateLimitPerMinute'>, database: Database): RateLimitPluginOptions {
  return {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    store: pgRateLimitStore(database),
    keyGenerator: rateLimitKey,
    allowList: isUncounted,
    errorResponseBuilder: (_req, ctx) => new AppError('RATE_LIMITED', { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) }),
  };
}
