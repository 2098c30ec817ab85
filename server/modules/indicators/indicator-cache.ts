import type { FastifyBaseLogger } from 'fastify';
import type { Database, Listener } from '../../platform/db/client.js';
import { loggableError } from '../../platform/errors.js';
import { findActiveIndicators, readActiveIndicators, type ActiveIndicatorRow, type IndicatorSighting } from './indicators.repo.js';

/** The channel migration 0019 notifies on: `=<value>` for a changed value, `*` for everything. */
const CHANNEL = 'fraud_indicators';
/** Past this many changed values at once, reloading the whole table is cheaper than naming them. */
const FULL_RELOAD_ABOVE = 1_000;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

/** Same answer as findActiveIndicators, from memory when the cache is live. */
export interface IndicatorLookup {
  find(values: readonly string[]): Promise<IndicatorSighting[]>;
  close(): Promise<void>;
}

/**
 * The active `fraud_indicators` of the whole table in memory, so a message check looks its indicators up
 * without a database round trip (docs/performance.md, « The check API »). Every instance listens on the
 * `fraud_indicators` channel (migration 0019) and reloads each value named, in the order notified; a
 * lookup waits for the reloads already announced, so a change notified before a check is in its answer.
 * Until the first load, and from the moment the listening connection is lost until it is back and the
 * table reloaded, the cache is dropped and lookups go to the database: it never answers from a view
 * that may have missed a change. Expiry is read at lookup time, since no row changes when it passes.
 */
export async function startIndicatorCache(database: Database, log: FastifyBaseLogger): Promise<IndicatorLookup> {
  /** value → its active rows (one per kind); null while the cache is not live. */
  let entries: Map<string, ActiveIndicatorRow[]> | null = null;
  /** Bumped when the cache is dropped: a load begun before must not refill it. */
  let epoch = 0;
  let listener: Listener | null = null;
  let closed = false;
  let retryMs = RETRY_MIN_MS;
  let retryTimer: NodeJS.Timeout | null = null;
  // Loads run one after another, in the order the notifications came; lookups wait for those announced.
  let chain: Promise<void> = Promise.resolve();
  let inFlight = 0;
  let changed = new Set<string>();
  let reloadAll = false;
  let reloadQueued = false;

  const enqueue = (task: () => Promise<void>) => {
    inFlight++;
    chain = chain
      .then(task)
      .catch((err: unknown) => drop(err))
      .finally(() => inFlight--);
  };

  function drop(err: unknown) {
    epoch++;
    entries = null;
    if (closed) return;
    log.warn({ error: loggableError(err) }, 'indicator cache dropped: checks read fraud_indicators from the database until it is reloaded');
    void listener?.close();
    listener = null;
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void start();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  }

  function onPayload(payload: string) {
    if (payload === '*' || changed.size >= FULL_RELOAD_ABOVE) reloadAll = true;
    else if (payload.startsWith('=')) changed.add(payload.slice(1));
    if (!reloadQueued) queueReload();
  }

  function queueReload() {
    reloadQueued = true;
    enqueue(async () => {
      reloadQueued = false;
      const values = [...changed];
      const all = reloadAll;
      changed = new Set();
      reloadAll = false;
      // Not live: the next full load reads everything anyway.
      if (entries === null) return;
      const at = epoch;
      const rows = group(await readActiveIndicators(database.db, all ? undefined : values));
      if (entries === null || at !== epoch) return;
      if (all) {
        entries = rows;
        return;
      }
      for (const value of values) {
        const found = rows.get(value);
        if (found) entries.set(value, found);
        else entries.delete(value);
      }
    });
  }

  // Listen first, then load: a change committed after the load's snapshot is notified to this listener
  // and reloaded after it.
  async function start() {
    if (closed) return;
    try {
      const at = epoch;
      listener = await database.listen(CHANNEL, onPayload, (err) => drop(err));
      enqueue(async () => {
        changed = new Set();
        reloadAll = false;
        const rows = group(await readActiveIndicators(database.db));
        if (at !== epoch || closed) return;
        entries = rows;
        retryMs = RETRY_MIN_MS;
      });
      await chain;
    } catch (err) {
      drop(err);
    }
  }

  await start();

  return {
    async find(values) {
      if (inFlight > 0) await chain;
      if (entries === null) return findActiveIndicators(database.db, values);
      const now = Date.now();
      const found: IndicatorSighting[] = [];
      // As findActiveIndicators: distinct values, at most 200.
      for (const value of [...new Set(values)].slice(0, 200)) {
        for (const row of entries.get(value) ?? []) {
          if (row.expiresAt === null || row.expiresAt.getTime() > now) found.push({ value: row.value, reportCount: row.reportCount, campaignLabel: row.campaignLabel });
        }
      }
      return found;
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      epoch++;
      entries = null;
      await listener?.close();
      await chain;
    },
  };
}

function group(rows: ActiveIndicatorRow[]): Map<string, ActiveIndicatorRow[]> {
  const byValue = new Map<string, ActiveIndicatorRow[]>();
  for (const row of rows) {
    const list = byValue.get(row.value);
    if (list) list.push(row);
    else byValue.set(row.value, [row]);
  }
  return byValue;
}
