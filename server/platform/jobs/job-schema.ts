import { createRequire } from 'node:module';
import PgBoss from 'pg-boss';
import type { RawExecutor } from '../db/client.js';
import { JOB_QUEUES } from './queues.js';

/** The PostgreSQL schema pg-boss keeps its tables in. */
export const JOB_SCHEMA = 'pgboss';
/** The pg-boss schema version this code's pg-boss expects. */
export const JOB_SCHEMA_VERSION: number = (createRequire(import.meta.url)('pg-boss/version.json') as { schema: number }).schema;

/** Retries of every queue: a failed job is retried five times, with a growing delay. */
export const QUEUE_OPTIONS = { retryLimit: 5, retryDelay: 5, retryBackoff: true } as const;

export interface JobSchemaState {
  /** null when pg-boss is not installed. */
  version: number | null;
  /** Queues of JOB_QUEUES not created yet. */
  missingQueues: string[];
}

/** Reads what pg-boss has installed, without any DDL (the application role runs it at every start). */
export async function readJobSchemaState(tx: RawExecutor): Promise<JobSchemaState> {
  const { rows } = await tx.query<{ installed: boolean }>(`SELECT to_regclass('${JOB_SCHEMA}.version') IS NOT NULL AS installed`);
  if (!rows[0]?.installed) return { version: null, missingQueues: [...JOB_QUEUES] };
  const version = await tx.query<{ version: number }>(`SELECT version::int AS version FROM ${JOB_SCHEMA}.version`);
  const queues = await tx.query<{ name: string }>(`SELECT name FROM ${JOB_SCHEMA}.queue WHERE name = ANY($1::text[])`, [[...JOB_QUEUES]]);
  const present = new Set(queues.rows.map((q) => q.name));
  return { version: version.rows[0]?.version ?? null, missingQueues: JOB_QUEUES.filter((q) => !present.has(q)) };
}

/**
 * Installs or upgrades pg-boss's schema and creates every queue of JOB_QUEUES, inside the caller's
 * migration transaction (run by the owner role). pg-boss would otherwise do this DDL at each start,
 * which the application role may not. Throws when the installed version is newer than this code's.
 */
export async function installJobSchema(tx: RawExecutor): Promise<void> {
  const { version } = await readJobSchemaState(tx);
  if (version === null) await tx.exec(unwrapTransaction(PgBoss.getConstructionPlans(JOB_SCHEMA)));
  else if (version < JOB_SCHEMA_VERSION) await tx.exec(unwrapTransaction(PgBoss.getMigrationPlans(JOB_SCHEMA, version as unknown as string)));
  else if (version > JOB_SCHEMA_VERSION) throw new Error(`pg-boss schema version ${version} is newer than this code's ${JOB_SCHEMA_VERSION}`);
  // An unstarted pg-boss only formats the queue options and runs create_queue, which skips existing queues.
  const boss = new PgBoss({ db: { executeSql: (text: string, values?: unknown[]) => tx.query(text, values) }, schema: JOB_SCHEMA, migrate: false });
  for (const name of JOB_QUEUES) await boss.createQueue(name, { name, ...QUEUE_OPTIONS });
}

// pg-boss wraps each plan in BEGIN … COMMIT; inside our migration transaction that COMMIT would end
// it early, so the plan runs as plain statements (its advisory lock still holds until our COMMIT).
function unwrapTransaction(plan: string): string {
  const body = /^\s*BEGIN;([\s\S]*)COMMIT;\s*$/.exec(plan)?.[1];
  if (body === undefined) throw new Error('unexpected pg-boss plan: not wrapped in BEGIN … COMMIT');
  return body;
}
