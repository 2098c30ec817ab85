import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Database } from '../db/client.js';

const INCREMENT = `
INSERT INTO rate_limits AS r (key, hits, reset_at)
VALUES ($1, 1, now() + make_interval(secs => $2::double precision / 1000))
ON CONFLICT (key) DO UPDATE SET
  hits = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.hits + 1 END,
  reset_at = CASE WHEN r.reset_at <= now() THEN now() + make_interval(secs => $2::double precision / 1000) ELSE r.reset_at END
RETURNING hits, GREATEST(0, (EXTRACT(EPOCH FROM (reset_at - now())) * 1000))::bigint AS ttl_ms`;

/**
 * Rate-limit counters in PostgreSQL, so every instance behind the load balancer counts the same hits.
 * One upsert per request; expired rows are swept by the maintenance job. The key already names the route
 * and the address (rateLimitKey); the prefix only says which budget counts, the general one or a route's
 * own, so a row reads `route:POST /api/auth/login 192.0.2.7`.
 */
export function pgRateLimitStore(database: Database): FastifyRateLimitStoreCtor {
  class PgRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly prefix = 'global',
    ) {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      database.raw
        .query<{ hits: number; ttl_ms: string }>(INCREMENT, [`${this.prefix}:${key}`, timeWindow])
        .then(({ rows }) => {
          const row = rows[0];
          callback(null, { current: Number(row?.hits ?? 1), ttl: Number(row?.ttl_ms ?? timeWindow) });
        })
        .catch((err: Error) => callback(err));
    }

    /** The store of a route with its own budget; the route is in the key, not read from these options. */
    child(): FastifyRateLimitStore {
      return new PgRateLimitStore(undefined, 'route');
    }
  }
  return PgRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}

/** Deletes the counters whose window has ended (maintenance job). */
export async function purgeExpiredRateLimits(database: Database): Promise<void> {
  await database.raw.query('DELETE FROM rate_limits WHERE reset_at < now()');
}
