import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { loadConfig } from '../server/config.js';
import { openDatabase, type Database } from '../server/platform/db/client.js';
import { openScratchPgDatabase } from './scratch-database.js';
import { migrate } from '../server/platform/db/migrate.js';
import { startJobQueue } from '../server/platform/jobs/job-queue.js';
import { SYSTEM_CONTEXT } from '../server/platform/audit/audit.js';
import type { ServiceDeps } from '../server/platform/deps.js';
import type { Actor } from '../server/platform/authz/policy.js';
import { approveAlert, createDraft, startBroadcastWorkers, startSmtpSink, submitAlert } from '../server/modules/alerts/index.js';

// `npm run bench:alerts`: BENCH_RECIPIENTS doctors (250,000 by default) with an email address are
// loaded with generate_series; one national alert is drafted, submitted and approved through the alerts
// service (materialising one delivery per recipient), and the real broadcast workers send it to a
// counting SMTP sink running in its own process (smtp-server). Prints the approval time, the broadcast
// time and messages/s, and checks that every recipient got exactly one message. Runs on the PostgreSQL
// server when DATABASE_URL is set (in a scratch database created and dropped on that server) and on an
// in-memory PGlite; BENCH_TARGETS=pg or pglite picks one. ALERT_SEND_RATE_PER_SECOND is raised to
// BENCH_RATE (5,000 by default) so that the pace limit does not cap the measure. Target: < 15 minutes.
const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 250_000);
const RATE = Number(process.env.BENCH_RATE ?? 5_000);
const TARGET_MINUTES = 15;

type SinkReport = { total: number; recipients: number; exactlyOnce: number; duplicates: number; aborted: number; cpuMs: number };
type SinkMessage = { port: number } | { report: SinkReport };

// The sink process: counts messages per recipient, answers the parent's questions over IPC.
async function runSink(): Promise<void> {
  const sink = await startSmtpSink();
  const cpuMs = () => {
    const u = process.cpuUsage();
    return Math.round((u.user + u.system) / 1000);
  };
  process.on('message', (msg: { ask?: 'report' | 'close' }) => {
    if (msg.ask === 'report') {
      let exactlyOnce = 0;
      let duplicates = 0;
      for (const n of sink.perRecipient.values()) {
        if (n === 1) exactlyOnce += 1;
        else duplicates += n - 1;
      }
      process.send!({ report: { total: sink.total(), recipients: sink.perRecipient.size, exactlyOnce, duplicates, aborted: sink.aborted(), cpuMs: cpuMs() } } satisfies SinkMessage);
    } else if (msg.ask === 'close') {
      void sink.close().then(() => process.exit(0));
    }
  });
  // The bench process went away: nothing left to count for.
  process.on('disconnect', () => process.exit(0));
  process.send!({ port: sink.port } satisfies SinkMessage);
}

function startSinkProcess(): Promise<{ child: ChildProcess; port: number; report(): Promise<SinkReport>; close(): void }> {
  const child = fork(fileURLToPath(import.meta.url), ['--sink'], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (msg: SinkMessage) => {
      if (!('port' in msg)) return reject(new Error('sink did not start'));
      resolve({
        child,
        port: msg.port,
        report: () =>
          new Promise((res) => {
            child.once('message', (m: SinkMessage) => 'report' in m && res(m.report));
            child.send({ ask: 'report' });
          }),
        close: () => child.send({ ask: 'close' }),
      });
    });
  });
}

async function openTarget(target: 'pg' | 'pglite'): Promise<{ database: Database; url: string | undefined; drop: () => Promise<void> }> {
  if (target === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    return { database, url: undefined, drop: () => database.close() };
  }
  const serverUrl = process.env.DATABASE_URL!;
  return openScratchPgDatabase(serverUrl, `vigie_bench_alerts_${process.pid}`, 10);
}

async function insertAgent(database: Database, name: string): Promise<Actor> {
  const { rows } = await database.raw.query<{ id: string }>(
    `INSERT INTO users (email, display_name, role, departement) VALUES ($1, $2, 'agent', NULL) RETURNING id`,
    [`${name}@bench.vigie.localhost`, `Agent ${name}`],
  );
  return { userId: rows[0]!.id, role: 'agent', departement: null };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function runTarget(target: 'pg' | 'pglite', sinkPort: number, sinkReport: () => Promise<SinkReport>): Promise<boolean> {
  const { database, url, drop } = await openTarget(target);
  const label = target === 'pg' ? 'serveur PostgreSQL' : 'PGlite embarqué';
  console.log(`\nAlerte nationale à ${RECIPIENTS.toLocaleString('fr-FR')} médecins — ${label}`);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    ...(url ? { DATABASE_URL: url } : {}),
    SMTP_URL: `smtp://127.0.0.1:${sinkPort}`,
    ALERT_SEND_RATE_PER_SECOND: String(RATE),
    ALERT_LEASE_SECONDS: '60',
  });
  const jobs = await startJobQueue(database, pino({ level: 'warn' }));
  try {
    await migrate(database);
    let t = performance.now();
    await database.raw.exec(`
      INSERT INTO doctors (rpps, birth_name, first_names, specialty, departement, status, corr_email, search_text)
      SELECT '1' || lpad(i::text, 10, '0'), 'Durand', 'Claude', 'Médecine générale', lpad((1 + i % 95)::text, 2, '0'),
             'inscrit', 'medecin' || i || '@bench.exemple', 'durand claude'
        FROM generate_series(1, ${RECIPIENTS}) AS i
       WHERE 1 + i % 95 <> 20;
      INSERT INTO doctors (rpps, birth_name, first_names, specialty, departement, status, corr_email, search_text)
      SELECT '2' || lpad(i::text, 10, '0'), 'Durand', 'Claude', 'Médecine générale', '2A', 'inscrit', 'medecin' || i || '@bench.exemple', 'durand claude'
        FROM generate_series(1, ${RECIPIENTS}) AS i
       WHERE 1 + i % 95 = 20;
      ANALYZE doctors;`);
    console.log(`  fiches chargées : ${seconds(performance.now() - t)}`);

    const deps = { config, database, jobs } as unknown as ServiceDeps;
    const drafter = await insertAgent(database, 'redacteur');
    const approver = await insertAgent(database, 'approbateur');
    const draft = await createDraft(deps, SYSTEM_CONTEXT, drafter, {
      title: 'Faux appels au nom de l’Ordre : ne communiquez aucun code',
      situation: 'Des médecins reçoivent des appels se présentant comme l’Ordre et demandant un code reçu par SMS.',
      whatToDo: 'Raccrochez et signalez le numéro à votre conseil départemental.',
      whatNotToDo: 'Ne communiquez jamais un code reçu par SMS.',
      audience: { scope: 'national', departements: [], specialties: [] },
      campaignId: null,
      visibleUntil: null,
    });
    await submitAlert(deps, SYSTEM_CONTEXT, drafter, draft.id);
    t = performance.now();
    const approved = await approveAlert(deps, SYSTEM_CONTEXT, approver, draft.id);
    const approvalMs = performance.now() - t;
    console.log(`  approbation (une ligne de diffusion par destinataire, une transaction) : ${approved.recipientsTotal.toLocaleString('fr-FR')} destinataires en ${seconds(approvalMs)}`);

    const before = await sinkReport();
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const workers = await startBroadcastWorkers({ config, database, jobs }, { smtpUrl: config.smtpUrl! });
    let lastPrint = start;
    for (;;) {
      await sleep(500);
      const { rows } = await database.raw.query<{ status: string }>('SELECT status FROM alerts WHERE id = $1', [draft.id]);
      if (rows[0]!.status === 'diffusee') break;
      if (performance.now() - lastPrint > 15_000) {
        lastPrint = performance.now();
        const sent = (await sinkReport()).total - before.total;
        console.log(`    … ${sent.toLocaleString('fr-FR')} envoyés en ${seconds(lastPrint - start)} (${Math.round(sent / ((lastPrint - start) / 1000))}/s)`);
      }
    }
    const broadcastMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    await workers.stop();
    const after = await sinkReport();
    const received = after.total - before.total;
    const { rows: statuses } = await database.raw.query<{ status: string; n: string | number }>(
      'SELECT status, count(*) AS n FROM alert_deliveries WHERE alert_id = $1 GROUP BY status ORDER BY status',
      [draft.id],
    );
    console.log(`  diffusion : ${received.toLocaleString('fr-FR')} messages en ${seconds(broadcastMs)} — ${Math.round(received / (broadcastMs / 1000))} messages/s (plafond configuré : ${RATE}/s)`);
    console.log(`  temps processeur pendant la diffusion : workers ${seconds((cpu.user + cpu.system) / 1000)}, puits SMTP ${seconds(after.cpuMs - before.cpuMs)}`);
    console.log(`  approbation + diffusion : ${seconds(approvalMs + broadcastMs)} (objectif : moins de ${TARGET_MINUTES} minutes)`);
    console.log(`  lignes de diffusion : ${statuses.map((s) => `${s.status} ${Number(s.n).toLocaleString('fr-FR')}`).join(', ')}`);
    const ok =
      received === approved.recipientsTotal &&
      after.recipients === approved.recipientsTotal &&
      after.exactlyOnce === approved.recipientsTotal &&
      after.duplicates === 0 &&
      statuses.length === 1 &&
      statuses[0]!.status === 'envoye';
    console.log(`  exactement un message par destinataire : ${ok ? 'oui' : 'NON'} (reçus ${received.toLocaleString('fr-FR')}, attendus ${approved.recipientsTotal.toLocaleString('fr-FR')})`);
    return ok;
  } finally {
    await jobs.stop();
    await drop();
  }
}

if (process.argv.includes('--sink')) {
  await runSink();
} else {
  const targets = (process.env.BENCH_TARGETS ?? (process.env.DATABASE_URL ? 'pg,pglite' : 'pglite')).split(',') as ('pg' | 'pglite')[];
  let allOk = true;
  for (const target of targets) {
    // One sink per target, so that « exactly once » is counted on that target's messages alone.
    const sink = await startSinkProcess();
    try {
      allOk = (await runTarget(target, sink.port, sink.report)) && allOk;
    } finally {
      sink.close();
    }
  }
  process.exit(allOk ? 0 : 1);
}
