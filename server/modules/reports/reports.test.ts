import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser, expectAudited } from '../../test/factories.js';
import { reportAttachments, reports } from '../../platform/db/schema-reports.js';
import { createHash } from 'node:crypto';
import { EICAR_TEXT, EML_TEXT, latin1Text, plainText, tinyEml, tinyJpeg, tinyMsg, tinyPdf, tinyPng } from './report-fixtures.js';
import { clientHeaders, postForm, windowsExecutable, type FormFile } from '../../test/multipart.js';

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const SMS = 'Ameli : votre carte Vitale expire. Mettez-la à jour sur https://ameli-renouvellement.info avant 48h.';


async function groupingJobs(t: TestApp, reportId: string): Promise<number> {
  const { rows } = await t.database.raw.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT name, data FROM pgboss.job UNION ALL SELECT name, data FROM pgboss.archive) j
     WHERE name = 'campaigns.group-report' AND data->>'reportId' = $1`,
    [reportId],
  );
  return rows[0]!.n;
}

describe('POST /api/reports (a doctor files a report)', () => {
  let t: TestApp;
  let doctor: TestClient;
  let doctorEmail: string;
  let doctorId: string;
  beforeAll(async () => {
    // Small limits so the size refusals run on small files.
    t = await buildTestApp({ env: { UPLOAD_MAX_BYTES: '65536', UPLOAD_MAX_FILES: '3', REPORT_RATE_LIMIT_PER_MINUTE: '50' } });
    const account = await buildUser(t.database, t.keys, { role: 'medecin', departement: '69' });
    doctorEmail = account.user.email;
    doctorId = account.user.id;
    doctor = new TestClient(t.app);
    await doctor.login(t.database, account);
  });
  afterAll(() => t.close());

  const fileAs = (client: TestClient, body: Record<string, unknown>) => client.post('/api/reports', { channel: 'sms', description: 'SMS reçu au cabinet.', ...body });
  /** The form with files: multipart, as the browser sends it. */
  const fileWith = (client: TestClient, files: FormFile[], fields: Record<string, unknown> = {}) =>
    postForm(t, client, '/api/reports', { channel: 'sms', description: 'SMS reçu au cabinet.', ...fields }, files);

  it('refuses an anonymous caller (401) and a role without report:create (403, audited)', async () => {
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    const res = await fileAs(anonymous, {});
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');

    const agentAccount = await buildUser(t.database, t.keys, { role: 'agent' });
    const agent = new TestClient(t.app);
    await agent.login(t.database, agentAccount);
    const refused = await fileAs(agent, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    const denial = await expectAudited(t.database, 'authz.access.denied', 'POST /api/reports');
    expect(denial.actorId).toBe(agentAccount.user.id);
    expect((await agent.get('/api/reports/mine')).statusCode).toBe(403);
  });

  it('needs the CSRF token', async () => {
    const saved = doctor.csrfToken;
    doctor.csrfToken = '';
    const res = await fileAs(doctor, {});
    doctor.csrfToken = saved;
    expect(res.json().error.code).toBe('CSRF_INVALID');
  });

  it.each([
    [{ channel: 'fax' }, 'channel'],
    [{ occurredOn: '2025-02-30' }, 'occurredOn'],
    [{ occurredOn: '2999-01-01' }, 'occurredOn'],
    [{ description: '', pastedText: '  ' }, 'description'],
    [{ organisationName: 'x'.repeat(201) }, 'organisationName'],
    [{ callerNumber: '0'.repeat(41) }, 'callerNumber'],
    [{ links: Array.from({ length: 21 }, (_, i) => `https://x${i}.fr`) }, 'links'],
    [{ pastedText: 'a'.repeat(100_001) }, 'pastedText'],
    [{ consequences: ['rien'] }, 'consequences.0'],
    [{ attachments: [{ fileName: 'a.txt', contentBase64: b64(plainText()) }] }, 'attachments'],
    [{ departement: '75' }, 'departement'],
  ])('refuses %j with the field named (%s)', async (patch, field) => {
    const res = await fileAs(doctor, patch);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it('files the report in the doctor’s département, analysed, audited without personal data, queued for grouping', async () => {
    const res = await fileAs(doctor, {
      channel: 'sms',
      occurredOn: '2025-11-03',
      organisationName: 'Assurance maladie',
      callerNumber: '06 12 34 56 78',
      links: ['https://ameli-renouvellement.info'],
      description: 'SMS reçu sur mon portable professionnel.',
      pastedText: SMS,
      consequences: ['identifiants'],
      pseudonymous: true,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'nouveau', statusLabel: 'Reçu, en attente de traitement', channel: 'sms', confirmationRequired: false, consequences: ['identifiants'] });
    expect(body.receiptNumber).toMatch(/^SIG-\d{4}-[0-9A-Z]{8}$/);
    const guidance = body.guidance.map((g: { id: string }) => g.id);
    expect(guidance.slice(0, 2)).toEqual(['changer_mots_de_passe', 'cybermalveillance']);
    expect(guidance).toEqual(expect.arrayContaining(['33700_sms', 'pharos', 'thesee', 'jamais_identifiants']));

    const [row] = await t.database.db.select().from(reports).where(eq(reports.id, body.reportId));
    expect(row).toMatchObject({ source: 'formulaire', status: 'nouveau', departement: '69', reporterUserId: doctorId, reporterEmail: null, pseudonymous: true, callerNumber: '06 12 34 56 78', occurredOn: '2025-11-03' });
    expect(row!.confirmedAt).not.toBeNull();
    expect(row!.verdict).toBe((row!.analysis as { verdict: string }).verdict);
    expect(row!.verdict).not.toBe('aucun_signal');
    expect(row!.searchText).toContain('assurance maladie');
    expect(row!.searchText).toContain('ameli renouvellement info');
    expect(row!.consequences).toEqual(['identifiants']);

    const audit = await expectAudited(t.database, 'reports.report.created', body.reportId);
    expect(audit.actorId).toBe(doctorId);
    expect(audit.details).toEqual({ channel: 'sms', source: 'formulaire', status: 'nouveau', verdict: row!.verdict, attachmentCount: 0, pseudonymous: true });
    expect(JSON.stringify(audit.details)).not.toMatch(/06 12|ameli|@/);
    expect(await groupingJobs(t, body.reportId)).toBe(1);

    const receipt = await t.catcher.waitFor((m) => m.to.includes(doctorEmail) && m.subject.includes(body.receiptNumber));
    expect(receipt.text).toContain('Mes signalements');
    expect(receipt.text).toContain('33700');
  });

  it('accepts every allowed type, read from the content', async () => {
    const files = [
      ['capture.png', tinyPng(), 'image/png'],
      ['photo.jpg', tinyJpeg(), 'image/jpeg'],
      ['courrier.pdf', tinyPdf(), 'application/pdf'],
      ['message.msg', tinyMsg(), 'application/vnd.ms-outlook'],
      ['original.eml', tinyEml(), 'message/rfc822'],
      ['notes.txt', plainText(), 'text/plain'],
      ['ancien.txt', latin1Text(), 'text/plain'],
    ] as const;
    for (const [fileName, bytes, mediaType] of files) {
      const res = await fileWith(doctor, [{ name: fileName, bytes }]);
      expect({ fileName, status: res.statusCode }).toEqual({ fileName, status: 201 });
      const [attachment] = await t.database.db.select().from(reportAttachments).where(eq(reportAttachments.reportId, res.json().reportId));
      expect(attachment).toMatchObject({ fileName, mediaType, sizeBytes: bytes.length, origin: 'televersement', scanStatus: 'non_analyse' });
      expect(Buffer.compare(Buffer.from(await t.app.services.uploads.get(attachment!.storageKey)), bytes)).toBe(0);
    }
  });

  it('analyses the uploaded .eml (raw MIME) of an email report', async () => {
    const res = await fileWith(doctor, [{ name: 'dpc.eml', bytes: Buffer.from(EML_TEXT) }], { channel: 'courriel', description: '' });
    expect(res.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(reports).where(eq(reports.id, res.json().reportId));
    const analysis = row!.analysis as { kind: string; shownText: string; indicators: { domains: string[] } };
    expect(analysis.kind).toBe('email');
    expect(analysis.shownText).toContain('Validez vos droits DPC');
    expect(analysis.indicators.domains).toContain('andpc-validation.com');
  });

  it('gives a screenshot-only report the verdict of what the reporter typed', async () => {
    // A picture cannot be read; the doctor's own account of the SMS is what the engine reads.
    const res = await fileWith(doctor, [{ name: 'capture.png', bytes: tinyPng() }], {
      description: 'SMS : « Votre certification périodique est incomplète, vous serez radié sous 48 h. Régularisez ici : https://andpc-validation.com »',
    });
    expect(res.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(reports).where(eq(reports.id, res.json().reportId));
    expect(row!.verdict).not.toBeNull();
    expect(row!.verdict).not.toBe('aucun_signal');
  });

  it('types by content: a PNG named .pdf is a PNG, an executable named .png is refused', async () => {
    const renamed = await fileWith(doctor, [{ name: 'capture.pdf', bytes: tinyPng() }]);
    expect(renamed.statusCode).toBe(201);
    const [attachment] = await t.database.db.select().from(reportAttachments).where(eq(reportAttachments.reportId, renamed.json().reportId));
    expect(attachment).toMatchObject({ mediaType: 'image/png', fileName: 'capture.png' });

    const before = (await t.database.db.select().from(reports)).length;
    const filesBefore = (await t.storedUploads());
    const exe = await fileWith(doctor, [{ name: 'vacances.png', bytes: windowsExecutable() }]);
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.code).toBe('UPLOAD_REJECTED');
    expect(exe.json().error.message).toContain('« vacances.png » n\'est pas d\'un type accepté');
    expect(exe.json().error.details.fields[0].path).toBe('attachments.0');
    expect((await t.database.db.select().from(reports)).length).toBe(before);
    expect((await t.storedUploads())).toBe(filesBefore);
  });

  it('streams a file into the store and keeps its exact bytes', async () => {
    // Bytes of every value, over several network-sized chunks: what is stored is what was sent.
    const bytes = Buffer.concat([tinyPdf(), Buffer.from(Array.from({ length: 60_000 }, (_, i) => (i * 7) % 256))]);
    const res = await fileWith(doctor, [{ name: 'courrier.pdf', bytes }]);
    expect(res.statusCode).toBe(201);
    const [attachment] = await t.database.db.select().from(reportAttachments).where(eq(reportAttachments.reportId, res.json().reportId));
    expect(attachment).toMatchObject({ mediaType: 'application/pdf', sizeBytes: bytes.length, sha256: sha256(bytes) });
    expect(sha256(await t.app.services.uploads.get(attachment!.storageKey))).toBe(sha256(bytes));
  });

  it('refuses an oversized file mid-stream and too many files, naming the limit, nothing stored', async () => {
    const before = (await t.database.db.select().from(reports)).length;
    const filesBefore = (await t.storedUploads());
    const big = Buffer.alloc(65_537, 'a');
    const res = await fileWith(doctor, [{ name: 'court.txt', bytes: plainText() }, { name: 'long.txt', bytes: big }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'UPLOAD_REJECTED', message: 'Le fichier « long.txt » dépasse la taille maximale de 64 Ko par fichier.' });
    expect(res.json().error.details.fields[0]).toMatchObject({ path: 'attachments.1' });
    // The first file was stored before the second went over: it is removed too.
    expect((await t.storedUploads())).toBe(filesBefore);

    const four = Array.from({ length: 4 }, (_, i) => ({ name: `n${i}.txt`, bytes: plainText() }));
    const many = await fileWith(doctor, four);
    expect(many.json().error).toMatchObject({ code: 'UPLOAD_REJECTED', message: 'Vous pouvez joindre 3 fichiers au plus.' });
    expect(many.json().error.details.fields[0].path).toBe('attachments');
    expect((await t.storedUploads())).toBe(filesBefore);
    expect((await t.database.db.select().from(reports)).length).toBe(before);
  });

  it('refuses base64 files in a JSON body, pointing at multipart', async () => {
    const res = await fileAs(doctor, { attachments: [{ fileName: 'x.txt', contentBase64: b64(plainText()) }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual([{ path: 'attachments', message: expect.stringContaining('multipart/form-data') }]);
    // An empty list, as older clients sent, is still a filing without files.
    expect((await fileAs(doctor, { attachments: [] })).statusCode).toBe(201);
  });

  it('refuses a JSON body over the text limit with 413', async () => {
    const res = await fileAs(doctor, { pastedText: 'A'.repeat(2 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('validates multipart text fields like JSON ones, control characters stripped', async () => {
    const bad = await fileWith(doctor, [{ name: 'a.txt', bytes: plainText() }], { channel: 'fax', links: ['https://a.fr', ''], intrus: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['channel', 'intrus', 'links.1']);
    
    const res = await fileWith(doctor, [{ name: 'a.txt', bytes: plainText() }], {
      organisationName: 'Certif\u0000ication\u0007 Pro',
      description: 'Ligne 1\u0000\nLigne 2\u001b',
      links: ['https://a.example.fr', 'https://b.example.fr'],
      consequences: ['identifiants'],
      pseudonymous: true,
      occurredOn: '',
    });
    expect(res.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(reports).where(eq(reports.id, res.json().reportId));
    expect(row).toMatchObject({ organisationName: 'Certification Pro', description: 'Ligne 1\nLigne 2', links: ['https://a.example.fr', 'https://b.example.fr'], pseudonymous: true, occurredOn: null });
    expect(row!.consequences).toEqual(['identifiants']);
  });

  it('refuses a file sent under another field name and a broken multipart body', async () => {
    const filesBefore = (await t.storedUploads());
    const wrong = await fileWith(doctor, [{ name: 'a.txt', bytes: plainText(), field: 'piece' }]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields[0].path).toBe('piece');
    const { headers, remoteAddress } = clientHeaders(doctor);
    const cut = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      remoteAddress,
      headers: { ...headers, 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: '--xyz\r\nContent-Disposition: form-data; name="attachments"; filename="a.txt"\r\n\r\nBonjour',
    });
    expect(cut.statusCode).toBe(400);
    expect(cut.json().error.message).toContain('multipart/form-data');
    expect((await t.storedUploads())).toBe(filesBefore);
  });

  it('refuses EICAR: audited, nothing stored, no report', async () => {
    const before = (await t.database.db.select().from(reports)).length;
    const filesBefore = (await t.storedUploads());
    const res = await fileWith(doctor, [{ name: 'ok.txt', bytes: plainText() }, { name: 'facture.txt', bytes: Buffer.from(EICAR_TEXT) }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('UPLOAD_REJECTED');
    expect(res.json().error.message).toContain('« facture.txt » contient un logiciel malveillant');
    expect(res.json().error.details.fields[0].path).toBe('attachments.1');
    expect((await t.database.db.select().from(reports)).length).toBe(before);
    expect((await t.storedUploads())).toBe(filesBefore);
    const audit = await expectAudited(t.database, 'reports.attachment.rejected');
    expect(audit.details).toMatchObject({ reason: 'infecte', signature: 'Eicar-Test-Signature', mediaType: 'text/plain', channel: 'sms' });
  });

  it('neutralises hostile file names', async () => {
    const res = await fileWith(doctor, [
      { name: '../../../etc/cron.d/evil.txt', bytes: plainText() },
      { name: 'facture\u202Efdp.png', bytes: tinyPng() },
      { name: '.\u0007', bytes: tinyPdf() },
    ]);
    expect(res.statusCode).toBe(201);
    const rows = await t.database.db.select().from(reportAttachments).where(eq(reportAttachments.reportId, res.json().reportId));
    expect(rows.map((r) => r.fileName).sort()).toEqual(['evil.txt', 'facturefdp.png', 'piece-jointe.pdf']);
    for (const r of rows) expect(r.storageKey).toMatch(/^([0-9a-f]{2}|pg|s3)\/[0-9a-f-]{36}$/);
  });

  it('lists the doctor’s own reports with their status in French, and only theirs', async () => {
    const other = await buildUser(t.database, t.keys, { role: 'medecin' });
    const otherClient = new TestClient(t.app);
    await otherClient.login(t.database, other);
    await fileAs(otherClient, { organisationName: 'Annuaire Santé Pro' });

    const mine = await doctor.get('/api/reports/mine');
    expect(mine.statusCode).toBe(200);
    const list = mine.json();
    expect(list.total).toBeGreaterThanOrEqual(10);
    expect(list.items.length).toBe(Math.min(20, list.total));
    expect(list.items[0]).toMatchObject({ status: 'nouveau', statusLabel: 'Reçu, en attente de traitement', channelLabel: expect.any(String) });
    expect(mine.body).not.toContain('Annuaire Santé Pro');
    const theirs = (await otherClient.get('/api/reports/mine')).json();
    expect(theirs.total).toBe(1);
    expect(theirs.items[0].organisationName).toBe('Annuaire Santé Pro');

    const anonymous = new TestClient(t.app);
    expect((await anonymous.get('/api/reports/mine')).statusCode).toBe(401);
    expect((await doctor.get('/api/reports/mine?page=0')).json().error.details.fields[0].path).toBe('page');
  });

  it('reopens a report the doctor sent, with what they sent and the guidance, never another’s', async () => {
    const filed = (await fileAs(doctor, { pastedText: 'Votre certification est incomplète, rappelez le 09 70 55 44 33.', organisationName: 'Faux ANDPC' })).json();
    const res = await doctor.get(`/api/reports/mine/${filed.receiptNumber}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      receiptNumber: filed.receiptNumber,
      status: 'nouveau',
      description: 'SMS reçu au cabinet.',
      pastedText: 'Votre certification est incomplète, rappelez le 09 70 55 44 33.',
      organisationName: 'Faux ANDPC',
      attachments: [],
      guidance: expect.any(Array),
    });
    // Nothing of the council's work on it.
    expect(Object.keys(res.json())).not.toEqual(expect.arrayContaining(['assignedTo', 'notes', 'campaignId']));

    const other = await buildUser(t.database, t.keys, { role: 'medecin' });
    const otherClient = new TestClient(t.app);
    await otherClient.login(t.database, other);
    const refused = await otherClient.get(`/api/reports/mine/${filed.receiptNumber}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('Faux ANDPC');
    expect((await doctor.get('/api/reports/mine/SIG-2026-ZZZZZZZZ')).statusCode).toBe(404);
    expect((await doctor.get('/api/reports/mine/pas-un-recu')).json().error.details.fields[0].path).toBe('receiptNumber');
    expect((await new TestClient(t.app).get(`/api/reports/mine/${filed.receiptNumber}`)).statusCode).toBe(401);
  });

  it('publishes the limits the form shows', async () => {
    const res = await new TestClient(t.app).get('/api/reports/limits');
    expect(res.json()).toMatchObject({ maxFileBytes: 65_536, maxFileLabel: '64 Ko', maxFiles: 3 });
    expect(res.json().acceptedLabel).toContain('.eml');
  });

  it('describes both bodies in the OpenAPI document: JSON without files, multipart with them', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    for (const url of ['/api/reports', '/api/reports/anonymous']) {
      const content = doc.paths[url].post.requestBody.content;
      expect(Object.keys(content).sort()).toEqual(['application/json', 'multipart/form-data']);
      expect(content['multipart/form-data'].schema.properties.attachments).toMatchObject({ type: 'array', maxItems: 3, items: { type: 'string', format: 'binary' } });
      expect(content['multipart/form-data'].schema.properties.channel.enum).toContain('sms');
      expect(content['application/json'].schema.properties.channel.enum).toContain('sms');
    }
  });

  it('records created audit entries only for reports that exist', async () => {
    // Its own refused and accepted filings, so it never runs over whatever the tests before left.
    const createdBefore = (await auditEntries(t.database, 'reports.report.created')).length;
    const refused = [
      await fileWith(doctor, [{ name: 'ok.txt', bytes: plainText() }, { name: 'facture.txt', bytes: Buffer.from(EICAR_TEXT) }]),
      await fileWith(doctor, [{ name: 'court.txt', bytes: plainText() }, { name: 'long.txt', bytes: Buffer.alloc(65_537, 'a') }]),
      await fileWith(doctor, [{ name: 'vacances.png', bytes: windowsExecutable() }]),
      await fileAs(doctor, { channel: 'fax' }),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([400, 400, 400, 400]);
    expect((await auditEntries(t.database, 'reports.report.created')).length).toBe(createdBefore);

    const accepted = await fileWith(doctor, [{ name: 'capture.png', bytes: tinyPng() }]);
    expect(accepted.statusCode).toBe(201);
    const created = (await auditEntries(t.database, 'reports.report.created')).slice(createdBefore);
    expect(created.map((e) => e.entityId)).toEqual([accepted.json().reportId]);
    const ids = new Set((await t.database.db.select({ id: reports.id }).from(reports)).map((r) => r.id));
    for (const entry of await auditEntries(t.database, 'reports.report.created')) expect(ids.has(entry.entityId!)).toBe(true);
  });
});
