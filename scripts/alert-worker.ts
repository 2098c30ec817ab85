// A standalone alert broadcast worker: the same workers the server runs (server/modules/alerts/alerts.worker.ts),
// in their own process, for operators who want more sending capacity than the web instances give, and for
// the crash test (SIGKILL in the middle of a broadcast). Needs a PostgreSQL server (DATABASE_URL): the
// embedded database belongs to the server process.
//   DATABASE_URL=postgres://… SMTP_URL=smtp://relais:25 npm run alerts:worker
// (compiled to dist/ first, as the other operator scripts; `npx tsx scripts/alert-worker.ts` in development).
import pino from 'pino';
import { ConfigError, loadConfig, type Config } from '../server/config.js';
import { openDatabase } from '../server/platform/db/client.js';
import { migrate } from '../server/platform/db/migrate.js';
import { startJobQueue } from '../server/platform/jobs/job-queue.js';
import { startBroadcastWorkers } from '../server/modules/alerts/index.js';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
if (!config.databaseUrl) {
  console.error('DATABASE_URL est obligatoire : la base embarquée ne peut être ouverte que par le serveur Vigie.');
  process.exit(1);
}
// Without SMTP_URL (development), the server's local catcher.
const smtpUrl = config.smtpUrl ?? `smtp://127.0.0.1:${config.smtpCatcherPort}`;

const logger = pino({ level: config.logLevel });
const database = await openDatabase({ kind: 'pg', url: config.databaseUrl, poolSize: config.databasePoolSize }, logger);
await migrate(database);
const jobs = await startJobQueue(database, logger);
const workers = await startBroadcastWorkers({ config, database, jobs }, { smtpUrl });
console.log(`alert-worker: prêt (pid ${process.pid}, ${config.alertSendRatePerSecond} messages/s au plus pour l'ensemble des workers)`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await workers.stop();
  await jobs.stop();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
