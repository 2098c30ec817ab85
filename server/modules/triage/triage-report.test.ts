import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { campaigns, reportAttachments, reportNotes } from '../../platform/db/schema-reports.js';
import { buildReport, PNG_BYTES } from './triage.factories.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('triage: a report’s page and its files', () => {
  let t: TestApp;
  let agent75: TestUser;
  let agent75Client: TestClient;
  let agent13Client: TestClient;
  let nationalClient: TestClient;
  let doctor: TestUser;
  let doctorClient: TestClient;
  let cdeClient: TestClient;

  const report = (spec: Parameters<typeof buildReport>[2] = {}) => buildReport(t.database, t.app.services.uploads, spec);
  const login = async (user: TestUser) => {
    const client = new TestClient(t.app);
    await client.login(t.database, user);
    return client;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    agent75 = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    doctor = await buildUser(t.database, t.keys, { role: 'medecin', departement: '75' });
    agent75Client = await login(agent75);
    agent13Client = await login(await buildUser(t.database, t.keys, { role: 'agent', departement: '13' }));
    nationalClient = await login(await buildUser(t.database, t.keys, { role: 'admin', departement: null }));
    doctorClient = await login(doctor);
    cdeClient = await login(await buildUser(t.database, t.keys, { role: 'membre_cde', departement: '75' }));
  });
  afterAll(() => t.close());

  it('climbs the ladder: 401, 400, 403 for doctors and CDE members, 404 outside the département', async () => {
    const target = await report({ reporterName: 'Dr Jeanne Témoin', reporterEmail: 'jeanne.temoin@exemple.fr' });
    const url = `/api/triage/reports/${target.id}`;
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    expect((await anonymous.get(url)).statusCode).toBe(401);

    const bad = await agent75Client.get('/api/triage/reports/pas-un-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe('id');

    for (const client of [doctorClient, cdeClient]) {
      const refused = await client.get(url);
      expect(refused.statusCode).toBe(403);
      expect(refused.body).not.toContain('temoin');
    }
    const elsewhere = await agent13Client.get(url);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error.code).toBe('NOT_FOUND');
    expect(elsewhere.body).not.toContain('temoin');
    expect((await agent75Client.get(`/api/triage/reports/${UNKNOWN}`)).statusCode).toBe(404);
    // Nothing was read, so nothing is written as read.
    expect((await auditEntries(t.database, 'reports.report.read')).filter((e) => e.entityId === target.id)).toEqual([]);

    // A report attached to no département is for national accounts only.
    const orphan = await report({ departement: null });
    expect((await agent75Client.get(`/api/triage/reports/${orphan.id}`)).statusCode).toBe(404);
    expect((await nationalClient.get(`/api/triage/reports/${orphan.id}`)).statusCode).toBe(200);
  });

  it('shows everything the council holds and writes the read to the audit log', async () => {
    const [campaign] = await t.database.db.insert(campaigns).values({ reference: 'CAMP-2026-0042', label: 'Faux ANDPC' }).returning();
    const main = await report({
      channel: 'sms',
      reporterUserId: doctor.user.id,
      reporterName: 'Dr Paul Témoin',
      pseudonymous: true,
      organisationName: '<b>ANDPC</b>',
      callerNumber: '+33970123456',
      links: ['https://ordre-medecins-certif.com/validation'],
      campaignId: campaign!.id,
      attachments: [{ fileName: 'capture sms.png', mediaType: 'image/png', bytes: PNG_BYTES }],
    });
    const duplicate = await report({ mergedInto: main.id, status: 'fusionne', attachments: [{ fileName: 'courriel.txt', mediaType: 'text/plain', bytes: new TextEncoder().encode('Bonjour docteur') }] });
    await t.database.db.insert(reportNotes).values({ reportId: main.id, authorId: agent75.user.id, body: 'Appelé le médecin : confirme.' });

    const res = await agent75Client.get(`/api/triage/reports/${main.id}`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({
      id: main.id,
      receiptNumber: main.receiptNumber,
      status: 'nouveau',
      version: 1,
      channel: 'sms',
      organisationName: '<b>ANDPC</b>',
      callerNumber: '+33970123456',
      links: ['https://ordre-medecins-certif.com/validation'],
      pastedText: main.pastedText,
      departement: '75',
      reporter: { name: 'Dr Paul Témoin', pseudonymous: true, account: { id: doctor.user.id, email: doctor.user.email, role: 'medecin' } },
      verdict: 'fraude_probable',
      campaign: { id: campaign!.id, reference: 'CAMP-2026-0042', label: 'Faux ANDPC', status: 'ouverte' },
      duplicates: [{ id: duplicate.id, receiptNumber: duplicate.receiptNumber }],
      notes: [{ author: { id: agent75.user.id }, body: 'Appelé le médecin : confirme.' }],
      actions: { statuses: [{ status: 'en_cours', reasonRequired: false }], canAssign: true, canMerge: true },
    });
    expect(view.analysis.verdict).toBe('fraude_probable');
    expect(view.analysis.findings.length).toBeGreaterThan(0);
    expect(view.attachments).toEqual([
      expect.objectContaining({ reportId: main.id, fromDuplicate: false, fileName: 'capture sms.png', mediaType: 'image/png', sizeBytes: PNG_BYTES.byteLength }),
      expect.objectContaining({ reportId: duplicate.id, receiptNumber: duplicate.receiptNumber, fromDuplicate: true, fileName: 'courriel.txt' }),
    ]);
    const entry = await expectAudited(t.database, 'reports.report.read', main.id);
    expect(entry.actorId).toBe(agent75.user.id);

    const dup = (await agent75Client.get(`/api/triage/reports/${duplicate.id}`)).json();
    expect(dup).toMatchObject({ status: 'fusionne', mergedInto: { id: main.id, receiptNumber: main.receiptNumber }, actions: { statuses: [], canAssign: false, canMerge: false } });
  });

  it('downloads a copy of the exchanges as an attachment, typed by its content, sandboxed, audited', async () => {
    const hostile = '<img src=x onerror=alert(1)> relevé "urgent".txt';
    const owner = await report({ attachments: [{ fileName: hostile, mediaType: 'text/plain', bytes: new TextEncoder().encode('<script>alert(1)</script>') }] });
    const [file] = await t.database.db.select().from(reportAttachments).where(eq(reportAttachments.reportId, owner.id));
    const url = `/api/triage/reports/${owner.id}/attachments/${file!.id}`;

    const res = await agent75Client.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.headers['cache-control']).toBe('no-store');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition.startsWith('attachment; ')).toBe(true);
    expect(disposition).toContain('filename="_img src_x onerror_alert(1)_ releve _urgent_.txt";');
    expect(disposition).toContain("filename*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%20relev%C3%A9%20%22urgent%22.txt");
    expect(res.body).toBe('<script>alert(1)</script>');
    const entry = await expectAudited(t.database, 'reports.attachment.read', file!.id);
    expect(entry.details).toMatchObject({ reportId: owner.id, sha256: file!.sha256 });

    expect((await agent13Client.get(url)).statusCode).toBe(404);
    expect((await doctorClient.get(url)).statusCode).toBe(403);
    const other = await report();
    expect((await agent75Client.get(`/api/triage/reports/${other.id}/attachments/${file!.id}`)).statusCode).toBe(404);
    const bad = await agent75Client.get(`/api/triage/reports/${owner.id}/attachments/42`);
    expect(bad.json().error.details.fields[0].path).toBe('attachmentId');
  });

  it('lists who the report may be assigned to: agents of its département who triage', async () => {
    const target = await report();
    const colleague = await buildUser(t.database, t.keys, { role: 'agent', departement: '75' });
    const otherDept = await buildUser(t.database, t.keys, { role: 'agent', departement: '92' });
    const nationalAgent = await buildUser(t.database, t.keys, { role: 'agent', departement: null });
    const disabled = await buildUser(t.database, t.keys, { role: 'agent', departement: '75', status: 'disabled' });

    const own = (await agent75Client.get(`/api/triage/reports/${target.id}/assignees`)).json().items.map((p: { id: string }) => p.id);
    expect(own).toEqual(expect.arrayContaining([agent75.user.id, colleague.user.id]));
    for (const excluded of [otherDept, nationalAgent, disabled, doctor]) expect(own).not.toContain(excluded.user.id);
    const fromNational = (await nationalClient.get(`/api/triage/reports/${target.id}/assignees`)).json().items.map((p: { id: string }) => p.id);
    expect(fromNational).toEqual(expect.arrayContaining([agent75.user.id, nationalAgent.user.id]));
    expect(fromNational).not.toContain(otherDept.user.id);
    expect((await agent13Client.get(`/api/triage/reports/${target.id}/assignees`)).statusCode).toBe(404);
  });
});
