import type { FastifyInstance, FastifyRequest } from 'fastify';
import { normalizeIP, type RateLimitPluginOptions } from '@fastify/rate-limit';
import type { Config } from '../../config.js';
import type { Database } from '../db/client.js';
import { AppError } from '../errors.js';
import { pgRateLimitStore } from './rate-limit-store.js';
import { isWebAppRequest } from './web-app.js';

/** Probes from the load balancer and the site's static files: never counted, whatever their query string. */
const UNCOUNTED_ROUTES = new Set(['/healthz', '/readyz', '/robots.txt', '/.well-known/security.txt']);

/**
 * One counter per route and address: `GET /api/registry/doctors 192.0.2.7`. The route is the pattern
 * (`/api/reports/:id`), so ids do not multiply counters. Built here from the request rather than from the
 * options the plugin hands to the store's `child()`, whose shape changed between major versions and
 * silently merged every per-route budget into one counter per address.
 */
export function rateLimitKey(req: FastifyRequest): string {
  return `${req.method} ${req.routeOptions.url ?? '-'} ${normalizeIP(req.ip)}`;
}

/** Health probes, robots.txt, security.txt and the web app's files (not API paths under it) count against no budget. */
export function isUncounted(req: FastifyRequest): boolean {
  const route = req.routeOptions.url ?? '';
  return UNCOUNTED_ROUTES.has(route) || isWebAppRequest(req);
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

/** A browser opening a page (a link followed, an address typed), not the web app's own API calls. */
function isNavigation(req: FastifyRequest): boolean {
  if (req.headers['sec-fetch-mode'] === 'navigate') return true;
  const accept = String(req.headers.accept ?? '');
  return /\btext\/html\b/.test(accept) && !/\bapplication\/json\b/.test(accept);
}

function waitText(seconds: number): string {
  if (seconds <= 60) return seconds <= 1 ? 'une seconde' : `${seconds} secondes`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'une minute' : `${minutes} minutes`;
}

/** The page a person sees instead of a blank screen or raw JSON: in French, with the time to wait. No inline style (CSP). */
export function tooManyRequestsPage(retryAfterSeconds: number): string {
  const wait = waitText(Math.max(1, retryAfterSeconds));
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Trop de demandes — Vigie</title></head>
<body>
<main>
<h1>Trop de demandes en peu de temps</h1>
<p>Pour protéger le service, Vigie limite le nombre de demandes venant d’une même adresse. Réessayez dans ${wait}.</p>
<p><a href="/">Revenir à l’accueil de Vigie</a></p>
<p>Vigie — Ordre des médecins</p>
</main>
</body>
</html>
`;
}

/**
 * A refused page navigation (429) answers a small French HTML page saying when to retry, not the JSON
 * envelope a browser would show raw; the web app's API calls keep the JSON error they display themselves.
 */
export function registerRateLimitPage(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode !== 429 || !isNavigation(req)) return payload;
    const retryAfter = Number(reply.getHeader('retry-after')) || 60;
    void reply.type('text/html; charset=utf-8');
    return tooManyRequestsPage(retryAfter);
  });
}
