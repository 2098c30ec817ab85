import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { buildTestApp, TEST_SECRET, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser } from '../../test/factories.js';
import { alertDeliveries } from '../../platform/db/schema-reports.js';
import { alerts } from '../../platform/db/schema-alerts.js';
import { rows } from '../../platform/db/rows.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

const RECIPIENTS = 2000;
const until = async (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

// THE KILL TEST. A real worker process (scripts/alert-worker.ts) broadcasts an alert to 2,000 doctors
// through a counting SMTP sink; it is SIGKILLed twice mid-broadcast, at the two moments that matter,
// and restarted. Every recipient must get exactly one message.
//  1. While lanes hold unterminated DATA transactions waiting for their 'envoye' commit (the test holds
//     a lock the commit needs): the relay must discard them, and the lease expiry must resend them once.
//  2. While the relay has received complete messages (final dot) but holds its « 250 » answers: those
//     were committed 'envoye' before the dot, so they must never be sent again.
describe('alert broadcast survives SIGKILL of its worker: exactly one email per recipient', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let child: ChildProcess | null = null;

  const startWorker = async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/alert-worker.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        VIGIE_SECRET: TEST_SECRET,
        DATABASE_URL: t.url!,
        SMTP_URL: sink.url,
        ALERT_LEASE_SECONDS: '2',
        ALERT_SEND_RATE_PER_SECOND: '300',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    proc.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    await until(() => output.includes('prêt') || proc.exitCode !== null, 'the worker to start', 30_000);
    if (proc.exitCode !== null) throw new Error(`worker exited: ${output}`);
    child = proc;
    return proc;
  };
  const kill = async (proc: ChildProcess) => {
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
    child = null;
  };
  const deliveryStatuses = async (alertId: string) => {
    const counts = await rows<{ status: string; n: number }>(t.database.db, sql`SELECT status, count(*)::int AS n FROM alert_deliveries WHERE alert_id = ${alertId} GROUP BY status`);
    return Object.fromEntries(counts.map((r) => [r.status, r.n])) as Record<string, number>;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    // The test process runs no broadcast worker: only the child does.
    t = await buildTestApp({ env: { SMTP_URL: sink.url, JOBS_ENABLED: 'false' } });
    await t.database.db.execute(sql`
      INSERT INTO doctors (rpps, birth_name, first_names, specialty, departement, status, corr_email, search_text)
      SELECT '8' || lpad(i::text, 10, '0'), 'Martin', 'Dominique', 'Médecine générale', '31', 'inscrit', 'kill' || i || '@exemple.fr', 'martin dominique'
        FROM generate_series(1, ${RECIPIENTS}) AS i`);
  });
  afterAll(async () => {
    if (child) await kill(child);
    await t.close();
    await sink.close();
  });

  it('delivers once to each of 2,000 recipients across two SIGKILLs and restarts', { timeout: 240_000 }, async () => {
    const drafter = await buildUser(t.database, t.keys, { role: 'agent', departement: null });
    const approver = await buildUser(t.database, t.keys, { role: 'agent', departement: null });
    const drafterClient = new TestClient(t.app);
    await drafterClient.login(t.database, drafter);
    const approverClient = new TestClient(t.app);
    await approverClient.login(t.database, approver);
    const created = await drafterClient.post('/api/alerts', {
      title: 'Faux appels au nom de la CPAM',
      situation: 'Des appels demandent aux médecins leurs identifiants Ameli Pro.',
      whatToDo: 'Raccrochez ; signalez le numéro.',
      audience: { scope: 'departements', departements: ['31'] },
    });
    const alertId = created.json().id as string;
    await drafterClient.post(`/api/alerts/${alertId}/submit`);
    const approved = await approverClient.post(`/api/alerts/${alertId}/approve`);
    expect(approved.json()).toMatchObject({ status: 'en_diffusion', recipientsTotal: RECIPIENTS });

    // Kill 1: lanes waiting for their commit, each with an unterminated DATA transaction open at the relay.
    let worker = await startWorker();
    await sink.waitForTotal(300);
    const lock = new pg.Client({ connectionString: t.url! });
    lock.on('error', () => undefined);
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('LOCK TABLE alerts IN ACCESS EXCLUSIVE MODE');
    let lastOpen = -1;
    await until(async () => {
      const waiting = await lock.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      const open = sink.openTransactions();
      const stable = waiting.rows[0].n >= 1 && open >= 1 && open === lastOpen;
      lastOpen = open;
      if (!stable) await new Promise((r) => setTimeout(r, 300));
      return stable;
    }, 'lanes blocked on their commit');
    const open = sink.openTransactions();
    const beforeKill1 = { total: sink.total(), aborted: sink.aborted() };
    await kill(worker);
    await until(() => sink.openTransactions() === 0, 'the relay to drop the unterminated transactions');
    await lock.query('ROLLBACK');
    await lock.end();
    expect(open).toBeGreaterThanOrEqual(1);
    expect(sink.aborted() - beforeKill1.aborted).toBe(open);
    expect(sink.total()).toBe(beforeKill1.total);
    // Their rows are still claimed ('envoi') by the dead worker: the lease expiry gives them back.
    expect((await deliveryStatuses(alertId)).envoi ?? 0).toBeGreaterThanOrEqual(open);

    // Kill 2: the relay has the complete messages (dot received) but the worker never hears « 250 ».
    worker = await startWorker();
    await sink.waitForTotal(beforeKill1.total + 300);
    sink.holdAnswers = true;
    let last = -1;
    await until(async () => {
      const held = sink.held();
      const stable = held >= 1 && held === last && sink.openTransactions() === 0;
      last = held;
      if (!stable) await new Promise((r) => setTimeout(r, 500));
      return stable;
    }, 'every lane to wait for the relay’s answer');
    const heldCount = sink.held();
    const beforeKill2 = sink.total();
    await kill(worker);
    sink.holdAnswers = false;
    sink.release();
    expect(heldCount).toBeGreaterThanOrEqual(1);
    expect((await deliveryStatuses(alertId)).envoye).toBeGreaterThanOrEqual(beforeKill2);

    // Restart and let it finish.
    worker = await startWorker();
    await until(async () => (await t.database.db.select({ status: alerts.status }).from(alerts).where(eq(alerts.id, alertId)))[0]!.status === 'diffusee', 'the broadcast to complete', 120_000);
    const exited = new Promise((r) => worker.once('exit', r));
    worker.kill('SIGTERM');
    await exited;
    child = null;

    const emails = (await t.database.db.select({ email: alertDeliveries.email, id: alertDeliveries.id }).from(alertDeliveries).where(eq(alertDeliveries.alertId, alertId)));
    expect(emails).toHaveLength(RECIPIENTS);
    const counts = emails.map((e) => sink.perRecipient.get(e.email) ?? 0);
    expect(counts.filter((n) => n !== 1)).toEqual([]);
    expect(sink.total()).toBe(RECIPIENTS);
    expect(new Set(sink.messageIds).size).toBe(RECIPIENTS);
    expect(sink.messageIds.every((m) => m.startsWith(`<alert-${alertId}-`))).toBe(true);
    expect(await deliveryStatuses(alertId)).toEqual({ envoye: RECIPIENTS });
    expect((await auditEntries(t.database, 'alerts.broadcast.completed')).filter((e) => e.entityId === alertId)).toHaveLength(1);
  });
});
