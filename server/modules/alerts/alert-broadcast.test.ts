import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildDoctor, buildUser, type TestUser } from '../../test/factories.js';
import { alertDeliveries } from '../../platform/db/schema-reports.js';
import { alerts } from '../../platform/db/schema-alerts.js';
import type { DoctorRow } from '../../platform/db/schema.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

const draft = (departement: string, title = 'Faux appels au nom de l’ANS') => ({
  title,
  situation: 'Des médecins reçoivent des appels se présentant comme l’ANS.',
  whatToDo: 'Raccrochez et signalez l’appel.',
  audience: { scope: 'departements', departements: [departement] },
});

// The broadcast worker inside the real runtime, against a counting SMTP sink: slow pace (20/s, one
// session) and one-second leases, so that withdrawals and resumptions land mid-broadcast.
describe('alert broadcast in the runtime', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let drafter: TestUser;
  let approver: TestUser;
  let drafterClient: TestClient;
  let approverClient: TestClient;

  const statuses = async (alertId: string) => {
    const rows = await t.database.db.select({ status: alertDeliveries.status }).from(alertDeliveries).where(eq(alertDeliveries.alertId, alertId));
    const counts: Record<string, number> = { a_envoyer: 0, envoi: 0, envoye: 0, echec: 0 };
    for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
    return counts;
  };
  const received = (doctors: DoctorRow[]) => doctors.reduce((n, d) => n + (sink.perRecipient.get(d.corrEmail!) ?? 0), 0);
  const approve = async (body: ReturnType<typeof draft>) => {
    const id = (await drafterClient.post('/api/alerts', body)).json().id as string;
    await drafterClient.post(`/api/alerts/${id}/submit`);
    expect((await approverClient.post(`/api/alerts/${id}/approve`)).statusCode).toBe(200);
    return id;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ env: { SMTP_URL: sink.url, ALERT_SEND_RATE_PER_SECOND: '20', ALERT_LEASE_SECONDS: '1' } });
    drafter = await buildUser(t.database, t.keys, { role: 'agent', departement: null });
    approver = await buildUser(t.database, t.keys, { role: 'agent', departement: null });
    drafterClient = new TestClient(t.app);
    await drafterClient.login(t.database, drafter);
    approverClient = new TestClient(t.app);
    await approverClient.login(t.database, approver);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('stops a broadcast when the alert is withdrawn, even the message in flight', async () => {
    const doctors = await Promise.all(Array.from({ length: 60 }, () => buildDoctor(t.database, { departement: '23' })));
    const id = await approve(draft('23'));
    await expect.poll(() => received(doctors), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    expect((await approverClient.post(`/api/alerts/${id}/withdraw`, { reason: 'Alerte publiée par erreur' })).statusCode).toBe(200);
    // Once nothing is in flight, what was marked sent is exactly what the relay got, and it stays so.
    await expect.poll(async () => (await statuses(id)).envoi, { timeout: 10_000 }).toBe(0);
    const settled = await statuses(id);
    expect(received(doctors)).toBe(settled.envoye);
    expect(settled.a_envoyer).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(received(doctors)).toBe(settled.envoye);
    expect(await statuses(id)).toEqual(settled);
    const [row] = await t.database.db.select().from(alerts).where(eq(alerts.id, id));
    expect(row!.status).toBe('retiree');
    for (const d of doctors) expect(sink.perRecipient.get(d.corrEmail!) ?? 0).toBeLessThanOrEqual(1);
  });

  it('gives up on a recipient the relay refuses for good, delivers the others, completes once', async () => {
    const doctors = await Promise.all(Array.from({ length: 4 }, () => buildDoctor(t.database, { departement: '05' })));
    const refused = await buildDoctor(t.database, { departement: '05', corrEmail: `inconnu.${Date.now()}@exemple.fr` });
    sink.refuseRecipient = (a) => a === refused.corrEmail;
    const id = await approve(draft('05'));
    await expect.poll(async () => (await drafterClient.get(`/api/alerts/${id}`)).json().status, { timeout: 20_000 }).toBe('diffusee');
    sink.refuseRecipient = null;
    expect((await drafterClient.get(`/api/alerts/${id}`)).json().deliveries).toEqual({ total: 5, sent: 4, pending: 0, failed: 1 });
    const [failed] = await t.database.db.select().from(alertDeliveries).where(eq(alertDeliveries.doctorId, refused.id));
    expect(failed).toMatchObject({ status: 'echec', lastError: expect.stringContaining('550') });
    for (const d of doctors) expect(sink.perRecipient.get(d.corrEmail!)).toBe(1);
    expect((await auditEntries(t.database, 'alerts.broadcast.completed')).filter((e) => e.entityId === id)).toHaveLength(1);
  });

  it('resumes a half-done broadcast nobody enqueued: sends the pending and the expired, never the sent', async () => {
    const doctors = await Promise.all(Array.from({ length: 9 }, () => buildDoctor(t.database, { departement: '09' })));
    // As a crash would leave it: approved, three sent, three claimed by a dead worker, three untouched, no job.
    const [alert] = await t.database.db
      .insert(alerts)
      .values({ title: 'Reprise après incident', situation: 'Des appels frauduleux.', whatToDo: 'Raccrochez.', audienceScope: 'departements', audienceDepartements: ['09'], status: 'en_diffusion', draftedBy: drafter.user.id, approvedBy: approver.user.id, approvedAt: new Date(), visibleUntil: new Date(Date.now() + 86_400_000), recipientsTotal: 9 })
      .returning();
    const past = new Date(Date.now() - 60_000);
    await t.database.db.insert(alertDeliveries).values(
      doctors.map((d, i) => ({
        alertId: alert!.id,
        doctorId: d.id,
        email: d.corrEmail!,
        ...(i < 3 ? { status: 'envoye' as const, attempts: 1, sentAt: past } : i < 6 ? { status: 'envoi' as const, attempts: 1, leaseUntil: past } : {}),
      })),
    );
    await expect.poll(async () => (await drafterClient.get(`/api/alerts/${alert!.id}`)).json().status, { timeout: 20_000 }).toBe('diffusee');
    expect(doctors.map((d) => sink.perRecipient.get(d.corrEmail!) ?? 0)).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect(await statuses(alert!.id)).toEqual({ a_envoyer: 0, envoi: 0, envoye: 9, echec: 0 });
  });
});
