import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { buildUser, type TestUser } from '../../test/factories.js';
import { buildReport } from './triage.factories.js';

// The queue's totals for status, département and assignee come from report_queue_counts (migration
// 0022), kept by trigger instead of counted. These tests hold the rollup to the rows themselves after
// every kind of write a report goes through: filing, assignment, status changes, merges, a statement
// moving many reports at once (as campaign qualification does) and deletion.

describe('triage queue totals', () => {
  let t: TestApp;
  let agent75: TestUser;
  let national: TestUser;
  let agent75Client: TestClient;
  let nationalClient: TestClient;

  const report = (spec: Parameters<typeof buildReport>[2] = {}) => buildReport(t.database, t.app.services.uploads, spec);

  /** The rollup's non-empty rows and the rows counted from reports, as the same sorted lines. */
  async function rollupAndTruth() {
    const line = (r: { departement: string | null; status: string; assigned_to: string | null; n: number }) =>
      `${r.departement ?? '-'}|${r.status}|${r.assigned_to ?? '-'}|${Number(r.n)}`;
    type Row = { departement: string | null; status: string; assigned_to: string | null; n: number };
    const rollup = await t.database.raw.query<Row>('SELECT departement, status, assigned_to, n FROM report_queue_counts WHERE n <> 0');
    const truth = await t.database.raw.query<Row>('SELECT departement, status, assigned_to, count(*)::int AS n FROM reports GROUP BY 1, 2, 3');
    return { rollup: rollup.rows.map(line).sort(), truth: truth.rows.map(line).sort() };
  }

  /** What the queue answers as total, and what counting the rows gives, for the views agents use most. */
  async function totalsAndCounts() {
    const count = async (where: string, params: unknown[] = []) =>
      (await t.database.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM reports WHERE ${where}`, params)).rows[0]!.n;
    const total = async (client: TestClient, query: string) => {
      const res = await client.get(`/api/triage/reports${query}`);
      expect(res.statusCode).toBe(200);
      return (res.json() as { total: number }).total;
    };
    const shown = "status <> 'en_attente_confirmation'";
    return [
      ['national', await total(nationalClient, ''), await count(shown)],
      ['national nouveau', await total(nationalClient, '?status=nouveau'), await count("status = 'nouveau'")],
      ['national unconfirmed + fusionne', await total(nationalClient, '?status=en_attente_confirmation&status=fusionne'), await count("status IN ('en_attente_confirmation', 'fusionne')")],
      ['national 13', await total(nationalClient, '?departement=13'), await count(`${shown} AND departement = '13'`)],
      ['national none', await total(nationalClient, '?departement=aucun'), await count(`${shown} AND departement IS NULL`)],
      ['national me', await total(nationalClient, '?assigned=me'), await count(`${shown} AND assigned_to = $1`, [national.user.id])],
      ['national unassigned', await total(nationalClient, '?assigned=none'), await count(`${shown} AND assigned_to IS NULL`)],
      ['75', await total(agent75Client, ''), await count(`${shown} AND departement = '75'`)],
      ['75 me en_cours', await total(agent75Client, '?assigned=me&status=en_cours'), await count(`status = 'en_cours' AND departement = '75' AND assigned_to = $1`, [agent75.user.id])],
      ['75 unassigned', await total(agent75Client, '?assigned=none'), await count(`${shown} AND departement = '75' AND assigned_to IS NULL`)],
    ].map(([view, answered, counted]) => ({ view, answered, counted }));
  }

  async function expectExact() {
    const { rollup, truth } = await rollupAndTruth();
    expect(rollup).toEqual(truth);
    for (const row of await totalsAndCounts()) expect(row.answered, String(row.view)).toBe(row.counted);
  }

  beforeAll(async () => {
    t = await buildTestApp();
    agent75 = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    national = await buildUser(t.database, t.keys, { role: 'agent', departement: null });
    agent75Client = new TestClient(t.app);
    await agent75Client.login(t.database, agent75);
    nationalClient = new TestClient(t.app);
    await nationalClient.login(t.database, national);
  });
  afterAll(() => t.close());

  it('stay equal to the rows through filing, assignment, status changes, merges, bulk updates and deletion', async () => {
    const filed = [
      await report({ departement: '75' }),
      await report({ departement: '75' }),
      await report({ departement: '75', status: 'en_attente_confirmation' }),
      await report({ departement: '13' }),
      await report({ departement: null }),
      await report({ departement: '75', status: 'en_cours', assignedTo: agent75.user.id }),
    ];
    await expectExact();

    const [a, b, , marseille, nowhere] = filed;
    const post = async (client: TestClient, id: string, action: string, body: Record<string, unknown>) => {
      const res = await client.post(`/api/triage/reports/${id}/${action}`, body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { version: number };
    };
    let state = await post(agent75Client, a!.id, 'assignment', { assigneeId: agent75.user.id, version: 1 });
    state = await post(agent75Client, a!.id, 'status', { status: 'en_cours', version: state.version });
    await expectExact();
    await post(nationalClient, nowhere!.id, 'assignment', { assigneeId: national.user.id, version: 1 });
    const taken = await post(nationalClient, marseille!.id, 'status', { status: 'en_cours', version: 1 });
    await post(nationalClient, marseille!.id, 'status', { status: 'classe_sans_suite', reason: 'Message sans rapport avec l’Ordre.', version: taken.version });
    await expectExact();
    // b duplicates a: b leaves « nouveau » for « fusionne ».
    await post(agent75Client, b!.id, 'merge', { targetReceiptNumber: a!.receiptNumber, version: 1 });
    await post(agent75Client, a!.id, 'assignment', { assigneeId: null, version: state.version });
    await expectExact();

    // One statement moving several reports across keys, and one moving none (the grouping's kind).
    await t.database.raw.query(`UPDATE reports SET status = 'qualifie', qualified_at = now() WHERE departement = '75' AND status = 'en_cours'`);
    await t.database.raw.query(`UPDATE reports SET updated_at = now()`);
    await t.database.raw.query(`UPDATE reports SET departement = '13' WHERE departement IS NULL`);
    await expectExact();

    await t.database.raw.query(`DELETE FROM reports WHERE id = $1`, [marseille!.id]);
    await expectExact();
  });
});
