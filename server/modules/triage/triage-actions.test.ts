import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { reportNotes, reports } from '../../platform/db/schema-reports.js';
import { buildReport, PNG_BYTES } from './triage.factories.js';

describe('triage: assignment, statuses, notes, merge', () => {
  let t: TestApp;
  let agent75: TestUser;
  let colleague75: TestUser;
  let agent13: TestUser;
  let nationalAgent: TestUser;
  let agent75Client: TestClient;
  let agent13Client: TestClient;
  let nationalClient: TestClient;
  let doctorClient: TestClient;
  let cdeClient: TestClient;
  let doctor: TestUser;

  const report = (spec: Parameters<typeof buildReport>[2] = {}) => buildReport(t.database, t.app.services.uploads, spec);
  const login = async (user: TestUser) => {
    const client = new TestClient(t.app);
    await client.login(t.database, user);
    return client;
  };
  const row = async (id: string) => (await t.database.db.select().from(reports).where(eq(reports.id, id)))[0]!;
  const fields = (res: { json: () => { error: { details: { fields: { path: string }[] } } } }) => res.json().error.details.fields.map((f) => f.path);

  beforeAll(async () => {
    t = await buildTestApp();
    agent75 = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    colleague75 = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    agent13 = await buildUser(t.database, t.keys, { role: 'agent', departement: '13' });
    nationalAgent = await buildUser(t.database, t.keys, { role: 'agent', departement: null });
    doctor = await buildUser(t.database, t.keys, { role: 'medecin', departement: '75' });
    agent75Client = await login(agent75);
    agent13Client = await login(agent13);
    nationalClient = await login(nationalAgent);
    doctorClient = await login(doctor);
    cdeClient = await login(await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '75' }));
  });
  afterAll(() => t.close());

  it('refuses every change to anonymous callers, doctors, CDE members and other départements', async () => {
    const target = await report();
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    const calls: [string, unknown][] = [
      ['assignment', { assigneeId: agent75.user.id, version: 1 }],
      ['status', { status: 'en_cours', version: 1 }],
      ['notes', { body: 'Note' }],
      ['merge', { targetReceiptNumber: 'SIG-2026-AAAAAAAA', version: 1 }],
    ];
    for (const [action, body] of calls) {
      const url = `/api/triage/reports/${target.id}/${action}`;
      expect({ action, status: (await anonymous.post(url, body)).statusCode }).toEqual({ action, status: 401 });
      expect({ action, status: (await doctorClient.post(url, body)).statusCode }).toEqual({ action, status: 403 });
      expect({ action, status: (await cdeClient.post(url, body)).statusCode }).toEqual({ action, status: 403 });
      expect({ action, status: (await agent13Client.post(url, body)).statusCode }).toEqual({ action, status: 404 });
    }
    expect(await row(target.id)).toMatchObject({ version: 1, status: 'nouveau', assignedTo: null });
    expect(await t.database.db.select().from(reportNotes).where(eq(reportNotes.reportId, target.id))).toEqual([]);
  });

  it('names each bad field', async () => {
    const target = await report();
    const url = (action: string) => `/api/triage/reports/${target.id}/${action}`;
    expect(fields(await agent75Client.post(url('assignment'), { assigneeId: 'moi', version: 1 }))).toEqual(['assigneeId']);
    expect(fields(await agent75Client.post(url('assignment'), { assigneeId: null }))).toEqual(['version']);
    expect(fields(await agent75Client.post(url('assignment'), { assigneeId: null, version: 1, extra: true }))).toEqual(['extra']);
    expect(fields(await agent75Client.post(url('status'), { status: 'fusionne', version: 1 }))).toEqual(['status']);
    expect(fields(await agent75Client.post(url('status'), { status: 'en_cours', version: 'un' }))).toEqual(['version']);
    expect(fields(await agent75Client.post(url('status'), { status: 'en_cours', reason: 'court', version: 1 }))).toEqual(['reason']);
    expect(fields(await agent75Client.post(url('notes'), { body: '   ' }))).toEqual(['body']);
    expect(fields(await agent75Client.post(url('notes'), { body: 'x'.repeat(4001) }))).toEqual(['body']);
    expect(fields(await agent75Client.post(url('merge'), { targetReceiptNumber: 'ABC', version: 1 }))).toEqual(['targetReceiptNumber']);
    expect((await agent75Client.post('/api/triage/reports/42/status', { status: 'en_cours', version: 1 })).statusCode).toBe(400);
  });

  it('assigns to oneself or a colleague of the département, and to nobody; audited', async () => {
    const target = await report();
    const url = `/api/triage/reports/${target.id}/assignment`;
    const self = await agent75Client.post(url, { assigneeId: agent75.user.id, version: 1 });
    expect(self.statusCode).toBe(200);
    expect(self.json()).toMatchObject({ version: 2, assignee: { id: agent75.user.id } });
    const entry = await expectAudited(t.database, 'reports.report.assigned', target.id);
    expect(entry.details).toEqual({ from: null, to: agent75.user.id });

    const toColleague = await agent75Client.post(url, { assigneeId: colleague75.user.id, version: 2 });
    expect(toColleague.json()).toMatchObject({ version: 3, assignee: { id: colleague75.user.id } });
    // Someone of another département, a national colleague, or a doctor cannot be given the report.
    for (const refused of [agent13, nationalAgent, doctor]) {
      const res = await agent75Client.post(url, { assigneeId: refused.user.id, version: 3 });
      expect(res.statusCode).toBe(400);
      expect(fields(res)).toEqual(['assigneeId']);
    }
    const cleared = await agent75Client.post(url, { assigneeId: null, version: 3 });
    expect(cleared.json()).toMatchObject({ version: 4, assignee: null });
    expect((await auditEntries(t.database, 'reports.report.assigned')).filter((e) => e.entityId === target.id)).toHaveLength(3);
  });

  it('lets a national account assign national staff, but never someone who cannot see the report', async () => {
    const target = await report();
    const url = `/api/triage/reports/${target.id}/assignment`;
    expect((await nationalClient.post(url, { assigneeId: nationalAgent.user.id, version: 1 })).json().assignee.id).toBe(nationalAgent.user.id);
    expect((await nationalClient.post(url, { assigneeId: colleague75.user.id, version: 2 })).json().assignee.id).toBe(colleague75.user.id);
    expect(fields(await nationalClient.post(url, { assigneeId: agent13.user.id, version: 3 }))).toEqual(['assigneeId']);
  });

  it('refuses a change made on a stale page with a conflict, and changes nothing', async () => {
    const target = await report();
    await agent75Client.post(`/api/triage/reports/${target.id}/assignment`, { assigneeId: agent75.user.id, version: 1 });
    for (const [action, body] of [
      ['assignment', { assigneeId: colleague75.user.id, version: 1 }],
      ['status', { status: 'en_cours', version: 1 }],
      ['merge', { targetReceiptNumber: (await report()).receiptNumber, version: 1 }],
    ] as const) {
      const res = await agent75Client.post(`/api/triage/reports/${target.id}/${action}`, body);
      expect({ action, status: res.statusCode, code: res.json().error.code }).toEqual({ action, status: 409, code: 'STALE_VERSION' });
      expect(res.json().error.message).toMatch(/modifié cet élément entre-temps/);
    }
    expect(await row(target.id)).toMatchObject({ version: 2, status: 'nouveau', assignedTo: agent75.user.id, mergedInto: null });
  });

  it('walks the statuses: take, class with a reason kept as a note, reopen with a reason, qualify', async () => {
    const target = await report();
    const url = `/api/triage/reports/${target.id}/status`;
    const skip = await agent75Client.post(url, { status: 'qualifie', version: 1 });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.code).toBe('INVALID_STATE');

    const taken = await agent75Client.post(url, { status: 'en_cours', version: 1 });
    expect(taken.json()).toMatchObject({ status: 'en_cours', version: 2, note: null, actions: { statuses: [{ status: 'qualifie' }, { status: 'classe_sans_suite', reasonRequired: true }] } });
    expect((await expectAudited(t.database, 'reports.report.status_changed', target.id)).details).toEqual({ from: 'nouveau', to: 'en_cours' });

    const noReason = await agent75Client.post(url, { status: 'classe_sans_suite', version: 2 });
    expect(noReason.statusCode).toBe(400);
    expect(fields(noReason)).toEqual(['reason']);
    const closed = await agent75Client.post(url, { status: 'classe_sans_suite', reason: 'Démarchage commercial légitime, pas une arnaque.', version: 2 });
    expect(closed.json()).toMatchObject({ status: 'classe_sans_suite', version: 3, note: { author: { id: agent75.user.id }, body: 'Classé sans suite — motif : Démarchage commercial légitime, pas une arnaque.' } });
    expect(closed.json().closedAt).not.toBeNull();
    const closing = await expectAudited(t.database, 'reports.report.status_changed', target.id);
    expect(closing).toMatchObject({ reason: 'Démarchage commercial légitime, pas une arnaque.', details: { from: 'en_cours', to: 'classe_sans_suite' } });

    expect(fields(await agent75Client.post(url, { status: 'en_cours', version: 3 }))).toEqual(['reason']);
    const reopened = await agent75Client.post(url, { status: 'en_cours', reason: 'Un second signalement identique est arrivé.', version: 3 });
    expect(reopened.json()).toMatchObject({ status: 'en_cours', version: 4, closedAt: null });
    const qualified = await agent75Client.post(url, { status: 'qualifie', version: 4 });
    expect(qualified.json()).toMatchObject({ status: 'qualifie', version: 5, closedAt: null });
    expect((await row(target.id)).qualifiedAt).not.toBeNull();

    const notes = await t.database.db.select().from(reportNotes).where(eq(reportNotes.reportId, target.id)).orderBy(asc(reportNotes.createdAt));
    expect(notes.map((n) => n.body)).toEqual([
      'Classé sans suite — motif : Démarchage commercial légitime, pas une arnaque.',
      'Rouvert — motif : Un second signalement identique est arrivé.',
    ]);
    expect(notes.every((n) => n.authorId === agent75.user.id)).toBe(true);
  });

  it('appends notes, kept as typed, in order, audited without their text', async () => {
    const target = await report();
    const url = `/api/triage/reports/${target.id}/notes`;
    const first = await agent75Client.post(url, { body: '  <script>alert("x")</script> Rappeler le médecin.  ' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ author: { id: agent75.user.id }, body: '<script>alert("x")</script> Rappeler le médecin.' });
    const entry = await expectAudited(t.database, 'reports.note.added', target.id);
    expect(entry.details).toEqual({ noteId: first.json().id });
    expect(JSON.stringify(entry)).not.toContain('Rappeler');
    await agent75Client.post(url, { body: 'Médecin rappelé.' });
    const view = (await agent75Client.get(`/api/triage/reports/${target.id}`)).json();
    expect(view.notes.map((n: { body: string }) => n.body)).toEqual(['<script>alert("x")</script> Rappeler le médecin.', 'Médecin rappelé.']);
    // A note is not a change of the report: the version others hold stays valid.
    expect(view.version).toBe(1);
  });

  it('merges a duplicate into the main report: files listed on the main one, audited on both', async () => {
    const main = await report();
    const duplicate = await report({ attachments: [{ fileName: 'capture.png', mediaType: 'image/png', bytes: PNG_BYTES }] });
    const res = await agent75Client.post(`/api/triage/reports/${duplicate.id}/merge`, { targetReceiptNumber: main.receiptNumber.toLowerCase(), version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'fusionne', version: 2, mergedInto: { id: main.id, receiptNumber: main.receiptNumber }, actions: { canMerge: false, canAssign: false } });
    expect(await row(duplicate.id)).toMatchObject({ status: 'fusionne', mergedInto: main.id });
    expect((await expectAudited(t.database, 'reports.report.merged', duplicate.id)).details).toMatchObject({ role: 'duplicate', into: main.id });
    expect((await expectAudited(t.database, 'reports.report.merged', main.id)).details).toMatchObject({ role: 'target', duplicate: duplicate.id });

    const view = (await agent75Client.get(`/api/triage/reports/${main.id}`)).json();
    expect(view.duplicates.map((d: { id: string }) => d.id)).toEqual([duplicate.id]);
    expect(view.attachments).toEqual([expect.objectContaining({ reportId: duplicate.id, fromDuplicate: true, fileName: 'capture.png' })]);
    // The file stays the duplicate's, downloaded through it.
    const download = await agent75Client.get(`/api/triage/reports/${duplicate.id}/attachments/${view.attachments[0].id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(Buffer.from(PNG_BYTES))).toBe(true);
    expect(main.version).toBe(1);
    expect((await row(main.id)).version).toBe(1);
  });

  it('refuses merging into itself, into a duplicate, into an unknown or unseen report, or across départements', async () => {
    const main = await report();
    const merged = await report({ status: 'fusionne', mergedInto: main.id });
    const candidate = await report();
    const lyon = await report({ departement: '69' });
    const url = `/api/triage/reports/${candidate.id}/merge`;
    const attempts: [TestClient, string][] = [
      [agent75Client, candidate.receiptNumber],
      [agent75Client, merged.receiptNumber],
      [agent75Client, 'SIG-2026-ZZZZZZZZ'],
      [agent75Client, lyon.receiptNumber],
      [nationalClient, lyon.receiptNumber],
    ];
    const messages: string[] = [];
    for (const [client, targetReceiptNumber] of attempts) {
      const res = await client.post(url, { targetReceiptNumber, version: 1 });
      expect({ targetReceiptNumber, status: res.statusCode }).toEqual({ targetReceiptNumber, status: 400 });
      expect(fields(res)).toEqual(['targetReceiptNumber']);
      messages.push(res.json().error.details.fields[0].message);
    }
    // To a departmental agent, a report of another département reads exactly like an unknown number.
    expect(messages[3]).toBe(messages[2]);
    expect(messages[4]).not.toBe(messages[2]);
    const unconfirmed = await report({ status: 'en_attente_confirmation', confirmedAt: null });
    expect(fields(await agent75Client.post(url, { targetReceiptNumber: unconfirmed.receiptNumber, version: 1 }))).toEqual(['targetReceiptNumber']);
    // A decided report is reopened before it can be merged away; a duplicate cannot be merged again.
    const decided = await report({ status: 'qualifie', qualifiedAt: new Date() });
    const res = await agent75Client.post(`/api/triage/reports/${decided.id}/merge`, { targetReceiptNumber: main.receiptNumber, version: 1 });
    expect(res.json().error.code).toBe('INVALID_STATE');
    expect((await agent75Client.post(`/api/triage/reports/${merged.id}/merge`, { targetReceiptNumber: candidate.receiptNumber, version: 1 })).json().error.code).toBe('INVALID_STATE');
    expect(await row(candidate.id)).toMatchObject({ status: 'nouveau', version: 1, mergedInto: null });
  });

  it('points the duplicates of a merged report at the new main report', async () => {
    const a = await report();
    const b = await report();
    const c = await report({ status: 'fusionne', mergedInto: b.id });
    await agent75Client.post(`/api/triage/reports/${b.id}/merge`, { targetReceiptNumber: a.receiptNumber, version: 1 });
    expect((await row(c.id)).mergedInto).toBe(a.id);
    expect((await expectAudited(t.database, 'reports.report.merged', a.id)).details).toMatchObject({ movedDuplicates: [c.id] });
    const view = (await agent75Client.get(`/api/triage/reports/${a.id}`)).json();
    expect(view.duplicates.map((d: { id: string }) => d.id).sort()).toEqual([b.id, c.id].sort());
  });
});
