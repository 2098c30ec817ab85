import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import { ALERT_BROADCAST_QUEUE } from '../../platform/jobs/queues.js';
import { recordAudit, SYSTEM_CONTEXT } from '../../platform/audit/audit.js';
import { broadcastAlert, createPacer, type BroadcastEnv } from './alert-broadcast.js';
import * as deliveries from './alert-deliveries.repo.js';
import { loggableError } from '../../platform/errors.js';

export interface AlertWorkers {
  stop(): Promise<void>;
}

export interface BroadcastWorkerDeps {
  config: Config;
  database: Database;
  jobs: JobQueue;
}

export interface BroadcastWorkerOptions {
  smtpUrl: string;
  /** How long one job sends before handing over to a fresh job (pg-boss expires jobs at 15 minutes). */
  jobBudgetMs?: number;
}

/** Jobs one process runs at once: different alerts broadcast side by side. */
const CONCURRENT_JOBS = 2;
/** A pending delivery becoming claimable sooner than this is waited for inside the job. */
const WAIT_IN_JOB_MS = 10_000;
/** How often a process looks for a broadcast to join (see join below). */
const JOIN_EVERY_MS = 2_000;

/** Starts the broadcast workers that deliver approved alerts, one email per recipient. */
export async function startAlertWorkers(services: ServiceDeps, options: { smtpUrl: string }): Promise<AlertWorkers> {
  return startBroadcastWorkers({ config: services.config, database: services.database, jobs: services.jobs }, options);
}

/**
 * The broadcast side of alerts, usable without the web app (scripts/alert-worker.ts): a job handler
 * for ALERT_BROADCAST_QUEUE, a sweep that re-enqueues alerts left with claimable deliveries (crash,
 * lost enqueue, expired leases) and completes finished ones, and a heartbeat that shares the send rate
 * across workers. Handlers are idempotent: the delivery rows are the source of truth, jobs only wake
 * workers up.
 */
export async function startBroadcastWorkers(deps: BroadcastWorkerDeps, options: BroadcastWorkerOptions): Promise<AlertWorkers> {
  const { config, database, jobs } = deps;
  const log = pino({ level: config.logLevel }).child({ module: 'alerts' });
  const workerId = randomUUID();
  const controller = new AbortController();
  // Every lane of every job waits on this signal (pace, back-off): more than Node's default of 10.
  setMaxListeners(200, controller.signal);
  const pacer = createPacer(config.alertSendRatePerSecond);
  const env: BroadcastEnv = {
    database,
    smtpUrl: options.smtpUrl,
    publicUrl: config.publicUrl,
    mailFrom: config.mailFrom,
    leaseSeconds: config.alertLeaseSeconds,
    pacer,
    // About one SMTP session per 50 messages/s asked for, 64 at most: each lane waits for a commit and
    // two relay answers per message, so throughput on a busy machine is lanes ÷ that latency.
    lanes: Math.min(64, Math.max(1, Math.ceil(config.alertSendRatePerSecond / 50))),
    log,
  };
  const jobBudgetMs = options.jobBudgetMs ?? 5 * 60_000;
  const active = new Map<string, Promise<void>>();

  const heartbeat = async () => {
    const workers = await deliveries.heartbeatWorker(database.raw, workerId);
    pacer.setRate(config.alertSendRatePerSecond / workers);
  };

  async function runAlert(alertId: string): Promise<void> {
    const deadline = Date.now() + jobBudgetMs;
    while (!controller.signal.aborted) {
      const result = await broadcastAlert(env, alertId, { deadline, signal: controller.signal });
      if (result === 'gone' || result === 'stopped') return;
      if (result === 'more') {
        await jobs.enqueue(ALERT_BROADCAST_QUEUE, { alertId });
        return;
      }
      const state = await deliveries.pendingState(database.raw, alertId);
      if (state.pending === 0) {
        await completeBroadcast(database, alertId);
        return;
      }
      if (state.ready > 0) continue;
      // Leases of a crashed worker or retry delays: wait for the next one if it is close.
      const waitMs = state.nextAt ? state.nextAt.getTime() - Date.now() + 50 : Infinity;
      if (waitMs > WAIT_IN_JOB_MS || Date.now() + waitMs > deadline) return;
      await sleep(Math.max(0, waitMs), undefined, { signal: controller.signal }).catch(() => undefined);
    }
  }

  const start = (alertId: string) => {
    const run = runAlert(alertId).finally(() => active.delete(alertId));
    active.set(alertId, run);
    return run;
  };
  const handle = async ({ alertId }: { alertId: string }) => {
    // Another job for an alert already broadcasting here adds nothing: this process's lanes have it.
    if (controller.signal.aborted || active.has(alertId)) return;
    await start(alertId);
  };

  // Jobs only wake workers up, and one process may well take both jobs of an approval: every process
  // also looks every few seconds for an alert with claimable deliveries it is not sending, and joins it
  // directly, so that all workers share a broadcast from its first seconds (rows are claimed SKIP LOCKED).
  const join = async () => {
    if (controller.signal.aborted || active.size >= CONCURRENT_JOBS) return;
    for (const alert of await deliveries.broadcastingAlerts(database.raw, [...active.keys()])) {
      if (alert.ready && !active.has(alert.id) && active.size < CONCURRENT_JOBS) {
        void start(alert.id).catch((err: Error) => log.warn({ error: loggableError(err) }, 'alert broadcast failed'));
      }
    }
  };

  const sweep = async () => {
    await heartbeat();
    // The alerts this process sends are completed or handed over by their own run (runAlert).
    for (const alert of await deliveries.broadcastingAlerts(database.raw, [...active.keys()])) {
      if (!alert.pending) await completeBroadcast(database, alert.id);
      else if (alert.ready && !active.has(alert.id)) await jobs.enqueue(ALERT_BROADCAST_QUEUE, { alertId: alert.id });
    }
  };

  await sweep();
  for (let i = 0; i < CONCURRENT_JOBS; i++) await jobs.work<{ alertId: string }>(ALERT_BROADCAST_QUEUE, handle);
  // Expired leases are found about as fast as they expire (30 s at most).
  const sweepMs = Math.min(30, config.alertLeaseSeconds) * 1000;
  let sweeping: Promise<void> | null = null;
  const timer = setInterval(() => {
    sweeping ??= sweep()
      .catch((err: Error) => log.warn({ error: loggableError(err) }, 'alert sweep failed'))
      .finally(() => (sweeping = null));
  }, sweepMs);
  timer.unref();
  let joining: Promise<void> | null = null;
  const joinTimer = setInterval(() => {
    joining ??= join()
      .catch((err: Error) => log.warn({ error: loggableError(err) }, 'alert join failed'))
      .finally(() => (joining = null));
  }, JOIN_EVERY_MS);
  joinTimer.unref();

  return {
    async stop() {
      clearInterval(timer);
      clearInterval(joinTimer);
      controller.abort();
      await Promise.allSettled([...active.values(), sweeping, joining]);
      await deliveries.removeWorker(database.raw, workerId).catch(() => undefined);
    },
  };
}

/**
 * Marks an alert diffusée once none of its deliveries is pending, with its audit entry: exactly once,
 * whichever workers race here (the UPDATE's status condition lets only one through).
 */
export async function completeBroadcast(database: Database, alertId: string): Promise<boolean> {
  return database.db.transaction(async (tx) => {
    const [row] = await rows<{ recipients_total: number }>(
      tx,
      sql`
      UPDATE alerts SET status = 'diffusee', broadcast_finished_at = now(), updated_at = now()
       WHERE id = ${alertId} AND status = 'en_diffusion'
         AND NOT EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = ${alertId} AND d.status IN ('a_envoyer', 'envoi'))
      RETURNING recipients_total`,
    );
    if (!row) return false;
    const [counts] = await rows<{ sent: number; failed: number }>(
      tx,
      sql`
      SELECT count(*) FILTER (WHERE status = 'envoye')::int AS sent, count(*) FILTER (WHERE status = 'echec')::int AS failed
        FROM alert_deliveries WHERE alert_id = ${alertId}`,
    );
    await recordAudit(tx, SYSTEM_CONTEXT, {
      action: 'alerts.broadcast.completed',
      entityType: 'alert',
      entityId: alertId,
      details: { recipients: row.recipients_total, sent: counts?.sent ?? 0, failed: counts?.failed ?? 0 },
    });
    return true;
  });
}
