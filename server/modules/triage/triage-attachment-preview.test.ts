import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { auditEntries, buildUser, expectAudited, type TestUser } from '../../test/factories.js';
import { reportAttachments, type AttachmentMediaType } from '../../platform/db/schema-reports.js';
import { pngSize } from '../../platform/preview/image-size.js';
import { buildReport } from './triage.factories.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../platform/preview/fixtures/${name}`, import.meta.url)));
const UNSUPPORTED = 'Aperçu indisponible pour ce type de fichier : téléchargez-le.';

// Each render starts a process (tsx from the sources): allow a few seconds per preview.
describe('triage: inline previews of the copies of the exchanges', { timeout: 60_000 }, () => {
  let t: TestApp;
  let agent75Client: TestClient;
  let agent13Client: TestClient;
  let doctorClient: TestClient;

  const login = async (user: TestUser) => {
    const client = new TestClient(t.app);
    await client.login(t.database, user);
    return client;
  };

  /** A report of the 75 holding one file; returns the report, the file row and its preview URL. */
  async function withFile(fileName: string, mediaType: AttachmentMediaType, bytes: Uint8Array) {
    const report = await buildReport(t.database, t.app.services.uploads, { attachments: [{ fileName, mediaType, bytes }] });
    const [file] = await t.database.db.select().from(reportAttachments).where(eq(reportAttachments.reportId, report.id));
    return { report, file: file!, url: `/api/triage/reports/${report.id}/attachments/${file!.id}/preview` };
  }

  beforeAll(async () => {
    t = await buildTestApp();
    agent75Client = await login(await buildUser(t.database, t.keys, { role: 'agent', departement: '75' }));
    agent13Client = await login(await buildUser(t.database, t.keys, { role: 'agent', departement: '13' }));
    doctorClient = await login(await buildUser(t.database, t.keys, { role: 'medecin', departement: '75' }));
  });
  afterAll(() => t.close());

  it('climbs the ladder: 401, 400 per bad id, 403 for a doctor, 404 outside the département or for a file not of this report', async () => {
    const { report, url } = await withFile('relance.eml', 'message/rfc822', fixture('relance.eml'));
    const anonymous = new TestClient(t.app);
    await anonymous.refreshSession();
    expect((await anonymous.get(url)).statusCode).toBe(401);

    const badFile = await agent75Client.get(`/api/triage/reports/${report.id}/attachments/42/preview`);
    expect(badFile.statusCode).toBe(400);
    expect(badFile.json().error.details.fields[0].path).toBe('attachmentId');
    const badReport = await agent75Client.get(`/api/triage/reports/pas-un-uuid/attachments/${UNKNOWN}/preview`);
    expect(badReport.json().error.details.fields[0].path).toBe('id');

    const before = (await auditEntries(t.database, 'reports.attachment.read')).length;
    const refused = await doctorClient.get(url);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('certification');
    const elsewhere = await agent13Client.get(url);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error.code).toBe('NOT_FOUND');
    expect(elsewhere.body).not.toContain('certification');
    expect((await agent75Client.get(`/api/triage/reports/${report.id}/attachments/${UNKNOWN}/preview`)).statusCode).toBe(404);
    const other = await buildReport(t.database, t.app.services.uploads);
    const { file } = await withFile('autre.txt', 'text/plain', new TextEncoder().encode('autre'));
    expect((await agent75Client.get(`/api/triage/reports/${other.id}/attachments/${file.id}/preview`)).statusCode).toBe(404);
    // Nothing was read for the refused requests.
    expect(await auditEntries(t.database, 'reports.attachment.read')).toHaveLength(before);
  });

  it('shows a screenshot as a fresh PNG, inline, private, never sniffed; the read is audited', async () => {
    const { report, file, url } = await withFile('capture sms.png', 'image/png', fixture('capture.png'));
    const res = await agent75Client.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe('inline');
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(pngSize(res.rawPayload)).toEqual({ width: 320, height: 200 });
    const entry = await expectAudited(t.database, 'reports.attachment.read', file.id);
    expect(entry.details).toEqual({ reportId: report.id, sha256: file.sha256, preview: true });
  });

  it('turns a JPEG photo into a PNG and a PDF into an image of its first page, 1200 px wide', async () => {
    const photo = await agent75Client.get((await withFile('photo.jpg', 'image/jpeg', fixture('photo.jpg'))).url);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(pngSize(photo.rawPayload)).toEqual({ width: 240, height: 160 });

    const pdf = await agent75Client.get((await withFile('relance.pdf', 'application/pdf', fixture('one-page.pdf'))).url);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('image/png');
    expect(pdf.headers['content-disposition']).toBe('inline');
    expect(pngSize(pdf.rawPayload)?.width).toBe(1200);
  });

  it('shows an email as text (headers, then the HTML body as text) and a text file as it is', async () => {
    const mail = await agent75Client.get((await withFile('relance.eml', 'message/rfc822', fixture('relance.eml'))).url);
    expect(mail.statusCode).toBe(200);
    expect(mail.headers['content-type']).toMatch(/^application\/json/);
    expect(mail.headers['cache-control']).toBe('no-store');
    expect(mail.headers['x-content-type-options']).toBe('nosniff');
    const { kind, text } = mail.json();
    expect(kind).toBe('text');
    expect(text).toContain('De : Ordre des Medecins <contact@ordre-medecins-certif.example>');
    expect(text).toContain('Objet : Certification périodique — dernière relance');
    expect(text).toContain('Votre certification périodique doit être validée avant le 30/06.');
    expect(text).not.toMatch(/<(p|b|a|img|script|style)\b/i);

    const plain = await agent75Client.get((await withFile('sms.txt', 'text/plain', new TextEncoder().encode('<b>Payez</b> sur https://x.example'))).url);
    expect(plain.json()).toEqual({ kind: 'text', text: '<b>Payez</b> sur https://x.example' });
  });

  it('answers 200 with a French reason for an Outlook message, a corrupt PDF, or a file above the upload limit', async () => {
    const msg = await withFile('message.msg', 'application/vnd.ms-outlook', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    const outlook = await agent75Client.get(msg.url);
    expect(outlook.statusCode).toBe(200);
    expect(outlook.json()).toEqual({ kind: 'none', reason: UNSUPPORTED });
    // Nothing of the file was read: no audit entry for it.
    expect((await auditEntries(t.database, 'reports.attachment.read')).filter((e) => e.entityId === msg.file.id)).toHaveLength(0);

    const corrupt = await agent75Client.get((await withFile('facture.pdf', 'application/pdf', fixture('corrupt.pdf'))).url);
    expect(corrupt.statusCode).toBe(200);
    expect(corrupt.json()).toEqual({ kind: 'none', reason: 'Aperçu indisponible : ce fichier n’a pas pu être lu. Téléchargez-le pour l’ouvrir.' });

    const big = await withFile('grande.png', 'image/png', fixture('capture.png'));
    await t.database.db.update(reportAttachments).set({ sizeBytes: t.app.services.config.uploadMaxBytes + 1 }).where(eq(reportAttachments.id, big.file.id));
    expect((await agent75Client.get(big.url)).json()).toEqual({ kind: 'none', reason: 'Aperçu indisponible : ce fichier est trop volumineux. Téléchargez-le.' });
  });

  it('renders at most two files at once, lets four wait, and asks the next one to retry later (503, Retry-After)', async () => {
    const { url } = await withFile('capture.png', 'image/png', fixture('capture.png'));
    const answers = await Promise.all(Array.from({ length: 7 }, () => agent75Client.get(url)));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 503]);
    const busy = answers.find((a) => a.statusCode === 503)!;
    expect(busy.headers['retry-after']).toBe('5');
    expect(busy.json().error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: 'Trop d’aperçus sont en cours de préparation. Réessayez dans quelques secondes.' });
  });
});
