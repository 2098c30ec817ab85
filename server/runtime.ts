import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { Config } from './config.js';
import { buildApp } from './app.js';
import { openDatabase, type Database } from './platform/db/client.js';
import { prepareSchema } from './platform/db/migrate.js';
import { createSmtpMailer, type Mailer } from './platform/mail/mailer.js';
import { startSmtpCatcher, type SmtpCatcher } from './platform/mail/smtp-catcher.js';
import { createQueuedOutbox, startMailWorker } from './platform/mail/outbox.js';
import { startJobQueue, type JobQueue } from './platform/jobs/job-queue.js';
import { purgeExpiredSessions } from './platform/auth/session-store.js';
import { purgeExpiredRateLimits } from './platform/http/rate-limit-store.js';
import { purgeStaleThrottles } from './modules/auth/index.js';
import { createLocalSmsSink, type LocalSmsSink } from './platform/sms/sms-sender.js';
import { createUploadStore } from './platform/storage/create-upload-store.js';
import { createAntivirus } from './platform/storage/antivirus.js';
import { purgeUnconfirmedReports } from './modules/reports/index.js';
import { sweepEntraide } from './modules/entraide/index.js';
import { purgeIncompleteUploads } from './platform/storage/postgres-upload-store.js';
import { startAuditCheckpoints } from './platform/audit/checkpoints.js';
import { flushDenialWindows } from './platform/audit/denials.js';
import { startCampaignWorkers } from './modules/campaigns/index.js';
import { startAlertWorkers, type AlertWorkers } from './modules/alerts/index.js';
import { startWatchlistWorkers } from './modules/watchlists/index.js';
import { startEmailIntake, type EmailIntake } from './modules/intake/index.js';
import { loggableError } from './platform/errors.js';

export interface Runtime {
  app: FastifyInstance;
  database: Database;
  catcher: SmtpCatcher | null;
  /** The inbound SMTP listener for forwarded suspicious emails (null when disabled). */
  intake: EmailIntake | null;
  /** The SMS port: a local sink until a gateway adapter is configured. */
  sms: LocalSmsSink;
  close(): Promise<void>;
}

/**
 * The secret signs CSRF tokens and derives the sealing keys. Production must set VIGIE_SECRET; in
 * development one is generated once and kept under the data directory so restarts keep sessions valid.
 */
export function resolveSecret(config: Config): string {
  if (config.secret) return config.secret;
  const file = path.join(config.dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = crypto.getRandomValues(new Uint8Array(32)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * Opens the database, the mail path and the job workers, and builds the app. The embedded database is
 * migrated here; on a PostgreSQL server only when MIGRATION_DATABASE_URL names the owner role, otherwise
 * the schema is only checked (throws SchemaNotCurrentError, before anything else starts). With no
 * SMTP_URL outside production, a local SMTP catcher stores mail as .eml files under the data dir.
 */
export async function startRuntime(config: Config, options: { database?: Database; webDistDir?: string; logStream?: NodeJS.WritableStream; smsLogDir?: string } = {}): Promise<Runtime> {
  const logger = pino({ level: config.logLevel });
  const database =
    options.database ??
    (await openDatabase(
      config.databaseUrl
        ? { kind: 'pg', url: config.databaseUrl, poolSize: config.databasePoolSize }
        : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pg') },
      logger,
    ));
  try {
    await prepareSchema(database, config.migrationDatabaseUrl);
  } catch (err) {
    if (!options.database) await database.close();
    throw err;
  }

  let catcher: SmtpCatcher | null = null;
  let smtpUrl = config.smtpUrl;
  if (!smtpUrl) {
    catcher = await startSmtpCatcher({ port: config.smtpCatcherPort, saveDir: path.join(config.dataDir, 'mail') }).catch((err: NodeJS.ErrnoException) => {
      // Another local instance already runs the catcher on this port: share it.
      if (err.code !== 'EADDRINUSE') throw err;
      return null;
    });
    smtpUrl = `smtp://127.0.0.1:${catcher?.port ?? config.smtpCatcherPort}`;
  }
  const mailer: Mailer = createSmtpMailer(smtpUrl, config.mailFrom);
  const jobs: JobQueue = await startJobQueue(database, logger);
  if (config.jobsEnabled) await startMailWorker(jobs, mailer);

  const sms = createLocalSmsSink(options.smsLogDir);
  const app = await buildApp({
    config: { ...config, secret: resolveSecret(config) },
    database,
    outbox: createQueuedOutbox(jobs),
    sms,
    jobs,
    uploads: createUploadStore(config, database),
    antivirus: createAntivirus(config.clamdUrl),
    webDistDir: options.webDistDir,
    logStream: options.logStream,
  });
  let alertWorkers: AlertWorkers | null = null;
  if (config.jobsEnabled) {
    await startCampaignWorkers(app.services, logger);
    await startWatchlistWorkers(app.services);
    alertWorkers = await startAlertWorkers(app.services, { smtpUrl });
  }
  const intake = config.intakeSmtp.enabled ? await startEmailIntake(app.services) : null;
  // Signed anchors of the audit chain's head, written outside the database (docs/audit.md).
  const checkpoints = startAuditCheckpoints({
    database,
    keys: app.services.keys,
    dir: config.auditCheckpoint.dir,
    intervalMinutes: config.auditCheckpoint.intervalMinutes,
    logger,
  });
  const sweeper = setInterval(() => {
    Promise.all([
      purgeExpiredSessions(database.db),
      purgeExpiredRateLimits(database),
      // Login throttles older than a day no longer lock anything.
      purgeStaleThrottles(database.db, new Date(Date.now() - 86_400_000)),
      // Reports never confirmed within 48 hours go, with their files, as the confirmation mail says.
      purgeUnconfirmedReports(app.services),
      // Bytes of an upload interrupted mid-stream (crash, dropped connection) are never readable; after a
      // day no upload can still be writing them.
      purgeIncompleteUploads(database, new Date(Date.now() - 86_400_000)),
      // Repeated refusals of a window nobody came back to get their one counted audit row.
      flushDenialWindows(database),
      // Ended commission seats written to the journal once; closed entraide cases past retention deleted.
      sweepEntraide(database),
    ]).catch((err: Error) =>
      logger.warn({ error: loggableError(err) }, 'sweep failed'),
    );
  }, 10 * 60_000);
  sweeper.unref();

  return {
    app,
    database,
    catcher,
    intake,
    sms,
    async close() {
      clearInterval(sweeper);
      await checkpoints.stop();
      await intake?.close();
      await app.close();
      await alertWorkers?.stop();
      await jobs.stop();
      mailer.close();
      await catcher?.close();
      if (!options.database) await database.close();
    },
  };
}
