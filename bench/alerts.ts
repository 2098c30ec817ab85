import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { loadConfig, type Config } from '../server/config.js';
import { openDatabase, type Database } from '../server/platform/db/client.js';
import { openScratchPgDatabase } from './scratch-database.js';
import { migrate } from '../server/platform/db/migrate.js';
import { startJobQueue, type JobQueue } from '../server/platform/jobs/job-queue.js';
import { createQueuedOutbox } from '../server/platform/mail/outbox.js';
import { SYSTEM_CONTEXT } from '../server/platform/audit/audit.js';
import type { ServiceDeps } from '../server/platform/deps.js';
import type { Actor } from '../server/platform/authz/policy.js';
import { approveAlert, createDraft, startBroadcastWorkers, startSmtpSink, submitAlert } from '../server/modules/alerts/index.js';

// `npm run bench:alerts [-- 230000|1000000]`: that many doctors (230,000 by default; BENCH_RECIPIENTS
// also works) with an email address are loaded with generate_series; one national alert is drafted,
// submitted and approved through the alerts service (materialising one delivery per recipient), and the
// real broadcast worker script (scripts/alert-worker.ts) runs in BENCH_WORKERS separate processes (2 by
// default) against the PostgreSQL server of DATABASE_URL (a scratch database, dropped after), sending to
// a counting SMTP sink (smtp-server) in its own process. Prints the approval time, the broadcast time,
// messages/s, whether the sink got exactly one message per recipient, and the ratio to the target:
// approval + broadcast of a national alert in under 2 minutes.
// ALERT_SEND_RATE_PER_SECOND is raised to BENCH_RATE (10,000 by default, the most it accepts) so that the pace limit does not
// cap the measure. BENCH_TARGETS=pg,pglite adds the embedded database (workers in the bench process).
// BENCH_CPU_PROF=<dir> runs the worker processes with --cpu-prof into that folder.
const sizeArg = process.argv.slice(2).find((a) => /^\d+$/.test(a));
const RECIPIENTS = Number(sizeArg ?? process.env.BENCH_RECIPIENTS ?? 230_000);
const RATE = Number(process.env.BENCH_RATE ?? 10_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const TARGET_SECONDS = 120;
const root = fileURLToPath(new URL('..', import.meta.url));

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

/** CPU time (user + system) of a child process so far, from /proc (Linux), in ms. */
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** CPU (ms) of the PostgreSQL backends serving this database now, by pid (the server runs on this machine). */
async function commitsSoFar(database: Database): Promise<number> {
  const { rows } = await database.raw.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()');
  return Number(rows[0]?.n ?? 0);
}

/** Row updates of alert_deliveries so far, and how many were HOT (no new index entry, same page). */
async function deliveryUpdates(database: Database): Promise<{ updates: number; hot: number }> {
  const { rows } = await database.raw.query<{ upd: string; hot: string }>(
    `SELECT n_tup_upd AS upd, n_tup_hot_upd AS hot FROM pg_stat_user_tables WHERE relname = 'alert_deliveries'`,
  );
  return { updates: Number(rows[0]?.upd ?? 0), hot: Number(rows[0]?.hot ?? 0) };
}

async function backendsCpuMs(database: Database): Promise<Map<number, number>> {
  const { rows } = await database.raw.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  return new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)]));
}

/** The real worker script, as operators run it (`npm run alerts:worker`), once per process. */
async function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const proc = spawn(process.execPath, [...profile, '--import', 'tsx', 'scripts/alert-worker.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  proc.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  const end = Date.now() + 60_000;
  while (!output.includes('prêt')) {
    if (proc.exitCode !== null || Date.now() > end) throw new Error(`le worker n'a pas démarré : ${output}`);
    await sleep(50);
  }
  return proc;
}

async function stopWorker(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await exited;
}

async function insertAgent(database: Database, name: string): Promise<Actor> {
  const { rows } = await database.raw.query<{ id: string }>(
    `INSERT INTO users (email, display_name, role, departement) VALUES ($1, $2, 'agent', NULL) RETURNING id`,
    [`${name}@bench.vigie.localhost`, `Agent ${name}`],
  );
  return { userId: rows[0]!.id, role: 'agent', departement: null };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fr = (n: number) => n.toLocaleString('fr-FR');

async function loadDoctors(database: Database): Promise<void> {
  const t = performance.now();
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
}

/** Drafts and submits a national alert, then approves it (timed): the deliveries are materialised. */
async function approveNationalAlert(config: Config, database: Database, jobs: JobQueue) {
  // The agents' notifications (submission, approval) go to the durable mail queue; no mail worker runs here.
  const deps = { config, database, jobs, outbox: createQueuedOutbox(jobs) } as unknown as ServiceDeps;
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
  const t = performance.now();
  const approved = await approveAlert(deps, SYSTEM_CONTEXT, approver, draft.id);
  const approvalMs = performance.now() - t;
  console.log(`  approbation (une ligne de diffusion par destinataire, une transaction) : ${fr(approved.recipientsTotal)} destinataires en ${seconds(approvalMs)}`);
  return { alertId: draft.id, total: approved.recipientsTotal, approvalMs, approvedAt: performance.now() };
}

/** Waits for the alert to be diffusée, printing progress every 15 s; returns the broadcast time. */
async function waitForCompletion(database: Database, alertId: string, start: number, sinkReport: () => Promise<SinkReport>, sentBefore: number): Promise<number> {
  let lastPrint = performance.now();
  for (;;) {
    await sleep(200);
    const { rows } = await database.raw.query<{ status: string; finished: Date | null }>('SELECT status, broadcast_finished_at AS finished FROM alerts WHERE id = $1', [alertId]);
    if (rows[0]!.status === 'diffusee') return performance.now() - start;
    if (performance.now() - lastPrint > 15_000) {
      lastPrint = performance.now();
      const sent = (await sinkReport()).total - sentBefore;
      console.log(`    … ${fr(sent)} envoyés en ${seconds(lastPrint - start)} (${Math.round(sent / ((lastPrint - start) / 1000))}/s)`);
    }
  }
}

async function runTarget(target: 'pg' | 'pglite', sinkPort: number, sinkReport: () => Promise<SinkReport>): Promise<boolean> {
  const scratch =
    target === 'pg'
      ? await openScratchPgDatabase(process.env.DATABASE_URL!, `vigie_bench_alerts_${process.pid}`, 10)
      : await openDatabase({ kind: 'pglite', dataDir: null }).then((database) => ({ database, url: undefined, drop: () => database.close() }));
  const { database, url, drop } = scratch;
  const inProcess = target === 'pglite';
  const label = inProcess ? 'PGlite embarqué, workers dans le processus du banc' : `serveur PostgreSQL, ${WORKERS} processus worker (scripts/alert-worker.ts)`;
  console.log(`\nAlerte nationale à ${fr(RECIPIENTS)} médecins — ${label}`);
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    ...(url ? { DATABASE_URL: url } : {}),
    SMTP_URL: `smtp://127.0.0.1:${sinkPort}`,
    ALERT_SEND_RATE_PER_SECOND: String(RATE),
    ALERT_LEASE_SECONDS: '60',
  };
  const config = loadConfig(env);
  await migrate(database);
  const jobs = await startJobQueue(database, pino({ level: 'warn' }));
  const workers: ChildProcess[] = [];
  try {
    await loadDoctors(database);
    // Worker processes are up before the approval, as in production: their clock starts at the approval.
    for (let i = 0; i < (inProcess ? 0 : WORKERS); i++) workers.push(await spawnWorker(env));
    const cpuBefore = workers.map((w) => processCpuMs(w.pid!));
    const pgBefore = inProcess ? null : await backendsCpuMs(database);
    const commitsBefore = inProcess ? 0 : await commitsSoFar(database);
    const sinkBefore = await sinkReport();
    const approval = await approveNationalAlert(config, database, jobs);
    const inProcessWorkers = inProcess ? await startBroadcastWorkers({ config, database, jobs }, { smtpUrl: config.smtpUrl! }) : null;
    const broadcastMs = await waitForCompletion(database, approval.alertId, approval.approvedAt, sinkReport, sinkBefore.total);
    const cpuMs = workers.map((w, i) => processCpuMs(w.pid!) - cpuBefore[i]!);
    // Backends that came and went during the broadcast are not counted: a lower bound.
    const commits = inProcess ? 0 : (await commitsSoFar(database)) - commitsBefore;
    const pgMs = pgBefore ? [...(await backendsCpuMs(database))].reduce((sum, [pid, ms]) => sum + ms - (pgBefore.get(pid) ?? 0), 0) : 0;
    await inProcessWorkers?.stop();
    await Promise.all(workers.map(stopWorker));
    // The workers' backends report their table statistics when they end, a moment after their process.
    if (!inProcess) await sleep(1500);
    const updates = inProcess ? null : await deliveryUpdates(database);
    const after = await sinkReport();
    const received = after.total - sinkBefore.total;
    const { rows: statuses } = await database.raw.query<{ status: string; n: string | number }>(
      'SELECT status, count(*) AS n FROM alert_deliveries WHERE alert_id = $1 GROUP BY status ORDER BY status',
      [approval.alertId],
    );
    const totalMs = approval.approvalMs + broadcastMs;
    console.log(`  diffusion : ${fr(received)} messages en ${seconds(broadcastMs)} — ${Math.round(received / (broadcastMs / 1000))} messages/s (plafond configuré : ${RATE}/s)`);
    if (cpuMs.length > 0) {
      const perMessage = (ms: number) => `${((ms * 1000) / received).toFixed(0)} µs/message`;
      const workersMs = cpuMs.reduce((a, b) => a + b, 0);
      const sinkMs = after.cpuMs - sinkBefore.cpuMs;
      console.log(`  temps processeur pendant la diffusion : workers ${cpuMs.map(seconds).join(' + ')} (${perMessage(workersMs)}), puits SMTP ${seconds(sinkMs)} (${perMessage(sinkMs)}), PostgreSQL ≥ ${seconds(pgMs)} (${perMessage(pgMs)})`);
      console.log(`  transactions validées dans la base pendant la diffusion : ${fr(commits)} (${(received / Math.max(1, commits)).toFixed(1)} messages par transaction)`);
      if (updates) console.log(`  mises à jour des lignes de diffusion : ${fr(updates.updates)} (${(updates.updates / Math.max(1, received)).toFixed(2)} par message), dont HOT ${fr(updates.hot)} (${Math.round((100 * updates.hot) / Math.max(1, updates.updates))} %)`);
    }
    console.log(`  approbation + diffusion : ${seconds(totalMs)} — ${(totalMs / 1000 / TARGET_SECONDS).toFixed(2)} × l'objectif de ${TARGET_SECONDS} s ${RECIPIENTS < 230_000 ? '(objectif fixé pour 230 000)' : totalMs <= TARGET_SECONDS * 1000 ? '(atteint)' : '(non atteint)'}`);
    console.log(`  lignes de diffusion : ${statuses.map((s) => `${s.status} ${fr(Number(s.n))}`).join(', ')} ; transactions abandonnées au puits : ${after.aborted - sinkBefore.aborted}`);
    const ok =
      received === approval.total &&
      after.recipients === approval.total &&
      after.exactlyOnce === approval.total &&
      after.duplicates === 0 &&
      statuses.length === 1 &&
      statuses[0]!.status === 'envoye';
    console.log(`  exactement un message par destinataire (compté au puits) : ${ok ? 'oui' : 'NON'} (reçus ${fr(received)}, destinataires distincts ${fr(after.recipients)}, doublons ${after.duplicates}, attendus ${fr(approval.total)})`);
    return ok;
  } finally {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await jobs.stop();
    await drop();
  }
}

if (process.argv.includes('--sink')) {
  await runSink();
} else {
  if (!process.env.DATABASE_URL && !process.env.BENCH_TARGETS) {
    console.error('DATABASE_URL (serveur PostgreSQL) est nécessaire ; BENCH_TARGETS=pglite pour la base embarquée seule.');
    process.exit(1);
  }
  const targets = (process.env.BENCH_TARGETS ?? 'pg').split(',') as ('pg' | 'pglite')[];
  console.log(`uptime :${(await import('node:os')).loadavg().map((l) => ` ${l.toFixed(2)}`).join('')} (charge 1/5/15 min), ${(await import('node:os')).cpus().length} cœurs`);
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
