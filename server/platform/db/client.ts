import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Logger } from 'pino';
import { loggableError } from '../errors.js';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything a repo function can run a query on: the database or an open transaction. */
export type Executor = Db | Tx;

/** Plain SQL access for the few places that need it (migrations, the job queue). */
export interface RawExecutor {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs a script of several statements (no parameters); returns the last statement's rows. */
  exec(script: string): Promise<{ rows: unknown[] }>;
}

export interface Database {
  kind: 'pglite' | 'pg';
  db: Db;
  raw: RawExecutor;
  /** Runs fn inside one transaction on one connection, with raw SQL access. */
  rawTransaction<T>(fn: (tx: RawExecutor) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  /**
   * Listens on a NOTIFY channel (docs/performance.md, « The check API »). Payloads arrive in commit order.
   * `onLost` is called once if the listening connection fails (PostgreSQL server only): notifications sent
   * meanwhile are lost, so whatever was built from them must be dropped; listen again to resume.
   */
  listen(channel: string, onPayload: (payload: string) => void, onLost: (error: Error) => void): Promise<Listener>;
  close(): Promise<void>;
}

/** An open LISTEN; `close` stops it without calling `onLost`. */
export interface Listener {
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'pg'; url: string; poolSize: number }
  /** loadDataDir: a tarball from PGlite's dumpDataDir() to start from (the tests' migrated snapshot). */
  | { kind: 'pglite'; dataDir: string | null; loadDataDir?: Blob };

/** Opens the embedded PGlite (data under dataDir, or in memory when null) or a PostgreSQL server pool. */
export async function openDatabase(target: DatabaseTarget, logger?: Logger): Promise<Database> {
  return target.kind === 'pg' ? openPg(target.url, target.poolSize, logger) : openPglite(target.dataDir, target.loadDataDir);
}

async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<Database> {
  if (dataDir) mkdirSync(path.resolve(dataDir), { recursive: true });
  // Contrib extensions are compiled into PGlite but must be loaded at construction.
  const options = { extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) };
  const client = dataDir ? new PGlite(path.resolve(dataDir), options) : new PGlite(options);
  await client.waitReady;
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): RawExecutor => ({
    query: async <T>(text: string, params?: unknown[]) => ({ rows: (await q.query<T>(text, params as never[])).rows }),
    exec: async (script: string) => ({ rows: (await q.exec(script)).at(-1)?.rows ?? [] }),
  });
  return {
    kind: 'pglite',
    db: drizzlePglite({ client }) as unknown as Db,
    raw: wrap(client),
    rawTransaction: (fn) => client.transaction((tx) => fn(wrap(tx))),
    ping: async () => {
      await client.query('SELECT 1');
    },
    // In-process: notifications are handed over while the committing query's answer is read, before it
    // resolves, and the one connection cannot be lost.
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return { close: () => (client.closed ? Promise.resolve() : unlisten()) };
    },
    close: () => client.close(),
  };
}

async function openPg(url: string, poolSize: number, logger?: Logger): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // A dropped idle connection must not crash the process; the pool replaces it on next use.
  pool.on('error', (err) => logger?.warn({ error: loggableError(err) }, 'database connection lost'));
  const raw: RawExecutor = {
    query: async <T>(text: string, params?: unknown[]) => ({ rows: (await pool.query(text, params)).rows as T[] }),
    exec: async (script: string) => lastRows(await pool.query(script)),
  };
  return {
    kind: 'pg',
    db: drizzlePg({ client: pool }) as unknown as Db,
    raw,
    rawTransaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <T>(text: string, params?: unknown[]) => ({ rows: (await client.query(text, params)).rows as T[] }),
          exec: async (script: string) => lastRows(await client.query(script)),
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    ping: async () => {
      await pool.query('SELECT 1');
    },
    listen: (channel, onPayload, onLost) => listenPg(url, channel, onPayload, onLost),
    close: () => pool.end(),
  };
}

const LISTEN_PING_MS = 10_000;
const LISTEN_PING_TIMEOUT_MS = 5_000;

/** A dedicated connection outside the pool: a pooled one would be handed to queries and lose the LISTEN. */
async function listenPg(url: string, channel: string, onPayload: (payload: string) => void, onLost: (error: Error) => void): Promise<Listener> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, keepAlive: true });
  let closing = false;
  let lost = false;
  const lose = (error: Error) => {
    if (closing || lost) return;
    lost = true;
    onLost(error);
    client.end().catch(() => undefined);
  };
  client.on('error', lose);
  client.on('end', () => lose(new Error('listening connection ended')));
  client.on('notification', (message) => {
    if (message.channel === channel) onPayload(message.payload ?? '');
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  } catch (err) {
    closing = true;
    await client.end().catch(() => undefined);
    throw err;
  }
  // A connection cut without a reset (a dead NAT entry, a frozen server) raises no error by itself: a
  // ping that does not answer within PING_TIMEOUT_MS counts as lost, so silence never passes for calm.
  const ping = setInterval(() => {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('listening connection silent')), LISTEN_PING_TIMEOUT_MS).unref());
    Promise.race([client.query('SELECT 1'), timeout]).catch((err: Error) => lose(err));
  }, LISTEN_PING_MS);
  ping.unref();
  client.on('end', () => clearInterval(ping));
  return {
    close: async () => {
      closing = true;
      clearInterval(ping);
      await client.end().catch(() => undefined);
    },
  };
}

// pg returns an array of results for a multi-statement script, a single result otherwise.
function lastRows(result: pg.QueryResult | pg.QueryResult[]): { rows: unknown[] } {
  const last = Array.isArray(result) ? result.at(-1) : result;
  return { rows: last?.rows ?? [] };
}
