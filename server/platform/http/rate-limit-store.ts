import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Database } from '../db/client.js';

/**
 * A budget of at most this many hits per window is counted in the database on every hit, exactly across
 * instances: the credential routes (login, second factor, password reset) and report filing, where one
 * more try matters more than a round trip, and whose traffic is small by construction.
 */
export const EXACT_BUDGET_MAX = 20;
/** How often an instance adds its hits to the shared counters and reads the others' back. */
export const FLUSH_INTERVAL_MS = 1_000;

const INCREMENT = `
INSERT INTO rate_limits AS r (key, hits, reset_at)
VALUES ($1, $3, now() + make_interval(secs => $2::double precision / 1000))
ON CONFLICT (key) DO UPDATE SET
  hits = CASE WHEN r.reset_at <= now() THEN EXCLUDED.hits ELSE r.hits + EXCLUDED.hits END,
  reset_at = CASE WHEN r.reset_at <= now() THEN EXCLUDED.reset_at ELSE r.reset_at END
RETURNING hits, GREATEST(0, (EXTRACT(EPOCH FROM (reset_at - now())) * 1000))::bigint AS ttl_ms`;

// Keys sorted, so two instances flushing the same keys take the row locks in the same order.
const FLUSH = `
INSERT INTO rate_limits AS r (key, hits, reset_at)
SELECT u.key, u.delta, now() + make_interval(secs => u.window_ms / 1000)
FROM unnest($1::text[], $2::integer[], $3::double precision[]) AS u(key, delta, window_ms)
ORDER BY u.key
ON CONFLICT (key) DO UPDATE SET
  hits = CASE WHEN r.reset_at <= now() THEN EXCLUDED.hits ELSE r.hits + EXCLUDED.hits END,
  reset_at = CASE WHEN r.reset_at <= now() THEN EXCLUDED.reset_at ELSE r.reset_at END
RETURNING key, hits, GREATEST(0, (EXTRACT(EPOCH FROM (reset_at - now())) * 1000))::bigint AS ttl_ms`;

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;

/** What this instance knows of one shared counter. */
interface Entry {
  /** The shared count at the last exchange with the database (this instance's hits included). */
  base: number;
  /** Hits counted here since, not yet added to the shared counter. */
  pending: number;
  /** When the window ends and when the entry was last exchanged (local clock, ms). */
  resetAt: number;
  syncedAt: number;
  window: number;
  /** An exchange in flight for this key alone: hits arriving meanwhile wait for its answer. */
  syncing: Promise<void> | null;
  /** Bumped by each such exchange, so a flush begun before it does not overwrite what it learnt. */
  version: number;
}

/**
 * Rate-limit counters shared by every instance through the `rate_limits` table, without a database round
 * trip per request (docs/performance.md, « The check API »):
 * - a budget of at most EXACT_BUDGET_MAX hits is counted by one upsert per hit, as before;
 * - a larger one is counted in memory: the first hit of a key (or the first after FLUSH_INTERVAL_MS
 *   without a hit on it here) adds itself to the shared row and reads the total, and the hits that follow
 *   are counted locally and added to the shared rows in one statement at most every FLUSH_INTERVAL_MS.
 *   An instance thus decides with the others' hits at most about two intervals old: a client spreading its
 *   requests over N instances gets at most max + (N − 1) × (the hits it sends one instance in two
 *   intervals), never more than N × max, per window. A failed exchange makes every key ask the database
 *   again on its next hit, so an outage is an error, not a free pass.
 * Expired rows are swept by the maintenance job. The prefix says which budget counts, the general one or a
 * route's own: a row reads `route:POST /api/auth/login 192.0.2.7` (the key is built by rateLimitKey).
 */
export function pgRateLimitStore(database: Database): FastifyRateLimitStoreCtor {
  const entries = new Map<string, Entry>();
  let lastFlush = Date.now();
  let flushing = false;
  let flushTimer: NodeJS.Timeout | null = null;

  async function exchange(key: string, hits: number, timeWindow: number): Promise<{ hits: number; ttl: number }> {
    const { rows } = await database.raw.query<{ hits: number; ttl_ms: string }>(INCREMENT, [key, timeWindow, hits]);
    const row = rows[0];
    return { hits: Number(row?.hits ?? hits), ttl: Number(row?.ttl_ms ?? timeWindow) };
  }

  /** The key's first hit here, or its first in a while: add it to the shared row and learn the total. */
  function sync(key: string, timeWindow: number, previous: Entry | undefined): Entry {
    const now = Date.now();
    const carried = previous && previous.resetAt > now ? previous.pending : 0;
    const entry: Entry = previous ?? { base: 0, pending: 0, resetAt: 0, syncedAt: 0, window: timeWindow, syncing: null, version: 0 };
    entry.pending = 0;
    entry.version++;
    entry.syncing = exchange(key, carried + 1, timeWindow).then(
      ({ hits, ttl }) => {
        const at = Date.now();
        Object.assign(entry, { base: hits, resetAt: at + ttl, syncedAt: at, syncing: null });
      },
      (err: unknown) => {
        entry.syncing = null;
        entry.syncedAt = 0;
        throw err;
      },
    );
    entries.set(key, entry);
    return entry;
  }

  /** Adds every key's local hits to the shared rows and reads the totals back, in one statement. */
  async function flush(): Promise<void> {
    flushTimer = null;
    flushing = true;
    lastFlush = Date.now();
    const sent: [string, Entry, number, number][] = [];
    for (const [key, entry] of entries) {
      if (entry.resetAt <= lastFlush) entries.delete(key);
      else if (entry.pending > 0 && !entry.syncing) sent.push([key, entry, entry.pending, entry.version]);
    }
    let failed = false;
    try {
      if (sent.length === 0) return;
      const { rows } = await database.raw.query<{ key: string; hits: number; ttl_ms: string }>(FLUSH, [
        sent.map(([key]) => key),
        sent.map(([, , delta]) => delta),
        sent.map(([, entry]) => entry.window),
      ]);
      const totals = new Map(rows.map((r) => [r.key, r]));
      const at = Date.now();
      for (const [key, entry, delta, version] of sent) {
        const row = totals.get(key);
        if (!row || entry.version !== version) continue;
        Object.assign(entry, { base: Number(row.hits), pending: entry.pending - delta, resetAt: at + Number(row.ttl_ms), syncedAt: at });
      }
    } catch {
      // Unknown whether the hits were added: these keys ask the database on their next hit (an error while
      // it is down), carrying the hits counted here.
      for (const [, entry] of sent) entry.syncedAt = 0;
      failed = true;
    } finally {
      flushing = false;
      if (!failed && [...entries.values()].some((e) => e.pending > 0 && e.syncedAt > 0)) armFlush();
    }
  }

  // A timer, not the next request, so an instance that falls idle still hands its last hits over. It
  // exists only while hits are pending, and does not hold the process open.
  function armFlush() {
    if (flushTimer || flushing) return;
    flushTimer = setTimeout(() => void flush(), Math.max(0, lastFlush + FLUSH_INTERVAL_MS - Date.now()));
    flushTimer.unref();
  }

  async function countLocally(key: string, timeWindow: number): Promise<Result> {
    let entry = entries.get(key);
    const now = Date.now();
    if (entry?.syncing) await entry.syncing;
    else if (!entry || entry.resetAt <= now || now - entry.syncedAt > FLUSH_INTERVAL_MS * 2) {
      entry = sync(key, timeWindow, entry);
      await entry.syncing;
      return { current: entry.base, ttl: Math.max(0, entry.resetAt - Date.now()) };
    }
    entry.pending++;
    armFlush();
    return { current: entry.base + entry.pending, ttl: Math.max(0, entry.resetAt - Date.now()) };
  }

  class PgRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly prefix = 'global',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number, max: number): void {
      const shared = `${this.prefix}:${key}`;
      const counted =
        max <= EXACT_BUDGET_MAX ? exchange(shared, 1, timeWindow).then(({ hits, ttl }) => ({ current: hits, ttl })) : countLocally(shared, timeWindow);
      counted.then((result) => callback(null, result), (err: Error) => callback(err));
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
