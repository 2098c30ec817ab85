import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import { JOB_SCHEMA } from './job-schema.js';
import { JOB_QUEUES } from './queues.js';
import { loggableError } from '../errors.js';

export type JobHandler<T> = (data: T) => Promise<void>;

/**
 * A durable job queue in PostgreSQL (pg-boss). Every instance runs workers; a job is fetched with
 * SKIP LOCKED, so each runs once even with several instances, and survives a crash until retried.
 * Queues are the ones of JOB_QUEUES, created by the migration step (server/platform/jobs/job-schema.ts).
 */
export interface JobQueue {
  enqueue<T extends object>(queue: string, data: T): Promise<void>;
  /** Queues one job per item in one statement (a grouping batch queues 2,000 watchlist matches at once). */
  enqueueMany<T extends object>(queue: string, items: readonly T[]): Promise<void>;
  work<T extends object>(queue: string, handler: JobHandler<T>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts pg-boss on an already migrated database, with no DDL: the application role may not create
 * pg-boss's schema or its queue partitions. pg-boss throws at start when its schema is not installed.
 */
export async function startJobQueue(database: Database, logger: Logger): Promise<JobQueue> {
  // Queries pg-boss still has in flight when asked to stop (a job being completed, a fetch): stop()
  // waits for them, then refuses new ones, so closing the database afterwards never races with them.
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  const executeSql = (text: string, values?: unknown[]) => {
    // After stop(), pg-boss may still complete or fail a job it started (without awaiting the call):
    // any answer, even an empty one, would be parsed and throw unhandled. Such a query simply never
    // answers; the job stays active in the table and is retried after its expiry.
    if (closed) return new Promise<never>(() => undefined);
    const run = values && values.length > 0 ? database.raw.query(text, values) : database.raw.exec(text);
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run)).catch(() => undefined);
    return run;
  };
  const boss = new PgBoss({
    // pg-boss runs its own SQL through this adapter, so PGlite and a PostgreSQL server behave the same.
    db: { executeSql },
    schema: JOB_SCHEMA,
    schedule: false,
    // The owner's migration step installs and upgrades pg-boss's schema (migrate() in db/migrate.ts).
    migrate: false,
    // Job payloads (mails) may hold personal data: keep finished jobs an hour only.
    archiveCompletedAfterSeconds: 60,
    deleteAfterSeconds: 3600,
  } as unknown as PgBoss.ConstructorOptions);
  boss.on('error', (err: Error) => logger.error({ error: loggableError(err) }, 'job queue error'));
  await boss.start();
  // Creating a queue is DDL (a table partition): an undeclared one would work on the embedded database
  // and fail in production, so it is refused everywhere.
  const ensureQueue = (name: string) => {
    if (!JOB_QUEUES.includes(name)) throw new Error(`job queue "${name}" is not declared in server/platform/jobs/queues.ts`);
  };
  return {
    async enqueue(queue, data) {
      ensureQueue(queue);
      await boss.send(queue, data);
    },
    async enqueueMany(queue, items) {
      ensureQueue(queue);
      if (items.length === 0) return;
      await boss.insert(items.map((data) => ({ name: queue, data })));
    },
    async work(queue, handler) {
      ensureQueue(queue);
      // One job per fetch: a failure retries that job alone, never its neighbours.
      await boss.work(queue, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) await handler(job.data as never);
      });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      closed = true;
    },
  };
}
