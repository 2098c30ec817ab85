import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { buildUser } from '../../test/factories.js';
import { openDatabase, type Database } from '../../platform/db/client.js';
import { alertDeliveries } from '../../platform/db/schema-reports.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';
import { broadcastAlert, createPacer, type BroadcastEnv } from './alert-broadcast.js';
import { claimDeliveries, markSent, pendingState } from './alert-deliveries.repo.js';
import { createBroadcastSender, type SendOutcome } from '../../platform/mail/broadcast-sender.js';

const RECIPIENTS = 600;

// Two workers with their own connection pools (as two processes) broadcast the same alert at once, with
// one-second leases and a relay that answers RCPT for one recipient in seven only after 1.5 s (the
// workers renew the leases they hold). A third, stalled worker claimed five rows first, opened their
// SMTP transactions and stopped renewing: the others take the rows over once the leases lapse, and when
// the stalled one finally tries to commit, the attempt-number fence refuses it, so it never writes a dot.
describe('two concurrent broadcast workers never send the same delivery twice', () => {
  let t: TestApp;
  let sink: SmtpSink;
  const pools: Database[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ env: { SMTP_URL: sink.url, JOBS_ENABLED: 'false' } });
    await t.database.db.execute(sql`
      INSERT INTO doctors (rpps, birth_name, first_names, specialty, departement, status, corr_email, search_text)
      SELECT '7' || lpad(i::text, 10, '0'), 'Bernard', 'Alex', 'Médecine générale', '64', 'inscrit', 'concurrent' || i || '@exemple.fr', 'bernard alex'
        FROM generate_series(1, ${RECIPIENTS}) AS i`);
  });
  afterAll(async () => {
    for (const p of pools) await p.close();
    await t.close();
    await sink.close();
  });

  it('delivers each recipient once while both workers send and take over expired leases', { timeout: 120_000 }, async () => {
    const drafter = await buildUser(t.database, t.keys, { role: 'agent', departement: null });
    const approver = await buildUser(t.database, t.keys, { role: 'agent', departement: null });
    const a = new TestClient(t.app);
    await a.login(t.database, drafter);
    const b = new TestClient(t.app);
    await b.login(t.database, approver);
    const alertId = (await a.post('/api/alerts', { title: 'Double diffusion', situation: 'Test de concurrence.', whatToDo: 'Rien.', audience: { scope: 'departements', departements: ['64'] } })).json().id;
    await a.post(`/api/alerts/${alertId}/submit`);
    expect((await b.post(`/api/alerts/${alertId}/approve`)).json().recipientsTotal).toBe(RECIPIENTS);

    const stalledDb = await openDatabase({ kind: 'pg', url: t.url!, poolSize: 2 });
    pools.push(stalledDb);
    const stalled = await claimDeliveries(stalledDb.raw, alertId, '0', 5, 1);
    expect(stalled).toHaveLength(5);
    const stalledOutcomes: Promise<SendOutcome>[] = stalled.map((claim) => {
      const sender = createBroadcastSender({ smtpUrl: sink.url, envelopeFrom: 'bloque@vigie.localhost' });
      return sender
        .send({ to: claim.email, raw: Buffer.from(`To: ${claim.email}\r\nSubject: bloqué\r\n\r\nbloqué\r\n`) }, async () => {
          // Wakes up once the others have sent this very delivery.
          for (;;) {
            const [row] = await stalledDb.raw.query<{ status: string }>('SELECT status FROM alert_deliveries WHERE id = $1', [claim.id]).then((r) => r.rows);
            if (row!.status === 'envoye') break;
            await sleep(50);
          }
          return (await markSent(stalledDb, alertId, [claim])).marked.has(claim.id);
        })
        .finally(() => sender.close());
    });

    sink.delayRecipient = (address) => (Number(/\d+/.exec(address)?.[0]) % 7 === 0 ? 1_500 : 0);
    const worker = async (name: string) => {
      const database = await openDatabase({ kind: 'pg', url: t.url!, poolSize: 5 });
      pools.push(database);
      const env: BroadcastEnv = {
        database,
        smtpUrl: sink.url,
        publicUrl: 'http://localhost:3000',
        mailFrom: `Vigie <${name}@vigie.localhost>`,
        leaseSeconds: 1,
        pacer: createPacer(400),
        lanes: 4,
        log: { warn: () => undefined },
      };
      const signal = new AbortController().signal;
      for (;;) {
        await broadcastAlert(env, alertId, { deadline: Date.now() + 60_000, signal });
        const state = await pendingState(database.raw, alertId);
        if (state.pending === 0) return;
        if (state.ready === 0) await sleep(state.nextAt ? Math.max(0, state.nextAt.getTime() - Date.now() + 50) : 100);
      }
    };
    await Promise.all([worker('premier'), worker('second')]);
    sink.delayRecipient = null;
    expect((await Promise.all(stalledOutcomes)).map((o) => o.kind)).toEqual(Array(5).fill('not_committed'));
    expect(sink.perSender.get('bloque@vigie.localhost')).toBeUndefined();
    await expect.poll(() => sink.aborted()).toBeGreaterThanOrEqual(5);

    const rows = await t.database.db.select({ email: alertDeliveries.email, status: alertDeliveries.status }).from(alertDeliveries).where(eq(alertDeliveries.alertId, alertId));
    expect(rows.filter((r) => r.status !== 'envoye')).toEqual([]);
    expect(rows.map((r) => sink.perRecipient.get(r.email) ?? 0).filter((n) => n !== 1)).toEqual([]);
    expect(sink.total()).toBe(RECIPIENTS);
    // Both took part.
    expect(sink.perSender.get('premier@vigie.localhost')).toBeGreaterThan(0);
    expect(sink.perSender.get('second@vigie.localhost')).toBeGreaterThan(0);
  });
});
